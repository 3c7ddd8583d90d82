"""Who asserts what: speech cues, their sources, and reported-speech frames.

The quote extractor and this module share one question, "who says this?", so the
answers live here:

- word lists of speech cues (``SPEECH_VERBS``, ``SPEECH_NOUNS``) and reporting verbs;
- ``subject_of`` / ``agent_of_noun``: the speaker of a cue from spaCy's dependency parse,
  following participles ("..., saying"), conjunctions ("smiled and said"), relative clauses
  ("Smith, who said"), passives ("was quoted by the agency as saying") and noun cues
  ("remarks by X", "X's statement");
- ``Sources``: a noun phrase or pronoun to an entity, with the article's recent speakers
  preferred for "he"/"she" and "the outlet"/"the agency", and who relayed it (``via``);
- ``run``: fills ``ctx.report_frames`` for "X reported/said that ..." and "according to X, ..."
  so that facts inside are attributed to X, and adds ``report`` facts for outlets and people
  that report something ("state media reported a meeting", "Fars reported that ...");
- ``link_reports``: a final pass that points each report at the fact it reports.

Everything is one pass over the tokens (plus bisect look-ups), so long texts stay linear.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..resolve.within import resolve_description, resolve_pronoun
from . import dates
from .context import Context, Entity, Fact, Offsets
from .lexicon import TITLE_HEADS

#: Verbs that introduce speech or writing (lemmas).
SPEECH_VERBS = {
    "say", "tell", "add", "write", "state", "declare", "announce", "claim", "insist", "argue", "explain",
    "note", "observe", "remark", "comment", "stress", "emphasize", "emphasise", "underline", "underscore",
    "warn", "caution", "urge", "ask", "reply", "respond", "answer", "continue", "acknowledge", "admit",
    "concede", "confirm", "deny", "reiterate", "repeat", "recall", "predict", "vow", "pledge", "promise",
    "suggest", "complain", "charge", "allege", "assert", "contend", "conclude", "exclaim", "shout", "yell",
    "scream", "whisper", "mutter", "joke", "quip", "tweet", "post", "report", "testify", "boast", "brag",
    "muse", "wonder", "agree", "disagree", "counter", "retort", "lament", "proclaim", "quote", "cite",
    "demand", "threaten", "plead", "pray", "read", "recount", "describe", "reveal", "disclose", "maintain",
    "affirm", "inform", "notify", "advise", "highlight", "signal", "indicate", "opine", "speculate",
    "estimate", "forecast", "assure", "reassure", "implore", "appeal", "call", "publish",
    "broadcast", "hint", "interject", "interrupt", "scoff", "snap", "sneer", "gush", "rave", "rant",
    "chant", "sing", "cry", "echo", "begin", "elaborate", "clarify", "correct",
}

#: Verbs of evaluation or naming whose quoted object is a partial quote of the subject
#: ("called the deal a 'disaster'", "criticized the 'crazy system'").
ATTITUDE_VERBS = {
    "call", "dub", "label", "brand", "term", "characterize", "characterise", "refer", "criticize",
    "criticise", "blast", "slam", "praise", "condemn", "denounce", "dismiss", "mock", "deride", "decry",
    "hail", "blame", "attack", "accuse", "question", "welcome", "applaud", "laud", "ridicule", "lambaste",
    "admire", "tout", "promote", "describe", "portray", "depict", "view", "consider", "deem", "regard",
}

#: Verbs whose subject reports something, making a ``report`` fact.
REPORT_VERBS = {"report", "announce", "publish", "broadcast", "reveal", "disclose", "carry", "air", "quote",
                "cite", "confirm"}

#: Nouns that stand for something said ("remarks by X", "X's statement").
#: Titles of whoever "the head of state" / "the head of government" is.
HEAD_OF_TITLES = {"state": ("president", "king", "queen", "emir", "sultan", "monarch", "emperor"),
                  "government": ("prime", "premier", "chancellor")}
#: Verbs of an outlet passing a document on: "a statement carried by the agency".
CARRY_VERBS = {"relay", "carry", "publish", "release", "issue", "broadcast", "air", "run", "distribute"}
SPEECH_NOUNS = {
    "remark", "remarks", "statement", "comment", "comments", "word", "words", "speech", "interview",
    "message", "tweet", "post", "letter", "address", "testimony", "briefing", "announcement", "warning",
    "op-ed", "editorial", "column", "memo", "declaration", "communique", "communiqué", "response", "reply",
    "answer", "claim", "assertion", "allegation", "vow", "pledge", "promise", "plea", "appeal",
    "sermon", "lecture", "tirade", "rant", "video", "broadcast", "report", "release", "note",
}

#: Head nouns of descriptions that denote a news outlet ("the outlet wrote").
MEDIA_NOUNS = {
    "outlet", "agency", "newspaper", "paper", "daily", "weekly", "broadcaster", "channel", "network",
    "television", "tv", "radio", "website", "site", "magazine", "media", "wire", "publication", "tabloid",
    "newswire", "station", "journal", "portal", "service",
}

PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"it", "they", "them"}
#: First-person pronouns outside quotes are the author: a speaker span but no entity.
FIRST_PERSON = {"i", "we", "me", "us"}
#: The reader and generic "one" are no speaker at all.
NO_SOURCE_PRONOUNS = {"you", "one"}

#: How far back (characters) a "he said" may reach for the last named speaker.
RECENT_SPEAKER_CHARS = 600
#: How far back "the outlet" may reach for the last reporting outlet.
RECENT_OUTLET_CHARS = 5000

#: Entity labels of words that cannot speak ("5:45 p.m. said" is a parse error).
_NOT_SOURCES = {"TIME", "DATE", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_SUBJECT_DEPS = ("nsubj", "csubj")
_NAME_DEPS = {"compound", "flat", "amod", "det", "poss", "nmod", "case", "nummod", "punct"}


@dataclass
class Source:
    """Who a cue belongs to: the entity (if known) and the words that denote it."""

    entity: Entity | None
    span: Offsets | None
    token: Token | None = None


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def is_speech_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and lemma(token) in SPEECH_VERBS


def is_attitude_verb(token: Token) -> bool:
    return token.pos_ == "VERB" and lemma(token) in ATTITUDE_VERBS


def is_speech_noun(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and token.lower_ in SPEECH_NOUNS


def is_cue(token: Token) -> bool:
    return is_speech_verb(token) or is_attitude_verb(token) or is_speech_noun(token)


# -- the subject of a cue ------------------------------------------------------------------
def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The token that says what VERB says: its subject, or the subject it shares.

    "Smith, smiling, said" -> Smith; "he paused and added" -> he (conj); "..., saying" ->
    the subject of the verb the participle hangs on; "Smith, who said" -> Smith;
    "X was quoted as saying" -> X.
    """
    if depth > 4:
        return None
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS:
            return child
    for child in verb.children:  # "X was quoted as saying"; "after saying ..., she was taken to"
        if child.dep_ == "nsubjpass" and (depth > 0 or lemma(verb) in ("quote", "cite", "report", "tell", "ask")):
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    if verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN", "PRON"):
        return verb.head
    quoted = _quoted_as(verb)
    if quoted is not None:
        return quoted
    if verb.dep_ in ("conj", "advcl", "xcomp", "pcomp", "ccomp", "acl", "parataxis") and verb.head != verb:
        head = verb.head
        if verb.dep_ == "pcomp" and head.dep_ == "prep":  # "quoted ... as saying"
            head = head.head
        if head.pos_ in ("VERB", "AUX"):  # a finite speech verb without a subject is a misparsed "and said"
            subj = subject_of(head, depth + 1)
            if subj is not None:
                return subj
    if verb.tag_ == "VBG" and depth == 0:
        return _participle_subject(verb)
    return None


