"""Comparing names across articles: transliteration variants, acronyms, people's name parts.

Two spellings of one name (Sergei/Sergey, Aleksandr/Alexander, Yevgeny/Evgeny, Esmaeil/Ismail,
Hossein/Hosein/Hussein, Mohammed/Muhammad/Mohamed, Golpaygani/Golapaygani/Golpayegani) share a
*skeleton*: the word folded to ASCII, spelling conventions unified (x=ks, ph=f, w=v, a
leading ye=e, y=i, doubled letters single), then its first letter (any vowel as ``a``) and its
consonants. The skeleton is only a blocking key: words with one skeleton are the same name only
when they are also close as strings (``same_word``), which keeps Hassan and Hussein, or Mahmoud
and Mohammed, apart although their skeletons agree.

People are compared word by word with honorifics and ranks dropped; two people are the same name
only when every word of the shorter name matches a word of the longer one in order, and the first
and last words match (so "Imran Khan" and "Sadiq Khan", or "Ali Larijani" and "Ali Shamkhani",
never compare equal). Pure string code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel
from unidecode import unidecode

from ..extract.context import name_key
from ..extract.lexicon import NAME_PREFIXES
from ..posts import acronyms, is_acronym

#: Honorific and rank words dropped from people's names before comparing (not title words like "head").
HONORIFICS = {w for w in NAME_PREFIXES if w in {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "sheikh", "shaikh", "sheik",
    "imam", "ayatollah", "grand", "hojatoleslam", "hojjatoleslam", "mullah", "rev", "reverend", "general", "gen",
    "brigadier", "brig", "major", "maj", "lieutenant", "lt", "colonel", "col", "captain", "capt", "admiral", "adm",
    "marshal", "haji", "hajji", "sayyed", "seyed", "sayed", "seyyed", "president", "minister", "senator", "sen",
}}
#: How close (0-100, Indel similarity of the normalized words) two same-skeleton words must be.
WORD_SIMILARITY = 70.0
#: Bodies and places are rarely transliterated differently; Niger and Nigeria must stay apart.
ORG_WORD_SIMILARITY = 85.0
_VOWELS = set("aeiouy")
_SPELLING = [("x", "ks"), ("ph", "f"), ("ck", "k"), ("w", "v"), ("dzh", "j"), ("dj", "j"),
             ("ou", "u"), ("oo", "u"), ("ee", "i"), ("kh", "h")]


#: Words remembered by the word functions below (bounded: they run for every name of every article).
_WORD_CACHE = 16384


@lru_cache(maxsize=_WORD_CACHE)
def normalize_word(word: str) -> str:
    """One word in a spelling-neutral form ('Sergey' -> 'sergei', 'Yevgeny' -> 'evgeni')."""
    w = re.sub(r"[^a-z]", "", unidecode(word).lower())
    if w.startswith("ye") and len(w) > 3:
        w = w[1:]
    for a, b in _SPELLING:
        w = w.replace(a, b)
    w = w.replace("y", "i")
    return re.sub(r"(.)\1+", r"\1", w)


@lru_cache(maxsize=_WORD_CACHE)
def word_skeleton(word: str) -> str:
    w = normalize_word(word)
    if not w:
        return ""
    first = "a" if w[0] in _VOWELS else w[0]
    return first + "".join(c for c in w[1:] if c not in _VOWELS)


def same_word(a: str, b: str, similarity: float = WORD_SIMILARITY) -> bool:
    """A and B are one word, maybe spelled differently (Hossein/Hussein: yes; Hassan/Hussein: no).

    Words that end in different vowels are different names (Mario/Maria, Daniela/Daniele), and so
    are words whose lengths differ by more than two letters.
    """
    na, nb = normalize_word(a), normalize_word(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    if word_skeleton(a) != word_skeleton(b) or abs(len(na) - len(nb)) > 2:
        return False
    if na[-1] != nb[-1] and na[-1] in _VOWELS and nb[-1] in _VOWELS:
        return False
    return Indel.normalized_similarity(na, nb) * 100 >= similarity


def person_words(name: str) -> list[str]:
    """The words of a person's name without honorifics or ranks ('Gen. Hossein Salami' -> hossein, salami)."""
    words = name_key(name).split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return words


