"""Quotes: pairing the marks, the speaker and cue of each quote, relayed speech (issue 2)."""

from __future__ import annotations

import json
import time

import pytest

from helpers import SHARED, facts
from newsgraph.extract.quotes import MAX_QUOTE_CHARS, MAX_UNCLOSED_CHARS, find_quotes


def _spans(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text)]


def _name(result: dict, entity_id: str | None) -> str | None:
    return next((e["name"] for e in result["entities"] if e["id"] == entity_id), None)


def _quote(result: dict, words: str) -> dict:
    found = [f for f in facts(result, "quote") if words in f["text"]]
    assert found, f"no quote with {words!r} in {[f['text'] for f in facts(result, 'quote')]}"
    return min(found, key=lambda f: len(f["text"]))  # the innermost quote holding WORDS


def _at(result: dict, span: dict | None) -> str | None:
    return result["article"]["text"][span["start"]:span["end"]] if span else None


# -- pairing the marks (no model) --------------------------------------------------------------------------
def test_straight_and_curly_marks_pair_and_trailing_comma_is_dropped():
    text = 'He said "we will win," and she said \u201cnot this year.\u201d'
    assert _spans(text) == ["we will win", "not this year."]


def test_single_quotes_nested_in_double_even_when_never_closed():
    text = "\u201cThe leader wrote that \u2018unity matters and we must act,\u201d the agency said."
    outer, inner = find_quotes(text)
    assert text[outer.start:outer.end].startswith("The leader wrote")
    assert inner.parent is outer
    assert text[inner.start:inner.end] == "unity matters and we must act"


def test_apostrophes_inside_a_quote_are_not_nested_quotes():
    text = "\u201cIt\u2019s the people\u2019s choice, and we don\u2019t mind,\u201d she said."
    assert len(find_quotes(text)) == 1


def test_quote_over_several_paragraphs_is_chained():
    text = ("\u201cWe will rebuild the bridge this year.\n\n"
            "\u201cAnd we will open two schools,\u201d the governor said.")
    first, second = find_quotes(text)
    assert not first.closed and first.continued_by is second and second.continues is first


def test_hard_wrapped_quote_closes_on_the_next_line():
    text = 'The minister said "the harbour will reopen\nnext week" after talks.'
    assert _spans(text) == ["the harbour will reopen\nnext week"]


def test_closing_mark_used_as_opening_mark():
    text = "\u201dMr. Lula is a friend of the poor.\u201d \u2015 Maria Silva"
    assert _spans(text) == ["Mr. Lula is a friend of the poor."]


def test_unbalanced_marks_do_not_swallow_the_article():
    para = "An \u201cunclosed remark opens here and the paragraph just goes on. " + "Filler words follow. " * 200
    text = para + "\n\nA later paragraph says \u201chello there\u201d to nobody.\n"
    spans = _spans(text)
    assert spans == ["hello there"]  # the unclosed one runs past MAX_UNCLOSED_CHARS and is dropped
    assert all(len(s) <= MAX_UNCLOSED_CHARS for s in spans)


def test_inch_marks_and_stray_closers_make_no_quote():
    assert _spans('The screen is 27" wide and 15" tall.') == []


def test_long_text_with_many_stray_marks_is_fast_and_capped():
    text = ('Officials said "yes" and ' * 20000 + 'a stray " mark. ' * 20000) * 2
    t = time.perf_counter()
    quotes = find_quotes(text)
    assert time.perf_counter() - t < 10
    assert all(q.end - q.start <= MAX_QUOTE_CHARS for q in quotes)


# -- speakers and cues (real model) ------------------------------------------------------------------------
def test_speaker_after_the_quote_with_cue_and_speaker_spans(extract_text):
    r = extract_text("\u201cWe will not retreat from Nairobi,\u201d Kenyan President William Ruto said on Tuesday.")
    q = _quote(r, "We will not retreat")
    assert q["direct"] is True and q["via"] is None
    assert _name(r, q["speaker"]) == "William Ruto"
    assert _at(r, q["cue_span"]) == "said"
    assert "Ruto" in _at(r, q["speaker_span"])
    assert q["text"] == "We will not retreat from Nairobi"
    assert _at(r, q["evidence"][0]) == q["text"]


