"""``newsgraph ingest --executor dask``: extraction on a Dask LocalCluster of 2 workers builds the same base.

The PostgreSQL case is the one CI runs (NEWSGRAPH_TEST_PG_URL); the SQLite case runs everywhere.
"""

from __future__ import annotations

import json
import os
from importlib.resources import files
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.store import Store
from newsgraph.store.schema import metadata

pytest.importorskip("distributed")

runner = CliRunner()

#: Columns that record when a row was written, which two runs cannot share.
CLOCK_COLUMNS = {"ingested_at", "created_at", "at", "failed_at"}

ARTICLES = [
    "Kenya's President William Ruto appointed Douglas Kanja as Inspector General of Police on Friday. "
    "Kanja replaces Japhet Koome, who resigned after weeks of protests in Nairobi.",
    "Japanese Defence Minister Gen Nakatani met his Australian counterpart Richard Marles in Tokyo on "
    "Tuesday. The two ministers agreed to expand joint exercises, Nakatani told reporters.",
    "Colombia's government resumed talks with the ELN rebel group in Caracas on Monday, chief negotiator "
    "Vera Grabe said. The talks had been suspended in September after an attack on a military base.",
    "The head of Germany's domestic intelligence agency, Thomas Haldenwang, warned on Wednesday that "
    "Russian sabotage was a growing threat. He spoke at a security conference in Berlin.",
    "Pakistan's army chief General Asim Munir visited Beijing on Thursday and met Chinese Defence Minister "
    "Dong Jun. China said the two sides would deepen security cooperation along the border.",
]


def _fresh_databases(tmp_path: Path, backend: str):
    """Two empty bases of BACKEND (URLs) and a function that drops them."""
    if backend == "sqlite":
        return [f"sqlite:///{tmp_path / n}" for n in ("single.db", "dask.db")], lambda: None
    from helpers import fresh_pg_database

    base = os.environ.get("NEWSGRAPH_TEST_PG_URL")
    if not base:
        pytest.skip("NEWSGRAPH_TEST_PG_URL is not set")
    made = [fresh_pg_database(base) for _ in range(2)]

    def drop() -> None:
        for _, d in made:
            d()

    return [url for url, _ in made], drop


def dump(url: str) -> dict[str, list]:
    """Every row of every table, ids included, without the write timestamps, in a stable order."""
    out: dict[str, list] = {}
    with Store.open(url, readonly=True) as store, store.read() as conn:
        for table in metadata.sorted_tables:
            cols = [c for c in table.columns if c.name not in CLOCK_COLUMNS]
            rows = conn.execute(sa.select(*cols)).all()
            out[table.name] = sorted(json.dumps([_plain(v) for v in row], sort_keys=True, default=str)
                                      for row in rows)
    return out


def _plain(value):
    return value.hex() if isinstance(value, bytes | memoryview) else value


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_dask_local_cluster_builds_the_same_base_as_one_process(backend, tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    lines = [{"id": f"a{i}", "text": text, "source": "wire", "published": f"2024-06-0{i + 1}"}
             for i, text in enumerate(ARTICLES)]
    (corpus / "feed.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    for sample in sorted((files("newsgraph") / "samples").iterdir(), key=lambda p: p.name):
        if sample.name.endswith(".txt"):
            (corpus / sample.name).write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    (single, clustered), drop = _fresh_databases(tmp_path, backend)
    try:
        r = runner.invoke(app, ["--db", single, "ingest", str(corpus), "--batch-size", "2"])
        assert r.exit_code == 0, r.output
        r = runner.invoke(app, ["--db", clustered, "ingest", str(corpus), "--batch-size", "2",
                                "--executor", "dask", "--workers", "2", "--json"])
        assert r.exit_code == 0, r.output
        summary = json.loads(r.stdout.strip().splitlines()[-1])
        assert summary["added"] == summary["read"] > 0 and summary["failed"] == 0
        one, other = dump(single), dump(clustered)
        assert len(one["facts"]) > 0 and len(one["entities"]) > 0
        assert one == other
    finally:
        drop()
