"""Appointments, dismissals and successions, with the post and the date.

Read from the parse around a small set of verbs (active, passive, relative and
participial clauses alike) and their nouns ("his dismissal", "the appointment of X as Y"):
- appointment: appointed, named, nominated, confirmed, promoted, sworn in, took over,
  took office, stepped into ...;
- dismissal: dismissed, fired, sacked, ousted, booted, removed, relieved (of duty), ...;
- succession: replaced, succeeded, took over from, "replacing X".
The post is the verb's "as"/"to" complement, else the post the article gives the person in
the same sentence, else (for a successor) the post they are known to hold. Every change
also updates the positions: the dismissed and the replaced held the post formerly, the
appointed hold it now.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..resolve.within import resolve_description, resolve_pronoun
from .context import Context, Entity, Fact
from .dates import date_for, report_date
from .lexicon import ACTING_MARKERS
from .positions import (
    DESCRIBED_POST_CONFIDENCE,
    LEAD_VERBS,
    add_position,
    guarded,
    hypothetical,
    name_lead_start,
    particles,
    positions_of,
)
from .titles import HYPOTHETICAL, Title, is_title_word, parse_title, phrase_after, same_title

#: verb lemma -> does it need an explicit post to count ("named" alone is too often "a man named X")
APPOINT_VERBS = {"appoint": False, "nominate": False, "promote": False, "reappoint": False, "name": True,
                 "confirm": True, "install": True, "designate": True, "tap": True, "pick": True, "choose": True,
                 "select": True, "elevate": True, "swear": False,
                 "instal": True}  # the lemmatiser's (British) lemma of "installed"
DISMISS_VERBS = {"dismiss", "fire", "sack", "oust", "boot", "remove", "relieve", "depose", "unseat", "axe", "purge",
                 "demote", "discharge", "expel", "topple", "overthrow"}
SUCCEED_VERBS = {"replace", "succeed", "supplant"}
#: "took office", "assumed the post", "took the helm"
TAKE_OBJECTS = {"office", "post", "helm", "reins", "command", "charge", "presidency", "premiership", "leadership",
                "throne"}
#: dismissal verbs that need a post in view ("removed from office", "removed the head of Y, X")
_NEEDS_POST = {"remove", "expel", "purge", "topple", "overthrow", "discharge"}
APPOINT_NOUNS = {"appointment", "nomination", "promotion", "reappointment", "installation"}
DISMISS_NOUNS = {"dismissal", "firing", "sacking", "ouster", "ousting", "removal", "dismissals", "expulsion",
                 "overthrow", "demotion"}
#: nouns that stand for a post: "to the post of T", "from his post as T"
POST_NOUNS = {"post", "position", "role", "job", "office", "seat", "rank", "duties", "duty", "command"}
_RELATIVE = {"who", "that", "whom", "which"}
#: Bodies whose leadership a person "takes over" ("took over the agency")
_LED_BODIES = {"agency", "ministry", "service", "army", "navy", "police", "force", "command", "directorate",
               "bureau", "department", "office", "council", "committee", "commission", "party", "bank", "court"}
#: "by decree of X", "by order of X": X is the one who appoints
_INSTRUMENTS = {"decree", "order", "resolution", "proposal", "ruling", "decision", "edict", "directive"}
_MOVE_VERBS = {"move", "transfer", "reassign", "shift", "redeploy"}
#: "was given the post of T", "handed him the job of T"
_GIVE_VERBS = {"give", "hand"}
#: "X left the agency to become T": the post X left for
_LEAVE_FOR = {"leave", "quit", "resign", "step"}
#: "forced to resign": made to leave is a dismissal
_FORCE_VERBS = {"force", "compel", "oblige"}
_QUIT_VERBS = {"resign", "quit", "step", "leave", "retire", "stand"}


# -- people ----------------------------------------------------------------------------------------------
def _entity_for(ctx: Context, tok: Token, types: set[str]) -> Entity | None:
    """The entity a noun phrase headed by TOK denotes: a mention, a pronoun, a relative
    pronoun's antecedent, or a description the article made clear ("the president")."""
    if tok.lower_ in _RELATIVE:
        clause = tok.head
        while clause.dep_ not in ("relcl", "ROOT") and clause.head.i != clause.i:
            clause = clause.head
        return _entity_for(ctx, clause.head, types) if clause.dep_ == "relcl" else None
    ent = ctx.entity_of(tok)
    if ent is None and tok.pos_ in ("NOUN", "PROPN"):
        # "the head of the agency, Yusuf Bichi," / "his deputy, Igor Zubov": the name in apposition,
        # which the parser may hang on the post's complement instead of the post
        named = next((c for c in tok.children if c.dep_ == "appos" and ctx.entity_of(c) is not None), None)
        if named is None and is_title_word(ctx.doc, tok.i):
            named = next((t for t in tok.subtree if t.dep_ == "appos" and t.i > tok.i and
                          ctx.doc[t.left_edge.i - 1].text == "," and ctx.entity_of(t) is not None and
                          ctx.entity_of(t).type == "PERSON"), None)
        if named is None and is_title_word(ctx.doc, tok.i):
            named = _name_after_post(ctx, tok)
        if named is not None:
            return _entity_for(ctx, named, types)
    if ent is None and tok.pos_ == "PROPN":
        ent = ctx.entity_in_subtree(tok, types)
    if ent is not None:
        return ent if ent.type in types else None
    if tok.pos_ == "PRON":
        ref = resolve_pronoun(ctx, tok)
        return ref if ref is not None and ref.type in types else None
    if tok.pos_ == "NOUN":
        ref = resolve_description(ctx, ctx.doc[tok.left_edge.i: tok.i + 1])
        return ref if ref is not None and ref.type in types else None
    return None


