"""Curation commands: merge, split, rename, reject, confirm, and the curation log.

Every change is logged and replayed after each ingest (``newsgraph.curate``), so corrections
survive re-ingest and re-extraction; ``curation-log --json`` and ``curation-replay FILE`` carry
them to a base rebuilt from scratch.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.markup import escape

from ._app import app, err_console, errors_to_exit, fail, state
from .query import _entity_id, console

_NOTE = typer.Option(None, "--note", metavar="TEXT", help="Why (kept in the log).")
_ACTOR = typer.Option(None, "--by", metavar="NAME", help="Who made the change (kept in the log).")


def _open():
    from ..store import Store

    return Store.open(state.db_url)


def _stale_hint() -> None:
    """Say once, after a correction, that queries read tenures from the facts until a refresh."""
    err_console.print("[dim]show and holders build tenures from the facts (slower on a big base) until "
                      "`newsgraph refresh` or the next ingest[/]")


def _fact_id(value: str) -> int:
    try:
        return int(value.lstrip("#"))
    except ValueError:
        raise fail(f"FACT must be a fact id (see `newsgraph show NAME --json`), not {value!r}") from None


@app.command("merge")
def merge_cli(a: str = typer.Argument(..., metavar="A", help="The entity to keep (name, alias or #id)."),
              b: str = typer.Argument(..., metavar="B", help="The entity that is really A."),
              note: str = _NOTE, actor: str = _ACTOR) -> None:
    """B is the same actor as A: merge B into A (logged; survives re-ingest)."""
    from .. import curate

    with errors_to_exit(), _open() as store:
        res = curate.merge(store, _entity_id(store, a), _entity_id(store, b), note=note, actor=actor)
    err_console.print(f"merged #{res['merged']['id']} {escape(res['merged']['name'])} into "
                      f"#{res['entity']['id']} {escape(res['entity']['name'])}")
    _stale_hint()


@app.command("split")
def split_cli(a: str = typer.Argument(..., metavar="A", help="The entity wrongly holding two actors."),
              names: list[str] = typer.Option(..., "--names", metavar="NAME",
                                              help="A name (repeat) that belongs to the other actor."),
              note: str = _NOTE, actor: str = _ACTOR) -> None:
    """NAMES of A are another actor: they (and the articles that used them) become a new entity."""
    from .. import curate

    with errors_to_exit(), _open() as store:
        res = curate.split(store, _entity_id(store, a), names, note=note, actor=actor)
    err_console.print(f"split {escape(', '.join(res['names']))} from #{res['entity']['id']} into "
                      f"#{res['new_entity']}")
    _stale_hint()


@app.command("rename")
def rename_cli(a: str = typer.Argument(..., metavar="A"), name: str = typer.Argument(..., metavar="NAME"),
               note: str = _NOTE, actor: str = _ACTOR) -> None:
    """Give A the canonical name NAME."""
    from .. import curate

    with errors_to_exit(), _open() as store:
        res = curate.rename(store, _entity_id(store, a), name, note=note, actor=actor)
    err_console.print(f"#{res['entity']['id']} is now {escape(res['name'])}")
    _stale_hint()


@app.command("reject")
def reject_cli(fact: str = typer.Argument(..., metavar="FACT", help="A fact id."), note: str = _NOTE,
               actor: str = _ACTOR) -> None:
    """FACT is wrong: hide it from queries and exports (logged; survives re-ingest)."""
    from .. import curate

    with errors_to_exit(), _open() as store:
        curate.reject(store, _fact_id(fact), note=note, actor=actor)
    err_console.print(f"rejected fact {fact}")
    _stale_hint()


@app.command("confirm")
def confirm_cli(fact: str = typer.Argument(..., metavar="FACT", help="A fact id."), note: str = _NOTE,
                actor: str = _ACTOR) -> None:
    """An analyst checked FACT: mark it confirmed."""
    from .. import curate

    with errors_to_exit(), _open() as store:
        curate.confirm(store, _fact_id(fact), note=note, actor=actor)
    err_console.print(f"confirmed fact {fact}")
    _stale_hint()


@app.command("curation-log")
def curation_log_cli(as_json: bool = typer.Option(False, "--json", help="JSON lines, for curation-replay.")) -> None:
    """Every correction made, oldest first."""
    from .. import curate
    from ..store import Store

    with errors_to_exit(), Store.open(state.db_url, readonly=True) as store:
        if as_json:
            sys.stdout.write(curate.export_log(store))
            return
        rows = curate.log(store)
    for r in rows:
        console.print(f"{r['id']:>4} {escape(r['at'] or '')} [bold]{r['action']}[/] {r['target_type']} "
                      f"{escape(r['target_id'])} {escape(r['note'] or '')}")


@app.command("curation-replay")
def curation_replay_cli(path: str = typer.Argument(None, metavar="[FILE]",
                                                   help="A log from `curation-log --json` (default: this base's).")
                        ) -> None:
    """Apply the curation log again (after a rebuild, or FILE's corrections to this base)."""
    from .. import curate

    with errors_to_exit(), _open() as store:
        if path:
            if not Path(path).is_file():
                raise fail(f"{path}: no such file")
            added = curate.import_log(store, Path(path).read_text(encoding="utf-8").splitlines())
            err_console.print(f"{added} entries added to the log")
        changed = curate.reapply(store)
    err_console.print(f"{changed} corrections applied again")


@app.command("refresh")
def refresh_cli(full: bool = typer.Option(False, "--full", help="Rebuild everything, even if up to date.")) -> None:
    """Bring the kept tenures and sighting groups up to date (ingest does it; run it after corrections).

    After a correction, show and holders build tenures from the facts until the next refresh: slower on a big base.

    It takes about 20 s for a million facts. Examples:

      newsgraph refresh

      newsgraph --db postgresql://localhost/kb refresh --full
    """
    import time

    from .. import kept_tenures

    started = time.perf_counter()
    with errors_to_exit(), _open() as store:
        with store.read() as conn:
            was = kept_tenures.fresh(conn)
        store.refresh_summary(full=full)
    if was and not full:
        err_console.print("already up to date")
    else:
        err_console.print(f"refreshed in {time.perf_counter() - started:.1f} s")
