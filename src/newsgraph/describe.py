"""Facts as plain English sentences, for the CLI report, the web pages and exports."""

from __future__ import annotations


def _name(ref, names: dict[str, str]) -> str:
    if ref is None:
        return "someone"
    return names.get(ref, str(ref))


def describe_fact(fact: dict, names: dict[str, str]) -> str:
    """One sentence for FACT; NAMES maps entity ids to display names."""
    k = fact.get("kind")
    n = lambda key: _name(fact.get(key), names)  # noqa: E731
    when = lambda key="date": f" ({fact[key]})" if fact.get(key) else ""  # noqa: E731
    if k == "position":
        status = {"former": "formerly held", "current": "holds"}.get(fact.get("status"), "holds")
        org = f" ({n('org')})" if fact.get("org") else ""
        span = ""
        if fact.get("start") or fact.get("end"):
            span = f" [{fact.get('start') or '?'} – {fact.get('end') or ''}]"
        return f"{n('person')} {status} the post of {fact.get('title')}{org}{span}."
    if k == "event":
        parts = ", ".join(_name(p, names) for p in fact.get("participants", [])) or "unnamed participants"
        place = f" in {n('place')}" if fact.get("place") else ""
        return f"{fact.get('event_type', 'event').capitalize()} of {parts}{place}{when()}."
    if k == "quote":
        via = f" (via {n('via')})" if fact.get("via") else ""
        mark = "said" if fact.get("direct") else "said (paraphrase)"
        return f"{n('speaker')} {mark}{via}: “{fact.get('text', '')}”"
    if k == "appointment":
        by = f" by {n('by')}" if fact.get("by") else ""
        org = f" of {n('org')}" if fact.get("org") else ""
        return f"{n('person')} was appointed {fact.get('title') or 'to a post'}{org}{by}{when()}."
    if k == "dismissal":
        by = f" by {n('by')}" if fact.get("by") else ""
        post = f" as {fact['title']}" if fact.get("title") else ""
        return f"{n('person')} was dismissed{post}{by}{when()}."
    if k == "succession":
        post = f" as {fact['title']}" if fact.get("title") else ""
        return f"{n('successor')} succeeded {n('predecessor')}{post}{when()}."
    if k == "relation":
        rel = fact.get("relation", "related_to").replace("_", " ")
        return f"{n('subject')} {rel} {n('object')}."
    if k == "report":
        return f"{n('reporter')} reported{when()}."
    return f"{k}: " + ", ".join(f"{key}={val}" for key, val in fact.items() if key not in ("id", "kind", "evidence"))
