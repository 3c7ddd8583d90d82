"""Entities: spaCy's NER, corrected with what the whole article shows.

The NER model sees one sentence at a time; a reader sees the article. The passes below, in the
order ``run`` calls them, add what the article shows:

- ``spacy_entities``: the model's names, cleaned (``clean_span``: titles, ranks, a leading "the",
  possessives are not part of a name; "Chancellor Olaf Scholz" is a person even if the model said
  ORG); lower-case words and capitalised common words ("Remarks") are not names; nationality
  adjectives (NORP) are left out, named groups kept.
- ``datelines``: "NAIROBI —", "ABUJA, March 3 (Reuters) -" open with a place.
- ``outlets``: "the Fars news agency" names a news organisation.
- ``acronyms``: "Long Form (ACR)" makes ACR an alias, even when the initials do not line up
  exactly; "ACR-XY" (a known acronym with a suffix) is an organisation.
- ``sub_organisations``: "Revolutionary Guards Intelligence Organization", "IRGC's Intelligence
  Organization" and "IRGC-IO" are one body: the parent named by any of its forms, then the same words.
- ``short_forms``: an acronym used beside its long form; "Supreme Security Council" is the
  "Supreme National Security Council"; "Ministry of Intelligence" is the "Ministry of Intelligence
  and Security" (a ministry that "Minister of ..." titles spell out).
- ``people``: a lone surname belongs to the full name seen in the article; close transliterations
  of one name (Golpaygani / Golapaygani) are one person.
- ``propagate``: every later occurrence of a known name is a mention, whatever the model said there.
- ``settle_type``: one name keeps one type (weighted votes of its mentions).

Everything is linear in the article's length, except comparisons within small buckets of names.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from . import gazetteer
from .context import Context, Entity, name_key
from .lexicon import (
    ACRONYM_FUNCTION_WORDS,
    GROUP_HEADS,
    NAME_PARTICLES,
    NAME_PREFIXES,
    NEWS_NAME_WORDS,
    ORG_HEAD_WORDS,
    OUTLET_HEADS,
    PERSON_TITLES,
    TITLE_HEADS,
)

#: NER labels kept as entities (NORP only when it names a group, see ``spacy_entities``).
KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
ORG_LIKE = {"ORG", "NORP", "FAC"}
#: How much one piece of evidence weighs when a name's mentions disagree on its type.
NER_VOTE, FULL_NAME_VOTE, TITLE_VOTE, DATELINE_VOTE, OUTLET_VOTE = 1, 2, 2, 3, 3
#: Titles that alone, before a single name, make it a person's ("President Putin"); weaker ones
#: ("General", "Major", "Chief") need a two-word name after them ("General Motors" stays an ORG).
STRONG_TITLES = {
    "president", "minister", "premier", "chancellor", "senator", "sen", "governor", "mayor", "ambassador",
    "secretary", "sheikh", "ayatollah", "hojatoleslam", "king", "queen", "prince", "princess", "pope", "dr",
    "mr", "mrs", "ms", "prof", "emir", "imam", "spokesman", "spokeswoman", "congressman", "congresswoman",
}
#: Lower-case words before a two-word name that make it a person's ("spokesman Ajuri Ngelale").
LOWER_CASE_TITLES = {
    "president", "minister", "premier", "chancellor", "senator", "governor", "mayor", "ambassador", "secretary",
    "spokesman", "spokeswoman", "spokesperson", "commander", "chief", "adviser", "advisor", "envoy", "leader",
    "lawmaker", "opposition", "activist", "journalist", "cleric", "prosecutor", "judge", "general", "colonel",
}
DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that"}
POSSESSIVE_TOKENS = {"'s", "’s", "'", "’"}
OUTLET_NEEDS_NEWS = {"agency", "website", "site", "portal", "network", "television", "tv", "radio", "wire"}
MAX_NAME_TOKENS = 12

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z'’.\-]*[A-Z.](?:[ \t]+[A-Z][A-Z'’.\-]*[A-Z.]){0,3})"
    r"(?P<rest>(?:[ \t]*,[ \t]*[A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*){0,3})?"
    rf"(?:[ \t]*,?[ \t]*{_MONTH}[ \t]+\d{{1,2}})?"
    r"(?:[ \t]+\d{4}-\d\d-\d\d)?"
    r"(?:[ \t]*\([^()\n]{1,30}\))?)"
    r"(?P<end>[ \t]*(?:[—–]|--?(?=[ \t]))|[ \t]*$)",
    re.M,
)
_ACRONYM_PAREN = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")
_LONG_FORM_BEFORE = re.compile(r"((?:[A-Z][\w'’&.-]*|of|for|and|the|de|du|al|el|on)(?:\s+(?:[A-Z][\w'’&.-]*|of|for|"
                               r"and|the|de|du|al|el|on)){1,9})\s*$")
_HYPHEN_ACRONYM = re.compile(r"(?<![\w\-])([A-Z][A-Z0-9]{1,9})-([A-Z][A-Za-z]{0,5})(?![\w\-])")
_MINISTER_OF = re.compile(r"\bMinist(?:er|ry) (of|for) ((?:the )?[A-Z][\w'’-]*"
                          r"(?:(?: (?:and|&|of|the|for))? [A-Z][\w'’-]*)*)")


# -- the passes ---------------------------------------------------------------------------

def run(ctx: Context) -> None:
    lower_words = lower_case_words(ctx.doc)
    spacy_entities(ctx, lower_words)
    particle_names(ctx)
    joined_bodies(ctx)
    untagged_people(ctx, lower_words)
    national_forces(ctx)
    untagged_bodies(ctx, lower_words)
    datelines(ctx)
    outlets(ctx)
    who_antecedents(ctx)
    _settle_all(ctx)
    acronyms(ctx)
    sub_organisations(ctx)
    short_forms(ctx)
    gazetteer.vote(ctx)  # name lists: places, given names, outlets, groups
    _settle_all(ctx)
    people(ctx)
    propagate(ctx, lower_words)
    _settle_all(ctx)


def lower_case_words(doc: Doc) -> set[str]:
    """Words the article writes in lower case: capitalised elsewhere, they are common words, not names."""
    return {t.text for t in doc if t.text.islower()}


def spacy_entities(ctx: Context, lower_words: set[str] | None = None) -> None:
    """The model's names of people, organisations and places, each cleaned into the name itself."""
    if lower_words is None:
        lower_words = lower_case_words(ctx.doc)
    reach = -1  # where the last name stretched past the model's span ends: names inside it are its words
    for ent in ctx.doc.ents:
        if ent.start < reach:
            continue
        label = ent.label_
        if label == "NORP":
            # nationality adjectives and demonyms are not entities; "Muslim Brotherhood" is a group
            if len(ent) < 2 or ent[-1].lower_ not in GROUP_HEADS:
                continue
            label = "ORG"
        elif label in ("WORK_OF_ART", "PRODUCT", "EVENT", "LAW") and len(ent) >= 2 and ent[-1].is_title and \
                ent[-1].lower_ in ORG_HEAD_WORDS | GROUP_HEADS:
            label = "ORG"  # "The Tigray Peace Force" taken for a title: a name ending in "Force" is a body's
        elif label not in KEPT_LABELS:
            continue
        span, label, vote = clean_span(ent, label)
        if span is None or not is_name(span, lower_words) or _only_titles(span):
            continue
        if label == "PERSON" and any(t.like_num for t in span):
            continue  # "Oct 3 - Thousands": a dateline's date, no one's name
        if len(span) == 1 and label in ("PERSON", "ORG") and gazetteer.is_demonym(span.text) and \
                gazetteer.place_of(name_key(span.text)) is None:
            continue  # "Azerbaijani [President Ilham Aliyev]": a nationality, no name
        if label in ("ORG", "PERSON") and len(span) >= 2 and span[-1].text.islower() and \
                span[-1].lower_ in gazetteer.PLACE_NOUNS:
            span, label = Span(span.doc, span.start, span.end - 1, label="GPE"), "GPE"  # "[Artibonite] department"
        if len(span) == 1 and span.start > 0 and doc_lower(span, -1) in ("a", "an") and span.root.dep_ in (
                "attr", "dobj", "pobj", "nsubj", "nsubjpass", "appos", "conj", "ROOT") and (
                span.end >= len(span.doc) or span.doc[span.end].text != "-"):
            continue  # "not a Guardsman": a capitalised common noun; names take no "a" (but "an Iran-backed group")
        if label == "PERSON" and len(span) == 1 and span[0].tag_ == "NNPS":
            label = "ORG"  # "the Houthis", "the Taliban": a plural name is a group
        if _looks_personal(span) and (_after_title(span) or _titled_apposition(span) or _who_clause(span)):
            label, vote = "PERSON", TITLE_VOTE  # "Chancellor [Olaf Scholz]", "[Varga], a former commander"
        if label == "PERSON" and len(span) > 1:
            vote += FULL_NAME_VOTE - 1  # a full name is better evidence than a lone surname
        if _in_capitals(span, ctx.text):
            vote = 0  # the model guesses types in all-capital headlines: let the body decide
        span = _words_before(span, lower_words)
        if label == "PERSON":
            span = _whole_surname(span, lower_words)
        elif label == "ORG":
            span = _of_country(span)
        if span.end > ent.end:
            reach = span.end
        name = surface(span)
        if name:
            ent = add(ctx, name, label, span.start_char, span.start_char + len(name), vote)
            ministry = _ministry_of_title(span)
            if ministry and label == "ORG":
                ctx.entities.add_alias(ent, ministry)


