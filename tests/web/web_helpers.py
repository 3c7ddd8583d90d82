"""Test data for the web tests: the articles and hand-written extractions of the session's base.

The base is built the way users build theirs: the bundled samples and two articles written here go
through the real ``ingest`` (spaCy and all). Two more articles are stored through the real writer
from contract objects written by hand, so that the pages have facts of every kind whose exact
content the tests can assert (the extractor's output on the samples changes as it improves), and
one of them carries script and event-handler payloads in its title, names and quotes.
"""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

from newsgraph.article import Article, parse_date

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TOKEN = "test-token-4f1c2a9e"

#: Ingested through the real pipeline: an ordinary report and one carrying HTML payloads in its text.
INGESTED = {
    "ghana-ministers.txt": (
        "Accra, 12 February 2024 - Ghana's President John Mahama appointed Kwame Asante as minister of "
        "the interior on Monday. Asante, a former police commander, replaces Efua Mensah, who held the post "
        "since 2021.\n\n\"We will restore order in the northern regions,\" Asante told reporters in Accra.\n"
    ),
    "payload-article.txt": (
        "Officials in Lisbon said on Tuesday that Joana Ferreira, the director of the Security Intelligence "
        "Service, had resigned. <script>alert('xss-text-1')</script> A spokesman added "
        "<img src=x onerror=alert('xss-text-2')> that Ferreira would be replaced by Rui Costa.\n\n"
        "\"<b onmouseover=alert('xss-quote')>Security</b> is not negotiable,\" Costa said.\n"
    ),
}


def _span(text: str, needle: str, start: int = 0) -> dict[str, int]:
    at = text.index(needle, start)
    return {"start": at, "end": at + len(needle)}


def _contract(text: str, title: str, source: str, published: str, entities: list[dict], facts: list[dict]) -> dict:
    article = Article(text=text, title=title, source=source, published=parse_date(published))
    return {"schema": "newsgraph.extraction/1", "article": article.header(), "entities": entities, "facts": facts,
            "extractor": {"version": "test", "model": "hand-written"}, "warnings": []}


def _entity(eid: str, type_: str, name: str, text: str, *forms: str, aliases: tuple[str, ...] = ()) -> dict:
    mentions = []
    for form in (name, *forms):
        start = 0
        while (at := text.find(form, start)) >= 0:
            mentions.append({"start": at, "end": at + len(form)})
            start = at + len(form)
    return {"id": eid, "type": type_, "name": name, "aliases": list(aliases or forms), "mentions": mentions}


def nigeria_contract() -> dict:
    """A hand-checked extraction: appointment, succession, positions with dates, a meeting, quotes, relations."""
    text = (
        "Abuja, 3 March 2021 - President Bola Tinubu has appointed Amina Yusuf as director general of the "
        "National Intelligence Agency, replacing Ahmed Rufai, who led the agency from 2018.\n\n"
        "Yusuf met the Ghanaian intelligence chief Kofi Boateng in Accra on 20 April 2021 to discuss "
        "cooperation against cross-border smuggling.\n\n"
        "\"Our services will share what they know, quickly and quietly,\" Yusuf said after the meeting.\n\n"
        "The National Intelligence Agency works closely with the Department of State Services, "
        "its domestic counterpart, though the two have long competed for budget.\n"
    )
    ents = [
        _entity("e1", "PERSON", "Bola Tinubu", text, aliases=("Tinubu",)),
        _entity("e2", "PERSON", "Amina Yusuf", text, "Yusuf"),
        _entity("e3", "ORG", "National Intelligence Agency", text),
        _entity("e4", "PERSON", "Ahmed Rufai", text),
        _entity("e5", "PERSON", "Kofi Boateng", text),
        _entity("e6", "GPE", "Accra", text),
        _entity("e7", "ORG", "Department of State Services", text),
    ]
    p1 = text.index("\n\n")
    lead = text.index("President")
    quote = _span(text, "Our services will share what they know, quickly and quietly,")
    facts = [
        {"id": "f1", "kind": "appointment", "person": "e2", "by": "e1", "title": "director general", "org": "e3",
         "date": "2021-03-03", "evidence": [{"start": lead, "end": p1}], "attributed_to": None, "confidence": 0.9},
        {"id": "f2", "kind": "position", "person": "e2", "title": "director general", "org": "e3",
         "status": "current", "start": "2021-03-03", "end": None, "evidence": [{"start": lead, "end": p1}],
         "attributed_to": None, "confidence": 0.9},
        {"id": "f3", "kind": "position", "person": "e4", "title": "director general", "org": "e3",
         "status": "former", "start": "2018", "end": "2021-03-03",
         "evidence": [_span(text, "Ahmed Rufai, who led the agency from 2018")], "attributed_to": None,
         "confidence": 0.8},
        {"id": "f4", "kind": "succession", "successor": "e2", "predecessor": "e4", "title": "director general",
         "org": "e3", "date": "2021-03-03", "evidence": [_span(text, "replacing Ahmed Rufai")],
         "attributed_to": None, "confidence": 0.8},
        {"id": "f5", "kind": "event", "event_type": "meeting", "participants": ["e2", "e5"], "place": "e6",
         "date": "2021-04-20", "plover": "CONSULT",
         "evidence": [_span(text, "Yusuf met the Ghanaian intelligence chief Kofi Boateng in Accra on 20 April 2021")],
         "attributed_to": None, "confidence": 0.8},
        {"id": "f6", "kind": "quote", "speaker": "e2", "text": "Our services will share what they know, quickly and "
         "quietly,", "direct": True, "via": None, "speaker_span": _span(text, "Yusuf", quote["end"]),
         "cue_span": _span(text, "said", quote["end"]), "evidence": [quote], "attributed_to": None,
         "confidence": 0.9},
        {"id": "f7", "kind": "relation", "relation": "cooperates_with", "subject": "e3", "object": "e7",
         "evidence": [_span(text, "The National Intelligence Agency works closely with the Department of State "
                                  "Services")], "attributed_to": None, "confidence": 0.7},
        {"id": "f8", "kind": "relation", "relation": "rival_of", "subject": "e3", "object": "e7",
         "evidence": [_span(text, "the two have long competed for budget")], "attributed_to": None,
         "confidence": 0.6},
    ]
    return _contract(text, "Tinubu names Amina Yusuf to head the National Intelligence Agency", "premium-times",
                     "2021-03-03", ents, facts)


