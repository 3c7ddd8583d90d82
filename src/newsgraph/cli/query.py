"""Query commands: entities, show, holders, quotes, timeline, network, path, why, article.

Each is a thin shell over ``newsgraph.query``: it opens the base read-only, turns a NAME into an
entity id (``query.resolve_name``: any name or alias, case- and accent-blind, tolerant of
transliteration; an ambiguous NAME lists the candidates and exits 2), calls one function and
prints its result, as JSON with ``--json``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import QueryError
from ._app import app, err_console, errors_to_exit, fail, state

console = Console()

_JSON = typer.Option(False, "--json", help="Print JSON on stdout.")
_OUTLETS = typer.Option(None, "--outlets", metavar="FILE",
                        help="Outlets file (YAML/CSV: outlet -> kind, country); default $NEWSGRAPH_OUTLETS or "
                        "./outlets.yaml.")


@contextmanager
def _store() -> Iterator[Any]:
    from ..store import Store

    with errors_to_exit(), Store.open(state.db_url, readonly=True) as store:
        yield store


def _dump(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")


def _entity_id(store, name: str) -> int:
    """NAME's entity id; an ambiguous name prints the candidates and exits 2."""
    from .. import query

    try:
        return query.resolve_name(store, name)
    except QueryError as err:
        err_console.print(f"[bold red]error:[/] {escape(name)!s} is ambiguous; candidates:", soft_wrap=True)
        for c in err.candidates:
            aka = f" (also {', '.join(c['aliases'][:4])})" if c.get("aliases") else ""
            err_console.print(f"  #{c['id']}  {escape(c['name'])}  [dim]{c['type']}{escape(aka)}[/]", soft_wrap=True)
        err_console.print("  use the #id to pick one, e.g. `newsgraph show '#{}'`".format(err.candidates[0]["id"])
                          if err.candidates else "")
        raise typer.Exit(2) from None


def _outlets(path: str | None):
    from ..outlets import default_outlets, load_outlets

    return load_outlets(path) if path else default_outlets()


def _src(s: dict[str, Any]) -> str:
    who = f" (according to {s['attributed_to'].get('name')})" if s.get("attributed_to") else ""
    head = " · ".join(x for x in (s.get("source"), s.get("published")) if x)
    ev = " ".join((s.get("evidence") or "").split())
    if len(ev) > 200:
        ev = ev[:197] + "..."
    return f"[dim]{escape(head)}{escape(who)}: “{escape(ev)}”[/]"


@app.command("entities")
def entities_cli(
    type: str = typer.Option(None, "--type", metavar="TYPE", help="PERSON, ORG, GPE, ..."),
    search: str = typer.Option(None, "--search", metavar="TEXT", help="Only names containing TEXT (or spelled so)."),
    limit: int = typer.Option(50, "--limit", min=1, help="How many to list."),
    as_json: bool = _JSON,
) -> None:
    """Entities in the knowledge base, most mentioned first."""
    from .. import query

    with _store() as store:
        rows = query.list_entities(store, type=type, search=search, limit=limit)
    if as_json:
        return _dump(rows)
    table = Table("id", "type", "name", "also called", "articles", box=None, show_edge=False)
    for r in rows:
        table.add_row(str(r["id"]), r["type"], escape(r["name"]), escape(", ".join(r["aliases"][:5])),
                      str(r["articles"]))
    console.print(table)


@app.command("show")
def show_cli(name: str = typer.Argument(..., metavar="NAME", help="A name, alias or #id."),
             outlets: str = _OUTLETS, as_json: bool = _JSON) -> None:
    """Everything known about one actor: posts held (with dates), events, quotes, relations, with sources."""
    from .. import query

    with _store() as store:
        data = query.show(store, _entity_id(store, name), outlets=_outlets(outlets))
    if as_json:
        return _dump(data)
    e = data["entity"]
    console.rule(f"{escape(e['name'])} [dim]#{e['id']} {e['type']}[/]")
    if e["aliases"]:
        console.print(f"also called: {escape(', '.join(e['aliases']))}")
    for p in data["positions"]:
        console.print(f"[bold]post[/] {escape(p['title'])}" + (f" ({escape(p['org']['name'])})" if p["org"] else "")
                      + f"  {p['status']}  {_span(p)}")
        for s in p["sources"][:3]:
            console.print("   " + _src(s))
    for ev in data["events"]:
        who = ", ".join(x["name"] or "?" for x in ev["participants"])
        console.print(f"[bold]{escape(ev['event_type'] or 'event')}[/] {escape(ev['date'] or '')} with "
                      f"{escape(who)}  [dim]{ev['corroboration']['outlets']} outlet(s)[/]")
        console.print("   " + _src(ev["sources"][0]))
    for r in data["relations"]:
        other = escape(r["other"]["name"] or "?")
        console.print(f"[bold]{escape(r['relation'])}[/] {other} [dim]({r['direction']})[/]")
        console.print("   " + _src(r["sources"][0]))
    for q in data["quotes"][:10]:
        console.print(f"[bold]said[/] “{escape(q['text'] or '')}”")
        console.print("   " + _src(q["sources"][0]))


