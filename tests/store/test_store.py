"""The knowledge base on SQLite and PostgreSQL: writes, identity, near-duplicates, failures, faults."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from store_helpers import article_of, build_contract

from newsgraph.store import Store
from newsgraph.store.schema import entities, entity_names, fact_participants, facts, mentions, sources

NAIROBI = (
    "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on Tuesday to discuss "
    "the security of their shared border. Ruto said the two governments would set up a joint commission. "
    "The African Union (AU) welcomed the talks, and officials of the AU said a summit could follow in May."
)


@pytest.fixture
def store(store_url):
    with Store.open(store_url) as s:
        yield s


def nairobi_contract(text: str = NAIROBI, **meta) -> dict:
    return build_contract(
        text,
        [("William Ruto", "PERSON", ["Ruto"]), ("Abiy Ahmed", "PERSON", []), ("Nairobi", "GPE", []),
         ("African Union", "ORG", ["AU"])],
        [
            {"kind": "position", "person": "William Ruto", "title": "President", "org": None, "status": "current",
             "start": None, "end": None, "evidence": "Kenyan President William Ruto"},
            {"kind": "event", "event_type": "meeting", "participants": ["William Ruto", "Abiy Ahmed"],
             "place": "Nairobi", "date": "2024-03-12", "plover": "CONSULT",
             "evidence": "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi"},
            {"kind": "quote", "speaker": "William Ruto", "text": "the two governments would set up a joint "
             "commission", "direct": False, "via": None,
             "speaker_span": {"start": NAIROBI.index("Ruto said"), "end": NAIROBI.index("Ruto said") + 4},
             "cue_span": None, "evidence": "the two governments would set up a joint commission"},
            {"kind": "report", "reporter": "African Union", "about": "f2", "date": None,
             "evidence": "The African Union (AU) welcomed the talks"},
        ],
        **{"source": "daily-nation", "published": "2024-03-13", **meta},
    )


def count(store: Store, table: sa.Table) -> int:
    with store.read() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()


def test_an_article_is_stored_with_typed_fact_columns(store):
    contract = nairobi_contract()
    result = store.add(contract, article_of(contract, origin="nation.txt"))
    assert result.status == "added" and result.facts == 4 and result.entities == 4
    assert store.stats() == {"articles": 1, "entities": 4, "facts": 4, "failed": 0, "duplicates": 0}
    with store.read() as conn:
        names = dict(conn.execute(sa.select(entities.c.id, entities.c.name)).all())
        rows = {r.kind: r for r in conn.execute(sa.select(facts))}
        pos, event, quote, report = rows["position"], rows["event"], rows["quote"], rows["report"]
        assert names[pos.person_id] == "William Ruto" and pos.title == "President" and pos.status == "current"
        assert pos.evidence_text == "Kenyan President William Ruto"
        assert NAIROBI[pos.evidence_start:pos.evidence_end] == pos.evidence_text
        assert names[event.place_id] == "Nairobi" and event.date == "2024-03-12" and event.plover == "CONSULT"
        parts = conn.execute(sa.select(fact_participants.c.entity_id).where(fact_participants.c.fact_id == event.id)
                             .order_by(fact_participants.c.position)).scalars().all()
        assert [names[p] for p in parts] == ["William Ruto", "Abiy Ahmed"]
        assert names[quote.speaker_id] == "William Ruto" and quote.direct is False
        assert NAIROBI[quote.speaker_start:quote.speaker_end] == "Ruto"
        assert report.about_id == event.id and names[report.reporter_id] == "African Union"
        assert pos.raw["person"] == "e1" and pos.extractor_version == "test"
        ruto_mentions = conn.execute(sa.select(mentions.c.text).where(mentions.c.local_id == "e1")).scalars().all()
        assert sorted(ruto_mentions) == ["Ruto", "William Ruto"]
    stored = store.article(contract["article"]["id"])
    assert stored["text"] == NAIROBI and stored["source"] == "daily-nation" and stored["published"] == "2024-03-13"
    assert "text" not in stored["raw"]["article"]


def test_same_text_or_same_corpus_id_changes_nothing(store):
    contract = nairobi_contract()
    store.add(contract, article_of(contract, external_id="nation-1"))
    before = store.stats()
    again = store.add(contract, article_of(contract, external_id="nation-1"))
    assert again.status == "unchanged"
    # re-wrapped lines: same normalized text, same id
    rewrapped = nairobi_contract(NAIROBI.replace(". ", ".\n  "))
    assert rewrapped["article"]["id"] == contract["article"]["id"]
    assert store.add(rewrapped).status == "unchanged"
    # the corpus id is known even when the text was edited since
    edited = nairobi_contract(NAIROBI + " Updated at 10:00.")
    assert store.add(edited, article_of(edited, external_id="nation-1")).status == "unchanged"
    assert store.stats() == before
    assert count(store, mentions) == sum(len(e["mentions"]) for e in contract["entities"])


def test_a_wire_copy_is_a_further_source_not_new_facts(store):
    original = nairobi_contract()
    store.add(original, article_of(original, origin="nation.txt"))
    copy_text = "NAIROBI (Reuters) - " + NAIROBI.replace("on Tuesday", "on Tuesday,") + " Editing by Jane Doe."
    copy = nairobi_contract(copy_text, source="reuters")
    result = store.add(copy, article_of(copy, url="https://example.org/r/1"))
    assert result.status == "duplicate" and result.duplicate_of == original["article"]["id"]
    assert result.similarity >= 0.7
    assert store.stats() == {"articles": 1, "entities": 4, "facts": 4, "failed": 0, "duplicates": 1}
    copies = store.sources(original["article"]["id"])
    assert [c["is_primary"] for c in copies] == [True, False]
    assert copies[1]["name"] == "reuters" and copies[1]["url"] == "https://example.org/r/1"
    # the copy again: still nothing new
    assert store.add(copy, article_of(copy)).status == "unchanged"
    assert count(store, sources) == 2


def test_a_different_story_on_the_same_topic_is_not_a_duplicate(store):
    store.add(nairobi_contract())
    other = (
        "Ethiopian Prime Minister Abiy Ahmed travelled to Nairobi on Tuesday for talks with President William Ruto. "
        "Both leaders spoke of border security, but no joint commission was announced, according to diplomats who "
        "asked not to be named. The African Union has urged both sides to resolve the dispute over grazing land."
    )
    contract = build_contract(other, [("Abiy Ahmed", "PERSON", []), ("William Ruto", "PERSON", []),
                                      ("Nairobi", "GPE", []), ("African Union", "ORG", [])])
    assert store.add(contract).status == "added"
    assert store.stats()["articles"] == 2 and store.stats()["duplicates"] == 0
    # but its entities are the same people, places and bodies
    assert store.stats()["entities"] == 4


def test_entities_link_across_articles_by_name_and_proper_alias(store):
    store.add(nairobi_contract())
    second = "The AU summit in Addis Ababa ended without a statement. Ruto did not attend, his office said."
    store.add(build_contract(second, [("AU", "ORG", []), ("Addis Ababa", "GPE", []), ("Ruto", "PERSON", [])]))
    by_name = {e["name"]: e for e in store.entities()}
    assert by_name["African Union"]["articles"] == 2  # 'AU' was an alias of 'African Union' in the first
    assert by_name["William Ruto"]["articles"] == 2  # a bare surname as the article's only name links if unique
    assert "AU" not in by_name and "Ruto" not in by_name


def test_ambiguous_surnames_and_descriptions_do_not_merge_people(store):
    a = "Pakistan's former prime minister Imran Khan spoke in Lahore. The former prime minister was defiant."
    b = "London mayor Sadiq Khan opened a bridge. The mayor was cheered."
    store.add(build_contract(a, [("Imran Khan", "PERSON", ["the former prime minister"])]))
    store.add(build_contract(b, [("Sadiq Khan", "PERSON", ["Khan", "the mayor"])]))
    c = "Khan was not available for comment, and the former prime minister's party declined to say more."
    store.add(build_contract(c, [("Khan", "PERSON", ["the former prime minister"])]))
    people = {e["name"] for e in store.entities("PERSON")}
    assert people == {"Imran Khan", "Sadiq Khan", "Khan"}
    with store.read() as conn:
        kinds = dict(conn.execute(sa.select(entity_names.c.name, entity_names.c.kind)).all())
    assert kinds["the former prime minister"] == "description" and kinds["Imran Khan"] == "name"


def test_same_name_of_another_type_is_another_entity(store):
    a = "Georgia's parliament passed the law on Tuesday, officials in Tbilisi said."
    b = "Voters in Georgia, the US state, returned to the polls in Atlanta."
    store.add(build_contract(a, [("Georgia", "GPE", []), ("Tbilisi", "GPE", [])]))
    store.add(build_contract(b, [("Georgia", "LOC", []), ("Atlanta", "GPE", [])]))
    assert sorted(e["type"] for e in store.entities() if e["name"] == "Georgia") == ["GPE", "LOC"]


def test_failures_are_recorded_once_and_cleared_when_the_article_is_stored(store):
    contract = nairobi_contract()
    article = article_of(contract, origin="feeds/nation.txt")
    store.record_failure(key=article.id, stage="extract", reason="stage 'events' failed: IndexError",
                         origin=article.origin, article_id=article.id)
    store.record_failure(key=article.id, stage="extract", reason="stage 'events' failed: KeyError",
                         origin=article.origin, article_id=article.id)
    store.record_failure(key="broken.jsonl:3", stage="read", reason="broken.jsonl:3: invalid JSON")
    listed = store.failures()
    assert [f["key"] for f in listed] == [article.id, "broken.jsonl:3"]
    assert listed[0]["reason"].endswith("KeyError") and store.stats()["failed"] == 2
    store.add(contract, article)
    assert [f["key"] for f in store.failures()] == ["broken.jsonl:3"]


def test_a_fact_pointing_at_a_missing_entity_or_span_is_kept_without_it(store):
    contract = nairobi_contract()
    contract["facts"].append({"id": "f5", "kind": "relation", "relation": "allied_with", "subject": "e4",
                              "object": "e99", "evidence": [{"start": 5, "end": 10_000}], "attributed_to": None,
                              "confidence": "high"})
    store.add(contract)
    with store.read() as conn:
        row = conn.execute(sa.select(facts).where(facts.c.kind == "relation")).one()
    assert row.subject_id is not None and row.object_id is None
    assert row.evidence_start is None and row.evidence == [] and row.confidence is None
