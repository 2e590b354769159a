"""The verify spider asks like the crawler: the crawl's User-Agent, robots.txt first, its answers in the store."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from selfaudit.crawler.parsers.verify import Lookup, Target, VerifyPlan
from selfaudit.crawler.settings import USER_AGENT
from selfaudit.crawler.verify import run_verify

from selfaudit.config import CrawlConfig, Settings, VerifyConfig
from selfaudit.store import Store
from tests.crawler.loopsite import Site, serve


def test_verify_uses_the_crawlers_user_agent_and_robots_txt(tmp_path: Path) -> None:
    site = Site(routes={"/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"),
                        "/ok": (200, {"Content-Type": "text/html"}, b"<p>hi</p>"),
                        "/private/a": (200, {"Content-Type": "text/html"}, b"secret"),
                        "/cdx/search/cdx": (200, {"Content-Type": "application/json"}, b"[]")})
    with serve(site):
        settings = Settings(data_dir=tmp_path, crawl=replace(CrawlConfig(), fast=True, javascript=False),
                            verify=VerifyConfig(wayback_url=site.base))
        with Store.open(settings.db_path) as store:
            store.upsert_account("web", site.base + "/", spec=site.base + "/")
            store.upsert_posts([{"platform": "web", "account": site.base + "/", "native_id": site.base + p,
                                 "url": site.base + p, "kind": "page", "text": "t"} for p in ("/ok", "/private/a")])
            ids = {p["url"]: int(p["id"]) for p in store.iter_posts()}
        plans = [VerifyPlan(post_id=ids[site.base + p], kind="page", platform="web", text="t",
                            target=Target(site.base + p, "http"),
                            lookups=(Lookup("wayback", f"{site.base}/cdx/search/cdx?url=x&output=json", "x"),))
                 for p in ("/ok", "/private/a")]
        outcome = run_verify(settings, plans)
    assert (outcome.present, outcome.unknown, outcome.gone) == (1, 1, 0)
    assert "robots.txt" in " ".join(outcome.details)
    assert site.log[0] == "/robots.txt" and "/private/a" not in site.log and "/ok" in site.log
    assert set(site.agents) == {USER_AGENT}  # one honest User-Agent, with the installed version
