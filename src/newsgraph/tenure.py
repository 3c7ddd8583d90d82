"""Tenures: who held which post, from when to when, on what evidence.

Position, appointment, dismissal and succession facts become dated *events* of one person in
one post (``newsgraph.posts`` decides which titles are one post; a fact's org, or the body its
title names, tells posts of different bodies apart):

- an appointment, or a succession naming the person as successor, starts a tenure (its date, else
  the article's publication date: "reported" precision);
- a dismissal, a succession naming the person as predecessor, or a position's end date ends it;
- a position reported as current in an article published on D is a *sighting*: the person held
  the post on D (``first_seen`` / ``last_seen`` bound the tenure when no start or end is known);
  one reported as former says the tenure ended before D;
- a successor's start ends the predecessor's open tenure of the same post (``end_basis``
  ``successor``), when the change comes after the predecessor's last sighting.

``tenures_of(conn, person_id)`` and ``holders(conn, title, on=None)`` read only the facts of
that person or that post, through indexes (``facts.person_id``, ``facts.post_key``,
``facts.role``+``org_id``).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import namedtuple
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from . import posts
from .extract.context import name_key
from .extract.lexicon import ORG_HEAD_WORDS
from .query._common import (
    MAX_SOURCES,
    PERSONNEL,
    SOURCE_COLUMNS,
    fact_query,
    fetch_facts,
    names_of,
    selective,
    source_of,
)
from .store import summary
from .store.schema import articles, entities, entity_keys, entity_names, facts

#: At most this many (person, body) pairs in one ``holders`` answer: those with the most reports in the post. A
#: post every article names ("president", with no country) has thousands of people called so once or twice; no
#: page lists them all, and reading every one of their tenures would make the answer take seconds.
MAX_HOLDERS = 50
#: Sources listed per holder in a ``holders`` answer (the latest; ``sightings`` counts them all): a list of fifty
#: holders is read for who and when, and each holder's ``show`` lists up to MAX_SOURCES.
HOLDER_SOURCES = 3
#: At most this many posts of one person in ``show`` (those with the most reports); the rest are counted.
MAX_POSTS = 100
_FULL_OR_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def clean_date(value: str | None) -> str | None:
    """VALUE if it is a comparable ISO date (2023, 2023-06, 2023-06-15); '--06-15' and junk give None."""
    return value if value and _FULL_OR_PARTIAL.match(value) else None


@dataclass
class Tenure:
    person_id: int
    post: tuple
    titles: list[str] = field(default_factory=list)
    org_id: int | None = None
    start: str | None = None
    start_basis: str | None = None
    end: str | None = None
    end_basis: str | None = None
    ended_before: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    said_current: bool = False
    said_former: bool = False
    rows: list[Row] = field(default_factory=list)
    #: how many reports it rests on, when ROWS are only those shown (a kept tenure: ``newsgraph.kept_tenures``)
    n_reports: int | None = None

    @property
    def latest(self) -> str:
        """The latest date it was known held: last sighting, else start, else first sighting ('' if none); the
        tie-break between equally reported tenures, the newest first."""
        return self.last_seen or self.start or self.first_seen or ""

    @property
    def anchor(self) -> str:
        return self.start or self.first_seen or self.ended_before or ""

    @property
    def status(self) -> str:
        if self.end or self.said_former and not (self.last_seen and self.ended_before
                                                 and self.last_seen > self.ended_before):
            return "former"
        if self.said_current or self.start:
            return "current"
        return "unknown"

    def title(self) -> str:
        """The most reported wording of the post (longer wins ties)."""
        counts: dict[str, int] = {}
        for t in self.titles:
            counts[t] = counts.get(t, 0) + 1
        return max(counts, key=lambda t: (counts[t], len(t))) if counts else ""


# -- posts ----------------------------------------------------------------------------------------

class PostResolver:
    """Decides the post identity of fact rows, caching body lookups for one query."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._orgs: dict[str, set[int]] = {}
        self._org_words: dict[int, set[str]] = {}
        self._forms: dict[int, list[str]] = {}
        self._types: dict[int, str | None] = {}
        self._identities: dict[tuple, tuple | None] = {}

    def prefetch(self, org_ids: Iterable[int | None]) -> None:
        """Read the types and name words of ORG_IDS in two queries, not two per body."""
        want = sorted({i for i in org_ids if i is not None} - self._forms.keys())
        for i in range(0, len(want), 500):
            chunk = want[i:i + 500]
            for eid, etype in self.conn.execute(sa.select(entities.c.id, entities.c.type)
                                                .where(entities.c.id.in_(chunk))):
                self._types[eid] = etype
            forms: dict[int, list[str]] = {eid: [] for eid in chunk}
            for eid, form in self.conn.execute(sa.select(entity_names.c.entity_id, entity_names.c.key)
                                               .where(entity_names.c.entity_id.in_(chunk))):
                forms[eid].append(form)
            for eid in chunk:
                self._types.setdefault(eid, None)
                self._forms[eid] = forms[eid]
                self._org_words[eid] = self._words_of(forms[eid])

    def prefetch_phrases(self, phrases: Iterable[str]) -> None:
        """``orgs_named`` for many PHRASES in two queries (a head of state's posts name hundreds of bodies)."""
        want = {p.strip() for p in phrases} - {""} - self._orgs.keys()
        if not want:
            return
        keys = {p: name_key(p) for p in want}
        found: dict[str, set[int]] = {p: set() for p in want}
        by_form: dict[str, set[str]] = {}
        for p, key in keys.items():
            for form in (key, key.replace(" ", "")):
                by_form.setdefault(form, set()).add(p)
        forms = sorted(by_form)
        for i in range(0, len(forms), 500):
            for eid, form in self.conn.execute(
                    sa.select(entity_names.c.entity_id, entity_names.c.key)
                    .join(entities, entities.c.id == entity_names.c.entity_id)
                    .where(entity_names.c.key.in_(forms[i:i + 500]), entity_names.c.kind != "description",
                           entities.c.type.in_(("ORG", "GPE", "NORP")), entities.c.merged_into.is_(None))):
                for p in by_form[form]:
                    found[p].add(eid)
        acronyms: dict[str, set[str]] = {}
        for p, key in keys.items():
            if " " not in key:
                acronyms.setdefault(key, set()).add(p)
        short = sorted(acronyms)
        for i in range(0, len(short), 500):
            for eid, key in self.conn.execute(
                    sa.select(entity_keys.c.entity_id, entity_keys.c.key)
                    .join(entities, entities.c.id == entity_keys.c.entity_id)
                    .where(entity_keys.c.kind == "acronym", entity_keys.c.key.in_(short[i:i + 500]),
                           entities.c.merged_into.is_(None))):
                for p in acronyms[key]:
                    found[p].add(eid)
        self._orgs.update(found)

    def prefetch_identities(self, pairs: Iterable[tuple[str | None, int | None]]) -> None:
        """Read every body name that ``identity`` of the (title, org id) PAIRS will look up, in a few queries."""
        todo = {pair for pair in pairs if pair not in self._identities}
        self.prefetch(org_id for _, org_id in todo)
        phrases: set[str] = set()
        for title, org_id in todo:
            post = posts.parse_title(title)
            if post is None or not (org_id is None or self.type_of(org_id) in ("GPE", "NORP")):
                continue
            words = post.phrase.split()
            if org_id is not None:
                dropped = self.org_words(org_id)
                words = [w for w in words if w not in dropped]
            phrases.add(" ".join(words))
            if org_id is None:
                phrases.add(post.phrase)
        self.prefetch_phrases(phrases)

    def name_keys(self, org_id: int) -> list[str]:
        """The name keys of one body (cached)."""
        if org_id not in self._forms:
            self.prefetch([org_id])
        return self._forms[org_id]

    @staticmethod
    def _words_of(forms: Iterable[str]) -> set[str]:
        words: set[str] = set()
        for f in forms:
            words |= set(f.split()) | {f.replace(" ", "")}
        return words

    def type_of(self, entity_id: int) -> str | None:
        if entity_id not in self._types:
            self._types[entity_id] = self.conn.execute(sa.select(entities.c.type)
                                                       .where(entities.c.id == entity_id)).scalar()
        return self._types[entity_id]

    def orgs_named(self, phrase: str) -> set[int]:
        """Bodies (ORG, GPE) that have PHRASE as a name, an alias or an acronym."""
        phrase = phrase.strip()
        if not phrase:
            return set()
        if phrase not in self._orgs:
            key = name_key(phrase)
            ids = set(self.conn.execute(
                sa.select(entity_names.c.entity_id).join(entities, entities.c.id == entity_names.c.entity_id)
                .where(entity_names.c.key.in_({key, key.replace(" ", "")}), entity_names.c.kind != "description",
                       entities.c.type.in_(("ORG", "GPE", "NORP")), entities.c.merged_into.is_(None))).scalars())
            if " " not in key:
                ids |= set(self.conn.execute(
                    sa.select(entity_keys.c.entity_id).join(entities, entities.c.id == entity_keys.c.entity_id)
                    .where(entity_keys.c.kind == "acronym", entity_keys.c.key == key,
                           entities.c.merged_into.is_(None))).scalars())
            self._orgs[phrase] = ids
        return self._orgs[phrase]

    def org_words(self, org_id: int) -> set[str]:
        if org_id not in self._org_words:
            self._org_words[org_id] = self._words_of(self.name_keys(org_id))
        return self._org_words[org_id]

    def identity(self, title: str | None, org_id: int | None) -> tuple | None:
        """(role, org id or None, residual qualifier) naming the post of one fact."""
        key = (title, org_id)
        if key not in self._identities:
            self._identities[key] = self._identity(title, org_id)
        return self._identities[key]

    def _identity(self, title: str | None, org_id: int | None) -> tuple | None:
        post = posts.parse_title(title)
        if post is None:
            return None
        dropped: set[str] = set()
        if org_id is None or self.type_of(org_id) in ("GPE", "NORP"):
            # a body named in the title ("chairman of Kazakhstan's National Security Committee") beats a country
            words = post.phrase.split()
            if org_id is not None:
                dropped = self.org_words(org_id)
                words = [w for w in words if w not in dropped]
            found = {o for o in self.orgs_named(" ".join(words)) if self.type_of(o) == "ORG"}
            if not found and org_id is None:
                found = self.orgs_named(post.phrase)
            if len(found) == 1:
                org_id = next(iter(found))
        if org_id is None:
            return (post.role, None, post.qualifier)
        drop = self.org_words(org_id) | dropped | ORG_HEAD_WORDS | posts.FUNCTION_WORDS
        residual = " ".join(sorted(w for w in post.qualifier.split() if w not in drop))
        return (post.role, org_id, residual)


