"""Titles of posts: find their extent in the parse, clean them, and find the body they belong to.

Shared by the position and personnel extractors (and by anyone who needs "what post does
this phrase name"). A title phrase is a noun phrase whose head is a post word ("minister",
"head", "spokesman", "commander-in-chief"); it keeps its complement ("of Intelligence and
Security", "of the IRGC's Intelligence Organization") but loses what is not part of the
post: determiners, status words ("former", "acting"), evaluative adjectives
("longest-serving"), ranks before a name ("Col."), and possessives that are not entities
("the regime's", "the country's" -- an outlet's loaded words are not part of a post).
A possessive or pre-modifying entity ("Brazil's foreign minister", "the Revolutionary
Guards (IRGC) commander-in-chief") becomes the title's org instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .context import Context, Entity, name_key
from .lexicon import ACTING_MARKERS, FORMER_MARKERS, TITLE_HEADS

#: Post words that name a post only with a complement or an org ("a member of parliament",
#: "an official at the ministry"); alone they describe a person, not a post.
WEAK_HEADS = {"official", "member", "aide", "officer", "representative", "cleric", "lawmaker", "legislator",
              "negotiator", "diplomat", "founder", "editor", "coordinator", "inspector", "deputy"}
#: Ranks and honorifics: before a name they are a form of address, not a post.
RANKS = {"general", "gen", "brigadier", "brig", "major", "maj", "lieutenant", "lt", "colonel", "col", "captain",
         "capt", "admiral", "adm", "sergeant", "sgt", "corporal", "cpl", "private", "pvt", "marshal", "field",
         "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "sheikh", "shaikh",
         "ayatollah", "grand", "hojatoleslam", "hojjatoleslam", "rev", "reverend", "father", "comrade", "hon",
         "honourable", "honorable", "haji", "hajji", "sayyed", "seyed", "sayed", "seyyed", "mullah", "imam",
         "rear", "vice", "second", "first", "staff", "lieutenant-general", "major-general", "lieutenant-colonel",
         "brigadier-general", "rear-admiral", "vice-admiral"}
#: Words that describe a holder, not the post ("the longest-serving head", "the powerful minister").
DESCRIPTIVE = {"longtime", "long-time", "longest-serving", "long-serving", "powerful", "influential", "veteran",
               "notorious", "hardline", "hard-line", "hardliner", "moderate", "reformist", "conservative",
               "controversial", "embattled", "beleaguered", "newly", "new", "newly-appointed", "incoming",
               "current", "sitting", "incumbent", "serving", "present", "feared", "infamous",
               "then", "now", "recently", "appointed", "named", "elected", "designated", "respected", "seasoned",
               "popular", "unpopular", "loyal", "close", "trusted", "ousted", "sacked", "dismissed", "fired",
               "disgraced", "jailed", "exiled", "retired", "so-called", "self-styled", "self-proclaimed",
               "female", "male", "woman", "civilian", "youngest", "oldest", "first-ever"}
#: Words that make a post hypothetical ("a potential senator", "the would-be president"): no post is held.
HYPOTHETICAL = {"potential", "possible", "likely", "would-be", "future", "prospective", "presumptive", "hopeful",
                "aspiring", "next", "wannabe"}
#: An outlet's loaded words for a state or its rulers: never part of a post's name.
LOADED = {"regime", "mullahs", "mullah", "junta", "clerical", "theocratic", "dictatorship", "puppet", "tyrant",
          "criminal", "terrorist", "illegitimate", "occupation", "occupying"}
#: Prepositions that introduce a title's complement ("head of", "spokesman for", "ambassador to").
COMPLEMENT_PREPS = {"of", "for", "to", "at"}
#: Words that stop a title phrase when it is read out of running text.
_STOP_WORDS = {"who", "whom", "whose", "which", "that", "said", "says", "told", "since", "until", "from", "during",
               "after", "before", "when", "while", "as", "with", "in", "on", "by", "over", "under", "between",
               "among", "but", "because", "also", "has", "have", "had", "is", "was", "were", "are", "will",
               "would", "according"}
#: Adverbs that may open an apposition and say whether the post is still held ("X, now the ...").
_STATUS_ADVERBS = {"now", "then", "previously", "formerly", "once", "currently", "later", "still"}
_POSSESSIVE_MARKS = {"'s", "’s", "'", "’"}
#: Words before a post that say it is no longer held ("the ousted president", "a retired general").
_FORMER_PARTICIPLES = {"previously", "formerly", "once", "retired", "ousted", "sacked", "dismissed", "deposed",
                       "fired", "toppled", "overthrown", "removed", "disgraced"}
#: Posts named "<word> General": "Attorney General", "Inspector General", "Director General".
_GENERAL_POSTS = {"attorney", "solicitor", "secretary", "inspector", "director", "comptroller", "surgeon", "governor",
                  "postmaster", "adjutant", "procurator", "auditor", "consul", "commissioner", "registrar",
                  "controller", "prosecutor", "accountant", "commander", "vicar", "receiver", "paymaster"}
#: Words that make a post the one below another: "deputy director" is not "director".
_LOWER_RANK = {"deputy", "vice", "assistant", "under", "associate", "sub"}
_MINISTER = re.compile(r"^(?:minister|secretary) (?:of|for) (?:the )?(.+)$")


@dataclass
class Title:
    """A cleaned post title found in the text."""

    text: str
    org: Entity | None
    #: "former" when the phrase itself says so ("former", "ex-", "then-"), "acting" for interim posts, else None
    marker: str | None
    start: int
    end: int


# -- words ---------------------------------------------------------------------------------------------
def is_hyphen(tok: Token) -> bool:
    """A hyphen inside a word ("Ex-president", "commander-in-chief"), however the tagger labelled it."""
    if tok.tag_ == "HYPH":
        return True
    return tok.text in ("-", "\u2010", "\u2011") and not tok.whitespace_ and tok.i > 0 and \
        not tok.doc[tok.i - 1].whitespace_


def _hyphen_group(doc: Doc, i: int) -> tuple[int, int]:
    """Token range [s, e) of the hyphenated word around token i ("commander - in - chief")."""
    s = i
    while s > 0 and (is_hyphen(doc[s - 1]) or is_hyphen(doc[s])) and not doc[s - 1].whitespace_:
        s -= 1
    e = i + 1
    while e < len(doc) and (is_hyphen(doc[e]) or is_hyphen(doc[e - 1])) and not doc[e - 1].whitespace_:
        e += 1
    return s, e


def word_text(doc: Doc, i: int) -> str:
    """The whole hyphenated word token i belongs to, lower-cased."""
    s, e = _hyphen_group(doc, i)
    return doc[s:e].text.lower()


def _lex(tok: Token) -> str:
    return tok.lower_.strip(".")


def is_title_word(doc: Doc, i: int) -> bool:
    """Token i is (part of) a post word: "minister", "Commander-in-Chief", "vice-president"."""
    tok = doc[i]
    if tok.is_punct or tok.pos_ in ("ADP", "DET", "PRON", "VERB", "AUX"):
        return False
    w = word_text(doc, i)
    parts = [p for p in re.split(r"[-\s]+", w) if p]
    return _lex(tok) in TITLE_HEADS or w in TITLE_HEADS or (bool(parts) and parts[-1] in TITLE_HEADS)


def is_rank(tok: Token) -> bool:
    return _lex(tok) in RANKS


def status_marker(doc: Doc, start: int, end: int) -> str | None:
    """'former' or 'acting' when a word in doc[start:end] marks the post's status."""
    for i in range(start, end):
        low = _lex(doc[i])
        w = word_text(doc, i)
        if low in FORMER_MARKERS - {"outgoing"} | _FORMER_PARTICIPLES or w.startswith(
                ("ex-", "then-", "former-")):
            return "former"
        if low in ACTING_MARKERS:
            return "acting"
    return None


