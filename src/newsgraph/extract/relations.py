"""Relations between bodies: rival_of, cooperates_with, allied_with, affiliated_with, part_of, subordinate_to.

A relation needs two named ends; a cue word alone ("the rivalry between different
security systems") gives nothing. Each rule reads spaCy's parse around one cue word:

- a relation noun with both ends after it: "the rivalry *between A and B*";
- a relation noun or verb with one end as its holder and the other after a preposition:
  "A's cooperation *with B*", "A clashed *with B*", "A and B competed";
- a description of A that names B: "A, an outlet *linked to B*", "A, a long-time *ally of
  B*", "A, a unit *controlled by B*", "A *reports to B*";
- an organisation's possessive unit: "B's Intelligence Organization" -> part_of(.., B).

``rival_of``, ``cooperates_with`` and ``allied_with`` are symmetric: one fact per pair.
"""

from __future__ import annotations

from itertools import combinations

from spacy.tokens import Token

from .context import Context, Entity
from .events import members

RELATION_TYPES = {"PERSON", "ORG", "GPE"}
SYMMETRIC = {"rival_of", "cooperates_with", "allied_with"}

# -- word lists (data: add words, key nothing to one article) -----------------------------------

#: Nouns naming a two-sided relation, read with "between A and B" or "A's ... with B".
PAIR_NOUNS = {
    "rivalry": "rival_of", "rivalries": "rival_of", "feud": "rival_of", "infighting": "rival_of",
    "struggle": "rival_of", "war": "rival_of", "competition": "rival_of", "clash": "rival_of",
    "clashes": "rival_of", "enmity": "rival_of", "hostility": "rival_of", "confrontation": "rival_of",
    "cooperation": "cooperates_with", "co-operation": "cooperates_with", "coordination": "cooperates_with",
    "collaboration": "cooperates_with", "partnership": "cooperates_with",
    "alliance": "allied_with",
}
#: "power struggle", "turf war": only with the first word do these nouns mean rivalry.
PAIR_NOUN_MODIFIERS = {"struggle": {"power"}, "war": {"turf"}}
#: Adjectives that make an event or body a cooperation: "a joint meeting between A and B".
JOINT_WORDS = {"joint"}
#: Verbs of a two-sided relation: "A clashed with B", "A and B coordinated".
PAIR_VERBS = {
    "compete": "rival_of", "clash": "rival_of", "feud": "rival_of", "vie": "rival_of", "spar": "rival_of",
    "cooperate": "cooperates_with", "co-operate": "cooperates_with", "coordinate": "cooperates_with",
    "collaborate": "cooperates_with", "partner": "cooperates_with", "ally": "allied_with",
}
#: Nouns describing A by its tie to B: "A, an ally of B", "A, a unit of B".
DESCRIPTION_NOUNS = {
    "rival": "rival_of", "adversary": "rival_of", "foe": "rival_of", "nemesis": "rival_of",
    "ally": "allied_with", "backer": "allied_with", "loyalist": "allied_with", "supporter": "allied_with",
    "partner": "cooperates_with",
    "mouthpiece": "affiliated_with", "affiliate": "affiliated_with", "proxy": "affiliated_with",
    "front": "affiliated_with", "organ": "affiliated_with",
    "unit": "part_of", "arm": "part_of", "branch": "part_of", "wing": "part_of", "division": "part_of",
    "part": "part_of", "subsidiary": "part_of", "department": "part_of", "directorate": "part_of",
    "component": "part_of", "section": "part_of",
    "member": "member_of",
}
#: Description nouns whose other end may stand before them: "a Kremlin ally", "Hamas's armed wing".
PREMODIFIED_NOUNS = {"rival", "adversary", "foe", "nemesis", "ally", "backer", "loyalist", "supporter", "partner",
                     "mouthpiece", "affiliate", "proxy", "unit", "arm", "wing", "branch", "subsidiary"}
