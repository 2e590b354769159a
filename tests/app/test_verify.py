"""`selfaudit verify` against the sandbox: gone, unknown, edited, copies, robots.txt, an archive that is down."""

from __future__ import annotations

import json
import socket
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from selfaudit.app.cli import app
from selfaudit.crawler.parsers.bluesky import post_web_url
from selfaudit.sandbox import copies
from selfaudit.sandbox.faults import FaultConfig
from selfaudit.sandbox.persona import Item
from selfaudit.sandbox.server import Sandbox
from selfaudit.sandbox.truth import native_id
from typer.testing import CliRunner

from selfaudit.store import Store

runner = CliRunner()
_FINDING = {"concern": "partisan-politics", "severity": "high", "score": 0.9, "timing": None,
            "explanation": {"reason": "r"}, "action": "delete"}


def _config(tmp_path: Path, base: str, *, wayback: str | None = None) -> Path:
    path = tmp_path / "selfaudit.toml"
    path.write_text(f'[bluesky]\nplc_url = "{base}/plc"\nappview_url = "{base}"\n\n'
                    f'[verify]\nwayback_url = "{wayback or base}"\n', encoding="utf-8")
    return path


def _store(folder: Path, sb: Sandbox, items: list[Item], *, texts: dict[str, str] | None = None,
           pages: tuple[str, ...] = (), decide: dict[str, str] | None = None) -> dict[str, str]:
    """Store ``items`` (and web ``pages``) as the crawler would, each with a finding decided ``delete``
    (or as ``decide`` says per native id); returns key -> native id."""
    ids = {i.key: native_id(sb.persona, i, sb.base_url) for i in items}
    rows: list[dict[str, Any]] = []
    with Store.open(folder / "selfaudit.db") as store:
        for i in items:
            acc = sb.persona.accounts[i.account]
            spec = f"mastodon:@{acc.handle}@{sb.base_url}" if i.platform == "mastodon" else f"bsky:{acc.handle}@{sb.base_url}"
            store.upsert_account(i.platform, acc.handle, spec=spec,
                                 service_url=sb.base_url if i.platform == "bluesky" else None)
            url = f"{sb.base_url}/@{acc.handle}/{i.rid}" if i.platform == "mastodon" else post_web_url(ids[i.key])
            rows.append({"platform": i.platform, "account": acc.handle, "native_id": ids[i.key], "url": url,
                         "kind": i.kind, "created_at": i.created_at.isoformat(), "text": (texts or {}).get(i.key, i.text)})
        for path in pages:
            store.upsert_account("web", sb.base_url + "/blog/", spec=sb.base_url + "/blog/")
            rows.append({"platform": "web", "account": sb.base_url + "/blog/", "native_id": sb.base_url + path,
                         "url": sb.base_url + path, "kind": "page", "created_at": None, "text": "Drafts"})
        store.upsert_posts(rows)
        store.replace_post_findings("un-secretariat", {p["id"]: (p["content_hash"], [_FINDING]) for p in store.iter_posts()})
        for f in store.findings():  # the user decided: verify re-checks delete / edit / unlike
            store.add_decision(f, (decide or {}).get(f["native_id"], "delete"))
    return ids