def _name_after_post(ctx: Context, tok: Token) -> Token | None:
    """The person named right after the post phrase headed by TOK, which the parser hung elsewhere:
    "sacked the head of the agency (NISA), General Mahad Warsame, on Monday" (the name as an adverbial)."""
    doc = ctx.doc
    i = tok.right_edge.i
    if doc[i].text != ",":  # the comma may close the post's own subtree
        i += 1
    while i < len(doc) and doc[i].text == ")":
        i += 1
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    for j in range(i, min(i + 6, len(doc))):
        ent = ctx.entity_of(doc[j])
        if ent is not None:
            return doc[j] if ent.type == "PERSON" and name_lead_start(ctx, j) == i else None
        if doc[j].sent.start != tok.sent.start:
            return None
    return None


def _with_conj(tok: Token) -> list[Token]:
    return [tok, *(c for c in tok.conjuncts if c.i > tok.i)]


def _people(ctx: Context, tok: Token | None) -> list[Entity]:
    if tok is None:
        return []
    out = []
    for t in _with_conj(tok):
        ent = _entity_for(ctx, t, {"PERSON"})
        if ent is not None and ent not in out:
            out.append(ent)
    return out


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _pobj(tok: Token, prep: str) -> Token | None:
    for child in tok.children:
        if child.dep_ in ("prep", "agent") and child.lower_ == prep:
            return _child(child, "pobj")
    return None


def _is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if _child(verb, "nsubj") is not None:
        return False
    # "was removed ... and replaced by Y" shares the first verb's voice (the tagger may call it VBD)
    if verb.dep_ == "conj" and verb.tag_ in ("VBN", "VBD") and verb.head.pos_ in ("VERB", "AUX"):
        return _is_passive(verb.head)
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl")


def _past_dateline(subj: Token) -> Token:
    """"ISLAMABAD, May 3 (Dawn) - Prime Minister X removed ...": the parser made the dateline's place the
    subject and the real one its apposition after the dash."""
    doc = subj.doc
    if subj.i - subj.sent.start > 1:
        return subj
    for child in subj.children:
        if child.dep_ == "appos" and child.i > subj.i and any(
                doc[k].text in ("-", "–", "—", "--") for k in range(subj.i + 1, child.left_edge.i)):
            return child
    return subj


def _subject(verb: Token) -> Token | None:
    """Who does (or undergoes, in the passive) VERB; a conjoined verb shares its first verb's subject,
    a participle ("..., replacing X") or reduced relative ("X, appointed in May") takes the noun it modifies."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        # the parser may take a dateline's "(Reuters)" for a second subject: the nearest one is the real one
        before = [c for c in subjects if c.i < verb.i]
        return _past_dateline(before[-1] if before else subjects[0])
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    if verb.dep_ == "acl" and verb.head.pos_ in ("PROPN", "NOUN", "PRON"):
        return verb.head
    return None


# -- the post ----------------------------------------------------------------------------------------------
def _np_title(ctx: Context, tok: Token | None, person: Entity | None = None) -> Title | None:
    """The post named by the noun phrase headed by TOK; a post noun ("the post of T") is looked through,
    and a name at the front ("named Aden Duale defence minister") is skipped."""
    if tok is None:
        return None
    if tok.lower_ in POST_NOUNS:
        inner = _pobj(tok, "of") or _pobj(tok, "as")
        return _np_title(ctx, inner, person) if inner is not None else None
    start = tok.left_edge.i
    named = [m for m in range(start, tok.i) if ctx.entity_of(ctx.doc[m]) is not None and
             ctx.entity_of(ctx.doc[m]).type == "PERSON"]
    if named:  # "named Admiral Wichai Boonmee commander of the navy": the post starts after the name
        start = named[-1] + 1
    end = phrase_after(ctx, start)
    if end <= tok.i:
        end = tok.i + 1
    return parse_title(ctx, start, end, allow_weak=True)


def _verb_title(ctx: Context, verb: Token) -> Title | None:
    """The post a change verb names: "as T", "to T", "named X T", "appointed X to head the agency",
    "removed from his post as T", "relieved of his duties as T"."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            return _np_title(ctx, _child(child, "pobj"))
    if _active_acl(verb):  # "a decree named Y, a former envoy, as deputy head": "as" hung on the noun
        for child in verb.head.children:
            if child.dep_ == "prep" and child.lower_ == "as" and child.i > verb.i:
                return _np_title(ctx, _child(child, "pobj"))
    for child in verb.children:
        if child.dep_ in ("oprd", "attr") and child.pos_ in ("NOUN", "PROPN"):
            return _np_title(ctx, child)
        if child.dep_ == "dobj" and verb.lemma_.lower() == "take" and _body_taken(verb, child):
            end = phrase_after(ctx, child.left_edge.i)
            text = ctx.doc[child.left_edge.i:max(end, child.i + 1)].text
            org = ctx.entity_of(child)
            return Title(text=f"head of {text}", org=org if org is not None and org.type == "ORG" else None,
                         marker=None, start=child.left_edge.idx, end=child.idx + len(child))
        if child.dep_ == "dobj" and child.lower_ in POST_NOUNS and _pobj(child, "of") is not None:
            title = _np_title(ctx, child)  # "given the post of ambassador to X"
            if title is not None:
                return title
        if child.dep_ == "dobj" and child.pos_ == "NOUN" and ctx.entity_of(child) is None and any(
                t.i < child.i and ctx.entity_of(t) is not None and ctx.entity_of(t).type == "PERSON"
                for t in child.subtree):  # "named Admiral X commander of the navy" parsed with the post as object
            return _np_title(ctx, child)
        if child.dep_ == "prep" and child.lower_ in ("to", "from", "of", "into"):
            pobj = _child(child, "pobj")
            if pobj is None:
                continue
            if pobj.lower_ in POST_NOUNS or child.lower_ in ("to", "into"):
                title = _np_title(ctx, pobj)
                if title is not None:
                    return title
        if child.dep_ == "xcomp" and child.pos_ == "NOUN":
            title = _np_title(ctx, child)
            if title is not None:
                return title
        if child.dep_ == "xcomp" and child.lemma_ == "be":  # "appointed to be the new ambassador to Chile"
            attr = _child(child, "attr")
            title = _np_title(ctx, attr) if attr is not None else None
            if title is not None:
                return title
        if child.dep_ == "xcomp" and child.lemma_.lower() in LEAD_VERBS:
            obj = _child(child, "dobj")
            if obj is not None:
                end = phrase_after(ctx, obj.left_edge.i)
                text = ctx.doc[obj.left_edge.i:max(end, obj.i + 1)].text
                org = ctx.entity_of(obj)
                return Title(text=f"{LEAD_VERBS[child.lemma_.lower()]} of {text}",
                             org=org if org is not None and org.type in ("ORG", "GPE") else None,
                             marker=None, start=obj.left_edge.idx, end=obj.idx + len(obj))
    return None


