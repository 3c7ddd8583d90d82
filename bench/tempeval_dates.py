"""Date normalisation against TempEval-3 platinum: TIMEX3 DATE values vs ours.

Each document's creation time (DCT) plays the publication date. Every DATE TIMEX3 is
normalised twice: from its words alone (``normalize(text, dct)``) and in context, the way
the extractors see it (``dates.mentions`` over the parsed document: tense of the verb it
attaches to, anchor for "a week after"). Gold values are compared after reducing them to
the forms newsgraph emits: a week or a season becomes the month or year that contains it
(or nothing, when it straddles one); PRESENT_REF/PAST_REF and undetermined values
("XXXX-XX-XX") count as right when we give None.

    .venv/bin/python bench/tempeval_dates.py [--corpus DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import html
import re
from datetime import date, timedelta
from pathlib import Path

from newsgraph.article import Article
from newsgraph.extract.context import Context
from newsgraph.extract.dates import _governing_verb, _Period, mentions, normalize, tense_of
from newsgraph.nlp import get_nlp

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/eval/external/tempeval3_platinum"
_TIMEX = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def expected(value: str) -> str | None:
    """The gold TIMEX3 value in newsgraph's forms, or None when it names no placeable date."""
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return _Period(monday, monday + timedelta(days=6)).iso()
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        first, last = _SEASON_MONTHS[m[2]]
        return m[1] if last > first else None
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return value
    return None


def read_tml(path: Path) -> tuple[str, date, list[tuple[int, int, str, str]]]:
    """Plain text, DCT and the DATE TIMEX3s (start, end, words, value) of one TimeML file."""
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r'<DCT><TIMEX3[^>]*value="(\d{4}-\d{2}-\d{2})"', raw)
    dct = date.fromisoformat(dct_m[1])
    body = raw[raw.index("<TEXT>") + len("<TEXT>"): raw.index("</TEXT>")]
    text, timexes, pos = [], [], 0
    # strip every tag, remembering where each TIMEX3's words land in the plain text
    for m in re.finditer(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>|<[^>]+>", body, re.S):
        text.append(html.unescape(body[pos:m.start()]))
        if m.group(1) is not None:
            attrs = dict(_ATTR.findall(m.group(1)))
            words = html.unescape(re.sub(r"<[^>]+>", "", m.group(2)))
            start = sum(len(t) for t in text)
            text.append(words)
            if attrs.get("type") == "DATE":
                timexes.append((start, start + len(words), words, attrs.get("value", "")))
        pos = m.end()
    text.append(html.unescape(body[pos:]))
    return "".join(text), dct, timexes


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    nlp = get_nlp()
    total = words_ok = context_ok = 0
    for path in sorted(args.corpus.glob("*.tml")):
        text, dct, timexes = read_tml(path)
        ctx = Context(article=Article(text=text, published=dct), doc=nlp(text))
        found = mentions(ctx)
        for start, end, words, value in timexes:
            want = expected(value)
            alone = normalize(words, dct)
            # in context: the tense of the clause it modifies, the previous date as anchor
            overlap = [m for m in found if m.start < end and start < m.end]
            attach = overlap[0].attach if overlap else None
            tense = tense_of(_governing_verb(attach)) if attach is not None else None
            before = [m.value for m in found if m.end <= start and m.value and not m.value.startswith("--")]
            in_context = normalize(words, dct, anchor=before[-1] if before else None, tense=tense)
            total += 1
            words_ok += alone == want
            context_ok += in_context == want
            if args.verbose and in_context != want:
                print(f"{path.stem:28} {words!r:28} gold={value:12} want={want!s:10} "
                      f"words={alone!s:10} context={in_context}")
    print(f"TempEval-3 platinum DATE timexes: {total}")
    print(f"  words alone : {words_ok}/{total} = {words_ok / total:.3f}")
    print(f"  in context  : {context_ok}/{total} = {context_ok / total:.3f}")


if __name__ == "__main__":
    main()
