"""The unit that flows through the pipeline: one article's text and metadata."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date

_SPACES = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Canonical form used for identity: NFC, single spaces, no edge whitespace.

    Two copies of an article that differ only in line wrapping or Unicode
    composition get the same id, so re-ingesting is idempotent.
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def text_hash(text: str) -> str:
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:16]


def parse_date(value: str | date | None) -> date | None:
    """Accept YYYY-MM-DD (or a longer ISO timestamp); None for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value))
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


@dataclass(frozen=True)
class Article:
    """An article as read from a source, before any NLP.

    ``text`` is exactly what every character offset in the extraction indexes into.
    ``external_id`` is the corpus's own id (a JSONL ``id`` field), if any; the
    contract ``id`` is always the text hash.
    """

    text: str
    title: str | None = None
    source: str | None = None
    published: date | None = None
    url: str | None = None
    external_id: str | None = None
    origin: str | None = None  # where it was read from: a path, a URL, "stdin"
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def id(self) -> str:
        return text_hash(self.text)

    def with_meta(self, **changes) -> Article:
        """A copy with the given metadata set, ignoring None values."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def header(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "text": self.text,
        }
