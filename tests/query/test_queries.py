"""The query API on small bases: names, show, quotes, timeline, network, path, corroboration, articles."""

from __future__ import annotations

import pytest
from query_kb import add

from newsgraph import query
from newsgraph.errors import NotFound, QueryError
from newsgraph.outlets import Outlets, load_outlets

MEETING = ("Turkish intelligence chief Ibrahim Kalin met Iraqi National Security Adviser Qasim al-Araji "
           "in Baghdad on Sunday.")
QUOTE = 'Kalin said: "Our cooperation against the PKK will deepen."'
RIVALRY = "Analysts say the PKK remains a rival of the Kurdistan Democratic Party in northern Iraq."


def baghdad(store) -> None:
    add(store, MEETING + " " + QUOTE,
        [("Ibrahim Kalin", "PERSON", ["Kalin"]), ("Qasim al-Araji", "PERSON", []), ("Baghdad", "GPE", []),
         ("PKK", "ORG", [])],
        [{"kind": "event", "event_type": "meeting", "participants": ["Ibrahim Kalin", "Qasim al-Araji"],
          "place": "Baghdad", "date": "2024-03-10", "plover": "CONSULT", "evidence": MEETING},
         {"kind": "position", "person": "Ibrahim Kalin", "title": "intelligence chief", "status": "current",
          "evidence": MEETING},
         {"kind": "quote", "speaker": "Ibrahim Kalin", "text": "Our cooperation against the PKK will deepen.",
          "direct": True, "evidence": "Our cooperation against the PKK will deepen."}],
        source="anadolu", published="2024-03-11")
    # the same meeting reported by another outlet, which only quotes officials
    other = "Iraqi officials said Qasim al-Araji met Ibrahim Kalin in Baghdad on Sunday."
    add(store, other, [("Ibrahim Kalin", "PERSON", []), ("Qasim al-Araji", "PERSON", []), ("Baghdad", "GPE", [])],
        [{"kind": "event", "event_type": "meeting", "participants": ["Qasim al-Araji", "Ibrahim Kalin"],
          "place": "Baghdad", "date": "2024-03-10", "plover": "CONSULT", "evidence": other,
          "attributed_to": "Qasim al-Araji"}],
        source="shafaq", published="2024-03-12")
    add(store, RIVALRY, [("PKK", "ORG", []), ("Kurdistan Democratic Party", "ORG", ["KDP"]), ("Iraq", "GPE", [])],
        [{"kind": "relation", "relation": "rival_of", "subject": "PKK", "object": "Kurdistan Democratic Party",
          "evidence": RIVALRY}],
        source="rudaw", published="2024-03-15")


def test_names_resolve_ignoring_case_accents_and_spelling(store):
    add(store, "Óscar Villanueva and José Pérez spoke in Lima.",
        [("Óscar Villanueva", "PERSON", []), ("José Pérez", "PERSON", []), ("Lima", "GPE", [])])
    oscar = query.resolve_name(store, "oscar villanueva")
    assert query.resolve_name(store, "ÓSCAR VILLANUEVA") == oscar
    assert query.resolve_name(store, "Villanueva") == oscar  # a surname, when only one person has it
    assert query.resolve_name(store, f"#{oscar}") == oscar
    with pytest.raises(NotFound):
        query.resolve_name(store, "Pedro Castillo")


def test_an_ambiguous_name_lists_the_candidates(store):
    add(store, "Imran Khan met Sadiq Khan in London.", [("Imran Khan", "PERSON", []), ("Sadiq Khan", "PERSON", [])])
    with pytest.raises(QueryError) as err:
        query.resolve_name(store, "Khan")
    assert sorted(c["name"] for c in err.value.candidates) == ["Imran Khan", "Sadiq Khan"]
    assert {"id", "name", "type", "aliases"} <= set(err.value.candidates[0])


def test_show_has_the_fixed_shape_and_aggregates_sightings(store):
    baghdad(store)
    outlets = Outlets.from_mapping({"anadolu": {"kind": "state media", "country": "TR"},
                                    "shafaq": {"kind": "independent", "country": "IQ"}})
    data = query.show(store, query.resolve_name(store, "Kalin"), outlets=outlets)
    assert set(data) >= {"entity", "positions", "events", "quotes", "relations"}
    assert set(data["entity"]) >= {"id", "name", "type", "aliases"} and data["entity"]["name"] == "Ibrahim Kalin"
    [meeting] = data["events"]  # two reports of one meeting
    assert {p["name"] for p in meeting["participants"]} == {"Ibrahim Kalin", "Qasim al-Araji"}
    c = meeting["corroboration"]
    assert (c["outlets"], c["own_voice"], c["attributed"]) == (2, 1, 1)
    assert (c["first_reported"], c["last_reported"]) == ("2024-03-11", "2024-03-12")
    assert c["profile"]["kinds"] == {"independent": 1, "state media": 1}
    [position] = data["positions"]
    assert position["title"] == "intelligence chief" and position["status"] == "current"
    assert [q["text"] for q in data["quotes"]] == ["Our cooperation against the PKK will deepen."]


