"""Meetings and visits with participants, place, date; PLOVER category.

An article usually tells one meeting several times: "state media reported a meeting
between A and B", "this meeting was held on June 15 in X", "the attendees of this meeting
included C, D and E", "during last week's meeting". Each telling is an *event mention*;
mentions that point back ("this meeting", "the meeting itself", "such a meeting", "last
week's meeting") are merged into the event they refer to, so one meeting is one fact
whose participants, place and date come from all its mentions.

Participants are the entities a trigger's arguments denote: the subject and object of
"met", the nouns after "between"/"with", the items of an attendee list. An entity that
only qualifies an argument ("the chief of staff *of the Supreme Leader*", "head *of
Khamenei's* office") is not a participant: arguments are read through conjunctions and
appositions only, never through "of" or a possessive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from ..resolve.within import resolve_description, resolve_pronoun
from .context import Context, Entity, Fact
from .dates import date_for, tense_of
from .lexicon import TITLE_HEADS

# -- word lists (data: add words, key nothing to one article) -----------------------------------

#: Verbs that are an event by themselves, by lemma.
EVENT_VERBS = {
    "meet": "meeting", "confer": "meeting", "receive": "meeting", "host": "meeting", "welcome": "meeting",
    "visit": "visit", "tour": "visit", "arrive": "visit", "travel": "visit", "fly": "visit",
    "sign": "agreement", "conclude": "agreement", "reach": "agreement", "ink": "agreement",
}
#: Nouns that name an event, by lemma.
EVENT_NOUNS = {
    "meeting": "meeting", "talk": "meeting", "talks": "meeting", "session": "meeting", "summit": "meeting",
    "conference": "meeting", "consultation": "meeting", "gathering": "meeting",
    "encounter": "meeting", "sit-down": "meeting", "tete-a-tete": "meeting", "visit": "visit", "trip": "visit",
}
#: Verbs that are a meeting only with a named guest: "X received Y" (not "received a letter").
GUEST_VERBS = {"receive", "host", "welcome"}
#: Verbs that are a visit only with a destination: "X arrived in Kyiv", "X travelled to Doha".
TRAVEL_VERBS = {"arrive", "travel", "fly"}
#: Verbs that are an agreement only with one of these nouns as object: "signed an accord".
AGREEMENT_VERBS = {"sign", "conclude", "reach", "ink"}
AGREEMENT_NOUNS = {"agreement", "deal", "accord", "treaty", "memorandum", "pact", "ceasefire", "truce", "protocol",
                   "contract", "understanding", "roadmap", "declaration"}
#: Prepositions that put a clause's subject at the event: "X said at/during/after the meeting".
PRESENCE_PREPS = {"during", "at", "for", "after", "on"}
#: Verbs whose infinitive complement has not happened (yet): "expected to travel", "agreed to hold".
UNREAL_HEADS = {"expect", "plan", "hope", "want", "intend", "seek", "aim", "try", "agree", "refuse", "decide",
                "schedule", "propose", "offer", "threaten", "wish", "prepare", "set", "due", "likely", "able"}
UNREAL_AUX = {"would", "could", "may", "might", "should", "can", "must", "will", "shall", "'ll", "wo"}
#: Object nouns that stand for a person met: "met the new minister", "met his counterpart".
PERSON_NOUNS = TITLE_HEADS | {"counterpart", "counterparts", "delegation", "officials", "leaders", "envoys",
                              "ministers", "representatives", "lawmakers", "diplomats", "commanders", "chiefs"}
#: Last words of a name that make an "ORG" a venue: "at the Presidential Villa".
VENUE_HEADS = {"palace", "villa", "house", "building", "headquarters", "hall", "hotel", "centre", "center",
               "airport", "base", "compound", "residence", "embassy", "kremlin", "mansion", "castle"}
#: Event nouns for gatherings, where being present is not meeting anyone in particular.
GATHERING_NOUNS = {"conference", "summit", "session", "gathering"}
#: Modifiers that make an event noun something else than a meeting ("a press conference").
NOT_MEETING_MODIFIERS = {"press", "news", "video", "phone", "telephone", "trade", "donor", "climate"}
#: Verbs whose object or subject is an event noun: "held talks", "the meeting took place".
EVENT_HOLD_VERBS = {
    "hold", "have", "chair", "host", "attend", "convene", "conduct", "join", "lead", "take", "organize",
    "organise", "call", "open", "begin", "start", "end", "conclude", "occur", "happen", "pay", "make",
}
#: Verbs whose subject took part in the event named by their "in"/"at" object.
PARTICIPATE_VERBS = {"participate", "take", "speak", "attend", "appear", "sit", "join", "present"}
#: Who was at a meeting: "the attendees of this meeting included ...".
MEETING_ATTENDEE_NOUNS = {"attendee", "attendees", "participant", "participants", "attendant", "invitee"}
#: Verbs of a passive participle that name who led an unnamed group ("a delegation headed by X").
LEADER_VERBS = {"lead", "head", "chair"}
#: Participles after an event noun whose agent took part: "the meeting, chaired by X", "a rally organised by Y".
EVENT_AGENT_VERBS = {"attend", "chair", "host", "lead", "head", "organize", "organise", "call", "stage", "convene",
                     "claim", "carry", "launch", "mount"}
#: Verbs whose subject an event noun may be while its sides hang off the verb: "talks resumed between A and B".
EVENT_COURSE_VERBS = {"resume", "continue", "begin", "start", "open", "reopen", "end", "conclude", "take", "get",
                      "wrap", "close", "restart"}

#: Verbs of armed violence: "militants attacked a convoy", "gunmen ambushed a patrol".
ATTACK_VERBS = {"attack", "ambush", "raid", "storm", "assault", "bomb", "shell", "overrun", "strike", "firebomb"}
#: Verbs that are an attack only with a target after "at"/"on": "fired rockets at a post", "opened fire on".
FIRE_VERBS = {"fire", "launch", "lob"}
#: Nouns of armed violence; "strike" only as "air strike", "drone strike".
ATTACK_NOUNS = {"attack", "ambush", "raid", "assault", "bombing", "shelling", "offensive", "airstrike",
                "air-strike", "incursion", "onslaught"}
STRIKE_MODIFIERS = {"air", "drone", "missile", "rocket", "artillery"}
#: Objects of "attack" that make it words, not weapons: "attacked the plan", "attacked his remarks".
VERBAL_TARGETS = {"plan", "decision", "policy", "remark", "comment", "statement", "proposal", "law", "bill", "idea",
                  "record", "move", "report", "speech", "stance", "claim", "approach", "budget", "reform", "ruling",
                  "verdict", "article", "media", "press", "critic", "view", "handling", "response", "ideology",
                  "rhetoric", "agenda", "ally", "opponent", "rival", "candidate", "tweet", "notion", "deal"}
#: What an armed attack hits: "attacked a convoy", "raided a camp" (words attack people and ideas).
PHYSICAL_TARGETS = {
    "convoy", "base", "post", "outpost", "patrol", "checkpoint", "village", "town", "city", "camp", "position",
    "station", "ship", "vessel", "tanker", "building", "school", "church", "mosque", "temple", "market", "troop",
    "soldier", "force", "army", "police", "policeman", "officer", "headquarters", "office", "compound", "prison",
    "jail", "barracks", "garrison", "airport", "airbase", "port", "bridge", "pipeline", "facility", "plant",
    "refinery", "hotel", "bus", "train", "vehicle", "car", "truck", "motorcade", "embassy", "consulate", "hospital",
    "district", "neighbourhood", "neighborhood", "settlement", "area", "region", "province", "home", "house",
    "civilian", "worker", "residents", "fighter", "militant", "rebel", "guard", "unit", "stronghold", "depot",
}
#: Where an attack in words is made: "attacked X in a speech".
SPEECH_NOUNS = {"speech", "interview", "tweet", "statement", "post", "article", "letter", "op-ed", "column", "remark",
                "debate", "address", "rally", "editorial", "broadcast", "video", "message", "podcast"}
#: Verbs whose subject carried out the attack or protest named by their object: "X claimed the attack".
PERPETRATE_VERBS = {"claim", "carry", "launch", "mount", "stage", "conduct", "perpetrate", "hold", "organize",
                    "organise", "lead", "call"}
#: Verbs and nouns of protest: "students protested in Yangon", "activists staged a sit-in".
PROTEST_VERBS = {"protest", "demonstrate", "rally", "march"}
PROTEST_NOUNS = {"protest", "demonstration", "rally", "sit-in", "march", "picket", "walkout"}
#: Protest words that are also a candidate's campaign events: only a group's are protests.
CAMPAIGN_WORDS = {"rally", "march"}
#: Verbs that make a "protest" diplomatic, not a street protest: "lodged a protest".
DIPLOMATIC_PROTEST_VERBS = {"lodge", "file", "register", "send", "issue", "deliver", "submit", "voice", "express"}
#: Objects a street protest may have (the tagger takes "protested outside parliament" as transitive).
PROTEST_SITES = {"parliament", "embassy", "ministry", "court", "office", "offices", "palace", "headquarters",
                 "building", "consulate", "square", "streets"}
#: Nouns for the people in a group, seen through to the group: "fighters of X", "supporters of Y".
GROUP_PEOPLE_NOUNS = {
    "fighter", "gunman", "gunmen", "militant", "member", "insurgent", "rebel", "militiaman", "militiamen", "troop",
    "soldier", "force", "unit", "supporter", "activist", "student", "thousand", "hundred", "dozen", "worker",
    "follower", "loyalist", "jihadist", "man", "men", "element", "cadre", "operative", "partisan", "protester",
    "demonstrator", "youth", "combatant", "commando", "paramilitary", "sympathizer", "sympathiser", "some",
    "many", "dozens", "hundreds", "thousands", "tens",
}
#: Words for the people a country or body sends to talks: "delegations from Turkey and Iraq".
DELEGATION_NOUNS = {"delegation", "team", "negotiator", "official", "representative", "envoy", "diplomat",
                    "emissary", "mediator"}
GROUP_PEOPLE_NOUNS |= DELEGATION_NOUNS
#: People words that only a group has ("activists of X"): X is a group even when the NER model called it a place.
PARTISAN_NOUNS = {"fighter", "gunman", "militant", "member", "insurgent", "rebel", "militiaman", "supporter",
                  "activist", "loyalist", "jihadist", "cadre", "operative", "follower", "sympathizer", "sympathiser"}
#: Prepositions between such a noun and its group.
GROUP_PREPS = {"of", "from", "loyal", "belonging"}
#: Places an attack or protest happened at: "in X", "near X", "outside X".
INCIDENT_PLACE_PREPS = {"in", "at", "near", "outside", "around", "on"}

#: PLOVER category of each event type.
PLOVER = {
    "meeting": "CONSULT", "visit": "CONSULT", "agreement": "AGREE", "protest": "PROTEST", "attack": "ASSAULT",
    "statement": None, "election": None,
}

PARTICIPANT_TYPES = {"PERSON", "ORG", "GPE"}
PLACE_TYPES = {"GPE", "LOC", "FAC"}
#: Types a named armed or political group may have been given by the NER model.
GROUP_TYPES = {"ORG", "NORP", "FAC", "PERSON"}
#: Nouns before the name of a place: "the town of X".
PLACE_WORDS = {"town", "city", "village", "district", "province", "region", "area", "state", "county", "capital",
               "outskirts", "suburb", "neighbourhood", "neighborhood"}
ANAPHORIC_DETS = {"this", "that", "these", "those", "the", "such", "said", "aforementioned"}
_PRONOUNS = {"he", "she", "they", "it", "him", "her", "them"}


@dataclass
class Mention:
    """One telling of an event in the text."""

    event_type: str
    trigger: Token
    participants: list[Entity] = field(default_factory=list)
    place: Entity | None = None
    date: str | None = None
    #: points back to an event told before ("this meeting", "last week's talks")
    anaphoric: bool = False
    #: its participants say who attended ("took part in the meeting"), so they join the event
    attendance: bool = False
    #: its subject is "the two leaders" / "both ministers": the pair named just before
    pair_ref: bool = False
    #: only someone's presence tells of it ("X said at the conference"): it can add to an event, not start one
    weak: bool = False
    #: the other side is a described person ("met the new minister"): a meeting even with one name
    described_partner: bool = False


@dataclass
class Event:
    event_type: str
    mentions: list[Mention] = field(default_factory=list)
    participants: list[Entity] = field(default_factory=list)
    place: Entity | None = None
    date: str | None = None

    def absorb(self, m: Mention, add_participants: bool = True) -> None:
        self.mentions.append(m)
        if add_participants:
            for p in m.participants:
                if all(p is not q for q in self.participants) and p is not self.place:
                    self.participants.append(p)
        if self.place is None and m.place is not None and all(m.place is not p for p in self.participants):
            self.place = m.place
        self.date = _more_precise(self.date, m.date)


def _more_precise(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    if b is None or not _compatible(a, b):
        return a
    return a if len(a) >= len(b) else b


def _unique(ents: list[Entity]) -> list[Entity]:
    """ENTS without repeats, first occurrence first (entities compare by identity here)."""
    seen: set[int] = set()
    return [e for e in ents if not (id(e) in seen or seen.add(id(e)))]


def _compatible(a: str | None, b: str | None) -> bool:
    """Two dates can name the same day: one is unknown or a prefix of the other."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