# -- building ------------------------------------------------------------------------------------

def _events(row: Row, person_id: int) -> list[tuple[str, str | None, str]]:
    """(what, date, basis) events that fact ROW says about PERSON_ID."""
    published = clean_date(row.a_published)
    date = clean_date(row.date)
    when = date or published
    basis = "dated" if date else "reported"
    if row.kind == "position":
        out = []
        if clean_date(row.start_date):
            out.append(("start", clean_date(row.start_date), "dated"))
        if clean_date(row.end_date):
            out.append(("end", clean_date(row.end_date), "dated"))
        first = clean_date(row.first_published) if isinstance(row, Sightings) else None
        if row.status == "current":
            out.append(("seen", published, "sighting"))
            if first and first != published:
                out.append(("seen", first, "sighting"))
        elif row.status == "former":
            out.append(("former", first or published, "reported former"))
        else:
            out.append(("mentioned", published, "mentioned"))
        return out
    if row.kind == "appointment":
        return [("start", when, "appointed, " + basis)]
    if row.kind == "dismissal":
        return [("end", when, "dismissed, " + basis)]
    if row.kind == "succession":
        if row.successor_id == person_id:
            return [("start", when, "succeeded predecessor, " + basis)]
        if row.predecessor_id == person_id:
            return [("end", when, "succeeded, " + basis)]
    return []


