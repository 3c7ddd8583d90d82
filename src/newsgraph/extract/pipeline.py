"""Run every extractor over one article and build the ``newsgraph.extraction/1`` object.

The stages run in a fixed order because later ones read what earlier ones left
in the context: entities first (everything points at them), then dates, then
quotes and reported-speech frames (so that every later fact knows who asserts
it), then the fact kinds, then within-article resolution of descriptions and
pronouns that the fact rules linked.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator

from .. import nlp as nlp_mod
from ..article import Article
from ..errors import ExtractionError
from . import attribution, entities, events, personnel, positions, quotes, relations
from .context import Context

SCHEMA = "newsgraph.extraction/1"
#: Longer texts are refused (one clear error) rather than parsed for many minutes: a news
#: article is rarely over 100,000 characters; 1,000,000 is a book, or a corpus in one file.
DEFAULT_MAX_CHARS = 1_000_000
MAX_CHARS_ENV = "NEWSGRAPH_MAX_CHARS"
STRICT_ENV = "NEWSGRAPH_STRICT"
EXTRACTOR_VERSION = "0.1.0"

Stage = Callable[[Context], None]

#: (name, function) in the order they run; each module's ``run`` is its whole interface.
STAGES: list[tuple[str, Stage]] = [
    ("entities", entities.run),
    ("quotes", quotes.run),
    ("attribution", attribution.run),
    ("positions", positions.run),
    ("personnel", personnel.run),
    ("events", events.run),
    ("relations", relations.run),
    ("reports", attribution.link_reports),
    ("finalize", entities.finalize),
]


def strict_mode() -> bool:
    return os.environ.get(STRICT_ENV, "") not in ("", "0", "false", "no")


def build_context(article: Article, doc, *, strict: bool | None = None) -> Context:
    """Run every stage over DOC.

    A rule that breaks on an odd sentence must not lose the article: by default a failing
    stage is skipped (its facts dropped, a warning added) and the others still run. With
    ``strict`` (or $NEWSGRAPH_STRICT=1, as in the test suite) it raises instead, so that
    such bugs are found rather than hidden. Entities are the base of everything else: if
    they fail the article fails.
    """
    strict = strict_mode() if strict is None else strict
    ctx = Context(article=article, doc=doc)
    for name, stage in STAGES:
        n_facts = len(ctx.facts)
        try:
            stage(ctx)
        except Exception as err:
            if strict or name == "entities":
                raise ExtractionError(f"extractor stage {name!r} failed: {err!r}", article_id=article.id) from err
            del ctx.facts[n_facts:]
            ctx.warnings.append(f"extractor stage {name!r} failed and was skipped: {err!r}")
    return ctx


def to_contract(ctx: Context) -> dict:
    for i, fact in enumerate(ctx.facts, 1):
        fact.id = f"f{i}"
    return {
        "schema": SCHEMA,
        "article": ctx.article.header(),
        "entities": [e.to_json() for e in ctx.entities],
        "facts": [f.to_json() for f in ctx.facts],
        "extractor": {"version": EXTRACTOR_VERSION},
        "warnings": list(ctx.article.warnings) + ctx.warnings,
    }


def extract_doc(article: Article, doc) -> dict:
    """The contract object for ARTICLE, given its parsed DOC (``doc.text == article.text``)."""
    ctx = build_context(article, doc)
    return to_contract(ctx)


def max_chars() -> int:
    try:
        return int(os.environ.get(MAX_CHARS_ENV, DEFAULT_MAX_CHARS))
    except ValueError:
        return DEFAULT_MAX_CHARS


def check_size(article: Article, limit: int | None = None) -> None:
    limit = max_chars() if limit is None else limit
    if len(article.text) > limit:
        raise ExtractionError(
            f"{article.origin or 'article'}: too large to extract ({len(article.text):,} characters; the limit is "
            f"{limit:,}: raise it with --max-chars or ${MAX_CHARS_ENV}, or split the file into articles)",
            article_id=article.id,
        )


def extract(article: Article, nlp=None, *, limit: int | None = None) -> dict:
    """Extract one article: parse it, run every stage, return the contract object."""
    check_size(article, limit)
    nlp = nlp or nlp_mod.get_nlp()
    doc = nlp_mod.parse(article.text, nlp)
    out = extract_doc(article, doc)
    out["extractor"]["model"] = nlp_mod.model_label(nlp)
    return out


def extract_many(articles: Iterable[Article], nlp=None, batch_size: int = 32) -> Iterator[dict | Exception]:
    """Contract objects for many articles, parsed in batches; a failing article yields its error."""
    nlp = nlp or nlp_mod.get_nlp()
    label = nlp_mod.model_label(nlp)
    sized: list[Article] = []
    refused: dict[int, ExtractionError] = {}
    for i, article in enumerate(articles):
        try:
            check_size(article)
            sized.append(article)
        except ExtractionError as err:
            refused[i] = err
    docs = nlp_mod.parse_many((a.text for a in sized), nlp, batch_size)
    parsed = iter(zip(sized, docs, strict=True))
    for i in range(len(sized) + len(refused)):
        if i in refused:
            yield refused[i]
            continue
        article, doc = next(parsed)
        try:
            out = extract_doc(article, doc)
            out["extractor"]["model"] = label
            yield out
        except ExtractionError as err:
            yield err