# -- arguments -------------------------------------------------------------------------------

_DATELINE = re.compile(r"^\s*[A-Z][A-Z.'\- ]{1,40}(?:,[^\n\-—–]{1,40}?)?\s*(?:\([^)\n]{1,40}\))?\s*(?:-|—|–|--)\s")


def dateline_end(ctx: Context) -> int:
    """End of a dateline ("BAGHDAD, March 14 (Reuters) - "): the city there is where the story
    was filed, never a participant, though the parser often makes it the subject."""
    m = _DATELINE.match(ctx.text)
    return m.end() if m else 0


#: Nouns that a group's name before them names ("the Wagner group", "the Danab brigade"), unlike "wing" or "unit"
#: (a part of the named body).
NAMED_GROUP_NOUNS = {"faction", "brigade", "militia", "gang", "group", "party", "movement", "coalition", "alliance",
                     "bloc", "cartel", "organisation", "organization"}


def head_entity(ctx: Context, tok: Token, resolve: bool = True,
                types: frozenset[str] | set[str] = PARTICIPANT_TYPES) -> Entity | None:
    """The entity a noun phrase headed by TOK denotes: the head's own entity, else the name in
    apposition to a description ("the foreign minister, Sergey Lavrov"), else the referent of
    a pronoun or a description. Never the entity of an "of"-phrase or a possessor."""
    line_end = dateline_end(ctx)
    if tok.idx < line_end:
        return None
    ent = ctx.entity_of(tok)
    if ent is not None and line_end and ctx.entities.at(line_end - 2, line_end) is ent:
        return None  # "TBILISI, Oct 3 - Thousands": a name the NER model ran across the dateline
    if ent is not None and ent.type in types:
        if ent.type != "PERSON":
            # "the National Security Adviser, Nuhu Ribadu": a title the NER model took for a body
            named = [ctx.entity_of(c) for c in tok.children if c.dep_ == "appos"]
            person = next((e for e in named if e is not None and e.type == "PERSON" and e is not ent), None)
            if person is not None and tok.pos_ == "PROPN" and any(
                    w.lower() in TITLE_HEADS for w in ent.name.split()):
                return person
        return ent
    if tok.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    for child in tok.children:
        if child.dep_ == "appos" or (child.dep_ == "compound" and child.pos_ == "PROPN") or (
                child.dep_ in ("amod", "nmod") and tok.lemma_.lower() in NAMED_GROUP_NOUNS and child.i < tok.i):
            # "the Fars news agency" is Fars; "a Lebanese army team" is no army (a common-noun name only modifies);
            # "the Danab special forces brigade", "the SPLM-North faction" are Danab and SPLM-North
            ent = ctx.entity_of(child)
            if ent is not None and ent.type in types and (child.dep_ != "amod" or ent.type in ("ORG", "NORP")):
                return ent
    if not resolve:
        return None
    if tok.lower_ in _PRONOUNS or tok.lower_ in ("his", "her"):
        if tok.lower_ in ("it", "they", "them"):
            return None  # a group pronoun resolves to one body, seldom the right one for a meeting
        ent = resolve_pronoun(ctx, tok, record=False)
        return ent if ent is not None and ent.type in PARTICIPANT_TYPES else None
    if tok.pos_ == "NOUN":
        phrase = ctx.doc[tok.left_edge.i: tok.i + 1]
        ent = resolve_description(ctx, phrase, record=False)
        return ent if ent is not None and ent.type in PARTICIPANT_TYPES else None
    return None


