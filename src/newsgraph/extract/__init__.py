"""Extraction: one article in, the ``newsgraph.extraction/1`` object out.

The pipeline (and spaCy with it) is imported on first use of these names, not with the package: queries read
helpers such as ``extract.context.name_key`` and should not pay a second of imports and a heap of spaCy objects
that every garbage collection then walks.
"""

from __future__ import annotations

from typing import Any

__all__ = ["EXTRACTOR_VERSION", "SCHEMA", "extract", "extract_doc", "extract_many"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
