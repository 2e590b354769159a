from __future__ import annotations

import json
from pathlib import Path

import pytest
from selfaudit.app.cli import app
from typer.testing import CliRunner

PACK = str(Path(__file__).parents[1] / "analysis" / "fixtures" / "mini_pack.yaml")
runner = CliRunner()


@pytest.fixture(autouse=True)
def _cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SELFAUDIT_CONFIG", raising=False)


def test_check_exit_codes():
    flagged = runner.invoke(app, ["check", "Vote for the Harbor Party on Sunday! #VoteHarbor", "--pack", PACK])
    assert flagged.exit_code == 1, flagged.output
    assert "partisan-politics" in flagged.output
    clean = runner.invoke(app, ["check", "Baked bread with my kids this morning.", "--pack", PACK])
    assert clean.exit_code == 0, clean.output
    assert "No concerns" in clean.output


def test_classify_posts_and_profiles(tmp_path):
    posts = tmp_path / "in.jsonl"
    posts.write_text("\n".join(json.dumps(x) for x in [
        {"id": "a", "text": "Le convoi part demain à 5h30 du dépôt par la route du nord.", "kind": "original", "created_at": "2019-01-01",
         "labels": ["security-risk"], "why": "ignored"},
        {"id": "b", "text": "A long walk by the sea with the dog.", "lang": "en"},
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["classify", "--input", str(posts), "--output", str(out), "--pack", PACK,
                              "--appointment-date", "2020-01-01"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert [c["id"] for c in rows[0]["concerns"]] == ["security-risk"]
    assert rows[0]["concerns"][0]["severity"] == "high"
    assert rows[1]["concerns"] == []

    profiles = tmp_path / "profiles.jsonl"
    profiles.write_text(json.dumps({"id": "p", "platform": "x", "handle": "@UNICEF_Hills", "display_name": "UNICEF Hills",
                                    "bio": "Official updates from the field team", "links": [], "email": None,
                                    "posts": [{"text": "School kits delivered today"}]}) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["classify", "--profiles", "--input", str(profiles), "--output", str(out), "--pack", PACK])
    assert res.exit_code == 0, res.output
    [row] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {c["id"] for c in row["concerns"]} == {"un-affiliation", "institutional-lookalike"}


def test_classify_rejects_bad_input(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    res = runner.invoke(app, ["classify", "--input", str(bad), "--output", str(tmp_path / "o.jsonl"), "--pack", PACK])
    assert res.exit_code == 1
    assert "not JSON" in res.output


def test_analyze_without_store_is_one_line_error(tmp_path):
    res = runner.invoke(app, ["analyze", "--data", str(tmp_path / "nodata"), "--pack", PACK])
    assert res.exit_code == 1
    assert "no store" in res.output


def test_analyze_command_end_to_end(tmp_path):
    from selfaudit.store import Store

    data = tmp_path / "data"
    with Store.open(data / "selfaudit.db") as store:
        store.add_profile({"platform": "x", "account": "@kim", "display_name": "Kim", "bio": "Logistics officer at WFP"})
        store.upsert_posts([{"platform": "x", "account": "@kim", "native_id": "1", "kind": "original", "source": "archive",
                             "created_at": "2021-03-01T08:00:00Z",
                             "text": "Our convoy of twelve trucks leaves the depot at 6:00 tomorrow via the river road."}])
    args = ["analyze", "--data", str(data), "--pack", PACK, "--appointment-date", "2020-01-01"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "Judged 1 posts" in first.output
    again = runner.invoke(app, args)
    assert "Judged 0 posts (1 unchanged" in again.output
    with Store.open(data / "selfaudit.db", readonly=True) as store:
        found = {(f["concern"], f["severity"]) for f in store.findings()}
    assert ("security-risk", "high") in found and ("un-affiliation", "info") in found
