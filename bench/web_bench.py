"""Web benchmark (not a test): server time of the profile and the network of the most connected entity.

Builds (once, cached under bench/out/) a SQLite base of N synthetic news articles (default 5,000)
and serves it with the real app. Each article is a few template paragraphs -- an appointment, a
meeting, a quote, a relation between bodies, a dismissal -- about people and bodies drawn from
pools: leaders and bodies Zipf-distributed (a president in hundreds of articles), officials
uniform (one appointment or two each), plus
filler words so that no two articles are near-duplicates. Its contract object is written by hand
(exact offsets, no spaCy needed) and bulk-inserted through the store's tables and the writer's
fact mapping (see ``build``): 5,000 articles take well under a minute.

Then it times, for the entity in the most facts, its profile page and JSON (``/entities/{id}``,
``/api/entities/{id}``) and the network page and its data (``/network?entity=``,
``/api/network?entity=``, depth 1 and 2): cold (``Cache-Control: no-cache``: computed afresh) and
warm (from the app's response cache, valid until an ingest or a curation changes the base),
in-process (ASGI) and over HTTP to a real uvicorn server. The server's own time comes from the
``Server-Timing`` header the app sets; CPU time is reported too because a shared machine's wall
time includes waiting for other processes.

    .venv/bin/python bench/web_bench.py                 # 5,000 articles, 30 requests each
    .venv/bin/python bench/web_bench.py --articles 20000 --rebuild --json
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent / "out"
FIRST = ["Amina", "Kwame", "Sergei", "Ana", "Luis", "Fatima", "Omar", "Mei", "Hiroshi", "Olga", "Jean", "Priya",
         "Tomasz", "Leila", "Diego", "Nadia", "Yusuf", "Ingrid", "Chen", "Aisha", "Mateo", "Irina", "Kofi", "Sofia",
         "Arjun", "Zainab", "Pavel", "Lucia", "Emeka", "Hana", "Rashid", "Elena", "Tariq", "Marta", "Jomo", "Yara"]
LAST = ["Okafor", "Asante", "Ivanov", "Carranza", "Paredes", "Haddad", "Nasser", "Lin", "Tanaka", "Petrova",
        "Dupont", "Sharma", "Nowak", "Rahimi", "Fernandez", "Kuznetsova", "Bello", "Larsen", "Wei", "Abdi",
        "Rojas", "Volkova", "Boateng", "Moreau", "Mehta", "Yusuf", "Sokolov", "Quispe", "Eze", "Sato", "Karimi",
        "Popescu", "Aziz", "Silva", "Kenyatta", "Mansour", "Kudrin", "Abenov", "Mensah", "Rufai"]
BODY_KINDS = ["Ministry of the Interior", "National Intelligence Service", "State Security Committee",
              "National Police", "Border Guard Service", "Ministry of Defence", "Counter-Terrorism Directorate",
              "Security Council", "National Guard", "Customs Service", "Anti-Corruption Bureau",
              "Military Intelligence Directorate"]
COUNTRIES = ["Kazakhstan", "Peru", "Nigeria", "Ghana", "Kenya", "Uzbekistan", "Colombia", "Egypt", "Indonesia",
             "Pakistan", "Turkey", "Ukraine", "Brazil", "Mexico", "Philippines", "Iraq", "Morocco", "Chile"]
CITIES = ["Astana", "Lima", "Abuja", "Accra", "Nairobi", "Tashkent", "Bogota", "Cairo", "Jakarta", "Islamabad",
          "Ankara", "Kyiv", "Brasilia", "Mexico City", "Manila", "Baghdad", "Rabat", "Santiago"]
TITLES = ["minister", "director", "chairman", "deputy director", "commander", "head", "secretary"]
TOPICS = ["border security", "drug trafficking", "cyber threats", "intelligence sharing", "migration",
          "counter-terrorism", "arms smuggling", "election security", "organised crime", "maritime patrols"]
FILLER = ["analysts", "observers", "regional", "capital", "officials", "ministry", "budget", "reform",
          "parliament", "opposition", "statement", "weekly", "briefing", "commission", "inquiry", "spokesperson",
          "agency", "funding", "oversight", "committee", "hearing", "coalition", "provincial", "governor",
          "treasury", "deputies", "tribunal", "audit", "mandate", "decree", "protest", "union", "campaign",
          "press", "council", "broadcaster", "correspondent", "sources", "diplomats", "envoy", "summit",
          "delegation", "talks", "framework"]


class Pool:
    """Names of one type, drawn with Zipf weights (rank r has weight 1/r)."""

    def __init__(self, names: list[str], rng: random.Random) -> None:
        self.names = names
        weights = 1.0 / np.arange(1, len(names) + 1)
        self.cum = np.cumsum(weights / weights.sum())
        self.rng = rng

    def draw(self, k: int = 1) -> list[str]:
        out: list[str] = []
        while len(out) < k:
            name = self.names[int(np.searchsorted(self.cum, self.rng.random()))]
            if name not in out:
                out.append(name)
        return out


class Uniform(Pool):
    """Names drawn uniformly: the many officials who appear in a story or two."""

    def __init__(self, names: list[str], rng: random.Random) -> None:
        self.names, self.rng = names, rng

    def draw(self, k: int = 1) -> list[str]:
        return self.rng.sample(self.names, k)


def pools(rng: random.Random) -> tuple[Pool, Pool, Pool, Pool]:
    """Leaders (Zipf: a president in hundreds of stories), officials (uniform), bodies (Zipf), cities."""
    people = [f"{f} {m} {last}" for f in FIRST for m in ("A.", "B.", "K.") for last in LAST]
    rng.shuffle(people)
    bodies = [f"{c} {b}" for c in COUNTRIES for b in BODY_KINDS]
    rng.shuffle(bodies)
    return Pool(people[:80], rng), Uniform(people[80:], rng), Pool(bodies, rng), Pool(list(CITIES), rng)


class Doc:
    """An article under construction: text plus the contract's entities and facts with exact offsets."""

    def __init__(self) -> None:
        self.text = ""
        self.entities: dict[str, dict] = {}
        self.facts: list[dict] = []

    def entity(self, name: str, type_: str) -> str:
        key = f"{type_}:{name}"
        if key not in self.entities:
            self.entities[key] = {"id": f"e{len(self.entities) + 1}", "type": type_, "name": name, "aliases": [],
                                  "mentions": []}
        return self.entities[key]["id"]

    def add(self, *parts: str | tuple[str, str]) -> tuple[int, int, dict[str, str]]:
        """Append a sentence of plain strings and (name, type) mentions; returns its span and the ids."""
        start, ids = len(self.text), {}
        for part in parts:
            if isinstance(part, tuple):
                name, type_ = part
                eid = self.entity(name, type_)
                at = len(self.text)
                self.entities[f"{type_}:{name}"]["mentions"].append({"start": at, "end": at + len(name)})
                ids[name] = eid
                self.text += name
            else:
                self.text += part
        end = len(self.text)
        self.text += " "
        return start, end, ids

    def fact(self, kind: str, span: tuple[int, int], **fields) -> None:
        self.facts.append({"id": f"f{len(self.facts) + 1}", "kind": kind, "evidence": [
            {"start": span[0], "end": span[1]}], "attributed_to": None, "confidence": 0.8, **fields})