# -- finding a title's extent ------------------------------------------------------------------------
def _is_person_start(ctx: Context, tok: Token) -> bool:
    ent = ctx.entity_of(tok)
    return ent is not None and ent.type == "PERSON"


_PLACE_LABELS = {"FAC", "GPE", "LOC"}


def _at_a_place(ctx: Context, at: int, start: int) -> bool:
    """An "at" after a title that already has its complement ("of the Interior"), before a place or a
    building: the sentence says where something happened, not which post."""
    doc = ctx.doc
    if not any(doc[k].lower_ in ("of", "for", "to") for k in range(start, at)):
        return False
    k = at + 1
    while k < len(doc) and doc[k].pos_ == "DET":
        k += 1
    if k >= len(doc):
        return False
    ent = ctx.entity_of(doc[k])
    return doc[k].ent_type_ in _PLACE_LABELS or (ent is not None and ent.type in _PLACE_LABELS)


def phrase_after(ctx: Context, i: int, limit: int = 24) -> int:
    """End (exclusive token index) of the title-like noun phrase that starts at token i.

    Reads running text: stops at clause punctuation, verbs, relative pronouns, and an
    "and" that starts the next item of a list.
    """
    doc = ctx.doc
    sent_end = doc[i].sent.end if i < len(doc) else len(doc)
    j = i
    paren = 0
    while j < min(sent_end, i + limit):
        tok = doc[j]
        low = tok.lower_
        in_word = _hyphen_group(doc, j) != (j, j + 1)
        if tok.text == "(":
            close = next((k for k in range(j + 1, min(j + 5, sent_end)) if doc[k].text == ")"), None)
            if close is None or not all(ctx.entity_of(doc[k]) for k in range(j + 1, close)):
                break
            j = close + 1
            continue
        if paren:
            break
        if tok.is_space or (tok.is_punct and not is_hyphen(tok) and low not in _POSSESSIVE_MARKS):
            break
        if low in _POSSESSIVE_MARKS and j > i:
            j += 1
            continue
        if not in_word:
            if low in _STOP_WORDS or tok.pos_ in ("VERB", "AUX") and not is_title_word(doc, j) and not (
                    tok.dep_ == "amod" and tok.head.i > j):  # "the jailed former prime minister" goes on
                break
            if tok.pos_ in ("ADV", "SCONJ") and not (j == i and low in _STATUS_ADVERBS):
                break
            if tok.pos_ == "ADP" and low not in COMPLEMENT_PREPS:
                break
            if low == "at" and _at_a_place(ctx, j, i):
                break  # "Minister of the Interior [at the Government Palace]": where, not which post
            if tok.pos_ in ("CCONJ",):
                nxt = doc[j + 1] if j + 1 < sent_end else None
                if nxt is None or nxt.pos_ in ("DET", "PRON", "NUM") or _is_person_start(ctx, nxt) or (
                        j > i and doc[j - 1].is_punct):
                    break
            if tok.ent_type_ == "DATE" and not ctx.entity_of(tok):
                break
            prev = j - 1
            while prev > i and (is_rank(doc[prev]) or doc[prev].text == "."):
                prev -= 1
            if j > i and _is_person_start(ctx, tok) and not _is_person_start(ctx, doc[j - 1]) and \
                    doc[prev].lower_ not in COMPLEMENT_PREPS:  # "adviser to Mr. Comey" goes on
                # a name after the title ends it, unless a possessive follows ("head of Khamenei's office")
                k = j
                while k < sent_end and ctx.entity_of(doc[k]) is ctx.entity_of(tok):
                    k += 1
                if not (k < sent_end and doc[k].lower_ in _POSSESSIVE_MARKS):
                    break
        j += 1
    while j > i and (doc[j - 1].pos_ in ("ADP", "CCONJ", "DET") or doc[j - 1].is_punct and doc[j - 1].text != ")"
                     or doc[j - 1].tag_ == "TO"):  # "officer to [take over]": the infinitive's "to"
        j -= 1
    return j


