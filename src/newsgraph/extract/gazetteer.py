"""Entity types from name lists: places, given names, news outlets, seats of government, named groups.

The small spaCy model guesses a name's type from the sentence around it, and it has seen few names
from Brazil, Nigeria, Kenya, Iraq or the Philippines: "Minas Gerais" comes out a person, "Babatunde
Afolabi" an organisation, "Rudaw" a person. A reader knows these from the names themselves. ``vote``
adds that knowledge as votes on the entities of one article, after the model's votes and the
article's own evidence are in, so that ``entities.settle_type`` picks the type; each rule first
checks that nothing in the article says otherwise (a title before the name, a who-clause, a person
whose surname it is, a lower-case use of the word).

Data (src/newsgraph/patterns/, loaded once per process, all lookups O(1) per entity):

- ``places.txt``: countries and ISO 3166-2 subdivisions (pycountry / iso-codes) and GeoNames cities of
  50,000 people or more, built by ``scripts/build_gazetteer.py``; names that are also given names are
  flagged and need a place-like context (Victoria, Florence, Jordan, Chad, Georgia).
- given names: the gender-guesser package's dictionary plus ``given_names.txt`` (names it lacks).
- ``outlets.txt``, ``seats.txt``: news organisations and buildings that stand for governments.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Span, Token

from .context import Context, Entity, name_key
from .lexicon import GROUP_HEADS, NAME_PARTICLES, NEWS_NAME_WORDS, ORG_HEAD_WORDS, PERSON_TITLES, TITLE_HEADS

PLACE_TYPES = {"GPE", "LOC"}
#: Words that make a name an organisation's or a building's, never a person's.
ORG_WORDS = ORG_HEAD_WORDS | GROUP_HEADS | NEWS_NAME_WORDS | {
    "university", "college", "school", "academy", "hospital", "clinic", "airport", "airways", "airlines", "port",
    "station", "stadium", "palace", "house", "hotel", "street", "road", "square", "bridge", "dam", "mosque",
    "church", "cathedral", "temple", "foundation", "fund", "trust", "society", "association", "institution",
    "center", "centre", "club", "fc", "united", "city", "cartel", "gang", "faction", "battalion", "regiment",
    "squad", "clan", "network", "limited", "ltd", "inc", "corp", "corporation", "holdings", "industries",
    "ministry", "government", "state", "province", "republic", "kingdom", "emirate", "caliphate", "tribe",
    "agency", "cabinet", "senate", "congress", "police", "airbase", "base", "camp", "prison", "jail", "refinery",
    "mine", "field", "oilfield", "market", "mall", "tower", "plaza", "park", "forest", "valley", "river", "lake",
    "mountain", "mountains", "hills", "island", "islands", "coast", "desert", "strait", "sea", "gulf", "bay",
    "county", "medical", "financial", "capital", "partners", "energy", "oil", "gas", "motors", "systems", "media",
    "communications", "pharmaceuticals", "technologies", "resources", "securities", "insurance",
    "newsroom", "rovers", "wanderers", "athletic", "albion", "town", "borough", "rangers", "celtic",
}
#: Endings of English common words, which a surname rarely has ("Communications", "Medical", "Newsroom").
COMMON_ENDINGS = ("ical", "ial", "ions", "tion", "ics", "ment", "ments", "ness", "room", "ings", "ware", "ture",
                  "ity", "ists", "ship")
#: First words of the names of armed groups and factions ("Los Chapitos", "Kataib Hezbollah").
GROUP_PREFIXES = {
    "los", "las", "la", "kataib", "kata'ib", "jaish", "jaysh", "harakat", "harakah", "hayat", "hay'at",
    "jabhat", "liwa", "saraya", "asaib", "asa'ib", "ansar", "ansarullah", "tehreek", "tehrik", "lashkar",
    "jamaat", "jama'at", "jamaat-ul", "hizb", "ahrar", "firqat", "quwat", "fatah", "sipah", "sepah", "tanzim",
    "majlis", "ittehad", "ittihad", "brigadas", "frente", "ejército", "ejercito", "fuerzas", "comando", "cartel",
}
#: Nouns after a name that make it a group's ("the Alpha unit", "the Gulf Clan faction").
GROUP_NOUNS = {
    "faction", "factions", "cartel", "gang", "gangs", "brigade", "brigades", "battalion", "battalions", "unit",
    "units", "militia", "militias", "squad", "clan", "cell", "cells", "wing", "regiment", "group", "groups",
    "movement", "organisation", "organization", "insurgents", "rebels", "fighters", "militants", "coalition",
    "party", "bloc", "alliance", "forces", "agency", "service", "directorate", "paramilitary", "paramilitaries",
}
#: Nouns after a name that make it a place ("Marsabit county", "Belgorod region").
PLACE_NOUNS = {
    "province", "state", "city", "region", "county", "district", "department", "governorate", "oblast", "krai",
    "town", "village", "area", "municipality", "prefecture", "territory", "valley", "border", "capital",
    "countryside", "outskirts", "suburb", "neighbourhood", "neighborhood", "island", "highway", "airport",
}
LOCATIVE_PREPS = {"in", "at", "near", "from", "to", "into", "across", "outside", "inside", "around", "throughout",
                  "towards", "toward", "through", "via", "within", "between", "of", "visited"}
STRICT_LOCATIVE_PREPS = {"in", "near", "outside", "across", "around", "throughout", "towards", "toward", "into"}
REPORT_VERBS = {"report", "write", "quote", "publish", "broadcast", "air", "cite", "reveal"}
#: Lower-case words before a name that make it a person's, besides ``PERSON_TITLES``.
PERSON_WORDS = TITLE_HEADS | {"spokesman", "spokeswoman", "spokesperson", "activist", "journalist", "lawmaker",
                              "farmer", "resident", "witness", "student", "teacher", "doctor", "lawyer"}
#: Last words that make a name a body's, never a person's or a place's ("Sudan Tribune", "Civic Platform").
BODY_NAME_ENDINGS = (ORG_HEAD_WORDS | GROUP_HEADS | NEWS_NAME_WORDS | {
    "platform", "bloc", "coalition", "alliance", "front", "broadcasting", "broadcaster", "congress", "caucus",
}) - {"post", "times", "press", "field", "daily"}
#: Participles after "X-" that make X a body that leads or backs something ("the Pheu Thai-led government").
LED_WORDS = {"led", "run", "controlled", "dominated", "backed", "allied", "aligned", "affiliated"}
#: Words that may stand between "the" and a body's name ("the far-right Otzma Yehudit", "the ruling Fidesz").
POLITICAL_WORDS = {
    "far", "right", "left", "wing", "right-wing", "left-wing", "far-right", "far-left", "ruling", "governing",
    "opposition", "centrist", "centre", "center", "ultra", "orthodox", "ultra-orthodox", "nationalist", "islamist",
    "separatist", "armed", "rebel", "militant", "jihadist", "banned", "outlawed", "hardline", "hard", "line",
    "conservative", "liberal", "socialist", "communist", "populist", "secular", "religious", "main", "powerful",
    "feared", "elite", "secretive", "shadowy", "domestic", "foreign", "internal", "state", "public",
}
ARABIC_PARTICLES = ("al-", "el-", "ul-", "ad-", "as-", "an-", "ash-", "ar-", "at-", "az-")
PERSONAL_PARTICLES = {"bin", "ibn", "bint", "abu", "ould", "ben"}


def _patterns_dir() -> Path:
    return Path(str(resources.files("newsgraph") / "patterns"))


def _lines(filename: str) -> Iterator[str]:
    with open(_patterns_dir() / filename, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


@dataclass(frozen=True)
class Place:
    kind: str  # "country", "region" or "city"
    given: bool  # also a given name: a place only in a place-like context


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Folded place name -> what it is. Loaded once per process (about 40,000 names, folded at build time)."""
    kinds = {k: (Place(k, False), Place(k, True)) for k in ("country", "region", "city")}
    out: dict[str, Place] = {}
    for line in _lines("places.txt"):
        key, kind, flags, _name = line.split("\t", 3)
        out.setdefault(key, kinds[kind][flags == "given"])
    return out


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Lower-case given names from many countries: gender-guesser's dictionary (about 45,000, read where the
    package installed it: its data is GFDL, so we do not copy it) and our supplement."""
    names = {w.lower() for line in _lines("given_names.txt") for w in line.split()}
    spec = importlib.util.find_spec("gender_guesser")  # only its data file is read: none of its code runs
    if spec is None or spec.origin is None:
        return frozenset(names)  # the supplement still works without the package
    path = Path(spec.origin).parent / "data" / "nam_dict.txt"
    if not path.exists():
        return frozenset(names)
    with open(path, encoding="utf-8") as fh:
        names.update(line[3:29].strip().replace("+", "").lower() for line in fh if line[:1] not in "#=")
    return frozenset(n for n in names if n)


def is_given_name(word: str) -> bool:
    """Whether WORD (any case, accents or not) is a known given name."""
    low = word.lower()
    names = given_names()
    return low in names or name_key(word) in names


@lru_cache(maxsize=1)
def outlets() -> frozenset[str]:
    return frozenset(name_key(n) for n in _lines("outlets.txt"))


@lru_cache(maxsize=1)
def seats() -> frozenset[str]:
    return frozenset(name_key(n) for n in _lines("seats.txt"))


# -- the vote -----------------------------------------------------------------------------------

def vote(ctx: Context) -> None:
    """Add gazetteer votes to the article's entities; ``entities.settle_type`` then decides. Places the
    model missed altogether ("drones struck a depot in Belgorod") become entities first."""
    person_words = _person_words(ctx)
    lower_words = {t.lower_ for t in ctx.doc if t.text.islower()}
    untagged_places(ctx, person_words, lower_words)
    given_names_before(ctx, lower_words)
    for ent in list(ctx.entities):
        spans = _spans(ctx, ent)
        if not spans:
            continue
        target = guess(ent, spans, person_words, lower_words, _occurrences(ctx, ent, spans))
        if target is not None:
            _win(ent, target)


def untagged_places(ctx: Context, person_words: set[str], lower_words: set[str]) -> None:
    """A run of capitalised words outside any entity that is exactly a listed place, after "in", "near",
    "from" ... or before "province", "region" ... (a country needs neither), is a place."""
    doc = ctx.doc
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        if not _capitalised(tok) or (i > 0 and _capitalised(doc[i - 1]) and not doc[i - 1].is_sent_start):
            i += 1
            continue
        j = i
        while j < n and j - i < 4 and (_capitalised(doc[j]) or (doc[j].text == "-" and j + 1 < n
                                                              and _capitalised(doc[j + 1]))):
            j += 1
        if j < n and _capitalised(doc[j]):  # a longer name than any place ("Belgorod Regional Hospital")
            i = j
            continue
        span = doc[i:j]
        if (j < n and doc[j].text in ("-", "–")) or (i > 0 and doc[i - 1].text in ("-", "–")):
            i = j  # "Bergamo-based", "pro-Moscow": part of a compound word
            continue
        key = name_key(span.text)
        place = place_of(key)
        if (place is not None and ctx.entities.at(span.start_char, span.end_char) is None
                and key not in lower_words and key not in person_words and not _personal_evidence(span)
                and (_place_context(span, strict=True) or (place.kind == "country" and not place.given))):
            ent = ctx.entities.lookup(span.text) or ctx.entities.create(span.text, "GPE")
            ctx.entities.add_mention(ent, span.start_char, span.end_char, span.text, "GPE")
        i = max(j, i + 1)


def _given_name_token(ctx: Context, tok, lower_words: set[str]) -> bool:
    """A capitalised known given name in no entity, never a word the article also writes in lower case, a
    title, a body's word or a place."""
    low = tok.lower_
    return (_capitalised(tok) and is_given_name(tok.text) and low not in lower_words and low not in PERSON_TITLES
            and low not in ORG_WORDS and place_of(name_key(tok.text)) is None
            and ctx.entities.at(tok.idx, tok.idx + len(tok.text)) is None)


