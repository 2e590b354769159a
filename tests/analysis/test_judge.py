"""The one-sentence reason a person reads next to each finding."""

from __future__ import annotations

from analysis.judge import _reason


def test_reason_names_the_trigger_words_or_the_nearest_example(mini_pack) -> None:
    concern = next(c for c in mini_pack.concerns if c.id == "partisan-politics")
    with_words = _reason(concern, ("vote", "party"), "original")
    assert "“vote”" in with_words and "“party”" in with_words and "pack" not in with_words
    liked = _reason(concern, (), "like", "Everyone out for the Lantern Party rally on Friday! " * 3)
    assert liked.startswith("This liked post is close in meaning to known examples")
    assert "“Everyone out for the Lantern Party rally" in liked and liked.endswith("…”.")
    assert "pack" not in liked