#: Last words of a body's name that "of <country>" completes ("the United Socialist Party of Venezuela").
OF_COUNTRY_HEADS = {"party", "police", "front", "movement", "union", "army", "forces", "congress", "bank", "church",
                    "federation", "confederation"}


def _of_country(span: Span) -> Span:
    """'[United Socialist Party] of Venezuela', '[National Police] of Peru': the country is part of the name the
    model cut (a party or police of a country is named with it)."""
    doc = span.doc
    end = span.end
    if span[-1].lower_ not in OF_COUNTRY_HEADS or end + 1 >= len(doc) or doc[end].lower_ != "of":
        return span
    j = end + 1
    while j < len(doc) and j - end <= 3 and doc[j].is_title and doc[j].pos_ == "PROPN":
        j += 1
    place = gazetteer.place_of(name_key(doc[end + 1: j].text)) if j > end + 1 else None
    if place is None or place.kind != "country" or doc[end].head.i != span[-1].i:
        return span
    return Span(doc, span.start, j, label=span.label_)


def _words_before(span: Span, lower_words: set[str]) -> Span:
    """'the [Islamic State] Sahel Province': capitalised words right before a name that the parse hangs inside it
    and the model left out (or called a nationality) are part of it; titles and ranks are not."""
    doc = span.doc
    start = span.start
    while start > 0 and span.end - start < 8:
        prev = doc[start - 1]
        if not (prev.pos_ == "PROPN" and prev.is_title and prev.ent_type_ in ("", "NORP")
                and start <= prev.head.i < span.end and prev.text not in lower_words
                and prev.lower_ not in NAME_PREFIXES and prev.lower_ not in TITLE_HEADS):
            break
        start -= 1
    return span if start == span.start else Span(doc, start, span.end, label=span.label_)


def _whole_surname(span: Span, lower_words: set[str]) -> Span:
    """'[Maria Corina] Machado', '[Vladimir Padrino] Lopez': the model often ends a long Hispanic or Arabic name
    one word early; the parse shows the next capitalised word is the head the name's words hang on."""
    doc = span.doc
    root = doc[span.end - 1]
    head = root.head
    if root.dep_ not in ("compound", "flat") or not 0 < head.i - root.i <= 3 or head.i - span.start >= 6:
        return span
    for nxt in doc[span.end: head.i + 1]:
        if not (nxt.pos_ == "PROPN" and nxt.is_title and nxt.ent_type_ == "" and nxt.text not in lower_words
                and nxt.lower_ not in NAME_PREFIXES and nxt.lower_ not in gazetteer.ORG_WORDS
                and gazetteer.place_of(name_key(nxt.text)) is None):
            return span
    return Span(doc, span.start, head.i + 1, label=span.label_)


def particle_names(ctx: Context) -> None:
    """'[Salman] [bin Abdulaziz]', '[Ursula] [von der Leyen]': a person's name that the model cut in two
    at a name particle is one name."""
    spans = ctx.entities.within(0, len(ctx.text))
    for (s1, e1, a), (s2, e2, b) in zip(spans, spans[1:], strict=False):
        if a.type != "PERSON" or b.type != "PERSON" or a is b or ctx.text[e1:s2] != " ":
            continue
        first = ctx.text[s2:e2].split()[0].lower()
        if first not in NAME_PARTICLES or first == ctx.text[s2:e2].lower():
            continue
        name = ctx.text[s1:e2]
        for ent, s, e in ((a, s1, e1), (b, s2, e2)):
            ctx.entities.remove_mention(ent, s, e)
        whole = ctx.entities.lookup(name) or ctx.entities.create(name, "PERSON")
        ctx.entities.add_mention(whole, s1, e2, name, "PERSON")
        for part in (a, b):
            if not part.mentions and part is not whole:
                part.type_votes = {}
                ctx.entities.merge(whole, part)


#: Lower-case nouns that say the capitalised words before them name a body ("the Danab special forces brigade").
BODY_DESCRIPTION_NOUNS = {"force", "forces", "unit", "brigade", "militia", "group", "faction", "agency", "service",
                          "organisation", "organization", "movement", "party", "gang", "cartel", "wing", "battalion",
                          "regiment", "coalition", "alliance", "bloc", "directorate", "militias", "factions",
                          "paramilitary", "paramilitaries"}


def _name_word(tok, after_hyphen: bool = False) -> bool:
    return tok.is_alpha and (tok.is_title or tok.is_upper) and (tok.pos_ == "PROPN" or after_hyphen) and \
        tok.ent_type_ not in ("NORP", "DATE", "TIME")


def untagged_bodies(ctx: Context, lower_words: set[str]) -> None:
    """Names of bodies the model did not tag: 'the Special Emergency Forces' (a name ending in a body's word),
    'the Danab special forces brigade', 'the SPLM-North faction' (before a body noun), 'the Basij, the
    paramilitary force' (described as one). Each needs "the" before it, as a body's name has and a person's not."""
    doc = ctx.doc
    n = len(doc)
    i = 0
    while i < n:
        if not _name_word(doc[i]) or i == 0 or not (doc[i - 1].lower_ == "the" or _of_a_titled_person(doc[i - 1])):
            i += 1
            continue
        j = i + 1
        while j < n and (_name_word(doc[j]) or (doc[j].text == "-" and j + 1 < n and _name_word(doc[j + 1], True))):
            j += 2 if doc[j].text == "-" else 1
        run, i = doc[i:j], j
        if len(run) > 6 or ctx.entities.at(run.start_char, run.end_char) is not None:
            continue
        if any(t.text in lower_words or t.lower_ in NAME_PREFIXES or gazetteer.is_demonym(t.text) for t in run
               if t.is_alpha) or gazetteer.place_of(name_key(run.text)) is not None:
            continue
        if (len(run) >= 2 and run[-1].lower_ in ORG_HEAD_WORDS | GROUP_HEADS) or gazetteer.group_noun_after(run) \
                or _described_as_body(run) or _of_a_titled_person(doc[run.start - 1]):
            add(ctx, run.text, "ORG", run.start_char, run.end_char, NER_VOTE)


