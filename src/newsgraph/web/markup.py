"""The one place that builds trusted HTML (``Markup``) from untrusted article text. Review changes here.

Article text, entity names and everything else from the knowledge base is untrusted: templates
escape it (Jinja autoescape). Only the highlighted article body needs tags around spans of the
text, and this module builds it: every piece of text passes through ``markupsafe.escape``, and the
only tags written are ``<a>`` to an integer entity id, ``<mark>`` with integer fact ids, and
``<span>`` with a class from a fixed pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup, escape

_SAFE_CLASS = re.compile(r"[^A-Za-z0-9_-]")


def _css(value: Any) -> str:
    return _SAFE_CLASS.sub("", str(value or ""))[:32]


def highlight(text: str, mentions: Iterable[Mapping[str, Any]], facts: Iterable[Mapping[str, Any]]) -> Markup:
    """TEXT as HTML with entity mentions linked to their profiles and fact evidence marked.

    MENTIONS are ``{"start", "end", "entity": {"id", "name", "type"}}`` and FACTS
    ``{"id", "evidence": [{"start", "end"}]}`` (the shapes of ``query.article``).

    Spans may overlap: the text is cut at every span boundary, and each piece is wrapped in the
    evidence marks and the (first) mention that cover it.
    """
    n = len(text)
    ments = sorted(((int(m["start"]), int(m["end"]), m) for m in mentions
                    if m.get("entity") and 0 <= int(m["start"]) < int(m["end"]) <= n), key=lambda t: (t[0], -t[1]))
    evid: list[tuple[int, int, int]] = []
    for f in facts:
        for ev in f.get("evidence") or []:
            s, e = int(ev["start"]), int(ev["end"])
            if 0 <= s < e <= n:
                evid.append((s, e, int(f["id"])))
    cuts = sorted({0, n, *(p for s, e, _ in ments for p in (s, e)), *(p for s, e, _ in evid for p in (s, e))})
    out: list[str] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = str(escape(text[start:end]))
        mention = next((m for s, e, m in ments if s <= start and end <= e), None)
        if mention is not None:
            ent = mention["entity"]
            entity = int(ent["id"])
            piece = (f'<a class="mention t-{_css(ent.get("type"))}" href="/entities/{entity}" '
                     f'data-entity="{entity}" title="{escape(ent.get("name") or "")}">{piece}</a>')
        covering = sorted({fid for s, e, fid in evid if s <= start and end <= e})
        if covering:
            ids = " ".join(str(fid) for fid in covering)
            piece = f'<mark class="evidence" data-facts="{ids}" title="fact {ids}">{piece}</mark>'
        out.append(piece)
    return Markup("".join(out))  # noqa: S704 - every piece above was escaped; tags are built from ints
