"""Run the extractor over a folder of texts with the model loaded once; write NAME.json per text.

Much faster than ``conll_score.py --run`` (which starts a process per document). Score with:

    .venv/bin/python ../shared/eval/conll_score.py --split dev --write-texts /tmp/conll/dev
    .venv/bin/python bench/conll_run.py /tmp/conll/dev /tmp/conll/dev-out --limit 100
    .venv/bin/python ../shared/eval/conll_score.py --split dev --limit 100 --system /tmp/conll/dev-out
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from newsgraph.article import Article, parse_date
from newsgraph.extract import entities, extract_many
from newsgraph.extract.context import Context
from newsgraph.extract.pipeline import to_contract
from newsgraph.nlp import get_nlp, parse_many


def entities_only(articles: list[Article], nlp) -> list[dict]:
    """The contract objects with only the entity stages run (to measure NER apart from the rest)."""
    out = []
    for article, doc in zip(articles, parse_many((a.text for a in articles), nlp), strict=True):
        ctx = Context(article=article, doc=doc)
        entities.run(ctx)
        entities.finalize(ctx)
        out.append(to_contract(ctx))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("texts", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--entities-only", action="store_true", help="run only the entity stages")
    ap.add_argument("--published", help="publication date for every text (YYYY-MM-DD)")
    a = ap.parse_args(argv)
    paths = sorted(a.texts.glob("*.txt"))[: a.limit]
    a.out.mkdir(parents=True, exist_ok=True)
    nlp = get_nlp()
    t0 = time.perf_counter()
    articles = [Article(text=p.read_text(encoding="utf-8"), published=parse_date(a.published)) for p in paths]
    results = entities_only(articles, nlp) if a.entities_only else extract_many(articles, nlp)
    for path, result in zip(paths, results, strict=True):
        if isinstance(result, Exception):
            result = {"error": repr(result)}
        (a.out / f"{path.stem}.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    print(f"{len(paths)} documents in {time.perf_counter() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
