"""Checks on the held-out gold articles in tests/gold/ (and the tuning articles in tests/gold_tune2/).

The gold files are hand-made and read by ``../shared/eval/score.py``; a typo in an
entity key or a name that is not in the text silently lowers every score, so these
tests keep the annotations honest without running the extractor.

Format (as in ``shared/eval/dev/*.gold.json``): ``meta`` {published, source, title},
``entities`` [{key, type, names, optional?, variants?}], ``facts`` [{kind, ...}] and an
optional ``scored_kinds``. ``variants`` lists names of an entity that are real spellings
but do not occur in this article's text (e.g. "Sergey" where the text says "Sergei").
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest

GOLD_DIR = Path(__file__).resolve().parent / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.gold.json"))
#: every annotated folder the format checks cover: the held-out set and the tuning set(s)
CHECKED_FILES = GOLD_FILES + sorted((GOLD_DIR.parent / "gold_tune2").glob("*.gold.json"))

ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
FACT_KINDS = {"position", "event", "report", "quote", "appointment", "dismissal", "succession", "relation"}
RELATIONS = {"rival_of", "cooperates_with", "allied_with", "affiliated_with", "part_of", "member_of", "leads",
             "subordinate_to"}
STATUSES = {"current", "former", "unknown"}
#: fields whose values are entity keys, per fact kind; ``participants`` holds a list of them
ENTITY_FIELDS = {
    "position": ("person", "org"),
    "event": ("participants", "place"),
    "report": ("reporter",),
    "quote": ("speaker", "via"),
    "appointment": ("person", "by", "org"),
    "dismissal": ("person", "by", "org"),
    "succession": ("successor", "predecessor", "org"),
    "relation": ("subject", "object"),
}
#: fields a fact must have (and, for entity fields, not leave null) to be scorable
REQUIRED = {
    "position": ("person", "title", "status"),
    "event": ("event_type", "participants"),
    "report": ("reporter",),
    "quote": ("speaker", "text", "direct"),
    "appointment": ("person",),
    "dismissal": ("person",),
    "succession": ("successor", "predecessor"),
    "relation": ("relation", "subject", "object"),
}
DATE_RE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$")


def fold(text: str) -> str:
    """Compare texts as a reader would: typographic quotes straightened, case and spacing ignored."""
    text = unicodedata.normalize("NFC", text)
    text = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}))
    return re.sub(r"\s+", " ", text).casefold()


def occurs(name: str, folded_text: str) -> bool:
    """NAME appears in the folded text as whole words ("Lopez" is not found inside "Lopezi")."""
    return re.search(r"(?<!\w)" + re.escape(fold(name)) + r"(?!\w)", folded_text) is not None


def load(path: Path) -> tuple[dict, str]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = path.with_name(path.name[: -len(".gold.json")] + ".txt").read_text(encoding="utf-8")
    return gold, text


def test_enough_varied_gold_articles():
    assert len(GOLD_FILES) >= 14
    sources = {json.loads(p.read_text(encoding="utf-8"))["meta"]["source"] for p in GOLD_FILES}
    assert len(sources) >= 8, "gold articles should come from many kinds of outlet"


@pytest.mark.parametrize("path", CHECKED_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_meta_and_text(path: Path):
    gold, text = load(path)
    meta = gold["meta"]
    assert date.fromisoformat(meta["published"])
    assert meta["source"] and meta["title"]
    assert 150 <= len(text.split()) <= 450, "articles are 150-450 words"
    assert set(gold.get("scored_kinds", [])) <= FACT_KINDS


@pytest.mark.parametrize("path", CHECKED_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_entities_are_well_formed_and_named_in_text(path: Path):
    gold, text = load(path)
    folded = fold(text)
    keys = [e["key"] for e in gold["entities"]]
    assert len(keys) == len(set(keys)), "entity keys are unique"
    for ent in gold["entities"]:
        assert ent["type"] in ENTITY_TYPES, ent
        assert ent["names"], ent
        variants = set(ent.get("variants", []))
        assert variants <= set(ent["names"]), f"{ent['key']}: variants must also be listed in names"
        if ent.get("optional"):
            continue
        for name in ent["names"]:
            if name not in variants:
                assert occurs(name, folded), f"{ent['key']}: {name!r} is not in the text (mark it a variant?)"


@pytest.mark.parametrize("path", CHECKED_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_facts_refer_to_declared_entities(path: Path):
    gold, _ = load(path)
    keys = {e["key"] for e in gold["entities"]}
    for fact in gold["facts"]:
        kind = fact["kind"]
        assert kind in FACT_KINDS, fact
        for name in REQUIRED[kind]:
            assert fact.get(name) is not None, f"{kind} needs {name}: {fact}"
        for name in ENTITY_FIELDS[kind]:
            value = fact.get(name)
            for key in value if isinstance(value, list) else [value]:
                assert key is None or key in keys, f"{kind}.{name} refers to undeclared {key!r}"
        if kind == "event" and not fact.get("optional"):
            assert fact["participants"], "a required event needs participants to be matchable"
        if kind == "relation":
            assert fact["relation"] in RELATIONS, fact
        if kind == "position":
            assert fact["status"] in STATUSES, fact
        for name in ("date", "start", "end"):
            if fact.get(name):
                assert DATE_RE.match(fact[name]), f"bad date {fact[name]!r}"


@pytest.mark.parametrize("path", CHECKED_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_quote_texts_occur_in_text(path: Path):
    gold, text = load(path)
    folded = fold(text)
    for fact in gold["facts"]:
        if fact["kind"] == "quote":
            assert fold(fact["text"]) in folded, f"quote not in text: {fact['text']!r}"


def test_fold_straightens_typographic_quotes():
    assert fold("the system\u2019s \u201ctwo  eyes\u201d") == fold("The system's \"two eyes\"")
    assert fold("Yıldırım") != fold("Yildirim"), "folding keeps letters: gold names must match the text exactly"
    assert occurs("Khafaji", fold("said al-Khafaji.")) and not occurs("Khafaj", fold("said al-Khafaji."))
