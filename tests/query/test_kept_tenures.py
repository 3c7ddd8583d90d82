"""The kept tenures (``newsgraph.kept_tenures``): ``show`` and ``holders`` read them when they are fresh and give the
answers that building tenures from the facts gives; an ingest refreshes the roles its facts touch, and that equals a
full rebuild; a curation leaves them stale (answers built from the facts) until the next refresh."""

from __future__ import annotations

import json

import sqlalchemy as sa
from query_kb import add, all_answers

from newsgraph import curate, kept_tenures, query, tenure
from newsgraph.ingest import ingest
from newsgraph.store import Store
from newsgraph.store.schema import entities, facts, kept_tenure_keys, kept_tenure_state
from newsgraph.store.schema import kept_tenures as kept

KENYA = [("Aden Duale", "PERSON", []), ("Kenya", "GPE", ["Kenyan"])]


def _defence(kb: Store, day: str, outlet: str) -> None:
    text = f"Defence Minister Aden Duale of Kenya toured the northern border ({outlet}, {day})."
    add(kb, text, KENYA, [{"kind": "position", "person": "Aden Duale", "title": "Defence Minister", "org": "Kenya",
                           "status": "current", "evidence": "Defence Minister Aden Duale"}],
        source=outlet, published=day)


def _replaced(kb: Store) -> None:
    text = "Kenya's president named Soipan Tuya defence minister, replacing Aden Duale, on 3 March 2026."
    add(kb, text, [("Soipan Tuya", "PERSON", []), *KENYA],
        [{"kind": "succession", "successor": "Soipan Tuya", "predecessor": "Aden Duale", "title": "defence minister",
          "org": "Kenya", "date": "2026-03-03", "evidence": text}], source="the-star", published="2026-03-04")


def _fresh(kb: Store) -> bool:
    with kb.read() as conn:
        return kept_tenures.fresh(conn)


def _make_stale(kb: Store) -> None:
    with kb.write() as conn:
        conn.execute(kept_tenure_state.update().values(curation_id=-1))  # as if the curation log moved


def _kept_rows(kb: Store) -> list[tuple]:
    """The kept tenures and their keys without their ids (which a role's rebuild renumbers)."""
    with kb.read() as conn:
        cols = [c for c in kept.c if c.name != "id"]
        rows = sorted(tuple(map(str, r)) for r in conn.execute(sa.select(*cols)))
        keys = sorted(tuple(map(str, r)) for r in conn.execute(
            sa.select(kept.c.person_id, kept.c.role, kept.c.start_date, kept_tenure_keys.c.post_key)
            .join(kept, kept.c.id == kept_tenure_keys.c.tenure_id)))
    return rows + keys


def _entity(kb: Store, name: str) -> int:
    with kb.read() as conn:
        return conn.execute(sa.select(entities.c.id).where(entities.c.name == name,
                                                           entities.c.merged_into.is_(None))).scalar_one()


def test_answers_from_kept_tenures_equal_tenures_built_from_the_facts(store_url):
    with Store.open(store_url) as kb:
        ingest(samples=True, store=kb)
        assert _fresh(kb)  # ingest refreshed them
        for day, outlet in (("2025-11-20", "nation"), ("2025-12-02", "the-star")):
            _defence(kb, day, outlet)
        _replaced(kb)
        assert not _fresh(kb)  # written past ingest: stale, and answers are built from the facts
        stale = all_answers(kb)
        kb.refresh_summary()
        assert _fresh(kb)
        fresh = all_answers(kb)
        assert fresh.keys() == stale.keys()
        for key in fresh:
            assert fresh[key] == stale[key], key
        duale = json.loads(fresh[f"show {_entity(kb, 'Aden Duale')}"])
        [post] = duale["positions"]
        assert (post["status"], post["end"], post["end_basis"]) == ("former", "2026-03-03", "succeeded, dated")
        # a curation (a merge re-points facts) leaves them stale until the next refresh, and the answers agree again
        curate.merge(kb, _entity(kb, "Soipan Tuya"), _entity(kb, "Aden Duale"))
        assert not _fresh(kb)
        stale = all_answers(kb)
        kb.refresh_summary()
        assert _fresh(kb)
        assert all_answers(kb) == stale


def test_an_ingest_refreshes_the_roles_it_touched_as_a_rebuild_would(store_url):
    with Store.open(store_url) as kb:
        ingest(samples=True, store=kb)
        _defence(kb, "2025-11-20", "nation")
        kb.refresh_summary()
        with kb.read() as conn:
            before = conn.execute(sa.select(kept.c.id, kept.c.role)).all()
        _replaced(kb)  # a successor: the predecessor's open tenure must now end
        with kb.read() as conn:
            top = conn.execute(sa.select(sa.func.max(facts.c.id))).scalar()
            assert kept_tenures.touched_roles(conn, top - 1, top) == {"minister"}
        kb.refresh_summary()
        incremental = _kept_rows(kb)
        with kb.read() as conn:
            after = conn.execute(sa.select(kept.c.id, kept.c.role)).all()
        untouched = {(i, r) for i, r in before if r != "minister"}
        assert untouched and untouched <= set(after)  # other roles' rows were left as they were
        with kb.write() as conn:
            assert kept_tenures.refresh(conn, full=True) == "rebuilt"
        assert _kept_rows(kb) == incremental
        duale = query.show(kb, _entity(kb, "Aden Duale"))
        assert [p["end"] for p in duale["positions"]] == ["2026-03-03"]


