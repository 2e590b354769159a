"""Pictures kept content-addressed and private, linked to posts, with facts and media findings (#13)."""

from __future__ import annotations

import stat
from pathlib import Path

from selfaudit.store import Store
from selfaudit.store.media import media_suffix


def _post(store: Store, nid: str) -> int:
    store.upsert_posts([{"platform": "instagram", "account": "ana", "native_id": nid, "kind": "original",
                         "text": f"post {nid}", "created_at": "2024-01-01T00:00:00Z", "source": "archive"}])
    return next(p["id"] for p in store.iter_posts() if p["native_id"] == nid)


def test_files_once_private_and_linked(tmp_path: Path) -> None:
    with Store.open(tmp_path / "data" / "selfaudit.db") as store:
        a, b = _post(store, "1"), _post(store, "2")
        jpeg = b"\xff\xd8\xff\xe0 fake jpeg"
        item = {"platform": "instagram", "account": "ana", "origin": "media/posts/1.jpg", "data": jpeg}
        assert store.add_media([{**item, "native_id": "1"}, {**item, "native_id": "2"},
                                {**item, "native_id": "missing"}]) == 2
        assert store.add_media([{**item, "native_id": "1"}]) == 0  # an import run twice adds nothing
        rows = store.media()
        assert [r["post_id"] for r in rows] == [a, b] and rows[0]["file"] == rows[1]["file"]
        assert rows[0]["file"].endswith(".jpg") and rows[0]["facts"] is None
        path = store.media_path(rows[0]["file"])
        assert path.read_bytes() == jpeg and stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert len(list((tmp_path / "data" / "media").rglob("*.jpg"))) == 1
        assert store.has_media_origin("media/posts/1.jpg") and not store.has_media_origin("other")
        assert store.media_path("../../etc/passwd") == store.media_dir / "pa" / "passwd"  # a name, never a path


def test_facts_and_media_findings_leave_text_findings(tmp_path: Path) -> None:
    with Store.open(tmp_path / "selfaudit.db") as store:
        pid = _post(store, "1")
        store.add_media([{"platform": "instagram", "account": "ana", "native_id": "1", "origin": "x",
                          "data": b"\x89PNG\r\n\x1a\n..."}])
        (todo,) = store.media_to_analyze(1)
        store.set_media_facts({todo["file"]: {"faces": 2, "ocr": "hi"}}, version=1)
        assert store.media_to_analyze(1) == [] and len(store.media_to_analyze(2)) == 1
        assert store.media(post_id=pid)[0]["facts"] == {"faces": 2, "ocr": "hi"}
        text = {"concern": "partisan-politics", "severity": "medium", "score": 0.7, "explanation": {"reason": "r"}}
        store.replace_post_findings("p", {pid: ("h", [text])})
        media = {"concern": "security-risk", "severity": "high", "score": 0.9,
                 "explanation": {"reason": "m", "origin": "media", "lat": 1.0, "lon": 2.0}}
        store.replace_media_findings("p", {pid: [media]})
        store.replace_media_findings("p", {pid: [media]})
        assert sorted(f["concern"] for f in store.findings(pack="p")) == ["partisan-politics", "security-risk"]
        store.replace_media_findings("p", {pid: []})
        assert [f["concern"] for f in store.findings(pack="p")] == ["partisan-politics"]


def test_a_media_finding_of_a_concern_the_text_raised_keeps_the_stronger(tmp_path: Path) -> None:
    with Store.open(tmp_path / "selfaudit.db") as store:
        pid = _post(store, "1")
        text = {"concern": "security-risk", "severity": "high", "score": 0.85, "explanation": {"reason": "convoy"}}
        store.replace_post_findings("p", {pid: ("h", [text])})
        weak = {"concern": "security-risk", "severity": "low", "score": 0.5, "explanation": {"origin": "media"}}
        store.replace_media_findings("p", {pid: [weak]})  # before: UNIQUE constraint failed, the analysis stopped
        assert [f["explanation"] for f in store.findings(pack="p")] == [{"reason": "convoy"}]
        strong = {**weak, "severity": "high", "score": 0.9, "explanation": {"origin": "media", "lat": 1.0}}
        for _ in range(2):
            store.replace_media_findings("p", {pid: [strong]})
            assert [f["explanation"] for f in store.findings(pack="p")] == [{"origin": "media", "lat": 1.0}]


def test_suffix_from_signature() -> None:
    assert media_suffix(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "webp"
    assert media_suffix(b"GIF89a...") == "gif" and media_suffix(b"<svg") == "bin"
