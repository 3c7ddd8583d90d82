"""Within-article resolution of pronouns and descriptions ("he", "the outlet", "the president").

Interface used by other extractors (keep these signatures):
- ``resolve_pronoun(ctx, token) -> Entity | None``
- ``resolve_description(ctx, span) -> Entity | None``
Both record the resolved span as a mention of the entity when they succeed and ``record`` is True.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..extract.context import Context, Entity

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
GROUP_PRONOUNS = {"it", "its", "they", "them", "their"}


def resolve_pronoun(ctx: Context, token: Token, record: bool = True) -> Entity | None:
    """The entity a pronoun most plausibly refers to: the nearest earlier mention of a compatible type."""
    low = token.lower_
    if low in PERSON_PRONOUNS:
        types = {"PERSON"}
    elif low in GROUP_PRONOUNS:
        types = {"ORG", "GPE", "NORP"}
    else:
        return None
    best = None
    for _s, _e, ent in ctx.entities.within(0, token.idx):
        if ent.type in types:
            best = ent
    if best is not None and record:
        ctx.entities.add_mention(best, token.idx, token.idx + len(token.text))
    return best


def resolve_description(ctx: Context, span: Span, record: bool = True) -> Entity | None:
    return None
