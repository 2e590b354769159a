"""Bio links: the hop of a link is kept across runs; only the user's own pages are posts, the rest is context."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from selfaudit.crawler.parsers import biolinks as blp
from selfaudit.crawler.runner import build_job

from selfaudit.config import CrawlConfig, Settings
from selfaudit.handles import parse_handle
from selfaudit.store import Store
from tests.crawler.loopsite import Site, html, run_child, serve


def _site() -> Site:
    return Site(routes={
        "/p1": html('<p>My link page.</p><a rel="me" href="/@me">me on Mastodon</a><a href="/p2">a news site</a>'
                    '<a href="http://169.254.169.254/latest/meta-data/">metadata</a>'
                    '<a href="http://10.1.2.3/admin">router</a><a href="http://0.0.0.0:8080/">zero</a>'),
        "/p2": html('<p>Vote for the Aurora party, says this news site.</p><a href="/p3">deeper</a>'),
        "/p3": html("<p>Three hops away.</p>"),
    })


def _crawl(site: Site, tmp: Path, *, hops: int,
           first: str = "/p1") -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    spec = parse_handle(f"mastodon:@me@{site.base}")
    settings = Settings(accounts=(spec,), data_dir=tmp, crawl=CrawlConfig(fast=True, javascript=False,
                                                                            bio_link_hops=hops))
    with Store.open(settings.db_path) as store:
        store.add_links([{"platform": "mastodon", "account": spec.handle, "url": site.base + first, "origin": "bio"}])
    job = build_job(settings, fast=True, full=False, run_id=0, accounts=settings.accounts)
    job["jobs"] = []  # only the bio-link spider
    run_child(job, tmp)
    with Store.open(settings.db_path) as store:
        return list(store.iter_posts()), store.links()


def test_hop_depth_is_kept_across_runs(tmp_path: Path) -> None:
    with serve(_site()) as site:
        for _ in range(3):
            posts, links = _crawl(site, tmp_path, hops=1)
        assert "/p2" not in site.log and "/p3" not in site.log  # run 2 and 3 did not go one hop deeper
        assert site.log.count("/p1") == 3
    assert [p["url"] for p in posts] == [site.base + "/p1"]
    hops = {link["url"]: link["hop"] for link in links}
    assert hops[site.base + "/p1"] == 0 and hops[site.base + "/p2"] == 1


def test_pages_beyond_the_first_hop_are_context_not_posts(tmp_path: Path) -> None:
    with serve(_site()) as site:
        for _ in range(2):
            posts, links = _crawl(site, tmp_path, hops=2)
        assert "/p3" not in site.log  # found at hop 2: never read with hops = 2, on any run
        assert site.log.count("/p2") == 2
    # the news site's text is never stored as the user's post, so never judged nor verified
    assert [p["url"] for p in posts] == [site.base + "/p1"]
    assert {link["url"]: link["hop"] for link in links}[site.base + "/p3"] == 2


def test_private_link_local_and_zero_addresses_are_never_crawled() -> None:
    for url in ("http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/admin", "http://0.0.0.0:8080/",
                "http://[::ffff:192.168.1.1]/", "http://2130706433/", "http://224.0.0.1/", "ftp://ok.example/"):
        assert blp.classify_link(url) == "skip", url
    assert blp.classify_link("http://127.0.0.1:8000/") == "skip"
    assert blp.classify_link("http://127.0.0.1:8000/", allow_loopback=True) == "crawl"


def test_loopback_bio_links_are_refused_unless_the_run_names_a_loopback_server(tmp_path: Path) -> None:
    with serve(_site()) as site:
        spec = parse_handle("mastodon:@me@https://social.example")
        settings = Settings(accounts=(spec,), data_dir=tmp_path, crawl=CrawlConfig(fast=True, javascript=False))
        with Store.open(settings.db_path) as store:
            store.add_links([{"platform": "mastodon", "account": spec.handle, "url": site.base + "/p1"}])
        job = build_job(settings, fast=True, full=False, run_id=0, accounts=settings.accounts)
        assert job["settings"]["SELFAUDIT_ALLOW_LOOPBACK"] is False
        job["jobs"] = []
        job["biolinks"]["accounts"] = [["mastodon", spec.handle]]
        run_child(job, tmp_path)
        assert site.log == []


def _third_party_site() -> Site:
    return Site(routes={
        "/news/rally": html('<p>Vote for the Aurora party, says this news site.</p><a href="/news/more">more news</a>'
                            '<a href="/@me">a link to her profile, without rel=me</a>', title="Aurora rally | Times"),
        "/news/more": html("<p>More news.</p>"),
        "/cv/": html('<p>My CV.</p><link rel="me" href="/users/me"><a href="/news/more">press</a>', title="CV"),
        "/lt/me": html("<p>Link page.</p>"),
    })


def test_a_third_party_page_in_the_bio_is_a_link_with_its_title_never_a_post(tmp_path: Path) -> None:
    with serve(_third_party_site()) as site:
        for _ in range(2):
            posts, links = _crawl(site, tmp_path, hops=2, first="/news/rally")
        assert "/news/more" not in site.log  # never followed, even with hops = 2
    assert posts == []  # so never judged as the user's, nor verified as "still online"
    bio = next(link for link in links if link["url"] == site.base + "/news/rally")
    assert (bio["status"], bio["label"], bio["hop"]) == ("context", "Aurora rally | Times", 0)
    assert [link["url"] for link in links] == [site.base + "/news/rally"]  # its links are not the user's


def test_a_page_that_links_back_with_rel_me_is_the_users_own(tmp_path: Path) -> None:
    with serve(_third_party_site()) as site:
        posts, links = _crawl(site, tmp_path, hops=1, first="/cv/")
    assert [(p["url"], p["extra"]["owned_by"]) for p in posts] == [(site.base + "/cv/", "rel-me")]
    assert {link["url"]: link["status"] for link in links}[site.base + "/cv/"] == "crawled"


def test_a_page_that_stopped_linking_back_turns_into_context(tmp_path: Path) -> None:
    site = _third_party_site()
    with serve(site) as served:
        posts, _ = _crawl(served, tmp_path, hops=1, first="/cv/")
        assert [p["url"] for p in posts] == [served.base + "/cv/"]
        site.routes["/cv/"] = html("<p>Someone else's CV now.</p>", title="Not hers")
        posts, links = _crawl(served, tmp_path, hops=1, first="/cv/")
    assert {link["url"]: link["status"] for link in links}[served.base + "/cv/"] == "context"
    assert posts == []  # the page an older run stored as hers is gone, with anything judged of it
