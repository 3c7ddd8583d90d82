"""Dates: absolute and relative expressions resolved against the publication date.

Interface used by other extractors (keep these signatures):
- ``normalize(expr, published) -> str | None``: ISO date with only the precision the text
  supports ("2023-06-15", "2023-06", "2023", "--06-15"), or None.
- ``date_for(ctx, start, end) -> str | None``: the date that governs the clause/sentence
  around [start, end) (e.g. the date of a meeting or an appointment), or None.
"""

from __future__ import annotations

from datetime import date

from .context import Context


def normalize(expr: str, published: date | None) -> str | None:
    return None


def date_for(ctx: Context, start: int, end: int) -> str | None:
    return None


def run(ctx: Context) -> None:
    return None