def synthetic_article(n: int, rng: random.Random, leaders: Pool, officials: Pool, bodies: Pool, cities: Pool
                      ) -> tuple[dict, object]:
    from newsgraph.article import Article

    doc = Doc()
    day = date(2018, 1, 1) + timedelta(days=rng.randrange(8 * 365))
    when = day.isoformat()
    city = cities.draw()[0]
    doc.text = f"{city}, {day:%d %B %Y} - "
    for kind in rng.sample(["appointment", "meeting", "quote", "relation", "dismissal"], k=rng.randint(3, 5)):
        if kind == "appointment":
            person, boss = officials.draw()[0], leaders.draw()[0]
            body, title = bodies.draw()[0], rng.choice(TITLES)
            s, e, ids = doc.add((boss, "PERSON"), " appointed ", (person, "PERSON"), f" as {title} of the ",
                                (body, "ORG"), ".")
            doc.fact("appointment", (s, e), person=ids[person], by=ids[boss], title=title, org=ids[body], date=when)
            doc.fact("position", (s, e), person=ids[person], title=title, org=ids[body], status="current",
                     start=when, end=None)
        elif kind == "meeting":
            a, b = leaders.draw(2) if rng.random() < 0.5 else (leaders.draw()[0], officials.draw()[0])
            s, e, ids = doc.add((a, "PERSON"), " met ", (b, "PERSON"), " in ", (city, "GPE"),
                                f" to discuss {rng.choice(TOPICS)}.")
            doc.fact("event", (s, e), event_type="meeting", participants=[ids[a], ids[b]], place=ids[city],
                     date=when, plover="CONSULT")
        elif kind == "quote":
            speaker = (leaders if rng.random() < 0.6 else officials).draw()[0]
            words = f"We will not tolerate {rng.choice(TOPICS)} in {rng.choice(COUNTRIES)}"
            s, e, ids = doc.add('"', words, ',"', " said ", (speaker, "PERSON"), ".")
            doc.fact("quote", (s + 1, s + 1 + len(words)), speaker=ids[speaker], text=words, direct=True, via=None,
                     speaker_span=None, cue_span=None)
        elif kind == "relation":
            x, y = bodies.draw(2)
            rel = rng.choice(["cooperates_with", "rival_of", "part_of"])
            verb = {"cooperates_with": " works closely with the ", "rival_of": " has long competed with the ",
                    "part_of": " is a department of the "}[rel]
            s, e, ids = doc.add("The ", (x, "ORG"), verb, (y, "ORG"), ".")
            doc.fact("relation", (s, e), relation=rel, subject=ids[x], object=ids[y])
        else:
            person, boss = officials.draw()[0], leaders.draw()[0]
            body = bodies.draw()[0]
            s, e, ids = doc.add((boss, "PERSON"), " dismissed ", (person, "PERSON"), " from the ", (body, "ORG"), ".")
            doc.fact("dismissal", (s, e), person=ids[person], by=ids[boss], org=ids[body], date=when)
    doc.text += "\n\n" + " ".join(rng.choice(FILLER) for _ in range(60)) + f" (story {n}).\n"
    article = Article(text=doc.text, title=f"Security report {n}", source=rng.choice(["wire-a", "wire-b", "daily"]),
                      published=day)
    contract = {"schema": "newsgraph.extraction/1", "article": article.header(),
                "entities": list(doc.entities.values()), "facts": doc.facts,
                "extractor": {"version": "bench", "model": "synthetic"}, "warnings": []}
    return contract, article


