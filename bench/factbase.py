"""A knowledge base of a million facts or more, built in minutes, for the query-latency benchmark.

Extracting a million facts would take hours, so the base is *grown* from real extractions:
each synthetic article is one of the benchmark's extracted contract objects (its text, entities,
mentions and facts), with every local entity mapped to a global entity drawn from a Zipf
distribution over a pool of that type (a few bodies and people in many articles, a long tail
in one or two), which is the fan-out a news base has; most copies keep a template entity's
first draw, so the same person keeps the same post across copies. Rows are made by the store's
bulk path (``store.bulk.article_rows``: the writer's fact rows and post keys) and written by
``Store.bulk_load`` (``executemany`` on SQLite, ``COPY`` on PostgreSQL), one transaction per
block of articles, with entity and fact ids assigned here.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import sqlalchemy as sa

ZIPF_S = 1.0
BLOCK = 1000  # articles per transaction
HOME_SHARE = 0.7


@dataclass
class Pool:
    """The global entities of one type, most popular first, and a sampler over them."""

    type: str
    names: list[str]
    first_id: int
    cdf: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        ranks = np.arange(1, len(self.names) + 1, dtype=float)
        weights = np.cumsum(ranks ** -ZIPF_S)
        self.cdf = weights / weights[-1]

    def sample(self, u: float) -> int:
        """The entity id at uniform draw U in [0, 1)."""
        return self.first_id + min(int(np.searchsorted(self.cdf, u, side="right")), len(self.names) - 1)


def person_names(seen: list[str], n: int) -> list[str]:
    """N distinct realistic person names: first names and surnames of the extracted PERSON names, recombined."""
    firsts = sorted({p.split()[0] for p in seen if len(p.split()) >= 2 and p.split()[0][:1].isupper()})
    lasts = sorted({p.split()[-1] for p in seen if len(p.split()) >= 2 and p.split()[-1][:1].isupper()})
    if not firsts or not lasts:
        firsts, lasts = ["Alex", "Maria", "Chen", "Amara"], ["Ivanova", "Okafor", "Silva", "Haddad"]
    rng = random.Random(3)
    rng.shuffle(firsts)
    rng.shuffle(lasts)
    out: list[str] = []
    initials = [""] + [f" {c}." for c in "ABCDEFGHJKLMNPRSTW"]
    for mid, (i, j) in itertools.product(initials, itertools.product(range(len(firsts)), range(len(lasts)))):
        out.append(f"{firsts[(i + j) % len(firsts)]}{mid} {lasts[j]}")
        if len(out) >= n:
            break
    return out


def make_pools(templates: list[dict], articles: int) -> list[Pool]:
    """One pool per entity type: persons scale with the base, other types keep the distinct names seen."""
    by_type: dict[str, list[str]] = {}
    for c in templates:
        for e in c["entities"]:
            by_type.setdefault(e["type"], []).append(e["name"])
    pools: list[Pool] = []
    next_id = 1
    for type_, names in sorted(by_type.items()):
        if type_ == "PERSON":
            distinct = person_names(names, max(1000, articles // 2))
        else:
            distinct = list(dict.fromkeys(names))
            random.Random(type_).shuffle(distinct)
        pools.append(Pool(type_, distinct, next_id))
        next_id += len(distinct)
    return pools


class Builder:
    """Turns template contracts into rows for every table, block by block (``store.bulk`` rows).

    Each template's rows are made once by ``store.bulk.article_rows`` with placeholder entity ids
    (-1, -2, ...); a copy only swaps in its global entities, its own article id, date and fact ids.
    """

    ENTITY_COLUMNS = ("person_id", "org_id", "by_id", "place_id", "reporter_id", "speaker_id", "via_id",
                      "successor_id", "predecessor_id", "subject_id", "object_id", "attributed_to_id")

    def __init__(self, templates: list[dict], articles: int, seed: int = 7) -> None:
        self.templates = [c for c in templates if c.get("facts")]
        if not self.templates:
            raise ValueError("no extracted facts to grow a base from")
        self.pools = {p.type: p for p in make_pools(self.templates, articles)}
        self.rng = np.random.default_rng(seed)
        self.next_fact = 1
        self.now = datetime.now(UTC)
        self._draws: list[float] = []
        self._homes: dict[tuple[int, str], int] = {}
        self._cache: dict[int, tuple[dict, list[tuple[int, str, Pool]]]] = {}

    def _global(self, pool: Pool, template: int, local_id: str) -> int:
        """The global entity one template entity becomes in one copy: mostly its own (HOME_SHARE), else any.

        A template's person keeps the same identity in most copies, so posts keep a few holders
        and people a few posts, as in real news, while popular entities still fan out widely.
        """
        if self._uniform() < HOME_SHARE:
            home = self._homes.get((template, local_id))
            if home is None:
                home = self._homes[(template, local_id)] = pool.sample(self._uniform())
            return home
        return pool.sample(self._uniform())

    def _uniform(self) -> float:
        if not self._draws:
            self._draws = self.rng.random(100_000).tolist()
        return self._draws.pop()

    def entity_blocks(self, size: int = 20_000) -> Iterator[dict[str, list[dict]]]:
        """The global entities (every pool), as bulk rows in blocks."""
        from newsgraph.store.bulk import empty_rows, entity_rows, merge

        block = empty_rows()
        n = 0
        for pool in self.pools.values():
            for i, name in enumerate(pool.names):
                merge(block, entity_rows(pool.first_id + i, name, pool.type, now=self.now))
                n += 1
                if n % size == 0:
                    yield block
                    block = empty_rows()
        yield block

    def _template(self, t: int) -> tuple[dict, list[tuple[int, str, Pool]]]:
        """Rows of template T with placeholder entity ids, and (placeholder, local id, pool) to fill them."""
        if t not in self._cache:
            from newsgraph.store.bulk import article_rows

            contract = self.templates[t]
            slots = [(-(i + 1), str(e["id"]), self.pools[e["type"]])
                     for i, e in enumerate(e for e in contract["entities"] if e["type"] in self.pools)]
            local = {lid: ph for ph, lid, _ in slots}
            rows, _ = article_rows(contract, local, first_fact_id=1, article_id="?", source="bench", origin="bench",
                                   now=self.now)
            from newsgraph.store.bulk import encode

            # JSON encoded once per template, not once per copy
            for r in rows["articles"]:
                r.update(extractor_version="bench", raw=encode(r["raw"]), warnings=encode(r["warnings"]))
            for r in rows["facts"]:
                r.update(extractor_version="bench", raw=encode(r["raw"]), evidence=encode(r["evidence"]))
            for r in rows["article_entities"]:
                r["aliases"] = encode(r["aliases"])
            self._cache[t] = (rows, slots)
        return self._cache[t]

    def article_rows(self, n: int) -> dict[str, list[dict]]:
        """Rows of synthetic article N: a copy of template N mod len(templates) with its own entities and ids."""
        t = n % len(self.templates)
        rows, slots = self._template(t)
        aid = f"{n:016x}"
        published = (date(2010, 1, 1) + timedelta(days=int(self._uniform() * 5400))).isoformat()
        ids = {ph: self._global(pool, t, lid) for ph, lid, pool in slots}
        base = self.next_fact - 1
        self.next_fact += len(rows["facts"])
        cols = self.ENTITY_COLUMNS
        out: dict[str, list[dict]] = {
            "articles": [{**r, "id": aid, "published": published} for r in rows["articles"]],
            "sources": [{**r, "article_id": aid, "content_hash": aid, "published": published}
                        for r in rows["sources"]],
            "article_entities": [{**r, "article_id": aid, "entity_id": ids[r["entity_id"]]}
                                 for r in rows["article_entities"]],
            "mentions": [{**r, "article_id": aid, "entity_id": ids[r["entity_id"]]} for r in rows["mentions"]],
            "facts": [], "fact_participants": [],
        }
        for r in rows["facts"]:
            f = {**r, "id": r["id"] + base, "article_id": aid}
            if r["about_id"] is not None:
                f["about_id"] = r["about_id"] + base
            for c in cols:
                if r[c] is not None:
                    f[c] = ids[r[c]]
            out["facts"].append(f)
        seen: set[tuple[int, int]] = set()
        for r in rows["fact_participants"]:
            key = (r["fact_id"] + base, ids[r["entity_id"]])
            if key not in seen:  # two of the template's entities may have become one
                seen.add(key)
                out["fact_participants"].append({"fact_id": key[0], "entity_id": key[1], "position": r["position"]})
        return out

    def blocks(self, n_facts: int, block: int = BLOCK) -> Iterator[dict[str, list[dict]]]:
        """Blocks of rows until at least N_FACTS facts are made."""
        n = 0
        while self.next_fact <= n_facts:
            out: dict[str, list[dict]] = {}
            for _ in range(block):
                for k, v in self.article_rows(n).items():
                    out.setdefault(k, []).extend(v)
                n += 1
                if self.next_fact > n_facts:
                    break
            yield out


def build(url: str, templates: list[dict], n_facts: int, block: int = BLOCK) -> dict[str, Any]:
    """Create a fresh base at URL holding at least N_FACTS facts grown from TEMPLATES; returns counts."""
    import itertools
    import time

    from newsgraph.store import Store, schema

    avg = max(1.0, sum(len(c.get("facts") or []) for c in templates) / max(1, len(templates)))
    builder = Builder(templates, int(n_facts / avg))
    start = time.perf_counter()
    with Store.open(url) as kb:
        kb.bulk_load(itertools.chain(builder.entity_blocks(), builder.blocks(n_facts, block)), trusted=True)
        with kb.read() as conn:
            counts = {t: conn.execute(sa.select(sa.func.count()).select_from(getattr(schema, t))).scalar()
                      for t in ("articles", "entities", "facts", "mentions", "fact_participants")}
    counts["seconds"] = round(time.perf_counter() - start, 1)
    return counts
