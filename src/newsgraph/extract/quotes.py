"""Direct quotes, who says them, and who relayed them; fills ``ctx.quote_regions``.

Three steps, each a function below:

1. ``find_quotes``: pair the quotation marks of the text (straight, curly, guillemets) into
   quoted spans, paragraph by paragraph, with single quotes nested inside double ones.
   Unbalanced marks never swallow the article: a quote that is not closed ends at its
   paragraph's end (or is continued by the next paragraph's opening mark, the news
   convention for a quote over several paragraphs), and no quote is longer than
   ``MAX_QUOTE_CHARS``.
2. ``find_cue``: the speech cue of each quote from the parse: the speech verb the quote
   hangs on ("said that '...'", "'...,' he said"), a verb right beside it, "according to X",
   or "X: '...'". A quote that stands alone as a sentence continues the last speaker.
3. ``run``: speaker, relay (``via``) and spans per quote; one ``quote`` fact per quote
   (the pieces of "'A,' he said, 'B.'" make one fact); quote regions for attribution.

Short quotes with no speech cue ("so-called 'reforms'") are scare quotes, not speech: they
are dropped rather than given an invented speaker.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.attrs import IDX
from spacy.tokens import Token

from .attribution import (
    SPEECH_NOUNS,
    Source,
    Sources,
    according_to,
    agent_of_noun,
    is_attitude_verb,
    is_speech_noun,
    is_speech_verb,
    subject_of,
)
from .context import Context, Entity, Offsets, QuoteRegion

#: No quote runs longer than this; a closing mark further away belongs to something else.
MAX_QUOTE_CHARS = 3000
#: An unclosed quote ends at its paragraph's end only if that is this near.
MAX_UNCLOSED_CHARS = 1500
#: A single-quoted span at the top level (British style) is at most this long.
MAX_SINGLE_CHARS = 400
#: Quotes of at most this many words need a speech cue in their own clause to count.
SHORT_QUOTE_WORDS = 4
#: A quote standing alone as a sentence continues a speaker met at most this far back.
CONTINUE_SPEAKER_CHARS = 700
#: How many tokens beside a quote are searched for "he said" / "said Smith".
WINDOW_TOKENS = 12

_OPEN_DOUBLE = "“«„"
_CLOSE_DOUBLE = "”»"
_DOUBLE_MARKS = re.compile(r"[\"“”«»„]")
_SINGLE_MARKS = re.compile(r"['‘’]")
_OPEN_CONTEXT = set(" \t\n([{—–-/:;,\u00a0")
_SENT_END = set(".!?")


@dataclass(eq=False)
class Quote:
    """Quoted words: [start, end) excludes the marks; ``parent`` is the quote it is nested in."""

    start: int
    end: int
    closed: bool = True
    parent: Quote | None = None
    #: the next paragraph's piece of the same quote
    continued_by: Quote | None = None
    continues: Quote | None = None
    children: list[Quote] = field(default_factory=list)

    @property
    def level(self) -> int:
        return 0 if self.parent is None else self.parent.level + 1


@dataclass
class Cue:
    """What introduces a quote: a token (verb or noun), or a source found without one."""

    token: Token | None
    source: Source | None
    structural: bool  # the quote hangs on the cue in the parse (not only beside it)
    kind: str = "verb"  # verb | according | colon | continued


# -- 1. pairing the marks --------------------------------------------------------------------
def paragraphs(text: str) -> list[Offsets]:
    """Line spans without their edge whitespace; quotes are paired line by line."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _first_mark_closes(text: str, lo: int, hi: int) -> bool:
    """The line [lo, hi) closes a quote before opening any: a hard-wrapped quote goes on here."""
    m = _DOUBLE_MARKS.search(text, lo, hi)
    if m is None:
        return False
    i, ch = m.start(), m.group()
    if ch in _OPEN_DOUBLE:
        return False
    return _looks_close(text, i, hi) and not _looks_open(text, i, lo)


def _looks_open(text: str, i: int, lo: int) -> bool:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev in _OPEN_CONTEXT or prev in _OPEN_DOUBLE or prev in "‘'\"") and not nxt.isspace()


