"""The Typer app, its global options, and the one helper that turns errors into exits."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import NewsgraphError

app = typer.Typer(
    name="newsgraph",
    help="Turn news articles into a sourced, time-aware knowledge graph of political and security actors.\n\n"
    "Start with:  newsgraph extract ARTICLE.txt   (one article, a readable report)\n\n"
    "or:          newsgraph ingest FOLDER/ && newsgraph entities   (a knowledge base)",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    rich_markup_mode="rich",
)

err_console = Console(stderr=True)
DEFAULT_DB = "sqlite:///newsgraph.db"


@dataclass
class State:
    db: str | None = None

    @property
    def db_url(self) -> str:
        return self.db or os.environ.get("NEWSGRAPH_DB") or DEFAULT_DB


state = State()


@app.callback()
def _root(
    db: str = typer.Option(
        None, "--db", metavar="URL",
        help="Database: a SQLAlchemy URL (sqlite:///path.db, postgresql://user@host/name) or a file path. "
        "Default: $NEWSGRAPH_DB, else ./newsgraph.db.",
    ),
) -> None:
    state.db = db


def fail(message: str, code: int = 2) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def errors_to_exit() -> Iterator[None]:
    """Library errors (and broken input) become one line on stderr and exit code 2."""
    try:
        yield
    except NewsgraphError as err:
        raise fail(str(err)) from None
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(0) from None
