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

from ..resolve.within import resolve_description
from .context import Context, Entity
from .entities import is_outlet
from .events import members

#: Types an end may have; armed and political groups are often typed NORP, or FAC ("the X gang"), by the NER model.
RELATION_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
#: Types that can be a body (not a person) at the far end of part_of, member_of, leads.
BODY_TYPES = {"ORG", "NORP", "FAC"}
SYMMETRIC = {"rival_of", "cooperates_with", "allied_with"}

# -- word lists (data: add words, key nothing to one article) -----------------------------------

#: Nouns naming a two-sided relation, read with "between A and B" or "A's ... with B".
PAIR_NOUNS = {
    "rivalry": "rival_of", "rivalries": "rival_of", "feud": "rival_of", "infighting": "rival_of",
    "struggle": "rival_of", "war": "rival_of", "competition": "rival_of", "clash": "rival_of",
    "clashes": "rival_of", "enmity": "rival_of", "hostility": "rival_of", "confrontation": "rival_of",
    "cooperation": "cooperates_with", "co-operation": "cooperates_with", "coordination": "cooperates_with",
    "collaboration": "cooperates_with", "partnership": "cooperates_with",
    "alliance": "allied_with", "coalition": "allied_with",
}
#: "power struggle", "turf war": only with the first word do these nouns mean rivalry, unless the other side is
#: named with "with", "against" or "between" ("the group's war with B", "the war between A and B").
PAIR_NOUN_MODIFIERS = {"struggle": {"power"}, "war": {"turf"}}
#: Adjectives that make an event or body a cooperation: "a joint meeting between A and B".
JOINT_WORDS = {"joint"}
#: Verbs of a two-sided relation: "A clashed with B", "A and B coordinated".
PAIR_VERBS = {
    "compete": "rival_of", "clash": "rival_of", "feud": "rival_of", "vie": "rival_of", "spar": "rival_of",
    "cooperate": "cooperates_with", "co-operate": "cooperates_with", "coordinate": "cooperates_with",
    "collaborate": "cooperates_with", "partner": "cooperates_with", "ally": "allied_with",
}
#: Verbs that are a tie only with one preposition and between bodies: "A will work with B", "A fights alongside B".
PREP_PAIR_VERBS = {"work": ("cooperates_with", {"with"}), "team": ("cooperates_with", {"with"}),
                   "join": ("cooperates_with", {"with"}), "fight": ("allied_with", {"alongside"})}
#: Nouns describing A by its tie to B: "A, an ally of B", "A, a unit of B".
DESCRIPTION_NOUNS = {
    "rival": "rival_of", "adversary": "rival_of", "foe": "rival_of", "nemesis": "rival_of",
    "ally": "allied_with", "backer": "allied_with", "loyalist": "allied_with", "supporter": "allied_with",
    "partner": "cooperates_with",
    "mouthpiece": "affiliated_with", "affiliate": "affiliated_with", "proxy": "affiliated_with",
    "front": "affiliated_with", "organ": "affiliated_with",
    "unit": "part_of", "arm": "part_of", "branch": "part_of", "wing": "part_of", "division": "part_of",
    "part": "part_of", "subsidiary": "part_of", "department": "part_of", "directorate": "part_of",
    "component": "part_of", "section": "part_of", "faction": "part_of", "splinter": "part_of", "offshoot": "part_of",
    "brigade": "part_of", "battalion": "part_of", "cell": "part_of", "agency": "part_of", "regiment": "part_of",
    "member": "member_of",
}
#: Description nouns whose other end may stand before them: "a Kremlin ally", "Hamas's armed wing".
PREMODIFIED_NOUNS = {"rival", "adversary", "foe", "nemesis", "ally", "backer", "loyalist", "supporter", "partner",
                     "mouthpiece", "affiliate", "proxy", "unit", "arm", "wing", "branch", "subsidiary", "faction",
                     "agency", "brigade", "splinter", "offshoot"}
#: Plural nouns of "X, one of the brigades of Y": X is part (or a member) of Y.
ONE_OF_NOUNS = {"group": "part_of", "gang": "part_of", "militia": "part_of", "faction": "part_of",
                "brigade": "part_of", "battalion": "part_of", "unit": "part_of", "party": "member_of",
                "organisation": "part_of", "organization": "part_of", "member": "member_of", "wing": "part_of",
                "component": "part_of", "agency": "part_of", "force": "part_of", "service": "part_of"}
