"""Dates: normalisation of expressions and the date that governs a clause."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.article import Article
from newsgraph.extract.context import Context
from newsgraph.extract.dates import date_for, mentions, normalize, report_date

SAT = date(2023, 6, 24)  # a Saturday
WED = date(2024, 3, 13)  # a Wednesday


@pytest.mark.parametrize(
    ("expr", "published", "want"),
    [
        ("June 15", SAT, "2023-06-15"),
        ("on 15 June", SAT, "2023-06-15"),
        ("the 3rd of March", WED, "2024-03-03"),
        ("Sept. 9, 2019", WED, "2019-09-09"),
        ("2021-11-02", None, "2021-11-02"),
        ("in 2019", WED, "2019"),
        ("May 2010", None, "2010-05"),
        ("mid-February", WED, "2024-02"),
        ("early 2011", None, "2011"),
    ],
)
def test_absolute_dates_keep_the_precision_of_the_text(expr, published, want):
    assert normalize(expr, published) == want


def test_month_and_day_without_a_publication_date_have_no_year():
    assert normalize("June 15", None) == "--06-15"
    assert normalize("Tuesday", None) is None


@pytest.mark.parametrize(
    ("expr", "want"),
    [
        ("yesterday", "2024-03-12"),
        ("on Monday", "2024-03-11"),
        ("Wednesday", "2024-03-13"),  # the publication day itself
        ("last Thursday", "2024-03-07"),
        ("last week", "2024-03"),
        ("last month", "2024-02"),
        ("earlier this year", "2024"),
        ("early this year", "2024"),
        ("this month", "2024-03"),
        ("last year", "2023"),
        ("next year", "2025"),
        ("two years ago", "2022"),
        ("three days ago", "2024-03-10"),
        ("recently", "2024"),
        ("in January", "2024-01"),
        ("in October", "2023-10"),  # a month after the publication month: the last one
        ("last summer", "2023"),
    ],
)
def test_relative_dates_resolve_against_publication(expr, want):
    assert normalize(expr, WED) == want


def test_a_week_spanning_two_months_gives_the_year_not_an_invented_month():
    # published Wednesday 2024-05-01: last week is 22-28 April, this week 29 April-5 May
    assert normalize("last week", date(2024, 5, 1)) == "2024-04"
    assert normalize("this week", date(2024, 5, 1)) == "2024"


def test_tense_picks_the_last_or_the_next_occurrence():
    assert normalize("on Friday", WED, tense="past") == "2024-03-08"
    assert normalize("on Friday", WED, tense="future") == "2024-03-15"
    assert normalize("in June", WED, tense="future") == "2024-06"
    assert normalize("in June", WED, tense="past") == "2023-06"


def test_offsets_count_from_the_anchor_not_from_publication():
    assert normalize("a week after", SAT) is None
    assert normalize("a week after", SAT, anchor="2023-06-15") == "2023-06-22"
    assert normalize("two days later", SAT, anchor="2023-06-15") == "2023-06-17"
    assert normalize("the next day", WED, anchor="2024-02-29") == "2024-03-01"
    assert normalize("later that year", WED, anchor="2019-04-02") == "2019"


@pytest.mark.parametrize("expr", ["the day", "five years", "several decades", "now", "annually", "the past"])
def test_what_names_no_date_is_none(expr):
    assert normalize(expr, WED) is None


def _ctx(nlp, text: str, published: date | None) -> Context:
    return Context(article=Article(text=text, published=published), doc=nlp(text))


def _span(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


def test_date_of_the_clause_not_of_the_report(nlp):
    text = ("On Monday, Kenyan media reported that the interior minister had met police chiefs in "
            "Mombasa on March 2.")
    ctx = _ctx(nlp, text, WED)
    assert date_for(ctx, *_span(text, "met")) == "2024-03-02"
    assert date_for(ctx, *_span(text, "reported")) == "2024-03-11"


def test_date_reaches_a_when_clause_from_the_clause_above(nlp):
    text = "The purge became visible earlier this year when the president dismissed his army chief."
    ctx = _ctx(nlp, text, date(2023, 6, 24))
    assert date_for(ctx, *_span(text, "dismissed")) == "2023"


def test_recently_in_a_relative_clause(nlp):
    text = "Maria Lopez, who recently replaced Jorge Silva as defence minister, toured the border."
    ctx = _ctx(nlp, text, date(2022, 9, 1))
    assert date_for(ctx, *_span(text, "replaced")) == "2022"


def test_no_date_when_the_sentence_has_none(nlp):
    text = "Olaf Scholz met Emmanuel Macron in Paris. The two leaders discussed energy on Friday."
    ctx = _ctx(nlp, text, WED)
    assert date_for(ctx, *_span(text, "met")) is None
    assert date_for(ctx, *_span(text, "discussed")) == "2024-03-08"


def test_a_week_after_is_anchored_on_the_previous_date(nlp):
    text = "The talks were held on June 15 in Doha but were only announced a week after."
    ctx = _ctx(nlp, text, SAT)
    values = [m.value for m in mentions(ctx)]
    assert values[:2] == ["2023-06-15", "2023-06-22"]
    assert date_for(ctx, *_span(text, "held")) == "2023-06-15"


def test_date_of_another_clause_does_not_govern(nlp):
    text = "Narendra Modi met Sheikh Hasina in Delhi, and the delegation left for Dhaka on Friday."
    ctx = _ctx(nlp, text, WED)
    assert date_for(ctx, *_span(text, "met")) is None
    assert date_for(ctx, *_span(text, "left")) == "2024-03-08"


def test_a_date_parsed_under_the_object_still_dates_the_clause(nlp):
    text = ("Sergei Kudrin was appointed chairman of Kazakhstan's National Security Committee on Tuesday, "
            "the presidential press service said.")
    ctx = _ctx(nlp, text, date(2025, 3, 11))
    assert date_for(ctx, *_span(text, "appointed")) == "2025-03-11"


def test_a_prenominal_year_does_not_date_the_clause(nlp):
    text = "Benjamin Netanyahu apologized to Turkey for a 2010 commando raid."
    ctx = _ctx(nlp, text, date(2013, 3, 22))
    assert date_for(ctx, *_span(text, "apologized")) is None


def test_since_does_not_pass_to_a_joined_clause(nlp):
    text = "Marat Abenov, who has led the KNB since 2022 and was named secretary of the Security Council, spoke."
    ctx = _ctx(nlp, text, date(2025, 3, 11))
    assert date_for(ctx, *_span(text, "led")) == "2022"
    assert date_for(ctx, *_span(text, "named")) is None


def test_month_of_last_year():
    assert normalize("in March last year", date(2026, 1, 20)) == "2025-03"
    assert normalize("June of this year", date(2026, 8, 1)) == "2026-06"


@pytest.mark.parametrize(
    ("expr", "published", "want"),
    [
        ("over the weekend", date(2024, 3, 11), "2024-03"),  # Saturday 9 and Sunday 10 March
        ("over the weekend", date(2024, 6, 3), "2024-06"),  # 1-2 June
        ("over the weekend", date(2024, 9, 2), "2024"),  # 31 August and 1 September: not one month
        ("in recent weeks", date(2024, 6, 20), "2024"),
        ("March 3-5", date(2024, 3, 13), "2024-03"),
        ("Friday, March 8, 2024", None, "2024-03-08"),
        ("late last month", date(2024, 3, 13), "2024-02"),
        ("mid-2022", None, "2022"),
    ],
)
def test_more_expressions(expr, published, want):
    assert normalize(expr, published) == want


def test_date_of_an_infinitive_complement(nlp):
    text = "Peru's interior minister, Victor Quispe, was forced to resign on Monday after a censure vote."
    ctx = _ctx(nlp, text, WED)
    assert date_for(ctx, *_span(text, "forced")) == "2024-03-11"


@pytest.mark.parametrize("text", [
    "Yerlan Sagymbayev has been appointed chairman of the committee, the press service reported on Monday.",
    "The press service reported on Monday that Yerlan Sagymbayev had been appointed chairman of the committee.",
])
def test_report_date_when_the_reported_clause_has_none(nlp, text):
    ctx = _ctx(nlp, text, WED)
    assert date_for(ctx, *_span(text, "appointed")) is None  # the clause itself has no date
    assert report_date(ctx, *_span(text, "appointed")) == "2024-03-11"


def test_no_report_date_outside_a_report(nlp):
    text = "Yerlan Sagymbayev has been appointed chairman of the committee."
    ctx = _ctx(nlp, text, WED)
    assert report_date(ctx, *_span(text, "appointed")) is None
