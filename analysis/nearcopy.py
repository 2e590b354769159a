"""Near-copies between sets of texts: the corpus rule that keeps dev, test and training text apart.

A pair is a near-copy when difflib's ratio on normalised texts is above 0.8. Comparing every pair
with difflib grew quadratic with the corpus (minutes once the sets held ~9,000 posts each), so
:class:`NearCopies` first keeps the candidates whose lengths and shared characters (difflib's own
``quick_ratio`` bound, computed for all candidates at once from per-character counts) and whose longest
common subsequence (rapidfuzz's Indel similarity, in C) can still reach the ratio: exact filters, the
answer is the same as comparing every pair with difflib.
"""

from __future__ import annotations

import bisect
import difflib
import unicodedata
from collections import Counter
from collections.abc import Iterable

import numpy as np
from rapidfuzz.distance import Indel

__all__ = ["NEAR_COPY", "NearCopies", "normalise"]

NEAR_COPY = 0.8


def normalise(text: str) -> str:
    """NFC, whitespace collapsed, case folded: the form texts are compared in."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


class NearCopies:
    """An index of texts (``others``) that answers which of them a new text nearly copies."""

    def __init__(self, others: Iterable[str], ratio: float = NEAR_COPY) -> None:
        self.ratio = ratio
        self.texts = sorted({normalise(t) for t in others if t.strip()}, key=len)
        self.lengths = [len(t) for t in self.texts]
        self._length_array = np.asarray(self.lengths, dtype=np.int64)  # made once, not per query
        holders: dict[str, list[int]] = {}
        times: dict[str, list[int]] = {}
        for i, text in enumerate(self.texts):
            for ch, n in Counter(text).items():
                holders.setdefault(ch, []).append(i)
                times.setdefault(ch, []).append(n)
        # Per character: the texts that hold it (ascending) and how often each does.
        self._by_char = {ch: (np.asarray(rows, dtype=np.int64), np.asarray(times[ch], dtype=np.int64))
                         for ch, rows in holders.items()}

    def of(self, text: str) -> list[str]:
        """The indexed texts that ``text`` nearly copies (normalised), shortest first."""
        mine = normalise(text)
        if not mine or not self.texts:
            return []
        r = self.ratio
        # 2 * min(a, b) / (a + b) > r  needs  b within (a * r / (2 - r), a * (2 - r) / r)
        lo = bisect.bisect_left(self.lengths, len(mine) * r / (2 - r))
        hi = bisect.bisect_right(self.lengths, len(mine) * (2 - r) / r)
        if lo >= hi:
            return []
        shared = np.zeros(hi - lo, dtype=np.int64)
        for ch, n in Counter(mine).items():
            if ch in self._by_char:
                rows, times = self._by_char[ch]
                a, b = np.searchsorted(rows, (lo, hi))
                shared[rows[a:b] - lo] += np.minimum(times[a:b], n)
        bound = 2.0 * shared / (len(mine) + self._length_array[lo:hi])
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(mine)  # difflib caches what it learns about its second text
        found = []
        for i in np.flatnonzero(bound > r):
            other = self.texts[lo + i]
            # 2 * LCS / (a + b), in C: at least difflib's ratio (its blocks are a common subsequence)
            if Indel.normalized_similarity(other, mine) <= r:
                continue
            matcher.set_seq1(other)
            if matcher.ratio() > r:
                found.append(other)
        return found