#: Descriptions of a person that make them a member of the party or group named after them
#: ("X, a lawmaker from the AfD", "X, a senior member of the BNP").
PARTY_ROLE_NOUNS = {"lawmaker", "legislator", "mp", "deputy", "senator", "congressman", "congresswoman",
                    "parliamentarian", "member", "politician", "activist", "candidate", "stalwart", "councillor",
                    "councilor", "mep", "representative"}
#: Weaker descriptions that say membership only of a party-like body ("a leader of the Coalition for Change").
PARTY_ROLE_WEAK = {"leader", "figure", "official", "heavyweight", "veteran", "loyalist", "ideologue", "cadre"}
#: Words of a body's name that make it a party, bloc or movement people belong to.
PARTY_NAME_WORDS = {"party", "movement", "bloc", "coalition", "alliance", "front", "league", "congress", "union",
                    "caucus", "platform", "list", "rally", "dream", "forces"}
#: Words of a body's name whose members hold a seat in it rather than belong to it.
OFFICE_BODY_WORDS = {"council", "committee", "commission", "board", "court", "assembly", "parliament", "senate",
                     "cabinet", "ministry", "bench", "jury", "panel", "secretariat", "bureau"}
#: Verbs of leading: "X, who leads the Y", "X heads Y", "Y, which is led by X".
LEAD_VERBS = {"lead", "head", "chair", "command", "run", "direct"}
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

#: Nouns of "a coalition partner", "a partner in the coalition": allies in government.
COALITION_PARTNER_NOUNS = {"partner"}
COALITION_WORDS = {"coalition", "alliance", "bloc"}
#: Predicates that tie the subjects they describe: "A and B are allied".
ALLIED_PREDICATES = {"allied", "ally"}
#: Common nouns describing a body, read with "under" (subordinate) or "within" (part): "a force under the
#: command of B", "a body within B".
BODY_NOUNS = {"force", "forces", "unit", "body", "agency", "service", "brigade", "militia", "group", "department",
              "directorate", "office", "branch", "wing", "organisation", "organization", "division", "command",
              "battalion", "regiment", "outfit", "institution", "bureau", "authority", "commission", "committee",
              "police", "squad", "cell", "faction", "corps"}

#: Words that show a possessor is an organisation, not a country the NER model called one.
ORG_NAME_WORDS = {"ministry", "council", "committee", "party", "army", "guard", "guards", "police", "navy",
                  "government", "cabinet", "parliament", "congress", "movement", "front", "group", "company"}


def _ends(ctx: Context, tok: Token) -> list[Entity]:
    """Named ends only: a relation read off "the group" or "he" would rest on a guess."""
    return members(ctx, tok, resolve=False, types=RELATION_TYPES)


#: Definite descriptions that, as a subject, refer back to the group named before ("the group has clashed").
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
GROUP_DESCRIPTIONS = {"group", "gang", "militia", "movement", "organisation", "organization", "faction", "party",
                      "cartel", "coalition", "alliance", "bloc", "force", "army"}


def _subject_ends(ctx: Context, subj: Token) -> list[Entity]:
    """The named ends of a clause's subject, also when it is "the group" (the body named before) or "it"
    in a second clause ("A fights alongside B, but it has clashed with C": A)."""
    ends = _ends(ctx, subj)
    if ends:
        return ends
    if subj.pos_ == "NOUN" and subj.lemma_.lower() in GROUP_DESCRIPTIONS and subj.tag_ == "NN" and all(
            c.dep_ == "det" and c.lower_ == "the" for c in subj.children):
        if subj.lower_ in ("army", "military"):
            # "The army, for its part, is backed by ...": the country's armed forces, if the article names just one
            # body so (a rebel "X Army" named last is no reason to guess)
            army = _the_army(ctx)
            return [army] if army is not None else []
        before = _previous_subject(ctx, subj, anywhere=subj.dep_ not in ("nsubj", "nsubjpass"))
        if before is None:
            before = resolve_description(ctx, ctx.doc[subj.i - 1: subj.i + 1], record=False)
        return [before] if before is not None and before.type in BODY_TYPES else []
    verb = subj.head
    if subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return _ends(ctx, verb.head)  # "Lamari, who was elected in alliance with the FLN"
    if subj.lower_ in ("it", "they") and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        firsts = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return [e for f in firsts for e in _ends(ctx, f)]
    return []


