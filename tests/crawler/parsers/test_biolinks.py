"""The bio-link parser (``crawler/parsers/biolinks.py``): which links are crawled, and link-in-bio pages."""

from __future__ import annotations

import json
from typing import Any

import pytest
from selfaudit.crawler.parsers import biolinks as blp


def _page(props: dict[str, Any]) -> str:
    payload = json.dumps({"props": {"pageProps": props}})
    return f'<html><head></head><body><script id="__NEXT_DATA__" type="application/json">{payload}</script></body></html>'


@pytest.mark.parametrize(("url", "kind"), [
    ("https://m.facebook.com/someone", "profile"),       # mobile and www. prefixes are the same host
    ("https://www.instagram.com/someone/", "profile"),
    ("https://news.ycombinator.mastodon.social/x", "profile"),  # a subdomain of a social host
    ("https://social.example/users/someone", "profile"),  # fediverse paths on any host
    ("https://social.example/@someone@other.example", "profile"),
    ("https://social.example/tags/un", "profile"),
    ("https://social.example/@someone/123", "crawl"),     # a single post is a page, not a profile
    ("https://notfacebook.com/", "crawl"),                # a host that only ends like a social one
    ("https://example.org/about", "crawl"),
    ("ftp://example.org/file", "skip"),
    ("file:///etc/passwd", "skip"),
    ("javascript:alert(1)", "skip"),
    ("http://192.168.1.1/", "skip"),                      # private network: refused by the URL policy
    ("https:///no-host", "skip"),
])
def test_classify_link(url: str, kind: str) -> None:
    assert blp.classify_link(url) == kind


def test_links_are_read_in_position_order_and_only_http() -> None:
    props = {"username": "me", "description": "Bio line", "links": [
        {"title": "Second", "url": "https://b.example/", "position": 2},
        "not a link",
        {"title": "Header only", "url": "", "position": 0},
        {"title": "First", "url": "https://a.example/", "position": 1},
        {"title": "Mail", "url": "mailto:me@example.org", "position": 3},
        {"title": "Script", "url": "javascript:alert(1)", "position": 4},
    ], "socialLinks": [{"type": "X", "url": "https://x.com/me"}, {"type": "Phone", "url": "tel:+100"}, None]}
    parsed = blp.parse_linktree(_page(props), url="https://linktr.ee/me?utm_source=x", account="https://linktr.ee/me")
    assert parsed is not None
    page, links = parsed
    assert [(link.url, link.label, link.origin) for link in links] == [
        ("https://a.example/", "First", "page"), ("https://b.example/", "Second", "page"), ("https://x.com/me", "X", "page")]
    assert page.text == "@me\nBio line\nHeader only\nFirst\nSecond\nMail\nScript"
    assert page.extra["links"] == [link.url for link in links] and page.extra["via"] == "linktree"
    assert page.platform == "web" and page.kind == "page" and page.account == "https://linktr.ee/me"


def test_account_fields_fill_in_and_a_string_date_is_kept_in_utc() -> None:
    props = {"links": [], "account": {"username": "acc", "description": "From the account",
                                      "createdAt": "2021-07-11T13:31:31+02:00",
                                      "socialLinks": [{"type": "MASTODON", "url": "https://social.example/@acc"}]}}
    parsed = blp.parse_linktree(_page(props), url="https://linktr.ee/acc", account="https://linktr.ee/acc")
    assert parsed is not None
    page, links = parsed
    assert page.text == "@acc\nFrom the account"
    assert page.created_at == "2021-07-11T11:31:31Z"
    assert [link.url for link in links] == ["https://social.example/@acc"]


@pytest.mark.parametrize("html", [
    "<html><body>no payload</body></html>",
    '<script id="__NEXT_DATA__">{not json</script>',
    '<script id="__NEXT_DATA__">[1, 2]</script>',
    _page({"links": "not a list"}),
    _page({}),
])
def test_a_page_without_a_links_payload_is_not_a_link_page(html: str) -> None:
    assert blp.parse_linktree(html, url="https://site.example/", account="https://site.example/") is None


def test_a_numeric_created_at_is_not_guessed() -> None:
    parsed = blp.parse_linktree(_page({"links": [], "account": {"createdAt": 1626003091000}}), url="https://l.example/a",
                                account="https://l.example/a")
    assert parsed is not None and parsed[0].created_at is None