#: Political roles before a person's name that make "X of Y" name X's party ("Opposition leader Ana Ruiz of Y").
PARTY_ROLE_TITLES = {"leader", "lawmaker", "legislator", "mp", "senator", "deputy", "congressman", "congresswoman",
                     "councillor", "councilor", "mep", "candidate", "chairman", "chairwoman"}


def _of_a_titled_person(of: Token) -> bool:
    """'Opposition leader Tamar Levi of [Yesh Atid]': "of" after a person named with a political role."""
    if of.lower_ != "of" or of.head.ent_type_ != "PERSON" or of.head.i >= of.i:
        return False
    return any(c.dep_ == "compound" and c.lower_ in PARTY_ROLE_TITLES for c in of.head.children)


def _described_as_body(run: Span) -> bool:
    """'the Basij, the paramilitary force under ...': an apposition right after the name that is a body noun."""
    doc = run.doc
    k = run.end
    if k + 2 >= len(doc) or doc[k].text != "," or doc[k + 1].lower_ not in ("the", "a", "an"):
        return False
    for tok in doc[k + 2: k + 6]:
        if not tok.text.islower():
            return False
        if tok.pos_ == "NOUN":
            return tok.lower_ in BODY_DESCRIPTION_NOUNS
    return False


#: Lower-case nouns that, after a nationality, name that country's armed forces ("the Lebanese army").
FORCE_NOUNS = {"army": "army", "military": "army", "navy": "navy"}
#: Last words of a spelled-out name of the same forces ("Malian Armed Forces"), which "the Malian army" is.
FORCE_NAME_ENDS = {"army": ("armed forces", "army", "defence forces", "defense forces", "military"),
                   "navy": ("navy", "naval forces")}


def national_forces(ctx: Context) -> None:
    """'the Lebanese army said', 'an Israeli army post', 'the Israeli military': a nation's armed forces are a
    body, which the model seldom tags; army and military are one body, and "the Malian army" is the "Malian Armed
    Forces" when the article spells that out."""
    doc = ctx.doc
    for tok in doc:
        kind = FORCE_NOUNS.get(tok.text)
        if kind is None or tok.i == 0:
            continue
        adj = doc[tok.i - 1]
        if not adj.text[:1].isupper() or not gazetteer.is_demonym(adj.text):
            continue
        lone = ctx.entities.at(adj.idx, adj.idx + len(adj.text))
        if lone is not None and (adj.idx, adj.idx + len(adj.text)) in lone.mentions:
            # "[Nigerien] army" typed a person: a demonym is no name (``finalize`` drops it if nothing else is left)
            ctx.entities.remove_mention(lone, adj.idx, adj.idx + len(adj.text))
        if ctx.entities.at(adj.idx, tok.idx + len(tok.text)) is not None:
            continue
        if tok.dep_ == "compound" and tok.head.lower_ in PERSON_WORDS_AFTER_FORCE:
            continue  # "Kenyan police officer", "an Israeli army spokesman": a person's description
        name = f"{adj.text} {kind}"
        ent = ctx.entities.lookup(name) or next(
            (e for e in ctx.entities if e.type == "ORG" and e.name.startswith(adj.text + " ")
             and e.name.lower().endswith(FORCE_NAME_ENDS[kind])), None)
        if ent is None:
            ent = ctx.entities.create(name, "ORG")
        ctx.entities.add_mention(ent, adj.idx, tok.idx + len(tok.text), doc[adj.i: tok.i + 1].text, "ORG")
        ctx.entities.add_alias(ent, name)


#: Nouns after "Xian army/navy" that make it a person's description.
PERSON_WORDS_AFTER_FORCE = {"officer", "officers", "spokesman", "spokeswoman", "spokesperson", "chief", "commander",
                            "general", "colonel", "soldier", "soldiers", "veteran", "source", "sources", "official",
                            "officials"}


def doc_lower(span: Span, offset: int) -> str:
    """The lower-case text of the token OFFSET places from SPAN's start (negative: before it)."""
    return span.doc[span.start + offset].lower_


#: Function words inside Romance-language names of bodies ("Alianza para el Progreso", "Parti de la Gauche").
NAME_FUNCTION_WORDS = {"para", "por", "de", "del", "la", "el", "los", "las", "y", "e", "pour", "et", "des", "du",
                       "di", "da", "do", "dos", "das", "per", "le", "les", "al"}
#: Capitalised words that, with "of (the)", open a body's name before another body's ("the Presidency of the
#: Council of Ministers").
OF_BODY_OPENERS = {"presidency", "secretariat", "office", "ministry", "department", "bureau", "directorate",
                   "secretary-general"}


def joined_bodies(ctx: Context) -> None:
    """'[Alianza] para [el Progreso]': two pieces of one body's name split at its function words; '[Presidency]
    of the [Council of Ministers]': a body named after the body it serves."""
    text = ctx.text
    spans = ctx.entities.within(0, len(text))
    for (s1, e1, a), (s2, e2, b) in zip(spans, spans[1:], strict=False):
        if a.type not in ORG_LIKE or a is b or not (
                b.type in ORG_LIKE or text[s2:e2].split()[0] in NAME_FUNCTION_WORDS):
            continue  # "[Unidas] por [el Cambio]": a piece that opens with "el" continues a name
        between = text[e1:s2].split()
        if not between or len(between) > 2 or not all(w in NAME_FUNCTION_WORDS for w in between) or \
                text[e1:s2].strip() != " ".join(between):
            continue
        _join(ctx, [(a, s1, e1), (b, s2, e2)], s1, e2)
    for ent in [e for e in ctx.entities if e.type in ORG_LIKE]:
        for s, e in list(ent.mentions):
            m = _OF_OPENER.search(text, max(0, s - 40), s)
            if m is None or m.group(1).lower() not in OF_BODY_OPENERS or ctx.entities.at(m.start(), s) is not None:
                continue
            _join(ctx, [(ent, s, e)], m.start(), e)


_OF_OPENER = re.compile(r"\b([A-Z][A-Za-z-]+) of the $")


def _join(ctx: Context, parts: list[tuple[Entity, int, int]], start: int, end: int) -> None:
    name = ctx.text[start:end]
    for ent, s, e in parts:
        ctx.entities.remove_mention(ent, s, e)
    whole = ctx.entities.lookup(name) or ctx.entities.create(name, "ORG")
    ctx.entities.add_mention(whole, start, end, name, "ORG")
    for ent, _s, _e in parts:
        if not ent.mentions and ent is not whole:
            ent.type_votes = {}
            ctx.entities.merge(whole, ent)


def untagged_people(ctx: Context, lower_words: set[str]) -> None:
    """'Its commander, Twan Mrat Naing, who leads ...': a run of capitalised words the model typed as no
    person (or as a work of art) is a person's name when it stands in apposition to a title and a who-clause
    follows it. Both are needed: either alone also fits bodies ("the ministry, which ...")."""
    for tok in ctx.doc:
        if tok.dep_ != "appos" or tok.pos_ != "PROPN" or tok.head.lower_ not in TITLE_HEADS:
            continue
        if not any(c.dep_ == "relcl" and any(g.lower_ in ("who", "whom") for g in c.children) for c in tok.children):
            continue
        words = [c for c in tok.lefts if c.dep_ in ("compound", "flat")] + [tok]
        span = ctx.doc[words[0].i: tok.i + 1]
        if len(span) != len(words) or not 2 <= len(span) <= 4 or ctx.entities.at(span.start_char, span.end_char):
            continue
        if any(not t.text[:1].isupper() or t.text in lower_words or t.lower_ in NAME_PREFIXES for t in span):
            continue
        if gazetteer.place_of(name_key(span.text)) is not None or any(
                t.lower_ in gazetteer.ORG_WORDS for t in span):
            continue
        add(ctx, span.text, "PERSON", span.start_char, span.end_char, TITLE_VOTE)


