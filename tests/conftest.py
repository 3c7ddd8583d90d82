"""Shared fixtures. Tests that need the model use the real installed pipeline, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


# -- `from conftest import ...` means the nearest conftest.py ----------------------------------------------
# Test folders have no __init__.py, so every conftest.py is imported as the module "conftest" and the last
# one imported wins: tests/extract/*.py, collected after tests/export/conftest.py, would get that one.
# Before a test module is imported (and before each test runs), "conftest" is bound to the conftest.py
# nearest to it -- the one whose fixtures it sees.

def _nearest_conftest(config, path: Path):
    best = None
    for plugin in config.pluginmanager.get_plugins():
        file = getattr(plugin, "__file__", None)
        if not file or Path(file).name != "conftest.py":
            continue
        folder = Path(file).resolve().parent
        if folder in path.resolve().parents and (best is None or len(folder.parts) > len(best[0].parts)):
            best = (folder, plugin)
    return best[1] if best else None


def _bind_conftest(config, path: Path) -> None:
    import sys

    module = _nearest_conftest(config, path)
    if module is not None:
        sys.modules["conftest"] = module


def pytest_collectstart(collector) -> None:
    if isinstance(collector, pytest.Module):
        _bind_conftest(collector.config, collector.path)


def pytest_runtest_setup(item) -> None:
    _bind_conftest(item.config, item.path)


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def extract_text(nlp):
    """extract_text(TEXT, published="2024-01-01") -> the contract object."""
    from newsgraph.article import Article, parse_date
    from newsgraph.extract import extract

    def run(text: str, published: str | None = None, **meta) -> dict:
        return extract(Article(text=text, published=parse_date(published), **meta), nlp)

    return run


def entity_by_name(result: dict, name: str) -> dict | None:
    """The entity whose name or alias is NAME (exact)."""
    for e in result["entities"]:
        if e["name"] == name or name in e["aliases"]:
            return e
    return None


def facts(result: dict, kind: str) -> list[dict]:
    return [f for f in result["facts"] if f["kind"] == kind]


# -- knowledge-base fixtures (store tests run on SQLite and, when NEWSGRAPH_TEST_PG_URL is set, PostgreSQL) ----

PG_ENV = "NEWSGRAPH_TEST_PG_URL"


def _fresh_pg_database(base_url: str):
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


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """The URL of an empty knowledge base: a SQLite file, then a fresh PostgreSQL database.

    The PostgreSQL case is skipped only when NEWSGRAPH_TEST_PG_URL is unset (CI sets it).
    """
    import os

    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kb.db'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set")
    url, drop = _fresh_pg_database(base)
    try:
        yield url
    finally:
        drop()
