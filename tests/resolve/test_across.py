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