def _known_post(ctx: Context, person: Entity, sent: Span, org: Entity | None = None, *,
                current_only: bool = False, anywhere: bool = True) -> Fact | None:
    """The post the article gives PERSON: in this sentence first, else their only post (when ANYWHERE);
    one that matches ORG wins."""
    posts = [p for p in positions_of(ctx, person) if not current_only or p.fields.get("status") != "former"]
    if org is not None:
        with_org = [p for p in posts if p.fields.get("org") is org]
        if with_org:
            return with_org[0]
    here = [p for p in posts if any(sent.start_char <= s < sent.end_char for s, _ in p.evidence)]
    if here:
        return here[0]
    return posts[0] if len(posts) == 1 and anywhere else None


def _post_fields(title: Title | None, known: Fact | None) -> tuple[str | None, Entity | None]:
    if title is not None:
        return title.text, title.org
    if known is not None:
        return known.fields.get("title"), known.fields.get("org")
    return None, None


# -- recording -------------------------------------------------------------------------------------------
def _record(ctx: Context, kind: str, evidence: tuple[int, int], key: tuple, **fields) -> Fact:
    """Add a change, or fill in what an earlier fact about the same change lacked."""
    for fact in ctx.facts_of(kind):
        if _key(fact) == key:
            for k, v in fields.items():
                if fact.fields.get(k) is None and v is not None:
                    fact.fields[k] = v
            if evidence not in fact.evidence:
                fact.evidence.append(evidence)
            return fact
    return ctx.add_fact(kind, evidence, confidence=0.75, **fields)


def _key(fact: Fact) -> tuple:
    f = fact.fields
    if fact.kind == "succession":
        return (id(f.get("successor")), id(f.get("predecessor")))
    return (id(f.get("person")),)


def appoint(ctx: Context, person: Entity, by: Entity | None, title: Title | None, known: Fact | None,
            date: str | None, evidence: tuple[int, int]) -> None:
    text, org = _post_fields(title, known)
    _record(ctx, "appointment", evidence, (id(person),), person=person, by=by, title=text, org=org, date=date)
    if text or org:
        add_position(ctx, person, text, org, "current", evidence, start=date, override_status=True)


def dismiss(ctx: Context, person: Entity, by: Entity | None, title: Title | None, known: Fact | None,
            date: str | None, evidence: tuple[int, int]) -> None:
    text, org = _post_fields(title, known)
    _record(ctx, "dismissal", evidence, (id(person),), person=person, by=by, title=text, org=org, date=date)
    if text or org:
        add_position(ctx, person, text, org, "former", evidence, end=date, override_status=True)


def succeed(ctx: Context, successor: Entity, predecessor: Entity, title: Title | None, sent: Span,
            org_hint: Entity | None, date: str | None, evidence: tuple[int, int]) -> Fact | None:
    if successor is predecessor:
        return None
    known = None
    if title is None:
        # the post the predecessor is said to lose here, else the one the successor now holds
        known = (_known_post(ctx, predecessor, sent, org_hint) if org_hint is None else None) \
            or _known_post(ctx, successor, sent, org_hint, current_only=True) \
            or _known_post(ctx, predecessor, sent, org_hint)
    text, org = _post_fields(title, known)
    if text is None and org_hint is not None:
        org = org_hint
    fact = _record(ctx, "succession", evidence, (id(successor), id(predecessor)), successor=successor,
                   predecessor=predecessor, title=text, org=org, date=date)
    if text or org:
        add_position(ctx, successor, text, org, "current", evidence, start=date)
        add_position(ctx, predecessor, text, org, "former", evidence, end=date, override_status=True)
    return fact


# -- verbs -----------------------------------------------------------------------------------------------
def _date(ctx: Context, verb: Token) -> str | None:
    return date_for(ctx, verb.idx, verb.idx + len(verb)) or report_date(ctx, verb.idx, verb.idx + len(verb))


def _agent(ctx: Context, verb: Token) -> Entity | None:
    agent = _pobj(verb, "by")
    if agent is not None and agent.lemma_.lower() in _INSTRUMENTS:  # "by decree of the President"
        agent = _pobj(agent, "of")
    return _entity_for(ctx, agent, {"PERSON", "ORG", "GPE"}) if agent is not None else None


