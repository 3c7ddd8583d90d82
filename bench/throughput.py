"""Throughput: bare spaCy vs extract vs ingest on the same texts, ingest with 2 workers vs 1, memory over a run.

Timings on a shared machine drift as other processes come and go, so the three stages are
*interleaved*: each round of texts goes through bare ``nlp.pipe``, then ``extract_many``, then
``ingest`` (the order rotating from round to round), and each stage's time is summed over the
rounds. Drift then hits the three stages alike and their ratios stay meaningful.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from corpus import Doc
from measure import Clock, current_rss_mb, peak_rss_mb, ratio

STAGES = ("spacy", "extract", "ingest")


def write_jsonl(docs: Iterable[Doc], path: Path, start: int = 0) -> int:
    """Write DOCS as ingest's JSON-lines records (each with its own id); returns how many."""
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for n, doc in enumerate(docs, 1):
            f.write(json.dumps({"id": f"bench-{start + n - 1}", "text": doc.text, "source": "bench",
                                "title": doc.name}, ensure_ascii=False) + "\n")
    return n


def _rate(words: int, clock: Clock) -> dict[str, float]:
    return {"seconds": round(clock.wall, 2), "cpu_seconds": round(clock.cpu, 2),
            "words_per_s": round(words / clock.wall, 1) if clock.wall else 0.0,
            "words_per_cpu_s": round(words / clock.cpu, 1) if clock.cpu else 0.0}


def pipeline_rates(docs: list[Doc], workdir: Path, round_size: int = 32, batch_size: int = 32,
                   model: str | None = None) -> dict[str, Any]:
    """Words/s of bare spaCy, of extract and of a whole ingest into SQLite, interleaved round by round.

    Returns the rates, their ratios to spaCy, the ingest summary, and the contract objects
    (``contracts``) for use as templates by the fact-base builder.
    """
    from newsgraph.article import Article
    from newsgraph.extract import extract_many
    from newsgraph.ingest import IngestSummary, ingest
    from newsgraph.nlp import get_nlp
    from newsgraph.store import Store

    nlp = get_nlp(model)
    list(nlp.pipe(["Warm-up: the minister met the ambassador in Paris on Monday."]))
    rounds = [docs[i: i + round_size] for i in range(0, len(docs), round_size)]
    files = []
    for r, chunk in enumerate(rounds):
        files.append(workdir / f"round-{r:05d}.jsonl")
        write_jsonl(chunk, files[-1], start=r * round_size)
    clocks = {s: Clock() for s in STAGES}
    contracts: list[dict] = []
    total = IngestSummary()
    words = sum(d.words for d in docs)
    with Store.open(f"sqlite:///{workdir / 'interleaved.db'}") as kb:
        for r, chunk in enumerate(rounds):
            texts = [d.text for d in chunk]
            for stage in STAGES[r % 3:] + STAGES[: r % 3]:
                if stage == "spacy":
                    with clocks["spacy"]:
                        for _ in nlp.pipe(texts, batch_size=batch_size):
                            pass
                elif stage == "extract":
                    with clocks["extract"]:
                        out = list(extract_many([Article(text=t) for t in texts], nlp, batch_size))
                    contracts.extend(c for c in out if isinstance(c, dict))
                else:
                    with clocks["ingest"]:
                        s = ingest([files[r]], store=kb, batch_size=batch_size, model=model)
                    for key in ("read", "added", "unchanged", "duplicates", "failed", "facts", "entities"):
                        setattr(total, key, getattr(total, key) + getattr(s, key))
        stats = kb.stats()
    rates = {s: _rate(words, clocks[s]) for s in STAGES}
    return {
        "articles": len(docs), "words": words, "rates": rates,
        "extract_vs_spacy": ratio(rates["extract"]["words_per_s"], rates["spacy"]["words_per_s"]),
        "ingest_vs_spacy": ratio(rates["ingest"]["words_per_s"], rates["spacy"]["words_per_s"]),
        "extract_vs_spacy_cpu": ratio(rates["extract"]["words_per_cpu_s"], rates["spacy"]["words_per_cpu_s"]),
        "ingest": total.to_json(), "store": stats, "contracts": contracts,
    }


def timed_ingest(path: Path, db: Path, workers: int, batch_size: int = 32, model: str | None = None,
                 marks: tuple[int, ...] = ()) -> dict[str, Any]:
    """One whole ``ingest`` of PATH into a fresh SQLite DB: wall time, steady-state rate, RSS at MARKS events.

    The steady-state rate counts from the end of the first stored batch to the last article,
    leaving out start-up (spawning workers, loading spaCy in each), which a long run amortises.
    """
    from newsgraph.ingest import ingest

    times: list[float] = []
    rss: dict[str, dict[str, float]] = {}

    def on_event(_event) -> None:
        times.append(time.perf_counter())
        if len(times) in marks:
            rss[str(len(times))] = {"peak_mb": round(peak_rss_mb(), 1), "now_mb": round(current_rss_mb(), 1)}

    start = time.perf_counter()
    summary = ingest([path], store=f"sqlite:///{db}", workers=workers, batch_size=batch_size, model=model,
                     on_event=on_event)
    wall = time.perf_counter() - start
    if marks:  # after the whole ingest, its closing refresh of the kept summaries included
        rss["end"] = {"peak_mb": round(peak_rss_mb(), 1), "now_mb": round(current_rss_mb(), 1)}
    first = min(batch_size, len(times)) - 1  # the clock starts once the first batch is stored
    span = times[-1] - times[first] if first >= 0 else 0.0
    steady = (len(times) - 1 - first) / span if span > 0 else None
    return {"workers": workers, "seconds": round(wall, 2), "articles_per_s": round(len(times) / wall, 2),
            "steady_articles_per_s": round(steady, 2) if steady else None, "summary": summary.to_json(),
            "rss": rss}


def workers_speedup(docs: list[Doc], workdir: Path, batch_size: int = 16, model: str | None = None) -> dict[str, Any]:
    """Ingest the same texts with ``workers=1`` and with ``workers=2`` into fresh bases; the speed-up of 2 over 1."""
    path = workdir / "workers.jsonl"
    write_jsonl(docs, path)
    one = timed_ingest(path, workdir / "w1.db", 1, batch_size, model)
    two = timed_ingest(path, workdir / "w2.db", 2, batch_size, model)
    return {
        "workers1": one, "workers2": two,
        "workers2_speedup": ratio(two["steady_articles_per_s"] or 0, one["steady_articles_per_s"] or 0),
        "workers2_speedup_wall": ratio(one["seconds"], two["seconds"]),
    }
