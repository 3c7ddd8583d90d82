"""``newsgraph export --format FORMAT OUT``: the knowledge base for Gephi, Aleph, Neo4j, spreadsheets."""

from __future__ import annotations

import json
import sys

import typer

from ._app import app, err_console, errors_to_exit, fail, state


@app.command("export")
def export_cli(
    out: str = typer.Argument(..., metavar="OUT", help="A file (graphml, gexf, ftm, jsonld) or folder (neo4j, csv)."),
    format: str = typer.Option(..., "--format", "-f", metavar="FORMAT",
                               help="graphml, gexf (Gephi), ftm (FollowTheMoney JSON lines), neo4j (CSV + Cypher), "
                               "csv (tables), jsonld."),
    as_json: bool = typer.Option(False, "--json", help="Print what was written as JSON."),
) -> None:
    """Write the whole knowledge base in another tool's format (retracted facts left out).

    Examples:

      newsgraph export --format gexf graph.gexf

      newsgraph export --format ftm entities.ftm.json && ftm validate < entities.ftm.json

      newsgraph export --format neo4j neo4j-import/
    """
    from ..export import FORMATS, export
    from ..store import Store

    if format.lower() not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}, not {format!r}")
    with errors_to_exit(), Store.open(state.db_url, readonly=True) as store:
        try:
            result = export(store, format, out)
        except OSError as err:
            raise fail(f"{out}: cannot write ({err.strerror})") from None
    if as_json:
        sys.stdout.write(json.dumps(result) + "\n")
        return
    err_console.print(f"wrote {result['nodes']} entities, {result['edges']} edges, {result['tenures']} tenures "
                      f"as {result['format']}: {', '.join(result['paths'])}", soft_wrap=True)
