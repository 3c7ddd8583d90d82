"""Tenure charts: rows in time order, and a tenure known only by its end drawn as such (not from the axis)."""

from __future__ import annotations

from newsgraph.web.data import chart, tenure_rows


def _tenure(name: str, start=None, end=None, status="former", first_seen=None) -> dict:
    return {"person": {"id": hash(name) % 1000, "name": name}, "title": "interior minister", "org": None,
            "start": start, "end": end, "status": status, "first_seen": first_seen, "last_seen": first_seen}


def test_rows_run_in_time_order_even_when_only_the_end_is_known():
    rows = tenure_rows([_tenure("Jorge Paredes", start="2026-02-10", status="current"),
                        _tenure("Ana Carranza", end="2026-02-10"),
                        _tenure("Oksana Hrytsenko", first_seen="2025-05-02", status="current")], label="person")
    assert [r["label"] for r in rows] == ["Oksana Hrytsenko", "Ana Carranza", "Jorge Paredes"]


def test_a_tenure_without_a_start_is_marked_and_titled_so():
    rows = tenure_rows([_tenure("Ana Carranza", end="2026-02-10"),
                        _tenure("Jorge Paredes", start="2026-02-10", status="current")], label="person")
    bars = {b["label"]: b["bar"] for b in chart(rows, today="2026-11-27")["bars"]}
    assert bars["Ana Carranza"]["from_start"] is False
    assert bars["Ana Carranza"]["title"] == "start unknown – 2026-02-10"
    assert bars["Jorge Paredes"]["from_start"] is True and bars["Jorge Paredes"]["open"] is True
    assert bars["Jorge Paredes"]["title"] == "2026-02-10 – present"


def test_nothing_dated_gives_no_chart():
    assert chart(tenure_rows([_tenure("Kwame Asante")], label="person"), today="2026-11-27") is None
