"""Plain helpers for tests: import them with ``from helpers import ...``.

Test folders have no ``__init__.py``, so every conftest.py is the module "conftest" and
``from conftest import`` would get whichever was imported last; helpers live here instead,
under a name no other file takes (tests/ is on sys.path because tests/conftest.py is).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PG_ENV = "NEWSGRAPH_TEST_PG_URL"


def entity_by_name(result: dict, name: str) -> dict | None:
    """The entity whose name or alias is NAME (exact)."""
    for e in result["entities"]:
        if e["name"] == name or name in e["aliases"]:
            return e
    return None


def facts(result: dict, kind: str) -> list[dict]:
    return [f for f in result["facts"] if f["kind"] == kind]


def fresh_pg_database(base_url: str):
    """Create an empty database next to the one in BASE_URL; returns (url, drop)."""
    import uuid

    import sqlalchemy as sa

    from newsgraph.store.db import normalize_url

    url = normalize_url(base_url)
    name = f"ng_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url.set(database=name).render_as_string(hide_password=False), drop
