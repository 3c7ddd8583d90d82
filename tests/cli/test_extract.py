import json

from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()


def test_extract_json_follows_the_contract(tmp_path):
    p = tmp_path / "a.txt"
    text = "Foreign Minister Ana Duarte met Kenyan President William Ruto in Nairobi on Tuesday.\n"
    p.write_text(text, encoding="utf-8")
    r = runner.invoke(app, ["extract", str(p), "--published", "2024-03-14", "--source", "wire", "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["schema"] == "newsgraph.extraction/1"
    assert out["article"]["text"] == text
    assert out["article"]["published"] == "2024-03-14"
    assert out["article"]["source"] == "wire"
    names = {e["name"] for e in out["entities"]}
    assert {"Ana Duarte", "William Ruto", "Nairobi"} <= names
    for e in out["entities"]:
        for m in e["mentions"]:
            assert 0 <= m["start"] < m["end"] <= len(text)


def test_extract_report_is_readable(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("German Chancellor Olaf Scholz said on Monday that he would visit Warsaw.", encoding="utf-8")
    r = runner.invoke(app, ["extract", str(p)])
    assert r.exit_code == 0, r.output
    assert "Olaf Scholz" in r.stdout
    assert "Warsaw" in r.stdout and "GPE" in r.stdout


def test_missing_file_is_one_line_error(tmp_path):
    r = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert r.exit_code == 2
    assert "no such file" in r.output
    assert "Traceback" not in r.output


def test_bad_published_date(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Text.", encoding="utf-8")
    r = runner.invoke(app, ["extract", str(p), "--published", "June 5"])
    assert r.exit_code == 2
    assert "YYYY-MM-DD" in r.output