def premodifier_start(ctx: Context, i: int) -> int:
    """Start of the run of title words directly before token i ("Foreign Minister", "army spokesman Col.").

    Returns i when there is none.
    """
    doc = ctx.doc
    sent_start = doc[i].sent.start
    k = i
    while k > sent_start or (k > 1 and doc[k - 1].text == "." and is_rank(doc[k - 2])):
        tok = doc[k - 1]
        low = tok.lower_
        if tok.text == "." and k >= 2 and is_rank(doc[k - 2]):
            # "Col. Nguyen": an abbreviated rank, even where the parser ended a sentence at its dot
            k -= 1
            sent_start = min(sent_start, doc[k - 1].sent.start)
            continue
        if is_hyphen(tok) and not tok.whitespace_:
            k -= 1
            continue
        if low in _POSSESSIVE_MARKS:
            owner = ctx.entity_of(doc[k - 2]) if k - 2 >= sent_start else None
            if owner is not None and owner.type in ("ORG", "GPE", "NORP"):
                k -= 1
                while k > sent_start and ctx.entity_of(doc[k - 1]) is owner:
                    k -= 1
            break
        if tok.text == ")" and k - 3 >= sent_start and doc[k - 3].text == "(" and ctx.entity_of(doc[k - 2]) \
                is not None and ctx.entity_of(doc[k - 2]).type == "ORG":
            k -= 3  # "Philippine National Police (PNP) chief General X": the body's acronym
            continue
        if low in _FORMER_PARTICIPLES and k < i:  # "the ousted president X": opens the title, says it is over
            k -= 1
            break
        if tok.is_punct or tok.is_space or tok.pos_ in ("DET", "PRON", "VERB", "AUX", "NUM", "SCONJ", "PART"):
            break
        if low == "of" and k - 2 >= sent_start and doc[k - 2].is_title and (doc[k].is_title or doc[k].is_upper):
            k -= 1  # "Secretary of State Antony Blinken"
            continue
        if tok.pos_ in ("ADP", "CCONJ", "ADV"):
            break
        ent = ctx.entity_of(tok)
        if ent is not None and ent.type == "PERSON":
            break
        if tok.pos_ not in ("PROPN", "NOUN", "ADJ", "X") and not is_title_word(doc, k - 1):
            break
        if tok.pos_ == "ADJ" and not tok.is_title and _lex(tok) not in FORMER_MARKERS | ACTING_MARKERS | {
                "prime", "foreign", "interior", "supreme", "deputy", "chief", "senior", "top", "acting", "military",
                "national", "federal", "state", "regional", "provincial", "presidential", "vice"} and not (
                is_title_word(doc, k - 1)):
            break
        k -= 1
        if _lex(tok) in FORMER_MARKERS | ACTING_MARKERS or word_text(doc, k).startswith(("ex-", "then-")):
            break  # "former", "acting" open the title
    return k


