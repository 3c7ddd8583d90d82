"""HTML pages: the main text without boilerplate (trafilatura), and the page's metadata."""

from __future__ import annotations

import re
from pathlib import Path

from ..article import Article, parse_date
from ..errors import ParseError
from .text import decode_bytes

#: Fewer words than this after boilerplate removal means the page has no article.
MIN_ARTICLE_WORDS = 5

_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:1000]))


def article_from_html(html: str, *, origin: str | None = None, url: str | None = None) -> Article:
    """The article in HTML. A page with no recognisable article text gives an empty article
    with a warning, not an error: the batch goes on and the page is reported."""
    import trafilatura

    warnings: list[str] = []
    text = ""
    title = source = published = page_url = None
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False,
                                   favor_precision=True, url=url) or ""
        meta = trafilatura.extract_metadata(html, default_url=url)
    except Exception as err:  # trafilatura raises assorted lxml errors on broken markup
        raise ParseError(f"{origin or 'html'}: cannot parse HTML ({err})", source=origin) from err
    if meta is not None:
        title = meta.title
        source = meta.sitename or meta.hostname
        published = parse_date(meta.date)
        page_url = meta.url
    if len(text.split()) < MIN_ARTICLE_WORDS:
        text = ""  # a menu or a cookie banner is not an article
        warnings.append(f"{origin or 'html'}: no article text found in the page")
    return Article(text=text, title=title, source=source, published=published, url=page_url or url,
                   origin=origin, warnings=tuple(warnings))


def read_html_file(path: str | Path) -> Article:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ParseError(f"{path}: cannot read ({err.strerror or err})", source=str(path)) from err
    html, warnings = decode_bytes(data, str(path))
    article = article_from_html(html, origin=str(path))
    return article.with_meta(warnings=tuple(warnings) + article.warnings) if warnings else article
