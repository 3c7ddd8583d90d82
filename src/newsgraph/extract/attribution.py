"""Reported-speech frames ("X reported that ...", "according to X"): fills ctx.report_frames and adds report facts."""

from __future__ import annotations

from .context import Context


def run(ctx: Context) -> None:
    return None
