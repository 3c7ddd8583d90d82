"""Corpora of records: JSON lines (a file, or ``-`` for standard input) and CSV, either gzipped.

A record has ``text`` or ``html`` and optionally ``id``, ``title``, ``published``, ``source``
and ``url``. Readers yield one item per record: an ``Article``, or a ``ReadFailure`` naming
the line when that one record is unusable, so one bad line never stops a corpus.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..article import Article, parse_date
from ..errors import ParseError
from .text import decode_bytes


@dataclass(frozen=True)
class ReadFailure:
    """An input that could not be turned into an article: where it is and why."""

    origin: str
    reason: str


Item = Article | ReadFailure


def article_from_record(record: Mapping[str, Any], origin: str) -> Article:
    """The article in one record; record fields override what an HTML page says about itself."""
    text, html = record.get("text"), record.get("html")
    url = _str(record.get("url"))
    if isinstance(text, str) and text.strip():
        article = Article(text=text, origin=origin)
    elif isinstance(html, str) and html.strip():
        from .html import article_from_html

        article = article_from_html(html, origin=origin, url=url)
    else:
        raise ParseError(f"{origin}: record has no 'text' or 'html'", source=origin)
    warnings = list(article.warnings)
    published = parse_date(record.get("published")) if isinstance(record.get("published"), str) else None
    if record.get("published") and published is None:
        warnings.append(f"{origin}: 'published' is not YYYY-MM-DD: {record.get('published')!r}; ignored")
    record_id = record.get("id")
    return article.with_meta(
        title=_str(record.get("title")), source=_str(record.get("source")), published=published, url=url,
        external_id=str(record_id) if record_id not in (None, "") else None, warnings=tuple(warnings),
    )


def _str(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _records_from_lines(lines: Iterator[str], name: str) -> Iterator[Item]:
    for n, line in enumerate(lines, 1):
        if n == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        origin = f"{name}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield ReadFailure(origin, f"{origin}: invalid JSON ({err.msg} at column {err.colno})")
            continue
        if not isinstance(record, dict):
            yield ReadFailure(origin, f"{origin}: a JSON line must be an object, not {type(record).__name__}")
            continue
        try:
            yield article_from_record(record, origin)
        except ParseError as err:
            yield ReadFailure(origin, str(err))


def read_jsonl(path: str | Path) -> Iterator[Item]:
    """One item per non-empty line of a JSON-lines file, read line by line (dumps may be large)."""
    path = Path(path)
    try:
        fh = gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")  # noqa: SIM115
    except OSError as err:
        yield ReadFailure(str(path), f"{path}: cannot read ({getattr(err, 'strerror', None) or err})")
        return
    with fh:
        yield from read_jsonl_stream(fh, str(path))


def read_jsonl_stream(stream: BinaryIO | None = None, name: str = "stdin") -> Iterator[Item]:
    """JSON lines from a byte stream (standard input by default), read lazily line by line."""
    stream = stream or sys.stdin.buffer
    try:
        lines = (raw.decode("utf-8", errors="replace") for raw in stream)
        yield from _records_from_lines(lines, name)
    except (OSError, EOFError) as err:  # includes a truncated or corrupt .gz
        yield ReadFailure(name, f"{name}: read error ({getattr(err, 'strerror', None) or err})")


def read_csv(path: str | Path) -> Iterator[Item]:
    """One item per CSV row; the header names the fields (``text`` or ``html`` required)."""
    path = Path(path)
    try:
        data = path.read_bytes()
        if path.name.lower().endswith(".gz"):
            data = gzip.decompress(data)
        text, _warnings = decode_bytes(data, str(path))
    except (OSError, EOFError) as err:
        yield ReadFailure(str(path), f"{path}: cannot read ({getattr(err, 'strerror', None) or err})")
        return
    except ParseError as err:
        yield ReadFailure(str(path), str(err))
        return
    csv.field_size_limit(2**31 - 1)  # article bodies are long
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = {f.strip().lower() for f in reader.fieldnames or []}
    if not fields & {"text", "html"}:
        yield ReadFailure(str(path), f"{path}: CSV header has no 'text' or 'html' column")
        return
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield ReadFailure(f"{path}:{reader.line_num}", f"{path}:{reader.line_num}: bad CSV ({err})")
            return
        origin = f"{path}:{line + 1}"
        line = reader.line_num
        record = {(k or "").strip().lower(): v for k, v in row.items() if k}
        try:
            yield article_from_record(record, origin)
        except ParseError as err:
            yield ReadFailure(origin, str(err))