def test_inverted_speech_verb_and_straight_quotes(extract_text):
    r = extract_text('"The border stays closed until further notice," said Pedro Sanchez, the Spanish prime minister.')
    q = _quote(r, "border stays closed")
    assert _name(r, q["speaker"]) == "Pedro Sanchez"


def test_speaker_before_a_colon(extract_text):
    r = extract_text('German Foreign Minister Annalena Baerbock said: "Diplomacy has not failed yet."')
    assert _name(r, _quote(r, "Diplomacy")["speaker"]) == "Annalena Baerbock"


def test_pronoun_speaker_is_the_person_just_named(extract_text):
    r = extract_text("Ana Duarte arrived in Lisbon on Monday after meeting Carlos Mendes. "
                     "\u201cWe are ready for the vote,\u201d she told reporters.")
    q = _quote(r, "ready for the vote")
    assert _name(r, q["speaker"]) == "Ana Duarte"
    assert _at(r, q["speaker_span"]) == "she"
    assert _at(r, q["cue_span"]) == "told"


def test_partial_quote_inside_a_sentence(extract_text):
    r = extract_text('Indian Prime Minister Narendra Modi called the agreement "a historic step" for both nations.')
    q = _quote(r, "historic step")
    assert q["text"] == "a historic step"
    assert _name(r, q["speaker"]) == "Narendra Modi"


def test_scare_quotes_without_speech_are_not_quotes(extract_text):
    r = extract_text('The so-called "reforms" were never passed by the parliament in Bogota.')
    assert facts(r, "quote") == []


def test_split_quote_around_one_cue_is_one_fact(extract_text):
    r = extract_text('"We are not at war," Olaf Scholz said in Berlin, "but we must be prepared for it."')
    (q,) = facts(r, "quote")
    assert len(q["evidence"]) == 2
    assert _name(r, q["speaker"]) == "Olaf Scholz"
    assert "not at war" in q["text"] and "prepared" in q["text"]


def test_quote_standing_alone_continues_the_last_speaker(extract_text):
    r = extract_text("Nigerian Finance Minister Wale Edun spoke to lawmakers in Abuja.\n\n"
                     "\u201cThe budget is balanced for the first time in a decade,\u201d Edun said. "
                     "\u201cWe kept every promise we made to the states.\u201d\n")
    first, second = _quote(r, "budget is balanced"), _quote(r, "kept every promise")
    assert _name(r, first["speaker"]) == _name(r, second["speaker"]) == "Wale Edun"


def test_quote_over_two_paragraphs_has_one_speaker(extract_text):
    r = extract_text("\u201cOur farmers have waited long enough for this road.\n\n"
                     "\u201cIt will be finished before the rains,\u201d said Governor Amina Yusuf.\n")
    q = _quote(r, "farmers have waited")
    assert _name(r, q["speaker"]) == "Amina Yusuf"
    assert len(q["evidence"]) == 2


def test_dash_attribution_after_the_quote(extract_text):
    r = extract_text("\u201cThe debate showed who he really is.\u201d \u2015 Martha Aguilar\n")
    assert _name(r, _quote(r, "debate showed")["speaker"]) == "Martha Aguilar"


# -- relayed speech -----------------------------------------------------------------------------------------
def test_outlet_reported_that_a_leader_said(extract_text):
    r = extract_text('Reuters reported that Xi Jinping said "reunification is inevitable" during the visit.')
    q = _quote(r, "reunification")
    assert _name(r, q["speaker"]) == "Xi Jinping"
    assert _name(r, q["via"]) == "Reuters"
    assert q["attributed_to"] == q["via"]