def _looks_close(text: str, i: int, hi: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    return not prev.isspace() and not nxt.isalnum()


def _double_quotes(text: str, lo: int, hi: int, open_at: int | None = None
                   ) -> tuple[list[Quote], int | None, list[Quote]]:
    """Double-quoted spans in the line [lo, hi), the position of an opening mark left unclosed,
    and the quotes nested in that unclosed one.

    OPEN_AT is an opening mark carried over from the line before (a hard-wrapped quote). A quote
    in the other style of marks inside an open one ('"He read: “We agree” twice"') is nested in it."""
    out: list[Quote] = []
    inner_at: int | None = None
    inner: list[Quote] = []
    for m in _DOUBLE_MARKS.finditer(text, lo, hi):
        i, ch = m.start(), m.group()
        straight = ch == '"'
        if open_at is not None and straight != (text[open_at] == '"'):  # the other style: a nested quote?
            if inner_at is None:
                if ch in _OPEN_DOUBLE or (straight and _looks_open(text, i, lo) and not _looks_close(text, i, hi)):
                    inner_at = i
                    continue
                # else a closing mark of the other style: it closes the open quote ('“no evidence" yet')
            else:
                if ch in _CLOSE_DOUBLE or (straight and _looks_close(text, i, hi)):
                    inner.append(Quote(inner_at + 1, i))
                    inner_at = None
                continue
        if ch in _OPEN_DOUBLE:
            kind = "open"
        elif ch in _CLOSE_DOUBLE:  # some sources open with a closing mark: ' ”Fear. I am afraid'
            kind = "close" if open_at is not None or not _looks_open(text, i, lo) else "open"
        elif open_at is None:
            kind = "open" if _looks_open(text, i, lo) else None
        else:
            kind = "close" if _looks_close(text, i, hi) else ("open" if _looks_open(text, i, lo) else None)
        if kind == "open":
            open_at, inner_at, inner = i, None, []  # an earlier unclosed opening mark was stray
        elif kind == "close" and open_at is not None:
            if inner_at is not None:  # the nested quote was never closed: it ends with the outer one
                inner.append(Quote(inner_at + 1, i, closed=False))
            if i - open_at <= MAX_QUOTE_CHARS:
                q = Quote(open_at + 1, i, children=inner)
                for child in inner:
                    child.parent = q
                out.append(q)
            open_at, inner_at, inner = None, None, []
    if open_at is not None and inner_at is not None:
        inner.append(Quote(inner_at + 1, hi, closed=False))
    return out, open_at, inner


def _nested_quotes(text: str, outer: Quote) -> list[Quote]:
    """Single-quoted spans inside a double-quoted one; an unclosed one runs to the outer end."""
    out: list[Quote] = []
    open_at: int | None = None
    for m in _SINGLE_MARKS.finditer(text, outer.start, outer.end):
        i, ch = m.start(), m.group()
        prev = text[i - 1] if i > outer.start else " "
        nxt = text[i + 1] if i + 1 < outer.end else " "
        if open_at is None:
            if ch in "‘'" and (prev in _OPEN_CONTEXT or i == outer.start) and nxt.isalnum():
                open_at = i
        elif ch in "’'" and not prev.isspace() and not nxt.isalnum():
            out.append(Quote(open_at + 1, i, parent=outer))
            open_at = None
    if open_at is not None and outer.end - open_at > 1:
        out.append(Quote(open_at + 1, outer.end, closed=False, parent=outer))
    return out


def _single_quotes(text: str, lo: int, hi: int, taken: list[Quote]) -> list[Quote]:
    """Top-level ‘curly single’ quotes outside double quotes (British style); both marks needed."""
    out: list[Quote] = []
    for m in re.finditer("‘", text[lo:hi]):
        i = lo + m.start()
        if any(q.start - 1 <= i < q.end + 1 for q in taken) or (out and i < out[-1].end):
            continue
        if not _looks_open(text, i, lo):
            continue
        j = i + 1
        limit = min(hi, i + MAX_SINGLE_CHARS)
        while True:
            j = text.find("’", j, limit)
            if j == -1 or _looks_close(text, j, hi):
                break
            j += 1
        if j != -1:
            out.append(Quote(i + 1, j))
    return out


def find_quotes(text: str) -> list[Quote]:
    """Every quoted span of TEXT in text order, nested ones after their parent."""
    out: list[Quote] = []
    dropped: set[int] = set()
    pending: Quote | None = None  # the unclosed quote that ended the previous paragraph
    carry: int | None = None  # an opening mark whose quote closes on a later (hard-wrapped) line
    lines = paragraphs(text)
    for k, (lo, hi) in enumerate(lines):
        doubles, open_at, inner = _double_quotes(text, lo, hi, carry)
        carry = None
        if open_at is not None:
            nxt = lines[k + 1] if k + 1 < len(lines) else None
            if nxt is not None and hi - open_at < MAX_UNCLOSED_CHARS and _first_mark_closes(text, *nxt):
                carry = open_at
            else:
                piece = Quote(open_at + 1, hi, closed=False, children=inner)
                for child in inner:
                    child.parent = piece
                doubles.append(piece)
        if pending is not None:
            if doubles and doubles[0].start - 1 == lo:  # the paragraph opens with a mark: the quote goes on
                pending.continued_by, doubles[0].continues = doubles[0], pending
            elif pending.end - pending.start > MAX_UNCLOSED_CHARS and pending.continues is None:
                dropped.add(id(pending))
        pending = doubles[-1] if doubles and not doubles[-1].closed else None
        singles = _single_quotes(text, lo, hi, doubles) if "‘" in text[lo:hi] else []
        for q in sorted(doubles + singles, key=lambda q: q.start):
            out.append(q)
            if q.parent is None and q not in singles:
                q.children = sorted(q.children + _nested_quotes(text, q), key=lambda c: c.start)
                out.extend(q.children)
    if pending is not None and pending.end - pending.start > MAX_UNCLOSED_CHARS and pending.continues is None:
        dropped.add(id(pending))
    for q in out:
        if q.parent is not None and id(q.parent) in dropped:  # what a dropped quote held stands on its own
            q.parent = None
    return [q for q in out if id(q) not in dropped and _trim(text, q)]


def _trim(text: str, q: Quote) -> bool:
    """Shrink Q to its words (no edge spaces, no trailing comma); False if nothing is left."""
    s, e = q.start, q.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    q.start, q.end = s, e
    return any(c.isalnum() for c in text[s:e])


# -- 2. the cue of a quote ------------------------------------------------------------------------
class _Tokens:
    """Which quote each token lies in (innermost), and token look-ups by character."""

    def __init__(self, ctx: Context, quotes: list[Quote]) -> None:
        self.doc = ctx.doc
        self.starts: list[int] = ctx.doc.to_array(IDX).tolist() if len(ctx.doc) else []
        newlines = (m.start() for m in re.finditer("\n", ctx.text))
        self.breaks = sorted({bisect.bisect_right(self.starts, pos) - 1 for pos in newlines} - {-1})
        self.inside: list[Quote | None] = [None] * len(ctx.doc)
        for q in sorted(quotes, key=lambda q: q.level):
            for i in range(*self.range(q.start, q.end)):
                self.inside[i] = q

    def range(self, start: int, end: int) -> tuple[int, int]:
        """Token indices [a, b) of the tokens that start inside [start, end)."""
        return bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)

    def tokens(self, q: Quote) -> list[Token]:
        a, b = self.range(q.start, q.end)
        return [self.doc[i] for i in range(a, b)]

    def broken(self, a: Token, b: Token) -> bool:
        """A line break lies between tokens A and B."""
        lo, hi = min(a.i, b.i), max(a.i, b.i)
        k = bisect.bisect_left(self.breaks, lo)
        return k < len(self.breaks) and self.breaks[k] < hi

    def in_frame(self, tok: Token, q: Quote) -> bool:
        """TOK is outside Q but in the text Q is embedded in (the outer quote for a nested one)."""
        return self.inside[tok.i] is q.parent


