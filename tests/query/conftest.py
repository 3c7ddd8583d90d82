"""Query fixtures: a fresh base per test on each backend (``store_url``)."""

from __future__ import annotations

import pytest


@pytest.fixture
def store(store_url):
    from newsgraph.store import Store

    with Store.open(store_url) as s:
        yield s
