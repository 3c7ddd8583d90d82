"""Shared fixtures. Tests that need the model use the real installed pipeline, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


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
