"""A base written by the bulk path (``store.bulk``, ``Store.bulk_load``) answers queries like one written by ingest,
and the query caps keep answers bounded for a person with hundreds of open posts."""

from __future__ import annotations

import sqlalchemy as sa
from query_kb import add, contract

from newsgraph import query, tenure
from newsgraph.store import Store
from newsgraph.store.bulk import article_rows, empty_rows, entity_rows, merge
from newsgraph.store.schema import article_entities, entities, entity_names, facts

SWORN_IN = "Ana Lucia Carranza was sworn in as Peru's interior minister on Friday, replacing Victor Rojas."
EMERGENCY = "Interior Minister Ana Lucia Carranza declared a state of emergency in Lima on Monday."
OUSTED = ("Congress censured Ana Lucia Carranza on Tuesday; former police chief Jorge Paredes replaced her "
          "as Minister of the Interior.")
TALKS = ('Kenyan Foreign Minister Musalia Mudavadi met Ethiopia\'s Redwan Hussien in Nairobi. "We agreed on '
         'the border," Mudavadi said.')


def _articles() -> list[tuple[str, list, list, dict]]:
    return [
        (SWORN_IN, [("Ana Lucia Carranza", "PERSON", ["Carranza"]), ("Peru", "GPE", []),
                    ("Victor Rojas", "PERSON", [])],
         [{"kind": "appointment", "person": "Ana Lucia Carranza", "title": "interior minister", "org": "Peru",
           "date": "2025-05-02", "evidence": SWORN_IN},
          {"kind": "position", "person": "Victor Rojas", "title": "interior minister", "status": "former",
           "evidence": SWORN_IN}],
         {"source": "andina", "published": "2025-05-03"}),
        (EMERGENCY, [("Ana Lucia Carranza", "PERSON", []), ("Lima", "GPE", [])],
         [{"kind": "position", "person": "Ana Lucia Carranza", "title": "Interior Minister", "status": "current",
           "evidence": EMERGENCY}],
         {"source": "la-republica", "published": "2025-09-15"}),
        (OUSTED, [("Ana Lucia Carranza", "PERSON", []), ("Jorge Paredes", "PERSON", []), ("Congress", "ORG", [])],
         [{"kind": "succession", "successor": "Jorge Paredes", "predecessor": "Ana Lucia Carranza",
           "title": "Minister of the Interior", "date": "2026-02-10", "evidence": OUSTED},
          {"kind": "position", "person": "Jorge Paredes", "title": "police chief", "status": "former",
           "evidence": OUSTED}],
         {"source": "reuters", "published": "2026-02-10"}),
        (TALKS, [("Musalia Mudavadi", "PERSON", ["Mudavadi"]), ("Kenya", "GPE", ["Kenyan"]),
                 ("Redwan Hussien", "PERSON", []), ("Ethiopia", "GPE", []), ("Nairobi", "GPE", [])],
         [{"kind": "position", "person": "Musalia Mudavadi", "title": "Foreign Minister", "org": "Kenya",
           "status": "current", "evidence": "Kenyan Foreign Minister Musalia Mudavadi"},
          {"kind": "event", "event_type": "meeting", "participants": ["Musalia Mudavadi", "Redwan Hussien"],
           "place": "Nairobi", "evidence": TALKS.split(". ")[0]},
          {"kind": "quote", "speaker": "Musalia Mudavadi", "text": "We agreed on the border", "direct": True,
           "evidence": TALKS.split(". ")[1]}],
         {"source": "nation", "published": "2025-11-20"}),
    ]


