"""The near-copy index answers exactly what comparing every pair with difflib would."""

from __future__ import annotations

import difflib
import random

from selfaudit.analysis.nearcopy import NearCopies, normalise

BASE = ["Polls close at eight tonight; results by midnight.", "Lunch at the market, great tacos 🌮",
        "Convoy leaves the compound at 05:30 via the river road.", "今天天气真好，去公园散步了", "الجو اليوم حار جدا الله يعين",
        "Погода сегодня отличная, идём гулять", "Vote for the Sunrise Party on Sunday!", "ok", ""]


def _edits(text: str, rng: random.Random, n: int) -> str:
    chars = list(text)
    for _ in range(n):
        if chars and rng.random() < 0.5:
            del chars[rng.randrange(len(chars))]
        else:
            chars.insert(rng.randrange(len(chars) + 1), rng.choice("abcxyz ,.!é字ج"))
    return "".join(chars)


def test_index_matches_every_pair_compared_with_difflib():
    rng = random.Random(7)
    others = BASE + [_edits(t, rng, rng.randrange(1, 12)) for t in BASE for _ in range(4)]
    mine = [_edits(t, rng, rng.randrange(0, 15)) for t in BASE for _ in range(6)] + ["Something else entirely."]
    index = NearCopies(others)
    for text in mine:
        a = normalise(text)
        expected = sorted({o for o in map(normalise, others) if a and o
                           and difflib.SequenceMatcher(None, o, a, autojunk=False).ratio() > 0.8})
        assert sorted(index.of(text)) == expected, text


def test_a_near_copy_differs_only_in_case_spacing_and_a_few_letters():
    index = NearCopies(["Polls close at eight tonight; results by midnight."])
    assert index.of("polls  close at EIGHT tonight; results by midnight!")
    assert not index.of("Polls opened at seven this morning.")
    assert index.of("Polls close at eight tonight, results by midnight") == ["polls close at eight tonight; results by midnight."]