#: Modifiers that say a tie is over: "a former ally of X" states no current relation.
PAST_MARKERS = {"former", "ex", "onetime", "one-time", "erstwhile", "previous", "old-time"}
#: Participles that make "X-backed Y" an alliance of Y with X.
BACKED_WORDS = {"backed", "sponsored", "supported", "funded", "armed", "allied", "aligned", "linked", "controlled"}
#: Verbs and adjectives tying A to B through a preposition: "linked to B", "controlled by B".
DESCRIPTION_VERBS = {
    ("link", "to"): "affiliated_with", ("tie", "to"): "affiliated_with", ("connect", "to"): "affiliated_with",
    ("connect", "with"): "affiliated_with", ("affiliate", "with"): "affiliated_with",
    ("affiliate", "to"): "affiliated_with", ("associate", "with"): "affiliated_with",
    ("align", "with"): "affiliated_with", ("close", "to"): "affiliated_with",
    ("affiliated", "with"): "affiliated_with", ("affiliated", "to"): "affiliated_with",
    ("ally", "with"): "allied_with", ("ally", "to"): "allied_with", ("allied", "with"): "allied_with",
    ("allied", "to"): "allied_with", ("back", "by"): "allied_with", ("support", "by"): "allied_with",
    ("sponsor", "by"): "allied_with", ("loyal", "to"): "allied_with",
    ("control", "by"): "subordinate_to", ("run", "by"): "subordinate_to", ("report", "to"): "subordinate_to",
    ("answer", "to"): "subordinate_to", ("operate", "under"): "subordinate_to",
    ("subordinate", "to"): "subordinate_to", ("accountable", "to"): "subordinate_to",
    ("oversee", "by"): "subordinate_to", ("direct", "by"): "subordinate_to", ("come", "under"): "subordinate_to",
    ("fall", "under"): "subordinate_to", ("operate", "within"): "part_of",
}
#: Nouns that stand between a preposition and the real end: "under the command of B".
THROUGH_NOUNS = {"command", "control", "authority", "auspices", "umbrella", "supervision", "direction",
                 "leadership", "orders", "influence", "sway", "wing", "banner"}
#: Adjectives of DESCRIPTION_VERBS, which the tagger sometimes calls adverbs ("a cleric close to X").
ADJECTIVE_TIES = {"close", "loyal", "subordinate", "accountable", "affiliated", "allied"}
#: Verbs of DESCRIPTION_VERBS that describe a standing tie in the simple present ("reports to").
HABITUAL_VERBS = {"report", "answer", "operate", "come", "fall"}
#: Last words of an organisation's name that make "B's X" a part of B.
UNIT_NAME_HEADS = {
    "organization", "organisation", "force", "forces", "directorate", "division", "unit", "brigade", "brigades",
    "wing", "branch", "command", "corps", "department", "bureau", "service", "agency", "section",
}

#: Words that show a possessor is an organisation, not a country the NER model called one.
ORG_NAME_WORDS = {"ministry", "council", "committee", "party", "army", "guard", "guards", "police", "navy",
                  "government", "cabinet", "parliament", "congress", "movement", "front", "group", "company"}


def _ends(ctx: Context, tok: Token) -> list[Entity]:
    """Named ends only: a relation read off "the group" or "he" would rest on a guess."""
    return [e for e in members(ctx, tok, resolve=False) if e.type in RELATION_TYPES]


def _pobjs(tok: Token, preps: set[str]) -> list[Token]:
    """Objects of TOK's prepositions PREPS, seen through "the command of", "the umbrella of"."""
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                if p.lemma_.lower() in THROUGH_NOUNS and p.ent_type_ == "":
                    out += [q for of in p.children if of.dep_ == "prep" and of.lower_ == "of"
                            for q in of.children if q.dep_ == "pobj"]
                else:
                    out.append(p)
    return out


def _their_pair(ctx: Context, tok: Token) -> list[Entity]:
    """The coordinated ends 'their'/'its' points back to in the same sentence ("urged A and B
    to enhance their cooperation")."""
    best: list[Entity] = []
    for t in tok.sent:
        if t.i >= tok.i:
            break
        if any(c.dep_ == "conj" for c in t.children) and t.dep_ != "conj":
            ends = _ends(ctx, t)
            if len(ends) >= 2:
                best = ends
    return best


