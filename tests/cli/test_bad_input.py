"""Bad input never gives a traceback: a valid (maybe empty) contract object, or one line on stderr and exit 2."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()


def run_json(path) -> tuple[int, dict | None, str]:
    r = runner.invoke(app, ["extract", str(path), "--json"])
    out = json.loads(r.stdout) if r.exit_code == 0 else None
    return r.exit_code, out, r.output


def assert_offsets_inside(out: dict) -> None:
    n = len(out["article"]["text"])
    for e in out["entities"]:
        for m in e["mentions"]:
            assert 0 <= m["start"] <= m["end"] <= n
    for f in out["facts"]:
        for ev in f["evidence"]:
            assert 0 <= ev["start"] <= ev["end"] <= n
        for key in ("speaker_span", "cue_span"):
            if f.get(key):
                assert 0 <= f[key]["start"] <= f[key]["end"] <= n


def test_empty_file_gives_empty_contract(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    code, out, _ = run_json(p)
    assert code == 0
    assert out["entities"] == [] and out["facts"] == []
    assert out["article"]["text"] == ""


def test_binary_file_is_a_one_line_error(tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    r = runner.invoke(app, ["extract", str(p), "--json"])
    assert r.exit_code == 2
    assert "binary" in r.output
    assert "Traceback" not in r.output


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes("President Jos\u00e9 Mart\u00ednez met envoys in Bogot\u00e1.".encode("latin-1"))
    r = runner.invoke(app, ["extract", str(p), "--json"])
    assert r.exit_code == 0
    out = json.loads(r.stdout)
    assert "\ufffd" in out["article"]["text"]
    assert any("UTF-8" in w for w in out["warnings"])
    assert_offsets_inside(out)


def test_html_without_article_gives_empty_contract(tmp_path):
    p = tmp_path / "nav.html"
    p.write_text("<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    code, out, _ = run_json(p)
    assert code == 0
    assert out["facts"] == []
    assert any("no article text" in w for w in out["warnings"])


def test_unbalanced_quotes_do_not_crash(tmp_path):
    p = tmp_path / "q.txt"
    p.write_text(
        'The minister said "we will not back down. Talks resume on Monday in Doha.\n\n'
        "Officials in Cairo declined to comment. \u201cThis is over, said the envoy.\n",
        encoding="utf-8",
    )
    code, out, _ = run_json(p)
    assert code == 0
    assert_offsets_inside(out)
    for f in out["facts"]:
        if f["kind"] == "quote":
            assert len(f["text"]) < 400  # an unbalanced mark must not swallow the article


def test_five_megabyte_text_is_refused_with_one_line(tmp_path):
    para = (
        "Interior Minister Rafael Ortega met the governor of Oaxaca, Lucia Ramos, on Tuesday in Mexico City. "
        "\u201cSecurity is our first duty,\u201d Ortega said.\n\n"
    )
    p = tmp_path / "big.txt"
    p.write_text(para * (5_000_000 // len(para)), encoding="utf-8")
    r = runner.invoke(app, ["extract", str(p), "--json"])
    assert r.exit_code == 2
    assert "too large" in r.output and "--max-chars" in r.output
    assert len(r.output.strip().splitlines()) == 1
    assert "Traceback" not in r.output


def test_long_text_is_parsed_in_pieces_with_offsets_inside(extract_text):
    from newsgraph.nlp import CHUNK_CHARS

    para = (
        "Interior Minister Rafael Ortega met the governor of Oaxaca, Lucia Ramos, on Tuesday in Mexico City. "
        "\u201cSecurity is our first duty,\u201d Ortega said.\n\n"
    )
    text = para * (CHUNK_CHARS * 2 // len(para) + 3)
    out = extract_text(text, "2024-05-01")
    assert out["article"]["text"] == text
    assert_offsets_inside(out)
    ortega = [e for e in out["entities"] if e["name"] == "Rafael Ortega"]
    assert ortega and ortega[0]["mentions"][-1]["start"] > CHUNK_CHARS * 2  # found in the last piece too


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_any_unicode_text_extracts_with_offsets_inside(extract_text, text):
    out = extract_text(text, "2024-05-01")
    assert out["article"]["text"] == text
    assert_offsets_inside(out)


NEWSY = st.lists(
    st.sampled_from([
        "President ", "Minister ", "Ali ", "Reza ", "Khan ", "said ", "\u201c", "\u201d", '"', "'", "met ",
        "in ", "Kabul ", "on Monday ", "the ", "IRGC ", "(", ")", "-", ", ", ". ", "\n", "who replaced ",
        "was sacked ", "according to ", "Reuters ", "rivalry between ", "and ", "he ", "former ", "\u2019s ",
    ]),
    max_size=60,
).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(NEWSY)
def test_newsy_fragments_extract_with_offsets_inside(extract_text, text):
    out = extract_text(text, "2024-05-01")
    assert_offsets_inside(out)
