"""The clean-up loop against the project's sandbox: real Mastodon API and atproto getRecord answers."""

from __future__ import annotations

from pathlib import Path

from selfaudit.reports.build import build_report
from selfaudit.reports.verify import verify_posts
from selfaudit.sandbox.server import Sandbox
from selfaudit.sandbox.truth import native_id

from selfaudit.store import Store


def test_deleted_posts_show_up_as_cleaned(tmp_path: Path) -> None:
    with Sandbox(port=0) as sb, Store.open(tmp_path / "s.db") as store:
        items = [i for i in sb.persona.items.values() if i.kind == "original" and i.concerns]
        chosen = [i for i in items if i.platform == "mastodon"][:3] + [i for i in items if i.platform == "bluesky"][:3]
        assert len(chosen) == 6
        ids = {i.key: native_id(sb.persona, i, sb.base_url) for i in chosen}
        store.upsert_posts([{"platform": i.platform, "account": i.account, "native_id": ids[i.key], "kind": "original",
                             "created_at": i.created_at, "text": i.text} for i in chosen])
        finding = {"concern": "partisan-politics", "severity": "high", "score": 0.9, "timing": None,
                   "explanation": {"reason": "r"}, "action": "delete"}
        store.replace_post_findings("un-secretariat", {p["id"]: (p["content_hash"], [finding]) for p in store.iter_posts()})

        first = verify_posts(store, bluesky_service=sb.base_url, delay=0.0, timeout=5)
        assert (first.present, first.gone, first.errors) == (6, 0, 0), first.error_details

        sb.delete_post(chosen[0].key)
        sb.delete_post(chosen[3].key)
        second = verify_posts(store, bluesky_service=sb.base_url, delay=0.0, timeout=5)
        assert (second.present, second.gone, second.errors) == (4, 2, 0), second.error_details

        result = build_report(store, html_path=tmp_path / "r.html", appointment_date="2020-01-01")
    assert (result.cleaned, result.total) == (2, 6)
    assert "<strong>2 of 6</strong> flagged posts cleaned up" in result.html_path.read_text(encoding="utf-8")
