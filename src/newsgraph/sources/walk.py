"""Every article under a list of paths: files, folders (recursively), ``-`` for JSON lines on stdin.

The reader is picked by extension; in folders, files of other kinds (and hidden files) are
skipped, while a file named explicitly is sniffed (feed, HTML, else text). Yields items in a
stable order (folders sorted by path), so two runs over the same input store the same base.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from importlib.resources import files
from pathlib import Path

from ..errors import SourceError
from .records import Item, ReadFailure, article_from_record, read_csv, read_jsonl, read_jsonl_stream

TEXT = (".txt", ".text")
HTML = (".html", ".htm", ".xhtml")
JSONL = (".jsonl", ".ndjson", ".jsonlines", ".jsonl.gz", ".ndjson.gz", ".jsonlines.gz")
CSV = (".csv", ".csv.gz")
FEEDS = (".rss", ".atom", ".xml", ".rdf")
SUPPORTED = TEXT + HTML + JSONL + CSV + FEEDS


def iter_items(paths: Iterable[str | os.PathLike]) -> Iterator[Item]:
    """Articles (or read failures) from every path, in order."""
    for path in paths:
        if str(path) == "-":
            yield from read_jsonl_stream()
            continue
        p = Path(path)
        if p.is_dir():
            for f in _walk(p):
                yield from read_file(f)
        elif p.exists():
            yield from read_file(p, explicit=True)
        else:
            yield ReadFailure(str(p), f"{p}: no such file or folder")


def _walk(folder: Path) -> Iterator[Path]:
    """Supported, non-hidden files under FOLDER, sorted by path."""
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(root) / n for n in names if not n.startswith(".") and n.lower().endswith(SUPPORTED)]
    yield from sorted(found, key=lambda p: p.relative_to(folder).parts)


def read_file(path: Path, explicit: bool = False) -> Iterator[Item]:
    """The items in one file, by extension (sniffing the content of an explicitly named other file)."""
    name = path.name.lower()
    if name.endswith(JSONL):
        yield from read_jsonl(path)
    elif name.endswith(CSV):
        yield from read_csv(path)
    elif name.endswith(FEEDS) or (explicit and not name.endswith(TEXT + HTML) and _sniff_feed(path)):
        from .feed import read_feed

        yield from read_feed(path)
    else:
        yield from _single(path)


def _sniff_feed(path: Path) -> bool:
    from .feed import looks_like_feed

    try:
        with path.open("rb") as fh:
            return looks_like_feed(fh.read(2000))
    except OSError:
        return False


def _single(path: Path) -> Iterator[Item]:
    from . import read_article

    try:
        yield read_article(str(path))
    except SourceError as err:
        yield ReadFailure(str(path), str(err))


# -- the bundled samples -------------------------------------------------------------------

def samples_dir() -> Path:
    return Path(str(files("newsgraph") / "samples"))


def iter_samples(folder: Path | None = None) -> Iterator[Item]:
    """The bundled sample articles: ``index.jsonl`` rows naming a ``file`` beside it, plus metadata."""
    folder = folder or samples_dir()
    index = folder / "index.jsonl"
    try:
        lines = index.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        yield ReadFailure(str(index), f"{index}: cannot read the sample index ({err.strerror or err})")
        return
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        origin = f"{index}:{n}"
        try:
            row = json.loads(line)
            if "text" not in row and "html" not in row:
                target = folder / row["file"]
                origin = f"samples/{row['file']}"
                field = "html" if target.name.lower().endswith(HTML) else "text"
                row = {**row, field: target.read_text(encoding="utf-8")}
            yield article_from_record(row, origin)
        except (ValueError, KeyError, TypeError, OSError, SourceError) as err:
            yield ReadFailure(origin, f"{origin}: unusable sample ({err})")


def estimate_total(paths: Iterable[str | os.PathLike], samples: bool = False) -> int | None:
    """How many items ``iter_items`` will yield, when that is cheap to know (for a progress bar); else None."""
    if samples:
        index = samples_dir() / "index.jsonl"
        try:
            return sum(1 for line in index.read_text(encoding="utf-8").splitlines() if line.strip())
        except OSError:
            return None
    total = 0
    for path in paths:
        p = Path(path)
        files_ = list(_walk(p)) if p.is_dir() else [p]
        for f in files_:
            name = f.name.lower()
            if name.endswith(JSONL):
                if name.endswith(".gz"):
                    return None  # counting would mean decompressing twice
                try:
                    with f.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            elif name.endswith(CSV + FEEDS) or str(path) == "-":
                return None
            else:
                total += 1
    return total
