"""Titles: when two wordings are one post, and which weak post words still name a post."""

from __future__ import annotations

import pytest

from helpers import entity_by_name, facts
from newsgraph.extract.titles import same_title


@pytest.mark.parametrize(("a", "b"), [
    ("Chairman of the National Security Committee (KNB)", "Chairman of the KNB"),
    ("defence minister", "Minister of Defence"),
    ("head of the Federal Investigation Agency", "head of the agency"),
])
def test_same_post(a, b):
    assert same_title(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("head of presidential security", "head of the General Directorate of Internal Security"),
    ("deputy director", "director"),
    ("director of the DGSI", "director of the DGSE"),
    ("vice-president", "president"),
])
def test_different_posts(a, b):
    assert not same_title(a, b)


def _posts(out: dict, name: str) -> list[str]:
    ent = entity_by_name(out, name)
    assert ent is not None, [e["name"] for e in out["entities"]]
    return [f["title"] for f in facts(out, "position") if f["person"] == ent["id"]]


@pytest.mark.parametrize(("text", "name", "title"), [
    ("In Doha, the army's chief negotiator, Omer Siddig Hamad, met the mediator.", "Omer Siddig Hamad",
     "chief negotiator"),
    ("Karim Benhaddou, a former Mossad officer, was promoted to deputy director general.", "Karim Benhaddou",
     "officer"),
])
def test_weak_post_word_with_a_rank_or_a_body_is_a_post(extract_text, text, name, title):
    out = extract_text(text, published="2024-05-02")
    assert title in _posts(out, name)


def test_weak_post_word_alone_is_no_post(extract_text):
    out = extract_text("Ahmed Nasser, an official, declined to comment.", published="2024-05-02")
    assert facts(out, "position") == []


def test_two_posts_with_one_head_word_stay_two(extract_text):
    out = extract_text("Mourad Kessaci, a former head of presidential security, was appointed head of the General "
                       "Directorate of Internal Security on Wednesday.", published="2024-05-02")
    assert sorted(_posts(out, "Mourad Kessaci")) == ["head of presidential security",
                                                     "head of the General Directorate of Internal Security"]


@pytest.mark.parametrize(("text", "name", "title"), [
    ("The ousted president Mohamed Bazoum remains in detention.", "Mohamed Bazoum", "president"),
    ("Sacked interior minister Ali Hassan spoke to reporters.", "Ali Hassan", "interior minister"),
    ("Nomvula Dube, a retired judge, chairs the inquiry.", "Nomvula Dube", "judge"),
])
def test_words_that_end_a_post(extract_text, text, name, title):
    out = extract_text(text, published="2024-05-02")
    ent = entity_by_name(out, name)
    found = [(f["title"], f["status"]) for f in facts(out, "position") if f["person"] == ent["id"]]
    assert (title, "former") in found


def test_descriptive_words_are_not_part_of_the_post(extract_text):
    out = extract_text("Fatima Zahra was sworn in as the country's first female prime minister on Tuesday.",
                       published="2024-05-02")
    assert _posts(out, "Fatima Zahra") == ["prime minister"]


def test_hyphenated_post_after_a_body_with_its_acronym(extract_text):
    out = extract_text("The Revolutionary Guards (IRGC) commander-in-chief, Hossein Salami, spoke on Monday.",
                       published="2024-05-02")
    ent = entity_by_name(out, "Hossein Salami")
    (post,) = [f for f in facts(out, "position") if f["person"] == ent["id"]]
    assert post["title"] == "commander-in-chief"
    assert post["org"] == entity_by_name(out, "Revolutionary Guards")["id"]


@pytest.mark.parametrize(("text", "name", "title"), [
    ("Attorney General Merrick Garland spoke.", "Merrick Garland", "Attorney General"),
    ("Nigeria's Inspector General Kayode Egbetokun spoke.", "Kayode Egbetokun", "Inspector General"),
    ("The Philippine National Police (PNP) chief General Benjamin Acorda spoke.", "Benjamin Acorda", "chief"),
])
def test_general_as_part_of_a_post_or_a_rank(extract_text, text, name, title):
    out = extract_text(text, published="2024-05-02")
    assert _posts(out, name) == [title]


def test_a_bodys_acronym_before_a_premodifying_post_gives_the_org(extract_text):
    out = extract_text("The Philippine National Police (PNP) chief General Benjamin Acorda spoke.",
                       published="2024-05-02")
    (post,) = [f for f in facts(out, "position") if f["person"] == entity_by_name(out, "Benjamin Acorda")["id"]]
    assert post["org"] == entity_by_name(out, "Philippine National Police")["id"]
