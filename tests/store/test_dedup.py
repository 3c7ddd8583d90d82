"""MinHash near-duplicate detection: wire copies match, different stories and short texts don't."""

from __future__ import annotations

import os
import subprocess
import sys

from newsgraph.store import dedup

STORY = (
    "Thai Prime Minister Paetongtarn Shinawatra dismissed the army chief on Wednesday, days after a border "
    "clash with Cambodia left one soldier dead. Defence Minister Phumtham Wechayachai told reporters in "
    "Bangkok that the decision had been taken by the cabinet and that a successor would be named within a "
    "week. Cambodian officials in Phnom Penh said they hoped the change would calm tensions along the frontier."
)


def test_a_wire_copy_with_dateline_and_credit_is_similar():
    copy = "BANGKOK, June 4 (Reuters) - " + STORY.replace("Wednesday,", "Wednesday") + " (Reporting by staff)"
    sim = dedup.similarity(dedup.signature(STORY), dedup.signature(copy))
    assert sim >= dedup.THRESHOLD


def test_a_trimmed_copy_is_similar_but_a_rewrite_is_not():
    trimmed = STORY.rsplit(" Cambodian officials", 1)[0]
    assert dedup.similarity(dedup.signature(STORY), dedup.signature(trimmed)) >= dedup.THRESHOLD
    rewrite = ("Cambodia said on Thursday it hoped Thailand's decision to replace its army chief would calm "
               "the frontier, where a soldier was killed last week. The Thai cabinet removed the general on "
               "Wednesday and will name a successor, according to the defence minister in Bangkok.")
    assert dedup.similarity(dedup.signature(STORY), dedup.signature(rewrite)) < 0.3


def test_case_wrapping_and_punctuation_do_not_matter():
    folded = STORY.upper().replace(". ", ".\n\n").replace(",", "")
    assert dedup.similarity(dedup.signature(STORY), dedup.signature(folded)) == 1.0


def test_short_texts_are_not_compared():
    assert dedup.signature("Minister resigns.") is None
    assert dedup.signature("") is None


def test_signatures_round_trip_and_are_stable_across_processes():
    sig = dedup.signature(STORY)
    assert (dedup.from_bytes(dedup.to_bytes(sig)) == sig).all()
    assert len(dedup.bands(sig)) == dedup.BANDS
    code = "import sys; from newsgraph.store import dedup; print(dedup.to_bytes(dedup.signature(sys.argv[1])).hex())"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code, STORY], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == dedup.to_bytes(sig).hex()
