"""Query latency (p50/p95) of ``show``, ``holders`` and ``network`` on a large base.

Before timing, half as many other targets (a separate draw) are asked once, untimed: the caches then hold
what a server that has been answering holds. Targets are drawn two ways: *uniform* (any entity that has facts,
equally likely: the typical look-up) and *popular* (an entity drawn in proportion to its facts: the heavy hitters
such as a country or a head of state). ``show_p95_ms`` and ``holders_p95_ms`` are over uniform targets; the popular
ones are reported beside them.
"""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from measure import percentile


def _targets(conn, n: int, seed: int) -> dict[str, list]:
    """Entity ids (uniform, popular) and post titles to query, drawn from the base itself."""
    from newsgraph.store.schema import entities, facts

    rng = random.Random(seed)
    max_fact = conn.execute(sa.select(sa.func.max(facts.c.id))).scalar() or 0
    actor = sa.func.coalesce(facts.c.person_id, facts.c.speaker_id, facts.c.subject_id, facts.c.org_id)
    popular: list[int] = []
    for _ in range(n * 4):
        if len(popular) >= n:
            break
        eid = conn.execute(sa.select(actor).where(facts.c.id == rng.randint(1, max_fact))).scalar()
        if eid is not None:
            popular.append(eid)
    with_facts = sorted(set(conn.execute(sa.select(facts.c.person_id).where(facts.c.person_id.is_not(None))
                                         .distinct().limit(200_000)).scalars())
                        | set(conn.execute(sa.select(facts.c.org_id).where(facts.c.org_id.is_not(None))
                                           .distinct().limit(200_000)).scalars()))
    uniform = rng.sample(with_facts, min(n, len(with_facts)))
    top = list(conn.execute(sa.select(facts.c.person_id).where(facts.c.person_id.is_not(None))
                            .group_by(facts.c.person_id).order_by(sa.func.count().desc()).limit(32)).scalars())
    titles: list[str] = []
    rows = conn.execute(sa.select(facts.c.title, entities.c.name).select_from(
        facts.outerjoin(entities, entities.c.id == facts.c.org_id))
        .where(facts.c.kind == "position", facts.c.role.is_not(None)).limit(20_000)).all()
    for title, org in rng.sample(rows, min(n, len(rows))):
        titles.append(title if not org or org.lower() in title.lower() else f"{title} of {org}")
    return {"uniform": uniform, "popular": popular, "top": top, "titles": titles}


def _time(fn: Callable[[Any], Any], args: list, warmup: int = 3) -> dict[str, float]:
    """Wall and CPU milliseconds per call (CPU: this process only, so on PostgreSQL it leaves out the server)."""
    for a in args[:warmup]:
        fn(a)
    times, cpu = [], []
    errors = 0
    for a in args:
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            fn(a)
        except Exception:  # noqa: BLE001 - a query that refuses its input (e.g. ambiguous) still took its time
            errors += 1
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return {"n": len(times), "p50_ms": round(percentile(times, 50), 2), "p95_ms": round(percentile(times, 95), 2),
            "max_ms": round(max(times), 2) if times else None,
            "cpu_p50_ms": round(percentile(cpu, 50), 2), "cpu_p95_ms": round(percentile(cpu, 95), 2),
            "errors": errors}


def measure(url: str, n: int = 200, seed: int = 11, only: set[str] | None = None) -> dict[str, Any]:
    """Latencies of show, holders and network on the base at URL (opened read-only, as the CLI and web do).

    ``show_top`` is the 32 people with the most facts (heads of state): reported apart. ONLY: these keys.
    """
    from newsgraph import query
    from newsgraph.store import Store

    with Store.open(url, readonly=True) as kb:
        with kb.read() as conn:
            targets = _targets(conn, n, seed)
            # a server that has been answering has the base's hot pages (index tops, the busiest entities) in the
            # database's and the OS's caches: other targets, drawn apart, are asked first, and are not timed
            warm = _targets(conn, max(10, n // 2), seed + 1)
        for fn, key in ((query.show, "uniform"), (query.holders, "titles"), (query.network, "uniform")):
            for a in warm[key]:
                with contextlib.suppress(Exception):  # a title that names no post is refused, as when timed
                    fn(kb, a)
        plan = {
            "show": (query.show, targets["uniform"]),
            "show_popular": (query.show, targets["popular"]),
            "show_top": (query.show, targets["top"]),
            "holders": (query.holders, targets["titles"]),
            "network": (query.network, targets["uniform"]),
            "network_popular": (query.network, targets["popular"][: max(10, n // 4)]),
        }
        out: dict[str, Any] = {}
        for key, (fn, args) in plan.items():
            if only is None or key in only:
                out[key] = _time(lambda a, fn=fn: fn(kb, a), args, warmup=1 if key == "show_top" else 3)
    for key in ("show", "holders", "network"):
        if key in out:
            out[f"{key}_p95_ms"] = out[key]["p95_ms"]
    return out


def before_after_summary(url: str, n: int = 60, only: set[str] | None = None) -> dict[str, Any]:
    """Latencies with the kept sighting groups stale (queries group the facts), the time to rebuild them
    (``Store.refresh_summary``), and latencies with them fresh: the same targets, back to back."""
    from newsgraph.store import Store
    from newsgraph.store.schema import sighting_state

    only = only or {"show", "show_top", "holders"}
    with Store.open(url) as kb, kb.write() as conn:  # read-write: migrates the base to the newest schema
        conn.execute(sighting_state.delete())  # stale, whatever it was
    out: dict[str, Any] = {"stale": measure(url, n=n, only=only)}
    with Store.open(url) as kb:
        t0, c0 = time.perf_counter(), time.process_time()
        done = kb.refresh_summary()
        out["refresh"] = {"did": done, "wall_s": round(time.perf_counter() - t0, 1),
                          "cpu_s": round(time.process_time() - c0, 1)}
    out["fresh"] = measure(url, n=n, only=only)
    return out


if __name__ == "__main__":
    import json
    import sys

    # python bench/latency.py URL [N]: show/holders latency before and after the sighting summary
    print(json.dumps(before_after_summary(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 60), indent=1))
