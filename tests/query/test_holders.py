"""Tenures and holders: appointments, successions and dated sightings become who-held-what-when."""

from __future__ import annotations

from query_kb import add

from newsgraph import query

SWORN_IN = "Ana Lucia Carranza was sworn in as Peru's interior minister on Friday, replacing Victor Rojas."
EMERGENCY = "Interior Minister Ana Lucia Carranza declared a state of emergency in Lima on Monday."
OUSTED = ("Congress censured Ana Lucia Carranza on Tuesday; former police chief Jorge Paredes replaced her "
          "as Minister of the Interior.")


def peru(store) -> None:
    add(store, SWORN_IN, [("Ana Lucia Carranza", "PERSON", ["Carranza"]), ("Peru", "GPE", []),
                          ("Victor Rojas", "PERSON", [])],
        [{"kind": "appointment", "person": "Ana Lucia Carranza", "title": "interior minister", "org": "Peru",
          "date": "2025-05-02", "evidence": SWORN_IN},
         {"kind": "position", "person": "Victor Rojas", "title": "interior minister", "status": "former",
          "evidence": SWORN_IN}],
        source="andina", published="2025-05-03")
    add(store, EMERGENCY, [("Ana Lucia Carranza", "PERSON", []), ("Lima", "GPE", [])],
        [{"kind": "position", "person": "Ana Lucia Carranza", "title": "Interior Minister", "status": "current",
          "evidence": EMERGENCY}],
        source="la-republica", published="2025-09-15")
    add(store, OUSTED, [("Ana Lucia Carranza", "PERSON", []), ("Jorge Paredes", "PERSON", []),
                        ("Congress", "ORG", [])],
        [{"kind": "succession", "successor": "Jorge Paredes", "predecessor": "Ana Lucia Carranza",
          "title": "Minister of the Interior", "date": "2026-02-10", "evidence": OUSTED},
         {"kind": "position", "person": "Jorge Paredes", "title": "police chief", "status": "former",
          "evidence": OUSTED}],
        source="reuters", published="2026-02-10")


def test_appointment_sighting_and_succession_make_dated_tenures(store):
    peru(store)
    rows = query.holders(store, "Minister of the Interior")
    by_person = {r["person"]["name"]: r for r in rows}
    carranza, paredes = by_person["Ana Lucia Carranza"], by_person["Jorge Paredes"]
    assert (carranza["start"], carranza["end"], carranza["status"]) == ("2025-05-02", "2026-02-10", "former")
    assert carranza["last_seen"] == "2025-09-15"
    assert {s["source"] for s in carranza["sources"]} == {"andina", "la-republica", "reuters"}
    assert (paredes["start"], paredes["end"], paredes["status"]) == ("2026-02-10", None, "current")
    assert set(carranza) >= {"person", "title", "org", "status", "start", "end", "sources"}
    assert set(carranza["sources"][0]) >= {"article", "title", "source", "published", "evidence"}
    # a post never held after the dates of the facts is a former post with no known end
    assert by_person["Victor Rojas"]["status"] == "former"


def test_holders_on_a_date_and_title_variants(store):
    peru(store)
    assert [r["person"]["name"] for r in query.holders(store, "interior minister", on="2025-10-01")] == [
        "Ana Lucia Carranza"]
    assert [r["person"]["name"] for r in query.holders(store, "minister of interior", on="2026-03-01")] == [
        "Jorge Paredes"]
    assert query.holders(store, "interior minister", on="2024-01-01") == []
    # another post is not this one
    assert [r["person"]["name"] for r in query.holders(store, "police chief")] == ["Jorge Paredes"]


def test_the_successor_ends_an_open_tenure(store):
    text1 = "General Aftab Sultan, head of the Intelligence Bureau, briefed the cabinet on Monday."
    text2 = "The government appointed Fuad Asadullah Khan director of the Intelligence Bureau."
    add(store, text1, [("Aftab Sultan", "PERSON", []), ("Intelligence Bureau", "ORG", ["IB"])],
        [{"kind": "position", "person": "Aftab Sultan", "title": "head of the Intelligence Bureau",
          "org": "Intelligence Bureau", "status": "current", "evidence": text1}],
        source="dawn", published="2023-05-08")
    add(store, text2, [("Fuad Asadullah Khan", "PERSON", []), ("Intelligence Bureau", "ORG", [])],
        [{"kind": "appointment", "person": "Fuad Asadullah Khan", "title": "director of the Intelligence Bureau",
          "org": "Intelligence Bureau", "evidence": text2}],
        source="geo", published="2023-07-20")
    rows = {r["person"]["name"]: r for r in query.holders(store, "IB chief")}
    assert rows["Aftab Sultan"]["end"] == "2023-07-20" and rows["Aftab Sultan"]["end_basis"] == "successor"
    assert rows["Fuad Asadullah Khan"]["start"] == "2023-07-20"
    assert rows["Fuad Asadullah Khan"]["start_basis"].startswith("appointed")