def skeleton(name: str, type: str) -> str:
    """The blocking key of a whole name: for people the first and last words, else every word."""
    words = person_words(name) if type == "PERSON" else name_key(name).split()
    if type == "PERSON" and len(words) > 2:
        words = [words[0], words[-1]]
    return " ".join(word_skeleton(w) for w in words)


def surname(name: str) -> str | None:
    """A person's last name (folded), or None for a one-word name that may be a first name or a surname."""
    words = person_words(name)
    return words[-1] if words else None


@dataclass(frozen=True)
class NameMatch:
    """How two names compare: ``same`` (bool), ``how`` (exact, transliteration, subset, acronym) and why not."""

    same: bool
    how: str
    why: str


def compare_people(a: str, b: str) -> NameMatch:
    """Whether person names A and B can be one person by their spelling alone."""
    wa, wb = person_words(a), person_words(b)
    if not wa or not wb:
        return NameMatch(False, "none", "an empty name")
    if wa == wb:
        return NameMatch(True, "exact", "the same name")
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) == 1:
        if same_word(short[0], long_[-1]):
            return NameMatch(False, "surname", f"only the surname '{short[0]}' is given: needs context")
        return NameMatch(False, "none", f"'{short[0]}' is not the surname of '{' '.join(long_)}'")
    if not same_word(short[0], long_[0]):
        return NameMatch(False, "none", f"different first names: {short[0]} / {long_[0]}")
    if not same_word(short[-1], long_[-1]):
        return NameMatch(False, "none", f"different last names: {short[-1]} / {long_[-1]}")
    i = 1
    for w in short[1:-1]:  # middle words of the shorter name appear in order in the longer one
        while i < len(long_) - 1 and not same_word(w, long_[i]):
            i += 1
        if i >= len(long_) - 1:
            return NameMatch(False, "none", f"'{w}' is not in '{' '.join(long_)}'")
        i += 1
    spelled = [f"{x}/{y}" for x, y in zip((short[0], short[-1]), (long_[0], long_[-1]), strict=True) if x != y]
    if len(short) == len(long_):
        if spelled:
            return NameMatch(True, "transliteration", "spelling variants: " + ", ".join(spelled))
        return NameMatch(True, "exact", "the same words")
    why = "the same first and last names" + (f" (spelling variants: {', '.join(spelled)})" if spelled else "")
    return NameMatch(True, "subset", why + f"; '{' '.join(short)}' omits a middle name")


def compare_orgs(a: str, b: str) -> NameMatch:
    """Whether two names of bodies (or places) are one: the same words, spelling variants, or an acronym."""
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return NameMatch(True, "exact", "the same name")
    for short, long_ in ((a, b), (b, a)):
        if is_acronym(short) and name_key(short).replace(" ", "") in acronyms(long_):
            return NameMatch(True, "acronym", f"'{short}' is the acronym of '{long_}'")
    wa, wb = ka.split(), kb.split()
    if len(wa) == len(wb) and all(same_word(x, y, ORG_WORD_SIMILARITY) for x, y in zip(wa, wb, strict=True)):
        return NameMatch(True, "transliteration", "spelling variants of the same words")
    return NameMatch(False, "none", "different names")


def compare(a: str, b: str, type: str) -> NameMatch:
    return compare_people(a, b) if type == "PERSON" else compare_orgs(a, b)


__all__ = ["NameMatch", "compare", "compare_orgs", "compare_people", "normalize_word", "person_words", "same_word",
           "skeleton", "surname", "word_skeleton"]