def clean_span(span: Span, label: str | None = None) -> tuple[Span | None, str, int]:
    """The part of SPAN that is the name itself, its label, and how strongly the label is attested.

    A line break ends a name; determiners, "ex-", titles and ranks before it and possessives or
    punctuation after it are not part of it. An ORG span that is a title followed by a personal
    name ("Foreign Minister Ana Duarte") is that person.
    """
    doc = span.doc
    label = label or span.label_
    start, end = span.start, span.end
    for i in range(start, end):
        if "\n" in doc[i].text:
            if i > start:
                end = i
            else:
                start = i + 1
            break
    for i in range(start, end):
        if doc[i].text == "(" and not any(doc[j].text == ")" for j in range(i + 1, end)):
            end = i  # "South African Police Service (SAPS": the model ran into the acronym after the name
            break
    for i in range(start + 1, end):
        if doc[i].text == "," and all(t.lower_.strip(".") in NAME_PREFIXES or t.is_punct for t in doc[i + 1:end]):
            end = i  # "[Crime Intelligence], Lieutenant General": the title of the name that follows
            break
    if end - start >= 3 and doc[end - 2].text == "-" and doc[end - 1].lower_ in gazetteer.LED_WORDS:
        end -= 2  # "[Pheu Chart]-led coalition": the participle is no part of the name
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct or doc[start].is_space
                           or (doc[start].lower_ == "ex" and start + 1 < end and doc[start + 1].text == "-")):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].text in POSSESSIVE_TOKENS):
        end -= 1
    if start >= end:
        return None, label, 0
    vote = NER_VOTE
    k = start
    while k < end - 1 and _is_prefix(doc, k):
        k += 1
    if k > start:
        titles = {doc[i].lower_.strip(".") for i in range(start, k)}
        rest = doc[k:end]
        if label == "PERSON" and not (end - k == 1 and k - start == 1 and doc[start].lower_ in NAME_HONORIFICS):
            start = k  # but "Sheikh Hasina": an honorific before a single name is part of how the person is named
        elif label == "ORG" and titles & PERSON_TITLES and _looks_personal(rest) and (
                len(rest) >= 2 or titles & STRONG_TITLES):
            start, label, vote = k, "PERSON", TITLE_VOTE
    out = Span(doc, start, end, label=label)
    if not any(c.isalpha() for c in out.text):
        return None, label, 0
    return out, label, vote


#: Honorifics that, before a single name, are part of the name people use ("Sheikh Hasina", "Haji Bashir").
NAME_HONORIFICS = {"sheikh", "shaikh", "sheik", "sayyed", "seyed", "sayed", "seyyed", "haji", "hajji"}


def _is_prefix(doc: Doc, i: int) -> bool:
    """Token I is a title or rank before a capitalised next word ("Brigadier General Lena ...")."""
    tok, nxt = doc[i], doc[i + 1]
    return tok.lower_.strip(".") in NAME_PREFIXES and nxt.text[:1].isupper()


def _ministry_of_title(span: Span) -> str | None:
    """'the Minister of [Home Affairs]': the organisation is the Ministry of Home Affairs."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ not in ("of", "for") or doc[span.start - 2].lower_ != "minister":
        return None
    return f"Ministry {doc[span.start - 1].text} {surface(span)}"


def _in_capitals(span: Span, text: str) -> bool:
    """SPAN lies in a line of TEXT written all in capitals (a headline), at least three words long."""
    lo, hi = max(0, span.start_char - 300), min(len(text), span.end_char + 300)
    start = text.rfind("\n", lo, span.start_char) + 1
    end = text.find("\n", span.end_char, hi)
    if (start == 0 and lo > 0) or (end == -1 and hi < len(text)):
        return False  # a line this long is prose, not a headline
    line = text[start: end if end != -1 else len(text)]
    words = re.findall(r"[^\W\d_]+", line)
    return len(words) >= 3 and all(w.isupper() for w in words)


def _only_titles(span: Span) -> bool:
    """'Brigadier General', 'Prime Minister': a title without a name."""
    return all(t.lower_.strip(".") in NAME_PREFIXES or t.lower_ in TITLE_HEADS for t in span)


def _after_title(span: Span) -> bool:
    """'Chancellor Olaf Scholz', 'presidential spokesman Ajuri Ngelale'."""
    if span.start == 0:
        return False
    prev = span.doc[span.start - 1]
    low = prev.lower_.strip(".")
    if prev.text[:1].isupper():
        return low in PERSON_TITLES
    return len(span) >= 2 and low in LOWER_CASE_TITLES


def _who_clause(span: Span) -> bool:
    """'Ajayi, who previously served as ...': people take "who", organisations "which"."""
    return any(c.dep_ == "relcl" and any(g.lower_ in ("who", "whom") for g in c.children)
               for c in span.root.children)


def _titled_apposition(span: Span) -> bool:
    """'Varga, a former commander of ...' or 'the army chief, Taoreed Lagbaja': an apposition with a
    personal title on either side."""
    root = span.root

    def personal(tok) -> bool:
        lemma = tok.lemma_.lower()
        return lemma in TITLE_HEADS and lemma not in ORG_HEAD_WORDS

    if root.dep_ == "appos" and root.head.i < root.i and personal(root.head):
        return True
    return any(c.dep_ == "appos" and c.i > root.i and personal(c) for c in root.children)


def _looks_personal(span: Span) -> bool:
    return (0 < len(span) <= 4 and all(t.pos_ == "PROPN" or t.text[:1].isupper() for t in span)
            and not any(t.lower_ in ORG_HEAD_WORDS for t in span))


def is_name(span: Span, lower_words: set[str] | None = None) -> bool:
    """Whether SPAN can be a proper name: it has a capital letter, is not too long, and a single
    word is not a capitalised common word ("Remarks by Salami ...": "remarks" is used lower-case)."""
    text = span.text
    if not any(c.isupper() for c in text) or len(span) > MAX_NAME_TOKENS:
        return False
    if all(t.is_stop or t.is_digit or t.is_punct for t in span):
        return False
    if len(span) == 1:
        tok = span[0]
        if tok.tag_ not in ("NNP", "NNPS") and not tok.text.isupper():
            if tok.is_stop or (lower_words is not None and tok.lower_ in lower_words):
                return False
            if tok.is_sent_start and tok.tag_ in ("NN", "NNS"):
                return False
    return True


def surface(span: Span) -> str:
    return _POSSESSIVE.sub("", span.text).strip()


def add(ctx: Context, name: str, label: str, start: int, end: int, vote: int = NER_VOTE,
        surface_form: str | None = None) -> Entity:
    """Record a mention of NAME at [start, end) with VOTE votes for LABEL."""
    ent = ctx.entities.lookup(name) or ctx.entities.create(name, label)
    ctx.entities.add_mention(ent, start, end, surface_form or name, label if vote > 0 else None)
    if vote > 1:
        ent.type_votes[label] = ent.type_votes.get(label, 0) + vote - 1
    return ent


def datelines(ctx: Context) -> None:
    """A capitalised place opening a line before a dash, date or agency ("NAIROBI —") is a place."""
    text = ctx.text
    for m in _DATELINE.finditer(text):
        place, rest, end = m.group("place"), m.group("rest"), m.group("end")
        if len(place.split()) > 4 or len(place.replace(".", "")) < 3:
            continue
        line_end = text.find("\n", m.end())
        after = text[m.end(): line_end if line_end != -1 else len(text)]
        if end.strip():
            if not re.search(r"[a-z]", after):  # "SOCCER - JAPAN GET LUCKY WIN": a headline, not a dateline
                continue
        elif not re.search(r"\d", rest):
            continue
        s, e = m.start("place"), m.end("place")
        for ms, me, other in ctx.entities.within(s, e):
            ctx.entities.remove_mention(other, ms, me)
        name = place.title() if place.isupper() else place
        ent = add(ctx, name, "GPE", s, e, DATELINE_VOTE, surface_form=place)
        ctx.entities.add_alias(ent, name)


def outlets(ctx: Context) -> None:
    """'the Fars news agency', 'the Kayhan newspaper': the capitalised modifier names a news outlet."""
    doc = ctx.doc
    for head in doc:
        low = head.lower_
        if low not in OUTLET_HEADS or head.pos_ not in ("NOUN", "PROPN") or head.i == 0:
            continue
        i = head.i - 1
        has_news = False
        while i >= 0 and doc[i].lower_ in ("news", "online", "state-run", "official"):
            has_news = has_news or doc[i].lower_ == "news"
            i -= 1
        if low in OUTLET_NEEDS_NEWS and not has_news:
            continue
        j = i
        while j >= 0 and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and j < doc[j].head.i <= head.i:
            j -= 1
        if j == i:
            continue
        name_span = doc[j + 1: i + 1]
        s, e = name_span.start_char, name_span.end_char
        existing = ctx.entities.at(s, e)
        if existing is not None:
            ent = existing
            ent.type_votes["ORG"] = ent.type_votes.get("ORG", 0) + OUTLET_VOTE
        else:
            ent = add(ctx, name_span.text, "ORG", s, e, OUTLET_VOTE)
        if head.text.islower():
            ctx.entities.add_alias(ent, doc[j + 1: head.i + 1].text)
        ent.kinds.add("news")


def who_antecedents(ctx: Context) -> None:
    """'Ajayi, who previously served ...': a capitalised word with a "who" clause that ends exactly one
    name seen before is that name, and a person's."""
    last_words: dict[str, list[Entity]] = defaultdict(list)
    for ent in ctx.entities:
        words = ent.name.split()
        if 2 <= len(words) <= 4:
            last_words[words[-1]].append(ent)
    for tok in ctx.doc:
        if tok.dep_ != "relcl" or tok.head.pos_ != "PROPN" or not any(c.lower_ == "who" for c in tok.children):
            continue
        name = tok.head
        owners = last_words.get(name.text, [])
        if len(owners) == 1 and name.is_title:
            ent = ctx.entities.at(name.idx, name.idx + len(name.text))
            if ent is None:
                ctx.entities.add_mention(owners[0], name.idx, name.idx + len(name.text), name.text)
                ent = owners[0]
            ent.type_votes["PERSON"] = ent.type_votes.get("PERSON", 0) + TITLE_VOTE