def _change_verb(verb: Token) -> str | None:
    """Which kind of change VERB reports, if any."""
    lemma = verb.lemma_.lower()
    prts = particles(verb)
    if lemma in SUCCEED_VERBS:
        return "succession"
    if lemma == "take" and "over" in prts:
        obj = _child(verb, "dobj")  # "took over the company's mines (from X)" is no post
        if obj is not None and obj.lower_ not in TAKE_OBJECTS | POST_NOUNS and not _body_taken(verb, obj):
            return None
        return "succession" if _pobj(verb, "from") is not None else "appointment"
    if lemma in ("take", "assume"):
        obj = _child(verb, "dobj")
        return "appointment" if obj is not None and obj.lower_ in TAKE_OBJECTS and not any(
            c.lower_ in ("a", "an") for c in obj.children) else None
    if lemma == "step":
        if "down" in prts:
            return None
        into = _pobj(verb, "into")
        return "appointment" if into is not None and (into.lower_ in POST_NOUNS | {"shoes"} or is_title_word(
            verb.doc, into.i)) or "in" in prts and _pobj(verb, "as") else None
    if lemma == "swear":
        return "appointment" if "in" in prts or _pobj(verb, "in") is not None else None
    if lemma in APPOINT_VERBS:
        return "appointment"
    if lemma in DISMISS_VERBS:
        if lemma == "fire" and any(c.dep_ == "prep" and c.lower_ in ("at", "on", "upon", "into", "toward", "towards")
                                   and not any(g.ent_type_ in ("DATE", "TIME") for g in c.subtree)
                                   for c in verb.children):
            return None  # "was fired at by gunmen", "fired on the convoy" (not "fired X on Monday")
        return "dismissal"
    if lemma == "force" and "out" in prts:
        return "dismissal"
    if lemma in _MOVE_VERBS:  # "was moved to the post of ambassador": a new post
        to = _pobj(verb, "to")
        return "appointment" if to is not None and to.lower_ in POST_NOUNS and _pobj(to, "of") is not None else None
    if lemma in _GIVE_VERBS:
        obj = _child(verb, "dobj")  # "was given the post of ambassador", "handed him the job of ..."
        return "appointment" if obj is not None and obj.lower_ in POST_NOUNS and _pobj(obj, "of") is not None \
            else None
    if _left_to_become(verb):
        return "appointment"
    if lemma in _FORCE_VERBS and any(c.dep_ == "xcomp" and c.lemma_.lower() in _QUIT_VERBS for c in verb.children):
        return "dismissal"  # "was forced to resign", "compelled him to step down"
    return None


def _name_before_auxiliary(ctx: Context, verb: Token) -> Token | None:
    """"By decree of President X, Y was appointed ...", with Y misparsed as X's apposition: the name right
    before "was"."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    if not aux or aux[0].i == 0:
        return None
    prev = ctx.doc[aux[0].i - 1]
    ent = ctx.entity_of(prev)
    return prev if ent is not None and ent.type == "PERSON" else None


def _active_acl(verb: Token) -> bool:
    """"Khamenei on Sunday named Y commander", "A decree named Y as deputy": the parser made the verb a
    participle of the noun before it, but an object after it shows the noun is the one who names."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(
        c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) and (
        _child(verb, "dobj") is not None or _child(verb, "oprd") is not None)


def _changed_people(ctx: Context, verb: Token) -> tuple[list[Entity], Entity | None, bool, bool]:
    """Who is appointed or dismissed by VERB, and by whom; with whether VERB is passive and intransitive."""
    lemma = verb.lemma_.lower()
    passive = _is_passive(verb) and not _active_acl(verb)
    # intransitive takes ("took office", "took over as", "was sworn in") have the person as subject
    intransitive = lemma in ("take", "assume", "step") or (lemma == "swear" and passive)
    if _left_to_become(verb):
        return _people(ctx, _subject(verb.head)), None, False, True
    if passive or intransitive:
        subj = _subject(verb)
        if subj is None and verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX"):
            subj = _subject(verb.head)  # "will take office in May, stepping into the role vacated by X"
        if subj is None and passive:
            subj = _name_before_auxiliary(ctx, verb)
        return _people(ctx, subj), _agent(ctx, verb), passive, intransitive
    obj = _child(verb, "dative") if lemma in _GIVE_VERBS else _child(verb, "dobj")
    if obj is None and lemma == "swear":  # "swore in Y as minister", parsed as a preposition
        obj = _pobj(verb, "in")
    if obj is None:  # "named Aden Duale defence minister": the name is inside the post
        obj = _child(verb, "oprd")
    if obj is not None and ctx.entity_of(obj) is None and is_title_word(ctx.doc, obj.i):
        # the parser may make the post the object and the name its modifier ("named Admiral X commander")
        obj = next((t for t in obj.subtree if t.i < obj.i and ctx.entity_of(t) is not None and
                    ctx.entity_of(t).type == "PERSON"), obj)
    subj = _subject(verb)
    by = _entity_for(ctx, subj, {"PERSON", "ORG", "GPE"}) if subj is not None else None
    return _people(ctx, obj), by, passive, intransitive


def _post_just_named(ctx: Context, verb: Token, sent: Span) -> Title | None:
    """"... and named Z to the post" / "to the job": the post a dismissal earlier in the sentence vacated."""
    post = _pobj(verb, "to") or _pobj(verb, "into")
    if post is None or post.lower_ not in POST_NOUNS or _pobj(post, "of") is not None or not any(
            c.lower_ == "the" for c in post.children):
        return None
    before = [f for f in ctx.facts_of("dismissal") if f.fields.get("title") and any(
        sent.start_char <= s < verb.idx for s, _ in f.evidence)]
    if not before:
        return None
    fields = before[-1].fields
    return Title(text=fields["title"], org=fields.get("org"), marker=None, start=0, end=0)


