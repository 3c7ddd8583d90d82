"""Export fixtures: a small base with a tenure, a meeting and relations, on each backend."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "query"))  # query_kb

from query_kb import add  # noqa: E402

APPOINTED = ("Pakistan's Prime Minister appointed Lieutenant General Asim Malik director general of "
             "Inter-Services Intelligence (ISI) on Monday.")
MEETING = "ISI chief Asim Malik met Chinese Minister of Public Security Wang Xiaohong in Beijing on Thursday."
MEMBER = "Analysts said Wang Xiaohong is a member of the Communist Party of China and a rival of no one."


@pytest.fixture
def kb(store_url):
    from newsgraph.store import Store

    with Store.open(store_url) as store:
        add(store, APPOINTED, [("Asim Malik", "PERSON", []), ("Inter-Services Intelligence", "ORG", ["ISI"]),
                               ("Pakistan", "GPE", [])],
            [{"kind": "appointment", "person": "Asim Malik", "title": "director general of Inter-Services "
              "Intelligence", "org": "Inter-Services Intelligence", "date": "2024-09-30", "evidence": APPOINTED}],
            source="dawn", published="2024-09-30")
        add(store, MEETING, [("Asim Malik", "PERSON", []), ("ISI", "ORG", []), ("Wang Xiaohong", "PERSON", []),
                             ("Beijing", "GPE", [])],
            [{"kind": "event", "event_type": "meeting", "participants": ["Asim Malik", "Wang Xiaohong"],
              "place": "Beijing", "date": "2024-11-07", "plover": "CONSULT", "evidence": MEETING},
             {"kind": "position", "person": "Wang Xiaohong", "title": "Minister of Public Security",
              "status": "current", "evidence": MEETING}],
            source="xinhua", published="2024-11-08")
        add(store, MEMBER, [("Wang Xiaohong", "PERSON", []), ("Communist Party of China", "ORG", ["CPC"])],
            [{"kind": "relation", "relation": "member_of", "subject": "Wang Xiaohong",
              "object": "Communist Party of China", "evidence": MEMBER}],
            source="scmp", published="2024-11-09")
        yield store
