"""Posts held: person, title, org, status (current/former).

Shapes read, each a function below (the title itself is parsed by ``titles``):
- ``appositions_after``: "Ismail Khatib, the Minister of Intelligence and Security" -- also every
  item of an enumerated list "X, the ...; Y, the ...; and Z, head of ...".
- ``appositions_before``: "the mullahs' Supreme Leader, Ali Khamenei," -- the name is in apposition to
  the innermost post of the phrase, not to "the chief of staff of" before it.
- ``premodifiers``: "Foreign Minister Ana Duarte", "army spokesman Col. Nguyen Van Binh",
  "former Defence Secretary ...".
- ``clauses``: "X, who heads the central bank", "X is the governor", "X served as prime minister",
  "X resigned as head of ..." (the verb's tense says current or former).
Posts that change hands are added by ``personnel``, which also marks the dismissed and the
replaced as former holders through ``add_position``.
"""

from __future__ import annotations

from spacy.tokens import Token

from .context import Context, Entity, Fact
from .lexicon import NAME_PARTICLES
from .titles import (
    WEAK_HEADS,
    Title,
    appositive_start,
    coordinated_parts,
    is_hyphen,
    is_rank,
    is_title_word,
    lower_rank_differs,
    parse_title,
    phrase_after,
    premodifier_start,
    same_title,
)

#: "who heads the agency" -> "head of the agency"
LEAD_VERBS = {"head": "head", "lead": "leader", "chair": "chair", "run": "head", "command": "commander",
              "direct": "director", "helm": "head", "oversee": "head", "manage": "head"}
#: Nouns that name a body a person can head ("the central bank", "the navy").
INSTITUTIONS = {"bank", "ministry", "agency", "army", "navy", "council", "committee", "party", "commission",
                "service", "force", "forces", "court", "government", "office", "organization", "organisation",
                "unit", "department", "directorate", "bureau", "police", "guard", "guards", "corps", "company",
                "delegation", "team", "group", "authority", "administration", "cabinet", "parliament", "senate",
                "assembly", "board", "institute", "university", "union", "federation", "movement", "front",
                "brigade", "division", "battalion", "regiment", "command", "staff", "secretariat", "embassy",
                "mission", "judiciary", "prosecution", "inquiry", "task", "taskforce", "fund", "firm", "network",
                "station", "newspaper", "channel", "broadcaster", "alliance", "coalition", "bloc", "faction",
                "airline", "province", "state", "region", "city", "district", "central", "intelligence"}
_PLACE_WORDS = {"republic", "kingdom", "island", "islands", "county", "river", "mountains", "sea", "gulf", "bay",
                "valley", "north", "south", "east", "west", "new", "san", "saint", "st", "city", "caucus"}
#: Verbs after which a person no longer holds the post named with "as".
LEAVE_VERBS = {"resign", "quit", "retire", "step", "leave"}
_RELATIVE = {"who", "that", "whom"}
#: Confidence of a post read off "who had led the agency": personnel drops it once the person's post is named.
DESCRIBED_POST_CONFIDENCE = 0.55
#: Bodies put together for one occasion: leading one is no post.
_AD_HOC_BODIES = {"delegation", "team", "group", "convoy", "raid", "operation", "operations", "talks",
                  "panel", "inquiry", "investigation", "probe", "visit", "trip"}
#: Words whose "that"-clause is not asserted: "denied that X was sacked", "rumours that X will be named".
_DOUBTING = {"deny", "dismiss", "reject", "rumour", "rumor", "speculation", "speculate", "doubt", "question",
             "fear", "hope", "wish", "want", "demand", "urge", "suggestion", "suggest", "claim", "allege",
             "allegation", "possibility", "chance", "likelihood", "prospect", "expect", "expectation"}
#: Verbs whose "to"-clause has happened once they have: "named X to replace Y", "appointed X to head Z".
_REALISING_VERBS = {"name", "appoint", "nominate", "tap", "pick", "choose", "select", "promote", "install",
                    "designate", "assign", "send", "move", "vote", "decide"}


# -- adding, shared with personnel ------------------------------------------------------------------------
def positions_of(ctx: Context, person: Entity) -> list[Fact]:
    return [f for f in ctx.facts if f.kind == "position" and f.fields.get("person") is person]


