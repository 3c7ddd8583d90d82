"""Extraction on a Dask cluster: ``newsgraph ingest ... --executor dask [--scheduler ADDRESS]``.

The calling process reads and prefilters articles exactly as a local ingest does, streams the
batches that need extraction to the cluster (at most two per worker in flight, so a corpus of
any size uses bounded memory), and writes each result, in input order, through the same store
code (``ingest._write``: one transaction per article). Input order matters: global entity ids
and cross-article links depend on it, so a Dask ingest builds the same base as a
single-process ingest of the same articles.

Each worker loads the spaCy pipeline once: a worker plugin loads it when the worker joins,
and ``nlp.get_nlp`` keeps it for every later batch. Workers need newsgraph and the model
installed (the same image or environment as the client). Without a scheduler address a
``LocalCluster`` of WORKERS single-threaded processes is started for the run.

Only articles travel to workers (plain picklable ``Article`` objects) and only contract dicts
come back; the database is never opened on a worker.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from ..article import Article
from ..errors import NewsgraphError
from ..ingest import ExtractFailure, IngestSummary, Pending, extract_batch
from ..ingest import ingest as local_ingest

#: Batches in flight per worker: one being parsed, one waiting, so no worker idles between batches.
IN_FLIGHT_PER_WORKER = 2
#: Seconds to wait for a scheduler (and for its first worker) before giving up.
CONNECT_TIMEOUT = 60


class ExecutorError(NewsgraphError):
    """The Dask cluster could not be used (not installed, unreachable, no workers)."""


def _require_distributed():
    try:
        import distributed
    except ImportError as err:
        raise ExecutorError("the Dask executor needs dask.distributed: pip install 'newsgraph[dask]'") from err
    return distributed


def extract_on_worker(articles: list[Article], model: str | None) -> list[dict | ExtractFailure]:
    """The task run on a worker: one batch of articles -> contract objects (or failures), in order."""
    return extract_batch(articles, model)


def nlp_plugin(model: str | None):
    """A worker plugin that loads the spaCy pipeline MODEL once, when each worker starts or joins."""
    distributed = _require_distributed()

    class LoadNlp(distributed.WorkerPlugin):
        name = "newsgraph-nlp"

        def __init__(self, model: str | None) -> None:
            self.model = model

        def setup(self, worker) -> None:
            from ..nlp import get_nlp

            get_nlp(self.model)

    return LoadNlp(model)


class DaskExtractor:
    """The ``extracted`` hook of ``ingest``: prepared batches in, the same batches with results out, in order."""

    def __init__(self, client, model: str | None = None, in_flight: int | None = None) -> None:
        self.client = client
        self.model = model
        self.in_flight = in_flight

    def _window(self) -> int:
        if self.in_flight:
            return self.in_flight
        workers = len(self.client.scheduler_info(n_workers=-1).get("workers", {})) or 1
        return IN_FLIGHT_PER_WORKER * workers

    def __call__(self, batches: Iterable[list[Pending]]) -> Iterator[list[Pending]]:
        window = self._window()
        queue: deque = deque()
        try:
            for batch in batches:
                todo = [p for p in batch if p.status == "todo"]
                future = (self.client.submit(extract_on_worker, [p.item for p in todo], self.model, pure=False)
                          if todo else None)
                queue.append((batch, todo, future))
                while len(queue) >= window:
                    yield self._collect(*queue.popleft())
            while queue:
                yield self._collect(*queue.popleft())
        finally:
            for _, _, future in queue:  # the run stopped early: don't leave work on the cluster
                if future is not None:
                    future.cancel()

    @staticmethod
    def _collect(batch: list[Pending], todo: list[Pending], future) -> list[Pending]:
        if future is not None:
            for pending, result in zip(todo, future.result(), strict=True):
                pending.result = result
        return batch


@contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2) -> Iterator[Any]:
    """A client of the cluster at SCHEDULER, or of a LocalCluster of WORKERS processes started for the run."""
    distributed = _require_distributed()
    if scheduler:
        try:
            client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as err:
            raise ExecutorError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err
        try:
            yield client
        finally:
            client.close()
        return
    with distributed.LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster) as client:
        yield client


def ingest(paths: Iterable[str | os.PathLike] = (), *, scheduler: str | None = None, workers: int = 2,
           model: str | None = None, **kwargs: Any) -> IngestSummary:
    """``newsgraph.ingest.ingest`` with extraction on a Dask cluster (see the module docstring).

    SCHEDULER is the address of a running scheduler (``tcp://host:8786``); without it a local
    cluster of WORKERS processes is started. Other keyword arguments are ``ingest``'s.
    """
    with dask_client(scheduler, workers) as client:
        client.register_plugin(nlp_plugin(model))
        if scheduler:
            try:
                client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as err:
                raise ExecutorError(f"the Dask scheduler at {scheduler} has no workers: {err}") from err
        return local_ingest(paths, model=model, extracted=DaskExtractor(client, model), **kwargs)