def test_secretary_of_the_council_named_three_ways_is_one_post(store):
    texts = [
        ("Ali Akbar Ahmadian, Secretary of the Supreme National Security Council, met the Iraqi envoy.",
         "Secretary of the Supreme National Security Council", "2023-06-01", "irna"),
        ("SNSC secretary Ali Akbar Ahmadian said the deal was final.", "SNSC secretary", "2023-07-15", "isna"),
        ("Ali Akbar Ahmadian, secretary of the council since May, spoke in Baghdad.", "secretary of the council",
         "2023-08-20", "mehr"),
    ]
    for text, title, published, outlet in texts:
        has_org = "council" in title and "Supreme" not in title
        ents = [("Ali Akbar Ahmadian", "PERSON", []),
                ("Supreme National Security Council", "ORG", ["SNSC"])]
        fact = {"kind": "position", "person": "Ali Akbar Ahmadian", "title": title, "status": "current",
                "evidence": text}
        if has_org:
            fact["org"] = "Supreme National Security Council"
        add(store, text, ents, [fact], source=outlet, published=published)
    for query_title in ("SNSC secretary", "secretary of the Supreme National Security Council"):
        rows = query.holders(store, query_title)
        assert len(rows) == 1, (query_title, rows)
        assert rows[0]["person"]["name"] == "Ali Akbar Ahmadian"
        assert (rows[0]["first_seen"], rows[0]["last_seen"]) == ("2023-06-01", "2023-08-20")
        assert len(rows[0]["sources"]) == 3 and rows[0]["corroboration"]["outlets"] == 3
    shown = query.show(store, query.resolve_name(store, "Ahmadian"))
    assert len(shown["positions"]) == 1


def test_a_title_that_names_no_post_is_a_query_error(store):
    import pytest

    from newsgraph.errors import QueryError

    with pytest.raises(QueryError):
        query.holders(store, "the police")


def test_a_start_in_a_post_read_without_its_body_does_not_end_a_tenure_in_a_known_body(store):
    """'head' of no known body is another post in every article that says it: it ends nobody's tenure elsewhere."""
    text = "Noordin Haji, head of Kenya's National Intelligence Service, briefed MPs on Tuesday."
    add(store, text, [("Noordin Haji", "PERSON", []), ("National Intelligence Service", "ORG", ["NIS"])],
        [{"kind": "position", "person": "Noordin Haji", "title": "head", "org": "National Intelligence Service",
          "status": "current", "evidence": text}], source="nation", published="2025-03-04")
    later = "Ruth Wanjiku was appointed head on Monday, the statement said."
    add(store, later, [("Ruth Wanjiku", "PERSON", [])],
        [{"kind": "appointment", "person": "Ruth Wanjiku", "title": "head", "date": "2025-06-02", "evidence": later}],
        source="star", published="2025-06-03")
    [haji] = query.show(store, _id(store, "Noordin Haji"))["positions"]
    assert (haji["status"], haji["end"]) == ("current", None)
    # once she is named head of that body, her appointment without one is read as that post (her only one):
    # she succeeded him, from the first report of it
    named = "Ruth Wanjiku was appointed head of the National Intelligence Service on 1 September 2025."
    add(store, named, [("Ruth Wanjiku", "PERSON", []), ("National Intelligence Service", "ORG", [])],
        [{"kind": "appointment", "person": "Ruth Wanjiku", "title": "head of the National Intelligence Service",
          "org": "National Intelligence Service", "date": "2025-09-01", "evidence": named}],
        source="star", published="2025-09-02")
    [haji] = query.show(store, _id(store, "Noordin Haji"))["positions"]
    assert (haji["status"], haji["end"], haji["end_basis"]) == ("former", "2025-06-02", "successor")


def _id(store, name: str) -> int:
    return query.resolve_name(store, name, "PERSON")
