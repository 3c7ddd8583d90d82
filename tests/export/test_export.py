"""Every export format, read back with the tool (or parser) it is for."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.errors import QueryError
from newsgraph.export import FORMATS, export


def test_followthemoney_entities_validate_and_carry_the_tenure(kb, tmp_path):
    from followthemoney import model

    out = tmp_path / "kb.ftm.json"
    export(kb, "ftm", out)
    proxies = [model.get_proxy(json.loads(line)) for line in out.read_text(encoding="utf-8").splitlines()]
    for p in proxies:
        p.schema.validate(p.to_dict())  # raises InvalidData on a bad value
        assert not [r for r in p.schema.required if not p.get(r)], (p.schema.name, p.to_dict())
    by_schema: dict[str, list] = {}
    for p in proxies:
        by_schema.setdefault(p.schema.name, []).append(p)
    assert {p.first("name") for p in by_schema["Person"]} == {"Asim Malik", "Wang Xiaohong"}
    assert [p.first("name") for p in by_schema["PublicBody"]] == ["Inter-Services Intelligence"]
    ids = {p.id for p in proxies}
    occupancies = {p.first("holder"): p for p in by_schema["Occupancy"]}
    malik = next(p.id for p in by_schema["Person"] if p.first("name") == "Asim Malik")
    assert occupancies[malik].first("startDate") == "2024-09-30"
    assert occupancies[malik].first("post") in ids
    post = next(p for p in by_schema["Position"] if p.id == occupancies[malik].first("post"))
    assert post.first("organization") in ids
    [event] = by_schema["Event"]
    assert set(event.get("involved")) == {p.id for p in by_schema["Person"]} and event.first("date") == "2024-11-07"
    [member] = by_schema["Membership"]
    assert member.first("organization") == next(p.id for p in proxies if p.first("name") == "Communist Party of China")


def test_graphml_and_gexf_parse_with_nodes_edges_and_evidence(kb, tmp_path):
    export(kb, "graphml", tmp_path / "kb.graphml")
    root = ET.parse(tmp_path / "kb.graphml").getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    names = {d.text for d in root.iterfind(".//g:node/g:data[@key='n_name']", ns)}
    assert {"Asim Malik", "Wang Xiaohong", "Beijing"} <= names
    edges = root.findall(".//g:edge", ns)
    kinds = {e.find("g:data[@key='e_kind']", ns).text for e in edges}
    assert {"event", "appointment", "relation"} & kinds >= {"event", "relation"}
    meeting = next(e for e in edges if e.find("g:data[@key='e_relation']", ns).text == "meeting")
    assert "met Chinese Minister" in meeting.find("g:data[@key='e_evidence']", ns).text

    export(kb, "gexf", tmp_path / "kb.gexf")
    groot = ET.parse(tmp_path / "kb.gexf").getroot()
    gns = {"x": "http://gexf.net/1.3"}
    labels = {n.get("label") for n in groot.iterfind(".//x:node", gns)}
    assert {"Asim Malik", "Wang Xiaohong"} <= labels
    node_ids = {n.get("id") for n in groot.iterfind(".//x:node", gns)}
    assert all(e.get("source") in node_ids and e.get("target") in node_ids for e in groot.iterfind(".//x:edge", gns))


def test_neo4j_csv_and_jsonld(kb, tmp_path):
    export(kb, "neo4j", tmp_path / "neo")
    with (tmp_path / "neo" / "nodes.csv").open(encoding="utf-8") as fh:
        nodes = list(csv.DictReader(fh))
    with (tmp_path / "neo" / "relationships.csv").open(encoding="utf-8") as fh:
        rels = list(csv.DictReader(fh))
    assert set(nodes[0]) >= {"id:ID", ":LABEL"} and set(rels[0]) >= {":START_ID", ":END_ID", ":TYPE"}
    node_ids = {n["id:ID"] for n in nodes}
    assert all(r[":START_ID"] in node_ids and r[":END_ID"] in node_ids for r in rels)
    assert {"MET", "MEMBER_OF"} <= {r[":TYPE"] for r in rels}
    assert "LOAD CSV" in (tmp_path / "neo" / "load.cypher").read_text(encoding="utf-8")

    export(kb, "csv", tmp_path / "tables")
    with (tmp_path / "tables" / "tenures.csv").open(encoding="utf-8") as fh:
        tenures = {r["person"]: r for r in csv.DictReader(fh)}
    assert tenures["Asim Malik"]["start"] == "2024-09-30" and tenures["Wang Xiaohong"]["status"] == "current"

    export(kb, "jsonld", tmp_path / "kb.jsonld")
    doc = json.loads((tmp_path / "kb.jsonld").read_text(encoding="utf-8"))
    roles = [n for n in doc["@graph"] if n.get("@type") == "Role"]
    assert {r["roleName"] for r in roles} >= {"Minister of Public Security"}
    people = {n["@id"] for n in doc["@graph"] if n.get("@type") == "Person"}
    assert all(r["ng:holder"]["@id"] in people for r in roles)


def test_unknown_format_and_the_cli(kb, tmp_path):
    with pytest.raises(QueryError):
        export(kb, "xlsx", tmp_path / "x")
    runner = CliRunner()
    if kb.engine.dialect.name != "sqlite":
        pytest.skip("the CLI is exercised on SQLite")
    for fmt in FORMATS:
        target = tmp_path / f"cli-{fmt}"
        result = runner.invoke(app, ["--db", str(kb.engine.url), "export", "--format", fmt, str(target), "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["nodes"] >= 5
    assert runner.invoke(app, ["--db", str(kb.engine.url), "export", "--format", "pdf", "x"]).exit_code == 2