#: Last words of the name of a country's armed forces, which "the army" refers to.
ARMY_NAME_ENDS = ("armed forces", "army", "defence forces", "defense forces", "military")


def _the_army(ctx: Context) -> Entity | None:
    """The one body of the article named as a country's armed forces ("Sudanese Armed Forces", "the Lebanese
    army"); None when there are several (rebels named "... Army" too) or none."""
    found = [e for e in ctx.entities if e.type == "ORG" and e.name.lower().endswith(ARMY_NAME_ENDS)
             and len(e.name.split()) >= 2]
    return found[0] if len(found) == 1 else None


def _body_described(ctx: Context, tok: Token) -> Entity | None:
    """'the (paramilitary) group' as a possessor: the nearest body named earlier in the same sentence
    ("RSF fighters seized the town, the latest gain in the paramilitary group's war with the SAF")."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in GROUP_DESCRIPTIONS or tok.tag_ != "NN":
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or any(
            c.dep_ not in ("det", "amod", "case", "compound") or c.dep_ == "compound" and not c.text.islower()
            for c in tok.children):
        return None  # "the rebel group's", not "the Wagner group's" (a name of its own)
    for s, _e, ent in ctx.entities.mentions_before(tok.idx, 40):
        if s < tok.sent.start_char:
            break
        if ent.type in ("ORG", "NORP") and not is_outlet(ent):
            return ent
    return None


def _previous_subject(ctx: Context, tok: Token, anywhere: bool = False) -> Entity | None:
    """The body the previous sentence is about (its main subject), which "the group" at the start of
    the next one continues: "JNIM, al-Qaeda's affiliate, claimed the attack. The group ..." is JNIM.
    ANYWHERE: "the group" as an object further on ("Its commander, X, who leads the group") also
    continues that topic, rather than the body named last."""
    sent = tok.sent
    if sent.start == 0 or (tok.i - sent.start > 3 and not anywhere):
        return None
    prev = ctx.doc[sent.start - 1].sent
    subjects = [c for c in prev.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    ents = [e for s in subjects for e in _ends(ctx, s)]
    return ents[0] if len(ents) == 1 else None  # a person there: "the group" is none of them, and left unread


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
    named = [e for c in tok.children if c.dep_ == "appos" for e in _ends(ctx, c)]
    if named:
        return named  # "the Awami League's student wing, the Chhatra League,"
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
                return [e for s in subs for e in _subject_ends(ctx, s)]
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
        if _unasserted(cue):
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
    preps = {"between", "among", "amongst"} | ({"by"} if relation == "cooperates_with" else set())
    between = [e for p in _pobjs(tok, preps) for e in _ends(ctx, p)]
    others = [e for p in _pobjs(tok, {"with", "against"}) for e in _ends(ctx, p)]
    if not others and tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.pos_ in ("VERB", "AUX"):
        # "A fought in alliance with B": the parser hangs "with B" on the verb
        others = [e for p in _pobjs(tok.head.head, {"with"}) for e in _ends(ctx, p)]
    need = PAIR_NOUN_MODIFIERS.get(tok.lemma_.lower())
    named_side = (others or len(between) >= 2) and not any(e.type == "GPE" for e in others + between)
    if need and not named_side and not any(c.lower_ in need for c in tok.children if c.dep_ in ("compound", "amod")):
        return  # "the war in Ukraine": no named other side; "Russia's war against Ukraine": a war, no rivalry
    if len(between) >= 2:
        rels.pairs(relation, between, tok)
        return
    holders: list[Entity] = []
    for c in tok.children:
        if c.dep_ == "poss":
            # "their cooperation": the pair named before; "its cooperation with B": the verb's subject;
            # "the group's war with B": the body the sentence named before
            pronoun = c.lower_ in ("their", "its")
            holders = ([] if others else _their_pair(ctx, tok)) if pronoun else (
                _ends(ctx, c) or ([b] if others and (b := _body_described(ctx, c)) is not None else []))
    if not holders and tok.dep_ in ("dobj", "attr") and tok.head.pos_ in ("VERB", "AUX"):
        # "A has/deepened (its) cooperation with B", "A and B conducted joint strikes"
        holders = [e for s in tok.head.children if s.dep_ in ("nsubj", "nsubjpass") for e in _subject_ends(ctx, s)]
    if not holders and others and tok.dep_ == "pobj" and tok.head.head.pos_ in ("VERB", "AUX", "ADJ"):
        # "the group has been locked in a turf war with B", "A is engaged in a feud with B"
        verb = tok.head.head
        verb = verb.head if verb.dep_ == "acomp" else verb
        holders = [e for s in verb.children if s.dep_ in ("nsubj", "nsubjpass") for e in _subject_ends(ctx, s)]
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
    lemma = tok.lemma_.lower()
    relation = PAIR_VERBS.get(lemma)
    preps = {"with", "against"}
    if relation is None and lemma in PREP_PAIR_VERBS:
        relation, preps = PREP_PAIR_VERBS[lemma]
    if relation is None:
        return
    subjects = [e for s in tok.children if s.dep_ in ("nsubj", "nsubjpass") for e in _subject_ends(rels.ctx, s)]
    if not subjects and tok.dep_ == "relcl":
        subjects = _ends(rels.ctx, tok.head)
    others = [e for p in _pobjs(tok, preps) for e in _ends(rels.ctx, p)]
    if lemma in PREP_PAIR_VERBS:
        # "the police will work with the army": bodies; "he worked with Smith" is a career, not a tie;
        # "work with other Security Council members" is with some members, not the council
        subjects = [e for e in subjects if e.type != "PERSON"]
        others = [e for p in _pobjs(tok, preps) if rels.ctx.entity_of(p) is not None
                  for e in _ends(rels.ctx, p) if e.type != "PERSON"]
        if not others or tok.tag_ == "VBD":
            return
    elif relation == "cooperates_with" and any(e.type == "PERSON" for e in subjects) and others and all(
            e.type != "PERSON" for e in others):
        return  # "Mills cooperated fully with the Justice Department": with an inquiry, not a partnership
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
    if tok.lower_ == "one" and tok.dep_ in ("appos", "attr"):
        # "X, one of the brigades of Y": the relation of the plural noun
        for p in _pobjs(tok, {"of"}):
            if p.lemma_.lower() in ONE_OF_NOUNS and p.tag_ == "NNS":
                relation = ONE_OF_NOUNS[p.lemma_.lower()]
                objects = [e for q in _pobjs(p, {"of", "in", "within"}) for e in _ends(ctx, q)
                           if e.type in BODY_TYPES]
    elif tok.pos_ in ("NOUN", "PROPN") and lemma in DESCRIPTION_NOUNS and ctx.entity_of(tok) is None:
        relation = DESCRIPTION_NOUNS[lemma]
        preps = {"of", "to", "for"} | ({"within", "inside"} if relation == "part_of" else set())
        objects = [e for p in _pobjs(tok, preps) for e in _ends(ctx, p)]
        # "a Kremlin ally", "an IRGC affiliate", "Hamas's armed wing" (not "the Delco parts group")
        if lemma in PREMODIFIED_NOUNS:
            objects += [e for c in tok.children if c.dep_ in ("compound", "poss") for e in _ends(ctx, c)
                        if relation != "part_of" or e.type in BODY_TYPES]  # "Iran's news agency" is no part
        if lemma in COALITION_PARTNER_NOUNS:
            relation, objects = _coalition_partner(ctx, tok, relation, objects)
        if lemma == "member" and not objects:
            objects = _of_which(ctx, tok)
    elif tok.pos_ in ("VERB", "ADJ", "AUX", "ADV") and _description_form(tok):
        for (word, prep), rel in DESCRIPTION_VERBS.items():
            if lemma == word or tok.lower_ == word:
                found = [e for p in _pobjs(tok, {prep}) for e in _ends(ctx, p)]
                if lemma in LEAD_VERBS:
                    found = [e for e in found if e.type != "PERSON"]  # "run by X" (a person): X leads it
                if found:
                    relation, objects = rel, found
                    break
        if relation is None and lemma in ALLIED_PREDICATES and (tok.dep_ == "acomp" or any(
                c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)):
            relation = "allied_with"  # "A and B are allied", "two parties that are allied in Congress"
    elif tok.pos_ == "NOUN" and lemma in BODY_NOUNS and ctx.entity_of(tok) is None:
        relation, objects = _body_under(ctx, tok)
    if relation is None:
        return
    if any(c.lower_ in PAST_MARKERS for c in tok.children if c.dep_ in ("amod", "advmod")):
        return
    if not objects:
        # "Fatah and Hamas are bitter rivals", "X and Y, long-time allies,"
        if relation in SYMMETRIC and tok.tag_ in ("NNS", "NNPS"):
            rels.pairs(relation, _holders(ctx, tok), tok)
        elif relation in SYMMETRIC and tok.pos_ in ("VERB", "ADJ"):
            holders = _holders(ctx, tok)
            if len(holders) < 2 and tok.dep_ == "relcl":
                holders = _listed_before(ctx, tok.head)
            rels.pairs(relation, holders, tok)
        elif relation in SYMMETRIC and (partner := _and_its(ctx, tok)) is not None:
            # "Hamas and its ally Islamic Jihad": the name before "and its"
            for o in (e for c in tok.children if c.dep_ == "appos" for e in _ends(ctx, c)):
                rels.add(relation, partner, o, tok)
        elif relation in SYMMETRIC and tok.dep_ == "appos" and tok.head.dep_ == "conj" and any(
                c.dep_ == "poss" and c.lower_ in ("its", "their") for c in tok.children):
            # "A and B, its closest ally,": B and A
            for o in _ends(ctx, tok.head.head):
                for h in _ends(ctx, tok.head)[:1]:
                    rels.add(relation, h, o, tok)
        elif relation in SYMMETRIC and tok.dep_ == "appos" and tok.head.dep_ == "pobj" and \
                tok.head.head.lower_ in ("alongside", "with") and tok.head.head.head.pos_ in ("VERB", "AUX"):
            # "A fights alongside B, a long-time ally": A and B
            verb = tok.head.head.head
            for h in (e for s in verb.children if s.dep_ in ("nsubj", "nsubjpass") for e in _subject_ends(ctx, s)):
                for o in _ends(ctx, tok.head):
                    rels.add(relation, h, o, tok)
        return
    holders = _holders(ctx, tok)
    near = _adjacent_name(ctx, tok, loose=relation in ("subordinate_to", "part_of"))
    if near is not None and all(h is not near for h in holders):
        holders = [near]  # "B, which ..., competed with A (ACR), a body within C": A, whatever the parse says
    if relation == "member_of":
        # a person's membership is read by party_member, which knows parties from offices
        holders = [h for h in holders if h.type != "PERSON"]
    for h in holders:
        for o in objects:
            rels.add(relation, h, o, tok)


def _coalition_partner(ctx: Context, tok: Token, relation: str, objects: list[Entity]) -> tuple[str, list[Entity]]:
    """'Likud's coalition partner': a partner in government is an ally; 'a partner in the governing
    coalition led by the ANC': an ally of the party that leads it."""
    if any(c.lower_ in COALITION_WORDS for c in tok.children if c.dep_ in ("compound", "amod")):
        relation = "allied_with"
    for p in _pobjs(tok, {"in"}):
        if p.lemma_.lower() in COALITION_WORDS | {"government"}:
            named = _ends(ctx, p) or [e for v in p.children if v.dep_ == "acl" and v.lemma_.lower() == "lead"
                                      for q in _pobjs(v, {"by"}) for e in _ends(ctx, q) if e.type != "PERSON"]
            if not named and any(c.dep_ == "det" and c.lower_ == "the" for c in p.children):
                named = _leading_party(ctx, p.lemma_.lower())  # "the government": the "X-led government" told before
            return "allied_with", objects + named
    return relation, objects