def _span(p: dict[str, Any]) -> str:
    start = p.get("start") or (f"seen {p['first_seen']}" if p.get("first_seen") else "?")
    end = p.get("end") or (f"seen {p['last_seen']}" if p.get("last_seen") and p["status"] == "current" else
                           (f"before {p['ended_before']}" if p.get("ended_before") else "?"))
    return f"{start} → {end}"


@app.command("holders")
def holders_cli(title: str = typer.Argument(..., metavar="TITLE", help="A post, in any wording: 'interior minister'."),
                on: str = typer.Option(None, "--on", metavar="YYYY-MM-DD", help="Only who held it on that date."),
                outlets: str = _OUTLETS, as_json: bool = _JSON) -> None:
    """Who held a post, when (from appointments, dismissals, successions and dated sightings), on what evidence."""
    from .. import query
    from ..article import parse_date

    if on and parse_date(on) is None:
        raise fail(f"--on must be YYYY-MM-DD, not {on!r}")
    with _store() as store:
        counts: dict[str, Any] = {}
        rows = query.holders(store, title, on=on, outlets=_outlets(outlets), counts=counts)
    if counts.get("holders", 0) > counts.get("shown", 0):  # on stderr: --json output stays a plain list
        more = "more than " if counts.get("more") else ""
        err_console.print(f"the {counts['shown']} most reported of {more}{counts['holders']} holders "
                          "(people per body); name the body for the rest, e.g. 'interior minister of Kenya'")
    if as_json:
        return _dump(rows)
    if not rows:
        console.print("nobody found")
    for p in rows:
        org = f" ({escape(p['org']['name'])})" if p["org"] else ""
        console.print(f"[bold]{escape(p['person']['name'] or '?')}[/] {escape(p['title'])}{org}  {p['status']}  "
                      f"{_span(p)}")
        for s in p["sources"][:3]:
            console.print("   " + _src(s))


@app.command("quotes")
def quotes_cli(name: str = typer.Argument(..., metavar="NAME"), as_json: bool = _JSON) -> None:
    """What an actor said (and relayed), oldest first, with where it was reported."""
    from .. import query

    with _store() as store:
        rows = query.quotes(store, _entity_id(store, name))
    if as_json:
        return _dump(rows)
    for q in rows:
        via = f" [dim](via {escape(q['via']['name'] or '?')})[/]" if q.get("via") else ""
        console.print(f"[bold]{escape(q['date'] or '')}[/] “{escape(q['text'] or '')}”{via}")


@app.command("timeline")
def timeline_cli(name: str = typer.Argument(..., metavar="NAME"), as_json: bool = _JSON) -> None:
    """Every fact about an actor in date order."""
    from .. import query
    from ..describe import describe_fact

    with _store() as store:
        rows = query.timeline(store, _entity_id(store, name))
    if as_json:
        return _dump(rows)
    for f in rows:
        console.print(f"[bold]{escape(f['when'] or '?'):>10}[/] {f['kind']:>11}  {escape(_describe(f, describe_fact))}")


