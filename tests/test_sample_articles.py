"""The bundled sample articles that ``newsgraph ingest --samples`` reads.

They are small on purpose but must show what the knowledge base is for: people who
recur across articles under spelling variants, and posts that change hands over time.
"""

from __future__ import annotations

import json
import re
from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest

from newsgraph.sources.html import read_html_file

SAMPLES = Path(str(files("newsgraph") / "samples"))


def index() -> list[dict]:
    lines = (SAMPLES / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def texts() -> dict[str, str]:
    return {row["file"]: (SAMPLES / row["file"]).read_text(encoding="utf-8") for row in index()}


def test_index_lists_every_sample_with_metadata():
    rows = index()
    assert len(rows) >= 6
    assert {row["file"] for row in rows} == {p.name for p in SAMPLES.glob("*.txt")}
    for row in rows:
        assert set(row) == {"file", "title", "source", "published", "url"}
        assert row["title"] and row["source"]
        assert date.fromisoformat(row["published"])


@pytest.mark.parametrize("row", index(), ids=lambda r: r["file"])
def test_sample_is_a_short_news_article(row):
    text = (SAMPLES / row["file"]).read_text(encoding="utf-8")
    assert 100 <= len(text.split()) <= 300
    assert re.search(r"\b(said|told)\b", text), "every sample attributes something to someone"


def test_people_recur_across_articles_under_spelling_variants():
    corpus = texts()

    def articles_naming(pattern: str) -> set[str]:
        return {name for name, text in corpus.items() if re.search(pattern, text)}

    assert len(articles_naming(r"\bSerge[iy] Kudrin\b")) >= 3
    assert articles_naming(r"\bSergei Kudrin\b") and articles_naming(r"\bSergey Kudrin\b")
    assert articles_naming(r"\bAna Lucía Carranza\b") and articles_naming(r"\bAna Lucia Carranza\b")
    assert len(articles_naming(r"\bJorge (Luis )?Paredes\b")) >= 3


def test_a_post_changes_hands_over_time():
    """Peru's interior ministry: Huamán -> Carranza -> Paredes, told in articles months apart."""
    by_file = {row["file"]: row for row in index()}
    corpus = texts()
    handovers = [
        name for name, text in corpus.items()
        if re.search(r"\b(replacing|successor|replaces|took over)\b", text)
    ]
    assert len(handovers) >= 4
    dates = sorted(by_file[name]["published"] for name, text in corpus.items() if "Carranza" in text)
    assert dates[0] < dates[-1]


def test_html_sample_yields_the_article_without_boilerplate():
    pages = sorted((SAMPLES / "html").glob("*.html"))
    assert pages
    article = read_html_file(pages[0])
    assert article.title and "Zhaksybekov" in article.title
    assert article.published == date(2026, 2, 3)
    assert article.source == "Steppe Monitor"
    assert "Aidos Zhaksybekov" in article.text
    for boilerplate in ("Subscribe", "Advertisement", "Cookie", "All rights reserved", "tenge deposit"):
        assert boilerplate not in article.text