def _body_taken(verb: Token, obj: Token) -> bool:
    """"Martina Rosen took over the Federal Intelligence Service": a person taking over a named body (or
    "the agency") takes over its leadership; a group taking over a town does not."""
    subj = _subject(verb)
    if subj is None or subj.ent_type_ != "PERSON" and subj.pos_ != "PRON":
        return False
    return obj.ent_type_ == "ORG" or obj.pos_ == "NOUN" and obj.lower_ in _LED_BODIES and any(
        c.lower_ == "the" for c in obj.children)


#: What one is removed or expelled from when it is a post: "from office", "from the party", "from the cabinet".
_FROM_BODIES = {"government", "cabinet", "party", "board", "council", "committee", "army", "force", "forces", "service",
                "ministry", "parliament", "senate", "assembly", "leadership", "politburo", "presidency", "command"}


def _from_a_post(ctx: Context, verb: Token) -> bool:
    src = _pobj(verb, "from")
    if src is None:
        return False
    ent = ctx.entity_of(src)
    return src.lower_ in POST_NOUNS | _FROM_BODIES or ent is not None and ent.type == "ORG"


def _to_rank(verb: Token) -> bool:
    to = _pobj(verb, "to")
    return to is not None and to.lemma_.lower() in ("rank", "grade")


def _left_to_become(verb: Token) -> bool:
    """"who left the agency in October to become deputy prime minister": the new post is taken."""
    return verb.lemma_.lower() == "become" and verb.dep_ in ("advcl", "xcomp") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and \
        verb.head.lemma_.lower() in _LEAVE_FOR and not hypothetical(verb.head)


def verbs(ctx: Context) -> None:
    for verb in ctx.doc:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        kind = _change_verb(verb)
        if kind is None or hypothetical(verb) and not _left_to_become(verb):
            continue
        sent = verb.sent
        evidence = (sent.start_char, sent.end_char)
        date = _date(ctx, verb)
        title = _verb_title(ctx, verb)
        lemma = verb.lemma_.lower()
        if kind == "succession":
            _succession_verb(ctx, verb, lemma, _is_passive(verb), title, sent, date, evidence)
            continue
        people, by, passive, intransitive = _changed_people(ctx, verb)
        if not people:
            continue
        if kind == "appointment" and _as_successor(ctx, verb, people, by, title, sent, date, evidence):
            continue
        if kind == "appointment" and title is None:
            title = _post_just_named(ctx, verb, sent)  # "removed X as head of Y and named Z to the post"
        if kind == "appointment" and title is None and APPOINT_VERBS.get(lemma, False):
            continue
        if kind == "appointment" and title is None and _to_rank(verb):
            continue  # "promoted to the rank of general": a rank, not a post
        if title is None and _pobj(verb, "as") is not None:
            continue  # "dismissing X as the wrong man", "named X as a suspect": not a post
        if kind == "appointment" and title is None and (passive or intransitive) and \
                (_subject(verb) is None or _subject(verb).pos_ == "PRON"):
            continue  # "she took office": too little to say, and the pronoun is too easily misread
        for person in people:
            if by is person and not (passive or intransitive):
                continue  # "X sacked him": the pronoun was read as X; nobody dismisses themselves
            if kind == "dismissal" and lemma in _NEEDS_POST and title is None and not _from_a_post(ctx, verb) \
                    and _known_post(ctx, person, sent, anywhere=False) is None:
                continue  # "removed X (from the flight)" may be anything; "removed the head of Y, X," is a dismissal
            if by is person:
                by = None
            # a new post is not an old one: only a dismissal may take the post from elsewhere in the article
            # an appointment's post is not one the sentence says the person held before ("who until last month
            # commanded the corps, takes charge on Monday")
            known = None if title is not None else _known_post(ctx, person, sent, anywhere=kind == "dismissal",
                                                                current_only=kind == "appointment")
            if kind == "appointment":
                appoint(ctx, person, by, title, known, date, evidence)
            else:
                dismiss(ctx, person, by, title, known, date, evidence)


def _as_successor(ctx: Context, verb: Token, people: list[Entity], by: Entity | None, title: Title | None,
                  sent: Span, date: str | None, evidence: tuple[int, int]) -> bool:
    """"appointed Y as his replacement / as X's successor", "named Y in place of X", "in his place": Y was
    appointed, to the post of the one Y succeeds."""
    if len(people) != 1:
        return False
    predecessor = _predecessor_of_change(ctx, verb, sent)
    if predecessor is None or predecessor is people[0] or predecessor is by:
        return False
    if title is not None and title.org is None and title.text.startswith(_LED_TITLES):
        # "named Y to lead the force in his place": the post is the one the predecessor held
        known = _known_post(ctx, predecessor, sent)
        if known is not None and known.fields.get("title"):
            title = Title(text=known.fields["title"], org=known.fields.get("org"), marker=None, start=0, end=0)
    fact = succeed(ctx, people[0], predecessor, title, sent, None, date, evidence)
    if title is None and fact is not None and fact.fields.get("title"):
        title = Title(text=fact.fields["title"], org=fact.fields.get("org"), marker=None, start=0, end=0)
    appoint(ctx, people[0], by if by is not people[0] else None, title, None, date, evidence)
    return True


#: Titles read off "to lead/head X" ("leader of the force"): a description of the post, not its name.
_LED_TITLES = tuple(f"{noun} of " for noun in set(LEAD_VERBS.values()))


