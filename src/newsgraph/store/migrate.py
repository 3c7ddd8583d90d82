"""Alembic migrations, run programmatically (no alembic.ini needed).

``upgrade(engine)`` brings a database to the newest schema inside one transaction that
holds the write lock, so concurrent first opens are safe. To add a revision after an
additive change to ``schema.py``::

    python -m newsgraph.store.migrate revision -m "add facts.something"

which autogenerates it by comparing ``schema.metadata`` with a scratch SQLite database
migrated to the current head; review the generated file before committing it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from ..errors import SchemaMismatch
from .db import create_engine, write_transaction

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to REVISION (default: the newest), under the write lock."""
    with write_transaction(engine) as conn:
        current = current_revision(conn)
        if revision == "head" and current == head_revision():
            return
        if current is None:
            _refuse_foreign(conn)
        command.upgrade(alembic_config(conn), revision)


def _refuse_foreign(conn: Connection) -> None:
    """Never add newsgraph's tables to a SQLite file that holds something else."""
    if conn.dialect.name != "sqlite":
        return  # a PostgreSQL database may well be shared with other applications
    tables = [t for t in sa.inspect(conn).get_table_names() if not t.startswith("sqlite_")]
    if tables:
        raise SchemaMismatch(f"not a newsgraph database: it already has other tables ({', '.join(tables[:5])})")


def new_revision(message: str) -> None:
    """Autogenerate a revision for what ``schema.py`` has and the migrations lack."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(Path(tmp) / "scratch.db")
        upgrade(engine)
        with engine.begin() as conn:
            command.revision(alembic_config(conn), message=message, autogenerate=True, rev_id=_next_rev_id())
        engine.dispose()


def _next_rev_id() -> str:
    """Revisions are numbered 0001, 0002, ... so their order is plain from the file names."""
    numbers = [int(p.name[:4]) for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")]
    return f"{max(numbers, default=0) + 1:04d}"


def _main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "revision" and argv[1] == "-m":
        new_revision(argv[2])
        return 0
    sys.stderr.write('usage: python -m newsgraph.store.migrate revision -m "message"\n')
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main(sys.argv[1:]))
