"""``newsgraph extract``: one article in, the contract object (or a readable report) out."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import typer

from ..article import parse_date
from ..errors import NewsgraphError
from ._app import app, err_console, errors_to_exit, fail


@app.command("extract")
def extract_cli(
    path: str = typer.Argument(..., metavar="PATH", help="A .txt or .html article, or - for standard input."),
    published: str = typer.Option(None, "--published", metavar="YYYY-MM-DD",
                                  help="Publication date; relative dates ('last week') are resolved from it."),
    source: str = typer.Option(None, "--source", metavar="NAME", help="The outlet, e.g. 'reuters'."),
    title: str = typer.Option(None, "--title", metavar="TEXT", help="The article's title."),
    url: str = typer.Option(None, "--url", metavar="URL", help="Where the article was published."),
    as_json: bool = typer.Option(False, "--json", help="Print the newsgraph.extraction/1 JSON object."),
    max_chars: int = typer.Option(None, "--max-chars", metavar="N",
                                  help="Refuse longer texts (default 1,000,000 or $NEWSGRAPH_MAX_CHARS)."),
    model: str = typer.Option(None, "--model", metavar="NAME",
                              help="An installed spaCy pipeline (default: $NEWSGRAPH_MODEL, else the best "
                              "installed en_core_web_*, else the bundled en_core_web_sm)."),
) -> None:
    """Extract entities and facts from one news article.

    Examples:

      newsgraph extract article.txt --published 2023-06-24 --source reuters

      newsgraph extract page.html --json | jq '.facts[] | select(.kind == "quote")'

      curl -s URL | newsgraph extract - --json
    """
    from .. import nlp
    from ..extract import extract
    from ..extract.pipeline import check_size
    from ..sources import read_article

    pub = None
    if published:
        pub = parse_date(published)
        if pub is None:
            raise fail(f"--published must be YYYY-MM-DD, not {published!r}")
    if path != "-" and not Path(path).exists():
        raise fail(f"{path}: no such file")
    with errors_to_exit():
        article = read_article(path, title=title, source=source, published=pub, url=url)
        for w in article.warnings:
            err_console.print(f"[yellow]warning:[/] {w}", soft_wrap=True, markup=False)
        try:
            check_size(article, max_chars)
            result = extract(article, nlp.get_nlp(model or os.environ.get(nlp.MODEL_ENV)), limit=max_chars)
        except NewsgraphError:
            raise
        except MemoryError:
            raise fail(f"{path}: article too large to process") from None
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    else:
        from .report import print_report

        print_report(result)
