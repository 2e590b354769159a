"""The account view the account rules read, built from a profile row and the account's posts."""

from __future__ import annotations

from selfaudit.analysis.account_view import account_view, organisation, post_text


def test_post_text_adds_image_descriptions() -> None:
    assert post_text({"text": "Team photo", "media_alt": ["Staff at the UNDP office", "", None]}) == \
        "Team photo\nStaff at the UNDP office"
    assert post_text({"text": None, "media_alt": None}) == ""


def test_profile_fields_count_like_the_bio_and_every_address_counts() -> None:
    profile = {"platform": "mastodon", "account": "nia@example.social", "display_name": "Nia", "bio": "Bread",
               "links": ["https://example.org"], "email": "nia@example.com",
               "extra": {"fields": [{"name": "Work", "value": "UNDP"}, "junk"], "emails": ["nia@undp.org", 3]}}
    posts = [{"id": 1, "kind": "original", "text": "Hello"}, {"id": 2, "kind": "page", "text": "About me", "media_alt": ["me"]}]
    view = account_view(profile, posts, {2: frozenset({"partisan-politics"})})
    assert view.handle == "nia@example.social" and view.bio == "Bread\nWork: UNDP"
    assert view.email == "nia@example.com nia@undp.org" and view.links == ("https://example.org",)
    assert view.posts == ("Hello", "About me\nme") and view.pages == ("About me\nme",)
    assert view.post_concerns == (frozenset(), frozenset({"partisan-politics"}))


def test_pages_only_and_handle_fallback() -> None:
    view = account_view({"handle": "@sam", "extra": "not a mapping"},
                        [{"id": 1, "kind": "original", "text": "x"}, {"id": 2, "kind": "page", "text": "y"}], {},
                        pages_only=True)
    assert view.handle == "@sam" and view.posts == ("y",) and view.email is None and view.platform == ""


def test_organisation_comes_from_the_pack(mini_pack) -> None:
    org = organisation(mini_pack)
    assert org.names == mini_pack.organisation_names and org.domains == mini_pack.organisation_domains
