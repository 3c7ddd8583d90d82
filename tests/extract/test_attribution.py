"""Attribution: who asserts each fact, report facts, and the frames of reported speech (issue 2)."""

from __future__ import annotations

from helpers import facts
from newsgraph.article import Article
from newsgraph.extract import attribution, entities, quotes
from newsgraph.extract.context import Context


def _name(result: dict, entity_id: str | None) -> str | None:
    return next((e["name"] for e in result["entities"] if e["id"] == entity_id), None)


def _context(nlp, text: str) -> Context:
    """The context after the stages up to attribution, to look at frames and regions directly."""
    ctx = Context(article=Article(text=text), doc=nlp(text))
    entities.run(ctx)
    quotes.run(ctx)
    attribution.run(ctx)
    return ctx


def test_outlet_reported_that_makes_a_frame_and_a_report(nlp):
    text = "The Tasnim news agency reported that Hassan Rouhani had urged the two ministries to cooperate."
    ctx = _context(nlp, text)
    inside = text.index("urged")
    assert "Tasnim" in ctx.attribution(inside, inside + 5).name
    (report,) = ctx.facts_of("report")
    assert "Tasnim" in report.fields["reporter"].name
    assert report.attributed_to is None


def test_according_to_frames_the_rest_of_the_sentence(nlp):
    text = "According to Reuters, Ethiopian troops entered Mekelle on Saturday."
    ctx = _context(nlp, text)
    where = text.index("entered")
    assert ctx.attribution(where, where + 7).name == "Reuters"
    assert ctx.attribution(0, len(text)).name == "Reuters"  # a fact citing the whole sentence


def test_said_that_in_a_subordinate_clause_frames_only_that_clause(nlp):
    text = "Finance Minister Fernando Haddad, who said that Brazil would host the summit, flew to Brasilia on Monday."
    ctx = _context(nlp, text)
    host = text.index("host")
    assert ctx.attribution(host, host + 4).name == "Fernando Haddad"
    flew = text.index("flew")
    assert ctx.attribution(flew, flew + 4) is None
    assert ctx.attribution(0, len(text)) is None


def test_words_inside_a_quote_belong_to_the_speaker(nlp):
    text = "\u201cThe army will leave Goma by Friday,\u201d Felix Tshisekedi said."
    ctx = _context(nlp, text)
    goma = text.index("Goma")
    assert ctx.attribution(goma, goma + 4).name == "Felix Tshisekedi"
    (q,) = ctx.facts_of("quote")
    assert q.attributed_to is None  # that he said it is the article's own claim


def test_innermost_frame_wins(nlp):
    text = "The minister said that the BBC reported that Imran Khan had left Lahore."
    ctx = _context(nlp, text)
    left = text.index("left")
    assert ctx.attribution(left, left + 4).name == "BBC"


def test_fact_in_a_report_is_attributed_to_the_outlet(extract_text):
    r = extract_text("Reuters reported that Vladimir Putin met Recep Tayyip Erdogan in Sochi on Friday.",
                     published="2021-10-02")
    (report,) = facts(r, "report")
    assert _name(r, report["reporter"]) == "Reuters"
    meetings = [f for f in facts(r, "event") if f.get("event_type") == "meeting"]
    for ev in meetings:
        assert _name(r, ev["attributed_to"]) == "Reuters"


def test_article_voice_is_null(extract_text):
    r = extract_text("Vladimir Putin met Recep Tayyip Erdogan in Sochi on Friday.", published="2021-10-02")
    assert facts(r, "report") == []
    assert all(f["attributed_to"] is None for f in r["facts"])


def test_link_reports_points_at_the_reported_fact(nlp):
    text = "On June 22, state broadcaster IRIB reported that Ali Larijani met Bashar al-Assad in Damascus."
    ctx = _context(nlp, text)
    (report,) = ctx.facts_of("report")
    meeting = ctx.add_fact("event", (text.index("Ali"), text.index(" in Damascus")), event_type="meeting")
    attribution.link_reports(ctx)
    assert report.fields["about"] is meeting
    assert meeting.attributed_to is report.fields["reporter"]


def test_pronoun_outside_quotes_for_the_author_is_no_source(nlp):
    text = "We asked the ministry in Accra about the plan. \u201cThere is no plan,\u201d we were told."
    ctx = _context(nlp, text)
    (q,) = ctx.facts_of("quote")
    assert q.fields["speaker"] is None
