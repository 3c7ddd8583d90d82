"""Posts held: person, title, org, status (current/former)."""

from __future__ import annotations

from .context import Context


def run(ctx: Context) -> None:
    return None
