"""Cross-article resolution: spelling variants, acronyms, surnames by context, namesakes kept apart, `why`."""

from __future__ import annotations

import pytest
from query_kb import add

from newsgraph import query
from newsgraph.resolve.names import compare_orgs, compare_people, same_word


@pytest.mark.parametrize("a, b", [
    ("Sergei Lavrov", "Sergey Lavrov"), ("Aleksandr Bortnikov", "Alexander Bortnikov"),
    ("Yevgeny Prigozhin", "Evgeny Prigozhin"), ("Esmaeil Khatib", "Ismail Khatib"),
    ("Hossein Salami", "Hosein Salami"), ("Hussein Salami", "Hossein Salami"),
    ("Mohammed Golpaygani", "Muhammad Golapaygani"), ("Mohamed Golpayegani", "Mohammed Golpaygani"),
    ("Gen. Hossein Salami", "Hossein Salami"), ("Jorge Luis Paredes", "Jorge Paredes"),
])
def test_spelling_variants_of_one_person_compare_equal(a, b):
    assert compare_people(a, b).same, compare_people(a, b).why


@pytest.mark.parametrize("a, b", [
    ("Imran Khan", "Sadiq Khan"), ("Ali Larijani", "Ali Shamkhani"), ("Hassan Rouhani", "Hussein Rouhani"),
    ("Mahmoud Abbas", "Mohammed Abbas"), ("Mario Draghi", "Maria Draghi"), ("Khan", "Imran Khan"),
])
def test_people_sharing_a_first_name_or_surname_stay_apart(a, b):
    assert not compare_people(a, b).same


def test_acronyms_and_country_names():
    assert compare_orgs("MOIS", "Ministry of Intelligence and Security").how == "acronym"
    assert compare_orgs("Supreme National Security Council", "SNSC").same
    assert not compare_orgs("Niger", "Nigeria").same
    assert not same_word("Hassan", "Hussein")


def _person(store, name):
    return [e for e in query.list_entities(store, type="PERSON", limit=None) if e["name"] == name
            or name in e["aliases"]]


def test_a_transliterated_name_in_another_article_is_the_same_person(store):
    add(store, "Russian Foreign Minister Sergei Lavrov arrived in Ankara on Monday.",
        [("Sergei Lavrov", "PERSON", []), ("Ankara", "GPE", [])], source="tass", published="2024-02-05")
    add(store, "Sergey Lavrov told reporters in Ankara that talks on grain exports would continue.",
        [("Sergey Lavrov", "PERSON", []), ("Ankara", "GPE", [])], source="anadolu", published="2024-02-06")
    people = query.list_entities(store, type="PERSON")
    assert len(people) == 1 and set(people[0]["aliases"]) | {people[0]["name"]} == {"Sergei Lavrov", "Sergey Lavrov"}
    assert people[0]["articles"] == 2
    explained = query.why(store, people[0]["id"], people[0]["id"])
    rules = [lk["rule"] for lk in explained["links"]]
    assert "transliteration" in rules
    tie = next(lk for lk in explained["links"] if lk["rule"] == "transliteration")
    assert "sergey/sergei" in tie["evidence"]["why"]


def test_an_acronym_links_to_the_body_named_in_full_elsewhere(store):
    add(store, "The Ministry of Intelligence and Security said it had arrested five people in Tabriz.",
        [("Ministry of Intelligence and Security", "ORG", []), ("Tabriz", "GPE", [])], published="2023-05-02")
    add(store, "MOIS agents detained a dual national at Tehran airport, the ministry said.",
        [("MOIS", "ORG", []), ("Tehran", "GPE", [])], published="2023-06-10")
    orgs = query.list_entities(store, type="ORG")
    assert len(orgs) == 1 and orgs[0]["name"] == "Ministry of Intelligence and Security"
    assert "MOIS" in orgs[0]["aliases"] and orgs[0]["articles"] == 2