def _quoted_as(verb: Token) -> Token | None:
    """'The agency quoted X as saying/telling ...': X speaks, the agency only relays."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ != "as":
        return None
    if lemma(prep.head) not in ("quote", "cite"):
        return None
    return next((c for c in prep.head.children if c.dep_ == "dobj"), None)


def _participle_subject(verb: Token) -> Token | None:
    """", stressing that ..." when the parse lost the participle's head: the subject of the
    nearest finite verb before it in the sentence."""
    doc = verb.doc
    lo = max(verb.sent.start, verb.i - 30)
    for i in range(verb.i - 1, lo - 1, -1):
        tok = doc[i]
        if tok.pos_ in ("VERB", "AUX") and tok.tag_ in ("VBD", "VBZ", "VBP"):
            return next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS), None)
    return None


def agent_of_noun(noun: Token) -> Token | None:
    """The speaker of a speech noun: "remarks by X", "a statement from X", "X's remarks"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    for child in noun.children:
        if child.dep_ == "compound" and child.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return child
    return None


def according_to(tokens) -> Token | None:
    """The X of "according to X" among TOKENS (outside quotes), if any."""
    for tok in tokens:
        if tok.lower_ == "according":
            nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.lower_ == "to":
                obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
                if obj is None and nxt.i + 1 < len(tok.doc):
                    obj = _np_head_from(nxt.nbor(1))
                if obj is not None:
                    return obj
    return None


