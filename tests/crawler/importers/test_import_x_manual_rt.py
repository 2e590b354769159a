"""Old manual retweets in X archives are reposts, or quotes when the user added words (#14 item 16)."""

from __future__ import annotations

import pytest
from selfaudit.crawler.importers.x import manual_retweet, parse_tweet


@pytest.mark.parametrize(("text", "kind", "author"), [
    ("RT @bob: the original text", "repost", "bob"),
    ("RT @bob : le texte original, avec l'espace française", "repost", "bob"),
    ("RT: @bob the original text", "repost", "bob"),
    ("RT: @bob: the original text", "repost", "bob"),
    ("RT @bob the original text without a colon", "repost", "bob"),
    ("rt @Bob_99: lower case", "repost", "Bob_99"),
    ("MT @carol: a shortened version of her text", "repost", "carol"),
    ("Great read on water policy https://news.example/a via @dave", "repost", "dave"),
    ("Great read on water policy (via @dave)", "repost", "dave"),
    ("Agreed, 100%! RT @erin: vote for the Harbor Party", "quote", "erin"),
    ("So true MT @frank : shortened text", "quote", "frank"),
])
def test_manual_retweets_are_recognised(text: str, kind: str, author: str) -> None:
    assert manual_retweet(text) == (kind, author)
    rec = parse_tweet({"tweet": {"id_str": "1", "full_text": text}}, account="me")
    assert rec is not None and (rec.kind, rec.original_author) == (kind, author)


@pytest.mark.parametrize("text", [
    "Heading out via the old road with @bob today",
    "ART @gallery opening tonight",
    "email me at me@example.org via the form",
    "Support the SMART @city plan",
    "@bob RT is not a thing here",
])
def test_ordinary_posts_stay_originals(text: str) -> None:
    assert manual_retweet(text) is None
    rec = parse_tweet({"tweet": {"id_str": "1", "full_text": text}}, account="me")
    assert rec is not None and rec.kind == "original"
