"""The sandbox persona's bio links to a news article and to her CV: only the CV is hers (#14)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from selfaudit.crawler.runner import run_crawl
from selfaudit.sandbox.elsewhere import CV_PATH, PRESS_PATH, PRESS_TITLE
from selfaudit.sandbox.server import Sandbox

from selfaudit.store import Store
from tests.crawler.e2e.conftest import sandbox_settings


def test_a_news_article_in_the_bio_is_context_and_the_rel_me_cv_is_her_page(sandbox: Sandbox, tmp_path: Path) -> None:
    settings = sandbox_settings(sandbox, tmp_path, javascript=False)
    # her Mastodon accounts (whose fields link to the article and the CV) and her configured sites
    accounts = tuple(s for s in settings.accounts if s.platform in ("mastodon", "web"))
    outcome = run_crawl(replace(settings, accounts=accounts), fast=True)
    assert outcome.status == "ok", [a.line() for a in outcome.accounts]
    base = sandbox.base_url
    with Store.open(settings.db_path) as store:
        posts = {p["native_id"]: p for p in store.iter_posts()}
        links = {link["url"]: link for link in store.links()}
    # the article (a party rally, "Vote Aurora on Sunday") is never stored, so never judged as hers
    assert base + PRESS_PATH not in posts
    assert not [p for p in posts.values() if "Vote Aurora on Sunday" in p["text"]]
    press = links[base + PRESS_PATH]
    assert (press["status"], press["label"], press["hop"]) == ("context", PRESS_TITLE, 0)
    assert base + "/press/elections/" not in links  # its links are not hers, and never followed
    assert not any(target.startswith("/press/elections") for _, target, _ in sandbox.log)
    # the CV links back to her Mastodon profile with rel="me": her own page, judged like her posts
    cv = posts[base + CV_PATH]
    assert cv["kind"] == "page" and cv["extra"]["owned_by"] == "rel-me" and "Hydraulic Engineering" in cv["text"]
    assert links[base + CV_PATH]["status"] == "crawled"
