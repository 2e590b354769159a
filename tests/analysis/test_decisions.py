"""Decisions survive re-crawls and re-analysis; a dismissed flag is not raised again until the post changes."""

from __future__ import annotations

import pytest
from selfaudit.analysis.heads import fit_heads
from selfaudit.analysis.judge import PostJudge
from selfaudit.analysis.pipeline import analyze

from selfaudit.store import Store, current_decision, finding_uid
from tests.analysis.test_pipeline import POSTS

ACCOUNT = "nia@example.social"


def _crawl(store: Store, edits: dict[str, str] | None = None) -> None:
    """What a crawl writes: the same posts again (one maybe edited)."""
    edits = edits or {}
    store.upsert_posts([{"platform": "mastodon", "account": ACCOUNT, "native_id": f"https://example.social/{n}",
                         "created_at": when, "kind": kind, "text": edits.get(n, text), "source": "crawl"}
                        for n, when, kind, text in POSTS])


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "db.sqlite") as s:
        s.add_profile({"platform": "mastodon", "account": ACCOUNT, "display_name": "Nia",
                       "bio": "Programme analyst at UNDP", "links": [], "email": None})
        _crawl(s)
        yield s


@pytest.fixture
def run(store, mini_pack, hash_embedder):
    judge = PostJudge(mini_pack, hash_embedder, heads=fit_heads(mini_pack, hash_embedder))

    def again(**kwargs):
        return analyze(store, appointment_date=None, pack=mini_pack, embedder=hash_embedder, judge=judge, **kwargs)
    return again


def _finding(store: Store, post: str, concern: str) -> dict | None:
    return next((f for f in store.findings() if f["post_id"] and f["native_id"].endswith(f"/{post}")
                 and f["concern"] == concern), None)


def test_decisions_survive_recrawl_and_reanalysis(store, run):
    run()
    political = _finding(store, "1", "partisan-politics")
    uid = finding_uid(political)
    store.add_decision(political, "delete")
    store.add_decision(political, "restrict", note="changed my mind: friends only")
    old_row_id = political["id"]

    _crawl(store)
    run(all_posts=True)
    again = _finding(store, "1", "partisan-politics")
    assert again["id"] != old_row_id  # the findings table's row is new ...
    assert finding_uid(again) == uid  # ... the finding's id is not
    latest = current_decision(again, store.decisions())
    assert (latest["action"], latest["note"]) == ("restrict", "changed my mind: friends only")
    assert [d["action"] for d in store.decision_history()] == ["delete", "restrict"]


def test_dismiss_stops_the_flag_until_the_post_changes(store, run):
    run()
    security = _finding(store, "2", "security-risk")
    store.add_decision(security, "dismiss", note="the convoy left years ago")

    _crawl(store)
    run(all_posts=True)
    assert _finding(store, "2", "security-risk") is None  # not raised again
    assert _finding(store, "1", "partisan-politics") is not None  # the others are

    edited = "Our convoy of ten trucks leaves the depot at 6:00 via the river road, route unchanged."
    _crawl(store, {"2": edited})
    assert run().judged == 1
    back = _finding(store, "2", "security-risk")
    assert back is not None and back["text"] == edited  # the words changed: judged afresh
    assert finding_uid(back) == finding_uid(security)
    assert current_decision(back, store.decisions()) is None  # the old dismissal no longer applies ...
    assert store.decisions()[finding_uid(back)]["action"] == "dismiss"  # ... but stays in the history


def test_dismissed_account_finding_is_not_raised_again(store, run):
    run()
    affiliation = next(f for f in store.findings() if f["account_id"] and f["concern"] == "un-affiliation")
    store.add_decision(affiliation, "dismiss")
    run(all_posts=True)
    assert not [f for f in store.findings() if f["account_id"] and f["concern"] == "un-affiliation"]
