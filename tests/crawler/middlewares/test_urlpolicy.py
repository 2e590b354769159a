"""Every crawl request, redirects and DID-document endpoints included, passes the URL policy."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from selfaudit.crawler.middlewares.urlpolicy import UrlPolicyMiddleware
from selfaudit.crawler.parsers.bluesky import pds_endpoint
from selfaudit.crawler.runner import build_job

from selfaudit.config import CrawlConfig, Settings
from selfaudit.handles import parse_handle
from tests.crawler.loopsite import Site, html, run_child, serve


def _redirected(first: str, to: str, **meta: object) -> Request:
    return Request(to, meta={"redirect_urls": [first], **meta})


def test_requests_and_redirect_hops_are_checked() -> None:
    mw = UrlPolicyMiddleware(allow_loopback=False)
    assert mw.process_request(Request("https://site.example/")) is None
    for bad in (Request("http://169.254.169.254/"), _redirected("https://site.example/", "http://10.0.0.1/"),
                _redirected("https://site.example/", "https://elsewhere.example/"),
                Request("http://127.0.0.1:1/")):
        with pytest.raises(IgnoreRequest):
            mw.process_request(bad)
    # a bio link through a shortener may change host, still within the policy
    assert mw.process_request(_redirected("https://sho.rt/x", "https://blog.example/", offsite_redirects=True)) is None
    with pytest.raises(IgnoreRequest):
        mw.process_request(_redirected("https://sho.rt/x", "http://192.168.0.1/", offsite_redirects=True))
    assert UrlPolicyMiddleware(allow_loopback=True).process_request(Request("http://127.0.0.1:1/")) is None


def test_pds_endpoints_from_did_documents_are_checked() -> None:
    def doc(endpoint: str) -> dict[str, object]:
        return {"service": [{"id": "#atproto_pds", "type": "AtprotoPersonalDataServer",
                             "serviceEndpoint": endpoint}]}
    assert pds_endpoint(doc("https://pds.example/")) == "https://pds.example"
    assert pds_endpoint(doc("http://169.254.169.254/")) is None
    assert pds_endpoint(doc("file:///etc/passwd")) is None
    assert pds_endpoint(doc("http://127.0.0.1:2583")) is None
    assert pds_endpoint(doc("http://127.0.0.1:2583"), allow_loopback=True) == "http://127.0.0.1:2583"


def test_a_site_redirecting_to_another_host_is_not_followed(tmp_path: Path) -> None:
    site = Site(routes={"/blog/": html('<a href="/blog/a">A</a>'), "/robots.txt": (404, {}, b"")})
    with serve(site):
        port = site.base.rsplit(":", 1)[1]
        site.routes["/blog/a"] = (302, {"Location": f"http://localhost:{port}/elsewhere"}, b"")
        site.routes["/elsewhere"] = html("<p>another host</p>")
        settings = Settings(accounts=(parse_handle(site.base + "/blog/"),), data_dir=tmp_path,
                            crawl=CrawlConfig(fast=True, javascript=False, bio_link_hops=0))
        run_child(build_job(settings, fast=True, full=False, run_id=0, accounts=settings.accounts), tmp_path)
    assert "/blog/a" in site.log and "/elsewhere" not in site.log


def test_a_name_that_resolves_into_a_private_or_loopback_network_is_refused(tmp_path: Path) -> None:
    import socket

    from selfaudit.crawler.runner import run_crawl

    from selfaudit.urlpolicy import address_refusal, refusal

    name = socket.gethostname()
    try:
        address = socket.gethostbyname(name)
    except OSError:
        pytest.skip(f"this machine's own name {name!r} does not resolve")
    url = f"https://{name}:1/"
    if refusal(url) is not None or address_refusal(address) is None:
        pytest.skip(f"{name!r} ({address}) is not a plain name that resolves to a non-public address here")
    settings = Settings(accounts=(parse_handle(url),), data_dir=tmp_path,
                        crawl=CrawlConfig(fast=True, javascript=False, bio_link_hops=0))
    outcome = run_crawl(settings)
    [account] = outcome.accounts
    # the name resolves (above), but the crawl's resolver refuses the answer: Twisted reports it as a failed lookup
    assert any("DNS lookup failed" in e for e in account.errors), account.errors