def members(ctx: Context, tok: Token, resolve: bool = True, leaders: bool = False,
            types: frozenset[str] | set[str] = PARTICIPANT_TYPES) -> list[Entity]:
    """Entities of the noun phrase TOK and of every phrase conjoined with it.

    spaCy sometimes hangs the next list item off the previous item's apposition
    ("X, the minister; Y, ..." -> Y is a conj of "minister"), so conjuncts of appositions count.
    With LEADERS, an unnamed group stands for whoever leads it ("a delegation headed by X"):
    at a meeting, that is the person who sat at the table.
    """
    out: list[Entity] = []
    seen: set[int] = set()

    def walk(t: Token) -> None:
        if t.i in seen:
            return
        seen.add(t.i)
        ent = head_entity(ctx, t, resolve, types)
        if ent is not None and all(ent is not e for e in out):
            out.append(ent)
        if ent is None and leaders:
            for acl in t.children:
                if acl.dep_ == "acl" and acl.tag_ == "VBN" and acl.lemma_.lower() in LEADER_VERBS:
                    for agent in acl.children:
                        if agent.dep_ == "agent":
                            for pobj in agent.children:
                                if pobj.dep_ == "pobj":
                                    walk(pobj)
        for child in t.children:
            if child.dep_ == "conj":
                walk(child)
                if head_entity(ctx, child, resolve, types) is None:
                    # "X and the head of Y, Admiral Z,": the name may hang off X, after the description
                    name = next((a for a in t.children if a.dep_ == "appos" and a.i > child.i
                                 and ctx.entity_of(a) is not None), None)
                    if name is not None:
                        walk(name)
            elif child.dep_ == "appos":
                for c in child.children:
                    if c.dep_ == "conj":
                        walk(c)

    walk(tok)
    return out