def test_according_to_an_outlet_relays_the_speaker(extract_text):
    r = extract_text('According to Reuters, Pakistani Foreign Minister Ishaq Dar said "the border will stay open."')
    q = _quote(r, "border will stay open")
    assert _name(r, q["speaker"]) == "Ishaq Dar"
    assert _name(r, q["via"]) == "Reuters"


def test_interview_broadcast_by_an_outlet_relays_the_speaker(extract_text):
    r = extract_text('Egyptian President Abdel Fattah al-Sisi said "we will not accept displacement" '
                     "in an interview broadcast by Al Jazeera.")
    q = _quote(r, "displacement")
    assert "Sisi" in _name(r, q["speaker"])
    assert _name(r, q["via"]) == "Al Jazeera"


def test_the_agency_resolves_to_the_outlet_named_before(extract_text):
    r = extract_text("The Anadolu news agency interviewed Recep Tayyip Erdogan on Sunday. He was quoted by the "
                     'agency as saying "the corridor will reopen soon."')
    q = _quote(r, "corridor")
    assert _name(r, q["speaker"]) == "Recep Tayyip Erdogan"
    assert "Anadolu" in _name(r, q["via"])
    assert _at(r, q["speaker_span"]) == "He"


def test_quoted_by_an_agency_as_saying(extract_text):
    r = extract_text('Sergei Lavrov was quoted by Reuters as saying "the talks in Geneva were useful."')
    q = _quote(r, "talks in Geneva")
    assert _name(r, q["speaker"]) == "Sergei Lavrov"
    assert _name(r, q["via"]) == "Reuters"


def test_nested_quote_is_the_leader_via_the_outlet(extract_text):
    r = extract_text(
        "The IRNA news agency covered the meeting of President Ebrahim Raisi with his cabinet.\n\n"
        "\u201cThe president sent a message to the cabinet, stressing that \u2018unity is our strength and "
        "division is our weakness,\u201d the outlet wrote.\n")
    inner = _quote(r, "unity is our strength")
    assert inner["text"].startswith("unity") and not inner["text"].startswith("The president")
    assert _name(r, inner["speaker"]) == "Ebrahim Raisi"
    outer = _quote(r, "The president sent a message")
    assert outer["speaker"] is not None and outer["speaker"] == inner["via"]
    assert "IRNA" in _name(r, outer["speaker"])


# -- the model article -----------------------------------------------------------------------------------
def test_every_required_quote_of_the_dev_article_has_its_speaker(extract_text):
    dev = SHARED / "eval" / "dev"
    if not dev.exists():
        pytest.skip("shared eval data not present")
    gold = json.loads((dev / "security-chiefs-mashhad.gold.json").read_text(encoding="utf-8"))
    text = (dev / "security-chiefs-mashhad.txt").read_text(encoding="utf-8")
    r = extract_text(text, published="2023-06-24")
    names = {g["key"]: {n.lower() for n in g["names"]} for g in gold["entities"]}
    for g in gold["facts"]:
        if g["kind"] != "quote" or g.get("optional"):
            continue
        words = g["text"][:30]
        found = [f for f in facts(r, "quote") if words.lower() in f["text"].lower()]
        assert found, f"missed quote {words!r}"
        q = min(found, key=lambda f: len(f["text"]))
        speaker = next(e for e in r["entities"] if e["id"] == q["speaker"])
        assert {speaker["name"].lower(), *map(str.lower, speaker["aliases"])} & names[g["speaker"]], words
        if g.get("via"):
            via = next(e for e in r["entities"] if e["id"] == q["via"])
            assert {via["name"].lower(), *map(str.lower, via["aliases"])} & names[g["via"]]


# -- speaker finding: the subject of the speech verb, the outlet as relay ------------------------------------
def test_told_an_outlet_the_speaker_is_the_subject_and_the_outlet_the_relay(extract_text):
    r = extract_text('Former Colombian senator Gustavo Petrillo told Caracol Radio on Monday: '
                     '"We will not negotiate with criminals."')
    q = _quote(r, "negotiate with criminals")
    assert _name(r, q["speaker"]) == "Gustavo Petrillo"
    assert _name(r, q["via"]) == "Caracol Radio"
    r = extract_text('Kenyan opposition leader Raila Odinga told the BBC that '
                     '"the election was stolen from the people".')
    q = _quote(r, "election was stolen")
    assert _name(r, q["speaker"]) == "Raila Odinga" and _name(r, q["via"]) == "BBC"