def appositive_start(ctx: Context, comma: int) -> int:
    """Start of the noun phrase that ends just before the comma at token index COMMA."""
    doc = ctx.doc
    sent_start = doc[comma].sent.start
    k = comma
    while k > sent_start:
        tok = doc[k - 1]
        low = tok.lower_
        if tok.is_space or (tok.is_punct and not is_hyphen(tok) and low not in _POSSESSIVE_MARKS
                            and tok.text not in "()"):
            break
        in_word = _hyphen_group(doc, k - 1) != (k - 1, k)  # the "in" of "commander-in-chief" goes on
        if tok.pos_ in ("VERB", "AUX") and not is_title_word(doc, k - 1) or low in _STOP_WORDS and not in_word:
            break
        if tok.pos_ in ("ADP",) and low not in COMPLEMENT_PREPS and not in_word:
            break
        if tok.pos_ == "DET":
            k -= 1
            if k - 1 > sent_start and doc[k - 1].lower_ in COMPLEMENT_PREPS:
                continue  # "the head of the Department of ...": keep going to the post
            break
        k -= 1
    return k


def coordinated_parts(ctx: Context, start: int, end: int) -> list[tuple[int, int]]:
    """Split "army chief and head of the Sovereignty Council" into its two posts; one range when the "and"
    joins anything else ("Minister of Energy and Mines", "the Ministry of Defence and Veterans")."""
    doc = ctx.doc
    for m in range(start + 1, end - 1):
        tok = doc[m]
        if tok.lower_ != "and" or ctx.entity_of(tok) is not None or not is_title_word(doc, m - 1):
            continue
        nxt = next((q for q in range(m + 1, end) if doc[q].lower_ in COMPLEMENT_PREPS), end)
        if any(is_title_word(doc, q) for q in range(m + 1, nxt)):
            return [(start, m), *coordinated_parts(ctx, m + 1, end)]
    return [(start, end)]


