"""``newsgraph ingest / stats / failures`` with the real pipeline, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.store import Store
from newsgraph.store.schema import articles, entities, facts, failures, mentions, sources

runner = CliRunner()

ARTICLES = {
    "ghana.txt": "Ghana's President John Mahama appointed Edward Omane Boamah as defence minister on Tuesday. "
                 "Boamah replaces Dominic Nitiwul, who held the post for eight years, the presidency said.",
    "chile.txt": "Chilean Interior Minister Carolina Toha resigned on Friday after protests in Santiago. "
                 "President Gabriel Boric said he accepted her resignation with regret.",
    "nepal.txt": "Nepal's Prime Minister K.P. Sharma Oli met Indian Foreign Secretary Vikram Misri in Kathmandu "
                 "on Monday. The two discussed border trade and hydropower, officials said.",
    "norway.txt": "Norway's intelligence chief Nils Andreas Stensones warned on Thursday that Russian sabotage "
                  "was a growing threat. He told reporters in Oslo that the police were on alert.",
    "vietnam.txt": "Vietnam's National Assembly elected Luong Cuong as state president on Monday. Cuong, a "
                   "former army general, replaces To Lam, who remains general secretary of the Communist Party.",
    "peru.txt": "Peru's Congress censured Interior Minister Juan Jose Santivanez on Friday. Lawmakers in Lima "
                "said the minister had failed to stop a wave of extortion killings.",
}


def write_corpus(folder: Path, names: list[str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or ARTICLES:
        (folder / name).write_text(ARTICLES[name] + "\n", encoding="utf-8")
    return folder


def run(url: str, *args: str, input: str | None = None):
    result = runner.invoke(app, ["--db", url, *args], input=input)
    return result


def stats(url: str) -> dict:
    r = run(url, "stats", "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def snapshot(url: str) -> dict:
    """Everything that must come out the same whichever way the base was filled."""
    with Store.open(url, readonly=True) as store, store.read() as conn:
        return {
            "articles": sorted(conn.execute(sa.select(articles.c.id)).scalars()),
            "sources": sorted(conn.execute(sa.select(sources.c.content_hash, sources.c.article_id,
                                                     sources.c.is_primary)).all()),
            "entities": sorted(conn.execute(sa.select(entities.c.type, entities.c.name)).all()),
            "mentions": conn.execute(sa.select(sa.func.count()).select_from(mentions)).scalar(),
            "facts": sorted(conn.execute(sa.select(facts.c.article_id, facts.c.local_id, facts.c.kind)).all()),
            "failures": sorted(conn.execute(sa.select(failures.c.key, failures.c.stage)).all()),
        }


def test_a_folder_of_mixed_inputs(store_url, tmp_path):
    corpus = write_corpus(tmp_path / "in", ["ghana.txt", "chile.txt"])
    (corpus / "page.html").write_text(
        "<html><head><title>Nepal talks</title></head><body><article><h1>Nepal talks</h1>"
        f"<p>{ARTICLES['nepal.txt']}</p><p>More talks are planned for next year in New Delhi, the ministry "
        "said in a statement on its website.</p></article></body></html>", encoding="utf-8")
    (corpus / "wire.jsonl").write_text(
        json.dumps({"id": "w1", "text": ARTICLES["norway.txt"], "source": "ntb", "published": "2024-05-02"}) + "\n"
        + "{broken\n"
        + json.dumps({"id": "w2", "title": "no body"}) + "\n", encoding="utf-8")
    (corpus / "vn.csv").write_text('id,text,source\nv1,"' + ARTICLES["vietnam.txt"] + '",vnexpress\n',
                                   encoding="utf-8")
    (corpus / "notes.json").write_text("{}", encoding="utf-8")  # not an input kind: skipped
    r = run(store_url, "ingest", str(corpus), "--source", "desk", "--json")
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout)
    assert summary["read"] == 7 and summary["added"] + summary["failed"] == 7
    got = stats(store_url)
    assert got["articles"] == summary["added"] and got["failed"] == summary["failed"]
    r = run(store_url, "failures", "--json")
    rows = json.loads(r.stdout)
    read_failures = sorted(row["origin"] for row in rows if row["stage"] == "read")
    assert read_failures == [f"{corpus / 'wire.jsonl'}:2", f"{corpus / 'wire.jsonl'}:3"]
    assert all(row["reason"] for row in rows)
    with Store.open(store_url, readonly=True) as store, store.read() as conn:
        outlets = dict(conn.execute(sa.select(sources.c.origin, sources.c.name)).all())
    assert outlets.get(f"{corpus / 'wire.jsonl'}:1", "ntb") == "ntb"  # the record's own outlet wins
    assert outlets.get(str(corpus / "ghana.txt"), "desk") == "desk"  # --source fills in the rest


def test_ingesting_again_changes_nothing(store_url, tmp_path):
    corpus = write_corpus(tmp_path / "in")
    assert run(store_url, "ingest", str(corpus)).exit_code == 0
    before = snapshot(store_url)
    r = run(store_url, "ingest", str(corpus), "--json")
    assert r.exit_code == 0, r.output
    again = json.loads(r.stdout)
    assert again["added"] == 0 and again["unchanged"] == len(before["articles"])
    assert snapshot(store_url) == before


def test_json_lines_on_stdin_and_wire_copies(store_url):
    lines = [
        {"id": "afp-1", "text": ARTICLES["ghana.txt"], "source": "afp"},
        {"id": "ghanaweb-9", "text": "ACCRA, July 8 (GhanaWeb) - " + ARTICLES["ghana.txt"] + " Reporting by staff.",
         "source": "ghanaweb"},
        {"id": "afp-2", "text": ARTICLES["peru.txt"], "source": "afp"},
    ]
    payload = "".join(json.dumps(x) + "\n" for x in lines)
    r = run(store_url, "ingest", "-", "--json", input=payload)
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout)
    assert summary["duplicates"] == 1
    assert stats(store_url)["duplicates"] == 1
    with Store.open(store_url, readonly=True) as store, store.read() as conn:
        copy = conn.execute(sa.select(sources).where(sources.c.external_id == "ghanaweb-9")).one()
        first = conn.execute(sa.select(sources).where(sources.c.external_id == "afp-1")).one()
    assert copy.article_id == first.article_id and not copy.is_primary and copy.name == "ghanaweb"


def test_samples_then_stats_then_entities(store_url):
    r = run(store_url, "ingest", "--samples")
    assert r.exit_code == 0, r.output
    got = stats(store_url)
    assert got["articles"] + got["failed"] >= 6 and got["entities"] > 0
    r = run(store_url, "entities", "--type", "PERSON")
    assert r.exit_code == 0, r.output
    assert "Kudrin" in r.stdout or "Carranza" in r.stdout or "Paredes" in r.stdout


def test_bad_files_are_recorded_and_the_batch_goes_on(tmp_path):
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    corpus = write_corpus(tmp_path / "in", ["chile.txt"])
    (corpus / "empty.txt").write_text("  \n", encoding="utf-8")
    (corpus / "scan.txt").write_bytes(b"%PDF-1.7\x00\x00\x01\x02" * 100)
    (corpus / "latin1.txt").write_bytes(ARTICLES["peru.txt"].replace("Jose", "Jos\u00e9").encode("latin-1"))
    (corpus / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    r = run(url, "ingest", str(corpus), "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["read"] == 5
    reasons = {Path(row["origin"]).name: row["reason"] for row in json.loads(run(url, "failures", "--json").stdout)}
    assert "no article text" in reasons["empty.txt"]
    assert "binary" in reasons["scan.txt"]
    assert "no article text" in reasons["menu.html"]
    assert "latin1.txt" not in reasons and "chile.txt" not in reasons  # undecodable bytes: stored, with a warning
    with Store.open(url, readonly=True) as store, store.read() as conn:
        warnings = conn.execute(sa.select(articles.c.warnings).where(articles.c.origin.like("%latin1.txt"))).scalar()
    assert any("invalid UTF-8" in w for w in warnings)


def test_an_extractor_error_fails_one_article_only(tmp_path, monkeypatch):
    from newsgraph.extract import pipeline

    def explode(ctx):
        if "Kathmandu" in ctx.text:
            raise ZeroDivisionError("rule bug")

    monkeypatch.setattr(pipeline, "STAGES", [*pipeline.STAGES, ("explode", explode)])
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    r = run(url, "ingest", str(write_corpus(tmp_path / "in")), "--json")
    assert r.exit_code == 0, r.output
    rows = json.loads(run(url, "failures", "--json").stdout)
    assert [(Path(row["origin"]).name, row["stage"]) for row in rows] == [("nepal.txt", "extract")]
    assert "explode" in rows[0]["reason"] and "ZeroDivisionError" in rows[0]["reason"]
    assert stats(url)["articles"] == len(ARTICLES) - 1
    monkeypatch.undo()
    r = run(url, "ingest", str(tmp_path / "in"), "--json")  # fixed: the next ingest stores it
    assert json.loads(r.stdout)["added"] == 1 and stats(url)["failed"] == 0


def test_no_input_is_an_error(tmp_path):
    r = run(f"sqlite:///{tmp_path / 'kb.db'}", "ingest")
    assert r.exit_code == 2 and "--samples" in r.output


def test_a_corrupt_database_file_is_one_line_error(tmp_path):
    bad = tmp_path / "kb.db"
    bad.write_bytes(b"garbage" * 500)
    r = run(str(bad), "ingest", "--samples")
    assert r.exit_code == 2 and "corrupt" in r.output and "Traceback" not in r.output
    r = run(str(bad), "stats")
    assert r.exit_code == 2 and "corrupt" in r.output


def test_stats_on_a_missing_base_says_what_to_do(tmp_path):
    r = run(str(tmp_path / "none.db"), "stats")
    assert r.exit_code == 2 and "newsgraph ingest" in r.output


def _cli(url: str, *args: str) -> list[str]:
    return [sys.executable, "-c", "from newsgraph.cli import main; main()", "--db", url, *args]


def test_two_ingests_at_once_lose_and_duplicate_nothing(store_url, tmp_path):
    names = list(ARTICLES)
    a = write_corpus(tmp_path / "a", names[:4])
    b = write_corpus(tmp_path / "b", names[2:])
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    assert run(reference, "ingest", str(write_corpus(tmp_path / "all"))).exit_code == 0
    Store.open(store_url).close()
    procs = [subprocess.Popen(_cli(store_url, "ingest", str(folder), "--batch-size", "1"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for folder in (a, b)]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    got, want = snapshot(store_url), snapshot(reference)
    assert got["articles"] == want["articles"] and got["mentions"] == want["mentions"]
    assert got["facts"] == want["facts"] and got["failures"] == want["failures"]
    assert len(got["entities"]) == len(want["entities"])


def test_a_killed_ingest_run_again_ends_like_an_uninterrupted_one(store_url, tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    lines = [{"id": f"{name}-{i}", "text": f"{text} Update {i}: officials gave no further details."}
             for i in range(8) for name, text in ARTICLES.items()]  # enough that a kill lands mid-run
    (corpus / "feed.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    assert run(reference, "ingest", str(corpus)).exit_code == 0
    Store.open(store_url).close()
    proc = subprocess.Popen(_cli(store_url, "ingest", str(corpus), "--batch-size", "1"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and proc.poll() is None:
            with Store.open(store_url, readonly=True) as store:
                done = store.stats()
            if done["articles"] + done["duplicates"] + done["failed"] >= 3:
                break
            time.sleep(0.2)
        assert proc.poll() is None, "finished before it could be interrupted"
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    partial = stats(store_url)
    assert 0 < partial["articles"] + partial["duplicates"] + partial["failed"] < len(lines)
    r = run(store_url, "ingest", str(corpus))
    assert r.exit_code == 0, r.output
    assert snapshot(store_url) == snapshot(reference)


@pytest.mark.slow
def test_worker_processes_give_the_same_base(tmp_path):
    corpus = write_corpus(tmp_path / "in")
    one, two = (f"sqlite:///{tmp_path / name}" for name in ("one.db", "two.db"))
    assert run(one, "ingest", str(corpus)).exit_code == 0
    r = run(two, "ingest", str(corpus), "--workers", "2", "--batch-size", "2")
    assert r.exit_code == 0, r.output
    assert snapshot(two) == snapshot(one)