def given_names_before(ctx: Context, lower_words: set[str]) -> None:
    """'[Babatunde] Fashola': the model's person starts one word late when the given name is foreign to
    it. A capitalised known given name right before a person's mention, in no entity, joins the name."""
    doc = ctx.doc
    # a name the model typed a place or a body, that no list knows as one, is a person's too when a given
    # name opens it ("Céline [Rousseau-Dubois]" typed GPE)
    candidates = [e for e in ctx.entities if e.type == "PERSON" or (
        e.type in ("GPE", "ORG") and not e.kinds and place_of(name_key(e.name)) is None
        and not any(w.lower() in ORG_WORDS for w in e.name.replace("-", " ").split()))]
    for ent in candidates:
        spots = list(ent.mentions)
        # the one place its given names stand before it may be where the model saw no name at all ("Ana Lucía
        # Carranza was sworn in", then "Carranza said" tagged)
        spots += [o for o in name_occurrences(ctx, ent.name) if o not in ent.mentions][:20]
        for s, e in spots:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or span.start == 0 or len(span) > 3:
                continue
            if ent.type != "PERSON" and (len(span) > 1 and not all(t.text[:1].isupper() or t.text == "-"
                                                                   for t in span) or span[0].is_upper):
                continue  # "Céline Rousseau-Dubois", not an acronym or a phrase
            first = span.start
            while first > 0 and first > span.start - 2 and _given_name_token(ctx, doc[first - 1], lower_words):
                first -= 1  # "Ana Lucía [Carranza]": two given names
            if first == span.start:
                continue
            full = doc[first: span.end]
            if ent.type != "PERSON" and ctx.entities.at(full.start_char, full.end_char) is not None:
                continue
            ctx.entities.remove_mention(ent, s, e)
            owner = ctx.entities.lookup(full.text) or ctx.entities.create(full.text, "PERSON")
            ctx.entities.add_mention(owner, full.start_char, full.end_char, full.text, "PERSON")
            owner.type_votes["PERSON"] = owner.type_votes.get("PERSON", 0) + 1
            if not ent.mentions and owner is not ent:
                # "Osman Babiker" had only this mention: it is "Hashim Osman Babiker", not a second person
                # whose surname a later "Babiker" could also be
                ent.type_votes = {}
                ctx.entities.merge(owner, ent)


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha and not tok.is_upper and tok.pos_ in ("PROPN", "NOUN", "ADJ")