def _is_cue_verb(tok: Token) -> bool:
    return is_speech_verb(tok) or is_attitude_verb(tok)


def _structural_cue(toks: _Tokens, q: Quote, words: list[Token]) -> Token | None:
    """The speech word the quote hangs on in the parse, or a speech verb hanging on the quote."""
    best: tuple[int, Token] | None = None

    def consider(tok: Token) -> None:
        nonlocal best
        dist = tok.idx - q.end if tok.idx >= q.end else q.start - tok.idx
        if best is None or dist < best[0]:
            best = (dist, tok)

    seen: set[int] = set()
    for w in words:
        head, hops = w.head, 0
        # walk up through the frame (and through sibling quotes: '"rifts" and "rivalry"'), never
        # across a paragraph break, which only a parse that ran two sentences together would do
        while head != w and hops < 4 and head.i not in seen and toks.inside[head.i] is not q \
                and not toks.broken(w, head):
            seen.add(head.i)
            if toks.in_frame(head, q) and (_is_cue_verb(head) or is_speech_noun(head)):
                consider(head)
                break
            if head.head == head:
                break
            head, hops = head.head, hops + 1
        for child in w.children:
            if toks.in_frame(child, q) and is_speech_verb(child) and child.dep_ in (
                    "parataxis", "advcl", "conj", "ccomp", "dep", "relcl") and not toks.broken(w, child):
                consider(child)
    return best[1] if best else None


