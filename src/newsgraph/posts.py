"""Posts: which post a title names, so that variants of one post compare equal.

"Secretary of the Supreme National Security Council", "SNSC secretary" and "secretary of the
council" (when the fact names the council as its org) are one post. A title is read as

- a *role*: the post word, with its synonyms folded ("chairman", "head", "chief", "director"
  and "leader" of a body are all ``head``; "spokesman"/"spokeswoman" are ``spokesperson``),
  keeping grade words that make another post ("deputy head", "vice-president");
- a *qualifier*: the rest of the title without status words ("former", "acting"), descriptions
  ("new", "powerful") and function words: the portfolio or the body ("interior", "supreme
  national security council", "snsc"). Its words are kept in order in ``phrase`` (to look the
  body up by name) and sorted in the key (so "interior minister" = "minister of the interior").

``post_key(title)`` is stored with every fact (``facts.post_key``, ``facts.role``) so that
``holders`` finds a post's facts by index. Pure string code: no model, no database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: Multi-word posts, matched on the folded title before it is split into words.
_COMPOUNDS = [
    (r"\bcommander in chief\b", "commander"),
    (r"\bdirector general\b", "head"),
    (r"\bsecretary general\b", "secretary-general"),
    (r"\battorney general\b", "attorney-general"),
    (r"\bvice president\b", "vice-president"),
    (r"\bprime minister\b", "prime-minister"),
    (r"\bunder secretary\b", "undersecretary"),
    (r"\bchief of staff\b", "chief-of-staff"),
    (r"\bchief of the general staff\b", "chief-of-staff"),
    (r"\bchief of general staff\b", "chief-of-staff"),
    # "X General" posts are their own posts, not the rank ("prosecutor general" is no general)
    (r"\b(?:prosecutor|procurator) general\b", "prosecutor-general"),
    (r"\binspector general\b", "inspector-general"),
    (r"\bauditor general\b", "auditor-general"),
    (r"\bsolicitor general\b", "solicitor-general"),
    (r"\bsurgeon general\b", "surgeon-general"),
    (r"\bcomptroller general\b", "comptroller-general"),
    (r"\bgovernor general\b", "governor-general"),
    (r"\bmembers? of (?:the )?(?:parliament|congress|the national assembly|national assembly)\b", "lawmaker"),
]
#: Post words -> the role they name. Synonyms of "the person at the top of a body" share ``head``.
ROLE_WORDS = {
    "head": "head", "chief": "head", "leader": "head", "chairman": "head", "chairwoman": "head", "chair": "head",
    "chairperson": "head", "director": "head", "boss": "head",
    "minister": "minister", "secretary": "secretary", "secretary-general": "secretary-general",
    "commander": "commander", "president": "president", "vice-president": "vice-president",
    "prime-minister": "prime-minister", "premier": "prime-minister", "chancellor": "chancellor",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "adviser": "adviser", "advisor": "adviser", "governor": "governor", "mayor": "mayor",
    "ambassador": "ambassador", "envoy": "envoy", "speaker": "speaker", "prosecutor": "prosecutor",
    "attorney-general": "attorney-general", "judge": "judge", "justice": "judge", "commissioner": "commissioner",
    "undersecretary": "undersecretary", "chief-of-staff": "chief-of-staff", "general": "general",
    "admiral": "admiral", "colonel": "colonel", "king": "king", "queen": "queen", "emir": "emir",
    "superintendent": "superintendent", "inspector": "inspector", "treasurer": "treasurer", "ceo": "head",
    "member": "member", "official": "official", "officer": "officer", "deputy": "deputy",
    "representative": "representative", "coordinator": "coordinator", "negotiator": "negotiator",
    "prosecutor-general": "prosecutor-general", "inspector-general": "inspector-general",
    "auditor-general": "auditor-general", "solicitor-general": "solicitor-general",
    "surgeon-general": "surgeon-general", "comptroller-general": "comptroller-general",
    "governor-general": "governor-general",
    # members of a legislature: one role whatever the country calls them (a senator sits in another chamber)
    "lawmaker": "lawmaker", "legislator": "lawmaker", "parliamentarian": "lawmaker", "mp": "lawmaker",
    "congressman": "lawmaker", "congresswoman": "lawmaker", "assemblyman": "lawmaker",
    "assemblywoman": "lawmaker", "senator": "senator", "councillor": "councillor", "councilor": "councillor",
    "councilman": "councillor", "councilwoman": "councillor",
}
#: Grade words that, before a role, make another post.
GRADES = {"deputy", "vice", "assistant", "first"}
#: Words that say something about the holder or the time, not the post.
STATUS_WORDS = {
    "former", "ex", "previous", "outgoing", "erstwhile", "then", "late", "onetime", "one", "time", "acting",
    "interim", "caretaker", "new", "newly", "incoming", "current", "sitting", "incumbent", "serving", "present",
    "now", "recently", "appointed", "named", "elected", "designated", "longtime", "long", "longest", "veteran",
    "powerful", "influential", "notorious", "embattled", "ousted", "sacked", "dismissed", "fired", "retired",
    "regime",
}
FUNCTION_WORDS = {"the", "of", "for", "to", "at", "and", "a", "an", "s", "in", "on", "de", "del", "la", "el", "&"}
_COMPLEMENT = {"of", "for", "to", "at"}


@dataclass(frozen=True)
class Post:
    """A title read as a post: ROLE plus the words that say which one (QUALIFIER)."""

    role: str
    #: the qualifier's words in title order, e.g. "supreme national security council"
    phrase: str

    @property
    def qualifier(self) -> str:
        return " ".join(sorted(set(self.phrase.split())))

    @property
    def key(self) -> str:
        return f"{self.role}|{self.qualifier}"


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces (hyphens and apostrophes kept inside words)."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\-]+", " ", s)
    s = re.sub(r"\s*-\s*", "-", s).strip()
    return re.sub(r"\s+", " ", s)


_POSSESSOR = re.compile(r"(?:\b[A-Z][\w.-]*\s+)*\b[\w.-]+'s?\s+")


def _words(title: str) -> list[str]:
    # "Kazakhstan's National Security Committee": the possessor is the fact's org, not part of the post
    title = _POSSESSOR.sub("", title.replace("\u2019", "'"), count=1) if re.search(r"\w's\s", title) else title
    title = re.sub(r"\([^)]*\)", " ", title)  # "(SGB)": another name of the body, already in the phrase
    s = " " + fold(title).replace("-", " ") + " "
    for pattern, repl in _COMPOUNDS:
        s = re.sub(pattern, repl, s)
    return [w for w in s.split() if w]


@lru_cache(maxsize=65536)
def parse_title(title: str | None) -> Post | None:
    """The post TITLE names, or None when it has no post word ("police", "")."""
    if not title:
        return None
    words = [w for w in _words(title) if w not in STATUS_WORDS and w != "ex"]
    if not words:
        return None
    # the head is the post word before the first complement ("secretary of the council"), else the last one
    cut = next((i for i, w in enumerate(words) if w in _COMPLEMENT), len(words))
    head = next((i for i in range(cut - 1, -1, -1) if words[i] in ROLE_WORDS), None)
    if head is None:
        head = next((i for i in range(len(words) - 1, -1, -1) if words[i] in ROLE_WORDS), None)
    if head is None:
        return None
    role = ROLE_WORDS[words[head]]
    grades = [w for w in words[:head] if w in GRADES and (w != "first" or "deputy" in words[:head])]
    if role == "deputy" and head + 1 < len(words) and words[head + 1] in ROLE_WORDS:
        role = "deputy " + ROLE_WORDS[words[head + 1]]  # "deputy chairman" written "deputy-chairman"
        head += 1
    if grades:
        role = " ".join([*grades, role])
    rest = words[:head] + words[head + 1:]
    phrase = " ".join(w for w in rest if w not in FUNCTION_WORDS and w not in ROLE_WORDS and w not in GRADES)
    return Post(role=role, phrase=phrase)


def post_key(title: str | None) -> str | None:
    """``role|sorted qualifier words`` for TITLE, or None when it names no post."""
    post = parse_title(title)
    return post.key if post else None


def role_of(title: str | None) -> str | None:
    post = parse_title(title)
    return post.role if post else None


def acronyms(phrase: str) -> set[str]:
    """Acronyms a body's name may be written as ("supreme national security council" -> "snsc").

    Function words may or may not be spelled ("ministry of intelligence and security" -> "mis",
    "mois", "moias"), so every combination that keeps "of" / "and" / "for" is produced.
    """
    words = [w for w in fold(phrase).replace("-", " ").split() if w]
    if len(words) < 2:
        return set()
    content = [w[0] for w in words if w not in FUNCTION_WORDS]
    with_of = [w[0] for w in words if w not in FUNCTION_WORDS or w in {"of", "for"}]
    everything = [w[0] for w in words if w != "the"]
    return {"".join(x) for x in (content, with_of, everything) if len(x) >= 2}


def is_acronym(form: str) -> bool:
    """True for 'MOIS', 'IRGC-IO', 'KNB': short, mostly capital letters."""
    letters = [c for c in form if c.isalpha()]
    return 2 <= len(letters) <= 10 and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1) and " " not in form


__all__ = ["Post", "acronyms", "fold", "is_acronym", "parse_title", "post_key", "role_of"]
