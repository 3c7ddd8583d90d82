"""The knowledge base: a SQLite file by default, PostgreSQL when given a ``postgresql://`` URL.

``Store`` is the facade the rest of newsgraph uses::

    with Store.open("sqlite:///newsgraph.db") as store:      # creates / migrates the schema
        result = store.add(contract, article)                # one transaction per article
        store.stats()                                        # {"articles": ..., ...}

    Store.open(url, readonly=True)                           # queries, web, export

Tables are in ``schema``; writes in ``writer``; basic reads in ``reader``; connections,
locking and error translation in ``db``; migrations in ``migrate``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np
from alembic.util import CommandError
from sqlalchemy.engine import Connection, Engine

from ..article import Article
from ..errors import NotFound, SchemaMismatch, StoreError
from . import migrate, reader
from .db import DEFAULT_LOCK_TIMEOUT, create_engine, describe, normalize_url, store_errors, write_transaction

if TYPE_CHECKING:
    from .writer import WriteResult

DEFAULT_URL = "sqlite:///newsgraph.db"
DB_ENV = "NEWSGRAPH_DB"

__all__ = ["DB_ENV", "DEFAULT_URL", "Store", "default_url"]


def default_url() -> str:
    return os.environ.get(DB_ENV) or DEFAULT_URL


class Store:
    """One knowledge base. Cheap to open; close it (or use ``with``) to release connections."""

    def __init__(self, engine: Engine, *, where: str, readonly: bool = False) -> None:
        self.engine = engine
        self.where = where
        self.readonly = readonly

    @classmethod
    def open(cls, url: str | os.PathLike | None = None, *, readonly: bool = False,
             timeout: float = DEFAULT_LOCK_TIMEOUT) -> Store:
        """Open the base at URL (default: ``$NEWSGRAPH_DB``, else ./newsgraph.db).

        Read-write opens create the schema or migrate it to the newest version; read-only
        opens refuse a database that is missing, empty, or from another schema version.
        """
        sa_url = normalize_url(url if url is not None else default_url())
        where = describe(sa_url)
        engine = create_engine(sa_url, readonly=readonly, timeout=timeout)
        store = cls(engine, where=where, readonly=readonly)
        try:
            with store_errors(where):
                if readonly:
                    store._check_revision()
                else:
                    try:
                        migrate.upgrade(engine)
                    except SchemaMismatch as err:
                        raise SchemaMismatch(f"{where}: {err}") from err
        except CommandError as err:
            engine.dispose()
            raise SchemaMismatch(f"{where}: database schema is from another newsgraph version ({err})") from err
        except BaseException:
            engine.dispose()
            raise
        return store

    def _check_revision(self) -> None:
        with self.engine.connect() as conn:
            current = migrate.current_revision(conn)
        if current is None:
            raise NotFound(f"{self.where}: not a newsgraph database yet (run `newsgraph ingest` first)")
        if current != migrate.head_revision():
            raise SchemaMismatch(f"{self.where}: database schema {current} is not this newsgraph's "
                                 f"{migrate.head_revision()}; open it read-write once to migrate it")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions ------------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction holding the write lock; commits on success, rolls back on error."""
        if self.readonly:
            raise StoreError(f"{self.where}: opened read-only")
        with store_errors(self.where), write_transaction(self.engine) as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with store_errors(self.where), self.engine.connect() as conn:
            yield conn

    # -- writes ------------------------------------------------------------------------------
    def add(self, contract: Mapping[str, Any], article: Article | None = None,
            signature: np.ndarray | None = None) -> WriteResult:
        """Store one extracted article in its own transaction (see ``writer.write_article``)."""
        from . import writer  # imports the extraction package (spaCy); reads don't need it

        article = article or _article_from_contract(contract)
        with self.write() as conn:
            return writer.write_article(conn, contract, article, signature)

    def add_copy(self, article: Article, signature: np.ndarray | None = None) -> WriteResult | None:
        """Record an already-stored text or a near-duplicate without extracting it; None if it is neither."""
        from . import writer

        with self.write() as conn:
            return writer.write_copy(conn, article, signature)

    def bulk_load(self, blocks: Iterable[Mapping[str, list[dict[str, Any]]]], *,
                  trusted: bool = False) -> dict[str, int]:
        """Write BLOCKS of ready-made rows (``store.bulk``: entities already linked), one transaction per block;
        returns rows written per table. For building or importing big bases, not for ingest.

        TRUSTED: the rows are known to be consistent (made by ``store.bulk`` from ids the caller assigned), so
        PostgreSQL may skip its row-by-row foreign-key triggers when the loading role is allowed to.
        """
        from .bulk import BulkLoader

        counts: dict[str, int] = {}
        loader = None
        for rows in blocks:
            with self.write() as conn:
                loader = BulkLoader(conn, trusted=trusted)
                loader.load(rows)
            for name, n in loader.counts.items():
                counts[name] = counts.get(name, 0) + n
        with self.write() as conn:
            BulkLoader(conn).finish()
        self.refresh_summary(full=True)
        return counts

    def refresh_summary(self, *, full: bool = False) -> str:
        """Bring the kept sighting groups (``store.summary``) and the kept tenures (``newsgraph.kept_tenures``) up to
        date: the facts added since the last refresh, or all of them after a curation or when FULL; returns what
        was done to the sighting groups: 'fresh', 'incremental' or 'rebuilt'."""
        # the kept tenures are built by newsgraph.tenure, above the store: imported here, as that refresh needs it
        from ..kept_tenures import refresh as refresh_tenures
        from . import summary

        with self.write() as conn:
            done = summary.refresh(conn, full=full)
            refresh_tenures(conn, full=full)
            return done

    def record_failure(self, *, key: str, stage: str, reason: str, origin: str | None = None,
                       article_id: str | None = None) -> None:
        from . import writer

        with self.write() as conn:
            writer.record_failure(conn, key=key, stage=stage, reason=reason, origin=origin, article_id=article_id)

    # -- reads -------------------------------------------------------------------------------
    def known(self, article: Article) -> str | None:
        """The stored article ARTICLE already is (same text or same corpus id), if any."""
        from . import writer

        with self.read() as conn:
            return writer.find_existing(conn, article.id, article.external_id)

    def near_duplicate(self, signature: np.ndarray | None) -> tuple[str, float] | None:
        from . import writer

        with self.read() as conn:
            return writer.find_near_duplicate(conn, signature)

    def stats(self) -> dict[str, int]:
        with self.read() as conn:
            return reader.stats(conn)

    def failures(self) -> list[dict[str, Any]]:
        with self.read() as conn:
            return reader.list_failures(conn)

    def entities(self, type: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        with self.read() as conn:
            return reader.list_entities(conn, type, limit)

    def article(self, article_id: str) -> dict[str, Any] | None:
        with self.read() as conn:
            return reader.get_article(conn, article_id)

    def sources(self, article_id: str) -> list[dict[str, Any]]:
        with self.read() as conn:
            return reader.list_sources(conn, article_id)


def _article_from_contract(contract: Mapping[str, Any]) -> Article:
    from ..article import parse_date

    head = contract["article"]
    return Article(text=head["text"], title=head.get("title"), source=head.get("source"),
                   published=parse_date(head.get("published")), url=head.get("url"))