def build(path: Path, n_articles: int, seed: int = 7, block: int = 1000) -> float:
    """Write N_ARTICLES synthetic articles into a fresh base at PATH (bulk path); returns seconds taken.

    Rows go in through the store's table definitions and the writer's fact mapping
    (``store.writer.fact_row``) as ``executemany`` inserts, one transaction per BLOCK articles.
    Entity resolution is by exact name (every synthetic name is unique to one actor), so ids are
    assigned here instead of by ``resolve.across``, which would take tens of minutes for 5,000.
    """
    from datetime import UTC, datetime

    from newsgraph.extract.context import name_key
    from newsgraph.store import Store, writer
    from newsgraph.store.schema import (
        article_entities,
        articles,
        entities,
        entity_names,
        fact_participants,
        mentions,
        sources,
    )
    from newsgraph.store.schema import facts as facts_table

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    rng = random.Random(seed)
    leaders, officials, bodies, cities = pools(rng)
    started = time.perf_counter()
    now = datetime.now(UTC)
    ids: dict[tuple[str, str], int] = {}
    name_counts: dict[int, int] = {}
    next_fact = 1
    with Store.open(f"sqlite:///{path}") as store:
        for first in range(0, n_articles, block):
            rows: dict[str, list[dict]] = {k: [] for k in ("articles", "sources", "entities", "article_entities",
                                                           "mentions", "facts", "fact_participants")}
            for n in range(first, min(n_articles, first + block)):
                contract, article = synthetic_article(n, rng, leaders, officials, bodies, cities)
                head, text = contract["article"], contract["article"]["text"]
                rows["articles"].append({"id": head["id"], "title": head["title"], "source": head["source"],
                                         "published": head["published"], "text": text, "extractor_version": "bench",
                                         "model": "synthetic", "warnings": [], "raw": None, "ingested_at": now})
                rows["sources"].append({"article_id": head["id"], "content_hash": head["id"], "name": head["source"],
                                        "title": head["title"], "published": head["published"], "is_primary": True,
                                        "similarity": 1.0, "ingested_at": now})
                local: dict[str, int] = {}
                for ent in contract["entities"]:
                    key = (ent["type"], ent["name"])
                    if key not in ids:
                        ids[key] = len(ids) + 1
                        rows["entities"].append({"id": ids[key], "type": ent["type"], "name": ent["name"],
                                                 "key": name_key(ent["name"]), "created_at": now})
                    eid = local[ent["id"]] = ids[key]
                    name_counts[eid] = name_counts.get(eid, 0) + 1
                    rows["article_entities"].append({"article_id": head["id"], "local_id": ent["id"],
                                                     "entity_id": eid, "type": ent["type"], "name": ent["name"],
                                                     "aliases": []})
                    rows["mentions"].extend({"article_id": head["id"], "local_id": ent["id"], "entity_id": eid,
                                             "start_char": m["start"], "end_char": m["end"],
                                             "text": text[m["start"]:m["end"]]} for m in ent["mentions"])
                for fact in contract["facts"]:
                    row = writer.fact_row(fact, local, text)
                    row.update(id=next_fact, article_id=head["id"], extractor_version="bench", raw=dict(fact))
                    rows["facts"].append(row)
                    rows["fact_participants"].extend({"fact_id": next_fact, "entity_id": local[p], "position": i}
                                                     for i, p in enumerate(fact.get("participants") or []))
                    next_fact += 1
            with store.write() as conn:
                for table in (articles, sources, entities, article_entities, mentions):
                    if rows[table.name]:
                        conn.execute(table.insert(), rows[table.name])
                for kind_rows in _same_keys(rows["facts"]):
                    conn.execute(facts_table.insert(), kind_rows)
                if rows["fact_participants"]:
                    conn.execute(fact_participants.insert(), rows["fact_participants"])
            print(f"  {min(n_articles, first + block)} articles ({time.perf_counter() - started:.0f}s)",
                  file=sys.stderr)
        with store.write() as conn:  # every entity's canonical name, with how many articles used it
            conn.execute(entity_names.insert(), [
                {"entity_id": eid, "name": name, "key": name_key(name), "kind": "name", "mentions": name_counts[eid]}
                for (_type, name), eid in ids.items()])
    return time.perf_counter() - started


