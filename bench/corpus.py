"""Real news text for the benchmarks: MEANTIME, PolNeAR and CoNLL-2003 documents plus the bundled samples.

Every benchmark measures on these texts. ``volume(n)`` repeats them to any size while keeping every
copy a *different* text: the article id is the hash of the text and near-duplicates (word 5-gram
Jaccard >= 0.7) are stored as extra sources, not extracted, so a plain repeat would be skipped by
ingest and measure nothing. A copy is one document followed by as many words of other documents:
still real news prose, but sharing at most about half its shingles with any other text of the set.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = ROOT.parent / "shared" / "eval" / "external"

_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|'m)(?=\s|$)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


@dataclass(frozen=True)
class Doc:
    """One source document: a stable name (corpus/file) and its plain text."""

    name: str
    text: str
    words: int = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", len(self.text.split()))


def detokenize(tokens: list[str]) -> str:
    """Tokens back into readable prose (no space before closing punctuation or clitics)."""
    text = " ".join(tokens)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    return _NO_SPACE_AFTER.sub(r"\1", text)


def meantime_docs(root: Path = EXTERNAL / "meantime") -> list[Doc]:
    """MEANTIME (Wikinews) articles rebuilt from their token XML: first sentence is the headline."""
    out: list[Doc] = []
    seen: set[str] = set()
    for path in sorted(root.glob("**/*.xml")):
        if path.name in seen:  # the intra-doc and cross-doc folders hold the same documents
            continue
        seen.add(path.name)
        sentences: dict[int, list[str]] = {}
        for tok in ET.parse(path).getroot().iter("token"):
            sentences.setdefault(int(tok.get("sentence", 0)), []).append(tok.text or "")
        paras = [detokenize(toks) for _, toks in sorted(sentences.items())]
        out.append(Doc(f"meantime/{path.stem}", "\n\n".join(paras)))
    return out


def polnear_docs(root: Path = EXTERNAL / "polnear" / "data") -> list[Doc]:
    """PolNeAR political news articles (plain text as published)."""
    return [Doc(f"polnear/{p.stem}", p.read_text(encoding="utf-8"))
            for p in sorted(root.glob("*/text/*.txt"))]


def conll_docs(root: Path = EXTERNAL / "conll2003pp") -> list[Doc]:
    """CoNLL-2003 (Reuters) documents of the dev and test files, one sentence per line."""
    out: list[Doc] = []
    for path in sorted(root.glob("conllpp_*.txt")):
        if "train" in path.name:
            continue
        docs: list[list[list[str]]] = []
        sent: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split()
            if cols and cols[0] == "-DOCSTART-":
                docs.append([])
                continue
            if not cols:
                if sent and docs:
                    docs[-1].append(sent)
                sent = []
                continue
            sent.append(cols[0])
        if sent and docs:
            docs[-1].append(sent)
        for n, doc in enumerate(docs):
            if doc:
                out.append(Doc(f"conll/{path.stem}-{n:04d}", "\n".join(detokenize(s) for s in doc)))
    return out


def sample_docs() -> list[Doc]:
    """The bundled sample articles (plain-text ones)."""
    from importlib.resources import files

    folder = files("newsgraph") / "samples"
    return [Doc(f"samples/{p.name}", p.read_text(encoding="utf-8"))
            for p in sorted(folder.iterdir(), key=lambda p: p.name) if p.name.endswith(".txt")]


def all_docs(min_words: int = 40) -> list[Doc]:
    """Every document of every corpus that is present, interleaved so any prefix mixes the corpora."""
    groups = [g for g in (polnear_docs(), meantime_docs(), conll_docs(), sample_docs()) if g]
    mixed: list[Doc] = []
    for i in range(max((len(g) for g in groups), default=0)):
        mixed.extend(g[i] for g in groups if i < len(g) and g[i].words >= min_words)
    return mixed


def volume(n: int, docs: list[Doc] | None = None) -> Iterator[Doc]:
    """N distinct texts: each document once, then copies of document i followed by as many words of others.

    The appended part is whole lines of other documents (a different sequence for each copy)
    adding up to about document i's own length, so a copy shares at most about half its
    word 5-grams with any other text of the set: none is a near-duplicate, ingest extracts all.
    """
    docs = docs if docs is not None else all_docs()
    if len(docs) < 2:
        raise FileNotFoundError(f"need at least two documents (corpora under {EXTERNAL}, bundled samples)")
    size = len(docs)
    used: set[frozenset[int]] = set()
    for j in range(n):
        k, i = divmod(j, size)
        if k == 0:
            yield docs[i]
            continue
        first, tail = _appendix(i, k, docs, used)
        used.add(frozenset((i, first)))
        yield Doc(f"{docs[i].name}+{docs[first].name}", docs[i].text + "\n\n" + tail)


def _appendix(i: int, k: int, docs: list[Doc], used: set[frozenset[int]]) -> tuple[int, str]:
    """(first document used, text): whole lines of other documents, about as many words as document i.

    The other documents are a pseudo-random sequence seeded by (i, k), so two copies of one
    document rarely append the same text; a (document, first partner) pair is never reused.
    """
    rng = random.Random(i * 1_000_003 + k)
    order = [c for c in rng.sample(range(len(docs)), min(len(docs), 64)) if c != i]
    fresh = [c for c in order if frozenset((i, c)) not in used]
    order = fresh + [c for c in order if c not in fresh]
    lines: list[str] = []
    words = 0
    for c in order:
        for line in docs[c].text.splitlines():
            if line.strip():
                lines.append(line)
                words += len(line.split())
                if words >= docs[i].words:
                    return order[0], "\n".join(lines)
    return order[0], "\n".join(lines)