def _np_head_from(tok: Token) -> Token:
    """The head of the noun phrase that starts at TOK (for parses that missed a pobj)."""
    while tok.head != tok and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN") and \
            tok.dep_ in _NAME_DEPS:
        tok = tok.head
    return tok


# -- from words to an entity -------------------------------------------------------------
def np_span(token: Token) -> Offsets:
    """Characters of the name part of the noun phrase headed by TOKEN (no clauses, no appositions)."""
    left = token
    for child in token.lefts:
        if child.dep_ in _NAME_DEPS and child.dep_ != "punct":
            left = child if child.i < left.i else left
            for sub in child.subtree:
                if sub.i < left.i:
                    left = sub
    start = left.idx
    end = token.idx + len(token.text)
    return (start, end)


class SpeakerMemory:
    """Speakers seen so far, by position, so that "he added" and "the outlet wrote" can find them."""

    def __init__(self) -> None:
        self._pos: list[int] = []
        self._ents: list[Entity] = []

    def note(self, pos: int, ent: Entity | None) -> None:
        if ent is None:
            return
        i = bisect.bisect_right(self._pos, pos)
        self._pos.insert(i, pos)
        self._ents.insert(i, ent)

    def last(self, pos: int, types: set[str] | None, within: int) -> Entity | None:
        """The latest speaker before POS (of one of TYPES) no more than WITHIN characters back."""
        found = self.last_at(pos, types, within)
        return found[1] if found else None

    def last_at(self, pos: int, types: set[str] | None, within: int) -> tuple[int, Entity] | None:
        """Like ``last``, with the position where that speaker was met."""
        i = bisect.bisect_left(self._pos, pos) - 1
        while i >= 0 and pos - self._pos[i] <= within:
            if types is None or self._ents[i].type in types:
                return self._pos[i], self._ents[i]
            i -= 1
        return None


