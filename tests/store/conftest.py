"""Store fixtures: a fresh knowledge base per test, on each backend (see ``store_url``)."""

from __future__ import annotations

import pytest
from store_helpers import build_contract


@pytest.fixture
def make_contract():
    return build_contract


@pytest.fixture
def store(store_url):
    from newsgraph.store import Store

    with Store.open(store_url) as s:
        yield s
