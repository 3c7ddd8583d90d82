"""The kept sighting groups (``store.summary``) give the answers grouping the facts gives: ``show`` of every entity
and ``holders`` of every post are identical with the summary fresh and with it stale, after ingest, curation and
more articles; refreshing after new articles equals a full rebuild."""

from __future__ import annotations

import json

import sqlalchemy as sa
from query_kb import add, all_answers

from newsgraph import curate
from newsgraph.ingest import ingest
from newsgraph.store import Store, summary
from newsgraph.store.schema import entities, kept_tenure_state, sighting_groups, sighting_state

FOREIGN = "Kenyan Foreign Minister Musalia Mudavadi met Ethiopia's Redwan Hussien in Nairobi on Monday."
FOREIGN_AGAIN = "Foreign Minister Musalia Mudavadi of Kenya said talks with Ethiopia would resume."
DEFENCE = "Defence Minister Aden Duale of Kenya toured the northern border on Tuesday."
REPLACED = "Kenya's president named Soipan Tuya defence minister, replacing Aden Duale, on 3 March 2026."

#: A different closing sentence per day, so that one outlet's reports of different days are not near-duplicates.
BACKGROUND = {
    "2025-10-01": "Drought has emptied wells across Marsabit and Turkana since the short rains failed.",
    "2025-11-20": "Both governments blame smugglers for the cattle raids along the Moyale road.",
    "2025-11-21": "Negotiators expect a joint security commission to meet before the end of the year.",
    "2025-12-02": "Parliament in Addis Ababa has yet to ratify the water-sharing protocol signed in August.",
    "2026-01-15": "Opposition leaders accused the cabinet of hiding the cost of the new border posts.",
}


def _kenya_articles(kb: Store, outlet: str, day: str) -> None:
    """Kenyan posts told by OUTLET on DAY: the same sightings in several outlets and days make groups of many."""
    tag = f" {BACKGROUND[day]} ({outlet}, {day})"
    add(kb, FOREIGN + tag, [("Musalia Mudavadi", "PERSON", []), ("Kenya", "GPE", ["Kenyan"]),
                                      ("Redwan Hussien", "PERSON", []), ("Nairobi", "GPE", [])],
        [{"kind": "position", "person": "Musalia Mudavadi", "title": "Foreign Minister", "org": "Kenya",
          "status": "current", "evidence": "Kenyan Foreign Minister Musalia Mudavadi"}],
        source=outlet, published=day)
    add(kb, FOREIGN_AGAIN + tag, [("Musalia Mudavadi", "PERSON", []), ("Kenya", "GPE", [])],
        [{"kind": "position", "person": "Musalia Mudavadi", "title": "Foreign Minister", "org": "Kenya",
          "status": "current", "evidence": "Foreign Minister Musalia Mudavadi of Kenya"}],
        source=outlet, published=day)
    add(kb, DEFENCE + tag, [("Aden Duale", "PERSON", []), ("Kenya", "GPE", [])],
        [{"kind": "position", "person": "Aden Duale", "title": "Defence Minister", "org": "Kenya",
          "status": "current", "evidence": "Defence Minister Aden Duale"}],
        source=outlet, published=day)


def _succession(kb: Store) -> None:
    add(kb, REPLACED, [("Soipan Tuya", "PERSON", []), ("Aden Duale", "PERSON", []), ("Kenya", "GPE", [])],
        [{"kind": "succession", "successor": "Soipan Tuya", "predecessor": "Aden Duale",
          "title": "defence minister", "org": "Kenya", "date": "2026-03-03", "evidence": REPLACED}],
        source="the-star", published="2026-03-04")


def _answers(kb: Store) -> dict[str, str]:
    """show of every live entity and holders of every post title in the base, as comparable JSON, with tenures built
    from the facts (grouped by the summary or not), not read from the kept tenures (test_kept_tenures.py)."""
    with kb.write() as conn:
        conn.execute(kept_tenure_state.delete())
    return all_answers(kb)