_ORDER = {"start": 0, "seen": 1, "mentioned": 1, "former": 2, "end": 3}


def build_tenures(rows: Iterable[Row], person_id: int, post: tuple) -> list[Tenure]:
    """The tenures of PERSON_ID in one POST from its fact ROWS (all of that person and post)."""
    events = []
    for row in rows:
        for what, date, basis in _events(row, person_id):
            events.append((date or "9999", _ORDER[what], what, date, basis, row))
    events.sort(key=lambda e: (e[0], e[1]))
    out: list[Tenure] = []
    cur: Tenure | None = None
    # rows already in each tenure, by fact id (a list scan compared whole rows, quadratic for a head of state)
    held: dict[int, set[int]] = {}

    def fresh() -> Tenure:
        t = Tenure(person_id=person_id, post=post, org_id=post[1])
        out.append(t)
        return t

    for _, _, what, date, basis, row in events:
        closed = cur is not None and cur.end is not None
        if what == "start":
            if cur is None or (closed and date and date > cur.end):
                cur = fresh()
            if cur.start is None and date and not (cur.first_seen and date > cur.first_seen):
                cur.start, cur.start_basis = date, basis
        elif what in ("seen", "mentioned"):
            if cur is None or (closed and date and date > cur.end):
                cur = fresh()
            if date and what == "seen":
                cur.first_seen = min(cur.first_seen or date, date)
                cur.last_seen = max(cur.last_seen or date, date)
                cur.said_current = True
        elif what == "former":
            if cur is None:
                cur = fresh()
            cur.said_former = True
            if date:
                cur.ended_before = min(cur.ended_before or date, date)
        elif what == "end":
            if cur is None:
                cur = fresh()
            if cur.end is None and date:
                cur.end, cur.end_basis = date, basis
        seen = held.setdefault(id(cur), set())
        if row.id not in seen:
            seen.add(row.id)
            cur.rows.append(row)
            if row.title:
                cur.titles.append(row.title)
    return out


def _post_of(resolver: PostResolver, row: Row) -> tuple | None:
    return resolver.identity(row.title, row.org_id)


def tenures_from_rows(conn: Connection, rows: list[Row], only_person: int | None = None,
                      resolver: PostResolver | None = None, fold_for: Container[int] | None = None) -> list[Tenure]:
    """Tenures of every person in ROWS (or ONLY_PERSON), per post, successor ends inferred.

    FOLD_FOR: only these people's untitled successions and dismissals may join their one post (all when None):
    ROWS that are one role's facts cannot tell whether a person also holds posts of other roles."""
    resolver = resolver or PostResolver(conn)
    resolver.prefetch_identities((row.title, row.org_id) for row in rows)
    groups: dict[tuple[int, tuple], list[Row]] = {}
    untitled: dict[int, list[Row]] = {}
    for row in rows:
        people = {row.person_id, row.successor_id, row.predecessor_id} - {None}
        post = _post_of(resolver, row)
        for pid in people:
            if only_person is not None and pid != only_person:
                continue
            if post is None:
                if row.kind in ("succession", "dismissal"):
                    untitled.setdefault(pid, []).append(row)
                continue
            groups.setdefault((pid, post), []).append(row)
    # a succession or dismissal without a title belongs to the person's one post, if they have one
    for pid, extra in untitled.items():
        if fold_for is not None and pid not in fold_for:
            continue
        own = [k for k in groups if k[0] == pid]
        if len(own) == 1:
            groups[own[0]].extend(extra)
    _fold_unknown_bodies(groups)
    tenures = [t for (pid, post), group in groups.items() for t in build_tenures(group, pid, post)]
    infer_successor_ends(tenures)
    return tenures


