"""Smoke tests of bench/run.py's pieces on tiny inputs: right shapes and honest inputs, never timings."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import factbase  # noqa: E402
import latency  # noqa: E402
import measure  # noqa: E402
import run as bench_run  # noqa: E402
import throughput  # noqa: E402

NEWS = [
    "Brazil's President Luiz Inacio Lula da Silva appointed Andrei Rodrigues as director-general of the "
    "Federal Police on Monday. Rodrigues replaces Marcio Nunes, who led the force since March.",
    "Indonesian Defence Minister Prabowo Subianto met Singapore's Defence Minister Ng Eng Hen in Jakarta on "
    "Tuesday. The two ministers signed a defence cooperation agreement, the ministry said.",
    "Nigeria's State Security Service spokesman Peter Afunanya said on Friday that the agency had arrested "
    "three suspects in Abuja. \"They will be charged soon,\" Afunanya told reporters.",
]


def test_detokenize_rejoins_punctuation_and_clitics():
    assert corpus.detokenize(["He", "said", "it", "was", "n't", "over", "(", "yet", ")", "."]) == \
        "He said it wasn't over (yet)."


def test_volume_repeats_the_corpus_as_distinct_texts_that_are_not_near_duplicates():
    from newsgraph.store import dedup

    docs = corpus.polnear_docs()[:24] + corpus.sample_docs()
    if len(docs) < 10:
        pytest.skip("PolNeAR is not in ../shared/eval/external")
    texts = [d.text for d in corpus.volume(len(docs) * 3, docs)]
    assert len(texts) == len(docs) * 3 and len(set(texts)) == len(texts)
    assert texts[: len(docs)] == [d.text for d in docs]  # first the documents themselves
    sigs = [dedup.signature(t) for t in texts]
    worst = max(dedup.similarity(a, b) for a, b in itertools.combinations(sigs, 2) if a is not None and b is not None)
    assert worst < dedup.THRESHOLD


def test_percentile_interpolates_and_clock_accumulates():
    assert measure.percentile([1, 2, 3, 4, 5], 50) == 3
    assert measure.percentile([10, 20], 95) == pytest.approx(19.5)
    clock = measure.Clock()
    for _ in range(2):
        with clock:
            sum(range(10_000))
    assert clock.wall > 0 and clock.cpu >= 0
    assert measure.ratio(3, 0) is None and measure.ratio(3, 2) == 1.5


@pytest.fixture(scope="module")
def templates(nlp):
    from newsgraph.article import Article
    from newsgraph.extract import extract_many

    out = [c for c in extract_many([Article(text=t) for t in NEWS], nlp) if isinstance(c, dict)]
    assert sum(len(c["facts"]) for c in out) > 0
    return out


def test_grown_base_has_the_facts_asked_for_with_valid_links(templates, tmp_path):
    from newsgraph.store.schema import entities, fact_participants, facts

    url = f"sqlite:///{tmp_path / 'facts.db'}"
    counts = factbase.build(url, templates, 400, block=20)
    assert counts["facts"] >= 400 and counts["articles"] >= 400 // max(len(c["facts"]) for c in templates)
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        known = set(conn.execute(sa.select(entities.c.id)).scalars())
        used = set(conn.execute(sa.select(facts.c.person_id).where(facts.c.person_id.is_not(None))).scalars())
        used |= set(conn.execute(sa.select(fact_participants.c.entity_id)).scalars())
        roles = conn.execute(sa.select(facts.c.role).where(facts.c.kind == "position")).scalars().all()
    engine.dispose()
    assert used and used <= known
    # people are drawn with a Zipf skew: fewer distinct people than person slots
    assert len(used) < counts["facts"]
    if roles:
        assert any(r is not None for r in roles)  # the post of each title, as the store's own default computes it


def test_latency_reports_percentiles_of_the_real_query_functions(templates, tmp_path):
    url = f"sqlite:///{tmp_path / 'facts.db'}"
    factbase.build(url, templates, 300, block=50)
    out = latency.measure(url, n=6)
    for key in ("show", "holders", "network"):
        assert out[key]["n"] > 0 and out[key]["errors"] == 0
        assert 0 <= out[key]["p50_ms"] <= out[key]["p95_ms"] <= out[key]["max_ms"]
    assert out["show_p95_ms"] == out["show"]["p95_ms"]


def test_pipeline_rates_measure_the_same_texts_in_every_stage(tmp_path):
    docs = [corpus.Doc(f"t{i}", t) for i, t in enumerate(NEWS)]
    r = throughput.pipeline_rates(docs, tmp_path, round_size=2)
    assert r["words"] == sum(len(t.split()) for t in NEWS)
    assert r["ingest"]["added"] == len(NEWS) and r["ingest"]["failed"] == 0
    assert r["store"]["articles"] == len(NEWS)
    assert len(r["contracts"]) == len(NEWS)
    for stage in throughput.STAGES:
        assert r["rates"][stage]["words_per_s"] > 0
    assert r["extract_vs_spacy"] > 0 and r["ingest_vs_spacy"] > 0


def test_report_marks_targets_met_and_missed():
    result = {"quick": True, "corpus": {"articles": 3, "words": 90}, "load_average_start": 1.0,
              "load_average_end": 1.0, "throughput": {"rates": {s: {"words_per_s": 100.0, "words_per_cpu_s": 120.0}
                                                                for s in throughput.STAGES}},
              "extract_vs_spacy": 0.7, "ingest_vs_spacy": 0.5, "rss_growth": None}
    result["targets_met"] = {k: bench_run._meets(result.get(k), *t) for k, t in bench_run.TARGETS.items()}
    text = bench_run.report(result)
    assert "extract_vs_spacy" in text and "ok" in text.split("extract_vs_spacy")[1].splitlines()[0]
    assert "MISSED" in text.split("ingest_vs_spacy")[1].splitlines()[0]
    assert "n/a" in text.split("rss_growth")[1].splitlines()[0]
