"""Query and curation commands on the bundled sample articles, read by the real pipeline."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory):
    """The README's first command: the bundled samples in a fresh base (built once for this module)."""
    path = tmp_path_factory.mktemp("kb") / "samples.db"
    result = runner.invoke(app, ["--db", str(path), "ingest", "--samples"])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def db(samples_db, tmp_path):
    """A private copy, for commands that change the base."""
    copy = tmp_path / "kb.db"
    shutil.copy(samples_db, copy)
    return str(copy)


def run(db: str, *args: str):
    return runner.invoke(app, ["--db", db, *args])


def test_entities_lists_people_with_aliases(samples_db):
    result = run(str(samples_db), "entities", "--type", "PERSON", "--json")
    assert result.exit_code == 0, result.output
    people = json.loads(result.stdout)
    assert people and all(set(p) >= {"id", "name", "type", "aliases"} and p["type"] == "PERSON" for p in people)
    # the KNB chairman is spelled Sergei and Sergey in different samples: one person
    kudrin = [p for p in people if "Kudrin" in p["name"]]
    assert len(kudrin) == 1 and "Sergey Kudrin" in [kudrin[0]["name"], *kudrin[0]["aliases"]]
    table = run(str(samples_db), "entities", "--type", "PERSON")
    assert table.exit_code == 0 and "Kudrin" in table.stdout


def test_show_json_has_the_fixed_shape(samples_db):
    result = run(str(samples_db), "show", "sergey kudrin", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"entity", "positions", "events", "quotes", "relations"}
    assert data["entity"]["name"] == "Sergei Kudrin"
    for p in data["positions"]:
        assert set(p) >= {"title", "org", "status", "start", "end", "sources"}
        assert all(set(s) >= {"article", "title", "source", "published", "evidence"} for s in p["sources"])
    assert run(str(samples_db), "show", "Kudrin").exit_code == 0


def test_unknown_and_ambiguous_names_exit_2(db):
    assert run(db, "show", "Nobody Atall").exit_code == 2
    # make "Kudrin" ambiguous: split one spelling off as another person
    assert run(db, "split", "Sergei Kudrin", "--names", "Sergey Kudrin").exit_code == 0
    result = run(db, "show", "Kudrin")
    assert result.exit_code == 2
    assert "Sergei Kudrin" in result.output and "Sergey Kudrin" in result.output


def test_stats_holders_timeline_network_path_why(samples_db):
    db = str(samples_db)
    stats = json.loads(run(db, "stats", "--json").stdout)
    assert set(stats) == {"articles", "entities", "facts", "failed", "duplicates"} and stats["articles"] == 6
    holders = run(db, "holders", "interior minister", "--json")
    assert holders.exit_code == 0, holders.output
    for h in json.loads(holders.stdout):
        assert set(h) >= {"person", "title", "org", "status", "start", "end", "sources"}
    assert run(db, "holders", "interior minister", "--on", "2025-13-45").exit_code == 2
    timeline = json.loads(run(db, "timeline", "Kudrin", "--json").stdout)
    assert [t["when"] for t in timeline] == sorted(t["when"] for t in timeline)
    net = json.loads(run(db, "network", "Kudrin", "--depth", "2", "--json").stdout)
    assert set(net) == {"nodes", "edges"} and all({"kind", "facts", "evidence"} <= set(e) for e in net["edges"])
    why = json.loads(run(db, "why", "Sergei Kudrin", "Sergey Kudrin", "--json").stdout)
    assert why["same"] and any(lk["rule"] == "transliteration" for lk in why["links"])
    assert run(db, "quotes", "Kudrin").exit_code == 0
    assert run(db, "failures", "--json").exit_code == 0


def test_curation_commands_and_log(db):
    assert run(db, "rename", "Kudrin", "Sergei Kudrin (KNB)").exit_code == 0
    log = run(db, "curation-log", "--json")
    assert log.exit_code == 0 and json.loads(log.stdout.splitlines()[0])["action"] == "rename"
    assert run(db, "reject", "not-a-number").exit_code == 2
    assert run(db, "curation-replay").exit_code == 0
    people = json.loads(run(db, "entities", "--type", "PERSON", "--json").stdout)
    assert "Sergei Kudrin (KNB)" in {p["name"] for p in people}


def test_refresh_after_curation_makes_the_kept_tenures_fresh_again(db):
    from newsgraph import kept_tenures
    from newsgraph.store import Store

    def fresh() -> bool:
        with Store.open(f"sqlite:///{db}", readonly=True) as kb, kb.read() as conn:
            return kept_tenures.fresh(conn)

    assert fresh()  # ingest refreshed them
    before = json.loads(run(db, "holders", "interior minister", "--json").stdout)
    renamed = run(db, "rename", "Kudrin", "Sergei Kudrin (KNB)")
    assert renamed.exit_code == 0 and "newsgraph refresh" in renamed.output
    assert not fresh()
    stale = json.loads(run(db, "holders", "interior minister", "--json").stdout)  # built from the facts meanwhile
    result = run(db, "refresh")
    assert result.exit_code == 0 and "refreshed in" in result.output
    assert fresh()
    assert json.loads(run(db, "holders", "interior minister", "--json").stdout) == stale == before
    assert "already up to date" in run(db, "refresh").output