def _same_keys(rows: list[dict]) -> list[list[dict]]:
    """ROWS grouped by their set of keys (an executemany insert needs the same columns in every row)."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    return list(groups.values())


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def server_ms(response) -> float:
    """The app's own time for a request, from its Server-Timing header."""
    header = response.headers.get("server-timing", "")
    for part in header.split(","):
        if "dur=" in part:
            return float(part.split("dur=")[1].split(";")[0])
    return float("nan")


def time_urls(client, urls: list[str], repeat: int, cold: bool) -> dict[str, dict[str, float]]:
    """p50/p95 of the server's time (Server-Timing), the process CPU time and the client's wall time.

    COLD sends ``Cache-Control: no-cache`` so that every response is computed afresh; warm requests
    may be answered from the app's response cache (valid until the base changes).
    """
    headers = {"Cache-Control": "no-cache"} if cold else {}
    out = {}
    for url in urls:
        client.get(url)  # warm the connection, SQLite pages and (for warm runs) the cache
        server, cpu, wall = [], [], []
        for _ in range(repeat):
            c, t = time.process_time(), time.perf_counter()
            response = client.get(url, headers=headers)
            wall.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            server.append(server_ms(response))
        out[url] = {"server_p50": statistics.median(server), "server_p95": percentile(server, 95),
                    "cpu_p50": statistics.median(cpu), "cpu_p95": percentile(cpu, 95),
                    "wall_p50": statistics.median(wall), "wall_p95": percentile(wall, 95),
                    "bytes": len(response.content)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    import httpx
    import uvicorn
    from fastapi.testclient import TestClient

    from newsgraph.store import Store
    from newsgraph.web import create_app
    from newsgraph.web.data import most_connected

    OUT.mkdir(exist_ok=True)
    path = OUT / f"web-{args.articles}.db"
    build_s = None
    if args.rebuild or not path.exists():
        print(f"building {path} ...", file=sys.stderr)
        build_s = build(path, args.articles)
    with Store.open(f"sqlite:///{path}", readonly=True) as store:
        stats = store.stats()
        with store.read() as conn:
            hub = most_connected(conn)
    urls = [f"/entities/{hub}", f"/api/entities/{hub}", f"/network?entity={hub}",
            f"/api/network?entity={hub}&evidence=20", f"/api/network?entity={hub}"]
    deep = [f"/api/network?entity={hub}&depth=2&evidence=20"]
    app = create_app(f"sqlite:///{path}")
    results: dict[str, dict] = {}
    with TestClient(app) as client:
        results["cold"] = time_urls(client, urls, args.repeat, cold=True)
        results["cold"].update(time_urls(client, deep, max(3, args.repeat // 10), cold=True))
        results["warm"] = time_urls(client, urls + deep, args.repeat, cold=False)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
        results["http_warm"] = time_urls(client, urls + deep, args.repeat, cold=False)
    server.should_exit = True
    thread.join(timeout=10)
    app.state.web.close()
    result = {"base": stats, "build_seconds": build_s, "hub": hub, "repeat": args.repeat, **results}
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"base: {stats['articles']} articles, {stats['entities']} entities, {stats['facts']} facts; "
          f"most connected entity #{hub}" + (f"; built in {build_s:.0f}s" if build_s else ""))
    print(f"{'url':48} {'cold p50':>9} {'cold p95':>9} {'cpu p95':>8} {'warm p95':>9} {'http p95':>9} {'KiB':>6}")
    for url in urls + deep:
        c, w, h = results["cold"][url], results["warm"][url], results["http_warm"][url]
        print(f"{url:48} {c['server_p50']:7.0f}ms {c['server_p95']:7.0f}ms {c['cpu_p95']:6.0f}ms "
              f"{w['server_p95']:7.1f}ms {h['wall_p95']:7.1f}ms {c['bytes'] / 1024:6.0f}")
    print("cold: computed afresh (Cache-Control: no-cache); cpu: process CPU time (the machine may be shared); "
          "warm: answered from the response cache; http: client wall time over HTTP to uvicorn")


if __name__ == "__main__":
    main()