def _window_cue(toks: _Tokens, q: Quote) -> Token | None:
    """A speech verb right after the quote ("..., he said") or right before it ("He said: ...")."""
    doc = toks.doc
    a, b = toks.range(q.start, q.end)
    for i in range(b, min(len(doc), b + WINDOW_TOKENS)):
        tok = doc[i]
        if not toks.in_frame(tok, q) and toks.inside[i] is not q:
            break
        if tok.text in _SENT_END or "\n" in tok.text:
            break
        if is_speech_verb(tok):
            return tok
    for i in range(a - 1, max(-1, a - 1 - WINDOW_TOKENS), -1):
        tok = doc[i]
        if not toks.in_frame(tok, q):
            if toks.inside[i] is q:
                continue
            break
        if tok.text in _SENT_END or "\n" in tok.text:
            break
        if is_speech_verb(tok):
            return tok
    return None


def _colon_cue(ctx: Context, toks: _Tokens, q: Quote, sources: Sources) -> Cue | None:
    """A colon right before the quote, maybe at the end of the paragraph before: 'He said:' or
    'Salami: "..."' (a name with no verb)."""
    text = ctx.text
    i = q.start - 2
    while i >= 0 and text[i].isspace():
        i -= 1
    if i < 0 or text[i] != ":":
        return None
    a, _ = toks.range(i, i + 1)
    if a == 0 or toks.inside[a - 1] is not q.parent:
        return None
    head = toks.doc[a - 1]
    if is_speech_verb(head):
        return Cue(head, sources.of_cue(head) or _adjacent_source(toks, q, head, sources), structural=True)
    if head.pos_ not in ("PROPN", "NOUN") or any(t.pos_ in ("VERB", "AUX") for t in head.sent if t.i < a
                                                 and toks.in_frame(t, q)):
        return None
    src = sources.resolve(head)
    return Cue(None, src, structural=True, kind="colon") if src.entity is not None else None


_DASH_AFTER = re.compile(r"[\"”»]?[ \t\u00a0]*[―—–-]+[ \t\u00a0]*(?=\w)")


def _dash_cue(ctx: Context, toks: _Tokens, q: Quote, sources: Sources) -> Cue | None:
    """'"..." ― Sonya Herridge': a name after a dash right after the quote."""
    m = _DASH_AFTER.match(ctx.text, q.end)
    if m is None:
        return None
    a, _ = toks.range(m.end(), m.end() + 1)
    if a >= len(toks.doc):
        return None
    tok = toks.doc[a]
    if tok.pos_ != "PROPN" or tok.ent_type_ not in ("PERSON", "ORG", ""):
        return None
    head = tok
    while head.i + 1 < len(toks.doc) and toks.doc[head.i + 1].pos_ == "PROPN" \
            and not toks.broken(head, toks.doc[head.i + 1]):
        head = toks.doc[head.i + 1]
    src = sources.resolve(head)
    src.span = (tok.idx, head.idx + len(head.text))
    return Cue(None, src, structural=True, kind="colon")