def guess(ent: Entity, spans: list[Span], person_words: set[str], lower_words: set[str],
          occurrences: list[Span] | None = None) -> str | None:
    """The type the name lists give ENT in this article, or None when they do not know or the article
    shows otherwise. Outlets and seats first (exact names), then groups, places and persons."""
    key = name_key(ent.name)
    if not key:
        return None
    if "news" in ent.kinds:
        return None
    if key in seats() and ent.type not in ("FAC", "ORG"):
        return "FAC"
    if key in outlets() and ent.type != "ORG" and _outlet_name_fits(key, spans):
        ent.kinds.add("news")
        return "ORG"
    every = spans + (occurrences or [])  # the model's mentions and the name's other occurrences
    if ent.type in ("PERSON", "GPE", "LOC") and _is_group(key, every):
        return "ORG"
    if ent.type in ("PERSON", "GPE", "LOC") and _named_as_a_body(ent, key, every):
        return "ORG"
    place = place_of(key)
    if ent.type == "PERSON" and place is None and _named_after_a_people(ent.name):
        return "ORG"  # "Georgian Dream", "Sudanese Professionals Association": a people's adjective first
    if place is not None and ent.type not in ("GPE", "LOC", "FAC"):
        return "GPE" if _is_place(ent, key, place, spans, person_words, lower_words) else None
    if ent.type in ("ORG", "NORP", "GPE", "LOC") and _is_person_name(ent, spans):
        return "PERSON"
    if ent.type in ("PERSON", "GPE", "LOC") and place is None and _reports_news(key, spans, person_words):
        ent.kinds.add("news")
        return "ORG"
    return None