# -- cleaning ------------------------------------------------------------------------------------------
def _drop_possessors(ctx: Context, start: int, end: int, keep: list[bool]) -> Entity | None:
    """Drop possessors that are not entities ("the regime's"); return an ORG/GPE possessor before the head."""
    doc = ctx.doc
    owner_org = None
    for m in range(start, end):
        tok = doc[m]
        if tok.lower_ not in _POSSESSIVE_MARKS or m == start:
            continue
        if tok.tag_ != "POS" and not (tok.lower_ in ("'", "’") and doc[m - 1].lower_.endswith("s")):
            continue
        p = m
        while p > start and doc[p - 1].pos_ in ("PROPN", "NOUN", "ADJ", "PRON") and not doc[p - 1].is_punct:
            p -= 1
        owner = None
        for q in range(p, m):
            owner = owner or ctx.entity_of(doc[q])
        if owner is None and not any(is_title_word(doc, q) for q in range(p, m)):
            # "the regime's", "the country's" go; "the President's office" names a post's office and stays
            for q in range(p, m + 1):
                keep[q - start] = False
        elif owner is not None and owner.type in ("ORG", "GPE") and owner_org is None:
            owner_org = owner
    return owner_org


def _first_complement(doc: Doc, start: int, end: int, keep: list[bool]) -> int:
    """Index of the first complement preposition outside a hyphenated word, or END."""
    for m in range(start, end):
        if keep[m - start] and doc[m].lower_ in COMPLEMENT_PREPS and _hyphen_group(doc, m) == (m, m + 1):
            return m
    return end


