"""Run every extractor over one article and build the ``newsgraph.extraction/1`` object.

The stages run in a fixed order because later ones read what earlier ones left
in the context: entities first (everything points at them), then dates, then
quotes and reported-speech frames (so that every later fact knows who asserts
it), then the fact kinds, then within-article resolution of descriptions and
pronouns that the fact rules linked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .. import nlp as nlp_mod
from ..article import Article
from ..errors import ExtractionError
from . import attribution, entities, events, personnel, positions, quotes, relations
from .context import Context

SCHEMA = "newsgraph.extraction/1"
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
    ("finalize", entities.finalize),
]


def build_context(article: Article, doc) -> Context:
    ctx = Context(article=article, doc=doc)
    for name, stage in STAGES:
        try:
            stage(ctx)
        except Exception as err:  # one bad rule must not lose the article
            raise ExtractionError(f"extractor stage {name!r} failed: {err!r}", article_id=article.id) from err
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


def extract(article: Article, nlp=None) -> dict:
    """Extract one article: parse it, run every stage, return the contract object."""
    nlp = nlp or nlp_mod.get_nlp()
    doc = nlp_mod.parse(article.text, nlp)
    out = extract_doc(article, doc)
    out["extractor"]["model"] = nlp_mod.model_label(nlp)
    return out


def extract_many(articles: Iterable[Article], nlp=None, batch_size: int = 32) -> Iterator[dict | Exception]:
    """Contract objects for many articles, parsed in batches; a failing article yields its error."""
    nlp = nlp or nlp_mod.get_nlp()
    articles = list(articles)
    label = nlp_mod.model_label(nlp)
    for article, doc in zip(articles, nlp_mod.parse_many((a.text for a in articles), nlp, batch_size),
                            strict=True):
        try:
            out = extract_doc(article, doc)
            out["extractor"]["model"] = label
            yield out
        except ExtractionError as err:
            yield err