def _describe(f: dict[str, Any], describe_fact) -> str:
    """A one-line sentence for a stored fact (entities as names)."""
    names: dict[str, str] = {}
    flat: dict[str, Any] = {}
    for k, v in f.items():
        if isinstance(v, dict) and "id" in v and "name" in v:
            names[str(v["id"])] = v["name"] or "?"
            flat[k] = str(v["id"])
        elif k == "participants":
            flat[k] = [str(p["id"]) for p in v]
            names.update({str(p["id"]): p["name"] or "?" for p in v})
        else:
            flat[k] = v
    try:
        return describe_fact(flat, names)
    except Exception:  # noqa: BLE001 -- a description is a courtesy; the JSON has the fact
        return f.get("source", {}).get("evidence") or f["kind"]


@app.command("network")
def network_cli(name: str = typer.Argument(None, metavar="[NAME]", help="Centre on this actor (default: all)."),
                depth: int = typer.Option(1, "--depth", min=1, max=4, help="Steps from NAME."),
                relation: str = typer.Option(None, "--relation", help="Only edges of this kind or relation."),
                since: str = typer.Option(None, "--since", metavar="DATE"),
                until: str = typer.Option(None, "--until", metavar="DATE"),
                as_json: bool = _JSON) -> None:
    """The actors linked to NAME (or all) and the facts that link them."""
    from .. import query

    with _store() as store:
        eid = _entity_id(store, name) if name else None
        data = query.network(store, eid, depth=depth, relation=relation, since=since, until=until)
    if as_json:
        return _dump(data)
    names = {n["id"]: n["name"] for n in data["nodes"]}
    for e in data["edges"]:
        console.print(f"{escape(names.get(e['source']) or '?')} —[bold]{escape(e['relation'] or e['kind'])}[/]→ "
                      f"{escape(names.get(e['target']) or '?')}  [dim]{e['weight']} fact(s)[/]")


@app.command("path")
def path_cli(a: str = typer.Argument(..., metavar="A"), b: str = typer.Argument(..., metavar="B"),
             as_json: bool = _JSON) -> None:
    """How two actors are connected: the shortest chain of facts between them."""
    from .. import query

    with _store() as store:
        data = query.path(store, _entity_id(store, a), _entity_id(store, b))
    if as_json:
        return _dump(data)
    if not data["found"]:
        console.print("no connection found")
        raise typer.Exit(1)
    for s in data["steps"]:
        console.print(f"{escape(s['from']['name'] or '?')} —[bold]{escape(s['relation'] or s['kind'])}[/]→ "
                      f"{escape(s['to']['name'] or '?')}")
        console.print("   " + _src(s["evidence"][0]))


@app.command("why")
def why_cli(a: str = typer.Argument(..., metavar="A"), b: str = typer.Argument(..., metavar="B"),
            as_json: bool = _JSON) -> None:
    """Why two names are one entity (which evidence tied them) or were kept apart."""
    from .. import query

    with _store() as store:
        data = query.why(store, _entity_id(store, a), _entity_id(store, b))
    if as_json:
        return _dump(data)
    console.print(f"[bold]{escape(data['a']['name'])}[/] #{data['a']['id']} / [bold]{escape(data['b']['name'])}[/] "
                  f"#{data['b']['id']}: {escape(data['verdict'])}")
    for lk in data["links"]:
        if lk["rule"] == "new":
            continue
        ev = lk["evidence"] or {}
        detail = "; ".join(str(x) for x in (ev.get("why"), *(ev.get("context") or [])) if x)
        console.print(f"  {escape(lk['source'] or '?')} {escape(lk['published'] or '')}: '{escape(lk['name'])}' "
                      f"linked by {lk['rule']}" + (f" — {escape(detail)}" if detail else ""))
    for c in data["curation"]:
        console.print(f"  curation: {c['action']} {escape(json.dumps(c['payload'], default=str))}")
    for c in data.get("names", [])[:3]:
        console.print(f"  [dim]{escape(c['a'])} / {escape(c['b'])}: {escape(c['why'])}[/]")


@app.command("article")
def article_cli(article_id: str = typer.Argument(..., metavar="ID", help="An article id (a prefix will do)."),
                as_json: bool = _JSON) -> None:
    """One stored article: metadata, its facts with their evidence."""
    from .. import query

    with _store() as store:
        data = query.article(store, article_id)
    if as_json:
        return _dump(data)
    console.rule(escape(" · ".join(x for x in (data["title"], data["source"], data["published"]) if x)))
    for f in data["facts"]:
        console.print(f"[bold]{f['kind']:>11}[/]  " + _src(f["source"]))