class MentionIndex:
    """Entity mentions by position, looked up in O(log n).

    A snapshot taken when a stage starts: ``EntityTable.at`` scans every earlier mention,
    which is quadratic over a long article."""

    #: mentions are short: a lookup only looks this many characters back for a start
    LOOKBACK = 200

    def __init__(self, ctx: Context) -> None:
        self.spans = ctx.entities.within(0, len(ctx.text) + 1)
        self._starts = [s for s, _, _ in self.spans]

    def at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping [start, end); the largest overlap wins."""
        i = bisect.bisect_left(self._starts, end)
        best, best_overlap = None, 0
        j = i - 1
        while j >= 0 and self._starts[j] >= start - self.LOOKBACK:
            s, e, ent = self.spans[j]
            overlap = min(e, end) - max(s, start)
            if overlap > best_overlap:
                best, best_overlap = ent, overlap
            j -= 1
        return best

    def of(self, token: Token) -> Entity | None:
        return self.at(token.idx, token.idx + len(token.text))


def _titled_persons(doc, index: MentionIndex) -> dict[str, list[tuple[int, Entity]]]:
    """Title words given to a person by apposition or as a prefix: {"leader": [(pos, Khamenei)]}.

    "Supreme Leader, Ali Khamenei", "President Ruto", "Ana Duarte, the foreign minister"."""
    out: dict[str, list[tuple[int, Entity]]] = {}
    for start, end, ent in index.spans:
        if ent.type != "PERSON":
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        words: list[Token] = []
        i = span.start - 1
        if i >= 0 and doc[i].text == ",":
            i -= 1
        while i >= 0 and span.start - i <= 4 and doc[i].pos_ in ("NOUN", "PROPN", "ADJ"):
            words.append(doc[i])
            i -= 1
        j = span.end
        if j < len(doc) and doc[j].text == ",":
            j += 1
            while j < len(doc) and j - span.end <= 6 and doc[j].pos_ in ("DET", "NOUN", "PROPN", "ADJ"):
                words.append(doc[j])
                j += 1
        for w in words:
            if w.lower_ in TITLE_HEADS:
                out.setdefault(w.lower_, []).append((start, ent))
    for seen in out.values():
        seen.sort(key=lambda t: t[0])
    return out


class Sources:
    """Resolves who a cue belongs to, remembering the speakers met so far in the article."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.memory = SpeakerMemory()
        self.index = MentionIndex(ctx)
        self._titles: dict[str, list[tuple[int, Entity]]] | None = None

    def resolve(self, token: Token) -> Source:
        """The entity that the noun phrase or pronoun headed by TOKEN denotes, and its span."""
        ctx, low = self.ctx, token.lower_
        span = (token.idx, token.idx + len(token.text))
        if low in FIRST_PERSON:  # the author speaking: no entity, but the words that say who
            return Source(None, span, token)
        if low in NO_SOURCE_PRONOUNS or token.like_num or token.ent_type_ in _NOT_SOURCES:
            return Source(None, None, token)
        if token.pos_ == "PRON" or low in PERSON_PRONOUNS | GROUP_PRONOUNS:
            if low in ("who", "that", "which") and token.head.head != token.head:
                return self.resolve(token.head.head)  # "Smith, who said": the relative's antecedent
            ent = None
            if low in PERSON_PRONOUNS:
                ent = self.memory.last(token.idx, {"PERSON"}, RECENT_SPEAKER_CHARS)
                if ent is not None:
                    ctx.entities.add_mention(ent, *span)
            if ent is None and low in PERSON_PRONOUNS | GROUP_PRONOUNS:
                ent = resolve_pronoun(ctx, token)
            return Source(ent, span, token)
        ent = self.entity_of_np(token)
        name_span = np_span(token)
        if ent is None and token.pos_ == "NOUN":
            ent = self._head_of(token)
        if ent is None:
            desc = ctx.doc.char_span(*name_span, alignment_mode="expand")
            if desc is not None and len(desc):
                ent = resolve_description(ctx, desc)
            if ent is None and low in MEDIA_NOUNS:
                ent = self.memory.last(token.idx, {"ORG", "NORP", "GPE"}, RECENT_OUTLET_CHARS)
            if ent is None and token.pos_ == "NOUN":
                ent = self._by_title(token)
            if ent is None and token.pos_ == "PROPN":
                ent = self._person_by_name_part(token, name_span)
            if ent is not None:
                ctx.entities.add_mention(ent, *name_span)
        return Source(ent, name_span, token)

    def entity_of_np(self, head: Token) -> Entity | None:
        """The entity named by the head of a noun phrase, its name compounds ("the Fars news
        agency"), or its appositive name ("the minister, Ana Duarte")."""
        ent = self.index.of(head)
        if ent is not None:
            return ent
        # "a senior Hezbollah official, Wafiq Safa": the appositive name is who, the compound only whose
        for dep in ("appos", "compound", "amod") if head.pos_ == "NOUN" else ("compound", "appos"):
            for child in head.children:
                # "the IRNA news agency": the tagger sometimes makes the name an adjective of the head
                if child.dep_ == dep and (dep == "appos" or child.pos_ == "PROPN"):
                    ent = self.index.of(child)
                    if ent is not None:
                        return ent
        if head.lower_ in MEDIA_NOUNS and head.i + 1 < len(head.doc):
            # "the state news agency MTI": the outlet's name right after its description, wherever the parse hung it
            nxt = head.doc[head.i + 1]
            ent = self.index.of(nxt) if nxt.pos_ == "PROPN" else None
            if ent is not None and ent.type in ("ORG", "NORP"):
                return ent
        if head.lower_ in TITLE_HEADS:  # "the commander of the RSF, Mohamed Dagalo": the parse hangs the name on RSF
            for prep in head.children:
                if prep.dep_ != "prep" or prep.lower_ != "of":
                    continue
                for obj in prep.children:
                    for child in obj.children if obj.dep_ == "pobj" else ():
                        ent = self.index.of(child) if child.dep_ == "appos" else None
                        if ent is not None and ent.type == "PERSON":
                            return ent
        return None

    def _person_by_name_part(self, head: Token, span: Offsets) -> Entity | None:
        """The one person named earlier whose full name holds the capitalised words of SPAN: a later
        short mention ("Debretsion told reporters") that the entity stage did not link to the full
        name ("Debretsion Gebremichael"). None when no person, or more than one, fits."""
        words = [w for w in re.findall(r"[\w'-]+", self.ctx.text[span[0]:span[1]]) if w[:1].isupper()]
        if not words or head.ent_type_ in ("GPE", "LOC", "FAC", "NORP"):  # a place is no person, whatever its name
            return None
        found: set[str] = set()
        hits: list[Entity] = []
        for _, _, ent in self.index.spans:
            if ent.type != "PERSON" or ent.id in found:
                continue
            parts = {p for form in ent.forms() for p in form.split()}
            if any(w in parts for w in words) and len(ent.name.split()) > 1:
                found.add(ent.id)
                hits.append(ent)
        return hits[0] if len(hits) == 1 else None

    def _head_of(self, head: Token) -> Entity | None:
        """'the head of state' is the president (or monarch) the article named before; 'the head of
        government' the prime minister."""
        if head.lower_ != "head":
            return None
        what = next((o.lower_ for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                     for o in p.children if o.dep_ == "pobj" and not o.ent_type_), None)
        titles = HEAD_OF_TITLES.get(what or "")
        if not titles:
            return None
        if self._titles is None:
            self._titles = _titled_persons(self.ctx.doc, self.index)
        seen = sorted((pos, ent) for t in titles for pos, ent in self._titles.get(t, []) if pos < head.idx)
        return seen[-1][1] if seen and len({id(e) for _, e in seen}) == 1 else None

    def _by_title(self, head: Token) -> Entity | None:
        """The last person before HEAD that the article gave the title HEAD ("the Supreme Leader,
        Ali Khamenei" ... "the esteemed leader"): a fallback when ``resolve_description`` has none."""
        word = head.lower_
        if word not in TITLE_HEADS:
            return None
        if self._titles is None:
            self._titles = _titled_persons(self.ctx.doc, self.index)
        seen = self._titles.get(word, [])
        i = bisect.bisect_left(seen, head.idx, key=lambda t: t[0]) - 1
        return seen[i][1] if i >= 0 else None

    def of_cue(self, cue: Token) -> Source | None:
        """The source of a cue word (verb or speech noun), or None when the parse shows none."""
        if is_speech_noun(cue) and not is_speech_verb(cue):
            agent = agent_of_noun(cue)
            return self.resolve(agent) if agent is not None else None
        subj = subject_of(cue)
        if subj is not None and subj.lower_ in SPEECH_NOUNS:  # "remarks by X confirm ..."
            subj = agent_of_noun(subj) or subj
        if subj is None:
            return None
        return self.resolve(subj)

    def _told_outlet(self, cue: Token, speaker: Entity | None) -> Entity | None:
        """The outlet in "X told Reuters" / "X told state television": the words reached readers
        through it, so it is the relay, never the speaker. A person or "reporters" told is no relay."""
        subj = subject_of(cue)  # "said X, the spokesman, on Al Masirah TV": the parse hangs it on the name
        kids = [*cue.children, *(subj.children if subj is not None and subj.i > cue.i else ())]
        for child in kids:  # "said on Al Masirah TV"; "Speaking to Al Jazeera, X said"
            if child.dep_ == "advcl" and lemma(child) in ("speak", "talk"):
                child = next((c for c in child.children if c.dep_ == "prep" and c.lower_ in ("to", "with")), child)
            if child.dep_ == "prep" and child.lower_ in ("on", "to", "with"):
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                ent = self.entity_of_np(obj) if obj is not None else None
                if ent is not None and ent is not speaker and _is_outlet(ent):
                    return ent
        if lemma(cue) != "tell":
            return None
        for child in cue.children:
            if child.dep_ not in ("dative", "dobj", "iobj") or child.lower_ in ("reporters", "journalists"):
                continue
            ent = self.entity_of_np(child)
            if ent is None and child.lower_ in MEDIA_NOUNS:
                ent = self.resolve(child).entity
            if ent is not None and ent is not speaker and ent.type in ("ORG", "NORP") and ent.type != "PERSON":
                return ent
        return None

    def _carried_by(self, noun: Token) -> Entity | None:
        """'The communiqué, relayed by the APS news agency, quoted X': the outlet that carried the document."""
        for acl in noun.children:
            if acl.dep_ == "acl" and acl.tag_ == "VBN" and lemma(acl) in CARRY_VERBS:
                for agent in acl.children:
                    obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent.dep_ == "agent" else None
                    ent = self.resolve(obj).entity if obj is not None else None
                    if ent is not None:
                        return ent
        return None

    def relay(self, cue: Token, speaker: Entity | None, exclude: Offsets) -> Entity | None:
        """Who relayed the words that CUE introduces: a reporting verb above it with another subject
        ("Fars reported that Khamenei said"), "quoted by X", "in an interview broadcast by X", or
        "according to X". EXCLUDE is the quote's own character span."""
        told = self._told_outlet(cue, speaker)
        if told is not None:
            return told
        for tok in cue.subtree:  # "quoted by the agency as saying", "an interview broadcast by state TV"
            if exclude[0] <= tok.idx < exclude[1] or tok.dep_ not in ("agent", "prep"):
                continue
            head = tok.head
            if tok.dep_ == "agent" and (head == cue or lemma(head) in REPORT_VERBS | {"quote", "publish", "air"}):
                types = None
            elif tok.lower_ in ("by", "with", "on", "to") and (head.lower_ in SPEECH_NOUNS or head.lower_ in MEDIA_NOUNS
                                                                  or lemma(head) in REPORT_VERBS):
                types = {"ORG"}  # "in an interview with CNN": an outlet, not the person talked to
            else:
                continue
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            ent = self.resolve(obj).entity if obj is not None else None
            if ent is not None and ent is not speaker and (types is None or ent.type in types):
                return ent
        head, hops = cue, 0
        while head.head != head and hops < 4:  # a reporting verb higher up, with its own subject
            if _line_break_between(self.ctx, head, head.head):
                break
            head, hops = head.head, hops + 1
            if is_speech_verb(head) and not exclude[0] <= head.idx < exclude[1]:
                agent = next((c for c in head.children if c.dep_ == "agent"), None)  # "was quoted by X as saying"
                obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                ent = self.resolve(obj).entity if obj is not None else None
                if ent is not None and ent is not speaker:
                    return ent
                subj = subject_of(head)
                ent = self.resolve(subj).entity if subj is not None else None
                if ent is None and subj is not None:
                    ent = self._carried_by(subj)
                if ent is not None and ent is not speaker:
                    return ent
        acc = according_to(t for t in cue.sent if not exclude[0] <= t.idx < exclude[1])
        if acc is not None:
            ent = self.resolve(acc).entity
            if ent is not None and ent is not speaker:
                return ent
        return None