def _bulk_copy(ingested: Store, target: Store, contracts: list[dict]) -> None:
    """Write CONTRACTS into TARGET through the bulk path, with the entities ingest linked them to."""
    with ingested.read() as conn:
        ents = conn.execute(sa.select(entities.c.id, entities.c.name, entities.c.type).order_by(entities.c.id)).all()
        aliases: dict[int, list[str]] = {}
        for eid, name, kind in conn.execute(sa.select(entity_names.c.entity_id, entity_names.c.name,
                                                      entity_names.c.kind).order_by(entity_names.c.id)):
            if kind != "name":
                aliases.setdefault(eid, []).append(name)
        links = conn.execute(sa.select(article_entities.c.article_id, article_entities.c.local_id,
                                       article_entities.c.entity_id)).all()
    block = empty_rows()
    for eid, name, type_ in ents:
        merge(block, entity_rows(eid, name, type_, aliases.get(eid, [])))
    next_fact = 1
    for c in contracts:
        local = {lid: eid for aid, lid, eid in links if aid == c["article"]["id"]}
        rows, next_fact = article_rows(c, local, first_fact_id=next_fact)
        merge(block, rows)
    target.bulk_load([block])


def test_bulk_loaded_base_answers_like_an_ingested_one(store_url, tmp_path):
    contracts = []
    with Store.open(f"sqlite:///{tmp_path / 'ingested.db'}") as ingested:
        for text, ents, fs, meta in _articles():
            contracts.append(add(ingested, text, ents, fs, **meta))
        with Store.open(store_url) as bulk:
            _bulk_copy(ingested, bulk, contracts)
            assert bulk.stats() == ingested.stats()
            with ingested.read() as conn:
                ids = list(conn.execute(sa.select(entities.c.id).where(entities.c.merged_into.is_(None))).scalars())
            for eid in ids:
                assert query.show(bulk, eid) == query.show(ingested, eid), eid
            for title in ("interior minister", "Minister of the Interior", "police chief", "foreign minister"):
                assert query.holders(bulk, title) == query.holders(ingested, title), title
            assert query.timeline(bulk, ids[0]) == query.timeline(ingested, ids[0])
            with bulk.read() as conn:
                row = conn.execute(sa.select(facts.c.role, facts.c.post_key).where(facts.c.kind == "succession")).one()
            assert tuple(row) == ("minister", "minister|interior")
    # the bulk-loaded base takes ordinary writes afterwards (id sequences moved past the loaded ids)
    with Store.open(store_url) as bulk:
        add(bulk, "Redwan Hussien, Ethiopia's national security adviser, flew to Cairo on Sunday.",
            [("Redwan Hussien", "PERSON", []), ("Ethiopia", "GPE", []), ("Cairo", "GPE", [])],
            [{"kind": "position", "person": "Redwan Hussien", "title": "national security adviser",
              "org": "Ethiopia", "status": "current", "evidence": "Redwan Hussien, Ethiopia's national security"}],
            source="addis-standard", published="2025-12-01")
        assert [h["person"]["name"] for h in query.holders(bulk, "national security adviser")] == ["Redwan Hussien"]


def _envoy_base(store: Store, n_posts: int) -> tuple[int, int]:
    """One envoy (a Ghanaian diplomat) posted to N_POSTS missions at once, each mission also with a deputy; returns
    the envoy's entity id and the id of the first mission."""
    block = empty_rows()
    envoy, next_id = 1, 2
    merge(block, entity_rows(envoy, "Kwame Asante-Mensah", "PERSON"))
    next_fact = 1
    first_mission = None
    for i in range(n_posts):
        mission, deputy = next_id, next_id + 1
        next_id += 2
        first_mission = first_mission or mission
        body = f"Ghana Trade Mission {i + 1}"
        merge(block, entity_rows(mission, body, "ORG"))
        merge(block, entity_rows(deputy, f"Ama Owusu {i + 1}", "PERSON"))
        text = (f"Kwame Asante-Mensah, head of the {body}, and his deputy Ama Owusu {i + 1} "
                f"presented their credentials in Addis Ababa.")
        c = contract(text, [("Kwame Asante-Mensah", "PERSON", []), (body, "ORG", []),
                            (f"Ama Owusu {i + 1}", "PERSON", [])],
                     [{"kind": "position", "person": "Kwame Asante-Mensah", "title": "head", "org": body,
                       "status": "current", "evidence": f"Kwame Asante-Mensah, head of the {body}"},
                      {"kind": "position", "person": f"Ama Owusu {i + 1}", "title": "deputy head", "org": body,
                       "status": "current", "evidence": f"his deputy Ama Owusu {i + 1}"}],
                     source="graphic", published=f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}")
        rows, next_fact = article_rows(c, {"e1": envoy, "e2": mission, "e3": deputy}, first_fact_id=next_fact)
        merge(block, rows)
    store.bulk_load([block], trusted=True)  # PostgreSQL: no row-by-row foreign-key triggers for these rows
    assert first_mission is not None
    return envoy, first_mission


