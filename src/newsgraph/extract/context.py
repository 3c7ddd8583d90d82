"""Shared state of one extraction: the Doc, the entity table, the facts so far.

Every extractor module is a function ``run(ctx: Context) -> None`` that reads
the Doc and what earlier stages left in the context, and adds entities,
mentions or facts through the methods below. Offsets are always character
offsets into ``ctx.text`` (== ``doc.text``), end exclusive.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from ..article import Article

if TYPE_CHECKING:  # spaCy is imported by the pipeline; queries import name_key without it
    from spacy.tokens import Doc, Span, Token

Offsets = tuple[int, int]


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Fold a surface form for comparison: accents, case, punctuation, leading 'the', possessive.

    Cached: the extractor folds the same few names thousands of times per article (the top
    function in bench/profile_extract.py before the cache).
    """
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w]+", " ", s).strip()
    return re.sub(r"^the ", "", s)


@dataclass
class Entity:
    id: str
    type: str
    name: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Offsets] = field(default_factory=list)
    #: how many mentions voted for each type; ``type`` is the winner
    type_votes: dict[str, int] = field(default_factory=dict)
    #: what the article shows the entity to be beyond its type, e.g. {"news"} for an outlet
    kinds: set[str] = field(default_factory=set)

    def forms(self) -> set[str]:
        return {self.name, *self.aliases}

    def to_json(self) -> dict:
        aliases = sorted(a for a in self.aliases if a != self.name)
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "aliases": aliases,
            "mentions": [{"start": s, "end": e} for s, e in sorted(set(self.mentions))],
        }