def _is_outlet(ent: Entity) -> bool:
    """An organisation the article shows to be news media, or named like it ("Al Masirah TV")."""
    from .gazetteer import name_key, outlets  # late: the gazetteer's lists load on first use

    if ent.type != "ORG":
        return False
    if "news" in ent.kinds or name_key(ent.name) in outlets():
        return True
    return any(w.lower() in MEDIA_NOUNS for f in ent.forms() for w in f.split()[1:])


# -- frames and report facts -------------------------------------------------------------
def _line_break_between(ctx: Context, a: Token, b: Token) -> bool:
    """A paragraph break separates A and B: the parse ran two sentences together."""
    lo, hi = sorted((a.idx, b.idx))
    return hi - lo > 2000 or "\n" in ctx.text[lo:hi]


def _subtree_span(token: Token) -> Offsets:
    sub = list(token.subtree)
    return (sub[0].idx, sub[-1].idx + len(sub[-1].text))


def _content_child(verb: Token) -> Token | None:
    """The clause or object that holds what VERB says ("reported that X ...", "reported a meeting")."""
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp") or (child.dep_ == "dobj" and lemma(verb) in REPORT_VERBS):
            return child
    return None


def run(ctx: Context) -> None:
    """Frames for reported speech and ``report`` facts, sentence by sentence.

    Each "X said that C" gives a frame over C; when "said" is the sentence's main verb the
    whole sentence is a frame too, because fact extractors cite whole sentences as evidence.
    Frames are sorted innermost first, so the nearest source wins."""
    sources = Sources(ctx)
    regions = sorted((q.start, q.end) for q in ctx.quote_regions)
    region_starts = [s for s, _ in regions]

    def quoted(pos: int) -> bool:
        i = bisect.bisect_right(region_starts, pos) - 1
        return i >= 0 and regions[i][0] <= pos < regions[i][1]

    for sent in ctx.doc.sents:
        acc = according_to(t for t in sent if not quoted(t.idx)) if "ccording" in sent.text else None
        if acc is not None:
            src = sources.resolve(acc)
            if src.entity is not None:
                ctx.report_frames.append((*_according_frame(sent, acc), src.entity))
                ctx.report_frames.append((sent.start_char, sent.end_char, src.entity))
                sources.memory.note(acc.idx, src.entity)
        for tok in sent:
            if not is_speech_verb(tok) or quoted(tok.idx):
                continue
            subj = subject_of(tok)
            if subj is None:
                continue
            src = sources.resolve(subj)
            if src.entity is None:
                continue
            sources.memory.note(subj.idx, src.entity)
            content = _content_child(tok)
            if content is None or _line_break_between(ctx, tok, content):
                continue
            frame = _subtree_span(content)
            ctx.report_frames.append((*frame, src.entity))
            if _main_verb(tok):  # facts are told sentence by sentence: the whole sentence is X's account
                ctx.report_frames.append((sent.start_char, sent.end_char, src.entity))
            if lemma(tok) in REPORT_VERBS and tok.dep_ not in ("xcomp", "acomp"):
                _add_report(ctx, tok, src, frame)
    # innermost frame first, so that "A said that B reported that ..." attributes to B
    ctx.report_frames.sort(key=lambda f: f[1] - f[0])