def _leading_party(ctx: Context, noun: str) -> list[Entity]:
    """The one body the article calls the leader of its government or coalition ("the Pheu Thai-led government")."""
    found: dict[int, Entity] = {}
    for tok in ctx.doc:
        if tok.lower_ == "led" and tok.dep_ == "amod" and tok.head.lemma_.lower() == noun:
            for c in tok.children:
                if c.dep_ in ("npadvmod", "compound", "nmod") and c.i < tok.i:
                    for e in _ends(ctx, c):
                        if e.type in BODY_TYPES:
                            found[id(e)] = e
    return list(found.values()) if len(found) == 1 else []


def _of_which(ctx: Context, tok: Token) -> list[Entity]:
    """'the CSTO, of which Kazakhstan is a member': the body the relative clause hangs on."""
    verb = tok.head
    if tok.dep_ != "attr" or verb.dep_ != "relcl":
        return []
    if any(q.lower_ in ("which", "whom") for q in _pobjs(verb, {"of"})):
        return [e for e in _ends(ctx, verb.head) if e.type in BODY_TYPES]
    return []


def _body_under(ctx: Context, tok: Token) -> tuple[str | None, list[Entity]]:
    """'X, the paramilitary force under the command of Y': subordinate to Y; 'X, a body within Y': part of Y.
    Only descriptions (apposition or predicate) of a body, and bodies at both ends."""
    if tok.dep_ not in ("appos", "attr") and _adjacent_name(ctx, tok, loose=True) is None:
        return None, []
    for preps, relation in (({"under"}, "subordinate_to"), ({"within", "inside"}, "part_of")):
        objects = [e for p in _pobjs(tok, preps) for e in _ends(ctx, p) if e.type in BODY_TYPES | {"GPE"}]
        if objects:
            return relation, objects
    return None, []