def _join(doc: Doc, base: int, start: int, end: int, keep: list[bool]) -> str:
    """The kept tokens of doc[start:end] (KEEP is indexed from BASE) with their own spacing."""
    parts = []
    for m in range(start, end):
        if keep[m - base]:
            parts.append(doc[m].text + doc[m].whitespace_)
    text = "".join(parts).strip()
    text = re.sub(r"\(\s*\)", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:-")


def _is_holder_word(doc: Doc, m: int) -> bool:
    """A word before a post that describes its holder or the post's status, not the post:
    determiners, nationality adjectives, "former", "longest-serving", "powerful", loaded words."""
    tok = doc[m]
    low = _lex(tok)
    w = word_text(doc, m)
    if tok.pos_ in ("DET", "PRON") or tok.ent_type_ == "NORP" or tok.tag_ == "JJS" or tok.like_num:
        return True
    if low in FORMER_MARKERS | ACTING_MARKERS | DESCRIPTIVE | LOADED | _STATUS_ADVERBS or w in DESCRIPTIVE:
        return True
    return w.startswith(("ex-", "then-")) or w.endswith(("-serving", "-time"))


def parse_title(ctx: Context, start: int, end: int, *, allow_weak: bool = False) -> Title | None:
    """Clean the candidate title doc[start:end]; None when it does not name a post.

    The head of the phrase (its last word before the first complement preposition) must be
    a post word; weak post words ("official", "member") need a complement or an org unless
    ALLOW_WEAK.
    """
    doc = ctx.doc
    if end <= start:
        return None
    keep = [True] * (end - start)
    if any(word_text(doc, m) in HYPOTHETICAL or _lex(doc[m]) in HYPOTHETICAL for m in range(start, end)):
        return None
    marker = status_marker(doc, start, end)
    org = _drop_possessors(ctx, start, end, keep)
    comp = _first_complement(doc, start, end, keep)
    # trailing ranks are a form of address, not the post ("army spokesman Col.")
    stop = comp
    while comp == end and stop > start + 1 and (is_rank(doc[stop - 1]) or doc[stop - 1].text == "."):
        if _lex(doc[stop - 1]) == "general" and (_lex(doc[stop - 2]) in _GENERAL_POSTS or is_hyphen(doc[stop - 2])):
            break  # "Attorney General", "Secretary-General": one post ("police chief General X": a rank)
        keep[stop - 1 - start] = False
        stop -= 1
    # the head: last kept non-punct word before the complement
    head = next((m for m in range(stop - 1, start - 1, -1) if keep[m - start] and not doc[m].is_punct
                 and doc[m].text not in "()"), None)
    if head is None:
        return None
    hs, _he = _hyphen_group(doc, head)
    if not is_title_word(doc, head) and not is_title_word(doc, hs):
        return None
    if hs < start:  # the phrase began inside a hyphenated word ("Ex-|president")
        if word_text(doc, head).startswith(("ex-", "then-", "former-")):
            marker = "former"
        hs = start
    if start <= hs and hs + 1 < head and _lex(doc[hs]) in FORMER_MARKERS | {"then", "ex"} and is_hyphen(doc[hs + 1]):
        keep[hs - start] = keep[hs + 1 - start] = False  # "then-Secretary of State"
        hs += 2
    if doc[head].pos_ == "PROPN" and ctx.entity_of(doc[head]) is not None and ctx.entity_of(doc[head]).type in (
            "PERSON", "GPE"):
        return None
    # honorifics before a name inside the title ("Mrs. Clinton's director", "adviser to Mr. Comey")
    for m in range(start, end - 1):
        if is_rank(doc[m]) and _is_person_start(ctx, doc[m + 2] if doc[m + 1].text == "." and m + 2 < end
                                                else doc[m + 1]):
            keep[m - start] = False
            if doc[m + 1].text == ".":
                keep[m + 1 - start] = False
    premod_org = None
    # modifiers before the head: drop determiners, status and descriptive words, loaded words;
    # an entity there is the org ("the Revolutionary Guards (IRGC) commander-in-chief")
    for m in range(start, hs):
        if not keep[m - start]:
            continue
        tok = doc[m]
        ent = ctx.entity_of(tok)
        if _is_holder_word(doc, m):
            for q in range(*_hyphen_group(doc, m)):
                if start <= q < hs:
                    keep[q - start] = False
        elif ent is not None and ent.type in ("ORG", "GPE", "NORP", "PERSON"):
            if ent.type in ("ORG", "GPE") and premod_org is None:
                premod_org = ent
            keep[m - start] = False
        elif tok.text in "()" or tok.lower_ in _POSSESSIVE_MARKS:
            keep[m - start] = False
    # loaded words and non-entity possessives inside the complement ("of the regime armed forces")
    for m in range(comp, end):
        if _lex(doc[m]) in LOADED and m + 1 < end and keep[m - start] and doc[m + 1].pos_ in ("NOUN", "PROPN",
                                                                                             "ADJ"):
            keep[m - start] = False
    first = next((m for m in range(start, end) if keep[m - start]), None)
    if first is None:
        return None
    text = _join(doc, start, first, end, keep)
    words = text.lower().split()
    if not words or all(w.strip(".") in RANKS for w in words):
        return None
    if comp == end and org is None and premod_org is None and _lex(doc[head]) in WEAK_HEADS and not allow_weak \
            and not _ranked_weak_head(doc, start, head, keep):
        return None  # "a DGSE officer", "the army's chief negotiator" are posts; "an official" is not
    if comp < end:
        org = complement_org(ctx, comp, end) or org
    org = org or premod_org
    if org is None:
        org = ministry_for(ctx, text)
    return Title(text=text, org=org, marker=marker, start=doc[start].idx, end=doc[end - 1].idx + len(doc[end - 1]))


def _ranked_weak_head(doc: Doc, start: int, head: int, keep: list[bool]) -> bool:
    """A weak post word right after a strong one ("chief negotiator", "deputy ... " is weak itself): a post."""
    prev = head - 1
    return prev >= start and keep[prev - start] and _lex(doc[prev]) in TITLE_HEADS - WEAK_HEADS


def complement_org(ctx: Context, start: int, end: int) -> Entity | None:
    """The ORG (else GPE) entity a title's complement names: "of the IRGC's Intelligence Organization"."""
    doc = ctx.doc
    span = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
    best = None
    for s, e, ent in ctx.entities.within(*span):
        if ent.type not in ("ORG", "GPE"):
            continue
        rank = (ent.type == "ORG", e - s)
        if best is None or rank > best[0]:
            best = (rank, ent)
    if best is not None:
        return best[1]
    whole = ctx.entities.at(*span)
    return whole if whole is not None and whole.type == "ORG" else None


def ministry_for(ctx: Context, title: str) -> Entity | None:
    """An existing ministry entity for "Minister of X" / "X Minister" ("Ministry of X", "X Ministry")."""
    low = title.lower()
    m = _MINISTER.match(low)
    if m:
        field_ = m.group(1)
    elif low.endswith(" minister") and len(low.split()) >= 2:
        field_ = low[: -len(" minister")].split()[-1]
    else:
        return None
    fields = [field_]
    if " and " in field_:
        fields.append(field_.split(" and ")[0])
    for f in fields:
        for name in (f"ministry of {f}", f"ministry of the {f}", f"{f} ministry", f"ministry for {f}"):
            ent = ctx.entities.lookup(name)
            if ent is not None and ent.type == "ORG":
                return ent
    return None


def same_title(a: str | None, b: str | None) -> bool:
    """Two titles name the same post (most content words of the shorter one are in the longer)."""
    if not a or not b:
        return False
    stop = {"the", "of", "a", "an", "and", "s", "to", "in", "for", "on"}
    same = {"ministry": "minister", "ministries": "minister", "defense": "defence", "chairman": "chair",
            "chairwoman": "chair", "chairperson": "chair"}
    ta = {same.get(w, w) for w in name_key(a).split() if w not in stop}
    tb = {same.get(w, w) for w in name_key(b).split() if w not in stop}
    if not ta or not tb or (ta & _LOWER_RANK) != (tb & _LOWER_RANK):
        return False  # a deputy's post is not the post ("deputy director" / "director")
    if len(ta & tb) / min(len(ta), len(tb)) < 0.6:
        return False
    # both name what the post is of: those must agree too ("head of presidential security" is not
    # "head of the Directorate of Internal Security", though "head" and "security" are shared)
    ca, cb = _complement_words(a, stop), _complement_words(b, stop)
    return not ca or not cb or len(ca & cb) / min(len(ca), len(cb)) >= 0.6


def lower_rank_differs(a: str | None, b: str | None) -> bool:
    """One title is a deputy's (or vice, assistant ...) post and the other is not: two posts of one body."""
    if not a or not b:
        return False
    return (set(name_key(a).split()) & _LOWER_RANK) != (set(name_key(b).split()) & _LOWER_RANK)


def _complement_words(title: str, stop: set[str]) -> set[str]:
    """Content words after a title's first complement preposition ("of", "for", "to", "at")."""
    words = name_key(title).split()
    at = next((n for n, w in enumerate(words) if w in COMPLEMENT_PREPS), None)
    return {w for w in words[at + 1:] if w not in stop} if at is not None else set()