def _fold_unknown_bodies(groups: dict[tuple[int, tuple], list[Row]]) -> None:
    """A person's post read without a body joins the same post with a body ("interior minister" = Peru's)."""
    with_body: dict[tuple, list[tuple[int, tuple]]] = {}
    for k in groups:
        if k[1][1] is not None:
            with_body.setdefault((k[0], k[1][0], k[1][2]), []).append(k)
    for pid, post in [k for k in groups if k[1][1] is None]:
        same = with_body.get((pid, post[0], post[2]), [])
        if len(same) == 1:
            groups[same[0]].extend(groups.pop((pid, post)))


def same_post(a: tuple, b: tuple) -> bool:
    """One post: same role, portfolio and body. A start in a post read without its body does not end a tenure
    in a known body, nor the reverse: "head" with no body is a different post in every article that says it (a
    person's post without a body has been folded into their one post with it: ``_fold_unknown_bodies``)."""
    return a == b


def infer_successor_ends(tenures: list[Tenure]) -> None:
    """Close each open tenure at the start of the next holder of the same post, if that came later."""
    by_role: dict[tuple, list[Tenure]] = {}
    for t in tenures:
        by_role.setdefault((t.post[0], t.post[2]), []).append(t)
    for group in by_role.values():
        starts = sorted((t for t in group if t.start), key=lambda t: t.start)
        keys = [t.start for t in starts]
        for t in group:
            if t.end is not None:
                continue
            after = t.last_seen or t.start or t.first_seen
            if not after:
                continue
            # the first start after AFTER by bisection: a post with thousands of holders made this quadratic
            nxt = next((u for u in itertools.islice(starts, bisect.bisect_right(keys, after), None)
                        if u.person_id != t.person_id and same_post(t.post, u.post)), None)
            if nxt is not None:
                t.end, t.end_basis = nxt.start, "successor"
                t.successor_id = nxt.person_id  # type: ignore[attr-defined]


class Sightings:
    """Position facts that say the same thing in the same outlet, read as one row.

    A head of state may be called president in thousands of articles; the tenure needs only the
    first and last of them per outlet and wording, so ``personnel_rows`` groups them in SQL and
    keeps one sample fact (the latest) for the evidence.
    """

    def __init__(self, row: Row, first: str | None, last: str | None, n: int) -> None:
        self._row = row
        self.first_published = first
        self.last_published = last
        self.sightings = n

    def __getattr__(self, name: str) -> Any:
        return getattr(self._row, name)

    @property
    def _mapping(self) -> Mapping[str, Any]:
        return _SightingsMapping(self)


class _SightingsMapping(Mapping[str, Any]):
    """A ``Sightings`` row's mapping: its counts over the sample row's (a view: copying a row's mapping for every
    source listed cost more than reading it)."""

    _OWN = frozenset({"sightings", "first_published", "last_published"})

    def __init__(self, row: Sightings) -> None:
        self._s = row
        self._base = row._row._mapping

    def __getitem__(self, key: str) -> Any:
        return getattr(self._s, key) if key in self._OWN else self._base[key]

    def __contains__(self, key: object) -> bool:
        return key in self._OWN or key in self._base

    def __iter__(self) -> Iterator[str]:
        yield from self._base
        yield from (k for k in ("sightings", "first_published", "last_published") if k not in self._base)

    def __len__(self) -> int:
        return sum(1 for _ in self)


_GROUP = summary.GROUP_COLUMNS


#: The columns tenures are built from (``_events``, ``build_tenures``, ``tenures_from_rows``): enough for rows
#: that only place other holders' starts and never appear in an answer.
START_COLUMNS = [facts.c.id, facts.c.kind, facts.c.person_id, facts.c.successor_id, facts.c.predecessor_id,
                 facts.c.title, facts.c.org_id, facts.c.status, facts.c.date, facts.c.start_date, facts.c.end_date,
                 facts.c.attributed_to_id, articles.c.published.label("a_published")]
#: START_COLUMNS, the article and its outlet: what tenures, their names, corroboration and copies need. The evidence
#: (sentence, span, outlet, title) is read by ``hydrate`` for the few rows a tenure shows as sources.
SLIM_COLUMNS = [*START_COLUMNS, facts.c.article_id, articles.c.source.label("a_source")]
#: Rows of START_COLUMNS or SLIM_COLUMNS made from a kept sighting group (``store.summary.groups``): they have the
#: fields, and no evidence, of the rows read from the facts, so ``hydrate`` reads the evidence of those shown.
_ROW_SHAPES = {tuple(c.name for c in cols): namedtuple(name, [c.name for c in cols])
               for name, cols in (("StartRow", START_COLUMNS), ("SlimRow", SLIM_COLUMNS))}