def is_outlet(ent: Entity) -> bool:
    """Whether ENT is a news organisation: the article said so, or its name does ("Daily Telegraph")."""
    if "news" in ent.kinds:
        return True
    return ent.type == "ORG" and any(w in NEWS_NAME_WORDS for f in ent.forms() for w in name_key(f).split())


def acronyms(ctx: Context) -> None:
    """'Revolutionary Guards (IRGC)': the acronym is an alias of the name it follows; 'IRGC-IO' is an
    organisation of its own, linked to its spelled-out forms by ``sub_organisations``."""
    text = ctx.text
    merges = _Merges()
    for m in _ACRONYM_PAREN.finditer(text):
        acr = m.group(1)
        if sum(c.isupper() for c in acr) < 2:
            continue
        k = m.start()
        while k > 0 and text[k - 1] in " \t":
            k -= 1
        long_ent, long_form = _entity_ending_at(ctx, k)
        spelled = _spelled_before(text, k, acr)
        if spelled is not None and (long_ent is None or long_ent.type == "PERSON" or len(spelled) > len(long_form)):
            long_form = spelled
            s = k - len(long_form)
            for ms, me, other in ctx.entities.within(s, k):  # the model's pieces of the long name
                ctx.entities.remove_mention(other, ms, me)
            long_ent = add(ctx, long_form, "ORG", s, k)
        elif long_ent is None or long_ent.type == "PERSON" or not (
                fits(long_form, acr, loose=True) or _local_acronym(long_ent, long_form, acr)):
            continue
        ctx.entities.add_alias(long_ent, acr)
        ctx.entities.add_mention(long_ent, m.start(1), m.end(1))
        other = ctx.entities.lookup(acr)
        if other is not None and other is not long_ent:
            merges.union(long_ent, other)
    merges.apply(ctx)


def _local_acronym(ent: Entity, long_form: str, acr: str) -> bool:
    """'Security Information Agency (BIA)', 'National Security Committee (KNB)': a body's name translated into
    English keeps the acronym of its own language; in parentheses right after a body's name of two words or more,
    a short all-capital word is its acronym whatever its letters."""
    return ent.type in ("ORG", "NORP", "FAC") and len(long_form.split()) >= 2 and acr.isupper() and \
        acr.isalpha() and 2 <= len(acr) <= 6


def _spelled_before(text: str, end: int, acr: str) -> str | None:
    """The longest run of capitalised words ending at END whose initials spell ACR exactly."""
    lm = _LONG_FORM_BEFORE.search(text, max(0, end - 120), end)
    if lm is None:
        return None
    words = lm.group(1).split()
    for i in range(len(words)):
        low = words[i].lower()
        if not words[i][:1].isupper() or low in ACRONYM_FUNCTION_WORDS or low in DETERMINERS:
            continue
        form = " ".join(words[i:])
        if fits(form, acr, loose=False):
            return text[end - len(form):end] if text[end - len(form):end] == form else None
    return None


def sub_organisations(ctx: Context) -> None:
    """One body named three ways: "<parent> <words>", "<parent>'s <words>" and "<ACR>-<initials>",
    where <parent> is any form of one organisation ("Revolutionary Guards", "IRGC")."""
    text = ctx.text
    merges = _Merges()
    hyphenated: list[tuple[Entity, Entity, str]] = []  # (sub-body, parent, suffix)
    for m in _HYPHEN_ACRONYM.finditer(text):
        parent = ctx.entities.lookup(m.group(1))
        if parent is None or parent.type not in ORG_LIKE:
            continue
        for ms, me, other in ctx.entities.within(m.start(), m.end()):
            ctx.entities.remove_mention(other, ms, me)
        sub = add(ctx, m.group(0), "ORG", m.start(), m.end())
        hyphenated.append((sub, parent, m.group(2).upper()))
    spelled: dict[tuple[int, tuple[str, ...]], list[Entity]] = defaultdict(list)
    for ent in list(ctx.entities):
        if ent.type not in ORG_LIKE:
            continue
        for form in list(ent.forms()):
            words = form.split()
            for k in range(1, len(words)):
                rest = words[k:]
                if not all(w[:1].isupper() or w.lower() in ACRONYM_FUNCTION_WORDS for w in rest):
                    continue
                parent = ctx.entities.lookup(" ".join(words[:k]))
                if parent is None or parent is ent or parent.type not in ORG_LIKE:
                    continue
                spelled[(id(parent), tuple(w.lower() for w in rest))].append(ent)
    # "the KDF's Special Forces" where the model tagged only "Special Forces"
    doc = ctx.doc
    for ent in list(ctx.entities):
        if ent.type not in ORG_LIKE:
            continue
        for ms, me in ent.mentions:
            span = doc.char_span(ms, me, alignment_mode="expand")
            if span is None or span.start < 2 or doc[span.start - 1].text not in POSSESSIVE_TOKENS:
                continue
            parent = ctx.entities.at(doc[span.start - 2].idx, doc[span.start - 2].idx + 1)
            if parent is not None and parent is not ent and parent.type in ORG_LIKE:
                spelled[(id(parent), tuple(t.lower_ for t in span))].append(ent)
    for group in spelled.values():
        merges.union(*group)
    for sub, parent, suffix in hyphenated:
        for (parent_id, rest), group in spelled.items():
            if parent_id == id(parent) and suffix in _initials_variants(list(rest)):
                merges.union(sub, *group)
    merges.apply(ctx)


