"""Who says so: a user's description of news outlets, and the profile of a fact's supporters.

An outlets file maps an outlet name (as in the articles' ``source``) to its kind and country,
in YAML::

    reuters: {kind: wire, country: GB}
    irna: {kind: state media, country: IR}
    ncr-iran:
      kind: opposition
      country: IR
      aliases: [NCRI, iran.ncr]

or CSV with a header ``name,kind,country[,aliases]`` (aliases separated by ``|``). Names are
compared folded (case, accents, punctuation). ``load_outlets(path)`` reads one;
``default_outlets()`` reads ``$NEWSGRAPH_OUTLETS``, else ``./outlets.yaml`` / ``./outlets.csv``
when present, else knows no outlet. ``Outlets.profile(names)`` says which kinds of outlets
(and countries) a list of outlets is made of.
"""

from __future__ import annotations

import csv
import functools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ParseError

OUTLETS_ENV = "NEWSGRAPH_OUTLETS"
DEFAULT_FILES = ("outlets.yaml", "outlets.yml", "outlets.csv")
UNKNOWN = "unknown"


@functools.lru_cache(maxsize=4096)  # corroboration folds the same few outlet names for every fact it rates
def _fold(name: str) -> str:
    from .extract.context import name_key

    return name_key(name).replace(" ", "")


@dataclass
class Outlets:
    """Outlet name -> {"name", "kind", "country"}."""

    items: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Outlets:
        out = cls()
        for name, info in data.items():
            info = dict(info or {}) if isinstance(info, Mapping) else {"kind": str(info)}
            entry = {"name": str(name), "kind": info.get("kind") or UNKNOWN, "country": info.get("country")}
            out.items[_fold(str(name))] = entry
            aliases = info.get("aliases") or []
            if isinstance(aliases, str):
                aliases = [a for a in aliases.split("|") if a]
            for alias in aliases:
                out.items.setdefault(_fold(str(alias)), entry)
        return out

    def describe(self, outlet: str | None) -> dict[str, Any]:
        if not outlet:
            return {"name": None, "kind": UNKNOWN, "country": None}
        return self.items.get(_fold(outlet)) or {"name": outlet, "kind": UNKNOWN, "country": None}

    def profile(self, outlet_names: Iterable[str | None]) -> dict[str, Any]:
        """How many of these outlets are of each kind and country, e.g. {"kinds": {"wire": 2}}."""
        kinds: dict[str, int] = {}
        countries: dict[str, int] = {}
        for name in set(outlet_names):
            d = self.describe(name)
            kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
            if d.get("country"):
                countries[d["country"]] = countries.get(d["country"], 0) + 1
        return {"kinds": dict(sorted(kinds.items())), "countries": dict(sorted(countries.items()))}

    def __len__(self) -> int:
        return len(self.items)


def load_outlets(path: str | os.PathLike) -> Outlets:
    """Read an outlets file (.yaml/.yml or .csv); raises ParseError for a malformed one."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as err:
        raise ParseError(f"{p}: cannot read outlets file ({err.strerror})", source=str(p)) from err
    if p.suffix.lower() == ".csv":
        rows = list(csv.DictReader(text.splitlines()))
        if rows and "name" not in rows[0]:
            raise ParseError(f"{p}: an outlets CSV needs a 'name' column", source=str(p))
        return Outlets.from_mapping({r["name"]: {"kind": r.get("kind"), "country": r.get("country"),
                                                 "aliases": r.get("aliases") or ""} for r in rows if r.get("name")})
    import yaml

    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as err:
        raise ParseError(f"{p}: not valid YAML ({err})", source=str(p)) from err
    if isinstance(data, list):  # a list of {name, kind, country}
        data = {d["name"]: d for d in data if isinstance(d, Mapping) and d.get("name")}
    if not isinstance(data, Mapping):
        raise ParseError(f"{p}: expected outlet name -> kind/country", source=str(p))
    return Outlets.from_mapping(data)


def default_outlets() -> Outlets:
    path = os.environ.get(OUTLETS_ENV)
    if path:
        return load_outlets(path)
    for name in DEFAULT_FILES:
        if Path(name).is_file():
            return load_outlets(name)
    return Outlets()


__all__ = ["OUTLETS_ENV", "Outlets", "default_outlets", "load_outlets"]