def _main_verb(tok: Token) -> bool:
    """TOK is the main verb of its sentence, or one joined to it by "and"."""
    return tok.dep_ == "ROOT" or (tok.dep_ == "conj" and tok.head.dep_ == "ROOT")


def _according_frame(sent: Span, acc: Token) -> Offsets:
    """The sentence minus its "according to X" phrase."""
    prep = acc.head  # "to"
    phrase = list(prep.head.subtree) if prep.head.lower_ == "according" else list(prep.subtree)
    a, b = phrase[0].idx, phrase[-1].idx + len(phrase[-1].text)
    if a - sent.start_char < sent.end_char - b:  # the phrase opens the sentence
        return (b, sent.end_char)
    return (sent.start_char, a)


def _add_report(ctx: Context, verb: Token, src: Source, frame: Offsets) -> Fact:
    sent = verb.sent
    date = dates.date_for(ctx, sent.start_char, verb.idx + len(verb.text))
    fact = ctx.add_fact("report", (sent.start_char, sent.end_char), reporter=src.entity, about=None, date=date,
                        confidence=0.7)
    fact.report_frame = frame  # what it reports; read by link_reports, not part of the contract
    if ctx.attribution(sent.start_char, sent.end_char) is src.entity:
        fact.attributed_to = None
    return fact


def link_reports(ctx: Context) -> None:
    """Point each report at the first other fact whose evidence starts inside what it reports.

    Runs after every fact extractor (wire it as a late stage, before ``finalize``)."""
    others = sorted((f.evidence[0][0], n, f) for n, f in enumerate(ctx.facts) if f.kind != "report" and f.evidence)
    starts = [s for s, _, _ in others]
    for fact in ctx.facts:
        frame = getattr(fact, "report_frame", None)
        if fact.kind != "report" or frame is None or fact.fields.get("about") is not None:
            continue
        i = bisect.bisect_left(starts, frame[0])
        if i < len(others) and others[i][0] < frame[1]:
            fact.fields["about"] = others[i][2]