def personnel_rows(conn: Connection, any_of: list[Any], kinds: Iterable[str] = PERSONNEL,
                   columns: list[Any] = SLIM_COLUMNS) -> list[Any]:
    """Personnel facts matching any of the conditions ANY_OF (each served by its own index):
    appointments, dismissals and successions one by one, positions grouped (``Sightings``).

    Rows have COLUMNS only (by default no evidence: ``hydrate`` reads it for the rows shown)."""
    kinds = set(kinds)
    # a union of indexed lookups: an OR across columns can make SQLite scan the articles instead
    def ids(*kind_cond: Any) -> list[Any]:
        return [facts.c.id.in_(sa.union(*[sa.select(facts.c.id).where(selective(conn, c), *kind_cond)
                                          for c in any_of]))]

    out: list[Any] = []
    others = kinds - {"position"}
    if others:
        out += fetch_facts(conn, *ids(facts.c.kind.in_(sorted(others))), columns=columns)
    if "position" not in kinds:
        return out
    if summary.fresh(conn):  # the groups kept by store.summary: the same rows, without grouping thousands of facts
        kept = summary.groups(conn, [selective(conn, c) for c in any_of])
        shape = _ROW_SHAPES.get(tuple(c.name for c in columns))
        if shape is not None:  # the sample's tenure columns are kept with the group: no fact to read
            for g in kept:
                row = shape(*(g[name] for name in shape._fields))
                out.append(Sightings(row, g["first_published"], g["last_published"], g["n"]) if g["n"] > 1 else row)
            return out
        groups = [(g["id"], g["first_published"], g["last_published"], g["n"]) for g in kept]
    else:
        # ordered by sample id, as summary.groups: the order rows reach build_tenures decides ties (titles, bases)
        top = sa.func.max(facts.c.id)
        groups = conn.execute(
            sa.select(top, sa.func.min(articles.c.published), sa.func.max(articles.c.published), sa.func.count())
            .select_from(facts.join(articles, articles.c.id == facts.c.article_id))
            .where(facts.c.retracted.is_(False), *ids(facts.c.kind == "position")).group_by(*_GROUP)
            .order_by(top)).all()
    if groups:
        sample = {r.id: r for r in fetch_facts(conn, facts.c.id.in_([g[0] for g in groups]), columns=columns)}
        out += [Sightings(sample[g[0]], g[1], g[2], int(g[3])) if g[3] > 1 else sample[g[0]]
                for g in groups if g[0] in sample]
    return out


def _post_conditions(role: str, org_ids: Iterable[int], keys: Iterable[str]) -> list[Any]:
    conds = []
    keys = sorted(set(keys))
    org_ids = sorted(set(org_ids))
    if keys:
        conds.append(facts.c.post_key.in_(keys))
    if org_ids:
        conds.append(sa.and_(facts.c.role == role, facts.c.org_id.in_(org_ids)))
    return conds


def post_rows(conn: Connection, role: str, org_ids: Iterable[int], keys: Iterable[str],
              kinds: Iterable[str] = PERSONNEL) -> list[Any]:
    """Personnel facts of one post: by post key, or by role and body (both indexed)."""
    conds = _post_conditions(role, org_ids, keys)
    if not conds:
        return []
    return personnel_rows(conn, conds, kinds=kinds)


def _keys_for(resolver: PostResolver, role: str, phrase: str, org_ids: set[int]) -> set[str]:
    keys = {f"{role}|{posts.Post(role, phrase).qualifier}"}
    resolver.prefetch(org_ids)
    for oid in org_ids:
        for form in resolver.name_keys(oid):
            keys.add(f"{role}|{posts.Post(role, form).qualifier}")
    return keys


def tenures_of(conn: Connection, person_id: int, limit: int | None = None,
               counts: dict[str, int] | None = None) -> list[Tenure]:
    """Every tenure of one person, with ends inferred from the next holders of the same posts.

    LIMIT: at most this many posts (``capped_posts``: those with the most reports); the successor search,
    which reads every other holder's starts, then runs for those posts only. COUNTS, when given, gets
    ``posts``: how many posts the person held in all.
    """
    rows = personnel_rows(conn, [facts.c.person_id == person_id, facts.c.successor_id == person_id,
                                 facts.c.predecessor_id == person_id])
    resolver = PostResolver(conn)
    own = tenures_from_rows(conn, rows, person_id, resolver)
    n_posts = len({t.post for t in own})
    if counts is not None:
        counts["posts"] = n_posts
    if limit is not None and n_posts > limit:
        own = capped_posts(own, limit)
        rows = list({r.id: r for t in own for r in t.rows}.values())
    open_posts = {t.post for t in own if t.end is None}
    if not open_posts:
        return own
    # read the other holders' starts in the posts still open, to end them at a successor's start
    extra: dict[int, Any] = {r.id: r for r in rows}
    # one indexed lookup per role and one for every post key: a condition per open post made one UNION term
    # each, and a person with hundreds of open posts passed SQLite's limit of 500 compound terms
    keys: set[str] = set()
    orgs_by_role: dict[str, set[int]] = {}
    for role, org_id, residual in open_posts:
        org_ids = {org_id} if org_id is not None else set()
        keys |= _keys_for(resolver, role, residual, org_ids)
        orgs_by_role.setdefault(role, set()).update(org_ids)
    conds = _post_conditions("", (), keys)
    for role, org_ids in sorted(orgs_by_role.items()):
        conds += _post_conditions(role, org_ids, ())
    for r in _other_starts(conn, conds, person_id) if conds else []:
        extra.setdefault(r.id, r)
    everyone = tenures_from_rows(conn, list(extra.values()), None, resolver)
    return [t for t in everyone if t.person_id == person_id]


