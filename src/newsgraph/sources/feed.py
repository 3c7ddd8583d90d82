"""RSS and Atom feeds (feedparser): one article per entry, from its full content or its summary.

Feeds carry HTML fragments, not whole pages, so the text is taken from the fragment's
paragraphs directly; the entry's title, link, date and guid become the article's metadata and
the feed's title its source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..article import Article
from .records import Item, ReadFailure

_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S | re.I)
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}


def looks_like_feed(data: bytes) -> bool:
    return bool(_FEED_START.match(data[:2000]))


def fragment_text(html: str) -> str:
    """Readable text of an HTML fragment: paragraphs separated by blank lines, markup dropped."""
    if "<" not in html:
        return html.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml raises several kinds on broken markup; fall back to stripping tags
        return re.sub(r"<[^>]+>", " ", html).strip()
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    paragraphs = [re.sub(r"[ \t\r\f\v]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError:
                continue
    return None


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value") or "" for c in contents), key=len, default="")
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def parse_feed(data: bytes, origin: str) -> Iterator[Item]:
    """The articles of a feed document; an unreadable feed or an empty entry is a ReadFailure."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        yield ReadFailure(origin, f"{origin}: not a readable RSS/Atom feed, or it has no entries{why}")
        return
    feed_title = (parsed.feed.get("title") or "").strip() or None
    for n, entry in enumerate(parsed.entries, 1):
        where = f"{origin}#{n}"
        text = fragment_text(_entry_html(entry))
        if not text:
            yield ReadFailure(where, f"{where}: feed entry has no text")
            continue
        guid = entry.get("id") or entry.get("link")
        yield Article(text=text, title=(entry.get("title") or "").strip() or None, source=feed_title,
                      published=_entry_date(entry), url=entry.get("link"), external_id=guid, origin=where)


def read_feed(path: str | Path) -> Iterator[Item]:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        yield ReadFailure(str(path), f"{path}: cannot read ({err.strerror or err})")
        return
    yield from parse_feed(data, str(path))
