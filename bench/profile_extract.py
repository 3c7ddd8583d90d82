"""Where extraction spends its time beyond spaCy: CPU seconds per stage, and pyinstrument's hot functions.

    python bench/profile_extract.py [--articles 100] [--html profile.html]

The texts are parsed once with bare ``nlp.pipe``; then each extractor stage (``pipeline.STAGES``)
is timed on every parsed document, in CPU seconds (steady under other processes' load), and the
whole extraction of the same documents runs under pyinstrument. The hot-function table lists
newsgraph functions by their own time plus the library calls they make.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402


def stage_times(docs, parsed) -> dict[str, float]:
    """CPU seconds of each stage over all documents (stages run in order on one context per document)."""
    from newsgraph.article import Article
    from newsgraph.extract.context import Context
    from newsgraph.extract.pipeline import STAGES

    totals = dict.fromkeys([name for name, _ in STAGES], 0.0)
    for d, doc in zip(docs, parsed, strict=True):
        ctx = Context(article=Article(text=d.text), doc=doc)
        for name, stage in STAGES:
            c0 = time.process_time()
            stage(ctx)
            totals[name] += time.process_time() - c0
    return totals


def hot_functions(session, limit: int = 25) -> list[tuple[str, float]]:
    """Newsgraph functions by their own time plus that of the library code they call (not other newsgraph code)."""
    own: dict[str, float] = {}
    stack = [(session.root_frame(), None)]
    while stack:
        frame, owner = stack.pop()
        path = frame.file_path or ""
        if "/newsgraph/" in path:
            owner = f"{frame.function} ({path.split('/newsgraph/')[-1]}:{frame.line_no})"
        if owner:
            own[owner] = own.get(owner, 0.0) + frame.time - sum(c.time for c in frame.children)
        stack.extend((c, owner) for c in frame.children)
    return sorted(own.items(), key=lambda kv: -kv[1])[:limit]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--html", type=Path, help="also write pyinstrument's HTML report here")
    a = ap.parse_args(argv)
    from pyinstrument import Profiler

    from newsgraph.article import Article
    from newsgraph.extract.pipeline import extract_doc
    from newsgraph.nlp import get_nlp

    docs = list(corpus.volume(a.articles))
    nlp = get_nlp()
    c0 = time.process_time()
    parsed = list(nlp.pipe([d.text for d in docs], batch_size=32))
    spacy_cpu = time.process_time() - c0
    stages = stage_times(docs, parsed)
    words = sum(d.words for d in docs)
    print(f"{len(docs)} articles, {words:,} words; CPU seconds: spaCy nlp.pipe {spacy_cpu:.2f}, "
          f"extractor stages {sum(stages.values()):.2f} ({sum(stages.values()) / spacy_cpu:.0%} of spaCy)")
    for name, sec in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {name:12} {sec:7.2f} s  {sec / spacy_cpu:6.1%} of spaCy")
    profiler = Profiler(interval=0.001)
    profiler.start()
    for d, doc in zip(docs, parsed, strict=True):
        extract_doc(Article(text=d.text), doc)
    session = profiler.stop()
    print("hot functions (own time + library calls they make, wall seconds):")
    for name, sec in hot_functions(session):
        print(f"  {sec:7.2f}  {name}")
    if a.html:
        a.html.write_text(profiler.output_html(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
