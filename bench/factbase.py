"""A knowledge base of a million facts or more, built in minutes, for the query-latency benchmark.

Extracting a million facts would take hours, so the base is *grown* from real extractions:
each synthetic article is one of the benchmark's extracted contract objects (its text, entities,
mentions and facts), with every local entity mapped to a global entity drawn from a Zipf
distribution over a pool of that type (a few bodies and people in many articles, a long tail
in one or two), which is the fan-out a news base has; most copies keep a template entity's
first draw, so the same person keeps the same post across copies. Rows go in through the store's own table
definitions and fact-row mapping (``store.schema``, ``store.writer.fact_row``, ``posts``) in bulk
``executemany`` inserts, one transaction per block of articles, with ids assigned here.
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


def _fact_columns() -> list[str]:
    from newsgraph.store.schema import facts

    return [c.name for c in facts.columns]


class Builder:
    """Turns template contracts into rows for every table, block by block."""

    def __init__(self, templates: list[dict], articles: int, seed: int = 7) -> None:
        from newsgraph.extract.context import name_key

        self.templates = [c for c in templates if c.get("facts")]
        if not self.templates:
            raise ValueError("no extracted facts to grow a base from")
        self.pools = {p.type: p for p in make_pools(self.templates, articles)}
        self.rng = np.random.default_rng(seed)
        self.name_key = name_key
        self.fact_columns = _fact_columns()
        self.next_fact = 1
        self.now = datetime.now(UTC)
        self._draws: list[float] = []
        self._homes: dict[tuple[int, str], int] = {}
        self._posts: dict[str | None, tuple[str | None, str | None]] = {}

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

    def entity_rows(self) -> tuple[list[dict], list[dict]]:
        ents, names = [], []
        for pool in self.pools.values():
            for i, name in enumerate(pool.names):
                eid = pool.first_id + i
                ents.append({"id": eid, "type": pool.type, "name": name, "key": self.name_key(name),
                             "merged_into": None, "created_at": self.now})
                names.append({"entity_id": eid, "name": name, "key": self.name_key(name), "kind": "name",
                              "mentions": 1})
        return ents, names

    def _post(self, title: str | None) -> tuple[str | None, str | None]:
        from newsgraph import posts

        if title not in self._posts:
            post = posts.parse_title(title)
            self._posts[title] = (post.role, post.key[:255]) if post else (None, None)
        return self._posts[title]

    def article_rows(self, n: int, contract: dict) -> dict[str, list[dict]]:
        """Rows of synthetic article N grown from CONTRACT."""
        from newsgraph.store.writer import fact_row

        head = contract["article"]
        text = head["text"]
        aid = f"{n:016x}"
        published = (date(2010, 1, 1) + timedelta(days=int(self._uniform() * 5400))).isoformat()
        rows: dict[str, list[dict]] = {k: [] for k in ("articles", "sources", "article_entities", "mentions",
                                                       "facts", "fact_participants")}
        rows["articles"].append({"id": aid, "external_id": None, "title": head.get("title"), "source": "bench",
                                 "published": published, "url": None, "origin": "bench", "text": text,
                                 "extractor_version": "bench", "model": None, "minhash": None, "warnings": [],
                                 "raw": None, "ingested_at": self.now})
        rows["sources"].append({"article_id": aid, "content_hash": aid, "external_id": None, "name": "bench",
                                "title": head.get("title"), "published": published, "url": None, "origin": "bench",
                                "is_primary": True, "similarity": 1.0, "ingested_at": self.now})
        local: dict[str, int] = {}
        for ent in contract["entities"]:
            pool = self.pools.get(ent["type"])
            if pool is None:
                continue
            eid = self._global(pool, n % len(self.templates), ent["id"])
            local[ent["id"]] = eid
            name = pool.names[eid - pool.first_id]
            rows["article_entities"].append({"article_id": aid, "local_id": ent["id"], "entity_id": eid,
                                             "type": ent["type"], "name": name, "aliases": []})
            for m in ent.get("mentions") or []:
                rows["mentions"].append({"article_id": aid, "local_id": ent["id"], "entity_id": eid,
                                         "start_char": m["start"], "end_char": m["end"],
                                         "text": text[m["start"]: m["end"]]})
        fact_ids: dict[str, int] = {}
        for fact in contract["facts"]:
            fact_ids[fact["id"]] = self.next_fact
            self.next_fact += 1
        for fact in contract["facts"]:
            row = dict.fromkeys(self.fact_columns)
            row.update(fact_row(fact, local, text))
            fid = fact_ids[fact["id"]]
            role, key = self._post(row.get("title"))
            row.update(id=fid, article_id=aid, extractor_version="bench", raw=fact, retracted=False, role=role,
                       post_key=key, about_id=fact_ids.get(str(fact.get("about"))))
            rows["facts"].append(row)
            seen: set[int] = set()
            for pos, p in enumerate(fact.get("participants") or []):
                eid = local.get(p)
                if eid is not None and eid not in seen:
                    seen.add(eid)
                    rows["fact_participants"].append({"fact_id": fid, "entity_id": eid, "position": pos})
        return rows

    def blocks(self, n_facts: int, block: int = BLOCK) -> Iterator[dict[str, list[dict]]]:
        """Blocks of rows until at least N_FACTS facts are made."""
        n = 0
        while self.next_fact <= n_facts:
            out: dict[str, list[dict]] = {}
            for _ in range(block):
                rows = self.article_rows(n, self.templates[n % len(self.templates)])
                n += 1
                for k, v in rows.items():
                    out.setdefault(k, []).extend(v)
                if self.next_fact > n_facts:
                    break
            yield out


#: Insert order (parents first).
TABLES = ("articles", "sources", "article_entities", "mentions", "facts", "fact_participants")


def build(url: str, templates: list[dict], n_facts: int, block: int = BLOCK) -> dict[str, Any]:
    """Create a fresh base at URL holding at least N_FACTS facts grown from TEMPLATES; returns counts."""
    import time

    from newsgraph.store import Store, schema

    avg = max(1.0, sum(len(c.get("facts") or []) for c in templates) / max(1, len(templates)))
    builder = Builder(templates, int(n_facts / avg))
    start = time.perf_counter()
    with Store.open(url) as kb:
        ents, names = builder.entity_rows()
        with kb.write() as conn:
            conn.execute(schema.entities.insert(), ents)
            conn.execute(schema.entity_names.insert(), names)
        for rows in builder.blocks(n_facts, block):
            facts = rows["facts"]
            with kb.write() as conn:
                for table in TABLES:
                    if table == "facts":
                        # about_id points at facts of the same article: insert without it, then link
                        conn.execute(schema.facts.insert(), [{**r, "about_id": None} for r in facts])
                        links = [{"fid": r["id"], "about": r["about_id"]} for r in facts if r["about_id"]]
                        if links:
                            conn.execute(schema.facts.update().where(schema.facts.c.id == sa.bindparam("fid"))
                                         .values(about_id=sa.bindparam("about")), links)
                    elif rows[table]:
                        conn.execute(getattr(schema, table).insert(), rows[table])
        with kb.write() as conn:
            if conn.dialect.name == "postgresql":
                for table in ("entities", "facts"):
                    conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                         f"(SELECT max(id) FROM {table}))"))
                conn.execute(sa.text("ANALYZE"))
            else:
                conn.exec_driver_sql("ANALYZE")
        with kb.read() as conn:
            counts = {t: conn.execute(sa.select(sa.func.count()).select_from(getattr(schema, t))).scalar()
                      for t in ("articles", "entities", "facts", "mentions", "fact_participants")}
    counts["seconds"] = round(time.perf_counter() - start, 1)
    return counts
