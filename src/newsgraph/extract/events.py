"""Meetings and other events with participants, place, date; PLOVER category."""

from __future__ import annotations

from .context import Context


def run(ctx: Context) -> None:
    return None