def place_of(key: str) -> Place | None:
    """The place a folded name is, also when written with a hyphen or space the list lacks ("Petion-Ville")."""
    known = places()
    return known.get(key) or (known.get(key.replace(" ", "")) if " " in key else None)


@lru_cache(maxsize=1)
def _country_stems() -> dict[str, list[str]]:
    """Single-word country names by their first three letters, to tell demonyms ("Georgian", "Nigerien")."""
    out: dict[str, list[str]] = {}
    for key, place in places().items():
        if place.kind == "country" and " " not in key and len(key) >= 4:
            out.setdefault(key[:3], []).append(key)
    return out


def is_demonym(word: str) -> bool:
    """'Georgian', 'Nigerien', 'Sudanese', 'Iraqi': an adjective made from a country's name."""
    low = name_key(word)
    if len(low) < 5 or not low.endswith(("an", "ian", "ese", "i", "ish", "ien", "ean", "er")):
        return False
    if low.endswith("n") and place_of(low[:-1]) is not None and place_of(low[:-1]).kind == "country":
        return True  # "Georgian", "Kenyan": the country's name and an n
    if is_given_name(low):
        return False  # "Roman" is no Romanian
    for country in _country_stems().get(low[:3], ()):
        stem = country[:max(4, len(country) - 2)]
        if low != country and low.startswith(stem):
            return True
    return False