def test_holders_lists_the_latest_sources_and_counts_every_report(store_url):
    with Store.open(store_url) as kb:
        days = [f"2025-11-{d:02d}" for d in range(1, 8)]
        for i, day in enumerate(days):
            _defence(kb, day, f"outlet-{i}")
        kb.refresh_summary()
        [held] = query.holders(kb, "defence minister of Kenya")
        assert held["sightings"] == len(days)
        assert [s["published"] for s in held["sources"]] == days[-tenure.HOLDER_SOURCES:]
        assert all(s["evidence"] == "Defence Minister Aden Duale" for s in held["sources"])
        assert held["corroboration"]["outlets"] == tenure.HOLDER_SOURCES
        # show lists more of them (up to MAX_SOURCES), from the same kept tenure
        [post] = query.show(kb, _entity(kb, "Aden Duale"))["positions"]
        assert [s["published"] for s in post["sources"]] == days


def test_an_untitled_succession_ends_the_only_post_of_its_predecessor(store_url):
    """'X replaced Y' with no post named ends Y's one post: its role is rebuilt though the fact has no role."""
    with Store.open(store_url) as kb:
        _defence(kb, "2025-11-20", "nation")
        kb.refresh_summary()
        text = "Soipan Tuya replaced Aden Duale on 3 March 2026, the ministry said."
        add(kb, text, [("Soipan Tuya", "PERSON", []), ("Aden Duale", "PERSON", [])],
            [{"kind": "succession", "successor": "Soipan Tuya", "predecessor": "Aden Duale", "date": "2026-03-03",
              "evidence": text}], source="nation", published="2026-03-04")
        stale = query.show(kb, _entity(kb, "Aden Duale"))
        with kb.read() as conn:
            top = conn.execute(sa.select(sa.func.max(facts.c.id))).scalar()
            assert kept_tenures.touched_roles(conn, top - 1, top) == {"minister"}
        kb.refresh_summary()
        fresh = query.show(kb, _entity(kb, "Aden Duale"))
        assert fresh == stale
        assert [p["end"] for p in fresh["positions"]] == ["2026-03-03"]


def test_a_stale_read_only_base_builds_tenures_from_the_facts(tmp_path):
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    with Store.open(url) as kb:
        _defence(kb, "2025-11-20", "nation")
        kb.refresh_summary()
        _make_stale(kb)
    with Store.open(url, readonly=True) as kb:
        assert not _fresh(kb)
        [held] = query.holders(kb, "Kenyan defence minister")
        assert held["person"]["name"] == "Aden Duale" and held["sightings"] == 1


def test_a_post_named_without_a_body_lists_its_most_reported_holders_as_when_built(store_url):
    """'Senator' with no body: the pairs kept per post key give the answer the facts give, cut to MAX_HOLDERS."""
    with Store.open(store_url) as kb:
        first = ["Ana", "Rui", "Lea", "Tom", "Ivo", "Eva", "Max", "Zoe", "Ines", "Joao", "Rita", "Hugo", "Vera", "Nuno"]
        last = ["Duarte", "Lopes", "Moreau", "Novak"]
        people = [f"{f} {s}" for f in first for s in last][:tenure.MAX_HOLDERS + 2]
        for i, name in enumerate(people):
            for day in range(1 + i % 4):  # 1 to 4 reports each, on different days: ties broken by the latest
                text = f"Senator {name} spoke in the chamber on day {day} of the session ({i})."
                add(kb, text, [(name, "PERSON", [])],
                    [{"kind": "position", "person": name, "title": "Senator", "status": "current",
                      "evidence": f"Senator {name}"}], source="nation", published=f"2025-03-{day + 1 + i % 3:02d}")
        kb.refresh_summary()
        counts: dict = {}
        fresh = query.holders(kb, "Senator", counts=counts)
        assert (counts["holders"], counts["shown"]) == (len(people), tenure.MAX_HOLDERS)
        _make_stale(kb)
        stale_counts: dict = {}
        stale = query.holders(kb, "Senator", counts=stale_counts)
        assert fresh == stale
        assert stale_counts == {"holders": len(people), "shown": tenure.MAX_HOLDERS, "more": False}
        assert len(fresh) == tenure.MAX_HOLDERS
        left_out = set(people) - {h["person"]["name"] for h in fresh}
        assert len(left_out) == 2 and all(people.index(n) % 4 == 0 for n in left_out)  # once-reported ones go