def _make_stale(kb: Store) -> None:
    with kb.write() as conn:
        conn.execute(sighting_state.update().values(curation_id=-1))  # as if the curation log moved


def _fresh(kb: Store) -> bool:
    with kb.read() as conn:
        return summary.fresh(conn)


def _groups(kb: Store) -> list[tuple]:
    with kb.read() as conn:
        cols = [c for c in sighting_groups.c]
        return [tuple(r) for r in conn.execute(sa.select(*cols).order_by(sighting_groups.c.key))]


def _assert_same_either_way(kb: Store) -> dict[str, str]:
    assert _fresh(kb)
    fresh = _answers(kb)
    _make_stale(kb)
    assert not _fresh(kb)
    stale = _answers(kb)
    assert kb.refresh_summary() == "rebuilt"
    assert _fresh(kb)
    assert fresh.keys() == stale.keys()
    for key in fresh:
        assert fresh[key] == stale[key], key
    return fresh


def test_answers_are_identical_with_the_summary_fresh_or_stale(store_url):
    with Store.open(store_url) as kb:
        ingest(samples=True, store=kb)
        assert _fresh(kb)  # ingest refreshed it
        for outlet, day in (("nation", "2025-11-20"), ("the-star", "2025-11-21"), ("nation", "2025-12-02")):
            _kenya_articles(kb, outlet, day)
        _succession(kb)
        assert not _fresh(kb)  # written past ingest: stale until refreshed, and read by grouping the facts
        assert kb.refresh_summary() == "incremental"
        with kb.read() as conn:
            n = dict(conn.execute(sa.select(sighting_groups.c.title, sa.func.sum(sighting_groups.c.n))
                                  .where(sighting_groups.c.source == "nation")
                                  .group_by(sighting_groups.c.title)).all())
        assert n["Foreign Minister"] == 4 and n["Defence Minister"] == 2
        before = _assert_same_either_way(kb)
        mudavadi = json.loads(before[f"show {_entity(kb, 'Musalia Mudavadi')}"])
        assert "Foreign Minister" in json.dumps(mudavadi)
        # a curation re-points facts already grouped: the summary is stale until rebuilt, and the answers agree
        curate.merge(kb, _entity(kb, "Soipan Tuya"), _entity(kb, "Aden Duale"))
        assert not _fresh(kb)
        assert kb.refresh_summary() == "rebuilt"
        after = _assert_same_either_way(kb)
        assert after != before


def test_refresh_after_new_articles_equals_a_full_rebuild(store_url):
    with Store.open(store_url) as kb:
        ingest(samples=True, store=kb)
        _kenya_articles(kb, "nation", "2025-11-20")
        assert kb.refresh_summary() == "incremental"
        assert kb.refresh_summary() == "fresh"
        ingest(samples=True, store=kb)  # the same texts again: nothing new, still fresh
        assert _fresh(kb)
        # a later article widens existing groups (count, last date, sample) and adds new ones
        _kenya_articles(kb, "nation", "2026-01-15")
        _kenya_articles(kb, "daily-nation", "2025-10-01")
        _succession(kb)
        assert kb.refresh_summary() == "incremental"
        incremental = _groups(kb)
        assert kb.refresh_summary(full=True) == "rebuilt"
        assert _groups(kb) == incremental
        widened = [g for g in incremental if g[sighting_groups.c.keys().index("source")] == "nation"
                   and g[sighting_groups.c.keys().index("title")] == "Defence Minister"]
        assert len(widened) == 1
        row = dict(zip(sighting_groups.c.keys(), widened[0], strict=True))
        assert (row["n"], row["first_published"], row["last_published"]) == (2, "2025-11-20", "2026-01-15")


def _entity(kb: Store, name: str) -> int:
    with kb.read() as conn:
        return conn.execute(sa.select(entities.c.id).where(entities.c.name == name,
                                                           entities.c.merged_into.is_(None))).scalar_one()