def _predecessor_of_change(ctx: Context, verb: Token, sent: Span) -> Entity | None:
    """The one an appointee replaces, named with the appointing verb: "as his replacement", "as X's
    successor", "in place of X", "in X's place" (attached to the verb, or to the noun a misparsed participle
    hangs on)."""
    as_obj = _pobj(verb, "as")
    if as_obj is not None and as_obj.lemma_.lower() in ("replacement", "successor"):
        owner = _child(as_obj, "poss")
        return _predecessor_owner(ctx, owner, sent) if owner is not None else None
    for child in verb.children:  # "stepped into the role vacated by X", "took the seat vacated by X"
        post = _child(child, "pobj") if child.dep_ == "prep" and child.lower_ in ("into", "to") else (
            child if child.dep_ == "dobj" else None)
        if post is not None and post.lower_ in POST_NOUNS:
            vacated = next((c for c in post.children if c.dep_ == "acl" and c.lemma_.lower() == "vacate"), None)
            if vacated is not None:
                people = _people(ctx, _pobj(vacated, "by"))
                return people[0] if len(people) == 1 else None
    node = verb
    for _ in range(3):
        # "in his place" on the verb, on the post it names, or on its purpose ("named Y to lead the force in ...")
        place = _pobj(node, "in")
        for child in node.children if place is None else ():
            if child.dep_ in ("oprd", "dobj") or child.dep_ == "xcomp" and child.pos_ == "VERB":
                place = place or _pobj(child, "in")
        if place is not None and place.lower_ == "place" and place.i > verb.i and not any(
                c.dep_ == "det" for c in place.children):
            of = _pobj(place, "of")
            if of is not None:
                people = _people(ctx, of)
                return people[0] if len(people) == 1 else None
            owner = _child(place, "poss")
            return _predecessor_owner(ctx, owner, sent) if owner is not None else None
        if node.dep_ not in ("acl", "conj", "ccomp") or node.head.i == node.i:
            break
        node = node.head
    return None


def _predecessor_owner(ctx: Context, owner: Token, sent: Span) -> Entity | None:
    """"his" in "his replacement" / "his place" is the one just dismissed, if a dismissal was just told."""
    if owner.pos_ == "PRON":
        window_start = ctx.doc[max(sent.start - 1, 0)].sent.start_char
        recent = [f for f in ctx.facts_of("dismissal") if any(window_start <= s < sent.end_char
                                                               for s, _ in f.evidence)]
        if recent:
            return recent[-1].fields["person"]
    return _entity_for(ctx, owner, {"PERSON"})


def _succession_verb(ctx: Context, verb: Token, lemma: str, passive: bool, title: Title | None, sent: Span,
                     date: str | None, evidence: tuple[int, int]) -> None:
    subj = _subject(verb)
    org_hint = None
    for prep in ("in", "at"):
        pobj = _pobj(verb, prep)
        if pobj is not None:
            ent = ctx.entity_of(pobj) or ctx.entity_in_subtree(pobj, {"ORG"})
            if ent is not None and ent.type == "ORG":
                org_hint = ent
    recent = _recent_change(ctx, verb, "dismissal")
    main_change = None
    if lemma == "take":
        predecessors = _people(ctx, _pobj(verb, "from"))
        successors = _people(ctx, subj) if subj is not None and subj.dep_ != "dobj" else []
    elif passive:
        successors, predecessors = _people(ctx, _pobj(verb, "by")), _people(ctx, subj)
    else:
        obj = _child(verb, "dobj")
        # "dismissed X ... and named Y to replace him": the pronoun is the one just dismissed
        predecessors = [recent] if recent is not None and obj is not None and obj.pos_ == "PRON" \
            else _people(ctx, obj)
        # "the president replaced X with Y" (the parser may hang "with Y" on X)
        with_ = _pobj(verb, "with") or next((w for o in verb.children if o.dep_ in ("dobj", "npadvmod", "appos")
                                             and o.i > verb.i for w in [_pobj(o, "with")] if w is not None), None)
        successors = _people(ctx, with_) if with_ is not None else []
        if with_ is not None and subj is not None:  # the one who replaced X with Y appointed Y
            main_change = (_entity_for(ctx, subj, {"PERSON", "ORG", "GPE"}),)
        if with_ is None and not (subj is None or verb.dep_ == "acl"):
            successors = _people(ctx, subj)
    if not successors and _child(verb, "nsubj", "nsubjpass") is None and verb.dep_ in ("advcl", "xcomp", "acl"):
        # "Y was appointed minister, replacing X", "named Y to replace X", "sworn in ..., taking over from X":
        # the one the main clause appoints (or, for "becomes ..., taking over from X", its subject)
        main = verb.head
        title = title or _verb_title(ctx, main)  # "confirmed Y as defence minister, replacing X"
        if main.pos_ in ("VERB", "AUX") and _change_verb(main) == "appointment":
            successors, by, _passive, _intr = _changed_people(ctx, main)
            main_change = (by,)
        elif main.pos_ in ("VERB", "AUX"):
            successors = _people(ctx, _subject(main))
        if not successors:  # "a decree named Y ..., taking over from X": the one this sentence appoints
            successors = [f.fields["person"] for f in ctx.facts_of("appointment")
                          if any(sent.start_char <= s < sent.end_char for s, _ in f.evidence)][-1:]
    if len(successors) != 1:
        return
    for predecessor in predecessors:
        fact = succeed(ctx, successors[0], predecessor, title, sent, org_hint, date, evidence)
        if main_change is not None and fact is not None:
            # "named Y to replace X": Y was appointed, to X's post
            post = Title(text=fact.fields["title"], org=fact.fields["org"], marker=None, start=0, end=0) \
                if fact.fields.get("title") else None
            by = main_change[0]
            appoint(ctx, successors[0], by if by is not successors[0] else None, post, None, date, evidence)


