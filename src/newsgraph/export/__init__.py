"""Exports of the whole knowledge base, for other tools.

``export(store, format, out)`` writes one of ``FORMATS``:

- ``graphml`` / ``gexf``: the actor graph (Gephi, yEd, networkx): entities as nodes, facts as
  edges (relations, meetings, posts, appointments, successions) with their fact ids and evidence;
- ``ftm``: FollowTheMoney entities as JSON lines (Person, Organization / PublicBody, Position,
  Occupancy with startDate/endDate, Membership, Event with involved, UnknownLink), which load
  into Aleph and the OpenSanctions tools;
- ``neo4j``: a folder of CSV files for ``neo4j-admin database import`` plus ``load.cypher`` that
  loads the same files into a running server with ``LOAD CSV``;
- ``csv``: a folder of plain tables (entities, aliases, facts, tenures, edges, articles);
- ``jsonld``: one JSON-LD document (schema.org terms, ``ng:`` for ours).

OUT is a file for graphml/gexf/ftm/jsonld and a folder for neo4j/csv. Retracted facts and
merged entities are left out, as in every query. Returns what was written (paths and counts).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import QueryError
from ._data import collect

FORMATS = ("graphml", "gexf", "ftm", "neo4j", "csv", "jsonld")
FOLDER_FORMATS = {"neo4j", "csv"}

__all__ = ["FORMATS", "collect", "export"]


def export(store, format: str, out: str | os.PathLike) -> dict[str, Any]:
    """Write the base to OUT in FORMAT; returns {"format", "paths", "nodes", "edges", ...}."""
    fmt = format.lower()
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    data = collect(store)
    out = Path(out)
    if fmt in FOLDER_FORMATS:
        out.mkdir(parents=True, exist_ok=True)
    elif out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        from .graph import write_graphml as write
    elif fmt == "gexf":
        from .graph import write_gexf as write
    elif fmt == "ftm":
        from .ftm import write_ftm as write
    elif fmt == "neo4j":
        from .tables import write_neo4j as write
    elif fmt == "csv":
        from .tables import write_csv as write
    else:
        from .jsonld import write_jsonld as write
    paths = write(data, out)
    return {"format": fmt, "paths": [str(p) for p in paths], "nodes": len(data["entities"]),
            "edges": len(data["edges"]), "facts": len(data["facts"]), "tenures": len(data["tenures"])}
