"""Direct quotes and their speakers; records ctx.quote_regions so later facts are attributed."""

from __future__ import annotations

from .context import Context


def run(ctx: Context) -> None:
    return None
