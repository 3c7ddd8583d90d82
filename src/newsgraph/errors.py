"""Every error newsgraph raises on purpose.

    NewsgraphError
     ├── SourceError          an article could not be read
     │    ├── FetchError      a URL could not be fetched
     │    └── ParseError      a file could not be decoded or parsed
     ├── ModelError           the spaCy pipeline could not be loaded
     ├── ExtractionError      the extractor failed on one article
     ├── ResolutionError
     ├── StoreError           the database could not be used
     │    ├── NotFound
     │    └── SchemaMismatch
     └── QueryError           a query could not be answered (e.g. an ambiguous name)

The library raises these; only ``newsgraph.cli`` and ``newsgraph.web`` turn them
into messages for people, so the library never prints and never exits.
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base of every newsgraph error."""


class SourceError(NewsgraphError):
    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source


class FetchError(SourceError):
    pass


class ParseError(SourceError):
    pass


class ModelError(NewsgraphError):
    pass


class ExtractionError(NewsgraphError):
    def __init__(self, message: str, *, article_id: str | None = None) -> None:
        super().__init__(message)
        self.article_id = article_id


class ResolutionError(NewsgraphError):
    pass


class StoreError(NewsgraphError):
    pass


class NotFound(StoreError):
    pass


class SchemaMismatch(StoreError):
    pass


class QueryError(NewsgraphError):
    def __init__(self, message: str, *, candidates: list | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []
