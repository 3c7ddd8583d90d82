"""The loaded pipeline: a blank line always ends a sentence."""

from __future__ import annotations


def test_a_headline_without_a_full_stop_is_its_own_sentence(nlp):
    doc = nlp("Kenya names new police chief\n\nNAIROBI - President William Ruto on Monday appointed Douglas "
              "Kanja as inspector general of police.")
    starts = [s.text.strip().split()[0] for s in doc.sents if s.text.strip()]
    assert starts[:2] == ["Kenya", "NAIROBI"]
    appointed = next(t for t in doc if t.text == "appointed")
    assert appointed.head.text != "names"


def test_a_single_line_break_inside_a_paragraph_is_left_to_the_parser(nlp):
    doc = nlp("The minister said the talks\nwould resume on Monday.")
    assert len([s for s in doc.sents if s.text.strip()]) == 1