def _cue_source(toks: _Tokens, q: Quote, cue: Token, sources: Sources) -> Source | None:
    """The source of CUE, never a word inside a quote (a parse that took the quoted words as subject)."""
    src = sources.of_cue(cue)
    if src is not None and src.token is not None and not toks.in_frame(src.token, q):
        src = None
    return src or _adjacent_source(toks, q, cue, sources)


def _adjacent_source(toks: _Tokens, q: Quote, cue: Token, sources: Sources) -> Source | None:
    """A name or pronoun right beside a cue whose subject the parse missed ('"...," said Smith')."""
    doc = toks.doc
    for i in (cue.i - 1, cue.i + 1, cue.i - 2, cue.i + 2):
        if 0 <= i < len(doc) and toks.in_frame(doc[i], q) and not toks.broken(cue, doc[i]):
            tok = doc[i]
            if (tok.pos_ == "PROPN" and tok.ent_type_ not in ("DATE", "TIME")) or tok.lower_ in ("he", "she", "they"):
                src = sources.resolve(tok)
                if src.span is not None:
                    return src
    return None


def find_cue(ctx: Context, toks: _Tokens, q: Quote, sources: Sources) -> Cue | None:
    """The cue of quote Q: in the parse, beside it, "according to X", a colon, or a dash."""
    words = toks.tokens(q)
    if not words:
        return None
    cue = _structural_cue(toks, q, words)
    if cue is not None:
        return Cue(cue, _cue_source(toks, q, cue, sources), structural=True)
    cue = _window_cue(toks, q)
    if cue is not None:
        return Cue(cue, _cue_source(toks, q, cue, sources), structural=False)
    first, last = words[0], words[-1]
    frame = [t for t in (*first.sent, *last.sent) if toks.in_frame(t, q)]
    acc = according_to(frame)
    if acc is not None:
        return Cue(acc.head, sources.resolve(acc), structural=True, kind="according")
    return _colon_cue(ctx, toks, q, sources) or _dash_cue(ctx, toks, q, sources)


def _stands_alone(toks: _Tokens, q: Quote, words: list[Token]) -> bool:
    """The quote is a sentence (or more) of its own: no words of the frame around it."""
    first, last = words[0], words[-1]
    for sent in {first.sent, last.sent}:
        for t in sent:
            if not toks.in_frame(t, q) or t.is_punct or t.is_space:
                continue
            if not toks.broken(t, first if t.i < first.i else last):  # words of another paragraph don't count
                return False
    return True


# -- 3. facts ---------------------------------------------------------------------------------------
@dataclass
class _Said:
    """One quote with what was found about it."""

    quote: Quote
    cue: Cue | None
    speaker: Entity | None
    speaker_span: Offsets | None
    via: Entity | None = None
    confidence: float = 0.5
    keep: bool = True


def run(ctx: Context) -> None:
    """Add a ``quote`` fact per quote (or per split/continued quote) and fill ``ctx.quote_regions``."""
    quotes = find_quotes(ctx.text)
    if not quotes:
        return
    toks = _Tokens(ctx, quotes)
    sources = Sources(ctx)
    _remember_named_speakers(ctx, toks, sources)
    said: dict[int, _Said] = {}
    last: _Said | None = None  # the last top-level quote
    for q in quotes:  # text order, a parent before what it contains
        said[id(q)] = _attribute(ctx, toks, q, sources, said, last if q.parent is None else None)
        if q.parent is None:
            last = said[id(q)]
    _share_across_pieces(quotes, said)
    for group in _groups(ctx.text, quotes, said):
        _emit(ctx, group, said)
    ctx.quote_regions.sort(key=lambda r: r.end - r.start)  # innermost first


