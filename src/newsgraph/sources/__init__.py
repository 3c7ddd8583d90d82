"""Read articles from files, folders, corpora, feeds and URLs.

Each reader turns one kind of input into ``Article`` objects; ``read_path`` picks
the reader by file extension. Readers raise ``SourceError`` subclasses with a
message fit for a person; they never print.
"""

from __future__ import annotations

from .records import Item, ReadFailure
from .text import decode_bytes, read_text_file
from .walk import iter_items, iter_samples

__all__ = ["Item", "ReadFailure", "decode_bytes", "iter_items", "iter_samples", "read_article", "read_text_file"]


def read_article(path: str, **meta):
    """One article from a .txt or .html file, or ``-`` for standard input (text or HTML)."""
    from .html import looks_like_html, read_html_file
    from .text import read_stdin

    if path == "-":
        article = read_stdin()
        if looks_like_html(article.text):
            from .html import article_from_html

            article = article_from_html(article.text, origin="stdin")
    elif path.lower().endswith((".html", ".htm", ".xhtml")):
        article = read_html_file(path)
    else:
        article = read_text_file(path)
    return article.with_meta(**meta)
