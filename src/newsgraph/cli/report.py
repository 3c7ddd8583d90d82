"""The human-readable extraction report: entities by type, then facts with their evidence."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..describe import describe_fact

console = Console()


def print_report(result: dict) -> None:
    art = result["article"]
    text = art["text"]
    names = {e["id"]: e["name"] for e in result["entities"]}
    head = " · ".join(x for x in (art.get("title"), art.get("source"), art.get("published")) if x)
    console.rule(escape(head or "article"))
    table = Table("type", "entity", "also called", "mentions", box=None, show_edge=False)
    for e in sorted(result["entities"], key=lambda e: (e["type"], e["name"])):
        table.add_row(e["type"], escape(e["name"]), escape(", ".join(e["aliases"])), str(len(e["mentions"])))
    console.print(table)
    console.rule("facts")
    if not result["facts"]:
        console.print("[dim]no facts found[/]")
    for f in result["facts"]:
        who = f" [dim](according to {escape(names.get(f['attributed_to'], '?'))})[/]" if f.get("attributed_to") else ""
        console.print(f"[bold]{f['kind']:>11}[/]  {escape(describe_fact(f, names))}{who}")
        for ev in f.get("evidence", [])[:1]:
            snippet = " ".join(text[ev["start"]:ev["end"]].split())
            if len(snippet) > 240:
                snippet = snippet[:237] + "..."
            console.print(f"             [dim]“{escape(snippet)}”[/]")
    for w in result.get("warnings", []):
        console.print(f"[yellow]warning:[/] {escape(w)}")
