"""Entities: spaCy's NER, corrected with what the whole article shows.

Rules, each a function below:
- ``clean_span``: titles, ranks, a leading "the" and possessives are not part of a name.
- ``acronyms``: "Long Form (ACR)" and "ACR-IO" make aliases and ORG mentions.
- ``surnames``: a lone surname belongs to the full name seen in the article.
- ``finalize``: one name keeps one type; the fullest form is the canonical name.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from .context import Context, Entity, name_key
from .lexicon import ENTITY_LABELS, NAME_PREFIXES

_ACRONYM_DEF = re.compile(r"((?:[A-Z][\w'’&.-]*\s+)(?:(?:of|for|and|the|de|du|al|el)\s+|[A-Z][\w'’&.-]*\s+)*?"
                          r"[A-Z][\w'’&.-]*)\s+\(([A-Z][A-Z0-9&.-]{1,9})\)")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def clean_span(span: Span) -> Span | None:
    """The part of SPAN that is the name itself."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    if span.label_ == "PERSON":
        while start < end - 1 and doc[start].lower_.strip(".") in NAME_PREFIXES:
            start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in ("'s", "’s", "'", "’")):
        end -= 1
    if start >= end:
        return None
    out = Span(doc, start, end, label=span.label_)
    if not any(c.isalpha() for c in out.text):
        return None
    return out


def surface(span: Span) -> str:
    return _POSSESSIVE.sub("", span.text).strip()


def spacy_entities(ctx: Context) -> None:
    for ent in ctx.doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        span = clean_span(ent)
        if span is None:
            continue
        name = surface(span)
        if not name:
            continue
        ctx.entities.mention(name, span.label_, span.start_char, span.start_char + len(name))


def acronyms(ctx: Context) -> None:
    """'Revolutionary Guards (IRGC)': the acronym is an alias of the long form."""
    text = ctx.text
    for m in _ACRONYM_DEF.finditer(text):
        long_form, acr = m.group(1), m.group(2)
        initials = "".join(w[0] for w in long_form.split() if w[0].isupper())
        if acr.replace("-", "").replace(".", "")[:2] not in initials and acr[0] not in initials:
            continue
        long_ent = ctx.entities.at(m.start(1), m.end(1))
        if long_ent is None:
            continue
        acr_ent = ctx.entities.lookup(acr)
        if acr_ent is not None and acr_ent is not long_ent:
            ctx.entities.merge(long_ent, acr_ent)
        ctx.entities.add_alias(long_ent, acr)
    # every occurrence of a known acronym is a mention
    for ent in list(ctx.entities):
        for alias in list(ent.forms()):
            if alias.isupper() and len(alias) >= 2:
                for m in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w])", text):
                    if ctx.entities.at(m.start(), m.end()) is None:
                        ctx.entities.add_mention(ent, m.start(), m.end(), alias, "ORG")


def surnames(ctx: Context) -> None:
    """A one-word PERSON that is the last word of a fuller PERSON name is that person."""
    persons = [e for e in ctx.entities if "PERSON" in e.type_votes or e.type == "PERSON"]
    full = [e for e in persons if len(e.name.split()) > 1]
    for ent in list(persons):
        if len(ent.name.split()) != 1:
            continue
        matches = [f for f in full if f is not ent and name_key(f.name).split()[-1] == name_key(ent.name)]
        if len(matches) == 1:
            ctx.entities.merge(matches[0], ent)
    # a single-word mention of another type that is a known surname is the person too
    for ent in list(ctx.entities):
        if ent.type == "PERSON" or len(ent.name.split()) != 1:
            continue
        matches = [f for f in full if name_key(f.name).split()[-1] == name_key(ent.name)]
        if len(matches) == 1 and ent in ctx.entities.items:
            ctx.entities.merge(matches[0], ent)


def run(ctx: Context) -> None:
    spacy_entities(ctx)
    acronyms(ctx)
    surnames(ctx)
    for ent in ctx.entities:
        settle_type(ent)


def settle_type(ent: Entity) -> None:
    if ent.type_votes:
        ent.type = max(ent.type_votes, key=lambda t: (ent.type_votes[t], t == ent.type))


def canonical_name(ent: Entity) -> str:
    """The fullest form: most words, then longest; acronyms only when nothing else is there."""
    forms = [f for f in ent.forms() if f]
    spelled = [f for f in forms if not f.isupper()] or forms
    return max(spelled, key=lambda f: (len(f.split()), len(f)))


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


def _entity_values(fields: dict):
    for v in fields.values():
        if isinstance(v, Entity):
            yield v
        elif isinstance(v, list | tuple):
            yield from (x for x in v if isinstance(x, Entity))
