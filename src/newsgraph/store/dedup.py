"""Near-duplicate detection: wire copies of one story republished by several outlets.

A text is reduced to the set of its word 5-grams ("shingles") and a 128-value MinHash
signature of that set (datasketch's algorithm). Two signatures agree in a share of positions that
estimates the Jaccard similarity of the two shingle sets. To find candidates without
comparing against every stored article, the signature is cut into 32 bands of 4 values;
articles sharing any band hash are candidates (the ``lsh_bands`` table), and a candidate is
a near-duplicate when its estimated similarity reaches ``THRESHOLD``.

With 32 bands of 4, a pair at similarity 0.7 becomes a candidate with probability > 0.999,
a pair at 0.3 with about 0.23: candidates are then checked on the full signature.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

from ..article import normalize_text

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE = 5
#: Estimated Jaccard similarity of word 5-grams from which two texts are one story.
THRESHOLD = 0.7
#: Texts with fewer shingles than this are too short to call near-duplicates safely.
MIN_SHINGLES = 8
_SEED = 1
_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """Word k-grams of the folded text: punctuation, case and line wrapping don't matter."""
    words = _WORD.findall(normalize_text(text).lower())
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The NUM_PERM random hash functions h(x) = (a*x + b) mod p, fixed by the seed (as datasketch)."""
    gen = np.random.RandomState(_SEED)
    pairs = [(gen.randint(1, _MERSENNE, dtype=np.uint64), gen.randint(0, _MERSENNE, dtype=np.uint64))
             for _ in range(NUM_PERM)]
    a, b = np.array(pairs, dtype=np.uint64).T
    return a, b


_A, _B = _permutations()


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of TEXT, or None when the text is too short to compare.

    The standard MinHash of ``datasketch.MinHash`` (sha1-32 of each shingle under 128 random
    affine hashes modulo 2**61-1), computed with numpy directly: importing datasketch alone
    costs seconds per process.
    """
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    hv = np.array([int.from_bytes(hashlib.sha1(g.encode("utf-8")).digest()[:4], "little") for g in grams],
                  dtype=np.uint64)
    with np.errstate(over="ignore"):  # a*x wraps modulo 2**64, as in datasketch
        phv = np.bitwise_and((np.outer(hv, _A) + _B) % _MERSENNE, _MAX_HASH)
    return phv.min(axis=0)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u8").astype(np.uint64)


def bands(sig: np.ndarray) -> list[tuple[int, str]]:
    """(band number, hash of that band's values) for the LSH index."""
    raw = sig.astype("<u8")
    return [(b, hashlib.blake2b(raw[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8).hexdigest())
            for b in range(BANDS)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.mean(a == b))
