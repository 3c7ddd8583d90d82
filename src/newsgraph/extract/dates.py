"""Dates: absolute and relative expressions resolved against the publication date.

Interface used by other extractors (keep these signatures):
- ``normalize(expr, published) -> str | None``: ISO date with only the precision the text
  supports ("2023-06-15", "2023-06", "2023", "--06-15"), or None.
- ``date_for(ctx, start, end) -> str | None``: the date that governs the clause/sentence
  around [start, end) (e.g. the date of a meeting or an appointment), or None.

Why not dateparser alone: it returns None for "earlier this year", counts "a week after"
from the publication date instead of from the event it follows, and gives a full day for
"June" or "last week". The rules here are small and keep precision honest: a stretch of
time ("last week", "earlier this year") is given as the narrowest ISO form that contains all
of it (month, then year), never an invented day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from spacy.tokens import Span, Token

from .context import Context

Tense = Literal["past", "future"] | None

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3,
    "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "couple of": 2,
}
#: (first month, last month) of a season; winter crosses the year boundary.
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
#: Words that make a date refer to the speech act, not to what is reported.
REPORTING_LEMMAS = {
    "say", "report", "announce", "tell", "state", "write", "add", "claim", "confirm", "reveal", "disclose",
    "publish", "note", "quote", "cite", "declare", "insist", "warn", "deny", "acknowledge", "admit",
}
#: Adverbs that spaCy's NER does not tag as DATE but that date a clause.
DATE_ADVERBS = re.compile(r"\b(?:recently|lately|yesterday|today|tomorrow|earlier this (?:year|month|week)"
                          r"|last (?:week|month|year)|in recent (?:days|weeks|months))\b", re.I)

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_NUM_RE = r"\d+|a couple of|couple of|" + "|".join(k for k in NUMBER_WORDS if " " not in k)
_LEAD = re.compile(r"^(?:(?:on|in|at|since|by|from|during|until|till|through|around|about|as of|as early as|over"
                   r"|before|after|of|sometime|some time|circa|ca\.|c\.)\s+)+")
_PART = r"(?:(?:the\s+)?(?:early|earlier|mid|middle|late|later|end|start|beginning|first half|second half)" \
        r"(?:\s+of|-)?\s*(?:the\s+)?)?"

_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_MDY = re.compile(rf"^(?:({_WEEKDAY_RE})\.?,?\s+)?{_PART}({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?"
                  rf"(?:,?\s+(\d{{4}}))?$")
_DMY = re.compile(rf"^(?:({_WEEKDAY_RE})\.?,?\s+)?(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                  rf"({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?$")
_DAY_RANGE = re.compile(rf"^({_MONTH_RE})\.?\s+(\d{{1,2}})\s*(?:-|to|and)\s*(\d{{1,2}})(?:,?\s+(\d{{4}}))?$")
_MONTH_YEAR = re.compile(rf"^{_PART}({_MONTH_RE})\.?(?:,?\s+(?:of\s+)?(\d{{4}}))?$")
_REL_MONTH = re.compile(rf"^{_PART}(last|this|next|past|coming)\s+({_MONTH_RE})$")
_MONTH_REL_YEAR = re.compile(rf"^{_PART}({_MONTH_RE})\.?\s+(?:of\s+)?(last|this|next)\s+year$")
_YEAR = re.compile(rf"^{_PART}(?:(?:the\s+)?(?:fiscal\s+)?year\s+)?(1[5-9]\d\d|20\d\d)$")
_WEEKDAY = re.compile(rf"^(last|this|next|past|coming|previous)?\s*({_WEEKDAY_RE})\.?"
                      r"(?:\s+(?:morning|afternoon|evening|night))?$")
_REL_UNIT = re.compile(rf"^{_PART}(last|this|next|past|coming|previous|current|the\s+past|the\s+last)\s+"
                       r"(?:fiscal\s+|calendar\s+)?(week|weekend|month|year|quarter|spring|summer|autumn|fall"
                       r"|winter)$")
_AGO = re.compile(rf"^(?:(?:just|only|barely|about|some|nearly|almost|roughly|more than|less than|over)\s+)*"
                  rf"({_NUM_RE})\s+"
                  r"(day|week|month|year)s?\s+ago$")
_OFFSET = re.compile(rf"^(?:about\s+|some\s+|nearly\s+|almost\s+)?({_NUM_RE})\s+(day|week|month|year)s?\s+"
                     r"(after|later|afterwards|earlier|before|on)$")
_ANAPHORIC = re.compile(r"^(?:the\s+(?:very\s+)?)?(same|following|preceding|(?<=the )next|(?<=the )previous)\s+"
                        r"(day|week|month|year)$"
                        r"|^(?:the\s+)?(day|week|month|year)\s+(before|after)$"
                        r"|^(?:later|earlier)\s+that\s+(day|week|month|year)$|^that\s+(day|week|month|year)$")


@dataclass(frozen=True)
class _Period:
    """An inclusive stretch of days; its ISO form is the narrowest one that contains it."""

    first: date
    last: date

    def iso(self) -> str | None:
        if self.first == self.last:
            return self.first.isoformat()
        if (self.first.year, self.first.month) == (self.last.year, self.last.month):
            return f"{self.first.year:04d}-{self.first.month:02d}"
        if self.first.year == self.last.year:
            return f"{self.first.year:04d}"
        return None


def _month_period(year: int, month: int) -> _Period:
    return _Period(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def _year_period(year: int) -> _Period:
    return _Period(date(year, 1, 1), date(year, 12, 31))


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    y += d.year
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _number(word: str) -> int | None:
    word = word.strip()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def clean(expr: str) -> str:
    """Lower-case, straight quotes, no leading preposition or article, no trailing possessive."""
    s = " ".join(expr.lower().replace("\u2019", "'").replace("\u2013", "-").split())
    s = s.strip(" ,;:()\"'")
    s = re.sub(r"'s?$", "", s).strip()
    s = _LEAD.sub("", s)
    s = re.sub(r"^(?:the\s+)(?=(?:coming|end|start|beginning|middle|early|late|mid)\b)", "", s)
    return s.strip(" ,.")


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_day(month: int, day: int, year: str | None, published: date | None, tense: Tense) -> str | None:
    if year:
        d = _safe_date(int(year), month, day)
        return d.isoformat() if d else None
    if published is None:
        return f"--{month:02d}-{day:02d}" if _safe_date(2000, month, day) else None
    candidates = [d for y in (published.year - 1, published.year, published.year + 1)
                  if (d := _safe_date(y, month, day))]
    if tense == "past":
        pool = [d for d in candidates if d <= published + timedelta(days=1)]
        best = max(pool) if pool else None
    elif tense == "future":
        pool = [d for d in candidates if d >= published]
        best = min(pool) if pool else None
    else:  # no tense known: the nearest one
        best = min(candidates, key=lambda d: abs((d - published).days)) if candidates else None
    return best.isoformat() if best else None


def _bare_month(month: int, rel: str | None, published: date | None, tense: Tense) -> str | None:
    if published is None:
        return None
    y, pm = published.year, published.month
    if rel == "this":
        year = y
    elif rel in ("last", "past"):
        year = y if month < pm else y - 1
    elif rel in ("next", "coming"):
        year = y if month > pm else y + 1
    elif tense == "future":
        year = y if month >= pm else y + 1
    else:  # past or unknown: news mostly tells what happened
        year = y if month <= pm else y - 1
    return f"{year:04d}-{month:02d}"


def _weekday(rel: str | None, wd: int, published: date, tense: Tense) -> str:
    back = (published.weekday() - wd) % 7
    fwd = (wd - published.weekday()) % 7
    if rel in ("last", "past", "previous"):
        d = published - timedelta(days=back or 7)
    elif rel in ("next", "coming"):
        d = published + timedelta(days=fwd or 7)
    elif rel == "this":
        d = published + timedelta(days=wd - published.weekday())
    elif tense == "future":
        d = published + timedelta(days=fwd or 7)
    else:
        d = published - timedelta(days=back)
    return d.isoformat()


def _unit_period(unit: str, rel: str, published: date) -> _Period | None:
    """'last week', 'this year', 'next month', 'last summer' as a stretch of days."""
    step = {"last": -1, "past": -1, "previous": -1, "the past": -1, "the last": -1, "this": 0, "current": 0,
            "next": 1, "coming": 1}[rel]
    if unit in ("week", "weekend"):
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
        if unit == "weekend":
            return _Period(monday + timedelta(days=5), monday + timedelta(days=6))
        return _Period(monday, monday + timedelta(days=6))
    if unit == "month":
        first = _add_months(published.replace(day=1), step)
        return _month_period(first.year, first.month)
    if unit == "year":
        return _year_period(published.year + step)
    if unit == "quarter":
        q0 = date(published.year, 3 * ((published.month - 1) // 3) + 1, 1)
        first = _add_months(q0, 3 * step)
        last = _add_months(first, 3) - timedelta(days=1)
        return _Period(first, last)
    if unit in SEASONS:
        m1, m2 = SEASONS[unit]
        # the season's occurrence that starts in the given year
        def occurrence(y: int) -> _Period:
            end_year = y + 1 if m2 < m1 else y
            return _Period(date(y, m1, 1), date(end_year, m2, calendar.monthrange(end_year, m2)[1]))
        this = occurrence(published.year)
        if step == 0:
            return this
        if step < 0:
            return this if this.last < published else occurrence(published.year - 1)
        return this if this.first > published else occurrence(published.year + 1)
    return None


def _part_of_period(expr: str, period: _Period, published: date) -> _Period:
    """'earlier this year' ends at the publication date; 'later this month' starts there."""
    if re.match(r"^(?:earlier|early)\b", expr) and period.first <= published <= period.last:
        return _Period(period.first, published)
    if re.match(r"^(?:later|late)\b", expr) and period.first <= published <= period.last:
        return _Period(published, period.last)
    return period


def _parse_iso(value: str) -> _Period | None:
    m = _ISO.match(value) or re.match(r"^(\d{4})$", value)
    if not m:
        return None
    y = int(m.group(1))
    if m.lastindex == 1:
        return _year_period(y)
    mo = int(m.group(2))
    if m.group(3):
        d = date(y, mo, int(m.group(3)))
        return _Period(d, d)
    return _month_period(y, mo)


def _offset(n: int, unit: str, direction: int, anchor: _Period) -> str | None:
    base = anchor.first if direction > 0 else anchor.last
    if unit == "day":
        d = base + timedelta(days=direction * n)
    elif unit == "week":
        d = base + timedelta(weeks=direction * n)
    elif unit == "month":
        d = _add_months(base, direction * n)
        return f"{d.year:04d}-{d.month:02d}" if anchor.first.day == 1 or anchor.first == anchor.last else None
    else:
        return f"{base.year + direction * n:04d}"
    # a day-precision offset only when the anchor itself is a day
    if anchor.first == anchor.last:
        return d.isoformat()
    return _Period(d, d + (anchor.last - anchor.first)).iso()


def normalize(expr: str, published: date | None, *, anchor: str | None = None, tense: Tense = None) -> str | None:
    """ISO form of the date expression EXPR, resolved against PUBLISHED.

    ANCHOR (an ISO value) is the date that "a week after" or "the next day" counts from;
    TENSE ("past"/"future") decides between the last and the next "Tuesday" or "June".
    Returns None for what is not a date or cannot be placed ("the day", "recently" without
    a publication date, durations like "five years").
    """
    s = clean(expr)
    if not s:
        return None
    if m := _ISO.match(s):
        d = _safe_date(int(m[1]), int(m[2]), int(m[3] or 1))
        if d is None:
            return None
        return d.isoformat() if m[3] else f"{d.year:04d}-{d.month:02d}"
    if m := _NUMERIC_DMY.match(s):
        d = _safe_date(int(m[3]), int(m[2]), int(m[1]))
        return d.isoformat() if d else None
    if m := _MDY.match(s):
        return _month_day(MONTHS[m[2]], int(m[3]), m[4], published, tense)
    if m := _DMY.match(s):
        return _month_day(MONTHS[m[3]], int(m[2]), m[4], published, tense)
    if m := _DAY_RANGE.match(s):
        # "March 3-5": some days of one month
        year = m[4]
        if year:
            return f"{int(year):04d}-{MONTHS[m[1]]:02d}"
        iso = _month_day(MONTHS[m[1]], int(m[2]), None, published, tense)
        return iso[:7] if iso and not iso.startswith("--") else None
    if m := _MONTH_YEAR.match(s):
        if m[2]:
            return f"{int(m[2]):04d}-{MONTHS[m[1]]:02d}"
        return _bare_month(MONTHS[m[1]], None, published, tense)
    if m := _REL_MONTH.match(s):
        return _bare_month(MONTHS[m[2]], m[1], published, tense)
    if (m := _MONTH_REL_YEAR.match(s)) and published is not None:
        year = published.year + {"last": -1, "this": 0, "next": 1}[m[2]]
        return f"{year:04d}-{MONTHS[m[1]]:02d}"
    if m := _YEAR.match(s):
        return m[1]
    if m := _OFFSET.match(s):
        anchor_period = _parse_iso(anchor) if anchor else None
        n = _number(m[1])
        if anchor_period is None or n is None:
            return None
        direction = -1 if m[3] in ("earlier", "before") else 1
        return _offset(n, m[2], direction, anchor_period)
    if m := _ANAPHORIC.match(s):
        return _anaphoric(m, anchor)
    if published is None:
        return None
    return _relative(s, published, tense)


def _anaphoric(m: re.Match, anchor: str | None) -> str | None:
    """'the next day', 'later that year': counted from ANCHOR."""
    period = _parse_iso(anchor) if anchor else None
    if period is None:
        return None
    if m[1]:
        rel, unit = m[1], m[2]
        step = {"same": 0, "next": 1, "following": 1, "previous": -1, "preceding": -1}[rel]
    elif m[3]:
        unit, step = m[3], (-1 if m[4] == "before" else 1)
    else:
        unit, step = (m[5] or m[6]), 0
    if unit == "day" and period.first == period.last:
        return (period.first + timedelta(days=step)).isoformat()
    if unit == "month" and step == 0:
        return f"{period.first.year:04d}-{period.first.month:02d}"
    if unit == "year":
        return f"{period.first.year + step:04d}"
    if step == 0 and unit == "day":
        return anchor
    return None


def _relative(s: str, published: date, tense: Tense) -> str | None:
    """Expressions counted from the publication date."""
    if s in ("today", "tonight", "this morning", "this afternoon", "this evening", "earlier today",
             "later today"):
        return published.isoformat()
    if s in ("yesterday", "last night", "yesterday morning", "yesterday afternoon", "yesterday evening"):
        return (published - timedelta(days=1)).isoformat()
    if s in ("tomorrow", "tomorrow morning", "tomorrow night"):
        return (published + timedelta(days=1)).isoformat()
    if s in ("the day before yesterday",):
        return (published - timedelta(days=2)).isoformat()
    if m := _WEEKDAY.match(s):
        return _weekday(m[1], WEEKDAYS[m[2]], published, tense)
    if re.fullmatch(r"(?:the|this past|this|past)\s+weekend", s):
        # the weekend just gone (or under way)
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        return _Period(saturday, saturday + timedelta(days=1)).iso()
    if m := _REL_UNIT.match(s):
        period = _unit_period(m[2], re.sub(r"\s+", " ", m[1]), published)
        return _part_of_period(s, period, published).iso() if period else None
    if m := _AGO.match(s):
        n = _number(m[1])
        if n is None:
            return None
        unit = m[2]
        if unit == "day":
            return (published - timedelta(days=n)).isoformat()
        if unit == "week":
            monday = published - timedelta(days=published.weekday()) - timedelta(weeks=n)
            return _Period(monday, monday + timedelta(days=6)).iso()
        if unit == "month":
            d = _add_months(published, -n)
            return f"{d.year:04d}-{d.month:02d}"
        return f"{published.year - n:04d}"
    if re.fullmatch(r"(?:very\s+|only\s+|more\s+|most\s+)?(?:recently|lately|(?:in\s+)?recent (?:days|weeks|months)"
                    r"|a few (?:days|weeks|months) ago|(?:days|weeks|months) ago|earlier)", s):
        span = 14 if "days" in s else 90
        return _Period(published - timedelta(days=span), published).iso() or f"{published.year:04d}"
    return None


# -- dates in a parsed article -----------------------------------------------------------------

@dataclass(frozen=True)
class DateMention:
    """A date expression in the text, with its value and the word it modifies."""

    start: int
    end: int
    text: str
    value: str | None
    #: the token (verb or noun) the expression attaches to, or None
    attach: Token | None
    #: "on Tuesday" (a phrase that can date a clause) rather than "a 2010 raid" (a noun's modifier)
    adverbial: bool = True
    #: "since 2022": the start of a state, which a clause joined by "and" does not share
    since: bool = False


def _attachment(root: Token) -> Token | None:
    """What a date modifies: the head, seen through a preposition ('on June 15' -> 'held')."""
    tok = root
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            return None
        if head.pos_ == "ADP" or head.dep_ in ("prep", "npadvmod") and head.pos_ not in ("VERB", "AUX", "NOUN"):
            tok = head
            continue
        if head.lower_ in ("after", "before", "later", "ago", "earlier") or head.ent_type_ in ("DATE", "TIME"):
            tok = head
            continue
        return head
    return tok.head


def tense_of(verb: Token | None) -> Tense:
    """Past or future of a clause's verb, from its tag and auxiliaries; None when it is not clear."""
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "'ll", "shall", "wo") for a in auxes):
        return "future"
    if any(a.lower_ == "to" for a in auxes) and verb.head.lemma_ in ("plan", "expect", "schedule", "set",
                                                                          "due", "go", "intend", "hope"):
        return "future"
    if verb.tag_ in ("VBD",) or any(a.tag_ == "VBD" or a.lower_ in ("has", "have", "had") for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and verb.dep_ in ("relcl", "acl"):
        return "past"
    return None


def _governing_verb(tok: Token) -> Token | None:
    for t in [tok, *tok.ancestors]:
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def _candidate_spans(ctx: Context) -> list[tuple[int, int, Token]]:
    """DATE entities and date adverbs NER misses, each with its syntactic root."""
    doc = ctx.doc
    spans: list[tuple[int, int, Token]] = []
    ents = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
    # "Friday" + "afternoon": adjacent date and time entities are one expression
    joined: list[Span] = []
    for ent in ents:
        if joined and joined[-1].end == ent.start:
            joined[-1] = Span(doc, joined[-1].start, ent.end)
        else:
            joined.append(ent)
    for ent in joined:
        end_tok = ent.end
        # "a week after", "two days later", "three years ago": the particle belongs to the date
        if end_tok < len(doc) and doc[end_tok].lower_ in ("after", "later", "earlier", "before", "ago") and (
                end_tok + 1 >= len(doc) or doc[end_tok + 1].is_punct or doc[end_tok].dep_ == "advmod"):
            end_tok += 1
        span = Span(doc, ent.start, end_tok)
        spans.append((span.start_char, span.end_char, ent.root))
    for m in DATE_ADVERBS.finditer(ctx.text):
        if any(s < m.end() and m.start() < e for s, e, _ in spans):
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and len(span):
            spans.append((span.start_char, span.end_char, span.root))
    spans.sort(key=lambda t: t[0])
    return spans


def mentions(ctx: Context) -> list[DateMention]:
    """Every date expression of the article with its resolved value, in text order (cached on the Doc).

    Expressions counted from another date ("a week after", "the next day") use the nearest
    earlier resolved date of the article as their anchor.
    """
    key = ("newsgraph_dates", ctx.published)
    cache = ctx.doc.user_data
    if key in cache:
        return cache[key]
    out: list[DateMention] = []
    anchor: str | None = None
    for start, end, root in _candidate_spans(ctx):
        attach = _attachment(root)
        tense = tense_of(_governing_verb(attach) if attach is not None else None)
        value = normalize(ctx.text[start:end], ctx.published, anchor=anchor, tense=tense)
        if value is None and "," in ctx.text[start:end]:
            # "Thursday, days after ...": NER ran two expressions together; the first is the date
            end = start + ctx.text[start:end].index(",")
            value = normalize(ctx.text[start:end], ctx.published, anchor=anchor, tense=tense)
        prep = root.head if root.dep_ == "pobj" else None
        adverbial = root.dep_ not in ("compound", "poss", "nmod", "amod", "nummod")
        since = prep is not None and prep.lower_ in ("since", "until", "till", "through")
        out.append(DateMention(start, end, ctx.text[start:end], value, attach, adverbial, since))
        if value is not None and not value.startswith("--"):
            anchor = value
    cache[key] = out
    return out


_OBJECT_DEPS = {"dobj", "oprd", "attr", "acomp", "npadvmod"}


def _is_reporting(tok: Token) -> bool:
    return tok.lemma_.lower() in REPORTING_LEMMAS


def date_for(ctx: Context, start: int, end: int) -> str | None:
    """The date of the clause around [start, end): the date that modifies a word in the span,
    else the nearest clause above it that carries a date (not crossing out of what a
    'said'/'reported' verb reports, whose date is the date of the report)."""
    sent = ctx.sentence(start)
    found = [m for m in mentions(ctx) if sent.start_char <= m.start < sent.end_char and m.value]
    if not found:
        return None
    # 1. a date attached to a word inside the span, not to a reporting verb
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    inside = [m for m in found if m.attach is not None and start <= m.attach.idx < end]
    direct = [m for m in inside if m.attach.i == root.i or not _is_reporting(m.attach)]
    if direct:
        return direct[0].value
    # 2. walk up from the span's root through the clauses that contain it
    node = root
    by_attach: dict[int, DateMention] = {}
    for m in found:
        if m.attach is not None:
            by_attach.setdefault(m.attach.i, m)
    # "appointed chairman ... on Tuesday" is often parsed with the date under the object
    by_clause: dict[int, DateMention] = {}
    for m in found:
        a = m.attach
        if a is not None and m.adverbial and a.dep_ in _OBJECT_DEPS and a.head.i != a.i:
            by_clause.setdefault(a.head.i, m)
    # "was forced to resign on Monday": the date of the verb's own infinitive complement
    for child in root.children:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX") and child.i in by_attach:
            return by_attach[child.i].value
    came_by_conj = False
    for _ in range(len(sent) + 1):  # bounded: a parse is a tree, but never loop on a bad one
        own = by_attach.get(node.i) or by_clause.get(node.i)
        if own is not None and (node.i == root.i or not _is_reporting(node)) and not (came_by_conj and own.since):
            return own.value
        if node.head.i == node.i:
            return None
        if node.dep_ in ("ccomp", "parataxis") and _is_reporting(node.head):
            return None
        came_by_conj = node.dep_ == "conj"
        node = node.head
    return None


def report_date(ctx: Context, start: int, end: int) -> str | None:
    """The date of the reporting verb whose report contains [start, end) in the same sentence ("the press
    service reported on Thursday that X had been appointed"): when the reported clause has no date of its own,
    the report's is the nearest the text gives."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent = span.sent
    found = {m.attach.i: m for m in mentions(ctx)
             if sent.start_char <= m.start < sent.end_char and m.value and m.attach is not None}
    node = span.root
    for _ in range(len(sent) + 1):
        # "X has been appointed T, the press service reported on Thursday": the report hung after the clause
        tail = next((c for c in node.children if c.dep_ in ("conj", "parataxis") and c.i > node.i and
                     _is_reporting(c) and c.i in found and any(g.dep_ == "nsubj" for g in c.children)), None)
        if tail is not None:
            return found[tail.i].value if not found[tail.i].since else None
        if node.head.i == node.i:
            break
        if node.dep_ in ("ccomp", "parataxis") and _is_reporting(node.head):
            m = found.get(node.head.i)
            return m.value if m is not None and not m.since else None
        node = node.head
    # whatever the parse made of it: a closing ", the agency reported on Monday." after the clause
    doc = ctx.doc
    last = sent.end - 1
    while last > sent.start and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    for i, m in found.items():
        tok = doc[i]
        if i > span.root.i and _is_reporting(tok) and not m.since and tok.right_edge.i >= last and \
                any(doc[k].text == "," for k in range(span.root.i, i)) and \
                not any(t.i == span.root.i for t in tok.subtree):
            return m.value
    return None


def run(ctx: Context) -> None:
    """Resolve every date of the article once, so that later stages read them from the cache."""
    mentions(ctx)
