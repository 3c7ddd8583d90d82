"""Within-article resolution of pronouns and descriptions ("he", "the outlet", "the president").

Interface used by other extractors (keep these signatures):
- ``resolve_pronoun(ctx, token) -> Entity | None``
- ``resolve_description(ctx, span) -> Entity | None``
Both record the resolved span as a mention of the entity when they succeed and ``record`` is True.

Both look back a few sentences at most (mentions are indexed by offset), so resolving every pronoun
of a long article stays linear. The rules are the ones a reader uses in news copy:
- a personal pronoun is the person most salient just before it: the subject of its own clause's
  sentence if that came first, else the subject of a recent sentence, else the nearest person;
  "I"/"me" inside a quotation is the quoted speaker;
- "it", "its", "they" are the nearest organisation or place;
- "the outlet", "the agency", "the newspaper" are the nearest news organisation;
- "the president", "the minister", "the esteemed leader" are the person the article gave that title
  to (titles are read cheaply here from pre-modifiers and appositions: "Foreign Minister Ana Duarte",
  "Ana Duarte, the foreign minister", "the Supreme Leader, Ali Khamenei");
- "the ministry", "the council", "the group" are the nearest organisation named with that word.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..extract.context import Context, Entity
from ..extract.entities import is_outlet
from ..extract.lexicon import NAME_PREFIXES, ORG_DESCRIPTION_HEADS, OUTLET_NOUNS, TITLE_HEADS

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
GROUP_PRONOUNS = {"it", "its", "they", "them", "their", "itself", "themselves"}
FIRST_PERSON = {"i", "me", "my", "mine", "myself"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
#: how many sentences back a pronoun may look for its referent
PRONOUN_WINDOW = 3
#: how many mentions back a description may look (an outlet named once at the top is still "the outlet")
DESCRIPTION_WINDOW = 400
PLACE_DESCRIPTIONS = {"country", "nation", "city", "capital", "town", "province", "state", "region"}
GENERIC_ORG_DESCRIPTIONS = {"group", "organisation", "organization", "militia", "movement", "party", "body"}
_CACHE_ATTR = "_within_titles"
DEFINITE = {"the", "this", "that"}


def resolve_pronoun(ctx: Context, token: Token, record: bool = True) -> Entity | None:
    """The entity a pronoun most plausibly refers to, or None when nothing compatible is near."""
    low = token.lower_
    if low in FIRST_PERSON:
        best = _quoted_speaker(ctx, token)
    elif low in PERSON_PRONOUNS:
        best = _salient(ctx, token, {"PERSON"})
    elif low in GROUP_PRONOUNS:
        # an organisation before a place: "The police raided offices in Sao Paulo. It said ..."
        best = (_salient(ctx, token, {"ORG", "NORP"}, nearest=True, window=1)
                or _salient(ctx, token, {"GPE"}, nearest=True, window=1))
    else:
        return None
    if best is not None and record:
        ctx.entities.add_mention(best, token.idx, token.idx + len(token.text))
    return best


def resolve_description(ctx: Context, span: Span, record: bool = True) -> Entity | None:
    """The entity a definite description denotes ("the outlet", "the president"), or None.

    A span that already is (or contains, as its head) a named mention is that entity."""
    if len(span) == 0:
        return None
    named = ctx.entity_of(span.root)
    if named is not None:
        return named
    head = span.root
    if head.tag_ in ("NNS", "NNPS") or head.pos_ not in ("NOUN", "PROPN"):
        return None  # "the organizations": plural descriptions are groups, not one entity
    if span[0].lower_ not in DEFINITE and head.text[:1].islower():
        return None  # "a tabloid", "bank": only a definite description refers back
    lemma = head.lemma_.lower()
    words = {t.lemma_.lower() for t in span if t.is_alpha and not t.is_stop and t.i != head.i}
    ent: Entity | None = None
    if lemma in TITLE_HEADS or lemma in NAME_PREFIXES and head.pos_ in ("NOUN", "PROPN"):
        ent = _titled_person(ctx, span, lemma, words)
    if ent is None and lemma in OUTLET_NOUNS:
        ent = _nearest(ctx, span.start_char, lambda e: is_outlet(e))
    if ent is None and lemma in ORG_DESCRIPTION_HEADS:
        ent = _nearest(ctx, span.start_char, lambda e: e.type in ("ORG", "NORP") and _named_with(e, lemma, words))
        if ent is None and lemma in GENERIC_ORG_DESCRIPTIONS and not words:
            ent = _nearest(ctx, span.start_char, lambda e: e.type == "ORG" and not is_outlet(e))
    if ent is None and lemma in PLACE_DESCRIPTIONS and not words:
        ent = _nearest(ctx, span.start_char, lambda e: e.type == "GPE")
    if ent is not None and record:
        ctx.entities.add_mention(ent, span.start_char, span.end_char)
        if head.text[:1].isupper():  # "the Supreme Leader" is a name-like alias; "the outlet" is not
            ctx.entities.add_alias(ent, span.text[4:] if span.text.lower().startswith("the ") else span.text)
    return ent


# -- pronouns --------------------------------------------------------------------------------

def _quoted_speaker(ctx: Context, token: Token) -> Entity | None:
    for q in ctx.quote_regions:
        if q.start <= token.idx < q.end:
            return q.speaker
    return None


def _salient(ctx: Context, token: Token, types: set[str], nearest: bool = False,
             window: int = PRONOUN_WINDOW) -> Entity | None:
    """The referent of TOKEN among compatible mentions of its own and the previous sentences.

    In its own sentence, the subject that comes before it (not the subject of its own verb when
    it is an object: "Salami praised him"); then, sentence by sentence back, that sentence's
    subject, else its first compatible mention. NEAREST: the nearest compatible mention instead."""
    doc = ctx.doc
    sent = token.sent
    own_verb_subjects = {c.i for c in token.head.children if c.dep_ in SUBJECT_DEPS} \
        if token.dep_ in ("dobj", "pobj", "iobj") else set()
    for depth in range(window + 1):
        end = token.idx if depth == 0 else sent.end_char
        cands = []
        for s, e, ent in ctx.entities.within(sent.start_char, end):
            if ent.type not in types or (s <= token.idx < e):
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or span.root.i in own_verb_subjects or span.root.lower_ in PERSON_PRONOUNS:
                continue
            cands.append((span, ent))
        if cands:
            if nearest:
                return cands[-1][1]
            subjects = [ent for span, ent in cands if span.root.dep_ in SUBJECT_DEPS]
            return subjects[0] if subjects else (cands[-1][1] if depth == 0 else cands[0][1])
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return None


# -- descriptions ----------------------------------------------------------------------------

def _nearest(ctx: Context, pos: int, accept) -> Entity | None:
    for _s, _e, ent in ctx.entities.mentions_before(pos, DESCRIPTION_WINDOW):
        if accept(ent):
            return ent
    return None


def _named_with(ent: Entity, lemma: str, words: set[str]) -> bool:
    """ENT's name holds the description's head and its other words ("the interior ministry")."""
    names = {w.lower() for f in ent.forms() for w in f.replace("’", " ").replace("'", " ").split()}
    return lemma in names and words <= names | {"esteemed", "powerful", "feared", "notorious", "country"}


def _titled_person(ctx: Context, span: Span, lemma: str, words: set[str]) -> Entity | None:
    """The person whose title has the description's head noun; most shared words, then nearest."""
    titles = person_titles(ctx)
    scored: list[tuple[int, Entity]] = []
    for ent, title_words in titles:
        if lemma in title_words:
            scored.append((len(words & title_words), ent))
    if not scored:
        return None
    best = max(score for score, _ in scored)
    top = {id(ent): ent for score, ent in scored if score == best}
    # the person must have been named before the description refers back to them
    for _s, _e, ent in ctx.entities.mentions_before(span.start_char, DESCRIPTION_WINDOW):
        if id(ent) in top:
            return ent
    return None