def _remember_named_speakers(ctx: Context, toks: _Tokens, sources: Sources) -> None:
    """Note every named source of a speech cue outside quotes ("Fars reported", "remarks by
    Salami"), so that "the outlet wrote" and a quote standing alone can find them."""
    for tok in ctx.doc:
        if toks.inside[tok.i] is not None or not (is_speech_verb(tok) or is_speech_noun(tok)):
            continue
        who = agent_of_noun(tok) if is_speech_noun(tok) and not is_speech_verb(tok) else subject_of(tok)
        if who is not None and who.lower_ in SPEECH_NOUNS:
            who = agent_of_noun(who)
        ent = sources.entity_of_np(who) if who is not None else None
        if ent is not None:
            sources.memory.note(tok.idx, ent)


def _attribute(ctx: Context, toks: _Tokens, q: Quote, sources: Sources, said: dict[int, _Said],
               last: _Said | None) -> _Said:
    """Speaker, span, relay and whether to keep quote Q; LAST is the top-level quote before it."""
    words = toks.tokens(q)
    n_words = sum(1 for w in words if not w.is_punct and not w.is_space)
    cue = find_cue(ctx, toks, q, sources) if words else None
    src = cue.source if cue else None
    speaker = src.entity if src else None
    span = src.span if src else None
    confidence = 0.8 if speaker is not None else 0.6
    short = n_words <= SHORT_QUOTE_WORDS
    keep, via = True, None
    if cue is None or (short and not cue.structural):
        cue = None
        if words and not short and _stands_alone(toks, q, words):
            speaker, span, via = _continued_speaker(q, sources, last)
            confidence = 0.6
            if speaker is not None or span is not None:
                cue = Cue(None, None, structural=False, kind="continued")
        else:
            speaker, span, confidence = None, None, 0.4
        keep = not short or q.parent is not None and speaker is not None
    if short and (_title_like(words) or (cue is not None and _only_topic(cue, words))):
        keep = False  # "Meet the Press"; "warned about the 'enemy'": named or talked about, not said
    if q.parent is not None and not short and cue is None:
        keep = False  # inner quotes without their own cue are emphasis inside the outer speech
    via = via if cue is not None and cue.kind == "continued" else None
    parent = said.get(id(q.parent)) if q.parent is not None else None
    if parent is not None and parent.speaker is not None and parent.speaker is not speaker:
        via = parent.speaker
    elif cue is not None and cue.token is not None:
        via = sources.relay(cue.token, speaker, (q.start, q.end))
    if speaker is not None and cue is not None and cue.kind != "continued":
        sources.memory.note(q.start, speaker)
    return _Said(q, cue, speaker, span, via, confidence, keep)


def _continued_speaker(q: Quote, sources: Sources, last: _Said | None
                       ) -> tuple[Entity | None, Offsets | None, Entity | None]:
    """Who goes on speaking in a quote that stands alone: the speaker of the quote just before
    (within ``CONTINUE_SPEAKER_CHARS``), unless a speaker was named after it."""
    named = sources.memory.last_at(q.start, None, CONTINUE_SPEAKER_CHARS)
    if last is not None and q.start - last.quote.end <= CONTINUE_SPEAKER_CHARS \
            and (last.speaker is not None or last.speaker_span is not None) \
            and (named is None or named[0] <= last.quote.end):
        return last.speaker, last.speaker_span, last.via
    return (named[1] if named else None), None, None


_TOPIC_PREPS = {"about", "on", "over", "of", "regarding", "concerning"}


def _only_topic(cue: Cue, words: list[Token]) -> bool:
    """A short quote that is what the cue talks about ("warned about the 'enemy'") or that a
    speech noun, not a speaker, is said to do ("remarks confirm the 'rivalry'")."""
    tok = cue.token
    if tok is None or cue.kind != "verb":
        return False
    subj = subject_of(tok)
    if subj is not None and subj.lower_ in SPEECH_NOUNS:
        return True
    return any(w.dep_ == "pobj" and w.head.lower_ in _TOPIC_PREPS and w.head.head == tok for w in words)


