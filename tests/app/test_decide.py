"""`selfaudit decide` and the exports that carry decisions, through the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from selfaudit.app.cli import app
from typer.testing import CliRunner

from selfaudit.store import Store

runner = CliRunner()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return make_store(tmp_path)


def make_store(tmp_path: Path) -> Path:
    """A data folder whose store has two flagged posts and one account finding; returns the folder."""
    folder = tmp_path / "data"
    with Store.open(folder / "selfaudit.db") as store:
        store.upsert_posts([
            {"platform": "mastodon", "account": "ana@social.example", "native_id": f"https://social.example/{n}",
             "url": f"https://social.example/{n}", "created_at": "2024-02-03T04:05:06Z", "kind": "original", "text": text}
            for n, text in (("1", "Vote for the Horizon Party"), ("2", "Convoy leaves at 5:30"))
        ])
        ids = {p["native_id"][-1]: p for p in store.iter_posts()}

        def found(concern: str) -> dict[str, Any]:
            return {"concern": concern, "severity": "high", "score": 0.9, "explanation": {"reason": "why"}, "action": "delete"}

        store.replace_post_findings("un-secretariat", {
            ids["1"]["id"]: (ids["1"]["content_hash"], [found("partisan-politics")]),
            ids["2"]["id"]: (ids["2"]["content_hash"], [found("security-risk")]),
        })
        account = store.account_id("mastodon", "ana@social.example")
        store.replace_account_findings("un-secretariat", [{"account_id": account, **found("un-affiliation")}])
    return folder


def _run(*args: str) -> Any:
    return runner.invoke(app, [*args, "--config", "/dev/null"])


def _findings(data: Path) -> list[dict[str, Any]]:
    result = _run("export", "findings", "--data", str(data))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_decide_then_export_findings_and_decisions(data: Path) -> None:
    rows = _findings(data)
    assert [r["decision"] for r in rows] == [None, None, None]
    ids = {r["concern"]: r["id"] for r in rows}
    assert all(len(i) == 13 and i.startswith("f") for i in ids.values()) and len(set(ids.values())) == 3

    result = _run("decide", ids["partisan-politics"], "delete", "--data", str(data))
    assert result.exit_code == 0, result.output
    assert f"Recorded delete for {ids['partisan-politics']}" in result.output
    assert _run("decide", ids["security-risk"], "keep", "--note", "old news", "--data", str(data)).exit_code == 0
    assert _run("decide", ids["un-affiliation"], "dismiss", "--data", str(data)).exit_code == 0
    assert _run("decide", ids["partisan-politics"], "edit", "--data", str(data)).exit_code == 0  # the latest wins

    decided = {r["concern"]: r["decision"] for r in _findings(data)}
    assert decided == {"partisan-politics": "edit", "security-risk": "keep", "un-affiliation": "dismiss"}

    result = _run("export", "decisions", "--data", str(data))
    history = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(d["finding_id"], d["action"]) for d in history] == [
        (ids["partisan-politics"], "delete"), (ids["security-risk"], "keep"),
        (ids["un-affiliation"], "dismiss"), (ids["partisan-politics"], "edit")]
    assert history[1]["note"] == "old news" and history[2]["scope"] == "account"
    assert history[0]["target"] == "https://social.example/1" and history[0]["text_hash"]

    result = _run("export", "decisions", "--format", "csv", "--data", str(data))
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(table) == 4 and table[1]["action"] == "keep" and table[1]["note"] == "old news"


@pytest.mark.parametrize(("args", "says"), [
    (["f000000000000", "delete"], "no finding f000000000000"),
    (["<script>", "delete"], "is not a finding id"),
    (["ID", "keep"], "keep needs a reason"),
    (["ID", "keep", "--note", "   "], "keep needs a reason"),
])
def test_bad_decisions_are_one_error_line(data: Path, args: list[str], says: str) -> None:
    known = _findings(data)[0]["id"]
    result = _run("decide", *[known if a == "ID" else a for a in args], "--data", str(data))
    assert result.exit_code == 1
    assert result.output.startswith("error:") and says in result.output and "Traceback" not in result.output
    assert all(r["decision"] is None for r in _findings(data))


def test_unknown_action_is_refused_by_the_command_line(data: Path) -> None:
    result = _run("decide", _findings(data)[0]["id"], "burn", "--data", str(data))
    assert result.exit_code == 2 and "burn" in result.output
