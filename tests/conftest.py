"""Shared fixtures. Tests that need the model use the real installed pipeline, loaded once."""

from __future__ import annotations

import os

import pytest

# a failing extractor stage raises in tests instead of being skipped with a warning
os.environ.setdefault("NEWSGRAPH_STRICT", "1")

from helpers import PG_ENV, ROOT, SHARED, entity_by_name, facts, fresh_pg_database  # noqa: F401  (re-exported)


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


# -- knowledge-base fixtures (store tests run on SQLite and, when NEWSGRAPH_TEST_PG_URL is set, PostgreSQL) ----

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
    url, drop = fresh_pg_database(base)
    try:
        yield url
    finally:
        drop()