def _holders(ctx: Context, tok: Token) -> list[Entity]:
    """The entities a description or predicate TOK is about: the noun it is in apposition to
    or modifies, the subject of its copula or verb."""
    t = tok
    for _ in range(4):
        if t.dep_ == "appos":
            return _ends(ctx, t.head)
        if t.dep_ in ("acl", "relcl", "amod") and t.head.pos_ in ("NOUN", "PROPN"):
            ents = _ends(ctx, t.head)
            if ents:
                return ents
            t = t.head
            continue
        if t.dep_ in ("attr", "acomp", "oprd", "xcomp") or (t.pos_ in ("VERB", "AUX", "ADJ") and t.dep_ != "conj"):
            verb = t.head if t.dep_ in ("attr", "acomp", "oprd") else t
            subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                    and c.lower_ not in ("which", "who", "that", "whom")]
            if subs:
                return [e for s in subs for e in _ends(ctx, s)]
            if verb.dep_ == "relcl":
                return _ends(ctx, verb.head)
            if verb.dep_ in ("acl", "appos") or t is verb and t.dep_ in ("xcomp", "advcl"):
                t = verb.head if verb.i != t.i else t.head
                continue
            return []
        if t.dep_ == "conj":
            t = t.head
            continue
        if t.dep_ == "compound":
            # "Putin ally Ramzan Kadyrov": the name the description is part of
            ent = ctx.entity_of(t.head)
            return [ent] if ent is not None and ent.type in RELATION_TYPES and t.head.pos_ == "PROPN" else []
        if t.dep_ == "pobj" and t.head.lower_ == "as" and t.head.head.pos_ in ("VERB", "AUX"):
            t = t.head.head  # "X is seen as a close ally of Y", "X, known as a rival of Y"
            continue
        return []
    return []


