"""Readers for corpora: JSON lines, CSV, feeds, folders and the bundled samples."""

from __future__ import annotations

import io
import json
from datetime import date

from newsgraph.article import Article
from newsgraph.sources import ReadFailure, iter_items, iter_samples
from newsgraph.sources.feed import fragment_text, parse_feed
from newsgraph.sources.records import read_csv, read_jsonl, read_jsonl_stream
from newsgraph.sources.walk import estimate_total

SEOUL = "South Korea's defence minister Shin Won-sik met his Japanese counterpart in Seoul on Friday."
LAGOS = "Nigeria's army chief said on Monday that troops had recaptured two towns in Borno state."

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Andes Wire</title><link>https://andes.example</link>
<item><title>Bolivia names new army commander</title><link>https://andes.example/1</link>
<guid>andes-1</guid><pubDate>Tue, 02 Jul 2024 09:00:00 GMT</pubDate>
<description>short teaser</description>
<content:encoded><![CDATA[<p>President Luis Arce named a new army commander on Tuesday.</p>
<p>The general replaces Juan Jos&eacute; Z&uacute;&ntilde;iga, who was arrested.</p><script>track()</script>]]>
</content:encoded></item>
<item><title>Empty</title><link>https://andes.example/2</link><description></description></item>
</channel></rss>"""


def articles(items) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def failures(items) -> list[ReadFailure]:
    return [i for i in items if isinstance(i, ReadFailure)]


def test_jsonl_records_with_text_or_html_and_bad_lines(tmp_path):
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": 17, "text": SEOUL, "title": "Ministers meet", "published": "2024-04-05T08:00:00Z",
                    "source": "yonhap", "url": "https://yna.example/17"}),
        "",
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "x", "title": "no body"}),
        json.dumps({"html": f"<html><body><article><p>{LAGOS}</p><p>{SEOUL}</p></article></body></html>",
                    "published": "last Monday"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_jsonl(path))
    first, second = articles(items)
    assert first.text == SEOUL and first.external_id == "17" and first.published == date(2024, 4, 5)
    assert (first.title, first.source, first.url, first.origin) == ("Ministers meet", "yonhap",
                                                                    "https://yna.example/17", f"{path}:1")
    assert "Borno state" in second.text and second.external_id is None
    assert any("not YYYY-MM-DD" in w for w in second.warnings)
    bad = failures(items)
    assert [f.origin for f in bad] == [f"{path}:3", f"{path}:4", f"{path}:5"]
    assert "invalid JSON" in bad[0].reason and "must be an object" in bad[1].reason
    assert "no 'text' or 'html'" in bad[2].reason


def test_jsonl_from_a_stream_is_read_line_by_line():
    stream = io.BytesIO((json.dumps({"text": LAGOS}) + "\n" + json.dumps({"text": SEOUL}) + "\n").encode())
    items = list(read_jsonl_stream(stream))
    assert [a.text for a in articles(items)] == [LAGOS, SEOUL]
    assert items[1].origin == "stdin:2"


def test_gzipped_dumps_are_read_and_a_truncated_one_fails_cleanly(tmp_path):
    import gzip

    lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate([LAGOS, SEOUL]))
    good = tmp_path / "dump.jsonl.gz"
    good.write_bytes(gzip.compress(lines.encode()))
    csv_gz = tmp_path / "dump.csv.gz"
    csv_gz.write_bytes(gzip.compress(f'id,text\nk1,"{LAGOS}"\n'.encode()))
    items = list(iter_items([tmp_path]))
    assert [a.external_id for a in articles(items)] == ["k1", "0", "1"]
    bad = tmp_path / "cut.jsonl.gz"
    bad.write_bytes(gzip.compress((lines * 50).encode())[:200])
    items = list(iter_items([bad]))
    assert isinstance(items[-1], ReadFailure) and str(bad) in items[-1].reason


def test_csv_rows_keep_multiline_bodies(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text('ID,Title,Text,Published\n'
                    f'a1,Army,"{LAGOS}\n\nSecond paragraph.",2024-01-08\n'
                    'a2,Empty,,2024-01-09\n'
                    f'a3,Seoul,"{SEOUL}",\n', encoding="utf-8")
    items = list(read_csv(path))
    got = articles(items)
    assert [a.external_id for a in got] == ["a1", "a3"]
    assert got[0].text == f"{LAGOS}\n\nSecond paragraph." and got[0].published == date(2024, 1, 8)
    assert got[1].origin == f"{path}:6"  # the first body spans lines 2-4
    assert failures(items)[0].origin == f"{path}:5"


def test_csv_without_a_text_column_is_one_failure(tmp_path):
    path = tmp_path / "meta.csv"
    path.write_text("id,title\n1,Nothing here\n", encoding="utf-8")
    (only,) = list(read_csv(path))
    assert isinstance(only, ReadFailure) and "no 'text' or 'html' column" in only.reason


def test_rss_entries_become_articles_with_their_metadata():
    items = list(parse_feed(RSS, "andes.rss"))
    (article,) = articles(items)
    assert article.text == ("President Luis Arce named a new army commander on Tuesday.\n\n"
                            "The general replaces Juan José Zúñiga, who was arrested.")
    assert (article.title, article.source, article.url) == ("Bolivia names new army commander", "Andes Wire",
                                                            "https://andes.example/1")
    assert article.published == date(2024, 7, 2) and article.external_id == "andes-1"
    assert failures(items)[0].origin == "andes.rss#2"


def test_a_broken_feed_is_one_failure():
    (only,) = list(parse_feed(b"<rss><channel><title>x</title>", "broken.xml"))
    assert isinstance(only, ReadFailure) and "not a readable RSS/Atom feed" in only.reason


def test_fragment_text_keeps_paragraphs_and_drops_markup():
    assert fragment_text("<div>Kyiv <b>said</b><br>more</div><ul><li>one</li><li>two</li></ul>") == \
        "Kyiv said\n\nmore\n\none\n\ntwo"
    assert fragment_text("plain words") == "plain words"


def test_folders_are_walked_in_order_and_unknown_kinds_skipped(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(SEOUL, encoding="utf-8")
    (tmp_path / "1.txt").write_text(LAGOS, encoding="utf-8")
    (tmp_path / "feed.rss").write_bytes(RSS)
    (tmp_path / "gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    items = list(iter_items([tmp_path, tmp_path / "missing.txt"]))
    assert [i.origin for i in items] == [str(tmp_path / "1.txt"), str(tmp_path / "b" / "2.txt"),
                                        f"{tmp_path / 'feed.rss'}#1", f"{tmp_path / 'feed.rss'}#2",
                                        str(tmp_path / "image.txt"), str(tmp_path / "missing.txt")]
    assert "binary" in items[4].reason and "no such file" in items[5].reason
    assert estimate_total([tmp_path / "1.txt", tmp_path / "b"]) == 2
    assert estimate_total([tmp_path]) is None  # a feed: unknown until parsed


def test_an_explicitly_named_feed_with_another_extension_is_sniffed(tmp_path):
    path = tmp_path / "latest"
    path.write_bytes(RSS)
    assert [a.title for a in articles(iter_items([path]))] == ["Bolivia names new army commander"]


def test_bundled_samples_carry_their_index_metadata():
    items = list(iter_samples())
    assert items and not failures(items)
    assert all(a.published and a.source and a.title and a.origin.startswith("samples/") for a in items)
    assert estimate_total([], samples=True) == len(items)