XSS_NAME = "<img src=x onerror=alert('xss-name')>"
XSS_TITLE = "<script>alert('xss-title')</script> Security chief quits"


def payload_contract() -> dict:
    """An extraction whose names, title and quote are HTML payloads (an extractor can pick any text)."""
    text = (
        "Chisinau, 5 May 2024 - " + XSS_NAME + " was named head of the Information and Security Service. "
        "\"<script>alert('xss-quote-2')</script> we are ready,\" the new chief said. The Information and Security "
        "Service is a rival of Javascript:alert(1) Group.\n"
    )
    ents = [
        _entity("e1", "PERSON", XSS_NAME, text),
        _entity("e2", "ORG", "Information and Security Service", text),
        _entity("e3", "ORG", "Javascript:alert(1) Group", text),
    ]
    quote = _span(text, "<script>alert('xss-quote-2')</script> we are ready,")
    facts = [
        {"id": "f1", "kind": "position", "person": "e1", "title": "head <i>of</i> service", "org": "e2",
         "status": "current", "start": "2024-05-05", "end": None, "evidence": [_span(text, XSS_NAME + " was named")],
         "attributed_to": None, "confidence": 0.9},
        {"id": "f2", "kind": "quote", "speaker": "e1", "text": quote and text[quote["start"]:quote["end"]],
         "direct": True, "via": None, "speaker_span": None, "cue_span": None, "evidence": [quote],
         "attributed_to": None, "confidence": 0.9},
        {"id": "f3", "kind": "relation", "relation": "rival_of", "subject": "e2", "object": "e3",
         "evidence": [_span(text, "The Information and Security Service is a rival")], "attributed_to": None,
         "confidence": 0.6},
    ]
    return _contract(text, XSS_TITLE, "<b>outlet</b>", "2024-05-05", ents, facts)


def build_base(path: Path, folder: Path) -> str:
    """A SQLite base from the samples, the INGESTED articles (real ingest) and the two hand-written contracts."""
    from newsgraph.ingest import ingest
    from newsgraph.store import Store

    folder.mkdir(parents=True, exist_ok=True)
    for name, text in INGESTED.items():
        (folder / name).write_text(text, encoding="utf-8")
    url = f"sqlite:///{path}"
    with Store.open(url) as store:
        ingest(samples=True, store=store)
        ingest([str(folder)], store=store, source="test-wire")
        for contract in (nigeria_contract(), payload_contract()):
            head = contract["article"]
            store.add(contract, Article(text=head["text"], title=head["title"], source=head["source"],
                                        published=parse_date(head["published"])))
    return url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_base(web_db: str, folder) -> str:
    """A copy of the session's base (SQLite file and WAL), for tests that write."""
    source = Path(web_db.removeprefix("sqlite:///"))
    copy = Path(folder) / "kb.db"
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{copy}{suffix}")
    return f"sqlite:///{copy}"
