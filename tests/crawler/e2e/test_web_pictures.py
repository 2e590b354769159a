"""Pictures in the persona's own web pages are gathered and analysed; a third party's page's never are (#13)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from selfaudit.analysis.pack import load_pack
from selfaudit.analysis.photos import analyze_pictures
from selfaudit.crawler.runner import run_crawl
from selfaudit.sandbox.elsewhere import CV_PATH, CV_PHOTO, PRESS_PATH, PRESS_PHOTO
from selfaudit.sandbox.pictures import COMPOUND, blog_photo
from selfaudit.sandbox.server import Sandbox
from selfaudit.sandbox.web import PHOTO_PATH, page_url

from selfaudit.store import Store
from tests.crawler.e2e.conftest import sandbox_settings


def test_blog_and_cv_pictures_are_kept_and_analysed_the_press_photo_never_fetched(sandbox: Sandbox,
                                                                                   tmp_path: Path) -> None:
    settings = sandbox_settings(sandbox, tmp_path, javascript=False)
    accounts = tuple(s for s in settings.accounts if s.platform in ("mastodon", "web"))
    outcome = run_crawl(replace(settings, accounts=accounts), fast=True)
    assert outcome.status == "ok", [a.line() for a in outcome.accounts]
    base = sandbox.base_url
    fetched = [target for _, target, _ in sandbox.log]
    trip = page_url(sandbox.ctx, sandbox.persona.items["p-trip"])
    with Store.open(settings.db_path) as store:
        posts = {p["native_id"]: p for p in store.iter_posts()}
        kept = {row["origin"]: row for row in store.media()}
        # the mission journal's photo, stored content-addressed and linked to its page, fetched once
        photo = kept[base + PHOTO_PATH]
        assert photo["post_id"] == posts[trip]["id"] and store.media_path(photo["file"]).read_bytes() == blog_photo()
        assert fetched.count(PHOTO_PATH) == 1
        # her CV (rel="me", her own page found through a bio link): its picture is hers too
        assert kept[base + CV_PHOTO]["post_id"] == posts[base + CV_PATH]["id"]
        # the newspaper's article is a third party's page: neither stored nor its photo fetched
        assert base + PRESS_PATH not in posts and PRESS_PHOTO not in fetched
        assert not any(origin.endswith(PRESS_PHOTO) for origin in kept)
        assert "/blog/media/pin.png" not in fetched  # the 16 px theme icon is not a photo
        # analysed like any other picture: the compound's position is a security-risk finding on the page
        analysed, written = analyze_pictures(store, list(posts.values()), pack=load_pack(), judge=None,
                                             appointment_date=dt.date(2021, 9, 1), affiliated=lambda _: True)
        assert analysed >= 2 and written >= 1
        media = [f for f in store.findings() if f["native_id"] == trip and f["explanation"].get("origin") == "media"]
    (risk,) = [f for f in media if f["concern"] == "security-risk"]
    assert risk["explanation"]["media"] == photo["file"]
    assert (round(risk["explanation"]["lat"], 4), round(risk["explanation"]["lon"], 4)) == (round(COMPOUND[0], 4),
                                                                                            round(COMPOUND[1], 4))
    # a second crawl fetches no picture again
    run_crawl(replace(settings, accounts=accounts), fast=True)
    assert [target for _, target, _ in sandbox.log].count(PHOTO_PATH) == 1