class EntityTable:
    """Entities of one article and the spans that mention them."""

    def __init__(self) -> None:
        self.items: list[Entity] = []
        self._by_key: dict[str, Entity] = {}
        self._spans: list[tuple[int, int, Entity]] = []  # sorted by start
        self._max_len = 0  # longest mention, so that ``at`` need not scan every earlier span
        self._mention_sets: dict[int, tuple[int, set[Offsets]]] = {}  # id(entity) -> (len(mentions), set)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def get(self, entity_id: str) -> Entity | None:
        return next((e for e in self.items if e.id == entity_id), None)

    def lookup(self, name: str, type: str | None = None) -> Entity | None:
        """The entity that has NAME as its name or an alias (folded), optionally of TYPE."""
        ent = self._by_key.get(name_key(name))
        if ent is not None and (type is None or ent.type == type):
            return ent
        return None

    def create(self, name: str, type: str) -> Entity:
        ent = Entity(id=f"e{len(self.items) + 1}", type=type, name=name)
        self.items.append(ent)
        self._by_key.setdefault(name_key(name), ent)
        return ent

    def add_alias(self, ent: Entity, alias: str) -> None:
        if alias and alias != ent.name:
            ent.aliases.add(alias)
        self._by_key.setdefault(name_key(alias), ent)

    def add_mention(self, ent: Entity, start: int, end: int, surface: str | None = None,
                    type_vote: str | None = None) -> None:
        if not self._has_mention(ent, start, end):
            ent.mentions.append((start, end))
            self._mention_sets[id(ent)][1].add((start, end))
            self._mention_sets[id(ent)] = (len(ent.mentions), self._mention_sets[id(ent)][1])
            bisect.insort(self._spans, (start, end, ent), key=lambda t: (t[0], t[1]))
            self._max_len = max(self._max_len, end - start)
        if surface:
            self.add_alias(ent, surface)
        if type_vote:
            ent.type_votes[type_vote] = ent.type_votes.get(type_vote, 0) + 1

    def _has_mention(self, ent: Entity, start: int, end: int) -> bool:
        """Set lookup instead of a scan of ``ent.mentions`` (an entity may have thousands); the set is
        rebuilt whenever the list changed behind the table's back."""
        cached = self._mention_sets.get(id(ent))
        if cached is None or cached[0] != len(ent.mentions):
            cached = (len(ent.mentions), set(ent.mentions))
            self._mention_sets[id(ent)] = cached
        return (start, end) in cached[1]

    def mention(self, name: str, type: str, start: int, end: int) -> Entity:
        """Record a mention of NAME; reuse the entity with that name or create one."""
        ent = self.lookup(name) or self.create(name, type)
        self.add_mention(ent, start, end, name, type)
        return ent

    def merge(self, keep: Entity, gone: Entity) -> None:
        """Fold GONE into KEEP (same real-world entity)."""
        if keep is gone:
            return
        for alias in gone.forms():
            self.add_alias(keep, alias)
        for s, e in gone.mentions:
            if (s, e) not in keep.mentions:
                keep.mentions.append((s, e))
        for t, n in gone.type_votes.items():
            keep.type_votes[t] = keep.type_votes.get(t, 0) + n
        keep.kinds |= gone.kinds
        self.items.remove(gone)
        self._by_key = {k: (keep if v is gone else v) for k, v in self._by_key.items()}
        self._spans = sorted(
            ((s, e, keep if ent is gone else ent) for s, e, ent in self._spans), key=lambda t: (t[0], t[1])
        )

    def merge_many(self, groups: list[list[Entity]]) -> None:
        """Fold each group into its first entity, rebuilding the indexes once (``merge`` rebuilds per call)."""
        gone_to_keep: dict[int, Entity] = {}
        for group in groups:
            keep = group[0]
            for gone in group[1:]:
                if gone is keep or id(gone) in gone_to_keep:
                    continue
                gone_to_keep[id(gone)] = keep
                for alias in gone.forms():
                    if alias and alias != keep.name:
                        keep.aliases.add(alias)
                have = set(keep.mentions)
                keep.mentions.extend(m for m in gone.mentions if m not in have)
                for t, n in gone.type_votes.items():
                    keep.type_votes[t] = keep.type_votes.get(t, 0) + n
                keep.kinds |= gone.kinds
        if not gone_to_keep:
            return
        self.items = [e for e in self.items if id(e) not in gone_to_keep]
        self._by_key = {k: gone_to_keep.get(id(v), v) for k, v in self._by_key.items()}
        for keep in {id(k): k for k in gone_to_keep.values()}.values():
            for alias in keep.forms():
                self._by_key.setdefault(name_key(alias), keep)
        self._spans = [(s, e, gone_to_keep.get(id(ent), ent)) for s, e, ent in self._spans]

    def mentions_before(self, pos: int, limit: int = 200) -> list[tuple[int, int, Entity]]:
        """Up to LIMIT mentions that end at or before POS, nearest first (for resolving back-references)."""
        i = bisect.bisect_left(self._spans, pos, key=lambda t: t[0])
        out = []
        while i > 0 and len(out) < limit:
            i -= 1
            if self._spans[i][1] <= pos:
                out.append(self._spans[i])
        return out

    def remove_mention(self, ent: Entity, start: int, end: int) -> None:
        """Forget that [start, end) mentions ENT (a rule found it was part of a longer name)."""
        if self._has_mention(ent, start, end):
            ent.mentions.remove((start, end))
            i = bisect.bisect_left(self._spans, (start, end), key=lambda t: (t[0], t[1]))
            while i < len(self._spans) and self._spans[i][:2] == (start, end):
                if self._spans[i][2] is ent:
                    del self._spans[i]
                    break
                i += 1

    def renumber(self) -> dict[str, str]:
        """Give entities consecutive ids e1..eN in order of first mention; returns old -> new."""
        self.items.sort(key=lambda e: min(e.mentions) if e.mentions else (10**12, 0))
        mapping = {}
        for i, ent in enumerate(self.items, 1):
            mapping[ent.id] = f"e{i}"
            ent.id = f"e{i}"
        return mapping

    def at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping [start, end); the largest overlap wins."""
        i = bisect.bisect_left(self._spans, end, key=lambda t: t[0])
        best, best_overlap = None, 0
        lowest = start - self._max_len  # no earlier-starting span can reach START
        while i > 0 and self._spans[i - 1][0] >= lowest:
            i -= 1
            s, e, ent = self._spans[i]
            overlap = min(e, end) - max(s, start)
            if overlap > best_overlap or (overlap == best_overlap and overlap > 0):  # ties: earliest wins
                best, best_overlap = ent, overlap
        return best

    def within(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """Mentions that lie wholly inside [start, end), in text order."""
        i = bisect.bisect_left(self._spans, start, key=lambda t: t[0])
        out = []
        for s, e, ent in self._spans[i:]:
            if s >= end:
                break
            if e <= end:
                out.append((s, e, ent))
        return out


@dataclass
class Fact:
    kind: str
    fields: dict[str, Any]
    evidence: list[Offsets]
    attributed_to: Entity | None = None
    confidence: float = 0.7
    id: str = ""

    def to_json(self) -> dict:
        def plain(v):
            if isinstance(v, Entity):
                return v.id
            if isinstance(v, Fact):
                return v.id
            if isinstance(v, list | tuple):
                return [plain(x) for x in v]
            return v

        out = {"id": self.id, "kind": self.kind}
        out.update({k: plain(v) for k, v in self.fields.items()})
        out["evidence"] = [{"start": s, "end": e} for s, e in self.evidence]
        out["attributed_to"] = self.attributed_to.id if self.attributed_to else None
        out["confidence"] = round(self.confidence, 2)
        return out


@dataclass
class QuoteRegion:
    """Quoted words and who says them, so facts inside can be attributed."""

    start: int
    end: int
    speaker: Entity | None
    via: Entity | None = None


@dataclass
class Context:
    article: Article
    doc: Doc
    entities: EntityTable = field(default_factory=EntityTable)
    facts: list[Fact] = field(default_factory=list)
    quote_regions: list[QuoteRegion] = field(default_factory=list)
    #: sentence-level frames "X reported that ...": (start, end, reporter)
    report_frames: list[tuple[int, int, Entity]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @cached_property
    def text(self) -> str:
        # Doc.text joins every token each time it is read: cache it, or every ``ctx.text`` costs O(n)
        return self.doc.text

    @property
    def published(self) -> date | None:
        return self.article.published

    # -- facts ---------------------------------------------------------------------------
    def add_fact(self, kind: str, evidence: list[Offsets] | Offsets, *, attributed_to: Entity | None = None,
                 confidence: float = 0.7, **fields: Any) -> Fact:
        if isinstance(evidence, tuple):
            evidence = [evidence]
        if attributed_to is None and evidence:
            attributed_to = self.attribution(*evidence[0])
        fact = Fact(kind=kind, fields=fields, evidence=list(evidence), attributed_to=attributed_to,
                    confidence=confidence)
        self.facts.append(fact)
        return fact

    def facts_of(self, kind: str) -> list[Fact]:
        return [f for f in self.facts if f.kind == kind]

    # -- attribution ---------------------------------------------------------------------
    def attribution(self, start: int, end: int) -> Entity | None:
        """Who asserts what is said in [start, end): a quoted speaker, a reporting outlet, or None."""
        for q in self.quote_regions:
            if q.start <= start and end <= q.end:
                return q.speaker or q.via
        for s, e, reporter in self.report_frames:
            if s <= start and end <= e:
                return reporter
        return None

    # -- spans ---------------------------------------------------------------------------
    def sentence_span(self, obj: Span | Token | int) -> Offsets:
        sent = self.sentence(obj)
        return (sent.start_char, sent.end_char)

    def sentence(self, obj: Span | Token | int) -> Span:
        if isinstance(obj, int):
            tok = self.token_at(obj)
            return tok.sent
        return obj.sent

    def token_at(self, char: int) -> Token:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None or len(span) == 0:
            # whitespace: take the nearest token before
            i = bisect.bisect_right([t.idx for t in self.doc], char) - 1
            return self.doc[max(i, 0)]
        return span[0]

    def entity_of(self, obj: Span | Token) -> Entity | None:
        """The entity a token (or span) is a mention of, if any."""
        from spacy.tokens import Token  # loaded already: a Doc exists

        if isinstance(obj, Token):
            return self.entities.at(obj.idx, obj.idx + len(obj.text))
        return self.entities.at(obj.start_char, obj.end_char)

    def entity_in_subtree(self, token: Token, types: set[str] | None = None) -> Entity | None:
        """The entity a noun phrase headed by TOKEN refers to: the head itself, else its compound/
        appositive/possessive children's entity, nearest first."""
        ent = self.entity_of(token)
        if ent and (types is None or ent.type in types):
            return ent
        for child in token.subtree:
            ent = self.entity_of(child)
            if ent and (types is None or ent.type in types):
                return ent
        return None