def _listed_before(ctx: Context, noun: Token) -> list[Entity]:
    """'A and B, two parties that ...': the coordinated names right before the description, also when
    the parser hung the description elsewhere."""
    start = noun.left_edge.i
    if start < 2 or ctx.doc[start - 1].text != ",":
        return []
    last = ctx.doc[start - 2]
    while last.dep_ == "conj" and last.head.i < last.i:
        last = last.head
    ends = _ends(ctx, last)
    return ends if len(ends) >= 2 else []


def _adjacent_name(ctx: Context, tok: Token, loose: bool = False) -> Entity | None:
    """The name right before the comma that opens the apposition TOK ("A (ACR), a unit of B"); the parser
    often hangs such an apposition on the clause's subject instead. LOOSE: also a phrase the parser did not
    take for an apposition at all, if commas set it off ("A, the force under the command of B, is")."""
    if tok.dep_ != "appos" and not (loose and _set_off(tok)):
        return None
    i = tok.left_edge.i - 1
    if i < 1 or ctx.doc[i].text != ",":
        return None
    prev = ctx.doc[i - 1]
    if prev.text == ")" and i >= 3:
        prev = ctx.doc[i - 2]
    ent = ctx.entity_of(prev)
    return ent if ent is not None and ent.type in RELATION_TYPES else None