def test_interview_with_an_outlet_and_a_post_on_a_platform(extract_text):
    r = extract_text('Polish Prime Minister Donald Tusk said in an interview with Reuters that '
                     '"Europe must arm itself now."')
    q = _quote(r, "Europe must arm")
    assert _name(r, q["speaker"]) == "Donald Tusk" and _name(r, q["via"]) == "Reuters"
    r = extract_text('Ukrainian President Volodymyr Zelensky wrote on Telegram: "The enemy will pay for every strike."')
    q = _quote(r, "enemy will pay")
    assert _name(r, q["speaker"]) == "Volodymyr Zelensky"
    assert _name(r, q["via"]) in (None, "Telegram")


def test_told_reporters_is_no_relay(extract_text):
    r = extract_text('Nigerian army spokesman Onyema Nwachukwu told reporters: "The operation in Borno will continue."')
    q = _quote(r, "operation in Borno")
    assert _name(r, q["speaker"]) == "Onyema Nwachukwu" and q["via"] is None


def test_partial_quote_speaker_is_the_subject_of_the_governing_verb(extract_text):
    cases = [
        ('Philippine governor Ramon Tolentino vowed to "finish what General Santiago started" in Mindanao.',
         "finish what", "Ramon Tolentino"),
        ('Malian junta spokesman Abdoulaye Maiga dismissed the demands as ones "that belong to the old regime".',
         "old regime", "Abdoulaye Maiga"),
        ("Peru's interior minister Carlos Mendoza met police chiefs in Lima. "
         'He promised to "restore order within weeks".', "restore order", "Carlos Mendoza"),
    ]
    for text, words, speaker in cases:
        r = extract_text(text)
        assert _name(r, _quote(r, words)["speaker"]) == speaker, text


def test_an_organisation_can_speak_in_a_partial_quote(extract_text):
    r = extract_text('The Tuareg group called the offer "a surrender dressed up as a negotiation" on Tuesday.')
    q = _quote(r, "surrender dressed up")
    assert q["speaker"] is not None and "Tuareg" in _name(r, q["speaker"])


def test_speaker_after_the_quote_is_the_verb_subject_not_a_nearby_name(extract_text):
    r = extract_text('"We are ready to defend every metre," the Estonian defence minister Hanno Pevkur said '
                     'after meeting NATO envoys in Tallinn.')
    assert _name(r, _quote(r, "defend every metre")["speaker"]) == "Hanno Pevkur"
    r = extract_text('"There will be no ceasefire," said Ismail Haniyeh, the political chief of Hamas, in Doha.')
    assert _name(r, _quote(r, "no ceasefire")["speaker"]) == "Ismail Haniyeh"


def test_a_short_later_mention_of_the_speaker_finds_the_full_name(extract_text):
    r = extract_text('The talks in Nairobi were attended by Debretsion Gebremichael and government envoys.\n\n'
                     '"We came to save the agreement, not to bury it," Debretsion told reporters after the session.')
    assert _name(r, _quote(r, "save the agreement")["speaker"]) == "Debretsion Gebremichael"
    r = extract_text('Venezuelan defence minister Vladimir Padrino met his counterpart in Caracas on Friday.\n\n'
                     '"No armed group will use our territory," Padrino Lopez said after the meeting.')
    assert _name(r, _quote(r, "armed group")["speaker"]) == "Vladimir Padrino"


def test_the_appositive_name_speaks_not_the_organisation_in_the_description(extract_text):
    r = extract_text('"The door is closed," a senior Hezbollah official, Wafiq Safa, said.')
    assert _name(r, _quote(r, "door is closed")["speaker"]) == "Wafiq Safa"


