"""A Mastodon server that closes its API (401) is read through WebFinger, the actor and the outbox."""

from __future__ import annotations

from pathlib import Path

from selfaudit.crawler.runner import run_crawl
from selfaudit.sandbox.server import Sandbox
from selfaudit.sandbox.wire import Request, Response, error_json

from selfaudit.config import BlueskyConfig, CrawlConfig, Settings
from selfaudit.handles import parse_handle
from selfaudit.store import Store


def test_outbox_fallback_gets_every_status(sandbox: Sandbox, tmp_path: Path) -> None:
    served = sandbox.handle

    def closed_api(req: Request) -> Response:
        if req.path.startswith("/api/"):
            return error_json(401, "This API requires an authenticated user")
        return served(req)

    sandbox.handle = closed_api  # type: ignore[method-assign]
    spec = f"mastodon:@talia@{sandbox.base_url}"
    settings = Settings(accounts=(parse_handle(spec),), data_dir=tmp_path,
                        crawl=CrawlConfig(fast=True, javascript=False, bio_link_hops=0),
                        bluesky=BlueskyConfig(plc_url=sandbox.base_url + "/plc", appview_url=None))
    outcome = run_crawl(settings, fast=True)
    assert outcome.status == "ok", [a.line() for a in outcome.accounts]
    truth = [i for i in sandbox.truth()["items"] if i["account"] == f"talia@127.0.0.1:{sandbox.port}"]
    with Store.open(settings.db_path) as store:
        stored = {p["native_id"]: p for p in store.iter_posts()}
        [profile] = store.latest_profiles()
    assert set(stored) == {i["native_id"] for i in truth}
    for row in truth:
        got = stored[row["native_id"]]
        assert (got["kind"], got["created_at"]) == (row["kind"], row["created_at"]), row
        expected = row.get("subject_text") if row["kind"] == "repost" else sandbox.persona.items[row["key"]].text
        assert " ".join(expected.split()) in " ".join(got["text"].split()), row
    assert profile["display_name"] == "Talia Moreno-Haddad"
