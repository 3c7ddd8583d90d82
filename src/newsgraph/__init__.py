"""newsgraph: news articles in, a sourced, time-aware knowledge graph of political and security actors out.

The public surface is small; everything else is reachable through its module::

    from newsgraph import Article, Store, extract, ingest, query

    result = extract.extract(Article(text=open("article.txt").read()))   # the newsgraph.extraction/1 object
    ingest.ingest(["articles/"], store="sqlite:///kb.db")                  # a knowledge base
    query.show(Store("sqlite:///kb.db"), entity_id)                       # what it knows about someone

Imports are lazy so that ``import newsgraph`` stays cheap (spaCy loads only when needed).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .article import Article
from .errors import (
    ExtractionError,
    FetchError,
    ModelError,
    NewsgraphError,
    NotFound,
    ParseError,
    QueryError,
    ResolutionError,
    SchemaMismatch,
    SourceError,
    StoreError,
)

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ExtractionError",
    "FetchError",
    "ModelError",
    "NewsgraphError",
    "NotFound",
    "ParseError",
    "QueryError",
    "ResolutionError",
    "SchemaMismatch",
    "SourceError",
    "Store",
    "StoreError",
    "__version__",
    "extract",
    "ingest",
    "query",
]

_LAZY = {
    "extract": ("newsgraph.extract", None),
    "ingest": ("newsgraph.ingest", None),
    "Store": ("newsgraph.store", "Store"),
    "query": ("newsgraph.query", None),
}

if TYPE_CHECKING:  # pragma: no cover
    from . import extract, ingest, query
    from .store import Store


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")
    module, attr = _LAZY[name]
    value = import_module(module)
    return getattr(value, attr) if attr else value
