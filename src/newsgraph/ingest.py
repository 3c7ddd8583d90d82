"""Ingest: read articles, extract them in batches, store each one in its own transaction.

The flow, per batch of ``batch_size`` items::

    read (sources.iter_items)  ->  prefilter (main process: already stored? a near-duplicate?
    unreadable?)  ->  extract_batch (this process, or N worker processes each loading spaCy
    once)  ->  write (main process, one transaction per article, under the write lock)

Everything a run does is idempotent per article, so an ingest that is killed and run again
ends with the same base as one uninterrupted run, and two ingests into the same database at
once neither lose nor duplicate anything (the writer re-checks identity under the lock).
A failure (unreadable input, undecodable file, extractor error) is recorded with its reason
and the batch goes on; only a database that cannot be written at all stops the run.

``extract_batch`` is the reusable unit of work: plain picklable articles in, plain
contract dicts (or ``ExtractFailure``) out, so it can run on any executor.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sqlalchemy as sa

from .article import Article
from .errors import NewsgraphError, StoreError
from .sources.records import Item, ReadFailure
from .store import Store

DEFAULT_BATCH_SIZE = 32


@dataclass(frozen=True)
class ExtractFailure:
    """Why one article could not be extracted (picklable, unlike exceptions with keyword arguments)."""

    article_id: str
    reason: str


@dataclass
class Pending:
    """One item on its way through a batch."""

    item: Item
    status: str = "todo"  # todo | failed | unchanged | duplicate
    reason: str | None = None
    signature: np.ndarray | None = None
    result: dict | ExtractFailure | None = None

    @property
    def article(self) -> Article | None:
        return self.item if isinstance(self.item, Article) else None


@dataclass(frozen=True)
class IngestEvent:
    """What happened to one input: ``added``, ``unchanged``, ``duplicate`` or ``failed``."""

    status: str
    origin: str | None
    article_id: str | None = None
    facts: int = 0
    reason: str | None = None


@dataclass
class IngestSummary:
    read: int = 0
    added: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: int = 0
    facts: int = 0
    entities: int = 0
    seconds: float = 0.0
    failures: list[IngestEvent] = field(default_factory=list)

    def count(self, event: IngestEvent, new_entities: int = 0) -> None:
        self.read += 1
        if event.status == "added":
            self.added += 1
            self.facts += event.facts
            self.entities += new_entities
        elif event.status == "unchanged":
            self.unchanged += 1
        elif event.status == "duplicate":
            self.duplicates += 1
        else:
            self.failed += 1
            self.failures.append(event)

    def to_json(self) -> dict[str, Any]:
        return {"read": self.read, "added": self.added, "unchanged": self.unchanged, "duplicates": self.duplicates,
                "failed": self.failed, "facts": self.facts, "entities": self.entities,
                "seconds": round(self.seconds, 2)}


# -- extraction (runs anywhere) -------------------------------------------------------------

def extract_batch(articles: list[Article], model: str | None = None,
                  batch_size: int = DEFAULT_BATCH_SIZE) -> list[dict | ExtractFailure]:
    """Contract objects for ARTICLES, in order; an article that fails gives an ``ExtractFailure``.

    Parses the batch through ``nlp.pipe``; if the batch as a whole breaks (one text that
    the parser cannot take), retries article by article so only the bad one fails.
    """
    from .extract import extract, extract_many
    from .nlp import get_nlp

    nlp = get_nlp(model)
    try:
        return [_plain(a, r) for a, r in zip(articles, extract_many(articles, nlp, batch_size), strict=True)]
    except Exception:  # noqa: BLE001 - isolate the article that broke the batch
        out: list[dict | ExtractFailure] = []
        for article in articles:
            try:
                out.append(extract(article, nlp))
            except Exception as err:  # noqa: BLE001 - any extractor bug is one article's failure
                out.append(ExtractFailure(article.id, _reason(err)))
        return out


def _plain(article: Article, result: dict | Exception) -> dict | ExtractFailure:
    return ExtractFailure(article.id, _reason(result)) if isinstance(result, Exception) else result


def _reason(err: BaseException) -> str:
    if isinstance(err, MemoryError):
        return "article too large to process (out of memory)"
    if isinstance(err, NewsgraphError):
        return str(err)
    return f"extractor error: {type(err).__name__}: {err}"


def _extract_pending(batch: list[Pending], model: str | None = None) -> list[Pending]:
    todo = [p for p in batch if p.status == "todo"]
    if todo:
        for p, result in zip(todo, extract_batch([p.item for p in todo], model), strict=True):
            p.result = result
    return batch


_worker_model: str | None = None
_worker_error: Exception | None = None


def _init_worker(model: str | None) -> None:
    """Load spaCy once per worker process.

    A failure is kept and raised by the first job: an initializer that raises would make
    the pool restart the worker forever.
    """
    global _worker_model, _worker_error
    import signal

    from .nlp import get_nlp

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle (it stops the pool)
    _worker_model = model
    try:
        get_nlp(model)
    except Exception as err:  # noqa: BLE001 - reported by _worker_job
        _worker_error = err


def _worker_job(batch: list[Pending]) -> list[Pending]:
    if _worker_error is not None:
        raise _worker_error
    return _extract_pending(batch, _worker_model)


# -- the run --------------------------------------------------------------------------------

def ingest(paths: Iterable[str | os.PathLike] = (), *, store: Store | str | None = None, samples: bool = False,
           source: str | None = None, workers: int = 1, batch_size: int = DEFAULT_BATCH_SIZE,
           model: str | None = None, on_event: Callable[[IngestEvent], None] | None = None,
           extracted: Callable[[Iterator[list[Pending]]], Iterator[list[Pending]]] | None = None) -> IngestSummary:
    """Read every article under PATHS (or the bundled samples) into the knowledge base.

    STORE is an open ``Store`` or a database URL (default: ``$NEWSGRAPH_DB``, else
    ./newsgraph.db). SOURCE names the outlet of articles that don't name one. WORKERS > 1
    extracts in that many processes. ON_EVENT is called once per input, after it is stored.
    EXTRACTED, when given, replaces the local executor: it takes the prepared batches and
    yields them, in input order, with ``Pending.result`` set for the ``todo`` ones (see
    ``newsgraph.executors`` for a Dask cluster).
    """
    from .sources import iter_items, iter_samples

    own = not isinstance(store, Store)
    kb = Store.open(store) if own else store
    summary = IngestSummary()
    started = time.perf_counter()
    items = iter_samples() if samples else iter_items(paths)
    try:
        batches = _prepare(items, kb, source, batch_size)
        done = extracted(batches) if extracted is not None else _extracted(batches, max(1, workers), model)
        for batch in done:
            for pending in batch:
                event, new_entities = _write(kb, pending)
                summary.count(event, new_entities)
                if on_event:
                    on_event(event)
        if summary.added:
            from .curate import reapply

            reapply(kb)  # an analyst's corrections also apply to what was just added (newsgraph.curate)
            kb.refresh_summary()  # the kept sighting groups cover the new facts (newsgraph.store.summary)
    finally:
        summary.seconds = time.perf_counter() - started
        if own:
            kb.close()
    return summary


def _extracted(batches: Iterator[list[Pending]], workers: int, model: str | None) -> Iterator[list[Pending]]:
    """Batches with extraction results, in input order; at most 2 x WORKERS batches in flight."""
    if workers == 1:
        for batch in batches:
            yield _extract_pending(batch, model)
        return
    ctx = multiprocessing.get_context("spawn")  # fork would copy the parent's threads and locks
    with ctx.Pool(workers, initializer=_init_worker, initargs=(model,)) as pool:
        in_flight: deque = deque()
        for batch in batches:
            in_flight.append(pool.apply_async(_worker_job, (batch,)))
            while len(in_flight) >= 2 * workers:
                yield in_flight.popleft().get()
        while in_flight:
            yield in_flight.popleft().get()


def _prepare(items: Iterator[Item], kb: Store, source: str | None, batch_size: int) -> Iterator[list[Pending]]:
    """Group items into batches, deciding cheaply what needs no extraction."""
    from .store import dedup

    batch: list[Pending] = []
    seen: set[str] = set()
    for item in items:
        pending = Pending(item)
        if isinstance(item, ReadFailure):
            pending.status, pending.reason = "failed", item.reason
        elif not item.text.strip():
            pending.status = "failed"
            pending.reason = next(iter(item.warnings), None) or f"{item.origin or 'article'}: no article text"
        else:
            article = _clean(item, source)
            pending.item = article
            if article.id in seen or kb.known(article):
                pending.status = "unchanged"
            else:
                pending.signature = dedup.signature(article.text)
                if kb.near_duplicate(pending.signature):
                    pending.status = "duplicate"
            seen.add(article.id)
        batch.append(pending)
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def _clean(article: Article, source: str | None) -> Article:
    """Default the outlet; NUL characters (refused by PostgreSQL) become U+FFFD, keeping offsets."""
    if source and not article.source:
        article = article.with_meta(source=source)
    if "\x00" in article.text:
        article = article.with_meta(text=article.text.replace("\x00", "\ufffd"),
                                    warnings=(*article.warnings, f"{article.origin}: NUL characters replaced"))
    return article


def _write(kb: Store, p: Pending) -> tuple[IngestEvent, int]:
    """Store one pending item in its own transaction; returns its event and how many entities were new."""
    article = p.article
    origin = article.origin if article else p.item.origin
    if p.status == "failed":
        key = article.id if article and article.text.strip() else origin or "?"
        kb.record_failure(key=key, stage="read", reason=p.reason or "unreadable", origin=origin,
                          article_id=article.id if article else None)
        return IngestEvent("failed", origin, reason=p.reason), 0
    assert article is not None
    if p.status in ("unchanged", "duplicate"):
        copy = kb.add_copy(article, p.signature)
        if copy is not None:
            return IngestEvent(copy.status, origin, copy.article_id), 0
        p.result = extract_batch([article])[0]  # the stored original went away since the prefilter
    if isinstance(p.result, ExtractFailure) or p.result is None:
        reason = p.result.reason if p.result else "not extracted"
        kb.record_failure(key=article.id, stage="extract", reason=reason, origin=origin, article_id=article.id)
        return IngestEvent("failed", origin, article.id, reason=reason), 0
    try:
        result = kb.add(p.result, article, p.signature)
    except StoreError as err:
        if isinstance(err.__cause__, sa.exc.OperationalError | sa.exc.InterfaceError):
            raise  # the database itself is unusable (locked, gone): stop the run
        kb.record_failure(key=article.id, stage="store", reason=str(err), origin=origin, article_id=article.id)
        return IngestEvent("failed", origin, article.id, reason=str(err)), 0
    return IngestEvent(result.status, origin, result.article_id, facts=result.facts), result.entities