def add_position(ctx: Context, person: Entity, title: str | None, org: Entity | None, status: str,
                 evidence: tuple[int, int], *, start: str | None = None, end: str | None = None,
                 confidence: float = 0.7, override_status: bool = False) -> Fact | None:
    """Record that PERSON holds (or held) TITLE; a post already known for PERSON is updated, not repeated.

    OVERRIDE_STATUS lets a later, stronger signal (a dismissal, a successor) make a post former.
    """
    if person is None or person.type != "PERSON" or not (title or org):
        return None
    for fact in positions_of(ctx, person):
        f = fact.fields
        if same_title(f.get("title"), title) or (org is not None and f.get("org") is org and
                                                  not lower_rank_differs(f.get("title"), title)):
            if org is not None and f.get("org") is None:
                f["org"] = org
            if title and (not f.get("title") or confidence > fact.confidence or (
                    confidence == fact.confidence and len(title) > len(f["title"]) and f.get("org") is None)):
                f["title"] = title  # a post named outright beats one read off a verb ("had run the ministry")
                fact.confidence = max(fact.confidence, confidence)
            if override_status or f.get("status") == "unknown":
                f["status"] = status
            f["start"] = f.get("start") or start
            f["end"] = f.get("end") or end
            if evidence not in fact.evidence:
                fact.evidence.append(evidence)
            return fact
    return ctx.add_fact("position", evidence, person=person, title=title, org=org, status=status, start=start,
                        end=end, confidence=confidence)


def _status(title: Title, default: str = "current") -> str:
    return "former" if title.marker == "former" else default


# -- who is the person -----------------------------------------------------------------------------------
def _mentions(ctx: Context):
    """(first token, last token, entity) for every mention of a person-like entity."""
    doc = ctx.doc
    for s, e, ent in ctx.entities.within(0, len(ctx.text)):
        if ent.type not in ("PERSON", "GPE", "NORP", "LOC"):
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        yield span.start, span.end, ent


def _as_person(ent: Entity, tokens: int) -> Entity | None:
    """ENT when it is a person; a multi-word name that spaCy typed as a place but that holds a post
    in a closed apposition ("Olusegun Adeyemi, the central bank governor,") gets a PERSON vote."""
    if ent.type == "PERSON":
        return ent
    words = ent.name.split()
    if ent.type in ("GPE", "LOC") and 2 <= tokens <= 4 and len(ent.mentions) <= 2 and all(
            w[:1].isupper() and w.isalpha() for w in words) and not any(
            w.lower() in INSTITUTIONS | _PLACE_WORDS for w in words):
        ent.type_votes["PERSON"] = ent.type_votes.get("PERSON", 0) + 2
        ent.type = "PERSON"
        return ent
    return None


def _person_at(ctx: Context, tok: Token) -> Entity | None:
    """The person a subject/head token names. Pronouns are left alone: "when she was secretary of
    state" is too often resolved to the wrong name to state a post on it."""
    ent = ctx.entity_of(tok)
    return ent if ent is not None and ent.type == "PERSON" else None


def particles(verb: Token) -> set[str]:
    """The particles of a phrasal verb ("stepped down", "swore in", "took over"), however they were parsed."""
    return {c.lower_ for c in verb.children if c.dep_ == "prt" or (
        c.dep_ in ("advmod", "prep") and c.lower_ in ("down", "over", "in", "out", "up", "aside")
        and not any(g.dep_ == "pobj" for g in c.children))}


def hypothetical(verb: Token) -> bool:
    """The clause says what may, would or should happen, or what did not, rather than what is:
    "if X appoints him", "X will be president", "should she become president", "was never sworn in"."""
    for child in verb.children:
        if child.dep_ == "aux" and child.tag_ == "MD" or child.dep_ == "mark" and child.lower_ in (
                "if", "unless", "whether", "should"):
            return True
        if child.dep_ == "neg" or child.lower_ == "never":
            return True  # "was never sworn in", "did not appoint": nothing happened
    if verb.tag_ in ("VB", "VBN") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        # "named Y to replace him" happened; "expected Y to replace him", "called for X to be sacked" have not
        return not (verb.dep_ in ("xcomp", "advcl") and verb.head.lemma_.lower() in _REALISING_VERBS
                    and not hypothetical(verb.head))
    if verb.dep_ in ("ccomp", "acl") and verb.head.lemma_.lower() in _DOUBTING:
        return True  # "denied that X had been dismissed", "rumours that X will be fired"
    return verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and hypothetical(verb.head)