def _named_after_a_people(name: str) -> bool:
    """'Georgian Dream', 'Sudanese Professionals Association'; not 'Australian Rodney Eyles' (a person
    described by nationality)."""
    words = name.split()
    return 2 <= len(words) <= 5 and is_demonym(words[0]) and not is_given_name(words[1])


def _win(ent: Entity, target: str) -> None:
    """Give TARGET one vote more than any other type has."""
    others = max((n for t, n in ent.type_votes.items() if t != target), default=0)
    if ent.type_votes.get(target, 0) <= others:
        ent.type_votes[target] = others + 1


_TOKEN_INDEX_ATTR = "_gazetteer_token_index"


def name_occurrences(ctx: Context, name: str, limit: int = 50) -> list[tuple[int, int]]:
    """Character spans where NAME is written as whole words, found through an index of the article's tokens
    by text (built once per article), so that looking up every entity stays linear in the article's length."""
    index: dict[str, list[int]] | None = getattr(ctx, _TOKEN_INDEX_ATTR, None)
    if index is None:
        index = {}
        for tok in ctx.doc:
            index.setdefault(tok.text, []).append(tok.idx)
        setattr(ctx, _TOKEN_INDEX_ATTR, index)
    first = re.match(r"\w+", name)
    if first is None:
        return []
    text, out = ctx.text, []
    for start in index.get(first.group(0), ()):
        end = start + len(name)
        if text.startswith(name, start) and (end >= len(text) or not text[end].isalnum()):
            out.append((start, end))
            if len(out) >= limit:
                break
    return out


def _occurrences(ctx: Context, ent: Entity, spans: list[Span], limit: int = 10) -> list[Span]:
    """Where else the article writes ENT's name (whole words) than at the model's mentions: the model may have
    missed the one occurrence that shows what the name is ("the Viv Ansanm coalition")."""
    if ent.type not in ("PERSON", "GPE", "LOC") or len(ent.name) < 3:
        return []
    taken = {(sp.start_char, sp.end_char) for sp in spans}
    out: list[Span] = []
    for s, e in name_occurrences(ctx, ent.name):
        if (s, e) in taken:
            continue
        sp = ctx.doc.char_span(s, e)
        if sp is not None and len(sp):
            out.append(sp)
        if len(out) >= limit:
            break
    return out


def _spans(ctx: Context, ent: Entity) -> list[Span]:
    out = []
    for s, e in sorted(ent.mentions):
        span = ctx.doc.char_span(s, e, alignment_mode="expand")
        if span is not None and len(span):
            out.append(span)
    return out


def _person_words(ctx: Context) -> set[str]:
    """Folded words of the multi-word personal names in the article ("Jordan" of "Jordan Bardella")."""
    out: set[str] = set()
    for ent in ctx.entities:
        if ent.type == "PERSON":
            for form in ent.forms():
                words = name_key(form).split()
                if len(words) > 1:
                    out.update(w for w in words if w not in NAME_PARTICLES)
    return out


