"""The demo's check against the sandbox truth counts what it says it counts."""

from __future__ import annotations

from pathlib import Path

from selfaudit.app.cli import app
from selfaudit.app.demo import check_against_truth
from typer.testing import CliRunner

from selfaudit.store import Store


def _truth() -> dict[str, object]:
    def item(native_id: str, concerns: list[str]) -> dict[str, object]:
        return {"platform": "mastodon", "native_id": native_id, "concerns": concerns}

    return {
        "items": [item("risky-caught", ["partisan-politics"]), item("risky-missed", ["security-risk"]),
                  item("clean-ok", []), item("clean-flagged", []), item("never-gathered", [])],
        "accounts": [{"platform": "mastodon", "handle": "t@h.example", "concerns": ["un-affiliation", "disclaimer-reliance"]}],
    }


def test_check_against_truth(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        posts = [{"platform": "mastodon", "account": "t@h.example", "native_id": n, "kind": "original", "text": n}
                 for n in ("risky-caught", "risky-missed", "clean-ok", "clean-flagged")]
        store.upsert_posts(posts)
        ids = {p["native_id"]: (p["id"], p["content_hash"]) for p in store.iter_posts()}

        def finding(concern: str) -> dict[str, object]:
            return {"concern": concern, "severity": "medium", "score": 0.9}

        store.replace_post_findings("p", {
            ids["risky-caught"][0]: (ids["risky-caught"][1], [finding("partisan-politics")]),
            ids["risky-missed"][0]: (ids["risky-missed"][1], [finding("privacy-of-others")]),
            ids["clean-flagged"][0]: (ids["clean-flagged"][1], [finding("offensive-conduct")]),
        })
        account = store.account_id("mastodon", "t@h.example")
        store.replace_account_findings("p", [{"account_id": account, **finding("un-affiliation")}])
        check = check_against_truth(store, _truth())
    assert check["expected"] == 5 and check["gathered"] == 4 and check["missing"] == ["never-gathered"]
    assert (check["caught"], check["flagged_items"]) == (1, 2)
    assert (check["false_flags"], check["clean_items"]) == (1, 2)
    assert (check["account_hits"], check["account_expected"]) == (1, 2)


def test_audit_without_accounts_says_what_to_do(tmp_path: Path) -> None:
    config = tmp_path / "selfaudit.toml"
    config.write_text("accounts = []\n")
    result = CliRunner().invoke(app, ["audit", "--config", str(config), "--data", str(tmp_path / "d")])
    assert result.exit_code == 1
    assert "selfaudit init" in result.output