def test_namesakes_with_different_first_names_are_never_merged(store):
    add(store, "Former Prime Minister Imran Khan was sentenced in Islamabad on Tuesday.",
        [("Imran Khan", "PERSON", []), ("Islamabad", "GPE", [])], published="2024-01-30")
    add(store, "London Mayor Sadiq Khan announced new funding for the Metropolitan Police.",
        [("Sadiq Khan", "PERSON", []), ("Metropolitan Police", "ORG", [])], published="2024-02-01")
    names = sorted(e["name"] for e in query.list_entities(store, type="PERSON"))
    assert names == ["Imran Khan", "Sadiq Khan"]
    a, b = (query.resolve_name(store, n) for n in names)
    assert "different first names" in query.why(store, a, b)["verdict"]


def test_a_bare_surname_links_only_when_the_post_supports_it(store):
    add(store, "President Tokayev appointed Marat Abenov chairman of the National Security Committee (KNB).",
        [("Tokayev", "PERSON", []), ("Marat Abenov", "PERSON", ["Abenov"]),
         ("National Security Committee", "ORG", ["KNB"])],
        [{"kind": "appointment", "person": "Marat Abenov", "by": "Tokayev", "title": "chairman of the KNB",
          "org": "National Security Committee", "date": "2022-01-06",
          "evidence": "President Tokayev appointed Marat Abenov chairman of the National Security Committee (KNB)."}],
        source="astana-times", published="2022-01-06")
    # the same man, named only by his surname, in his post
    add(store, "KNB chairman Abenov met his Kyrgyz counterpart in Bishkek on Friday.",
        [("Abenov", "PERSON", []), ("KNB", "ORG", []), ("Bishkek", "GPE", [])],
        [{"kind": "position", "person": "Abenov", "title": "KNB chairman", "org": "KNB", "status": "current",
          "evidence": "KNB chairman Abenov met his Kyrgyz counterpart in Bishkek on Friday."}],
        source="akipress", published="2022-03-04")
    # a namesake in another walk of life: no shared post, body or actors
    add(store, "Abenov scored twice as Astana beat Kairat 3-1 in the league on Sunday.",
        [("Abenov", "PERSON", []), ("Astana", "ORG", []), ("Kairat", "ORG", [])],
        source="sports-kz", published="2022-04-10")
    abenovs = sorted((e["name"], e["articles"]) for e in query.list_entities(store, type="PERSON", limit=None)
                     if "Abenov" in e["name"])
    assert abenovs == [("Abenov", 1), ("Marat Abenov", 2)]
    marat = query.resolve_name(store, "Marat Abenov")
    links = query.why(store, marat, marat)["links"]
    linked = next(lk for lk in links if lk["rule"] == "surname+context")
    assert any("same post" in reason for reason in linked["evidence"]["context"])


def test_a_bare_surname_shared_by_two_people_is_not_guessed(store):
    add(store, "Imran Khan and Sadiq Khan were both named in the report.",
        [("Imran Khan", "PERSON", []), ("Sadiq Khan", "PERSON", [])], published="2024-03-01")
    add(store, "Khan denied the allegations on Wednesday.", [("Khan", "PERSON", [])], published="2024-03-02")
    assert {e["name"] for e in query.list_entities(store, type="PERSON")} == {"Imran Khan", "Sadiq Khan", "Khan"}


# -- the batched and cached lookups give what the one-by-one lookups give ---------------------------

def _named(conn, name: str, type_: str) -> int:
    """A stored entity with NAME as its one name (no resolution)."""
    from newsgraph.extract.context import name_key
    from newsgraph.resolve import across
    from newsgraph.store.schema import entity_names

    eid = across.create_entity(conn, name, type_)
    conn.execute(entity_names.insert().values(entity_id=eid, name=name, key=name_key(name), kind="name", mentions=1))
    across.index_names(conn, eid, type_, [name])
    return eid


def _merge_into(conn, gone: int, keep: int) -> None:
    import sqlalchemy as sa

    from newsgraph.store.schema import entities

    conn.execute(sa.update(entities).where(entities.c.id == gone).values(merged_into=keep))