# -- places ---------------------------------------------------------------------------------

def _is_place(ent: Entity, key: str, place: Place, spans: list[Span], person_words: set[str],
              lower_words: set[str]) -> bool:
    """A gazetteer name typed as a person or organisation is a place unless the article shows otherwise."""
    if " " not in key and (key in person_words or key in lower_words):
        return False  # the surname of someone in the article, or an ordinary word ("reading")
    if any(_personal_evidence(sp) for sp in spans):
        return False
    if any(_inside_longer_name(sp) for sp in spans):
        return False
    if ent.type == "PERSON":
        # a country's name alone is the country even when it is a given name too ("Jordan", "Chad"):
        # a person called so would be named in full somewhere (``person_words``) or carry a title
        return not place.given or place.kind == "country" or any(_place_context(sp) for sp in spans)
    # an organisation: a country is a place (its government speaks through it, the name stays a place);
    # a city or region typed ORG may be a sports team, a club or a cartel ("Derbyshire beat Essex"), so
    # it needs a strict place-like context in at least half of the mentions the model typed ORG
    if place.kind == "country" and not place.given:
        return True
    in_context = sum(_place_context(sp, strict=True) for sp in spans)
    return in_context > 0 and 2 * in_context >= ent.type_votes.get(ent.type, 0)