def short_forms(ctx: Context) -> None:
    """Shorter and longer names of one organisation in one article.

    - an acronym never spelled out is the one organisation (or "Minister of ..." ministry) whose
      initials it is;
    - "Supreme Security Council" is "Supreme National Security Council" (same first and last word,
      the words in order, at least three of them);
    - "Ministry of Intelligence" is "Ministry of Intelligence and Security" (cut before "and").
    """
    orgs = [e for e in ctx.entities if e.type in ORG_LIKE]
    ministries = {f"Ministry {m.group(1)} {m.group(2)}" for m in _MINISTER_OF.finditer(ctx.text)}
    merges = _Merges()
    # acronyms without a definition
    spelled_by: dict[str, dict[int, Entity]] = defaultdict(dict)
    for ent in orgs:
        for f in ent.forms():
            if not _is_acronym(f) and len(f.split()) >= 2:
                for v in _initials_variants(re.sub(r"['’]s\b", "", f).split()):
                    spelled_by[v][id(ent)] = ent
    for ent in orgs:
        if not all(_is_acronym(f) for f in ent.forms()):
            continue
        letters = "".join(c for c in ent.name if c.isalpha()).upper()
        owners = [o for o in spelled_by.get(letters, {}).values() if o is not ent]
        if len(owners) == 1:
            merges.union(owners[0], ent)
        elif not owners:
            spelled = [f for f in ministries if fits(f, ent.name, loose=False)]
            if len(spelled) == 1:
                ctx.entities.add_alias(ent, spelled[0])
    merges.apply(ctx)
    _untagged_acronyms(ctx, spelled_by, ministries)
    # a name whose words are a subsequence of a longer name's, or a cut before "and"
    orgs = [e for e in ctx.entities if e.type in ORG_LIKE]
    by_ends: dict[tuple[str, str], list[tuple[list[str], Entity]]] = defaultdict(list)
    by_first: dict[str, list[tuple[list[str], Entity]]] = defaultdict(list)
    for ent in orgs:
        for form in ent.forms():
            words = name_key(form).split()
            if len(words) >= 2:
                by_ends[(words[0], words[-1])].append((words, ent))
                by_first[words[0]].append((words, ent))
    for ent in orgs:
        for form in ent.forms():
            words = name_key(form).split()
            if len(words) < 3:
                continue
            owners = {id(o): o for w, o in by_ends[(words[0], words[-1])]
                      if o is not ent and len(w) > len(words) and _is_subsequence(words, w)
                      and w[:len(words)] != words}  # "X Forces Special Forces" is a unit of "X Forces"
            owners |= {id(o): o for w, o in by_first[words[0]]
                       if o is not ent and len(w) > len(words) + 1 and w[:len(words)] == words
                       and w[len(words)] in ("and", "&")}
            if len(owners) == 1:
                merges.union(next(iter(owners.values())), ent)
    merges.apply(ctx)
    _head_word_forms(ctx)


#: Last words of a body's name that, capitalised after "the", stand for the whole name ("the Guards").
SHORT_HEAD_WORDS = {"guards", "corps", "brotherhood", "front", "brigades", "movement", "taliban", "militia",
                    "forces", "mobilisation", "mobilization", "alliance", "coalition", "congress"}


def _head_word_forms(ctx: Context) -> None:
    """'the Revolutionary Guards' ... 'a mouthpiece of the Guards': the capitalised last word after "the" is the
    one body of the article whose name ends with it (none when two do, or the word opens a longer name)."""
    ends: dict[str, list[Entity]] = defaultdict(list)
    for ent in ctx.entities:
        words = ent.name.split()
        if ent.type in ORG_LIKE and len(words) >= 2 and words[-1].lower() in SHORT_HEAD_WORDS and words[-1].istitle():
            ends[words[-1]].append(ent)
    for word, owners in ends.items():
        if len({id(o) for o in owners}) != 1:
            continue
        owner = owners[0]
        merges = _Merges()
        for m in re.finditer(r"\b[Tt]he " + re.escape(word) + r"\b(?![ \t]+[A-Z])", ctx.text):
            start = m.end() - len(word)
            there = ctx.entities.at(start, m.end())
            if there is None:
                ctx.entities.add_mention(owner, start, m.end(), word)
            elif there is not owner and there.name == word and there.type in ORG_LIKE:
                merges.union(owner, there)  # the model's own "Guards"
        merges.apply(ctx)


def _untagged_acronyms(ctx: Context, spelled_by: dict[str, dict[int, Entity]], ministries: set[str]) -> None:
    """An acronym the model left out ("officials said MOHAI would ...") that spells exactly one
    organisation named in the article, or one ministry a minister's title names."""
    for tok in ctx.doc:
        text = tok.text
        if not (3 <= len(text) <= 8 and text.isalpha() and text.isupper()):
            continue
        if ctx.entities.at(tok.idx, tok.idx + len(text)) is not None or _in_capitals(tok.doc[tok.i: tok.i + 1],
                                                                                      ctx.text):
            continue
        owners = list(spelled_by.get(text, {}).values())
        owners = [o for o in owners if o in ctx.entities.items] if owners else owners
        if len(owners) == 1:
            ctx.entities.add_mention(owners[0], tok.idx, tok.idx + len(text), text, "ORG")
            continue
        spelled = [f for f in ministries if fits(f, text, loose=False)]
        if len(spelled) == 1:
            ent = add(ctx, text, "ORG", tok.idx, tok.idx + len(text))
            ctx.entities.add_alias(ent, spelled[0])