def _recent_people(ctx: Context, tok: Token, kind: str) -> list[Entity]:
    """Who changed post (KIND) in TOK's sentence or the one before, in the order told."""
    sent = tok.sent
    window_start = ctx.doc[max(sent.start - 1, 0)].sent.start_char
    return [f.fields["person"] for f in ctx.facts_of(kind)
            if any(window_start <= s < sent.end_char for s, _ in f.evidence)]


def _recent_change(ctx: Context, noun: Token, kind: str | None = None) -> Entity | None:
    """"his dismissal" right after a dismissal is told: the one it happened to, not the nearest name."""
    kind = kind or ("dismissal" if noun.lower_ in DISMISS_NOUNS else "appointment")
    sent = noun.sent
    window_start = ctx.doc[max(sent.start - 1, 0)].sent.start_char
    for fact in reversed(ctx.facts_of(kind)):
        if any(window_start <= s < sent.end_char for s, _ in fact.evidence):
            return fact.fields.get("person")
    return None


# -- nouns -----------------------------------------------------------------------------------------------
def nouns(ctx: Context) -> None:
    """"his dismissal", "the ouster of X", "X's appointment as T"."""
    for noun in ctx.doc:
        low = noun.lower_
        if noun.pos_ != "NOUN" or low not in APPOINT_NOUNS | DISMISS_NOUNS:
            continue
        if _wished_for(noun):
            continue
        holder = _child(noun, "poss")
        of = _pobj(noun, "of")
        person_tok = of if of is not None else holder
        if person_tok is None:
            continue
        recent = _recent_change(ctx, noun) if person_tok.pos_ == "PRON" else None
        people = [recent] if recent is not None else _people(ctx, person_tok)
        if len(people) != 1:
            continue
        person = people[0]
        by = None
        if holder is not None and of is not None:
            by = _entity_for(ctx, holder, {"PERSON", "ORG", "GPE"})
        by = by or _agent(ctx, noun)
        as_obj = _pobj(noun, "as")
        title = _np_title(ctx, as_obj) if as_obj is not None else None
        sent = noun.sent
        evidence = (sent.start_char, sent.end_char)
        if low in APPOINT_NOUNS:
            if title is None:
                continue  # "his appointment" alone says too little
            appoint(ctx, person, by, title, None, _date(ctx, noun), evidence)
        else:
            dismiss(ctx, person, by, title, None if title else _known_post(ctx, person, sent), _date(ctx, noun),
                    evidence)


_WISH_VERBS = {"call", "demand", "seek", "urge", "want", "propose", "push", "press", "consider", "threaten",
               "oppose", "reject", "block", "request", "recommend", "expect", "rule", "resist", "petition"}


def _wished_for(noun: Token) -> bool:
    """"calling for his dismissal", "demanded the ouster of X": asked for, not done."""
    node = noun
    for _ in range(3):
        if node.dep_ == "pobj":
            node = node.head
        head = node.head
        if head.i == node.i:
            return False
        if head.lemma_.lower() in _WISH_VERBS:
            return True
        node = head
    return False


def run(ctx: Context) -> None:
    guarded(ctx, [verbs, nouns, successor_nouns, _fill_posts, _pair_changes, _deputies_promoted,
                  _drop_described_posts, _inherit_dates])


_CHANGES = ("appointment", "dismissal", "succession")


def _inherit_dates(ctx: Context) -> None:
    """"X was forced to resign on Monday. The president swore in Y as his replacement hours later.": a change
    told without a date shares the date of the change told just before it (same or previous sentence); the
    posts it opened or closed get that date too."""
    changes = sorted((f for f in ctx.facts if f.kind in _CHANGES), key=lambda f: f.evidence[0][0])
    for n, fact in enumerate(changes):
        if fact.fields.get("date"):
            continue
        start = fact.evidence[0][0]
        window = ctx.doc[max(ctx.token_at(start).sent.start - 1, 0)].sent.start_char
        before = [f for f in changes[:n + 1] if f is not fact and f.fields.get("date") and window <= f.evidence[0][0]
                  <= start]
        if not before:
            continue
        date = fact.fields["date"] = before[-1].fields["date"]
        f = fact.fields
        opened = [f.get("person")] if fact.kind == "appointment" else [f.get("successor")] \
            if fact.kind == "succession" else []
        closed = [f.get("person")] if fact.kind == "dismissal" else [f.get("predecessor")] \
            if fact.kind == "succession" else []
        for person, key in [(p, "start") for p in opened] + [(p, "end") for p in closed]:
            for post in positions_of(ctx, person):
                if post.fields.get(key) is None and (same_title(post.fields.get("title"), f.get("title")) or (
                        f.get("org") is not None and post.fields.get("org") is f.get("org"))):
                    post.fields[key] = date


def _deputies_promoted(ctx: Context) -> None:
    """"sacked X and appointed his deputy, Y, in his place": Y was X's deputy, so Y held "deputy <X's post>"."""
    for fact in ctx.facts_of("succession"):
        successor, predecessor, title = (fact.fields["successor"], fact.fields["predecessor"],
                                         fact.fields.get("title"))
        if not title or title.lower().startswith(("deputy", "vice", "acting")):
            continue
        start, end = fact.evidence[0]
        for s, e, ent in ctx.entities.within(start, end):
            tok = ctx.doc.char_span(s, e, alignment_mode="expand")
            root = tok.root if tok is not None else None
            if ent is not successor or root is None or root.dep_ != "appos" or root.head.lower_ != "deputy":
                continue
            owner = _child(root.head, "poss")
            if owner is not None and (owner.pos_ == "PRON" or predecessor in _people(ctx, owner)):
                add_position(ctx, successor, f"deputy {title}", fact.fields.get("org"), "former", (start, end))