def _prep_objects(tok: Token, preps: set[str]) -> list[Token]:
    return [pobj for prep in tok.children if prep.dep_ == "prep" and prep.lower_ in preps
            for pobj in prep.children if pobj.dep_ == "pobj"]


def _subjects(verb: Token) -> list[Token]:
    subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "relcl" and all(c.lower_ in ("who", "which", "that") for c in subs):
        return [verb.head]  # "Lavrov, who met Wang on Monday"
    if not subs and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return _subjects(verb.head)
    if not subs and verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):
        return _subjects(verb.head.head)  # "X made the announcement after meeting Y"
    if not subs and verb.dep_ == "relcl":
        return [verb.head]
    if not subs and verb.dep_ == "acl":
        return [verb.head]
    return subs


def _pair_reference(tok: Token) -> bool:
    """'the two leaders', 'both ministers', 'the two' as a subject: a pair named before."""
    if tok.lower_ in ("two", "both") and tok.dep_ in ("nsubj", "nsubjpass"):
        return True
    return tok.tag_ in ("NNS", "NNPS") and any(
        (c.dep_ == "nummod" and c.lower_ == "two") or (c.dep_ in ("det", "predet") and c.lower_ == "both")
        for c in tok.children)


def _place(ctx: Context, *heads: Token | None) -> Entity | None:
    """The first place in an 'in'/'at' phrase of a trigger or of one of its arguments
    ("met Erdogan in Sochi" is parsed with "in Sochi" under "Erdogan"), not inside a clause."""
    for head in heads:
        if head is None:
            continue
        for tok in _phrase_tokens(head):
            if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "at"):
                ent = ctx.entity_of(tok)
                if ent is not None and (ent.type in PLACE_TYPES or (
                        ent.type == "ORG" and ent.name.split()[-1].lower() in VENUE_HEADS)):
                    return ent
    return None


def _phrase_tokens(head: Token):
    """HEAD's subtree in text order, without the clauses and quotations hanging off it."""
    stop = {"relcl", "ccomp", "advcl", "acl", "xcomp", "parataxis", "csubj"}
    todo = [head]
    out = []
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ not in stop)
    return sorted(out, key=lambda t: t.i)


def _date(ctx: Context, tok: Token) -> str | None:
    return date_for(ctx, tok.idx, tok.idx + len(tok.text))


# -- triggers ---------------------------------------------------------------------------------

def unreal(verb: Token | None, intentions: bool = True) -> bool:
    """An event told as planned, expected, possible or denied has not (yet) happened:
    "will meet", "is expected to travel", "agreed to hold talks", "did not meet".
    Without INTENTIONS, only future, modal and negated verbs count: "agreed to resume
    summits during a meeting" tells of a meeting that took place."""
    for _ in range(3):
        if verb is None:
            return False
        if tense_of(verb) == "future" or any(
                c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in UNREAL_AUX) for c in verb.children):
            return True
        if intentions and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in UNREAL_HEADS:
            return True
        if verb.dep_ not in ("xcomp", "conj"):
            return False
        verb = verb.head
    return False


def verb_mention(ctx: Context, verb: Token) -> Mention | None:
    """'A met B', 'A and B met in Z', 'A met with B', 'A visited Z'."""
    event_type = EVENT_VERBS.get(verb.lemma_.lower())
    if event_type is None or verb.pos_ != "VERB":
        return None
    if any(c.lower_ == "first" and c.dep_ == "advmod" for c in verb.children):
        return None  # "who first met X in 2005": an acquaintance, not a meeting
    if unreal(verb):
        return None
    parts: list[Entity] = []
    for s in _subjects(verb):
        parts += members(ctx, s)
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    # "met his counterpart Recep Tayyip Erdogan" is often parsed with the name off the verb
    objs += [c for c in verb.children if c.dep_ in ("npadvmod", "dep", "oprd") and c.ent_type_ == "PERSON"]
    objs += _prep_objects(verb, {"with"})
    # "Zelensky was received by the Pope"
    objs += [o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    place = _place(ctx, verb)
    lemma = verb.lemma_.lower()
    if lemma in AGREEMENT_VERBS:
        return _agreement(ctx, verb, parts, place)
    if lemma in TRAVEL_VERBS:
        dest = [ctx.entity_of(p) for p in _prep_objects(verb, {"to", "in"})]
        place = next((e for e in dest if e is not None and e.type in PLACE_TYPES), None)
        objs = []
    if lemma in GUEST_VERBS and not any(e.type == "PERSON" for o in objs for e in members(ctx, o)):
        return None
    if event_type == "visit":
        for o in objs:
            ent = head_entity(ctx, o)
            if ent is not None and ent.type in PLACE_TYPES and place is None:
                place = ent
            elif ent is not None:
                parts += members(ctx, o)
    else:
        direct = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() not in PERSON_NOUNS]
        if direct and not any(members(ctx, o) for o in objs):
            return None  # "refused to meet the demands": meet what, not whom
        for o in objs:
            parts += members(ctx, o)
    parts = [p for p in _unique(parts) if p is not place]
    pair_ref = event_type == "meeting" and any(_pair_reference(t) for t in _subjects(verb))
    if (not parts and not pair_ref) or (event_type == "visit" and place is None):
        return None
    described = any(o.lemma_.lower() in PERSON_NOUNS or o.lower_ in PERSON_NOUNS for o in objs)
    return Mention(event_type, verb, parts, place, _date(ctx, verb), pair_ref=pair_ref, described_partner=described)


