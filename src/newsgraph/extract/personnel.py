"""Appointments, dismissals and successions."""

from __future__ import annotations

from .context import Context


def run(ctx: Context) -> None:
    return None