def capped_holders(tenures: list[Tenure], limit: int = MAX_HOLDERS) -> list[Tenure]:
    """The tenures of the LIMIT (person, body) pairs with the most reports (then the latest), all tenures of each."""
    weight = weigh(((t.person_id, t.org_id), reports(t), t.latest) for t in tenures)
    if len(weight) <= limit:
        return tenures
    # ties: the lower person id, then no body first (as ``kept_tenures.holders`` orders them in SQL)
    keep = set(sorted(weight, key=lambda k: (-weight[k][0], _neg(weight[k][1]), k[0],
                                             -1 if k[1] is None else k[1]))[:limit])
    return [t for t in tenures if (t.person_id, t.org_id) in keep]


def reports(t: Tenure) -> int:
    """How many reports tenure T rests on (a grouped sighting row counts each of its articles)."""
    if t.n_reports is not None:
        return t.n_reports
    return sum(r.sightings if isinstance(r, Sightings) else 1 for r in t.rows)


def shown_rows(t: Tenure, limit: int = MAX_SOURCES) -> list[Any]:
    """The rows tenure T lists as its sources: the latest LIMIT."""
    if t.n_reports is not None:  # a kept tenure: its rows are those shown, kept in this order
        return t.rows[-limit:]
    return sorted(t.rows, key=lambda r: (r.a_published or "", r.id))[-limit:]


def _slim(row: Any) -> bool:
    """Whether ROW lacks its evidence (``hasattr``: ``Row._fields`` is rebuilt on every call)."""
    return not hasattr(row._row if isinstance(row, Sightings) else row, "evidence_text")


def hydrate(conn: Connection, tenures: Iterable[Tenure], limit: int = MAX_SOURCES) -> None:
    """Give the rows TENURES show as sources (the latest LIMIT of each) their evidence and article (one query for
    all of them): the rows they were built from carry only what building needs (``SLIM_COLUMNS``)."""
    tenures = list(tenures)
    want = sorted({r.id for t in tenures for r in shown_rows(t, limit) if _slim(r)})
    if not want:
        return
    full: dict[int, Any] = {}
    for i in range(0, len(want), 500):
        full.update((r.id, r) for r in conn.execute(fact_query(facts.c.id.in_(want[i:i + 500]),
                                                               columns=SOURCE_COLUMNS)))

    def whole(r: Any) -> Any:
        if r.id not in full or not _slim(r):
            return r
        if isinstance(r, Sightings):
            return Sightings(full[r.id], r.first_published, r.last_published, r.sightings)
        return full[r.id]

    for t in tenures:
        t.rows = [whole(r) for r in t.rows]


def capped_posts(tenures: list[Tenure], limit: int) -> list[Tenure]:
    """The tenures of the LIMIT posts with the most reports (then the latest), all tenures of each kept post."""
    keep = set(heaviest(weigh((t.post, reports(t), t.latest) for t in tenures), limit))
    return [t for t in tenures if t.post in keep]


def weigh(items: Iterable[tuple[tuple, int, str]]) -> dict[tuple, tuple[int, str]]:
    """key -> (reports, latest date) summed over ITEMS of (key, reports, latest date): how caps rank posts and
    holders."""
    weight: dict[tuple, tuple[int, str]] = {}
    for key, n, latest in items:
        have, last = weight.get(key, (0, ""))
        weight[key] = (have + n, max(last, latest))
    return weight


def heaviest(weight: Mapping[tuple, tuple[int, str]], limit: int) -> list[tuple]:
    """The LIMIT posts of WEIGHT (post -> (reports, latest date)) with the most reports, then the latest."""
    return sorted(weight, key=lambda p: (-weight[p][0], _neg(weight[p][1]), repr(p)))[:limit]


def _neg(date: str) -> tuple[int, ...]:
    """A sort key putting later ISO dates first."""
    return tuple(-ord(c) for c in date)


