"""Media findings: positions split by the appointment date, work sites, text in pictures, faces (#13)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from selfaudit.analysis.heads import fit_heads
from selfaudit.analysis.judge import PostJudge
from selfaudit.analysis.media import analyze_image
from selfaudit.analysis.pack import Pack
from selfaudit.analysis.photos import MediaView, media_findings, site_words

from tests.analysis.images import holiday_photo, party_photo, screenshot

APPOINTED = dt.date(2024, 1, 15)


def _post(pid: int, text: str, created: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"id": pid, "account_id": 1, "kind": "original", "text": text, "created_at": created, "extra": extra or {}}


def _run(pack: Pack, items: list[tuple[dict[str, Any], list[MediaView]]], judge: PostJudge | None = None,
         appointment: dt.date | None = APPOINTED) -> dict[int, list[dict[str, Any]]]:
    return media_findings(items, pack=pack, judge=judge, appointment_date=appointment, affiliated=lambda _: True)


def _view(data: bytes, name: str = "f.jpg") -> MediaView:
    return MediaView(name, analyze_image(data, name=name).as_dict())


def test_warehouse_party_after_appointment_is_a_security_risk(mini_pack: Pack) -> None:
    view = _view(party_photo(people=3, lat=-1.31682, lon=36.83375), "ab12.jpg")
    got = _run(mini_pack, [(_post(1, "Great night with the team!", "2024-06-01T21:00:00Z"), [view])])[1]
    (risk,) = [f for f in got if f["concern"] == "security-risk"]
    assert risk["severity"] == "high" and risk["timing"] == "post-appointment"
    ex = risk["explanation"]
    assert ex["media"] == "ab12.jpg" and ex["lat"] == pytest.approx(-1.31682, abs=1e-5)
    assert ex["origin"] == "media" and "1.31682°S, 36.83375°E" in ex["evidence"][0]
    assert "after your appointment" in ex["reason"] and "without its location" in ex["reason"]


def test_pre_appointment_holiday_photo_is_a_low_note(mini_pack: Pack) -> None:
    view = _view(holiday_photo(lat=43.695, lon=7.2655), "beach.jpg")
    got = _run(mini_pack, [(_post(2, "Sunny days in Nice", "2022-08-01T10:00:00Z"), [view])])[2]
    assert [(f["concern"], f["severity"], f["action"]) for f in got] == [("security-risk", "low", "edit")]
    assert got[0]["explanation"]["note"] == "location"
    unknown = _run(mini_pack, [(_post(2, "Sunny days", "2025-08-01T10:00:00Z"), [view])], appointment=None)[2]
    assert unknown[0]["severity"] == "low"  # no appointment date: never more than the note


def test_site_words_make_even_old_positions_a_risk(mini_pack: Pack) -> None:
    extra = {"geo": [{"lat": 2.0469, "lon": 45.3182, "source": "facebook place", "name": "WFP warehouse Mogadishu"}]}
    got = _run(mini_pack, [(_post(3, "Loading day", "2020-03-03T08:00:00Z", extra), [])])[3]
    (risk,) = got
    assert risk["severity"] == "high" and risk["explanation"]["place"] == "WFP warehouse Mogadishu"
    assert risk["explanation"]["triggers"] == ["warehouse"] and "media" not in risk["explanation"]
    assert site_words("Convoi vers l'entrepôt", "仓库") == ["convoi", "entrepôt", "仓库"]
    assert site_words("a warehouse sale of shoes? no: sunny beach") == ["warehouse"]


def test_document_screenshot_is_confidential(mini_pack: Pack, hash_embedder: Any) -> None:
    judge = PostJudge(mini_pack, hash_embedder, heads=fit_heads(mini_pack, hash_embedder))
    view = _view(screenshot(["INTERNAL - DO NOT DISTRIBUTE", "Draft decision on the relocation",
                             "of the Nairobi warehouse staff."]), "memo.png")
    got = _run(mini_pack, [(_post(4, "Busy week!", "2024-05-05T09:00:00Z"), [view])], judge=judge)[4]
    conf = next(f for f in got if f["concern"] == "confidential-info")
    assert conf["severity"] == "high" and conf["explanation"]["media"] == "memo.png"
    assert "INTERNAL - DO NOT DISTRIBUTE" in conf["explanation"]["ocr"]
    assert all(f["concern"] != "security-risk" for f in got)  # no position, no site risk from a memo alone


def test_faces_with_people_words(mini_pack: Pack) -> None:
    view = _view(party_photo(people=3, crates=False), "kids.jpg")
    got = _run(mini_pack, [(_post(5, "Visiting the children at the refugee camp", "2024-05-05T09:00:00Z"), [view]),
                           (_post(6, "Dinner with friends", "2024-05-05T09:00:00Z"), [view])])
    (priv,) = got[5]
    assert priv["concern"] == "privacy-of-others" and priv["explanation"]["faces"] == 3
    assert priv["explanation"]["triggers"] == ["children", "refugee"]
    assert got[6] == []


def test_posts_without_anything_get_an_empty_list(mini_pack: Pack) -> None:
    view = _view(holiday_photo(), "plain.jpg")
    assert _run(mini_pack, [(_post(7, "hello", "2025-01-01T00:00:00Z"), [view])]) == {7: []}


def test_analyze_reads_pictures_once_and_keeps_media_findings(tmp_path: Any, mini_pack: Pack, hash_embedder: Any) -> None:
    from selfaudit.analysis.pipeline import analyze

    from selfaudit.store import Store

    judge = PostJudge(mini_pack, hash_embedder, heads=fit_heads(mini_pack, hash_embedder))
    with Store.open(tmp_path / "data" / "selfaudit.db") as store:
        posts = [("1", "2024-06-01T21:00:00Z", "Great night with the team!"),
                 ("2", "2024-06-02T09:00:00Z", "Busy week"), ("3", "2020-07-01T09:00:00Z", "Beach!")]
        store.upsert_posts([{"platform": "instagram", "account": "ana", "native_id": n, "created_at": when,
                             "kind": "original", "text": text, "source": "archive"} for n, when, text in posts])
        pictures = {"1": party_photo(people=3, lat=-1.31682, lon=36.83375),
                    "2": screenshot(["INTERNAL - DO NOT DISTRIBUTE", "Draft decision"]),
                    "3": holiday_photo(lat=43.695, lon=7.2655), }
        store.add_media([{"platform": "instagram", "account": "ana", "native_id": n, "origin": f"m/{n}", "data": d}
                         for n, d in pictures.items()] + [{"platform": "instagram", "account": "ana",
                                                           "native_id": "3", "origin": "bad", "data": b"junk"}])
        result = analyze(store, appointment_date=APPOINTED, pack=mini_pack, embedder=hash_embedder, judge=judge)
        assert result.pictures == 4 and result.media_findings >= 3
        media = {(f["native_id"], f["concern"]): f for f in store.findings(pack=mini_pack.id)
                 if f["explanation"].get("origin") == "media"}
        assert media[("1", "security-risk")]["severity"] == "high"
        assert media[("2", "confidential-info")]["severity"] == "high"
        assert media[("3", "security-risk")]["severity"] == "low"
        assert any("not an image" in n for r in store.media() if r["origin"] == "bad" for n in r["facts"]["notes"])
        again = analyze(store, appointment_date=APPOINTED, pack=mini_pack, embedder=hash_embedder, judge=judge,
                        all_posts=True)
        assert again.pictures == 0  # facts are kept; findings are rebuilt after the text pass
        assert {(f["native_id"], f["concern"]) for f in store.findings(pack=mini_pack.id)
                if f["explanation"].get("origin") == "media"} == set(media)


def test_demo_persona_photos(tmp_path: Any, mini_pack: Pack, hash_embedder: Any) -> None:
    from selfaudit.analysis.pipeline import analyze
    from selfaudit.crawler.importers.core import import_archive
    from selfaudit.sandbox.archives import write_x_archive
    from selfaudit.sandbox.pictures import demo_photo_posts

    from selfaudit.store import Store

    judge = PostJudge(mini_pack, hash_embedder, heads=fit_heads(mini_pack, hash_embedder))
    with Store.open(tmp_path / "data" / "selfaudit.db") as store:
        import_archive(write_x_archive(tmp_path / "archives"), store=store)
        analyze(store, appointment_date=dt.date(2021, 9, 1), pack=mini_pack, embedder=hash_embedder, judge=judge)
        media = {}
        for f in store.findings(pack=mini_pack.id):
            if f["explanation"].get("origin") == "media":
                media.setdefault(f["native_id"], []).append((f["concern"], f["severity"]))
    expect = {p["id"]: p["expect"] for p in demo_photo_posts()}
    party, screen, beach, sunset = expect
    assert ("security-risk", "high") in media[party]
    assert ("confidential-info", "high") in media[screen]
    assert media[beach] == [("security-risk", "low")]
    assert sunset not in media
