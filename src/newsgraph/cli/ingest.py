"""``newsgraph ingest``, ``stats`` and ``failures``: fill the knowledge base and see what is in it.

Listing what is in it (``entities``, ``show``, ...) is ``cli/query.py``'s.
"""

from __future__ import annotations

import json
import sys

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ._app import app, err_console, errors_to_exit, fail, state

console = Console()


def _open(readonly: bool = False):
    from ..store import Store

    return Store.open(state.db_url, readonly=readonly)


@app.command("ingest")
def ingest_cli(
    paths: list[str] = typer.Argument(None, metavar="PATH...",
                                      help="Files or folders (.txt .html .jsonl .csv .rss/.atom/.xml), "
                                      "or - for JSON lines on standard input."),
    samples: bool = typer.Option(False, "--samples", help="Read the bundled sample articles."),
    source: str = typer.Option(None, "--source", metavar="NAME",
                               help="The outlet of articles that don't name one, e.g. 'reuters'."),
    workers: int = typer.Option(1, "--workers", min=1, metavar="N", help="Extract in N processes."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, metavar="N", help="Articles parsed together."),
    model: str = typer.Option(None, "--model", metavar="NAME", help="An installed spaCy pipeline."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON on stdout."),
    executor: str = typer.Option("local", "--executor", metavar="local|dask",
                                 help="Where extraction runs: this machine, or a Dask cluster."),
    scheduler: str = typer.Option(None, "--scheduler", metavar="ADDRESS",
                                  help="With --executor dask: the scheduler (tcp://host:8786); "
                                  "without it a local cluster of --workers processes."),
) -> None:
    """Read articles into the knowledge base: one transaction per article, failures recorded, re-runs harmless.

    Examples:

      newsgraph ingest --samples

      newsgraph ingest corpus/ --source reuters --workers 2

      cat articles.jsonl | newsgraph --db postgresql://localhost/kb ingest -
    """
    from ..ingest import ingest
    from ..sources.walk import estimate_total

    if not paths and not samples:
        raise fail("give PATH... to read, or --samples for the bundled articles")
    if executor not in ("local", "dask") or (scheduler and executor != "dask"):
        raise fail("--executor is local or dask; --scheduler goes with --executor dask")
    _stop_on_sigterm()
    with errors_to_exit():
        store = _open()
        total = None if samples is False and any(p == "-" for p in paths) else estimate_total(paths, samples)
        counts = {"facts": 0, "failed": 0}
        columns = [SpinnerColumn(), TextColumn("[bold]ingest[/]"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("articles · {task.fields[rate]:.1f}/s · {task.fields[facts]} facts · "
                              "{task.fields[failed]} failed"), TimeElapsedColumn()]
        with store, Progress(*columns, console=err_console, transient=False,
                             disable=not err_console.is_terminal) as progress:
            task = progress.add_task("ingest", total=total, rate=0.0, facts=0, failed=0)

            def on_event(event) -> None:
                counts["facts"] += event.facts
                counts["failed"] += event.status == "failed"
                progress.advance(task)
                elapsed = progress.tasks[0].elapsed or 0.0
                done = progress.tasks[0].completed
                progress.update(task, rate=done / elapsed if elapsed else 0.0, **counts)

            run = ingest
            if executor == "dask":
                from ..executors.dask_cluster import ingest as run
            summary = run(paths or (), store=store, samples=samples, source=source, workers=workers,
                          batch_size=batch_size, model=model, on_event=on_event,
                          **({"scheduler": scheduler} if executor == "dask" else {}))
    if as_json:
        sys.stdout.write(json.dumps(summary.to_json()) + "\n")
        return
    rate = summary.read / summary.seconds if summary.seconds else 0.0
    err_console.print(
        f"[bold]{summary.read}[/] read: [green]{summary.added} added[/] ({summary.facts} facts, "
        f"{summary.entities} new entities), {summary.unchanged} already stored, "
        f"{summary.duplicates} near-duplicates kept as sources, "
        f"[{'red' if summary.failed else 'green'}]{summary.failed} failed[/] "
        f"in {summary.seconds:.1f}s ({rate:.1f} articles/s)", soft_wrap=True)
    for event in summary.failures[:10]:
        reason = event.reason or "?"
        where = f"{event.origin}: " if event.origin and not reason.startswith(event.origin) else ""
        err_console.print(f"  [red]failed[/] {escape(where + reason)}", soft_wrap=True)
    if summary.failed:
        more = f" ({summary.failed - 10} more)" if summary.failed > 10 else ""
        err_console.print(f"  see `newsgraph failures`{more}")


def _stop_on_sigterm() -> None:
    """Let `kill` stop an ingest like Ctrl-C does: unwinding, so worker processes are stopped too.

    (Each article is its own transaction, so stopping at any point loses only the one in flight.)
    """
    import signal

    def stop(signum, frame) -> None:
        raise KeyboardInterrupt

    if signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
        signal.signal(signal.SIGTERM, stop)


@app.command("stats")
def stats_cli(as_json: bool = typer.Option(False, "--json", help="Print one JSON object.")) -> None:
    """How much the knowledge base holds: articles, entities, facts, failed inputs, near-duplicates."""
    with errors_to_exit(), _open(readonly=True) as store:
        stats = store.stats()
    if as_json:
        sys.stdout.write(json.dumps(stats) + "\n")
        return
    table = Table(box=None, show_header=False)
    for key, value in stats.items():
        table.add_row(key, f"[bold]{value}[/]")
    console.print(table)


@app.command("failures")
def failures_cli(as_json: bool = typer.Option(False, "--json", help="Print a JSON array.")) -> None:
    """Inputs that could not be stored, and why (they are retried by the next ingest of the same input)."""
    with errors_to_exit(), _open(readonly=True) as store:
        rows = store.failures()
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
        return
    if not rows:
        console.print("no failures")
        return
    table = Table("stage", "input", "reason", box=None, show_edge=False)
    for row in rows:
        table.add_row(row["stage"], escape(row["origin"] or row["key"]), escape(row["reason"]))
    console.print(table)