def _agreement(ctx: Context, verb: Token, parts: list[Entity], place: Entity | None) -> Mention | None:
    """'A and B signed an agreement', 'A signed a deal with B', 'an accord between A and B was concluded'."""
    deals = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in AGREEMENT_NOUNS]
    if not deals:
        return None
    parts = [p for p in parts if all(p is not m for d in deals for m in members(ctx, d))]
    for d in deals:
        parts += [e for o in _prep_objects(d, {"with", "between"}) for e in members(ctx, o)]
    parts += [e for o in _prep_objects(verb, {"with"}) for e in members(ctx, o)]
    parts = [p for p in _unique(parts) if p is not place]
    if len(parts) < 2:
        return None  # an agreement is between two named sides
    return Mention("agreement", verb, parts, place, _date(ctx, verb))


def noun_mention(ctx: Context, noun: Token) -> Mention | None:
    """'a meeting between A and B', 'A held talks with B', 'this meeting was held in Z'."""
    event_type = EVENT_NOUNS.get(noun.lemma_.lower())
    if event_type is None or noun.pos_ != "NOUN":
        return None
    if any(c.lower_ in NOT_MEETING_MODIFIERS for c in noun.children if c.dep_ in ("compound", "amod")):
        return None
    if noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.lemma_.lower() in ("talk", "talks"):
        return None  # "in talks with X": negotiating, not a meeting
    # the event of "agreed to hold talks" is intended; that of "agreed ... during talks" took place
    circumstance = noun.dep_ == "pobj" and noun.head.lower_ in PRESENCE_PREPS
    if unreal(next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None), intentions=not circumstance):
        return None  # "will hold talks", "agreed to hold a joint exercise", "expected to travel ... for talks"
    if event_type == "visit" and not any(c.dep_ == "poss" for c in noun.children) and not _prep_objects(
            noun, {"to", "by"}):
        return None
    parts: list[Entity] = []
    pair_ref = False
    for pobj in _prep_objects(noun, {"between", "with", "among", "by"}):
        parts += actors(ctx, pobj)
    for c in noun.children:
        if c.dep_ == "poss" and (ctx.entity_of(c) is not None or c.lower_ in ("his", "her")):
            parts += members(ctx, c)
    # "a meeting of the Security Council": the body that meets
    parts += [e for pobj in _prep_objects(noun, {"of"}) for e in members(ctx, pobj) if e.type == "ORG"]
    head = noun.head
    governing = None
    if noun.dep_ in ("dobj", "nsubjpass", "nsubj") and head.lemma_.lower() in EVENT_HOLD_VERBS:
        governing = head
        if noun.dep_ == "dobj":
            for s in _subjects(head):
                parts += members(ctx, s)
                pair_ref = pair_ref or _pair_reference(s)
        parts += [e for o in _prep_objects(head, {"with"}) for e in members(ctx, o)]
    attendance = False
    if noun.dep_ in ("nsubj", "nsubjpass") and (head.lemma_.lower() in EVENT_COURSE_VERBS | EVENT_HOLD_VERBS):
        # "talks resumed in X between A and B", "the talks were also attended by C"
        governing = governing or head
        parts += [e for o in _prep_objects(head, {"between", "among"}) for e in members(ctx, o, leaders=True)]
        if noun.dep_ == "nsubjpass" and head.lemma_.lower() in ("attend", "join"):
            attendance = True
            parts += [e for agent in head.children if agent.dep_ == "agent"
                      for o in agent.children if o.dep_ == "pobj" for e in actors(ctx, o)]
    for acl in (c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in PARTICIPATE_VERBS | {
            "chair", "host", "convene"}):
        # "the meeting, attended by A, B and C", "the meeting, chaired by D"
        attendance = True
        parts += [e for o in _prep_objects(acl, {"by"}) for e in members(ctx, o)]
        parts += [e for agent in acl.children if agent.dep_ == "agent"
                  for o in agent.children if o.dep_ == "pobj" for e in members(ctx, o)]
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB" else None
    took_part = verb is not None and noun.head.lower_ in ("in", "at") and verb.lemma_.lower() in PARTICIPATE_VERBS \
        and (verb.lemma_.lower() != "take" or any(c.lower_ == "part" for c in verb.children))
    # "Jobs said at the annual conference": being at a gathering is no meeting, unless it is one told before
    weak = not took_part and verb is not None and noun.head.lower_ in PRESENCE_PREPS and not parts \
        and noun.lemma_.lower() in GATHERING_NOUNS
    if took_part or (verb is not None and noun.head.lower_ in PRESENCE_PREPS):
        # "X took part in the meeting, along with Y"; "Xi said during his meeting with Putin"
        attendance = True
        governing = governing or verb
        for s in _subjects(verb):
            parts += members(ctx, s)
        for along in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("along", "together")):
            parts += [e for o in _prep_objects(along, {"with"}) for e in members(ctx, o)]
    place = _place(ctx, noun, governing)
    if event_type == "visit":
        # "a visit to Kyiv": where, whatever type the NER model gave the name
        for pobj in _prep_objects(noun, {"to"}):
            ent = ctx.entity_of(pobj)
            if ent is not None:
                place = place or ent
    parts = [p for p in _unique(parts) if p is not place]
    date = _date(ctx, noun)
    if date is None and governing is not None:
        date = _date(ctx, governing)
    if event_type == "visit" and place is None:
        return None  # "his first foreign visit": no telling where
    anaphoric = _is_anaphoric(noun)
    return Mention(event_type, noun, parts, place, date, anaphoric=anaphoric, attendance=attendance, weak=weak,
                   pair_ref=pair_ref and len(parts) < 2)


# -- attacks and protests ----------------------------------------------------------------------

def _lemma_in(tok: Token, words: set[str]) -> bool:
    """TOK's lemma is one of WORDS, also when the lemmatizer stumbled on a regular form ("staged" -> "stag")."""
    return tok.lemma_.lower() in words or any(tok.lower_.startswith(w) and len(tok.lower_) - len(w) <= 2
                                              for w in words if len(w) >= 4)


def _people_word(tok: Token) -> bool:
    """'fighters', 'Gunmen' (a capitalised word after a dateline is tagged a name, with itself as lemma)."""
    return any(w in GROUP_PEOPLE_NOUNS for w in (tok.lemma_.lower(), tok.lower_, tok.lower_.rstrip("s")))