def _set_off(tok: Token) -> bool:
    """TOK's phrase stands between commas, or between a comma and the sentence's end."""
    doc = tok.doc
    left, right = tok.left_edge.i, tok.right_edge.i
    if left == 0 or doc[left - 1].text != "," or doc[left].lower_ not in ("the", "a", "an"):
        return False
    return right + 1 >= len(doc) or doc[right + 1].text in (",", ".", ";") or doc[right].text == ","


def _and_its(ctx: Context, tok: Token) -> Entity | None:
    """The name right before 'and its' in 'A and its ally B' (the parser often hangs 'ally' elsewhere)."""
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
    if poss is None or poss.i < 2 or ctx.doc[poss.i - 1].lower_ != "and":
        return None
    ent = ctx.entity_of(ctx.doc[poss.i - 2])
    return ent if ent is not None and ent.type in RELATION_TYPES else None


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
    # an acronym, a name with an organisation word, or a name never taken for a place:
    # "Uzbekistan's" tagged ORG is still a country
    if owner is None or owner.type != "ORG" or not (tok.text.isupper() or any(
            w.lower() in UNIT_NAME_HEADS | ORG_NAME_WORDS for w in owner.name.split())
            or not (set(getattr(owner, "type_votes", {})) & {"GPE", "LOC"})):
        return
    head = tok.head
    unit = rels.ctx.entity_of(head)
    if unit is None or unit is owner or unit.type != "ORG" or head.lower_ not in UNIT_NAME_HEADS:
        return
    rels.add("part_of", unit, owner, head, confidence=0.6)