def test_an_outlet_the_speaker_spoke_on_or_to_is_the_relay(extract_text):
    r = extract_text('"We will respond with force," said Major General Yahya Saree, the Houthi military spokesman, '
                     'on Al Masirah TV.')
    q = _quote(r, "respond with force")
    assert _name(r, q["speaker"]) == "Yahya Saree" and _name(r, q["via"]) == "Al Masirah TV"
    r = extract_text('Speaking to Al Jazeera, Iraqi Prime Minister Mohammed Shia al-Sudani said: '
                     '"Iraq will not be a battlefield."')
    q = _quote(r, "battlefield")
    assert _name(r, q["speaker"]) == "Mohammed Shia al-Sudani" and _name(r, q["via"]) == "Al Jazeera"
    r = extract_text('Brazilian President Luiz Inacio Lula da Silva spoke to the United Nations General Assembly. '
                     'He said on Tuesday: "Hunger is a political choice."')
    assert _quote(r, "Hunger is")["via"] is None


def test_the_holder_of_a_title_named_after_the_organisation_speaks(extract_text):
    r = extract_text('The commander of the Rapid Support Forces, Mohamed Hamdan Dagalo, said his fighters '
                     '"will not stand by".')
    assert _name(r, _quote(r, "stand by")["speaker"]) == "Mohamed Hamdan Dagalo"
    r = extract_text('The leader of the Awami League, Sheikh Hasina, called the verdict "an act of revenge".')
    assert "Hasina" in (_name(r, _quote(r, "act of revenge")["speaker"]) or "")


@pytest.mark.parametrize(
    ("text", "words", "speaker", "via"),
    [
        # "quoted X as telling/saying": X speaks; the outlet that carried the statement relays
        ('The statement, carried by the official SPA news agency, quoted King Salman bin Abdulaziz as telling the '
         'new minister to "protect the kingdom from every threat".', "protect the kingdom", "Salman bin Abdulaziz",
         "SPA"),
        ('Xinhua quoted Premier Li Qiang as saying that "growth will recover in the second half".',
         "growth will recover", "Li Qiang", "Xinhua"),
        # "the head of state": the president named before; the spokesman who passed it on relays
        ('President Kassym Tokayev met the security council on Monday. "Corruption in the ranks will not be '
         'tolerated," the head of state said, according to his spokesman, Ruslan Zheldibay.',
         "Corruption in the ranks", "Kassym Tokayev", "Ruslan Zheldibay"),
    ],
)
def test_relayed_speech_keeps_its_speaker(extract_text, text, words, speaker, via):
    result = extract_text(text, published="2024-05-02")
    q = _quote(result, words)
    assert _name(result, q["speaker"]) == speaker
    assert via in (_name(result, q["via"]) or "")


def test_the_head_of_government_is_nobody_when_no_prime_minister_was_named(extract_text):
    result = extract_text('President Kassym Tokayev met the council. "Prices will fall," the head of government '
                          'said on Monday.', published="2024-05-02")
    assert _name(result, _quote(result, "Prices will fall")["speaker"]) != "Kassym Tokayev"


@pytest.mark.parametrize(
    ("text", "words", "speaker", "via"),
    [
        # the outlet named right after its description, wherever the parser hung the name
        ('Defence Minister Anna Kovacs said "the border is secure", in remarks carried by the state news agency MTI.',
         "the border is secure", "Anna Kovacs", "MTI"),
        # an outlet's name the tagger made an adjective of "agency"
        ('The IRNA news agency quoted Foreign Minister Abbas Araghchi as saying that "talks are over".',
         "talks are over", "Abbas Araghchi", "IRNA"),
    ],
)
def test_the_outlet_that_carried_the_words_is_the_relay(extract_text, text, words, speaker, via):
    result = extract_text(text, published="2024-03-01")
    q = _quote(result, words)
    assert _name(result, q["speaker"]) == speaker
    assert via in (_name(result, q["via"]) or "")