def _other_starts(conn: Connection, conds: list[Any], person_id: int) -> list[Any]:
    """Other holders' appointments and successions in the posts CONDS select: rows that place their tenure starts.

    They never appear in the answer, so only the columns tenures are built from are read, and a holder's
    appointments to one post with one date are one row dated by the first report: without an end between
    them (a succession naming the holder as predecessor) later copies start nothing. Holders with such an
    end keep every appointment row.
    """
    def involved(r: Any) -> bool:
        return person_id in (r.person_id, r.successor_id, r.predecessor_id)

    successions = [r for r in personnel_rows(conn, conds, kinds=("succession",), columns=START_COLUMNS)
                   if not involved(r)]
    ended = sorted({r.predecessor_id for r in successions} - {None})
    ids = facts.c.id.in_(sa.union(*[sa.select(facts.c.id).where(selective(conn, c), facts.c.kind == "appointment")
                                    for c in conds]))
    first = sa.select(
        sa.func.min(facts.c.id).label("id"), facts.c.kind, facts.c.person_id, sa.null().label("successor_id"),
        sa.null().label("predecessor_id"), facts.c.title, facts.c.org_id, sa.null().label("status"), facts.c.date,
        sa.null().label("start_date"), sa.null().label("end_date"), sa.null().label("attributed_to_id"),
        sa.func.min(articles.c.published).label("a_published"),
    ).select_from(facts.join(articles, articles.c.id == facts.c.article_id)).where(
        facts.c.retracted.is_(False), ids, facts.c.person_id != person_id,
    ).group_by(facts.c.kind, facts.c.person_id, facts.c.title, facts.c.org_id, facts.c.date)
    skip = set(ended)
    appointments = [r for r in conn.execute(first) if r.person_id not in skip]
    if ended:
        # the post's appointments filtered by person (not through the person index: SQLite read every fact of
        # hundreds of ended holders, heads of state among them, for a few appointments)
        unindexed = facts.c.person_id + 0
        appointments += [r for r in personnel_rows(conn, [sa.and_(c, unindexed.in_(ended)) for c in conds],
                                                   kinds=("appointment",), columns=START_COLUMNS) if not involved(r)]
    # in the order the facts were read before (publication, id): it decides between two successors on one day
    return sorted(successions + appointments, key=lambda r: (r.a_published or "", r.id))


def query_post(resolver: PostResolver, title: str) -> tuple[posts.Post, set[int], str]:
    """The post a query TITLE names: (post, bodies it names, the rest of its qualifier)."""
    post = posts.parse_title(title)
    if post is None:
        from .errors import QueryError

        raise QueryError(f"{title!r} does not name a post (try e.g. 'interior minister', 'head of the KNB')")
    words = post.phrase.split()
    # every split below looked up in two queries, not two per split (a long title made dozens of round trips)
    resolver.prefetch_phrases([post.phrase, *(" ".join(part) for i in range(1, len(words))
                                              for part in (words[:i], words[i:]))])
    org_ids = {o for o in resolver.orgs_named(post.phrase)}
    residual = ""
    for i in range(1, len(words)):
        if org_ids:
            break
        for body, rest in ((words[:i], words[i:]), (words[i:], words[:i])):
            found = resolver.orgs_named(" ".join(body))
            if found:
                org_ids, residual = found, " ".join(sorted(set(rest)))
                break
    return post, org_ids, residual


def wanted_post(conn: Connection, title: str,
                resolver: PostResolver | None = None) -> tuple[tuple[str, set[int], str], set[str]]:
    """What the post TITLE names: (role, bodies, residual), which ``matches_query`` keeps tenures by, and the post
    keys (``facts.post_key``) its facts may have; facts of the role and one of the bodies are of it too."""
    resolver = resolver or PostResolver(conn)
    post, org_ids, residual = query_post(resolver, title)
    keys = _keys_for(resolver, post.role, post.phrase, org_ids)
    if residual:
        keys.add(f"{post.role}|{residual}")
    return (post.role, org_ids, residual), keys


def holders_rows(conn: Connection, title: str, limit: int | None = 4 * MAX_HOLDERS,
                 read: dict[str, bool] | None = None) -> tuple[list[Row], PostResolver, tuple]:
    """Fact rows of the post TITLE names, its resolver, and (role, bodies, residual) to filter tenures by.

    When more than LIMIT (person, body) pairs have facts under the post's keys, only the LIMIT with the most
    (``top_holders``) are read. LIMIT is a few times ``MAX_HOLDERS``: some of the keys' facts are of another
    post of the body (``matches_query``), and the answer is cut to MAX_HOLDERS by ``capped_holders``.
    LIMIT None reads every pair: a question about one date must not lose a little-reported holder of then.
    READ, when given, gets ``cut``: whether pairs were left unread.
    """
    resolver = PostResolver(conn)
    want, keys = wanted_post(conn, title, resolver)
    conds = _post_conditions(want[0], want[1], keys)
    if not conds:
        return [], resolver, want
    top = top_holders(conn, conds, limit) if limit is not None else None
    if read is not None:
        read["cut"] = top is not None
    if top is not None:
        people = sorted({p for p, _ in top})
        with_body = sorted((p, o) for p, o in top if o is not None)
        without = sorted(p for p, o in top if o is None)
        pick = []
        if with_body:
            pick.append(sa.tuple_(facts.c.person_id, facts.c.org_id).in_(with_body))
        if without:
            pick.append(sa.and_(facts.c.person_id.in_(without), facts.c.org_id.is_(None)))
        # successor and predecessor are set on successions only: said so, each term reads the post's few successions
        conds = [sa.and_(c, p) for c in conds for p in pick] + [
            sa.and_(c, facts.c.kind == "succession", col.in_(people)) for c in conds
            for col in (facts.c.successor_id, facts.c.predecessor_id)]
    return personnel_rows(conn, conds), resolver, want


