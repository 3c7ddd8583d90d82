"""Word lists shared by the extractors: titles, ranks and honorifics.

Kept as data so that a reviewer can read them without reading rules. Add words;
do not key anything to a particular article's names.
"""

from __future__ import annotations

#: Honorifics and ranks that precede a name but are not part of it.
NAME_PREFIXES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "sheikh",
    "shaikh", "sheik", "imam", "ayatollah", "grand", "hojatoleslam", "hojjatoleslam", "mullah", "rev",
    "reverend", "father", "bishop", "cardinal", "pope", "king", "queen", "prince", "princess", "emir",
    "crown", "sultan", "president", "vice", "prime", "minister", "premier", "chancellor", "senator", "sen",
    "rep", "representative", "congressman", "congresswoman", "governor", "gov", "mayor", "judge",
    "justice", "general", "gen", "brigadier", "brig", "major", "maj", "lieutenant", "lt", "colonel", "col",
    "captain", "capt", "commander", "cmdr", "admiral", "adm", "sergeant", "sgt", "corporal", "cpl",
    "private", "pvt", "marshal", "field", "chief", "secretary", "ambassador", "deputy", "speaker",
    "foreign", "defence", "defense", "interior", "finance", "intelligence", "army", "spokesman",
    "spokeswoman", "spokesperson", "leader", "supreme", "commander-in-chief", "chairman", "chairwoman",
    "chair", "director", "head", "ceo", "mp", "mep", "councillor", "councilor", "attorney", "former",
    "ex", "late", "acting", "outgoing", "incoming", "new", "opposition", "rebel", "militia", "police",
    "comrade", "excellency", "his", "her", "hon", "honourable", "honorable", "haji", "hajji",
    "sayyed", "seyed", "sayed", "seyyed",
}

#: Head nouns of titles ("the Minister of X", "army spokesman").
TITLE_HEADS = {
    "president", "vice-president", "minister", "secretary", "chief", "head", "commander",
    "commander-in-chief", "director", "director-general", "chairman", "chairwoman", "chair",
    "chairperson", "spokesman", "spokeswoman", "spokesperson", "leader", "governor", "mayor", "ambassador",
    "envoy", "adviser", "advisor", "deputy", "speaker", "premier", "chancellor", "king", "queen", "emir",
    "prince", "general", "admiral", "colonel", "officer", "prosecutor", "judge", "justice", "senator",
    "lawmaker", "legislator", "mp", "member", "founder", "ceo", "editor", "coordinator", "representative",
    "attorney-general", "attorney", "marshal", "inspector", "superintendent", "commissioner", "treasurer",
    "undersecretary", "under-secretary", "negotiator", "official", "aide", "cleric", "prime",
}

#: Words before a title that mark its status.
FORMER_MARKERS = {"former", "ex", "ex-", "previous", "outgoing", "erstwhile", "then", "late", "onetime",
                  "one-time"}
ACTING_MARKERS = {"acting", "interim", "caretaker"}

#: Entity labels kept from the NER model.
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
