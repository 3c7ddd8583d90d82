"""Resolution fixtures: a fresh base per test on each backend; the query tests' article builder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "query"))  # query_kb


@pytest.fixture
def store(store_url):
    from newsgraph.store import Store

    with Store.open(store_url) as s:
        yield s