def _with_conjuncts(tok: Token) -> list[Token]:
    """TOK and the phrases conjoined with it ("X and Y"), as the parser chains them."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo += [c for c in t.children if c.dep_ == "conj"]
    return out


def _side(ctx: Context, subjects: list[Token]) -> list[Entity]:
    """The groups a clause's subjects stand for; a place named as the subject itself is left out
    ("Gaza protested"), a group the NER model took for a place is kept ("activists of X")."""
    out: list[Entity] = []
    for s in subjects:
        for t in _with_conjuncts(s):
            own = ctx.entity_of(t)
            out += [e for e in actors(ctx, t) if not (e is own and e.type in PLACE_TYPES)]
    return _unique(out)


def actors(ctx: Context, tok: Token) -> list[Entity]:
    """The groups or people a noun phrase stands for, seen through words for their people:
    "fighters of JNIM", "gunmen from the X gang", "thousands of supporters of Y", "Hezbollah fighters"."""
    found = members(ctx, tok, leaders=True)
    if found or tok.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET"):
        return found
    t = tok
    for _ in range(3):  # "thousands of supporters of X": up to two people words before the group
        if not _people_word(t):
            break
        # a phrase after a people word names their group, whatever type the NER model gave it
        # (a gang taken for a building) and however it cut a long name ("the Group for ... (JNIM)")
        for pobj in _prep_objects(t, GROUP_PREPS):
            partisan = (t.lemma_.lower() in PARTISAN_NOUNS | DELEGATION_NOUNS
                        or t.lower_.rstrip("s") in PARTISAN_NOUNS | DELEGATION_NOUNS) and pobj.pos_ == "PROPN"
            types = GROUP_TYPES | {"GPE"} if partisan else GROUP_TYPES
            named = [e for p in _phrase_tokens(pobj) if (e := ctx.entity_of(p)) is not None
                     and e.type in types and not _people_word(p)]
            if named:
                return _unique(named)[:1] if not any(c.dep_ == "conj" for c in pobj.children) else _unique(named)
            t = pobj
    if _people_word(tok):
        named = [e for p in _phrase_tokens(tok) if (e := ctx.entity_of(p)) is not None and e.type == "ORG"]
        return named[:1]
    return []


def _incident_place(ctx: Context, *heads: Token | None) -> Entity | None:
    """Where an attack or protest happened: the first place after "in", "near", "outside" ... of the
    trigger or its object, whatever type the NER model gave a town ("in the town of X")."""
    for head in heads:
        if head is None:
            continue
        for tok in _phrase_tokens(head):
            if tok.dep_ != "pobj" or tok.head.lower_ not in INCIDENT_PLACE_PREPS:
                continue
            if tok.lower_ in PLACE_WORDS:  # "the town of X", "the X region"
                tok = next((p for p in _prep_objects(tok, {"of"})), tok)
            ent = ctx.entity_of(tok) or next((ctx.entity_of(c) for c in tok.children if c.dep_ == "compound"
                                              and ctx.entity_of(c) is not None), None)
            if ent is not None and (ent.type in PLACE_TYPES or (
                    ent.type == "ORG" and ent.name.split()[-1].lower() in VENUE_HEADS)):
                return ent
    return None


def _verbal_attack(ctx: Context, verb: Token) -> bool:
    """'The minister attacked the plan', 'X attacked Y for failing to act': words, not weapons.
    A person named as the subject attacks with words; "gunmen from X" with weapons."""
    subjects = _subjects(verb)
    if subjects and all((e := ctx.entity_of(s)) is not None and e.type == "PERSON" or s.lower_ in ("he", "she")
                        for s in subjects):
        return True
    if any(c.dep_ == "prep" and c.lower_ in ("for", "over") for c in verb.children):
        return True
    if any(p.lemma_.lower() in SPEECH_NOUNS for p in _prep_objects(verb, {"in", "during", "on"})):
        return True  # "attacked X in a speech"
    return any(c.dep_ == "dobj" and c.lemma_.lower() in VERBAL_TARGETS for c in verb.children)


def _armed_target(ctx: Context, objs: list[Token], place: Entity | None) -> bool:
    """An armed attack hits something physical or a named side ("a convoy", "positions of X", "Kidal");
    one with no object happened somewhere ("militants attacked near Y")."""
    if not objs:
        return place is not None
    for obj in objs:
        ent = ctx.entity_of(obj) or next((ctx.entity_of(c) for c in obj.children if c.dep_ == "compound"), None)
        if ent is not None and ent.type != "PERSON":
            return True
        if obj.lemma_.lower() in PHYSICAL_TARGETS or obj.lower_.rstrip("s") in PHYSICAL_TARGETS:
            return True
    return False


def _targets(ctx: Context, obj: Token) -> list[Entity]:
    """The named side attacked: "attacked positions of the 33rd Front", "an attack on the X army"."""
    ents = [e for e in members(ctx, obj, resolve=False) if e.type not in PLACE_TYPES]
    if not ents:
        ents = [e for p in _prep_objects(obj, {"of", "belonging"}) for e in members(ctx, p, resolve=False)
                if e.type in ("ORG", "NORP", "PERSON")]
    return ents


def attack_verb_mention(ctx: Context, verb: Token) -> Mention | None:
    """'Militants of X ambushed a convoy near Y on Tuesday', 'a post was attacked by X',
    'X fighters fired missiles at a post'."""
    lemma = verb.lemma_.lower()
    fire = lemma in FIRE_VERBS
    if verb.pos_ != "VERB" or not (lemma in ATTACK_VERBS or fire):
        return None
    if unreal(verb):
        return None
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if fire:
        objs = _prep_objects(verb, {"at", "on", "upon"})
        if not objs:
            return None
    elif lemma == "strike" and any(o.lemma_.lower() in AGREEMENT_NOUNS | {"balance", "tone", "note", "chord", "blow"}
                                   for o in objs):
        return None
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if passive:
        attackers = [e for a in verb.children if a.dep_ == "agent"
                     for o in a.children if o.dep_ == "pobj" for e in actors(ctx, o)]
        objs = [c for c in verb.children if c.dep_ == "nsubjpass"]
    else:
        attackers = _side(ctx, _subjects(verb))
    if not attackers or _verbal_attack(ctx, verb):
        return None
    if all(e.type == "PERSON" for e in attackers) and not any(_people_word(t) for t in _subjects(verb)):
        return None  # a named person "attacking" someone is a politician's words, seldom a gunman's act
    targets = [e for o in objs for e in _targets(ctx, o)]
    parts = _unique([e for e in attackers + targets if e.type not in PLACE_TYPES or e in attackers])
    place = _incident_place(ctx, verb, *objs)
    if not passive and not fire and not _armed_target(ctx, objs, place):
        return None
    for obj in objs if place is None else []:
        # "attacked the town of X", "stormed Kidal"
        named = ctx.entity_of(next(iter(_prep_objects(obj, {"of"})), obj) if obj.lemma_.lower() in PLACE_WORDS
                              else obj)
        if named is not None and (named.type in PLACE_TYPES or obj.lemma_.lower() in PLACE_WORDS):
            place = named
            break
    parts = [p for p in parts if p is not place]
    if not parts:
        return None
    return Mention("attack", verb, parts, place, _date(ctx, verb))


def _is_attack_noun(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    if lemma in ATTACK_NOUNS:
        return True
    return lemma == "strike" and any(c.lower_ in STRIKE_MODIFIERS for c in noun.children
                                     if c.dep_ in ("compound", "amod", "nmod"))


def incident_noun_mention(ctx: Context, noun: Token) -> Mention | None:
    """'an ambush claimed by X', 'X claimed the attack', 'an attack by X on Y', 'a protest organised by Z',
    'X staged a sit-in outside the ministry'."""
    if noun.pos_ != "NOUN":
        return None
    if _is_attack_noun(noun):
        event_type = "attack"
    elif noun.lemma_.lower() in PROTEST_NOUNS or noun.lower_ in PROTEST_NOUNS or (
            noun.lower_ == "in" and any(c.lower_ == "sit" for c in noun.children)):  # "sit-in", split in three
        event_type = "protest"
    else:
        return None
    verb = noun.head if noun.head.pos_ in ("VERB", "AUX") else None
    if noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.lower_ == "responsibility":
        verb = noun.head.head.head  # "X claimed responsibility for the attack"
    if event_type == "protest" and (verb is not None and verb.lemma_.lower() in DIPLOMATIC_PROTEST_VERBS or any(
            c.lower_ in ("diplomatic", "formal", "strong", "official") for c in noun.children)):
        return None  # "Beijing lodged a formal protest"
    if unreal(verb if verb is not None else next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)):
        return None
    parts: list[Entity] = []
    for pobj in _prep_objects(noun, {"by"}):
        parts += actors(ctx, pobj)
    for c in noun.children:
        if c.dep_ == "poss" and ctx.entity_of(c) is not None:
            parts += members(ctx, c, resolve=False)
        if c.dep_ == "acl" and c.lemma_.lower() in EVENT_AGENT_VERBS:
            parts += [e for a in c.children if a.dep_ == "agent"
                      for o in a.children if o.dep_ == "pobj" for e in actors(ctx, o)]
    if verb is not None and _lemma_in(verb, PERPETRATE_VERBS) and noun.dep_ in ("dobj", "pobj"):
        parts += _side(ctx, _subjects(verb))
    parts = [p for p in parts if p.type not in PLACE_TYPES]
    if event_type == "attack" and parts:
        parts += [e for o in _prep_objects(noun, {"on", "against"}) for e in _targets(ctx, o)]
    place = _incident_place(ctx, noun, verb if noun.dep_ in ("dobj", "nsubj", "nsubjpass") else None)
    parts = [p for p in _unique(parts) if p is not place]
    if event_type == "protest" and noun.lemma_.lower() in CAMPAIGN_WORDS and all(e.type == "PERSON" for e in parts):
        parts = []  # "Clinton has held rallies in Cleveland": a campaign event
    date = _date(ctx, noun)
    if date is None and verb is not None:
        date = _date(ctx, verb)
    return Mention(event_type, noun, parts, place, date, anaphoric=_is_anaphoric(noun))


def protest_verb_mention(ctx: Context, verb: Token) -> Mention | None:
    """'Students from X protested in Yangon', 'thousands of supporters of Y rallied outside parliament'."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in PROTEST_VERBS or unreal(verb):
        return None
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if obj.lemma_.lower() not in PROTEST_SITES and not any(c.lower_ == "outside" for c in obj.children):
            return None  # "protested the decision": an objection, not a street protest
    if any(c.dep_ == "prep" and c.lower_ in ("behind", "around", "to") for c in verb.children):
        return None  # "rallied behind the president", "rallied to"
    parts = _side(ctx, _subjects(verb))
    if verb.lemma_.lower() in CAMPAIGN_WORDS and all(e.type == "PERSON" for e in parts):
        return None  # "the candidate rallied in Ohio": a campaign event
    if not parts:
        return None
    place = _incident_place(ctx, verb, *[c for c in verb.children if c.dep_ == "dobj"])
    parts = [p for p in parts if p is not place]
    if not parts:
        return None
    return Mention("protest", verb, parts, place, _date(ctx, verb))