def top_holders(conn: Connection, conds: list[Any], limit: int) -> list[tuple[int, int | None]] | None:
    """The LIMIT (person, body) pairs with the most personnel facts matching any of CONDS; None when there are
    no more than LIMIT (nothing to leave out). Reads indexes only: ``facts`` (post_key, person_id, org_id),
    (role, org_id, person_id) and, for the few successions, (post_key, kind) / (role, org_id, kind)."""
    terms = []
    for c in conds:
        terms.append(sa.select(facts.c.person_id.label("pid"), facts.c.org_id.label("oid"))
                     .where(c, facts.c.person_id.is_not(None)))
        for col in (facts.c.successor_id, facts.c.predecessor_id):
            terms.append(sa.select(col.label("pid"), facts.c.org_id.label("oid"))
                         .where(c, facts.c.kind == "succession", col.is_not(None)))
    every = sa.union_all(*terms).subquery()
    n = sa.func.count().label("n")
    rows = conn.execute(sa.select(every.c.pid, every.c.oid, n).group_by(every.c.pid, every.c.oid)
                        .order_by(n.desc(), every.c.pid, every.c.oid).limit(limit + 1)).all()
    if len(rows) <= limit:
        return None
    return [(r.pid, r.oid) for r in rows[:limit]]


def matches_query(t: Tenure, want: tuple) -> bool:
    """Whether tenure T is of the queried post (same role; same body and portfolio when the query names a body)."""
    role, org_ids, residual = want
    if t.post[0] != role:
        return False
    if org_ids and t.post[1] is not None:
        return t.post[1] in org_ids and t.post[2] == residual
    return True


def held_on(t: Tenure, on: str) -> bool:
    """Whether the evidence says tenure T covered date ON."""
    begin = t.start or t.first_seen
    if not begin or begin[:len(on)] > on:
        return False
    if t.end is not None:
        return t.end >= on[:len(t.end)] if len(t.end) < len(on) else t.end >= on
    return not (t.ended_before is not None and t.ended_before <= on and not (t.last_seen and t.last_seen >= on))


def names_for_tenures(conn: Connection, tenures: Iterable[Tenure],
                      names: Mapping[int, Mapping[str, Any]] | None = None) -> dict[int, dict[str, Any]]:
    """NAMES plus every entity TENURES name (people, bodies, successors, attributed speakers), in one query,
    so that ``tenure_json`` does not look names up tenure by tenure."""
    out = dict(names or {})
    want = {i for t in tenures for i in (t.person_id, t.org_id, getattr(t, "successor_id", None),
                                         *(r.attributed_to_id for r in t.rows))}
    out.update(names_of(conn, {i for i in want if i is not None and i not in out}))
    return out


def tenure_json(conn: Connection, t: Tenure, names: Mapping[int, Mapping[str, Any]] | None = None,
                sources: int = MAX_SOURCES) -> dict[str, Any]:
    """The contract's position object: title, org, status, start, end, the latest SOURCES sources (and how they are
    known). Those source rows must carry their evidence: rows built from slim ones are ``hydrate``d first."""
    names = dict(names or {})
    want = {t.person_id, t.org_id, getattr(t, "successor_id", None)} | {r.attributed_to_id
                                                                         for r in shown_rows(t, sources)}
    missing = {i for i in want if i is not None and i not in names}
    names.update(names_of(conn, missing))
    org = names.get(t.org_id) if t.org_id is not None else None
    out = {
        "person": {"id": t.person_id, "name": names.get(t.person_id, {}).get("name")},
        "title": t.title(),
        "org": {"id": org["id"], "name": org["name"]} if org else None,
        "status": t.status,
        "start": t.start,
        "end": t.end,
        "start_basis": t.start_basis,
        "end_basis": t.end_basis,
        "first_seen": t.first_seen,
        "last_seen": t.last_seen,
        "ended_before": t.ended_before,
        "post": "|".join(str(p) if p is not None else "" for p in t.post),
        "sources": [source_of(r, names) for r in shown_rows(t, sources)],
        "sightings": reports(t),
    }
    succ = getattr(t, "successor_id", None)
    if succ is not None:
        out["successor"] = {"id": succ, "name": names.get(succ, {}).get("name")}
    return out


__all__ = ["HOLDER_SOURCES", "MAX_HOLDERS", "MAX_POSTS", "PostResolver", "Tenure", "build_tenures", "capped_holders",
           "capped_posts", "clean_date", "heaviest", "held_on", "holders_rows", "hydrate", "infer_successor_ends",
           "names_for_tenures", "post_rows", "reports", "shown_rows", "tenure_json", "tenures_from_rows",
           "tenures_of", "top_holders", "wanted_post", "weigh"]