def _party_like(ent: Entity, head: Token | None = None) -> bool:
    words = {w.lower() for w in ent.name.split()}
    return bool(words & PARTY_NAME_WORDS) or (head is not None and head.lemma_.lower() in PARTY_NAME_WORDS)


def party_member(rels: Relations, tok: Token) -> None:
    """'X, a lawmaker from the AfD', 'X, a senior member of the BNP', 'AfD lawmaker X',
    'X of the Servant of the People party': a person's party or group."""
    ctx = rels.ctx
    lemma = tok.lemma_.lower()
    if tok.pos_ == "PROPN":
        person = ctx.entity_of(tok)
        if person is None or person.type != "PERSON" or tok.dep_ == "compound":
            return
        if tok.dep_ == "poss":
            # "Netanyahu's Likud party", "Orban's Fidesz party": a person's party
            head = tok.head
            bodies = [e for e in [ctx.entity_of(head)] + [ctx.entity_of(c) for c in head.children
                                                          if c.dep_ == "compound"] if e is not None]
            if head.lemma_.lower() in PARTY_NAME_WORDS - OFFICE_BODY_WORDS or any(
                    _party_like(b) for b in bodies):
                for body in bodies:
                    if body.type in BODY_TYPES and body is not person:
                        rels.add("member_of", person, body, tok)
            return
        titled = any(c.dep_ == "compound" and c.lower_ in PARTY_ROLE_NOUNS | PARTY_ROLE_WEAK for c in tok.children)
        for p in _pobjs(tok, {"of", "from"}):
            for body in _ends(ctx, p):
                # "X of the Y party"; "Opposition leader X of Y" (a political role makes Y X's party)
                if body.type in BODY_TYPES and body is not person and (_party_like(body, p) or titled and not (
                        {w.lower() for w in body.name.split()} & OFFICE_BODY_WORDS)):
                    rels.add("member_of", person, body, tok)
        return
    strong = lemma in PARTY_ROLE_NOUNS
    if tok.pos_ != "NOUN" or not (strong or lemma in PARTY_ROLE_WEAK) or ctx.entity_of(tok) is not None:
        return
    if any(c.lower_ in PAST_MARKERS for c in tok.children if c.dep_ in ("amod", "advmod")):
        return
    bodies = [(e, p) for p in _pobjs(tok, {"of", "from", "in", "for"}) for e in _ends(ctx, p)]
    bodies += [(e, c) for c in tok.children if c.dep_ in ("compound", "poss") for e in _ends(ctx, c)]
    bodies = [(e, h) for e, h in bodies if e.type in BODY_TYPES and (strong or _party_like(e, h))]
    if lemma in ("representative", "member"):
        # a member of a council or a board holds a seat (a position), not a party card: a party, or an acronym
        bodies = [(e, h) for e, h in bodies if _party_like(e, h) or _acronym(e.name) and not (
            {w.lower() for w in e.name.split()} & OFFICE_BODY_WORDS) and tok.dep_ != "compound"]
    if not bodies:
        return
    people = [h for h in _holders(ctx, tok) if h.type == "PERSON"]
    for person in people:
        for body, _h in bodies:
            rels.add("member_of", person, body, tok)


#: Adjectives before a plural noun that tie the names it introduces: "rival cartel factions A and B".
PAIR_ADJECTIVES = {"rival": "rival_of", "feuding": "rival_of", "warring": "rival_of", "competing": "rival_of",
                   "allied": "allied_with"}


def pair_adjective(rels: Relations, tok: Token) -> None:
    """'rival cartel factions A and B', 'the warring factions, A and B,', 'A and B, rival militias,'."""
    relation = PAIR_ADJECTIVES.get(tok.lower_)
    if relation is None or tok.dep_ not in ("amod", "compound"):
        return
    noun = tok.head
    while noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    if noun.tag_ not in ("NNS", "NNPS") or rels.ctx.entity_of(noun) is not None:
        return
    names = [e for c in noun.children if c.dep_ == "appos" for e in _ends(rels.ctx, c)]
    if len(names) < 2 and noun.dep_ == "appos":
        names = _ends(rels.ctx, noun.head)  # "A and B, rival militias,"
    if len(names) >= 2:
        rels.pairs(relation, names, tok)