def _is_anaphoric(noun: Token) -> bool:
    """'this meeting', 'the meeting itself', 'such a meeting', "last week's meeting"."""
    for c in noun.children:
        if c.dep_ in ("det", "predet") and c.lower_ in ANAPHORIC_DETS:
            return True
        if c.dep_ == "poss" and c.ent_type_ == "DATE":
            return True
        if c.dep_ == "poss" and c.lower_ in ("its", "their"):
            return True
        if c.lower_ == "itself":
            return True
    return False


def attendee_mention(ctx: Context, noun: Token) -> Mention | None:
    """'The attendees of this meeting included A, the ...; B, ...; and C.'"""
    if noun.lemma_.lower() not in MEETING_ATTENDEE_NOUNS:
        return None
    meeting = next((p for p in _prep_objects(noun, {"of", "at", "in"})
                    if EVENT_NOUNS.get(p.lemma_.lower()) == "meeting"), None)
    verb = noun.head
    if verb.pos_ not in ("VERB", "AUX") or noun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    objs = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")]
    parts = [e for o in objs for e in members(ctx, o)]
    if not parts:
        return None
    anaphoric = meeting is None or _is_anaphoric(meeting)
    trigger = meeting if meeting is not None else noun
    return Mention("meeting", trigger, parts, None, None, anaphoric=anaphoric, attendance=True)


