"""newsgraph benchmarks: every number a ratio or a latency measured in one run on real news text.

    python bench/run.py [--quick] [--json] [--pg postgresql://...]

What it measures (issue 5; issue 2 section 6), on MEANTIME, PolNeAR and CoNLL-2003 documents and
the bundled samples, repeated for volume as distinct texts (see ``corpus.volume``):

- words/s of bare spaCy ``nlp.pipe``, of ``extract`` and of a whole ``ingest`` into SQLite, on the
  same texts, interleaved round by round, as ratios to spaCy (``extract_vs_spacy``, ``ingest_vs_spacy``)
- ingest with ``workers=2`` against ``workers=1`` (``workers2_speedup``, steady state, and ``_wall``)
- peak RSS of an ingest after 1,000 and after 10,000 articles, in a fresh process (``rss_growth``;
  skipped with --quick)
- p50/p95 latency of ``query.show``, ``holders`` and ``network`` on a base of 1 million facts grown
  from the run's own extractions (``factbase``), on SQLite, and on PostgreSQL with --pg

--quick uses fewer texts and a 100,000-fact base and skips the 10,000-article memory run, to end in
about 3 minutes on 2 idle cores. The machine's load average is printed: on a shared machine the
absolute rates are noisy, the interleaved ratios much less so.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
from measure import load_average, ratio  # noqa: E402

TARGETS = {"extract_vs_spacy": (">=", 0.6), "ingest_vs_spacy": (">=", 0.6), "workers2_speedup": (">=", 1.6),
           "rss_growth": ("<=", 1.2), "show_p95_ms": ("<=", 50), "holders_p95_ms": ("<=", 20)}


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def rss_run(n: int, marks: tuple[int, ...], workdir: Path) -> dict[str, Any]:
    """Ingest N texts in a fresh Python process and report its peak RSS at MARKS (so nothing else inflates it)."""
    cmd = [sys.executable, __file__, "--rss-child", str(n), "--keep", str(workdir),
           "--marks", ",".join(map(str, marks))]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"memory run failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _rss_child(n: int, marks: tuple[int, ...], workdir: Path) -> int:
    import throughput

    throughput.write_jsonl(corpus.volume(n), workdir / "rss.jsonl")
    print(json.dumps(throughput.timed_ingest(workdir / "rss.jsonl", workdir / "rss.db", 1, marks=marks)))
    return 0


def run(quick: bool, pg_url: str | None, articles: int | None, facts: int | None, workdir: Path,
        skip: set[str]) -> dict[str, Any]:
    n_articles = articles or (96 if quick else 512)
    n_facts = facts or (100_000 if quick else 1_000_000)
    result: dict[str, Any] = {"quick": quick, "load_average_start": load_average()}
    docs = list(corpus.volume(n_articles))
    result["corpus"] = {"articles": len(docs), "words": sum(d.words for d in docs),
                        "distinct_documents": len(corpus.all_docs())}

    import throughput

    _log(f"spaCy vs extract vs ingest on {len(docs)} articles ({result['corpus']['words']} words)")
    rates = throughput.pipeline_rates(docs, workdir)
    templates = rates.pop("contracts")
    result["throughput"] = rates
    result["extract_vs_spacy"] = rates["extract_vs_spacy"]
    result["ingest_vs_spacy"] = rates["ingest_vs_spacy"]
    _log(f"extract_vs_spacy {rates['extract_vs_spacy']} (CPU {rates['extract_vs_spacy_cpu']}), "
         f"ingest_vs_spacy {rates['ingest_vs_spacy']}")

    if "workers" not in skip:
        _log("ingest with 1 and 2 workers")
        w = throughput.workers_speedup(docs, workdir)
        result["workers"] = w
        result["workers2_speedup"] = w["workers2_speedup"]
        result["workers2_speedup_wall"] = w["workers2_speedup_wall"]
        _log(f"workers2_speedup {w['workers2_speedup']} (wall, with start-up: {w['workers2_speedup_wall']})")

    result["rss_growth"] = None
    if not quick and "rss" not in skip:
        _log("memory: ingest 10,000 articles in a fresh process")
        r = rss_run(10_000, (1000, 10_000), workdir)
        result["rss"] = r
        peaks = r["rss"]
        if "1000" in peaks and "10000" in peaks:
            # the peak once the ingest of 10,000 has ended, its closing refresh of the kept summaries included
            top = peaks.get("end", peaks["10000"])["peak_mb"]
            result["rss_growth"] = ratio(top, peaks["1000"]["peak_mb"])

    if "queries" not in skip:
        import factbase
        import latency

        bases = {"sqlite": f"sqlite:///{workdir / 'facts.db'}"}
        if pg_url:
            bases["postgresql"] = pg_url
        for name, url in bases.items():
            _log(f"{name}: growing a base of {n_facts:,} facts")
            built = factbase.build(url, templates, n_facts)
            _log(f"{name}: {built}; timing queries")
            lat = latency.measure(url, n=50 if quick else 200)
            lat["base"] = built
            _log(f"{name}: show p95 {lat['show_p95_ms']} ms, holders p95 {lat['holders_p95_ms']} ms, "
                 f"network p95 {lat['network_p95_ms']} ms")
            result[f"queries_{name}"] = lat
        main = result["queries_sqlite"]
        result["show_p95_ms"] = main["show_p95_ms"]
        result["holders_p95_ms"] = main["holders_p95_ms"]
        result["network_p95_ms"] = main["network_p95_ms"]
        if "queries_postgresql" in result:
            result["show_p95_ms_pg"] = result["queries_postgresql"]["show_p95_ms"]
            result["holders_p95_ms_pg"] = result["queries_postgresql"]["holders_p95_ms"]
    result["load_average_end"] = load_average()
    result["targets_met"] = {k: _meets(result.get(k), *t) for k, t in TARGETS.items()}
    return result


def _meets(value: float | None, op: str, target: float) -> bool | None:
    if value is None:
        return None
    return value >= target if op == ">=" else value <= target


def report(r: dict[str, Any]) -> str:
    """The human-readable summary: ratios first, then the rates and latencies behind them."""
    lines = [f"newsgraph bench{' --quick' if r['quick'] else ''}: {r['corpus']['articles']} articles, "
             f"{r['corpus']['words']:,} words (load average {r['load_average_start']} -> {r['load_average_end']})"]
    t = r["throughput"]["rates"]
    for stage in ("spacy", "extract", "ingest"):
        lines.append(f"  {stage:8} {t[stage]['words_per_s']:>9,.0f} words/s  ({t[stage]['words_per_cpu_s']:,.0f}"
                     f" per CPU-second)")
    for key in TARGETS:
        if key in r:
            op, target = TARGETS[key]
            ok = r["targets_met"].get(key)
            mark = "n/a" if ok is None else ("ok" if ok else "MISSED")
            facts = r.get("queries_sqlite", {}).get("base", {}).get("facts", 0)
            if key.endswith("_p95_ms") and facts < 1_000_000:
                mark += f" (on {facts:,} facts; the target is for 1,000,000)"
            lines.append(f"  {key:18} {r[key]!s:>9}   target {op} {target}  {mark}")
    for name in ("sqlite", "postgresql"):
        q = r.get(f"queries_{name}")
        if q:
            lines.append(f"  queries on {name} ({q['base']['facts']:,} facts, {q['base']['entities']:,} entities):")
            for k in ("show", "show_popular", "show_top", "holders", "network", "network_popular"):
                if k not in q:
                    continue
                cpu = (f"   CPU p50 {q[k]['cpu_p50_ms']} / p95 {q[k]['cpu_p95_ms']} ms"
                       if "cpu_p95_ms" in q[k] else "")
                lines.append(f"    {k:16} p50 {q[k]['p50_ms']:>8} ms   p95 {q[k]['p95_ms']:>8} ms   "
                             f"max {q[k]['max_ms']} ms{cpu}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer texts, a smaller base, no 10,000-article run")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the summary")
    ap.add_argument("--pg", metavar="URL", help="also time the queries on this (empty) PostgreSQL database")
    ap.add_argument("--articles", type=int, help="texts for the throughput runs")
    ap.add_argument("--facts", type=int, help="facts in the query base")
    ap.add_argument("--skip", action="append", default=[], choices=["workers", "rss", "queries"])
    ap.add_argument("--keep", type=Path, help="work in this folder and keep its databases")
    ap.add_argument("--rss-child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--marks", default="1000,10000", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.rss_child:
        return _rss_child(a.rss_child, tuple(int(m) for m in a.marks.split(",")), a.keep)
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp:
        workdir = a.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        r = run(a.quick, a.pg, a.articles, a.facts, workdir, set(a.skip))
    print(json.dumps(r) if a.json else report(r))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
