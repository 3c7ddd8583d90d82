"""Relations between bodies: rival_of, cooperates_with, allied_with, affiliated_with, part_of, subordinate_to, ..."""

from __future__ import annotations

from .context import Context


def run(ctx: Context) -> None:
    return None