class Relations:
    """Collects relations of one article, one fact per relation and pair."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.seen: dict[tuple, object] = {}

    def add(self, relation: str, subject: Entity, obj: Entity, cue: Token, confidence: float = 0.7) -> None:
        if subject is obj or subject.type not in RELATION_TYPES or obj.type not in RELATION_TYPES:
            return
        key = (relation, *sorted((id(subject), id(obj)))) if relation in SYMMETRIC else (
            relation, id(subject), id(obj))
        evidence = self.ctx.sentence_span(cue)
        if key in self.seen:
            fact = self.seen[key]
            if evidence not in fact.evidence:
                fact.evidence.append(evidence)
            return
        self.seen[key] = self.ctx.add_fact("relation", evidence, confidence=confidence, relation=relation,
                                           subject=subject, object=obj)

    def pairs(self, relation: str, ends: list[Entity], cue: Token) -> None:
        for a, b in combinations(ends, 2):
            self.add(relation, a, b, cue)


def pair_noun(rels: Relations, tok: Token) -> None:
    """'the rivalry between A and B', "A's cooperation with B", 'their cooperation'."""
    ctx = rels.ctx
    low = tok.lower_
    relation = PAIR_NOUNS.get(low) or PAIR_NOUNS.get(tok.lemma_.lower())
    if relation is None and any(c.lower_ in JOINT_WORDS for c in tok.children if c.dep_ == "amod"):
        relation = "cooperates_with"
    if relation is None or tok.pos_ not in ("NOUN", "PROPN"):
        return
    need = PAIR_NOUN_MODIFIERS.get(tok.lemma_.lower())
    if need and not any(c.lower_ in need for c in tok.children if c.dep_ in ("compound", "amod")):
        return
    between = [e for p in _pobjs(tok, {"between", "among", "amongst"}) for e in _ends(ctx, p)]
    if len(between) >= 2:
        rels.pairs(relation, between, tok)
        return
    others = [e for p in _pobjs(tok, {"with", "against"}) for e in _ends(ctx, p)]
    holders: list[Entity] = []
    for c in tok.children:
        if c.dep_ == "poss":
            # "their cooperation": the pair named before; "its cooperation with B": the verb's subject
            pronoun = c.lower_ in ("their", "its")
            holders = ([] if others else _their_pair(ctx, tok)) if pronoun else _ends(ctx, c)
    if not holders and tok.dep_ in ("dobj", "attr") and tok.head.pos_ in ("VERB", "AUX"):
        # "A has/deepened (its) cooperation with B", "A and B conducted joint strikes"
        holders = [e for s in tok.head.children if s.dep_ in ("nsubj", "nsubjpass") for e in _ends(ctx, s)]
    if others:
        for h in holders:
            for o in others:
                rels.add(relation, h, o, tok)
    elif len(holders) >= 2:
        rels.pairs(relation, holders, tok)


def pair_verb(rels: Relations, tok: Token) -> None:
    """'A clashed with B', 'A and B competed', 'A is allied with B'."""
    if tok.pos_ != "VERB":
        return
    relation = PAIR_VERBS.get(tok.lemma_.lower())
    if relation is None:
        return
    subjects = [e for s in tok.children if s.dep_ in ("nsubj", "nsubjpass") for e in _ends(rels.ctx, s)]
    if not subjects and tok.dep_ == "relcl":
        subjects = _ends(rels.ctx, tok.head)
    others = [e for p in _pobjs(tok, {"with", "against"}) for e in _ends(rels.ctx, p)]
    if others:
        for s in subjects:
            for o in others:
                rels.add(relation, s, o, tok)
    elif len(subjects) >= 2 and (relation != "rival_of" or not any(c.dep_ == "dobj" for c in tok.children)):
        rels.pairs(relation, subjects, tok)


def description(rels: Relations, tok: Token) -> None:
    """'A, an ally of B', 'A is a rival of B', 'A, an outlet linked to B', 'A reports to B'."""
    ctx = rels.ctx
    lemma = tok.lemma_.lower()
    relation = None
    objects: list[Entity] = []
    if tok.pos_ in ("NOUN", "PROPN") and lemma in DESCRIPTION_NOUNS and ctx.entity_of(tok) is None:
        relation = DESCRIPTION_NOUNS[lemma]
        objects = [e for p in _pobjs(tok, {"of", "to", "for"}) for e in _ends(ctx, p)]
        # "a Kremlin ally", "an IRGC affiliate", "Hamas's armed wing" (not "the Delco parts group")
        if lemma in PREMODIFIED_NOUNS:
            objects += [e for c in tok.children if c.dep_ in ("compound", "poss") for e in _ends(ctx, c)]
    elif tok.pos_ in ("VERB", "ADJ", "AUX", "ADV") and _description_form(tok):
        for (word, prep), rel in DESCRIPTION_VERBS.items():
            if lemma == word or tok.lower_ == word:
                found = [e for p in _pobjs(tok, {prep}) for e in _ends(ctx, p)]
                if found:
                    relation, objects = rel, found
                    break
    if relation is None:
        return
    if any(c.lower_ in PAST_MARKERS for c in tok.children if c.dep_ in ("amod", "advmod")):
        return
    if not objects:
        # "Fatah and Hamas are bitter rivals", "X and Y, long-time allies,"
        if relation in SYMMETRIC and tok.tag_ in ("NNS", "NNPS"):
            rels.pairs(relation, _holders(ctx, tok), tok)
        return
    holders = _holders(ctx, tok)
    if relation == "member_of":
        holders = [h for h in holders if h.type != "PERSON"]  # a person's membership is a position
    for h in holders:
        for o in objects:
            rels.add(relation, h, o, tok)


def _description_form(tok: Token) -> bool:
    """'linked to', 'backed by' describe a standing tie only as participles or adjectives
    ("Apple TV connects to a computer" does not); 'reports to' only in the present."""
    if tok.lemma_.lower() in HABITUAL_VERBS:
        return tok.tag_ in ("VBZ", "VBP") or any(c.lower_ == "directly" for c in tok.children)
    return tok.tag_ == "VBN" or tok.pos_ == "ADJ" or (tok.pos_ == "ADV" and tok.lower_ in ADJECTIVE_TIES)


def backed(rels: Relations, tok: Token) -> None:
    """'the Iran-backed Houthis', 'Moscow-aligned separatists': the body named before the hyphen."""
    if tok.lower_ not in BACKED_WORDS or tok.dep_ != "amod":
        return
    holders = _ends(rels.ctx, tok.head) or _holders(rels.ctx, tok)  # "Hezbollah, an Iran-backed militia"
    relation = {"linked": "affiliated_with", "aligned": "affiliated_with", "controlled": "subordinate_to"}.get(
        tok.lower_, "allied_with")
    for c in tok.children:
        if c.dep_ in ("npadvmod", "compound", "nmod", "dep") and c.i < tok.i:
            for backer in _ends(rels.ctx, c):
                for h in holders:
                    rels.add(relation, h, backer, tok)


def possessive_unit(rels: Relations, tok: Token) -> None:
    """"the IRGC's Quds Force": an organisation's unit named with its possessor is part of it."""
    if tok.dep_ != "poss":
        return
    owner = rels.ctx.entity_of(tok)
    # an acronym or a name with an organisation word: "Uzbekistan's" tagged ORG is still a country
    if owner is None or owner.type != "ORG" or not (tok.text.isupper() or any(
            w.lower() in UNIT_NAME_HEADS | ORG_NAME_WORDS for w in owner.name.split())):
        return
    head = tok.head
    unit = rels.ctx.entity_of(head)
    if unit is None or unit is owner or unit.type != "ORG" or head.lower_ not in UNIT_NAME_HEADS:
        return
    rels.add("part_of", unit, owner, head, confidence=0.6)


def run(ctx: Context) -> None:
    rels = Relations(ctx)
    for tok in ctx.doc:
        pair_noun(rels, tok)
        pair_verb(rels, tok)
        description(rels, tok)
        backed(rels, tok)
        possessive_unit(rels, tok)
