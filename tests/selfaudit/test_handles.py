"""The handle parser: every form a person pastes, and clear errors for the rest."""

from __future__ import annotations

import pytest

from selfaudit.errors import HandleError
from selfaudit.handles import parse_handle


@pytest.mark.parametrize(
    ("text", "platform", "handle", "service"),
    [
        ("@nadia@mastodon.social", "mastodon", "nadia@mastodon.social", None),
        ("mastodon:@nadia@mastodon.social", "mastodon", "nadia@mastodon.social", None),
        ("mastodon:nadia@Mastodon.Social", "mastodon", "nadia@mastodon.social", None),
        ("https://mastodon.social/@nadia", "mastodon", "nadia@mastodon.social", None),
        ("mastodon:@nadia@http://127.0.0.1:8799", "mastodon", "nadia@127.0.0.1:8799", "http://127.0.0.1:8799"),
        ("http://127.0.0.1:8799/@nadia", "mastodon", "nadia@127.0.0.1:8799", "http://127.0.0.1:8799"),
        ("bsky:alice.example.com", "bluesky", "alice.example.com", None),
        ("@alice.bsky.social", "bluesky", "alice.bsky.social", None),
        ("bsky:did:plc:ewvi7nxzyoun6zhxrhs64oiz", "bluesky", "did:plc:ewvi7nxzyoun6zhxrhs64oiz", None),
        ("https://bsky.app/profile/alice.example.com", "bluesky", "alice.example.com", None),
        ("bsky:alice.test@http://127.0.0.1:2583", "bluesky", "alice.test", "http://127.0.0.1:2583"),
        ("bsky:did:web:alice.example.com", "bluesky", "did:web:alice.example.com", None),
        ("https://site.example", "web", "https://site.example/", None),
        ("https://Site.Example/blog/", "web", "https://site.example/blog/", None),
        ("http://127.0.0.1:8799/blog/", "web", "http://127.0.0.1:8799/blog/", None),
        ("rss:https://site.example/feed.xml", "web", "https://site.example/feed.xml", None),
    ],
)
def test_good_specs(text: str, platform: str, handle: str, service: str | None) -> None:
    spec = parse_handle(text)
    assert (spec.platform, spec.handle, spec.service_url) == (platform, handle, service)
    assert spec.raw == text


def test_kinds_and_parts() -> None:
    assert parse_handle("rss:https://site.example/feed.xml").kind == "feed"
    assert parse_handle("https://site.example").kind == "site"
    spec = parse_handle("@nadia@mastodon.social")
    assert (spec.kind, spec.user, spec.host) == ("profile", "nadia", "mastodon.social")


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("", "empty"),
        ("nadia", "not a handle"),
        ("@nadia@", "needs a user and a server"),
        ("mastodon:@na dia@host.org", "spaces"),
        ("http://example.com/blog", "loopback"),
        ("mastodon:@nadia@http://example.com", "loopback"),
        ("ftp://site.example", "not a handle"),
        ("bsky:not_a_domain", "not a Bluesky handle"),
        ("bsky:did:key:zQ3", "did:plc or did:web"),
        ("https://bsky.app/search?q=x", "profile URL"),
        ("x:@", "needs a user name"),
        ("https://user:pw@site.example", "password"),
    ],
)
def test_bad_specs_say_what_a_good_one_looks_like(text: str, hint: str) -> None:
    with pytest.raises(HandleError) as info:
        parse_handle(text)
    message = str(info.value)
    assert hint in message
    assert "Examples of handles" in message