# -- shapes ----------------------------------------------------------------------------------------------
def appositions_after(ctx: Context) -> None:
    doc = ctx.doc
    for _s, e, ent in list(_mentions(ctx)):
        i = e
        if i >= len(doc) or doc[i].text != ",":
            continue
        i += 1
        # an age between name and title: "X, 62, the former minister"
        if i + 1 < len(doc) and doc[i].like_num and doc[i + 1].text == ",":
            i += 2
        until_now = i + 1 < len(doc) and doc[i].lower_ in ("until", "till") and doc[i + 1].lower_ == "now"
        if until_now:  # "X, until now deputy commander of Y,": the post X is leaving
            i += 2
        if i >= len(doc) or doc[i].pos_ in ("CCONJ", "VERB", "AUX", "PRON", "ADP", "SCONJ", "PUNCT") or \
                doc[i].sent.start != doc[e - 1].sent.start:
            continue
        j = phrase_after(ctx, i)
        if j <= i or (j < len(doc) and doc[j].pos_ in ("VERB", "AUX") and doc[j].text not in ",;"):
            continue
        titles = [t for t in (parse_title(ctx, a, b) for a, b in coordinated_parts(ctx, i, j)) if t is not None]
        body = _body_after(ctx, j) if j < len(doc) and doc[j].lower_ == "from" else None
        if not titles and body is not None:  # "X, a lawmaker from the Lebanese Forces,"
            title = parse_title(ctx, i, j, allow_weak=True)
            if title is not None and title.org is None:
                title.org = body
            titles = [title] if title is not None else []
            body_end = _mention_end(ctx, body, j)
            if body_end is None:
                continue
            j = body_end
        if not titles:
            continue
        person = _as_person(ent, e - _s) if j >= len(doc) or doc[j].is_punct else (
            ent if ent.type == "PERSON" else None)
        if person is None:
            continue
        for title in titles:  # "X, army chief and head of the council,": two posts
            add_position(ctx, person, title.text, title.org, "former" if until_now else _status(title),
                         ctx.sentence_span(doc[i]), confidence=0.8)


def _mention_end(ctx: Context, body: Entity, i: int) -> int | None:
    """Token index just past the mention of BODY that follows token I ("from [the Lebanese Forces]")."""
    doc = ctx.doc
    j = i + 1
    while j < len(doc) and (doc[j].lower_ == "the" or ctx.entity_of(doc[j]) is body):
        j += 1
    return j if j > i + 1 else None


def name_lead_start(ctx: Context, s: int) -> int:
    """Where the name whose mention starts at token S really starts: back over ranks and name parts the
    entity left out ("General Abdelkader Haddad", "Lt. Gen. Fahad bin Mutlaq al-Harbi"), at most five tokens."""
    doc = ctx.doc
    k = s
    while k > 0 and s - k < 5:
        tok = doc[k - 1]
        if ctx.entity_of(tok) is not None or tok.sent.start != doc[s].sent.start:
            break
        if is_rank(tok) or tok.text == "." and k >= 2 and is_rank(doc[k - 2]) or (
                tok.pos_ == "PROPN" and tok.is_title and not is_title_word(doc, k - 1)) or (
                tok.lower_ in NAME_PARTICLES and tok.pos_ == "PROPN"):
            k -= 1
            continue
        break
    return k


def _before_place(ctx: Context, comma: int) -> int:
    """"an RSF field commander in Gezira, X": the post ends before "in <place>" (COMMA, else where "in" is)."""
    doc = ctx.doc
    k = comma
    place = ctx.entity_of(doc[k - 1]) if k >= 1 else None
    if place is None or place.type not in ("GPE", "LOC"):
        return comma
    while k > 0 and ctx.entity_of(doc[k - 1]) is place:
        k -= 1
    if k >= 1 and doc[k - 1].lower_ == "the":
        k -= 1
    return k - 1 if k >= 2 and doc[k - 1].lower_ in ("in", "at") and is_title_word(doc, k - 2) else comma


def _in_org_name(ctx: Context, i: int) -> bool:
    ent = ctx.entity_of(ctx.doc[i])
    return ent is not None and ent.type in ("ORG", "GPE")