def people(ctx: Context) -> None:
    """A lone surname is the full name that ends with it; close spellings of one name are one person."""
    persons = [e for e in ctx.entities if e.type == "PERSON"]
    full = [e for e in persons if len(e.name.split()) > 1]
    by_initial: dict[str, list[Entity]] = defaultdict(list)
    for e in full:
        by_initial[_last(e)[:1]].append(e)
    merges = _Merges()
    # transliterations of one full name: "Ahmad Golapaygani" / "Ahmad Golpaygani"
    for bucket in by_initial.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                if _same_surname(_last(a), _last(b)) and _compatible_given(a, b):
                    merges.union(a, b)
    merges.apply(ctx)
    full = [e for e in ctx.entities if e.type == "PERSON" and len(e.name.split()) > 1]
    full_ids = {id(e) for e in full}
    by_initial = defaultdict(list)
    for e in full:
        by_initial[_last(e)[:1]].append(e)
    by_first: dict[str, list[Entity]] = defaultdict(list)
    hyphen_first: dict[str, list[Entity]] = defaultdict(list)
    for e in ctx.entities:
        if len(e.name.split()) > 1:
            by_first[name_key(e.name.split()[0])].append(e)
        elif e.type in ORG_LIKE and e.name.count("-") >= 2:
            hyphen_first[e.name.split("-")[0].lower()].append(e)
    weak = [e for e in ctx.entities if e.type != "PERSON" and 2 <= len(e.name.split()) <= 3
            and sum(e.type_votes.values()) <= 1 and all(w[:1].isupper() for w in e.name.split())]
    for ent in list(ctx.entities):
        if len(ent.name.split()) != 1 or id(ent) in full_ids:
            continue
        listed_place = gazetteer.place_of(name_key(ent.name)) is not None
        if ent.type in ("GPE", "LOC") and sum(ent.type_votes.values()) > 1 and listed_place:
            continue  # "Washington" the city, used as one
        if ent.type in ("ORG", "NORP"):
            # "Houthi fighters" and "the Houthis": one group, named by its adjective and its plural
            plural = ctx.entities.lookup(ent.name + "s")
            if plural is not None and plural is not ent and plural.type in ("ORG", "NORP"):
                merges.union(plural, ent)
                continue
        if _modifies_a_plural(ctx, ent):
            continue  # "Houthi rebels": the group, not the man named al-Houthi
        words = [w for w in name_key(ent.name).split() if w not in NAME_PARTICLES]
        if len(words) != 1:
            if "-" in ent.name and len(words) == 2:
                # "Dlamini-Khoza" for "Sipho Dlamini-Khoza": a hyphenated surname, whatever the model typed
                hyphened = [f for f in full if name_key(f.name.split()[-1]) == name_key(ent.name)]
                if len(hyphened) == 1:
                    ent.type_votes = {"PERSON": 1}
                    merges.union(hyphened[0], ent)
            continue
        key = words[0]
        cut = [f for f in by_first.get(key, ()) if f is not ent and all(
            ctx.text.startswith(f.name, s) for s, _e in ent.mentions)]
        if not cut and ent.type in ("PERSON", "ORG"):
            # "Jamaat" for "Jamaat-e-Islami": the first part of a hyphenated body's name
            cut = [f for f in hyphen_first.get(ent.name.lower(), ()) if f is not ent]
        if len(cut) == 1 and ent.mentions:
            # "the [Shin] Bet security service": the model cut a name the article spells in full elsewhere
            merges.union(cut[0], ent)
            continue
        owners = [f for f in by_initial[key[:1]] if _last(f) == key]
        if not owners and (ent.type == "PERSON" or not listed_place) and len(key) >= 4:
            # "Lula" for "Luiz Inacio Lula da Silva", "Castañeda" for "Hugo Castañeda Ríos": a later word of
            # exactly one full name (a name no gazetteer lists is no place, whatever the model said)
            owners = [f for f in full if key in name_key(f.name).split()[1:]]
        if not owners and (ent.type == "PERSON" or not listed_place) and len(key) >= 4 and not ent.kinds:
            # "Chalermchai" for "Chalermchai Wongsuwan": Thai, Icelandic and Ethiopian names are shortened to
            # the given name; the model, seeing an unknown word alone, often calls it a place
            owners = [f for f in full if name_key(f.name).split()[0] == key]
        if not owners and ent.type == "PERSON":
            owners = [f for f in by_initial[key[:1]] if _same_surname(_last(f), key)]
        if not owners and ent.type == "PERSON" and len(key) <= 4:
            # surname first ("Dong" for "Dong Jun", "Xi" for "Xi Jinping"): short family names
            owners = [f for f in full if len(f.name.split()) <= 3 and name_key(f.name).split()[0] == key]
        if not owners and ent.type == "PERSON":
            # the model typed the full name wrongly once ("named [Adeola Ajayi]" as ORG)
            owners = [f for f in weak if name_key(f.name).split()[-1] == key]
        if len(owners) == 1:
            if ent.type != "PERSON":
                ent.type_votes = {"PERSON": 1}  # a person's name, whatever the model guessed the word alone was
            merges.union(owners[0], ent)
    for ent in ctx.entities:
        long = _STATE_OF.match(ent.name)
        short = ctx.entities.lookup(long.group(1)) if long and ent.type in ("GPE", "LOC") else None
        if short is not None and short is not ent and short.type in ("GPE", "LOC"):
            merges.union(short, ent)  # "the Republic of Kazakhstan" is Kazakhstan
    merges.apply(ctx)


_STATE_OF = re.compile(r"^(?:the )?(?:Republic|Kingdom|State|Federation|Sultanate|Emirate|Principality) of (.+)$")


def _modifies_a_plural(ctx: Context, ent: Entity) -> bool:
    doc = ctx.doc
    for s, e in ent.mentions:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and len(span) == 1 and span.root.dep_ in ("compound", "amod") \
                and span.root.head.tag_ == "NNS":
            return True
    return False


def propagate(ctx: Context, lower_words: set[str] | None = None) -> None:
    """Every occurrence of a name already known in the article is a mention of its entity.

    The forms are the token sequences of existing mentions, plus the surnames of full names; a
    match must have the same capitalisation (or be in capitals, as in a headline), must not overlap
    another mention, and must not be part of a longer capitalised name ("Iran Air")."""
    doc = ctx.doc
    forms: dict[str, dict[tuple[str, ...], Entity]] = defaultdict(dict)
    ambiguous: set[tuple[str, ...]] = set()
    if lower_words is None:
        lower_words = lower_case_words(doc)

    def register(tokens: tuple[str, ...], ent: Entity) -> None:
        if not tokens or not any(c.isupper() for c in "".join(tokens)):
            return
        have = forms[tokens[0].lower()].get(tokens)
        if have is not None and have is not ent:
            ambiguous.add(tokens)
        forms[tokens[0].lower()][tokens] = ent

    for ent in ctx.entities:
        for s, e in list(ent.mentions):
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            register(tuple(t.text for t in span), ent)
            if ent.type == "PERSON" and len(span) > 1:
                last = span[-1]
                if len(last.text) >= 3 and last.text[:1].isupper() and last.lower_ not in lower_words:
                    register((last.text,), ent)
    for tokens in ambiguous:
        forms[tokens[0].lower()].pop(tokens, None)
    n = len(doc)
    i = 0
    while i < n:
        cands = forms.get(doc[i].lower_)
        if not cands:
            i += 1
            continue
        hit = None
        for tokens, ent in sorted(cands.items(), key=lambda kv: -len(kv[0])):
            k = len(tokens)
            if i + k > n:
                continue
            words = [doc[i + j].text for j in range(k)]
            if all(w == t or (w.isupper() and w.lower() == t.lower()) for w, t in zip(words, tokens, strict=True)):
                hit = (k, ent)
                break
        if hit is None:
            i += 1
            continue
        k, ent = hit
        span = doc[i: i + k]
        if k == 1 and ent.type == "PERSON" and span.root.dep_ in ("compound", "amod") \
                and span.root.head.tag_ == "NNS":
            i += 1  # "Houthi rebels" is not al-Houthi
            continue
        if ctx.entities.at(span.start_char, span.end_char) is None and not _inside_longer_name(span):
            ctx.entities.add_mention(ent, span.start_char, span.end_char)
        i += k
    _propagate_spellings(ctx, lower_words)


