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

# -- entities ------------------------------------------------------------------------------

#: Title words that, before a name, show the name is a person's even when the NER model said ORG
#: ("Chancellor Olaf Scholz", "Foreign Minister Ana Duarte").
PERSON_TITLES = {
    "president", "minister", "premier", "chancellor", "senator", "sen", "governor", "gov", "mayor",
    "general", "gen", "brigadier", "colonel", "col", "major", "maj", "lieutenant", "lt", "captain", "capt",
    "admiral", "adm", "commander", "sergeant", "sgt", "marshal", "ambassador", "secretary", "spokesman",
    "spokeswoman", "spokesperson", "judge", "justice", "king", "queen", "prince", "princess", "emir", "sheikh",
    "ayatollah", "hojatoleslam", "imam", "pope", "cardinal", "bishop", "rev", "reverend", "dr", "mr", "mrs", "ms",
    "prof", "professor", "sir", "dame", "lord", "lady", "chairman", "chairwoman", "speaker", "rep",
    "congressman", "congresswoman", "prosecutor", "commissioner", "director", "chief",
}

#: Head nouns that make a capitalised modifier a news organisation ("the Fars news agency").
OUTLET_HEADS = {
    "agency", "newspaper", "daily", "outlet", "broadcaster", "channel", "network", "tabloid", "weekly",
    "magazine", "website", "radio", "television", "tv", "station", "paper", "wire", "site", "portal",
}
#: Words inside an organisation's name that make it a news organisation.
NEWS_NAME_WORDS = {
    "news", "times", "post", "herald", "tribune", "journal", "gazette", "press", "radio", "television", "tv",
    "daily", "telegraph", "chronicle", "observer", "broadcasting",
    "reuters", "xinhua", "tass", "interfax", "afp", "ap", "bbc", "cnn", "irna", "isna", "anadolu", "bernama",
    "yonhap", "kyodo", "ria", "sana", "wafa", "mena", "aljazeera", "jazeera", "arabiya", "dpa", "efe", "ansa",
    "pti", "upi", "bloomberg",
}
#: Descriptions that refer back to a news organisation ("the outlet said").
OUTLET_NOUNS = OUTLET_HEADS | {"publication", "newswire", "broadcaster", "daily"}

#: Last words of a NORP span that make it a named group rather than a nationality ("Muslim Brotherhood").
GROUP_HEADS = {
    "brotherhood", "movement", "party", "front", "army", "brigade", "brigades", "militia", "group", "league",
    "alliance", "union", "council", "guard", "guards", "forces", "organization", "organisation",
}

#: Words of an organisation's name that a short form keeps (used to tell "Supreme Security Council"
#: is "Supreme National Security Council").
ORG_HEAD_WORDS = {
    "ministry", "council", "committee", "commission", "agency", "office", "organization", "organisation",
    "department", "bureau", "service", "services", "corps", "guard", "guards", "force", "forces", "army",
    "navy", "party", "front", "movement", "court", "assembly", "parliament", "authority", "directorate",
    "command", "unit", "brigade", "division", "bank", "company", "group", "union", "federation", "institute",
}

#: Descriptions of organisations that refer back to the nearest named one of that kind ("the ministry").
ORG_DESCRIPTION_HEADS = ORG_HEAD_WORDS | {"government", "regime", "administration", "militia", "organisation"}

#: Function words that acronyms may or may not spell ("Ministry of Intelligence and Security" -> MOIS).
ACRONYM_FUNCTION_WORDS = {"of", "for", "and", "the", "de", "du", "des", "la", "le", "al", "el", "on", "in", "&",
                          "e", "i", "ul", "ud", "y"}  # "Tehreek-e-Taliban Pakistan" -> TTP

#: Particles inside personal names that are neither given name nor surname ("de Moraes", "al-Assad").
NAME_PARTICLES = {"de", "da", "do", "dos", "das", "di", "del", "della", "van", "von", "der", "den", "ter", "le",
                  "la", "du", "al", "el", "bin", "ibn", "bint", "ben", "abu", "mac", "st"}

# Post words added by the positions extractor (titles.py reads TITLE_HEADS).
TITLE_HEADS |= {
    "executive", "counsellor", "counselor", "administrator", "manager", "comptroller", "auditor", "ombudsman",
    "magistrate", "sheriff", "czar", "tsar", "consul", "attache", "patriarch", "mufti", "rector", "dean",
    "diplomat", "strategist", "spymaster", "president-elect", "emissary", "whip", "mp", "congressman",
    "congresswoman", "councillor", "councilor", "alderman", "legislator", "vice-chairman", "vice-chair",
    "secretary-general", "chief-of-staff", "monarch", "emperor",
}

# Post words added by the personnel tuning (a prefect heads a French département or police; a researcher at a
# centre is a post the article states).
TITLE_HEADS |= {"prefect", "sub-prefect", "researcher", "ombudsperson", "governor-general", "inspector-general"}
