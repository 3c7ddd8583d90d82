"""The web app (``newsgraph serve``): JSON API, server-rendered pages, network view."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