def _place_context(span: Span, strict: bool = False) -> bool:
    """'in Rawalpindi', 'Marsabit county', 'Arauca, Colombia'. STRICT: no "of"/"to"/"for", which also come
    before people and organisations ("the son of Victoria", "wrote to Lima")."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in (STRICT_LOCATIVE_PREPS if strict else LOCATIVE_PREPS):
        return True
    first = span.root
    if first.dep_ == "conj" and first.head.i < span.start and doc[span.start - 1].lower_ in ("and", "or", ","):
        # "in Tehran and Isfahan": a place listed with a place in a place's context
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        lead = first.left_edge
        if lead.i > 0 and doc[lead.i - 1].lower_ in STRICT_LOCATIVE_PREPS and (
                first.ent_type_ in ("GPE", "LOC") or place_of(name_key(first.text)) is not None):
            return True
    if span.end < len(doc):
        nxt = doc[span.end]
        if nxt.lower_ in PLACE_NOUNS:
            return True
        if nxt.text == "," and span.end + 1 < len(doc):
            after = doc[span.end + 1]
            hit = places().get(name_key(after.text))
            if hit is not None and hit.kind in ("country", "region") and not hit.given:
                return True
    return False


# -- persons --------------------------------------------------------------------------------

def _is_person_name(ent: Entity, spans: list[Span]) -> bool:
    """'Babatunde Afolabi', 'Lawal Musa Bello', 'Hadi Kadhim al-Asadi': two to four capitalised words,
    a known given name first (or an Arabic name particle inside), no organisation word, no place."""
    words = ent.name.split()
    if not 2 <= len(words) <= 5 or "news" in ent.kinds:
        return False
    folded = [name_key(w) for w in words]
    if any(not f for f in folded):
        return False
    if any(f in ORG_WORDS for w in folded for f in w.split()):
        return False
    if any(w.lower() in GROUP_PREFIXES for w in words[:1]):
        return False
    if not all(w[:1].isupper() or w.lower().startswith(ARABIC_PARTICLES) or w.lower() in NAME_PARTICLES
               for w in words):
        return False
    known = places()
    if any((p := known.get(f)) is not None and p.kind == "country" for f in folded):
        return False
    if len(folded[-1]) < 3 or folded[-1].endswith(COMMON_ENDINGS):
        return False  # "Pan Am", "Reagan Communications"
    if any(" ".join(folded[:k]) in known and not known[" ".join(folded[:k])].given for k in range(1, len(folded))):
        return False  # "Hong Kong Financial", "Bradford Bulls": a place's name first
    if name_key(ent.name) in known or name_key(ent.name) in outlets():
        return False
    if any(_after_determiner(sp) for sp in spans):
        return False  # "the Aston Villa squad": people take no article
    if any(sp.end < len(sp.doc) and sp.doc[sp.end].lower_ in GROUP_NOUNS and sp.doc[sp.end].text.islower()
           for sp in spans):
        return False  # "the ruling Georgian Dream party": a party's name, whatever its first word
    first = next((f for f in folded if f not in NAME_PARTICLES), "")
    arabic = len(words) >= 3 and any(w.lower().startswith(ARABIC_PARTICLES) or w.lower() in PERSONAL_PARTICLES
                                     for w in words[1:])
    return is_given_name(first) or arabic


def _after_determiner(span: Span) -> bool:
    return span.start > 0 and span.doc[span.start - 1].lower_ in ("the", "a", "an")


def _personal_evidence(span: Span) -> bool:
    """A title before the name ("Governor", "spokesman"), or a who-clause after it."""
    doc = span.doc
    if span.start > 0:
        prev = doc[span.start - 1]
        low = prev.lower_.strip(".")
        if low in PERSON_TITLES or (prev.text.islower() and low in PERSON_WORDS):
            return True
    return any(c.dep_ == "relcl" and any(g.lower_ in ("who", "whom") for g in c.children)
               for c in span.root.children)


def _inside_longer_name(span: Span) -> bool:
    """The mention continues into a capitalised word the entity does not cover ("Lima Group")."""
    doc = span.doc
    if span.end < len(doc):
        nxt = doc[span.end]
        if nxt.is_title and nxt.pos_ == "PROPN" and nxt.lower_ not in PLACE_NOUNS:
            return True
    return False


# -- groups and outlets ---------------------------------------------------------------------

def _is_group(key: str, spans: list[Span]) -> bool:
    """'Los Chapitos', 'Kataib Hezbollah', 'the Alpha unit': an armed group's name, not a place's."""
    if key in places():
        return False
    words = key.split()
    raw_first = spans[0][0].lower_ if spans else ""
    if len(words) >= 2 and (words[0] in GROUP_PREFIXES or raw_first in GROUP_PREFIXES):
        return True
    return any(sp.end < len(sp.doc) and sp.doc[sp.end].lower_ in GROUP_NOUNS and sp.doc[sp.end].text.islower()
               or group_noun_after(sp) for sp in spans)


def group_noun_after(span: Span) -> bool:
    """'the Danab special forces brigade': lower-case words up to a group's noun, which the name hangs on."""
    doc = span.doc
    for k in range(span.end, min(span.end + 3, len(doc))):
        tok = doc[k]
        if not tok.text.islower() or tok.pos_ not in ("NOUN", "ADJ"):
            return False
        if tok.lower_ in GROUP_NOUNS and tok.pos_ == "NOUN" and span[-1].head.i == k:
            return True
    return False


def _named_as_a_body(ent: Entity, key: str, spans: list[Span]) -> bool:
    """A name the model typed a person or a place that the article shows to be a body: its last word is an
    organisation's ("Sudan Tribune", "Civic Platform", "... Broadcasting"), it is an acronym ("SABC"), or it
    takes an article as people never do ("the Shin Bet", "the far-right Otzma Yehudit")."""
    if any(_titled(sp) for sp in spans) or place_of(key) is not None:
        return False
    words = ent.name.replace("-", " ").split()
    last = name_key(words[-1]) if words else ""
    if len(words) >= 2 and last in BODY_NAME_ENDINGS and (ent.type != "PERSON" or not is_given_name(words[0])):
        return ent.type == "PERSON" or last != "union"  # "the European Union" may stay a place
    if any(_described_as_a_body(sp) for sp in spans):
        return True
    if ent.type != "PERSON":
        return False
    if len(words) >= 2 and not any(is_given_name(w) for w in words) and any(_listed_with_a_body(sp) for sp in spans):
        return True  # "Fuerza Popular and Renovación Popular": no given name, listed with a party
    if any(_personal_evidence(sp) for sp in spans) and not all(sp.root.tag_ == "NNPS" for sp in spans):
        # a who-clause says person, except after a plural name ("the Houthis, who ...")
        return _article_vote(spans)
    letters = ent.name.replace(".", "")
    if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() and any(
            not sp.sent.text.isupper() for sp in spans):
        return True
    return _article_vote(spans)


