"""Closed platforms: every spec and profile URL form is recognised, and never taken for a website."""

from __future__ import annotations

import pytest

from selfaudit.errors import HandleError
from selfaudit.handles import parse_handle
from selfaudit.platforms import CLOSED, guidance, next_step, split_closed


@pytest.mark.parametrize(
    ("text", "platform", "handle", "url"),
    [
        ("x:@Talia_MH", "x", "talia_mh", "https://x.com/talia_mh"),
        ("twitter:talia", "x", "talia", "https://x.com/talia"),
        ("https://x.com/Talia_MH", "x", "talia_mh", "https://x.com/talia_mh"),
        ("https://twitter.com/talia/", "x", "talia", "https://x.com/talia"),
        ("https://mobile.twitter.com/talia?lang=en", "x", "talia", "https://x.com/talia"),
        ("instagram:@talia.mh", "instagram", "talia.mh", "https://www.instagram.com/talia.mh/"),
        ("ig:talia_mh", "instagram", "talia_mh", "https://www.instagram.com/talia_mh/"),
        ("https://www.instagram.com/talia.mh/?igsh=abc", "instagram", "talia.mh", "https://www.instagram.com/talia.mh/"),
        ("facebook:talia.mh", "facebook", "talia.mh", "https://www.facebook.com/talia.mh"),
        ("https://www.facebook.com/talia.mh", "facebook", "talia.mh", "https://www.facebook.com/talia.mh"),
        ("https://m.facebook.com/profile.php?id=100012345678", "facebook", "id/100012345678",
         "https://www.facebook.com/profile.php?id=100012345678"),
        ("https://www.facebook.com/people/Talia-M/100012345678/", "facebook", "id/100012345678",
         "https://www.facebook.com/profile.php?id=100012345678"),
        ("linkedin:talia-mh", "linkedin", "talia-mh", "https://www.linkedin.com/in/talia-mh/"),
        ("https://www.linkedin.com/in/talia-mh/", "linkedin", "talia-mh", "https://www.linkedin.com/in/talia-mh/"),
        ("https://uk.linkedin.com/in/Talia-MH", "linkedin", "talia-mh", "https://www.linkedin.com/in/talia-mh/"),
        ("tiktok:@talia.mh", "tiktok", "talia.mh", "https://www.tiktok.com/@talia.mh"),
        ("https://www.tiktok.com/@talia.mh", "tiktok", "talia.mh", "https://www.tiktok.com/@talia.mh"),
        ("threads:@talia.mh", "threads", "talia.mh", "https://www.threads.net/@talia.mh"),
        ("https://www.threads.net/@talia.mh", "threads", "talia.mh", "https://www.threads.net/@talia.mh"),
        ("https://www.threads.com/@talia.mh", "threads", "talia.mh", "https://www.threads.net/@talia.mh"),
        ("youtube:@TaliaMH", "youtube", "taliamh", "https://www.youtube.com/@taliamh"),
        ("https://www.youtube.com/@TaliaMH", "youtube", "taliamh", "https://www.youtube.com/@taliamh"),
        ("https://www.youtube.com/c/TaliaMH", "youtube", "c/taliamh", "https://www.youtube.com/c/taliamh"),
        ("https://www.youtube.com/user/talia", "youtube", "user/talia", "https://www.youtube.com/user/talia"),
        ("https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv", "youtube", "channel/UCabcdefghijklmnopqrstuv",
         "https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv"),
    ],
)
def test_closed_platform_forms(text: str, platform: str, handle: str, url: str) -> None:
    spec = parse_handle(text)
    assert (spec.platform, spec.handle, spec.url, spec.kind, spec.raw) == (platform, handle, url, "archive", text)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("x:@this_name_is_far_too_long", "not a valid X (Twitter) user name"),
        ("x:@", "needs a user name"),
        ("https://x.com/home", "not a profile URL of X"),
        ("https://x.com/talia/status/123", "not a profile URL of X"),
        ("https://www.instagram.com/p/Cabc123/", "not a profile URL of Instagram"),
        ("instagram:@no-dashes", "not a valid Instagram user name"),
        ("https://www.facebook.com/groups/123", "not a profile URL of Facebook"),
        ("https://www.facebook.com/profile.php", "profile.php?id="),
        ("https://www.linkedin.com/company/un/", "linkedin.com/in/name"),
        ("https://www.tiktok.com/talia", "tiktok.com/@name"),
        ("tiktok:@a", "not a valid TikTok user name"),
        ("https://www.threads.net/talia", "threads.net/@name"),
        ("https://www.youtube.com/watch?v=abc", "not a profile URL of YouTube"),
        ("https://www.youtube.com/channel/nope", "not a profile URL of YouTube"),
    ],
)
def test_bad_closed_platform_specs(text: str, hint: str) -> None:
    with pytest.raises(HandleError) as info:
        parse_handle(text)
    assert hint in str(info.value)


def test_a_bare_at_name_lists_the_ways_to_say_which_platform() -> None:
    with pytest.raises(HandleError) as info:
        parse_handle("@someone")
    message = str(info.value)
    for way in ("@someone@mastodon.social", "@someone.bsky.social", "x:@someone", "instagram:@someone",
                "facebook:someone", "linkedin:someone", "tiktok:@someone", "threads:@someone", "youtube:@someone"):
        assert way in message
    assert parse_handle("@alice.bsky.social").platform == "bluesky"


def test_other_sites_stay_websites() -> None:
    assert parse_handle("https://notx.com/talia").platform == "web"
    assert parse_handle("https://blog.example/in/talia").platform == "web"


@pytest.mark.parametrize("platform", sorted(CLOSED))
def test_guidance_says_where_how_long_what_format_and_file(platform: str) -> None:
    plat = CLOSED[platform]
    text = "\n".join(guidance(platform, "talia"))
    assert "cannot be read publicly" in text and "@talia" in text
    for part in (plat.where, plat.wait, plat.choose, plat.file):
        assert part in text
    if plat.importer:
        assert f"selfaudit import PATH --platform {plat.importer}" in text
        assert f"--platform {plat.importer}" in next_step(platform)
    else:
        assert "cannot read" in text and "cannot read" in next_step(platform)
    if platform in ("instagram", "facebook", "threads", "tiktok"):
        assert "JSON" in plat.choose


def test_split_closed_keeps_the_order() -> None:
    specs = [parse_handle(t) for t in ("@a@h.example", "x:@a", "https://site.example", "ig:b")]
    crawlable, closed = split_closed(specs)
    assert [s.platform for s in crawlable] == ["mastodon", "web"]
    assert [s.platform for s in closed] == ["x", "instagram"]