def test_relations_quotes_and_timeline(store):
    baghdad(store)
    pkk = query.resolve_name(store, "PKK")
    [rel] = query.show(store, pkk)["relations"]
    assert (rel["relation"], rel["other"]["name"]) == ("rival_of", "Kurdistan Democratic Party")
    assert rel["sources"][0]["evidence"] == RIVALRY
    kalin = query.resolve_name(store, "Ibrahim Kalin")
    assert query.quotes(store, kalin)[0]["direct"] is True
    kinds = [f["kind"] for f in query.timeline(store, kalin)]
    assert kinds.count("event") == 2 and "position" in kinds and "quote" in kinds
    assert [f["when"] for f in query.timeline(store, kalin)] == sorted(f["when"] for f in query.timeline(store, kalin))


def test_a_network_edge_shows_its_latest_sentences_and_counts_them_all(store):
    from newsgraph.query._common import MAX_SOURCES

    days = [f"2024-{m:02d}-{d:02d}" for m in (1, 2) for d in range(1, 16)]  # 30 reports of one rivalry
    for day in days:
        text = f"Analysts said on {day} that the PKK remains a rival of the Kurdistan Democratic Party."
        add(store, text, [("PKK", "ORG", []), ("Kurdistan Democratic Party", "ORG", [])],
            [{"kind": "relation", "relation": "rival_of", "subject": "PKK", "object": "Kurdistan Democratic Party",
              "evidence": text}], source="rudaw", published=day)
    [edge] = query.network(store, query.resolve_name(store, "PKK"))["edges"]
    assert edge["weight"] == len(edge["facts"]) == len(days)
    assert [e["published"] for e in edge["evidence"]] == days[-MAX_SOURCES:]
    assert all(day in e["evidence"] for day, e in zip(days[-MAX_SOURCES:], edge["evidence"], strict=True))


def test_network_and_path_carry_their_facts(store):
    baghdad(store)
    kalin, araji = query.resolve_name(store, "Kalin"), query.resolve_name(store, "Qasim al-Araji")
    net = query.network(store, kalin)
    assert {n["name"] for n in net["nodes"]} == {"Ibrahim Kalin", "Qasim al-Araji"}
    [edge] = net["edges"]
    assert edge["kind"] == "event" and edge["relation"] == "meeting" and len(edge["facts"]) == 2
    assert all(e["evidence"] for e in edge["evidence"])
    route = query.path(store, kalin, araji)
    assert route["found"] and len(route["steps"]) == 1 and route["steps"][0]["relation"] == "meeting"
    assert not query.path(store, kalin, query.resolve_name(store, "KDP"))["found"]
    everything = query.network(store)
    assert {e["relation"] for e in everything["edges"]} == {"meeting", "rival_of"}
    assert query.network(store, relation="rival_of")["edges"][0]["relation"] == "rival_of"
    assert query.network(store, kalin, until="2024-01-01")["edges"] == []


def test_stats_entities_and_article(store):
    baghdad(store)
    assert query.stats(store) == {"articles": 3, "entities": 6, "facts": 5, "failed": 0, "duplicates": 0}
    people = query.list_entities(store, type="PERSON")
    assert [set(p) >= {"id", "name", "type", "aliases"} for p in people] == [True, True]
    assert [e["name"] for e in query.list_entities(store, search="araji")] == ["Qasim al-Araji"]
    rel = query.show(store, query.resolve_name(store, "PKK"))["relations"][0]
    art = query.article(store, rel["sources"][0]["article"][:8])  # a prefix of the id will do
    assert art["text"] == RIVALRY and art["facts"][0]["kind"] == "relation"
    span = art["facts"][0]["evidence"][0]
    assert art["text"][span["start"]:span["end"]] == RIVALRY
    assert {m["text"] for m in art["mentions"]} >= {"PKK", "Kurdistan Democratic Party"}


def test_outlets_file_yaml_and_csv(tmp_path):
    y = tmp_path / "outlets.yaml"
    y.write_text("reuters: {kind: wire, country: GB}\nIRNA:\n  kind: state media\n  country: IR\n"
                 "  aliases: [irna-en]\n", encoding="utf-8")
    o = load_outlets(y)
    assert o.describe("Reuters")["kind"] == "wire" and o.describe("irna-en")["country"] == "IR"
    assert o.profile(["reuters", "irna", "blog"])["kinds"] == {"state media": 1, "unknown": 1, "wire": 1}
    c = tmp_path / "outlets.csv"
    c.write_text("name,kind,country\niran-international,opposition,GB\n", encoding="utf-8")
    assert load_outlets(c).describe("Iran International")["kind"] == "opposition"