def appositions_before(ctx: Context) -> None:
    doc = ctx.doc
    for s, e, ent in list(_mentions(ctx)):
        if ent.type != "PERSON":
            continue
        s = name_lead_start(ctx, s)
        if s >= 2 and doc[s - 1].text != ",":  # "Its commander, Kenyan police officer X,": past X's own title
            k = premodifier_start(ctx, s)
            if k < s and k >= 3 and doc[k - 1].lower_ in ("the", "a", "an") and doc[k - 2].text == ",":
                k -= 1  # "the mission's head, the Ghanaian diplomat X"
            s = k if k < s and k >= 2 and doc[k - 1].text == "," else s
        if s < 2 or doc[s - 1].text != ",":
            continue
        # a closed apposition: the name is followed by punctuation, "and", or the sentence end
        if e < len(doc) and not (doc[e].is_punct or doc[e].pos_ == "CCONJ" or doc[e].is_space):
            continue
        comma = _before_place(ctx, s - 1)
        start = appositive_start(ctx, comma)
        if start >= comma:
            continue
        heads = [m for m in range(start, comma) if is_title_word(ctx.doc, m)]
        # a post word inside a body's name is not the post ("the director of the General Intelligence Service")
        heads = [m for m in heads if not _in_org_name(ctx, m)] or heads
        if not heads:
            continue
        root = doc[e - 1]
        head = root.head.i if root.dep_ == "appos" and root.head.i in heads else heads[-1]
        # the post's own modifiers, back to a determiner, preposition or possessive
        k = head
        while k > start and doc[k - 1].pos_ in ("PROPN", "NOUN", "ADJ") and doc[k - 1].lower_ != "of" or (
                k > start and (is_hyphen(doc[k - 1]) or doc[k - 1].text in "()")):  # "the Guards (IRGC) commander"
            k -= 1
        titles = [t for t in (parse_title(ctx, a, b) for a, b in coordinated_parts(ctx, k, comma)) if t is not None]
        if not titles:
            continue
        for title in titles:
            add_position(ctx, ent, title.text, title.org, _status(title), ctx.sentence_span(doc[s]),
                         confidence=0.75)
        if k - 2 >= start and doc[k - 1].lower_ == "and" and is_title_word(doc, k - 2):
            # "Sudan's army chief and head of the council, General X,": the first post is X's too
            k2 = k - 2
            while k2 > start and doc[k2 - 1].pos_ in ("PROPN", "NOUN", "ADJ") and doc[k2 - 1].lower_ != "of":
                k2 -= 1
            first = parse_title(ctx, k2, k - 1)
            if first is not None:
                add_position(ctx, ent, first.text, first.org, _status(first), ctx.sentence_span(doc[s]),
                             confidence=0.75)


def premodifiers(ctx: Context) -> None:
    doc = ctx.doc
    for s, _e, ent in list(_mentions(ctx)):
        if ent.type != "PERSON":
            continue
        k = premodifier_start(ctx, s)
        if k >= s:
            continue
        title = parse_title(ctx, k, s)
        body = _body_after(ctx, _e)
        if title is None and body is not None:  # "Opposition lawmaker Jelena Markovic of the Green-Left Front"
            title = parse_title(ctx, k, s, allow_weak=True)
            if title is not None and title.org is None:
                title.org = body
        if title is None:
            continue
        add_position(ctx, ent, title.text, title.org, _status(title), ctx.sentence_span(doc[s]), confidence=0.75)


def _body_after(ctx: Context, i: int) -> Entity | None:
    """The ORG named by "of X" / "from X" at token I: "lawmaker Y of the Green-Left Front"."""
    doc = ctx.doc
    if i + 1 >= len(doc) or doc[i].lower_ not in ("of", "from"):
        return None
    j = i + 1 + (doc[i + 1].lower_ == "the")
    ent = ctx.entity_of(doc[j]) if j < len(doc) else None
    return ent if ent is not None and ent.type == "ORG" else None


def _np_title(ctx: Context, tok: Token) -> Title | None:
    """The post named by the noun phrase headed by TOK (an attribute or an "as" object)."""
    start = tok.left_edge.i
    end = phrase_after(ctx, start)
    if end <= tok.i:
        return None
    return parse_title(ctx, start, end, allow_weak=True)


