"""The ownership test of a page a bio links to: the user's site, link-in-bio page, or a rel="me" link back."""

from __future__ import annotations

import json

from selfaudit.crawler.parsers.ownership import account_of, claimed_links, ownership, page_title

OWNERS = [("mastodon", "talia@social.example"), ("bluesky", "talia.example.org"), ("x", "taliamh")]
SITES = ["https://blog.example/talia/"]


def _page(body: str, title: str = "A page") -> str:
    return f"<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>"


def test_a_news_article_or_a_friends_site_is_nobodys_own() -> None:
    news = _page('<p>Vote Aurora!</p><a href="https://social.example/@talia">our source</a>', "Rally | Times")
    assert ownership("https://news.example/2024/rally", news, owners=OWNERS, sites=SITES) is None
    # on the user's Mastodon server or the same host as her blog, but outside what she named
    assert ownership("https://social.example/about", _page("x"), owners=OWNERS, sites=SITES) is None
    assert ownership("https://blog.example/bob/", _page("x"), owners=OWNERS, sites=SITES) is None
    # someone else's link-in-bio page, or one that lists other people's accounts
    assert ownership("https://linktr.ee/marco", _page("x"), owners=OWNERS, sites=SITES) is None
    friend = _page('<a rel="me" href="https://social.example/@marco">me</a>')
    assert ownership("https://marco.example/", friend, owners=OWNERS, sites=SITES) is None
    assert page_title(news) == "Rally | Times"


def test_the_users_site_and_bluesky_domain_are_hers() -> None:
    assert ownership("https://blog.example/talia/cv", _page("x"), owners=OWNERS, sites=SITES) == "site"
    assert ownership("https://talia.example.org/now", _page("x"), owners=OWNERS, sites=SITES) == "site"
    assert ownership("https://www.talia.example.org/", _page("x"), owners=OWNERS, sites=SITES) == "site"


def test_her_link_in_bio_page_for_the_handle() -> None:
    assert ownership("https://linktr.ee/talia", _page("x"), owners=OWNERS, sites=SITES) == "link-in-bio"
    assert ownership("https://beacons.ai/TaliaMH", _page("x"), owners=OWNERS, sites=SITES) == "link-in-bio"


def test_rel_me_back_to_one_of_her_accounts() -> None:
    for href in ("https://social.example/@talia", "https://social.example/users/talia", "http://social.example/@Talia",
                 "https://bsky.app/profile/talia.example.org", "https://x.com/taliamh", "https://blog.example/talia/"):
        page = _page(f'<a rel="nofollow me" href="{href}">me</a>')
        assert ownership("https://elsewhere.example/cv", page, owners=OWNERS, sites=SITES) == "rel-me", href
    head = '<html><head><link rel="me" href="https://social.example/@talia"></head><body></body></html>'
    assert ownership("https://elsewhere.example/", head, owners=OWNERS, sites=SITES) == "rel-me"
    # an ordinary link back (no rel="me") proves nothing: anyone can link to her profile
    plain = _page('<a href="https://social.example/@talia">Talia</a>')
    assert ownership("https://elsewhere.example/", plain, owners=OWNERS, sites=SITES) is None


def test_a_link_in_bio_pages_social_links_are_its_rel_me() -> None:
    props = {"username": "someone", "links": [],
             "socialLinks": [{"type": "MASTODON", "url": "https://social.example/@talia"}]}
    data = json.dumps({"props": {"pageProps": props}})
    page = f'<html><body><script id="__NEXT_DATA__" type="application/json">{data}</script></body></html>'
    assert claimed_links(page, url="https://links.example/someone") == ["https://social.example/@talia"]
    assert ownership("https://links.example/someone", page, owners=OWNERS, sites=SITES) == "rel-me"
    props["socialLinks"] = [{"type": "MASTODON", "url": "https://social.example/@marco"}]
    other = page.replace("@talia", "@marco")
    assert ownership("https://links.example/someone", other, owners=OWNERS, sites=SITES) is None


def test_account_of_reads_profile_urls() -> None:
    assert account_of("https://social.example/@Talia") == ("mastodon", "talia@social.example")
    assert account_of("https://social.example/users/talia") == ("mastodon", "talia@social.example")
    assert account_of("https://news.example/a/") == ("web", "https://news.example/a")
    assert account_of("not a url") is None