def _propagate_spellings(ctx: Context, lower_words: set[str]) -> None:
    """A capitalised word the model left out that is another spelling of a known surname
    ("Zelenskyy" after "Volodymyr Zelensky") is that person."""
    surnames: dict[str, list[tuple[str, Entity]]] = defaultdict(list)
    for ent in ctx.entities:
        if ent.type == "PERSON" and len(ent.name.split()) > 1:
            last = _last(ent)
            surnames[last[:1]].append((last, ent))
    if not surnames:
        return
    for tok in ctx.doc:
        if not tok.is_title or len(tok.text) < 6 or tok.lower_ in lower_words:
            continue
        key = name_key(tok.text)
        owners = {id(e): e for last, e in surnames.get(key[:1], ()) if last != key and _same_surname(last, key)}
        if len(owners) == 1 and ctx.entities.at(tok.idx, tok.idx + len(tok.text)) is None:
            ent = next(iter(owners.values()))
            ctx.entities.add_mention(ent, tok.idx, tok.idx + len(tok.text), tok.text)


def _inside_longer_name(span: Span) -> bool:
    doc = span.doc
    if span.text.isupper():
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.pos_ == "PROPN" and before.is_title and not before.is_sent_start:
        return True
    return after is not None and after.pos_ == "PROPN" and after.is_title


# -- type and name --------------------------------------------------------------------------

def settle_type(ent: Entity) -> None:
    if ent.type_votes:
        ent.type = max(ent.type_votes, key=lambda t: (ent.type_votes[t], t == ent.type))


def _settle_all(ctx: Context) -> None:
    for ent in ctx.entities:
        settle_type(ent)


def canonical_name(ent: Entity) -> str:
    """The fullest form: most words, then longest; acronyms and possessive forms only when nothing
    else is there; a name seen only in capitals (a dateline) in title case."""
    forms = [f for f in ent.forms() if f]
    spelled = [f for f in forms if not f.isupper()] or forms
    plain = [f for f in spelled if not re.search(r"['’]s\b", f)] or spelled
    return max(plain, key=lambda f: (len(f.split()), len(f)))


def finalize(ctx: Context) -> None:
    """Settle types and canonical names, drop entities without mentions, number them."""
    referenced = {id(v) for f in ctx.facts for v in _entity_values(f.fields)}
    referenced |= {id(f.attributed_to) for f in ctx.facts}
    for ent in list(ctx.entities):
        if not ent.mentions and id(ent) not in referenced:
            ctx.entities.items.remove(ent)
            continue
        settle_type(ent)
        name = canonical_name(ent)
        if name != ent.name:
            ent.aliases.add(ent.name)
            ent.name = name
            ent.aliases.discard(name)
    ctx.entities.renumber()


def _entity_values(fields: dict) -> Iterator[Entity]:
    for v in fields.values():
        if isinstance(v, Entity):
            yield v
        elif isinstance(v, list | tuple):
            yield from (x for x in v if isinstance(x, Entity))


# -- helpers --------------------------------------------------------------------------------

class _Merges:
    """Union-find over entities, applied to the table in one go (merging one pair at a time
    re-indexes the whole table each time)."""

    def __init__(self) -> None:
        self.parent: dict[int, Entity] = {}

    def find(self, ent: Entity) -> Entity:
        root = ent
        while id(root) in self.parent and self.parent[id(root)] is not root:
            root = self.parent[id(root)]
        self.parent[id(ent)] = root
        return root

    def union(self, keep: Entity, *others: Entity) -> None:
        for other in others:
            a, b = self.find(keep), self.find(other)
            if a is not b:
                self.parent[id(b)] = a
                self.parent.setdefault(id(a), a)

    def apply(self, ctx: Context) -> None:
        groups: dict[int, list[Entity]] = defaultdict(list)
        for ent in ctx.entities:
            root = self.find(ent) if id(ent) in self.parent else ent
            groups[id(root)].append(ent)
        todo = []
        for members in groups.values():
            if len(members) > 1:
                members.sort(key=lambda e: (min(e.mentions) if e.mentions else (10**12, 0)))
                keep = max(members, key=lambda e: (len(e.mentions), -members.index(e)))
                todo.append([keep] + [e for e in members if e is not keep])
        ctx.entities.merge_many(todo)
        self.parent.clear()


def _entity_ending_at(ctx: Context, end: int) -> tuple[Entity | None, str]:
    """The entity with a mention ending at END (or at END before a possessive), with that mention's text."""
    for s, e, ent in reversed(ctx.entities.within(max(0, end - 200), end)):
        if e == end:
            return ent, ctx.text[s:e]
    return None, ""


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return 2 <= len(letters) <= 8 and all(c.isupper() for c in letters) and " " not in form


def _initials_variants(words: list[str]) -> set[str]:
    """The acronyms WORDS may be spelled as: content words only, with "of"/"for", with every word."""
    words = [p for w in words for p in re.split(r"[-\s]+", w) if p and p[0].isalpha()]
    content = "".join(w[0] for w in words if w.lower() not in ACRONYM_FUNCTION_WORDS).upper()
    with_of = "".join(w[0] for w in words if w.lower() not in ACRONYM_FUNCTION_WORDS - {"of", "for"}).upper()
    every = "".join(w[0] for w in words).upper()
    return {content, with_of, every}


def fits(long_form: str, acronym: str, loose: bool = False) -> bool:
    """Whether ACRONYM abbreviates LONG_FORM. Loose (the acronym directly follows the name in
    parentheses): the initials may be a part of the acronym or the other way round ("Revolutionary
    Guards (IRGC)"), or share most of its letters in any order ("FDLR")."""
    letters = "".join(c for c in acronym if c.isalpha()).upper()
    if len(letters) < 2:
        return False
    words = re.sub(r"['’]s\b", "", long_form).split()
    variants = _initials_variants(words)
    if letters in variants:
        return True
    if not loose:
        return False
    content, every = min(variants, key=len), max(variants, key=len)
    if len(content) >= 2 and (_is_subsequence(list(content), list(letters))
                              or _is_subsequence(list(letters), list(every))):
        return True
    shared = set(letters) & set(every)
    if letters[0] in every and len(shared) * 2 >= len(set(letters)) + 1:
        return True
    return _prefix_abbreviation(letters.lower(), [w.lower() for w in words if w[:1].isalpha()])


def _prefix_abbreviation(acr: str, words: list[str]) -> bool:
    """ACR is made of the first letters of two or more of WORDS, in order ("CENTCOM": CENTral COMmand)."""

    def match(i: int, j: int, used: int) -> bool:
        if i == len(acr):
            return used >= 2
        for jj in range(j, len(words)):
            w = words[jj]
            n = 0
            while n < len(w) and i + n < len(acr) and w[n] == acr[i + n]:
                n += 1
                if match(i + n, jj + 1, used + 1):
                    return True
        return False

    return len(words) <= 12 and match(0, 0, 0)


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(any(x == y for y in it) for x in short)


def _last(ent: Entity) -> str:
    return name_key(ent.name).split()[-1] if name_key(ent.name) else ""


def _same_surname(a: str, b: str) -> bool:
    if a == b:
        return True
    if a + "s" == b or b + "s" == a:
        return False  # "Houthis" are a group, al-Houthi a man
    return min(len(a), len(b)) > 5 and a[:1] == b[:1] and fuzz.ratio(a, b) >= 88


def _compatible_given(a: Entity, b: Entity) -> bool:
    """Given names agree: equal, close, one an initial of the other, or missing in one."""
    ga = [w for w in name_key(a.name).split()[:-1] if w not in NAME_PARTICLES]
    gb = [w for w in name_key(b.name).split()[:-1] if w not in NAME_PARTICLES]
    if not ga or not gb:
        return True
    x, y = ga[0], gb[0]
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return x == y or fuzz.ratio(x, y) >= 85


def mentions_text(ctx: Context, ent: Entity) -> Iterable[str]:
    """The surface text of each mention of ENT (for tests and debugging)."""
    return [ctx.text[s:e] for s, e in sorted(ent.mentions)]