def _clause_status(verb: Token) -> str:
    """Past simple ("headed", "was", "served") is a former post; present or perfect is current."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if any(c.lower_ in ("previously", "formerly", "once", "earlier") for c in verb.children):
        return "former"
    if aux & {"has", "have", "'s", "’s"}:
        return "current"
    if verb.tag_ in ("VBD", "VBN") or aux & {"was", "were", "had"}:
        return "former"
    return "current"


def _subject_person(ctx: Context, verb: Token) -> Entity | None:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    if subj.lower_ in _RELATIVE and verb.dep_ == "relcl":
        head = verb.head
        if ctx.entity_of(head) is None and head.dep_ == "appos" and head.pos_ == "NOUN":
            head = head.head  # "X, a veteran diplomat who served as ambassador": X served
        ent = ctx.entity_of(head)
        if subj.lower_ == "who" and ent is not None:  # "who" speaks of a person
            return _as_person(ent, len(ent.name.split()))
        return _person_at(ctx, head)
    named = next((c for c in subj.children if c.dep_ == "appos"), None) if subj.pos_ == "NOUN" else None
    return _person_at(ctx, named if named is not None and ctx.entity_of(subj) is None else subj)  # "His deputy, X,"


def clauses(ctx: Context) -> None:
    for verb in ctx.doc:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        lemma = verb.lemma_.lower()
        if lemma not in LEAD_VERBS and lemma not in {"be", "serve", "become", "remain", "elect", "re-elect",
                                                      "reelect", "return"} | LEAVE_VERBS:
            continue
        if hypothetical(verb):
            continue
        if lemma in LEAD_VERBS and _led_by(ctx, verb):
            continue
        person = _subject_person(ctx, verb)
        if person is None:
            continue
        ev = ctx.sentence_span(verb)
        if lemma in LEAD_VERBS and verb.pos_ == "VERB":
            objs = [c for c in verb.children if c.dep_ == "dobj"]
            # "ran the Paris counter-terrorism brigade" may be parsed as two objects: the body is the last
            obj = next((c for c in reversed(objs) if c.lower_ in INSTITUTIONS or ctx.entity_of(c) is not None),
                       objs[0] if objs else None)
            if obj is None:
                continue
            org = ctx.entity_of(obj)
            if org is not None and org.type not in ("ORG", "GPE"):
                continue
            if org is None and obj.lower_ not in INSTITUTIONS:
                continue
            # "the agency" (whatever clause follows it), not its name
            described = obj.pos_ == "NOUN" and all(c.dep_ in ("det", "poss", "relcl", "punct", "acl") or (
                c.dep_ == "amod" and c.i > obj.i) for c in obj.children)
            if (org is None or described) and positions_of(ctx, person) and (described or len(list(obj.subtree)) <= 2):
                continue  # "who had led the agency": the post the article already gave them
            first = min(o.left_edge.i for o in objs if o.i <= obj.i)
            end = phrase_after(ctx, first)
            if end <= obj.i:
                continue
            obj_text = ctx.doc[first:end].text
            add_position(ctx, person, f"{LEAD_VERBS[lemma]} of {obj_text}", org, _clause_status(verb), ev,
                         confidence=DESCRIBED_POST_CONFIDENCE if described else 0.6)
            continue
        if lemma in ("elect", "re-elect", "reelect"):
            # "X, who was elected president in 2019": the post is held now (an election is no appointment)
            if not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
                continue
            attr = next((c for c in verb.children if c.dep_ in ("oprd", "attr", "xcomp") and c.pos_ in (
                "NOUN", "PROPN")), None) or _as_object(verb)
            title = _np_title(ctx, attr) if attr is not None else None
            if title is not None:
                add_position(ctx, person, title.text, title.org, _status(title), ev)
            continue
        if lemma in ("be", "become", "remain"):
            attr = next((c for c in verb.children if c.dep_ in ("attr", "acomp", "oprd")), None)
            if attr is None or attr.pos_ not in ("NOUN", "PROPN") or _first_to(attr):
                continue
            title = _np_title(ctx, attr)
            if title is None:
                continue
            if any(c.lower_ in ("a", "an") for c in attr.children) and title.org is None and \
                    title.text.lower() in WEAK_HEADS | {"leader"}:
                continue  # "X is a leader": a description, not a post
            status = "current" if lemma in ("become", "remain") else _clause_status(verb)
            add_position(ctx, person, title.text, title.org, _status(title, status), ev)
            continue
        # serve as / resign as / step down as
        if lemma == "step" and "down" not in particles(verb):
            continue
        as_obj = _as_object(verb)
        if as_obj is None:
            continue
        # "served as head of X and, before that, as deputy head of Y": every "as" of the verb is a post
        # (the parser may hang the second "as" on "later" or on the first "as")
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
        preps += [g for c in verb.children if c.dep_ in ("advmod", "prep", "conj") for g in c.children
                  if g.dep_ in ("prep", "conj") and g.lower_ == "as"]
        more = [c for prep in preps for c in prep.children if c.dep_ == "pobj" and c.i != as_obj.i]
        for obj in [as_obj, *more]:
            title = _np_title(ctx, obj)
            if title is None:
                continue
            # "returns/returned to his post as deputy director": held again, now
            status = "former" if lemma in LEAVE_VERBS else "current" if lemma == "return" else _clause_status(verb)
            add_position(ctx, person, title.text, title.org, _status(title, status), ev,
                         override_status=lemma in LEAVE_VERBS)


def _first_to(noun: Token) -> bool:
    """"the third Guards officer to take over the police", "the first woman to lead X": a record, not a post."""
    return any(t.ent_type_ == "ORDINAL" or t.lower_ in ("last", "latest", "next") for t in noun.subtree
               if t.i < noun.i) and any(  # the infinitive may hang on "in a row"
        c.dep_ in ("relcl", "acl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        for c in noun.subtree if c.i > noun.i)


def _led_by(ctx: Context, verb: Token) -> bool:
    """"the Advisory Committee, headed by Miriam Golan,", "the RSF, led by X,", "the committee, which is
    chaired by X": X heads the body now."""
    relative = verb.dep_ == "relcl" and any(c.dep_ == "nsubjpass" and c.lower_ in ("which", "that")
                                            for c in verb.children)
    if verb.tag_ != "VBN" or not (verb.dep_ == "acl" or relative) or verb.head.pos_ not in ("NOUN", "PROPN") or \
            hypothetical(verb):
        return False
    by = next((c for c in verb.children if c.dep_ in ("agent", "prep") and c.lower_ == "by"), None)
    agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    person = ctx.entity_of(agent) if agent is not None else None
    if person is None or person.type != "PERSON":
        return False
    body = verb.head
    org = ctx.entity_of(body)
    if org is None and body.lower_ not in INSTITUTIONS or org is not None and org.type != "ORG":
        return False
    if any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in body.children) or (
            org is None and body.lower_ in _AD_HOC_BODIES):
        return True  # "a Lebanese army team led by X", "the delegation headed by Y": led for the occasion
    if org is None and (positions_of(ctx, person) or relative):
        return True  # "the government, led by Prime Minister X": the post the article gave X says it better
    end = verb.left_edge.i
    while end > body.i and (ctx.doc[end - 1].is_punct or ctx.doc[end - 1].pos_ in ("ADP", "CCONJ")):
        end -= 1
    words = ctx.doc[body.left_edge.i:end].text
    words = "the " + words[4:] if words.startswith("The ") else words
    add_position(ctx, person, f"{LEAD_VERBS[verb.lemma_.lower()]} of {words}", org, "current",
                 ctx.sentence_span(verb), confidence=0.6)
    return True


def _as_object(verb: Token) -> Token | None:
    """The object of "as" attached to VERB or to a noun it governs ("resigned from his post as ...")."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ == "prep":
            for grand in child.children:
                for g2 in grand.children:
                    if g2.dep_ == "prep" and g2.lower_ == "as":
                        return next((c for c in g2.children if c.dep_ == "pobj"), None)
    return None


def guarded(ctx: Context, rules: list) -> None:
    """Run each rule; a rule that trips over an odd parse loses its own facts, not the article's."""
    for rule in rules:
        try:
            rule(ctx)
        except (IndexError, ValueError, AttributeError, KeyError, TypeError) as err:
            ctx.warnings.append(f"{rule.__module__}.{rule.__name__} skipped: {err!r}")


def run(ctx: Context) -> None:
    guarded(ctx, [appositions_after, appositions_before, premodifiers, clauses])