def _run(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def _rows(folder: Path, config: Path) -> dict[str, dict[str, Any]]:
    out = _run("export", "findings", "--data", str(folder), "--config", str(config)).output
    return {row["post_id"]: row for row in map(json.loads, out.splitlines()) if row.get("post_id")}


def _own_originals(sb: Sandbox) -> list[Item]:
    return [i for i in sb.persona.items.values() if i.kind == "original" and i.concerns
            and sb.persona.accounts[i.account].persona]


def test_verify_finds_gone_posts_edits_and_copies_and_keeps_to_robots(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Sandbox(port=0) as sb:
        own = _own_originals(sb)
        deleted = next(i for i in own if i.platform == "mastodon" and copies.has_captures(sb.ctx, i))
        boosted = next(i for i in own if copies.boosters(sb.ctx, i) and not copies.has_captures(sb.ctx, i))
        quoted = next(i for i in own if copies.quoters(sb.ctx, i))
        gone_b = next(i for i in own if i.platform == "bluesky" and i is not quoted)
        kept = next(i for i in own if i.platform == "mastodon" and i not in (deleted, boosted))
        kept_id = native_id(sb.persona, kept, sb.base_url)
        ids = _store(folder, sb, [deleted, boosted, quoted, gone_b, kept], texts={quoted.key: "the words as first posted"},
                     pages=("/blog/private/",), decide={kept_id: "keep"})
        for item in (deleted, gone_b):  # removed "when told", over HTTP
            query = urllib.parse.urlencode({"id": ids[item.key]})
            with urllib.request.urlopen(urllib.request.Request(f"{sb.base_url}/_sandbox/delete?{query}", method="POST"),
                                        timeout=5) as answer:
                assert answer.status == 204
        config = _config(tmp_path, sb.base_url)
        result = _run("verify", "--data", str(folder), "--config", str(config), "--fast")
        fetched = [target for _, target, _ in sb.log]
    assert "2 gone, 2 still online (1 edited), 1 unknown" in result.output
    rows = _rows(folder, config)
    assert rows[ids[deleted.key]]["online"] is False and rows[ids[gone_b.key]]["online"] is False
    assert rows[ids[boosted.key]]["online"] is True and rows[ids[quoted.key]]["online"] is True
    assert rows[sb.base_url + "/blog/private/"]["online"] is None  # robots.txt disallows it: unknown, not gone
    assert "/robots.txt" in fetched and not any(t.startswith("/blog/private") for t in fetched)
    assert rows[kept_id]["online"] is None and not any(kept.rid in t for t in fetched)  # kept: not asked about
    captures = rows[ids[deleted.key]]["copies"]
    assert captures and all(c["url"].startswith(f"{sb.base_url}/web/") for c in captures)
    assert {c["where"] for c in rows[ids[boosted.key]]["copies"]} >= {"@ravi@fedi.example"}
    assert any(c["where"].startswith("@") and "bsky.app" in c["url"] for c in rows[ids[quoted.key]]["copies"])
    with Store.open(folder / "selfaudit.db", readonly=True) as store:
        state = store.verify_state()
        edited = {store.post(pid)["native_id"]: e["edited"] for pid, e in state.items()}  # type: ignore[index]
        assert edited[ids[quoted.key]] is True and edited[ids[boosted.key]] is False
        assert store.runs(kind="verify")[0]["status"] == "partial"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_server_errors_are_unknown_and_an_archive_that_is_down_could_not_check(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Sandbox(port=0, faults=FaultConfig(error_rate=1.0, max_failures=10_000)) as sb:
        post = next(i for i in _own_originals(sb) if i.platform == "mastodon")
        ids = _store(folder, sb, [post])
        with Store.open(folder / "selfaudit.db") as store:  # a stored link into the private network is never fetched
            store.upsert_posts([{"platform": "web", "account": sb.base_url + "/blog/", "native_id": "http://10.0.0.7/a",
                                 "url": "http://10.0.0.7/a", "created_at": None, "kind": "page", "text": "t"}])
            store.replace_post_findings("un-secretariat", {p["id"]: (p["content_hash"], [_FINDING])
                                                           for p in store.iter_posts()})
            store.add_decision(next(f for f in store.findings() if f["native_id"] == "http://10.0.0.7/a"), "delete")
        config = _config(tmp_path, sb.base_url, wayback=f"http://127.0.0.1:{_closed_port()}")
        result = _run("verify", "--data", str(folder), "--config", str(config), "--fast")
    assert "0 gone, 0 still online (0 edited), 2 unknown" in result.output
    assert "3 look-ups could not check" in result.output and "private" in result.output
    row = _rows(folder, config)[ids[post.key]]
    assert row["online"] is None and row["copies"] == []
    with Store.open(folder / "selfaudit.db", readonly=True) as store:
        entry = store.verify_state()[next(p["id"] for p in store.iter_posts() if p["platform"] == "mastodon")]
        assert {u["source"] for u in entry["unchecked"]} == {"wayback", "boosts"}
        assert all(u["detail"].startswith("could not check") for u in entry["unchecked"])
        assert not any(p["gone_at"] for p in store.iter_posts())


def test_nothing_decided_means_nothing_is_asked(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Sandbox(port=0) as sb:
        post = next(i for i in _own_originals(sb) if i.platform == "mastodon")
        ids = _store(folder, sb, [post], decide={native_id(sb.persona, post, sb.base_url): "keep"})
        result = _run("verify", "--data", str(folder), "--config", str(_config(tmp_path, sb.base_url)))
        assert "Nothing to verify yet" in result.output and not sb.log
    with Store.open(folder / "selfaudit.db", readonly=True) as store:
        assert store.runs(kind="verify") == [] and ids