def test_lookups_follow_merges_like_survivor_even_through_chains_and_cycles(store):
    from newsgraph.resolve import across

    with store.write() as conn:
        # names still pointing at merged entities: a chain A -> B -> C and a (corrupt) cycle D <-> E
        a, b, c = (_named(conn, "Abdelmadjid Tebboune", "PERSON") for _ in range(3))
        d, e = (_named(conn, "Direction Generale de la Securite Interieure", "ORG") for _ in range(2))
        plain = _named(conn, "Nnamdi Kanu", "PERSON")
        _merge_into(conn, a, b)
        _merge_into(conn, b, c)
        _merge_into(conn, d, e)
        _merge_into(conn, e, d)
        assert across.candidates(conn, "abdelmadjid tebboune", "PERSON") == {c}
        assert across.candidates(conn, "direction generale de la securite interieure", "ORG") == {
            across.survivor(conn, d), across.survivor(conn, e)}
        assert across.candidates(conn, "nnamdi kanu", "PERSON") == {plain}
        assert across.keyed(conn, "surname", ["tbn"], "PERSON") == {c}
        assert across.candidates(conn, "nnamdi kanu", "ORG") == set()


def test_context_names_looked_up_together_match_one_by_one_lookups(store):
    from newsgraph.resolve import across

    add(store, "Kenyan police chief Douglas Kanja met Ugandan officials in Kampala about the Lord's Resistance Army.",
        [("Douglas Kanja", "PERSON", []), ("Kampala", "GPE", []), ("Lord's Resistance Army", "ORG", ["LRA"])],
        published="2024-07-12")
    add(store, "Sheikh Hasina left Dhaka as the Awami League lost power.",
        [("Sheikh Hasina", "PERSON", []), ("Dhaka", "GPE", []), ("Awami League", "ORG", [])],
        published="2024-08-05")
    pairs = [("douglas kanja", "PERSON"), ("kampala", "GPE"), ("lra", "ORG"), ("awami league", "ORG"),
             ("dhaka", "PERSON"), ("sheikh hasina", "PERSON"), ("nobody here", "ORG"), ("", "GPE")]
    with store.read() as conn:
        together = across.known_ids(conn, pairs)
        assert together == {p: across.candidates(conn, *p) for p in pairs if p[0]}
        lra, awami = together[("lra", "ORG")], together[("awami league", "ORG")]
        assert len(lra) == len(awami) == 1 and lra != awami  # an alias finds its body, and only it
        assert together[("dhaka", "PERSON")] == set() and len(together[("kampala", "GPE")]) == 1


def test_links_collected_by_the_writer_are_written_once_and_explain_the_link(store):
    import sqlalchemy as sa

    from newsgraph.resolve import across
    from newsgraph.store.schema import resolution_links

    c = add(store, "Colombian army commander Luis Emilio Cardozo visited troops in Cauca.",
            [("Luis Emilio Cardozo", "PERSON", []), ("Cauca", "GPE", [])], published="2024-05-20")
    with store.write() as conn:
        before = conn.execute(sa.select(sa.func.count()).select_from(resolution_links)).scalar()
        links: list[dict] = []
        eid = across.resolve_entity(conn, "Luis Emilio Cardozo", "PERSON", [], {"article_id": c["article"]["id"]},
                                    links=links)
        assert conn.execute(sa.select(sa.func.count()).select_from(resolution_links)).scalar() == before
        assert [(lk["entity_id"], lk["rule"], lk["article_id"]) for lk in links] == [(eid, "exact",
                                                                                       c["article"]["id"])]
        across.write_links(conn, links)
        assert conn.execute(sa.select(sa.func.count()).select_from(resolution_links)).scalar() == before + 1
        # without a list the link is written at once; an article id that is not stored becomes NULL
        across.resolve_entity(conn, "Cauca", "GPE", [], {"article_id": "0000000000000000"})
        row = conn.execute(sa.select(resolution_links.c.article_id, resolution_links.c.rule)
                           .order_by(resolution_links.c.id.desc()).limit(1)).one()
        assert tuple(row) == (None, "exact")