def successor_nouns(ctx: Context) -> None:
    """"X's successor, Y,", "Y, X's successor as governor,", "Y praised her predecessor, X": a succession."""
    for noun in ctx.doc:
        lemma = noun.lemma_.lower()
        if noun.pos_ != "NOUN" or lemma not in ("successor", "predecessor") or noun.tag_ != "NN":
            continue
        owner = _child(noun, "poss")
        if owner is None or _wished_for(noun) or any(
                c.lower_ in HYPOTHETICAL | {"new", "a", "an"} for c in noun.children):
            continue  # "X's possible successor", "the search for X's successor": nobody has succeeded yet
        named = _child(noun, "appos")
        other = named if named is not None else noun.head if noun.dep_ == "appos" else None
        if other is None:
            continue
        others = _people(ctx, other)
        if owner.pos_ == "PRON":
            # "her predecessor" is the predecessor of the one just appointed, "his successor" of the one just
            # removed; a pronoun resolved by distance alone is too often the appointer
            owners = _recent_people(ctx, noun, "appointment" if lemma == "predecessor" else "dismissal")
            owners = [p for p in owners if p not in others][-1:]
            if not owners and noun.dep_ == "dobj":  # "Y praised her predecessor, X": the subject's own
                subj = _subject(noun.head)
                owners = [p for p in _people(ctx, subj) if p in _people(ctx, owner)] if subj is not None else []
        else:
            owners = _people(ctx, owner)
        if len(owners) != 1 or len(others) != 1 or owners[0] is others[0]:
            continue
        successor, predecessor = (others[0], owners[0]) if lemma == "successor" else (owners[0], others[0])
        as_obj = _pobj(noun, "as")
        title = _np_title(ctx, as_obj) if as_obj is not None else None
        sent = noun.sent
        evidence = (sent.start_char, sent.end_char)
        if title is None:
            # the post is the owner's ("Nazemi's own predecessor, X, became an adviser": Nazemi's post, not
            # the adviser's post the sentence gives X)
            known = _known_post(ctx, owners[0], sent, current_only=lemma == "predecessor")
            if known is None:
                _record(ctx, "succession", evidence, (id(successor), id(predecessor)), successor=successor,
                        predecessor=predecessor, title=None, org=None, date=None)
                continue
            title = Title(text=known.fields["title"], org=known.fields.get("org"), marker=None, start=0, end=0)
        succeed(ctx, successor, predecessor, title, sent, None, None, evidence)


def _drop_described_posts(ctx: Context) -> None:
    """"Z, who had headed the agency since 2022, was relieved of his post as chairman of X": the post read off
    "headed the agency" is the one named in the change, not a second post."""
    for fact in ctx.facts_of("position"):
        if fact.confidence == DESCRIBED_POST_CONFIDENCE and len(positions_of(ctx, fact.fields["person"])) > 1:
            ctx.facts.remove(fact)


def _sentence_index(ctx: Context, fact: Fact) -> int:
    return ctx.token_at(fact.evidence[0][0]).sent.start


def _same_post(a: Fact, b: Fact) -> bool:
    """Two changes concern one post: the same body (or one of them names none) and the same title,
    an acting or interim holder's title read without that word ("acting director")."""
    org_a, org_b = a.fields.get("org"), b.fields.get("org")
    ta, tb = a.fields.get("title"), b.fields.get("title")
    if not ta or not tb:
        return False
    if org_a is not None and org_b is not None and org_a is not org_b and not (" of " in ta and " of " in tb):
        return False  # two bodies; titles that name their body are compared as they are (KNB = the Committee)
    strip = ACTING_MARKERS | {"new"}
    ta = " ".join(w for w in ta.split() if w.lower() not in strip)
    tb = " ".join(w for w in tb.split() if w.lower() not in strip)
    return same_title(ta, tb)


def _pair_changes(ctx: Context) -> None:
    """"By decree, Y was appointed chairman of X. By the same decree, Z was relieved of his post as
    chairman of X": one post, one leaving and one arriving within two sentences, is a succession."""
    changed = {id(f.fields.get("successor")) for f in ctx.facts_of("succession")} | \
        {id(f.fields.get("predecessor")) for f in ctx.facts_of("succession")}
    dismissals = [d for d in ctx.facts_of("dismissal") if id(d.fields["person"]) not in changed]
    if not dismissals:
        return
    sent_starts = sorted({s.start for s in ctx.doc.sents})
    order = {start: n for n, start in enumerate(sent_starts)}
    for app in ctx.facts_of("appointment"):
        person = app.fields["person"]
        if id(person) in changed:
            continue
        here = order[_sentence_index(ctx, app)]
        near = [d for d in dismissals if d.fields["person"] is not person and id(d.fields["person"]) not in changed
                and abs(order[_sentence_index(ctx, d)] - here) <= 1 and _same_post(app, d)]
        if len(near) != 1:
            continue
        dis = near[0]
        fields = app.fields
        post = Title(text=fields["title"], org=fields.get("org") or dis.fields.get("org"), marker=None, start=0,
                     end=0)
        succeed(ctx, person, dis.fields["person"], post, ctx.token_at(app.evidence[0][0]).sent, None,
                fields.get("date") or dis.fields.get("date"), app.evidence[0])
        changed |= {id(person), id(dis.fields["person"])}


def _fill_posts(ctx: Context) -> None:
    """A dismissal recorded without a post takes the dismissed person's only post in the article."""
    for fact in ctx.facts_of("dismissal"):
        if fact.fields.get("title") is None:
            posts = positions_of(ctx, fact.fields["person"])
            if len(posts) == 1:
                fact.fields["title"] = posts[0].fields.get("title")
                fact.fields["org"] = fact.fields.get("org") or posts[0].fields.get("org")
                posts[0].fields["status"] = "former"