#: Nouns for the table talks are held at: "also at the table were X and Y".
TABLE_NOUNS = {"table", "talks", "meeting", "session"}


def presence_mention(ctx: Context, verb: Token) -> Mention | None:
    """'Present at the meeting were A and B', 'Also at the table were C and D', 'Among those present was E':
    who was at the meeting told before (or, if none was, at one)."""
    if verb.lemma_.lower() != "be":
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "attr") and c.i > verb.i]
    if not subjects:
        return None
    trigger = None
    for c in verb.children:
        if c.dep_ == "acomp" and c.lower_ == "present" and c.i < verb.i:
            trigger = next((p for p in _prep_objects(c, {"at", "during", "in"})), c)
        elif c.dep_ == "prep" and c.lower_ in ("at", "around") and c.i < verb.i:
            trigger = next((p for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in TABLE_NOUNS), None)
        elif c.dep_ == "prep" and c.lower_ == "among" and any(
                q.lower_ == "present" for p in c.children for q in p.subtree):
            trigger = c
        if trigger is not None:
            break
    if trigger is None:
        return None
    parts = _unique([e for s in subjects for e in members(ctx, s)])
    if not parts:
        return None
    return Mention("meeting", trigger, parts, None, None, anaphoric=True, attendance=True)


def find_mentions(ctx: Context) -> list[Mention]:
    found: list[Mention] = []
    claimed: set[int] = set()
    for tok in ctx.doc:
        m = attendee_mention(ctx, tok)
        if m is not None:
            found.append(m)
            claimed.add(m.trigger.i)
    for tok in ctx.doc:
        if tok.i in claimed:
            continue
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_ == "be":
            m = presence_mention(ctx, tok)
        elif tok.pos_ == "VERB":
            m = verb_mention(ctx, tok) or attack_verb_mention(ctx, tok) or protest_verb_mention(ctx, tok)
        elif tok.pos_ == "NOUN":
            m = noun_mention(ctx, tok) or incident_noun_mention(ctx, tok)
        else:
            m = None
        if m is not None:
            found.append(m)
    found.sort(key=lambda m: m.trigger.i)
    for i, m in enumerate(found):
        if m.pair_ref and len(m.participants) < 2:
            # "the two leaders discussed ...": the last pair that met, if no one else was named since
            before = next((p for p in reversed(found[:i]) if len(p.participants) == 2), None)
            if before is None:
                continue
            pair = {id(e) for e in before.participants}
            since = ctx.entities.within(before.trigger.idx, m.trigger.idx)
            if all(id(e) in pair or e.type != "PERSON" for _s, _e, e in since):
                m.participants = _unique(list(before.participants) + m.participants)
    return found


# -- merging and facts ---------------------------------------------------------------------------

def _subset(a: list[Entity], b: list[Entity]) -> bool:
    return bool(a) and {id(x) for x in a} <= {id(x) for x in b}


def _overlap(a: list[Entity], b: list[Entity]) -> float:
    sa, sb = {id(x) for x in a}, {id(x) for x in b}
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def merge(mentions: list[Mention]) -> list[Event]:
    """Fold each mention into the event it tells again, or start a new event."""
    events: list[Event] = []
    for m in mentions:
        same_type = [e for e in events if e.event_type == m.event_type]
        target = None
        if m.anaphoric and same_type:
            # the latest event it can be: same date if both are known
            target = next((e for e in reversed(same_type) if _compatible(e.date, m.date)), None)
            if target is not None and m.participants and len(target.participants) >= 2 and _overlap(
                    target.participants, m.participants) == 0 and m.date is not None:
                target = None  # "the meeting between C and D on May 3": another one
        if target is None and m.event_type == "visit":
            # the same trip told twice: same destination, a traveller in common
            target = next((e for e in reversed(same_type) if e.place is m.place and _overlap(
                e.participants, m.participants) > 0 and _compatible(e.date, m.date)), None)
        if target is None and m.participants:
            # told again with names: the same people (no newcomer), on a date that can be the same
            target = next((e for e in reversed(same_type)
                           if _subset(m.participants, e.participants) and _compatible(e.date, m.date)
                           and (e.place is None or m.place is None or e.place is m.place)), None)
        if target is None and m.weak:
            continue
        if target is None:
            events.append(Event(m.event_type))
            events[-1].absorb(m)
        else:
            # a mention pointing back adds people only to an event that does not know them yet
            grow = not m.anaphoric or m.attendance or len(target.participants) < 2 or _overlap(
                target.participants, m.participants) > 0
            target.absorb(m, add_participants=grow)
    return events


def _evidence(ctx: Context, ev: Event) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in ev.mentions:
        span = ctx.sentence_span(m.trigger)
        if span not in spans:
            spans.append(span)
    return spans


def link_reports(ctx: Context, fact: Fact, ev: Event) -> None:
    """A report fact ('state media reported a meeting ...') is about the event told in its sentence."""
    triggers = {m.trigger.idx for m in ev.mentions}
    for rep in ctx.facts_of("report"):
        if rep.fields.get("about") is not None:
            continue
        if any(s <= t < e for s, e in rep.evidence for t in triggers):
            rep.fields["about"] = fact


def run(ctx: Context) -> None:
    for ev in merge(find_mentions(ctx)):
        if not ev.participants:
            continue
        if ev.event_type == "meeting" and len(ev.participants) == 1 and ev.participants[0].type == "PERSON" and not any(
                m.described_partner for m in ev.mentions):
            continue  # one person and no one else named or described ("X held talks", "was met with opposition")
        fact = ctx.add_fact(
            "event",
            _evidence(ctx, ev),
            confidence=0.8 if len(ev.participants) >= 2 else 0.6,
            event_type=ev.event_type,
            participants=list(ev.participants),
            place=ev.place,
            date=ev.date,
            plover=PLOVER.get(ev.event_type),
        )
        link_reports(ctx, fact, ev)