def person_titles(ctx: Context) -> list[tuple[Entity, set[str]]]:
    """The words of every title the article gives each person, read from pre-modifiers ("Foreign
    Minister Ana Duarte") and appositions on either side ("X, the minister of ...",
    "the Supreme Leader, Ali Khamenei"). Computed once per article (entities are settled by then)."""
    cached = getattr(ctx, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    doc = ctx.doc
    out: list[tuple[Entity, set[str]]] = []
    for ent in ctx.entities:
        if ent.type != "PERSON":
            continue
        words: set[str] = set()
        for s, e in ent.mentions:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or len(span) == 0 or span.root.lower_ in PERSON_PRONOUNS:
                continue
            words |= _title_words(span)
        if words:
            out.append((ent, words))
    setattr(ctx, _CACHE_ATTR, out)
    return out


def _title_words(span: Span) -> set[str]:
    doc = span.doc
    root = span.root
    words: set[str] = set()
    # pre-modifiers: "Foreign Minister Ana Duarte", "army spokesman Col. Nguyen Van Binh"
    i = span.start - 1
    while i >= 0 and (doc[i].lower_.strip(".") in NAME_PREFIXES or doc[i].lower_ in TITLE_HEADS
                      or (doc[i].dep_ in ("compound", "amod") and span.start <= doc[i].head.i < span.end
                          and doc[i].is_alpha)):
        words.add(doc[i].lemma_.lower())
        i -= 1
    # ranks inside the name span itself are stripped by the entity stage, so none here
    # apposition after: "Ismail Khatib, the Minister of Intelligence"
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i and _is_title_phrase(child):
            words |= _phrase_words(child, exclude=None)
    # apposition before: "the Supreme Leader, Ali Khamenei"
    if root.dep_ == "appos" and root.head.i < root.i and root.head.lemma_.lower() in TITLE_HEADS:
        words |= _phrase_words(root.head, exclude=root)
    return {w for w in words if w.isalpha()}


def _is_title_phrase(tok: Token) -> bool:
    return tok.lemma_.lower() in TITLE_HEADS or any(
        t.lemma_.lower() in TITLE_HEADS for t in tok.subtree if t.i - tok.i < 4)


def _phrase_words(head: Token, exclude: Token | None) -> set[str]:
    """Content words of HEAD's phrase, without clauses and appositions inside it or EXCLUDE's subtree."""
    out = set()
    stack = [head]
    while stack:
        t = stack.pop()
        if t is exclude:
            continue
        if t.is_alpha and not t.is_stop:
            out.add(t.lemma_.lower())
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "appos", "punct", "cc", "conj"))
    return out
