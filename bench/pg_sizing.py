"""Size a PostgreSQL base on paper from measured rows and bytes per article.

    python bench/pg_sizing.py --from bench.db --pg postgresql://.../empty_db [--articles 10000000]

Copies every row of a base made by a real ingest (a SQLite file, e.g. the one ``bench/run.py
--keep DIR`` leaves as DIR/interleaved.db) into an empty PostgreSQL database through the store's
schema, so PostgreSQL holds exactly the rows its own ingest would write, then reads each table's
row count and on-disk size (heap + TOAST, and indexes) and scales them to ARTICLES.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import sqlalchemy as sa


def _migrated(src_url: str, tmp: Path) -> str:
    """A SQLite source is copied and opened read-write, so it is migrated to this newsgraph's schema first."""
    if not src_url.startswith("sqlite:///"):
        return src_url
    copy = tmp / "source.db"
    shutil.copy(src_url.removeprefix("sqlite:///"), copy)
    return f"sqlite:///{copy}"


def copy_rows(src_url: str, dst_url: str, chunk: int = 5000) -> None:
    """Every table's rows from SRC into the (fresh) base at DST, parents first; ids kept."""
    from newsgraph.store import Store
    from newsgraph.store.schema import metadata

    with tempfile.TemporaryDirectory() as tmp, Store.open(_migrated(src_url, Path(tmp))) as src, \
            Store.open(dst_url) as dst:
        with src.read() as rconn, dst.write() as wconn:
            for table in metadata.sorted_tables:
                result = rconn.execute(sa.select(table))
                while rows := result.fetchmany(chunk):
                    wconn.execute(table.insert(), [dict(r._mapping) for r in rows])
            for table in metadata.sorted_tables:
                if "id" in table.c and isinstance(table.c.id.type, sa.Integer):
                    wconn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                          f"coalesce((SELECT max(id) FROM {table.name}), 1))"))
        with dst.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE"))


def measure(pg_url: str, scale_to: int) -> dict[str, Any]:
    """Rows and bytes per article of each table, and the totals scaled to SCALE_TO articles."""
    from newsgraph.store import Store
    from newsgraph.store.schema import metadata

    with Store.open(pg_url, readonly=True) as kb, kb.read() as conn:
        n = conn.execute(sa.text("SELECT count(*) FROM articles")).scalar() or 1
        tables = {}
        for table in metadata.sorted_tables:
            rows = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()
            heap = conn.execute(sa.text(f"SELECT pg_table_size('{table.name}')")).scalar()
            index = conn.execute(sa.text(f"SELECT pg_indexes_size('{table.name}')")).scalar()
            tables[table.name] = {"rows": rows, "rows_per_article": round(rows / n, 2),
                                  "table_bytes_per_article": round(heap / n),
                                  "index_bytes_per_article": round(index / n)}
    per_article = sum(t["table_bytes_per_article"] + t["index_bytes_per_article"] for t in tables.values())
    return {"articles": n, "tables": tables, "bytes_per_article": per_article,
            "scaled_to": scale_to, "scaled_gib": round(per_article * scale_to / 2**30, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--from", dest="src", required=True, help="a base filled by a real ingest (path or URL)")
    ap.add_argument("--pg", required=True, help="an empty PostgreSQL database")
    ap.add_argument("--articles", type=int, default=10_000_000)
    a = ap.parse_args(argv)
    src = a.src if "://" in a.src else f"sqlite:///{a.src}"
    copy_rows(src, a.pg)
    json.dump(measure(a.pg, a.articles), sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