def _listed_with_a_body(span: Span) -> bool:
    """The name is coordinated with a name the model typed an organisation ("A and B", "A, B and C")."""
    root = span.root
    others = [c for c in root.children if c.dep_ == "conj"] + ([root.head] if root.dep_ == "conj" else [])
    return any(o.ent_type_ == "ORG" and o.pos_ == "PROPN" for o in others)


def _described_as_a_body(span: Span) -> bool:
    """'Bhumjaithai, a coalition partner in the government', 'X, a hardline party', 'the Pheu Thai-led
    government': what the article says of the name makes it a party or group."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ in LED_WORDS:
        return True
    for c in span.root.children:
        if c.dep_ != "appos" or c.pos_ not in ("NOUN", "PROPN") or not c.text.islower():
            continue
        if c.lemma_.lower() in GROUP_NOUNS or c.lemma_.lower() == "partner" and any(
                m.lower_ in ("coalition", "junior", "governing") for m in c.children if m.dep_ in ("compound", "amod")):
            return True
    return False


def _article_vote(spans: list[Span]) -> bool:
    """At least half the mentions that head their phrase take "the" ("the Shin Bet said"); a name that only
    modifies ("Shin Bet chiefs", "the Shin Bet security service") says nothing either way."""
    heads = [sp for sp in spans if sp.root.dep_ not in ("compound", "poss")]
    with_article = sum(_takes_article(sp) for sp in heads)
    return with_article > 0 and 2 * with_article >= len(heads)


def _titled(span: Span) -> bool:
    """A person's title right before the name ("Governor", "spokesman")."""
    if span.start == 0:
        return False
    prev = span.doc[span.start - 1]
    low = prev.lower_.strip(".")
    return low in PERSON_TITLES or (prev.text.islower() and low in PERSON_WORDS)


def _takes_article(span: Span) -> bool:
    """'the Shin Bet said', 'the far-right Otzma Yehudit': "the" on the name itself, with at most a political
    description between; not "the Biden administration" (the name only modifies) nor "the late Mandela"."""
    root = span.root
    if root.dep_ in ("compound", "poss") or span.start == 0:
        return False
    i = span.start - 1
    between: list[str] = []
    while i >= 0 and span.doc[i].lower_ != "the" and len(between) < 4:
        between.append(span.doc[i].lower_)
        i -= 1
    if i < 0 or span.doc[i].lower_ != "the" or span.doc[i].head.i != root.i:
        return False
    return all(w in POLITICAL_WORDS or w == "-" for w in between)


def _outlet_name_fits(key: str, spans: list[Span]) -> bool:
    """A listed outlet's name that is also a place or given name ("Dawn", "Fars") counts only where the
    article uses it as an outlet."""
    ambiguous = key in places() or is_given_name(key.split()[0])
    return not ambiguous or any(_news_context(sp) for sp in spans)


def _reports_news(key: str, spans: list[Span], person_words: set[str]) -> bool:
    """'Anadolu reported', 'told Rudaw', 'according to Milenio': a name that is not a person's (no given
    name, no title, no person in the article with that surname) in a reporter's place is an outlet."""
    words = key.split()
    if len(words) > 3 or is_given_name(words[0]) or any(w in person_words for w in words):
        return False
    if any(_personal_evidence(sp) for sp in spans):
        return False
    return any(_news_context(sp) for sp in spans)


def _news_context(span: Span) -> bool:
    root = span.root
    head = root.head
    if root.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in REPORT_VERBS and head.pos_ == "VERB":
        return True
    if root.dep_ in ("dobj", "dative") and head.lemma_ == "tell":
        return True
    return _according_to(root)


def _according_to(tok: Token) -> bool:
    head = tok.head
    if tok.dep_ != "pobj" or head.lower_ != "to":
        return False
    return head.head.lower_ == "according" or (head.i > 0 and tok.doc[head.i - 1].lower_ == "according")