def test_person_with_hundreds_of_open_posts_stays_bounded(store):
    envoy, first_mission = _envoy_base(store, 520)
    shown = query.show(store, envoy)
    assert shown["counts"]["posts"] == 520 and shown["counts"]["truncated"] is True
    assert 0 < len(shown["positions"]) <= tenure.MAX_POSTS
    assert all(p["status"] == "current" and p["end"] is None for p in shown["positions"])
    assert all(len(p["sources"]) <= query.MAX_SOURCES for p in shown["positions"])
    # one mission: the envoy heads it, and only its own deputy is its deputy head
    mission = query.show(store, first_mission)["entity"]["name"]
    assert [h["person"]["id"] for h in query.holders(store, f"head of the {mission}")] == [envoy]
    deputies = query.holders(store, f"deputy head of the {mission}")
    assert [h["person"]["name"] for h in deputies] == ["Ama Owusu 1"]
    # a deputy head of any body: one holder per mission, capped
    assert len(query.holders(store, "deputy head")) == tenure.MAX_HOLDERS


def test_person_under_the_caps_is_shown_in_full(store):
    envoy, _ = _envoy_base(store, 12)
    shown = query.show(store, envoy)
    assert shown["counts"] == {"posts": 12, "facts": {}, "truncated": False}
    assert len(shown["positions"]) == 12
    assert len(query.holders(store, "deputy head")) == 12


def _ministers_base(store: Store, n: int) -> None:
    """N interior ministers of one country in turn, each appointed a year after the one before; every one but
    the first reported twice, so the first has the fewest reports of the post."""
    block = empty_rows()
    country = 1
    merge(block, entity_rows(country, "Zambia", "GPE"))
    next_fact = 1
    for i in range(n):
        person = 2 + i
        name = f"Chanda Mwale {i + 1}"
        merge(block, entity_rows(person, name, "PERSON"))
        sworn = f"{1900 + i}-03-01"
        text = f"{name} was sworn in as Zambia's interior minister on Monday."
        for copy in range(1 if i == 0 else 2):
            c = contract(f"{text} Report {copy + 1}.", [(name, "PERSON", []), ("Zambia", "GPE", [])],
                         [{"kind": "appointment", "person": name, "title": "interior minister", "org": "Zambia",
                           "date": sworn, "evidence": text}],
                         source=f"outlet-{copy}", published=sworn)
            rows, next_fact = article_rows(c, {"e1": person, "e2": country}, first_fact_id=next_fact)
            merge(block, rows)
    store.bulk_load([block], trusted=True)


def test_holders_on_a_date_finds_a_holder_outside_the_most_reported(store):
    _ministers_base(store, 4 * tenure.MAX_HOLDERS + 10)
    on_date = query.holders(store, "interior minister", on="1900-06-01")
    assert [h["person"]["name"] for h in on_date] == ["Chanda Mwale 1"]
    later = query.holders(store, "interior minister", on="1950-06-01")
    assert [h["person"]["name"] for h in later] == ["Chanda Mwale 51"]
    assert len(query.holders(store, "interior minister")) == tenure.MAX_HOLDERS
