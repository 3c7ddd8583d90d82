"""Query latency (p50/p95) of ``show``, ``holders`` and ``network`` on a large base.

Targets are drawn two ways: *uniform* (any entity that has facts, equally likely: the typical
look-up) and *popular* (an entity drawn in proportion to its facts: the heavy hitters such as a
country or a head of state). ``show_p95_ms`` and ``holders_p95_ms`` are over uniform targets;
the popular ones are reported beside them.
"""

from __future__ import annotations

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
    titles: list[str] = []
    rows = conn.execute(sa.select(facts.c.title, entities.c.name).select_from(
        facts.outerjoin(entities, entities.c.id == facts.c.org_id))
        .where(facts.c.kind == "position", facts.c.role.is_not(None)).limit(20_000)).all()
    for title, org in rng.sample(rows, min(n, len(rows))):
        titles.append(title if not org or org.lower() in title.lower() else f"{title} of {org}")
    return {"uniform": uniform, "popular": popular, "titles": titles}


def _time(fn: Callable[[Any], Any], args: list, warmup: int = 3) -> dict[str, float]:
    for a in args[:warmup]:
        fn(a)
    times = []
    errors = 0
    for a in args:
        t0 = time.perf_counter()
        try:
            fn(a)
        except Exception:  # noqa: BLE001 - a query that refuses its input (e.g. ambiguous) still took its time
            errors += 1
        times.append((time.perf_counter() - t0) * 1000)
    return {"n": len(times), "p50_ms": round(percentile(times, 50), 2), "p95_ms": round(percentile(times, 95), 2),
            "max_ms": round(max(times), 2) if times else None, "errors": errors}


def measure(url: str, n: int = 200, seed: int = 11) -> dict[str, Any]:
    """Latencies of show, holders and network on the base at URL (opened read-only, as the CLI and web do)."""
    from newsgraph import query
    from newsgraph.store import Store

    with Store.open(url, readonly=True) as kb:
        with kb.read() as conn:
            targets = _targets(conn, n, seed)
        out = {
            "show": _time(lambda e: query.show(kb, e), targets["uniform"]),
            "show_popular": _time(lambda e: query.show(kb, e), targets["popular"]),
            "holders": _time(lambda t: query.holders(kb, t), targets["titles"]),
            "network": _time(lambda e: query.network(kb, e), targets["uniform"]),
            "network_popular": _time(lambda e: query.network(kb, e), targets["popular"][: max(10, n // 4)]),
        }
    out["show_p95_ms"] = out["show"]["p95_ms"]
    out["holders_p95_ms"] = out["holders"]["p95_ms"]
    out["network_p95_ms"] = out["network"]["p95_ms"]
    return out
