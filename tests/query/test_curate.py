"""Curation: merge, split, rename, reject, confirm -- and the log that re-applies them after a rebuild."""

from __future__ import annotations

import pytest
from query_kb import add

from newsgraph import curate, query
from newsgraph.errors import QueryError
from newsgraph.store import Store

A = "Police chief Kanja Kilonzo said the curfew in Nakuru would be lifted on Friday."
B = "Douglas Kanja, the acting Inspector General, toured Nakuru on Saturday."
C = "Nakuru governor Susan Kihika welcomed the lifting of the curfew."


def kenya(store) -> None:
    add(store, A, [("Kanja Kilonzo", "PERSON", []), ("Nakuru", "GPE", [])],
        [{"kind": "position", "person": "Kanja Kilonzo", "title": "police chief", "status": "current",
          "evidence": A}], source="nation", published="2024-07-20")
    add(store, B, [("Douglas Kanja", "PERSON", []), ("Nakuru", "GPE", [])],
        [{"kind": "position", "person": "Douglas Kanja", "title": "Inspector General", "status": "current",
          "evidence": B}], source="the-star", published="2024-07-21")
    add(store, C, [("Susan Kihika", "PERSON", []), ("Nakuru", "GPE", [])],
        [{"kind": "position", "person": "Susan Kihika", "title": "Nakuru governor", "status": "current",
          "evidence": C}], source="citizen", published="2024-07-22")


def _names(store) -> set[str]:
    return {e["name"] for e in query.list_entities(store, type="PERSON")}


def test_merge_moves_names_mentions_and_facts(store):
    kenya(store)
    keep, gone = query.resolve_name(store, "Douglas Kanja"), query.resolve_name(store, "Kanja Kilonzo")
    curate.merge(store, keep, gone, note="same man: Douglas Kanja Kilonzo")
    assert _names(store) == {"Douglas Kanja", "Susan Kihika"}
    assert query.resolve_name(store, "Kanja Kilonzo") == keep
    shown = query.show(store, keep)
    assert {p["title"] for p in shown["positions"]} == {"police chief", "Inspector General"}
    assert shown["entity"]["articles"] == 2
    why = query.why(store, keep, gone)
    assert why["same"] and why["verdict"].startswith("one entity: merged by curation")
    with pytest.raises(QueryError):
        curate.merge(store, keep, gone)


def test_split_rename_reject_confirm(store):
    kenya(store)
    keep, gone = query.resolve_name(store, "Douglas Kanja"), query.resolve_name(store, "Kanja Kilonzo")
    curate.merge(store, keep, gone)
    res = curate.split(store, keep, ["Kanja Kilonzo"])
    assert _names(store) == {"Douglas Kanja", "Kanja Kilonzo", "Susan Kihika"}
    assert query.show(store, res["new_entity"])["positions"][0]["title"] == "police chief"
    curate.rename(store, keep, "Douglas Kanja Kilonzo")
    assert query.resolve_name(store, "Douglas Kanja Kilonzo") == keep
    kihika = query.resolve_name(store, "Susan Kihika")
    fact = query.show(store, kihika)["positions"][0]["sources"][0]["fact"]
    curate.reject(store, fact, note="she is governor of Nakuru county, not a town")
    assert query.show(store, kihika)["positions"] == []
    assert query.stats(store)["facts"] == 2
    curate.confirm(store, fact)
    assert query.show(store, kihika)["positions"][0]["sources"][0]["confirmed"] is True
    assert [e["action"] for e in curate.log(store)] == ["merge", "split", "rename", "reject", "confirm"]


def test_the_log_rebuilds_the_corrections_on_a_fresh_base(store, tmp_path):
    kenya(store)
    keep, gone = query.resolve_name(store, "Douglas Kanja"), query.resolve_name(store, "Kanja Kilonzo")
    curate.merge(store, keep, gone)
    kihika = query.resolve_name(store, "Susan Kihika")
    curate.reject(store, query.show(store, kihika)["positions"][0]["sources"][0]["fact"])
    exported = curate.export_log(store)
    # the same articles extracted again into an empty base: new ids everywhere
    with Store.open(f"sqlite:///{tmp_path / 'rebuilt.db'}") as fresh:
        add(fresh, "An unrelated story about Mombasa port.", [("Mombasa", "GPE", [])])
        kenya(fresh)
        assert len(_names(fresh)) == 3
        assert curate.import_log(fresh, exported.splitlines()) == 2
        assert _names(fresh) == {"Douglas Kanja", "Susan Kihika"}
        assert query.show(fresh, query.resolve_name(fresh, "Susan Kihika"))["positions"] == []
        assert curate.reapply(fresh) == 0  # idempotent


def test_a_rejection_survives_re_extraction_by_ingest(store, tmp_path):
    """The article is deleted and ingested again (new fact rows): ingest re-applies the log."""
    import sqlalchemy as sa

    from newsgraph.ingest import ingest
    from newsgraph.store.schema import articles

    path = tmp_path / "kenya.txt"
    path.write_text('NAIROBI - Kenyan police chief Douglas Kanja said on Monday: "The curfew in Nakuru will be '
                    'lifted on Friday." Interior Minister Kipchumba Murkomen met Kanja in Nairobi on Tuesday.\n',
                    encoding="utf-8")
    ingest([str(path)], store=store, source="nation")
    [art] = [a["id"] for a in _articles(store)]
    first = query.article(store, art)["facts"]
    assert first, "the extractor found no fact in the test article"
    target = first[0]
    curate.reject(store, target["id"])
    with store.write() as conn:
        conn.execute(sa.delete(articles).where(articles.c.id == art))
    ingest([str(path)], store=store, source="nation")
    again = query.article(store, art)["facts"]
    assert target["id"] not in {f["id"] for f in again}  # new rows...
    assert (target["kind"], target["source"]["evidence"]) not in {(f["kind"], f["source"]["evidence"])
                                                                  for f in again}  # ...without the rejected one
    assert len(again) == len(first) - 1


def _articles(store):
    import sqlalchemy as sa

    from newsgraph.store.schema import articles

    with store.read() as conn:
        return [dict(r) for r in conn.execute(sa.select(articles.c.id)).mappings()]