def _acronym(name: str) -> bool:
    """'BNP', 'AfD', 'PSUV': a short name of capitals, as parties often go by."""
    letters = name.replace("-", "").replace(".", "")
    return letters.isalpha() and 2 <= len(letters) <= 6 and sum(c.isupper() for c in letters) >= 2


def _present_or_perfect(verb: Token) -> bool:
    """'leads', 'has headed since 2019', 'is led by': a standing tie, not one told in the past."""
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBN":
        return all(a.lower_ in ("is", "are", "has", "have", "'s", "been", "being") for a in auxes)
    return False


def leads(rels: Relations, tok: Token) -> None:
    """'X, who leads the Y', 'X heads Y', 'the Y coalition, which is led by X', 'a militia headed by X'."""
    ctx = rels.ctx
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in LEAD_VERBS or not _present_or_perfect(tok):
        return
    if any(c.dep_ == "prep" and c.lower_ == "by" for c in tok.children):
        return  # "Clinton leads Trump by five points": a poll, not a body
    passive = any(c.dep_ in ("agent", "auxpass", "nsubjpass") for c in tok.children) or (
        tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl") and not any(c.dep_ == "dobj" for c in tok.children))
    if passive:
        people = [e for p in _pobjs(tok, {"by"}) for e in _ends(ctx, p) if e.type == "PERSON"]
        subs = [c for c in tok.children if c.dep_ == "nsubjpass" and c.lower_ not in ("which", "that", "who")]
        bodies = [e for s in subs for e in _subject_ends(ctx, s)] if subs else (
            _ends(ctx, tok.head) if tok.dep_ in ("acl", "relcl") else [])
    else:
        subs = [c for c in tok.children if c.dep_ == "nsubj" and c.lower_ not in ("which", "that", "who")]
        people = [e for s in subs for e in _ends(ctx, s)] if subs else (
            _ends(ctx, tok.head) if tok.dep_ == "relcl" else [])
        people = [e for e in people if e.type == "PERSON"]
        bodies = [e for o in tok.children if o.dep_ == "dobj" and not _named_modifier_only(ctx, o)
                  for e in _subject_ends(ctx, o)]
    for person in people:
        for body in bodies:
            if body.type in BODY_TYPES:
                rels.add("leads", person, body, tok)


#: Modal verbs that make a tie an obligation or a possibility, not a fact ("must coordinate with").
UNASSERTING_MODALS = {"must", "should", "could", "might", "may", "would", "ought"}
#: Verbs that tell a plan: under them, "would" is the future of the telling ("said A would work with B").
PLAN_REPORT_VERBS = {"say", "announce", "confirm", "state", "pledge", "agree", "promise", "tell"}


def _unasserted(cue: Token) -> bool:
    """'A and B must coordinate', 'A has not clashed with B': the clause does not state the tie."""
    verb = cue if cue.pos_ in ("VERB", "AUX") else cue.head if cue.dep_ in ("dobj", "attr", "nsubj") else None
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return False
    # "X said the force would work with Y": a plan told in the past, not a hypothesis
    told_plan = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in PLAN_REPORT_VERBS
    return any((c.dep_ == "aux" and c.lower_ in UNASSERTING_MODALS and not (told_plan and c.lower_ == "would"))
               or c.dep_ == "neg" for c in verb.children)


def _named_modifier_only(ctx: Context, obj: Token) -> bool:
    """'chairs the Senate committee', "heads the House's commission": the name only modifies the
    unnamed body that is led, so the named one is not."""
    if ctx.entity_of(obj) is not None:
        return False
    return any(c.dep_ in ("compound", "poss", "nmod") and ctx.entity_of(c) is not None for c in obj.children)


def run(ctx: Context) -> None:
    rels = Relations(ctx)
    for tok in ctx.doc:
        pair_noun(rels, tok)
        pair_verb(rels, tok)
        description(rels, tok)
        backed(rels, tok)
        possessive_unit(rels, tok)
        party_member(rels, tok)
        leads(rels, tok)
        pair_adjective(rels, tok)