def _title_like(words: list[Token]) -> bool:
    """"The Apprentice", "Meet the Press": every content word capitalized."""
    content = [w for w in words if w.is_alpha and not w.is_stop]
    return bool(content) and all(w.text[0].isupper() for w in content)


def _share_across_pieces(quotes: list[Quote], said: dict[int, _Said]) -> None:
    """The paragraphs of one long quote share the speaker of whichever piece has a cue."""
    for q in quotes:
        if q.continues is not None or q.continued_by is None:
            continue
        chain = [q]
        while chain[-1].continued_by is not None:
            chain.append(chain[-1].continued_by)
        pieces = [said[id(p)] for p in chain if id(p) in said]
        best = next((s for s in reversed(pieces) if s.speaker is not None and s.cue is not None), None)
        if best is None:
            continue
        for s in pieces:
            if s.speaker is None:
                s.speaker, s.via, s.keep = best.speaker, best.via, True
                s.cue = s.cue or best.cue


def _groups(text: str, quotes: list[Quote], said: dict[int, _Said]) -> list[list[Quote]]:
    """Quotes that make one fact: '"A," he said, "B."', '"A," he said. "B."' and the
    paragraphs of one quote."""
    groups: list[list[Quote]] = []
    last_top: list[Quote] | None = None
    for q in quotes:
        if q.parent is None and last_top is not None and _same_speech(text, last_top[-1], q, said):
            last_top.append(q)
            continue
        groups.append([q])
        if q.parent is None:
            last_top = groups[-1]
    return groups


def _same_speech(text: str, a: Quote, b: Quote, said: dict[int, _Said]) -> bool:
    """B goes on with what A quotes: the next paragraph of it, or the second half around one cue."""
    sa, sb = said[id(a)], said[id(b)]
    if b.continues is a:  # the next paragraph of one quote, unless it names a speaker of its own
        own = sb.cue is not None and sb.cue.kind != "continued" and (sb.speaker or sb.speaker_span) is not None
        return not own or sb.speaker is not None and sb.speaker is sa.speaker
    if sa.cue is None or sa.cue.token is None or sb.cue is None:
        return False
    between = text[a.end:b.start]
    if "\n" in between or len(between) > 250:
        return False
    cue = sa.cue.token
    if sb.cue.token == cue:
        return not any(c in between for c in ".!?") or a.end <= cue.idx < b.start
    # '"A," said X. "B."': B stands alone and the cue of A sits between them
    return sb.cue.kind == "continued" and sb.speaker is sa.speaker and a.end <= cue.idx < b.start


def _emit(ctx: Context, group: list[Quote], said: dict[int, _Said]) -> None:
    records = [said[id(q)] for q in group]
    lead = next((r for r in records if r.cue is not None and r.cue.token is not None), records[0])
    if not any(r.keep for r in records):
        return
    speaker, via = lead.speaker, lead.via
    for r in records:
        if speaker is not None or via is not None:
            ctx.quote_regions.append(QuoteRegion(r.quote.start, r.quote.end, speaker, via))
    cue = lead.cue.token if lead.cue is not None else None
    cue_span = None
    if cue is not None:
        cue_span = {"start": cue.idx, "end": cue.idx + len(cue.text)}
        if lead.cue.kind == "according":
            cue_span["start"] = cue.idx - len("according ") if cue.idx >= 10 else cue.idx
    speaker_span = {"start": lead.speaker_span[0], "end": lead.speaker_span[1]} if lead.speaker_span else None
    evidence = [(q.start, q.end) for q in group]
    words = " … ".join(ctx.text[q.start:q.end] for q in group)
    fact = ctx.add_fact("quote", evidence, confidence=lead.confidence, speaker=speaker, text=words, direct=True,
                        via=via, speaker_span=speaker_span, cue_span=cue_span)
    # who asserts that these words were said: the relaying outlet, else the article (or its frame)
    outer = said.get(id(group[0].parent)) if group[0].parent is not None else None
    fact.attributed_to = via if via is not None else (outer.speaker or outer.via) if outer is not None else None
