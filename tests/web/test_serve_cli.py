"""``newsgraph serve``: a real server process on 127.0.0.1 over a real base."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner
from web_helpers import free_port

from newsgraph.cli import app


def test_serve_answers_on_localhost_and_stops(web_db):
    port = free_port()
    script = Path(sys.executable).with_name("newsgraph")  # the installed console script
    proc = subprocess.Popen([str(script), "--db", web_db, "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "NEWSGRAPH_WRITE_TOKEN": ""})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read()
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.3)
        assert response.status_code == 200 and response.json()["articles"] >= 2
        assert "server" not in response.headers  # no version banner
        assert httpx.get(f"http://127.0.0.1:{port}/docs", timeout=5).status_code == 200
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert f"serving on http://127.0.0.1:{port}/ (writes off)" in err
    assert "Traceback" not in err


def test_serve_refuses_a_missing_base_and_a_short_token(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(app, ["--db", str(tmp_path / "none.db"), "serve"])
    assert missing.exit_code == 2 and "no such database" in missing.output
    short = runner.invoke(app, ["--db", str(tmp_path / "none.db"), "serve", "--write-token", "abc"])
    assert short.exit_code == 2 and "at least 8 characters" in short.output


def test_serve_refuses_an_empty_file_in_one_line(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    result = CliRunner().invoke(app, ["--db", str(empty), "serve"])
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 2 and len(lines) == 1, result.output
    assert "not a newsgraph database yet" in lines[0] and "newsgraph ingest" in lines[0]
    assert "Traceback" not in result.output


def test_serve_help_teaches_examples_and_the_token():
    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "newsgraph --db kb.db serve --write-token" in text and "--port 8080" in text
    assert "Authorization: Bearer TOKEN" in text and "read-only" in text and "curation log" in text
    assert "NEWSGRAPH_WRITE_TOKEN" in text
