"""Place names in post text (#13): the matcher, and named towns as evidence for a security risk only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from selfaudit.analysis.judge import Judgement
from selfaudit.analysis.pack import Pack
from selfaudit.analysis.placenames import GAZETTEER, NAMED_SOURCE, find_places, place_evidence

from selfaudit.store import Store


def _names(text: str) -> list[str]:
    return [p.name for p in find_places(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Back in Genève for the week", ["Geneva"]),
    ("De vuelta en Ginebra", ["Geneva"]),
    ("Снова в Женеве, потом Москва", ["Geneva", "Moscow"]),
    ("我在日内瓦开会", ["Geneva"]),
    ("وصلت إلى جنيف اليوم", ["Geneva"]),
    ("وصلنا بجنيف", ["Geneva"]),  # attached Arabic preposition
    ("GOMA then nairobi, then Goma again", ["Goma", "Nairobi"]),
    ("Convoy from Port Sudan to El Fasher", ["Port Sudan", "El Fasher"]),
    ("北京和亚的斯亚贝巴", ["Beijing", "Addis Ababa"]),
])
def test_names_in_the_six_languages(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize("text", [
    "Gomaland and Nairobian",  # inside words
    "my new tyre and the Roma families",  # common words left out of the gazetteer
    "معدن وزبون",  # Arabic words that merely contain a short name
    "see https://geneva.example.org/goma and www.nairobi.com/x",  # web addresses
    "thanks @UNGeneva and @Goma_Team #Nairobi",  # handles and hashtags
    "",
])
def test_no_match_inside_words_urls_handles(text: str) -> None:
    assert _names(text) == []


def test_gazetteer_is_sane_and_evidence_is_the_town() -> None:
    assert 100 <= len(GAZETTEER) <= 150
    assert all(abs(p.lat) <= 90 and abs(p.lon) <= 180 and p.country for p in GAZETTEER)
    assert len({p.name for p in GAZETTEER}) == len(GAZETTEER)
    assert place_evidence(None, "le convoi part de Bunia") == {
        "place": "Bunia, DR Congo", "lat": 1.56, "lon": 30.25, "position_source": NAMED_SOURCE}
    assert place_evidence("nothing here") is None


class _Judge:
    """Flags ``security-risk`` on any text mentioning a convoy: stands in for the trained judge."""

    def __init__(self, embedder: Any) -> None:
        self.embedder = embedder
        self.heads = SimpleNamespace(model_id="stub")

    def judge(self, texts: Sequence[str], *, kinds: Sequence[str | None] | None = None) -> list[list[Judgement]]:
        return [[Judgement("security-risk", 0.9, ("convoy",), "", "Announces a movement.", ("convoy",))]
                if "convoy" in t.lower() else [] for t in texts]


@pytest.fixture
def analysed(tmp_path: Path, mini_pack: Pack, hash_embedder: Any) -> Any:
    from selfaudit.analysis.pipeline import analyze

    with Store.open(tmp_path / "data" / "selfaudit.db") as store:
        posts = [("1", "Convoy leaves for Goma at 6am tomorrow, 12 trucks"),
                 ("2", "Lovely holiday in Geneva, the lake!"),
                 ("3", "Convoy day, wish us luck")]
        store.upsert_posts([{"platform": "mastodon", "account": "ana", "native_id": n, "created_at": "2024-06-01T09:00:00Z",
                             "kind": "original", "text": text, "source": "archive"} for n, text in posts])
        analyze(store, appointment_date=dt.date(2024, 1, 15), pack=mini_pack, embedder=hash_embedder,
                judge=_Judge(hash_embedder))  # type: ignore[arg-type]
        yield store


def test_picture_risk_without_gps_takes_the_town_gps_wins(mini_pack: Pack, hash_embedder: Any) -> None:
    from selfaudit.analysis.photos import MediaView, media_findings

    post = {"id": 1, "account_id": 1, "kind": "original", "text": "Busy week", "created_at": "2024-06-01T09:00:00Z"}
    gps = {**post, "id": 2, "text": "Convoy to Goma"}
    got = media_findings([(post, [MediaView("m.png", {"ocr": "CONVOY SCHEDULE Bunia 06:00"})]),
                          (gps, [MediaView("g.jpg", {"lat": -1.31682, "lon": 36.83375})])],
                         pack=mini_pack, judge=_Judge(hash_embedder), appointment_date=dt.date(2024, 1, 15),  # type: ignore[arg-type]
                         affiliated=lambda _: False)
    (risk,) = [f for f in got[1] if f["concern"] == "security-risk"]
    assert (risk["explanation"]["place"], risk["explanation"]["position_source"]) == ("Bunia, DR Congo", NAMED_SOURCE)
    (fix,) = [f for f in got[2] if f["concern"] == "security-risk"]
    assert fix["explanation"]["lat"] == -1.31682 and fix["explanation"]["position_source"] == "exif"


def test_a_named_town_is_evidence_for_a_risk_never_a_finding(analysed: Any, mini_pack: Pack) -> None:
    found = {f["native_id"]: f for f in analysed.findings(pack=mini_pack.id)}
    assert set(found) == {"1", "3"}  # the Geneva holiday stays clean
    ex = found["1"]["explanation"]
    assert (ex["place"], ex["lat"], ex["lon"], ex["position_source"]) == ("Goma, DR Congo", -1.68, 29.23, NAMED_SOURCE)
    assert "lat" not in found["3"]["explanation"]


def test_export_and_report_show_the_named_town(analysed: Any, tmp_path: Path) -> None:
    from selfaudit.app.cli import ExportWhat, export_rows
    from selfaudit.reports.build import build_report

    rows = {r["post_id"]: r for r in export_rows(analysed, ExportWhat.findings)}
    assert (rows["1"]["lat"], rows["1"]["lon"]) == (-1.68, 29.23) and rows["3"]["lat"] is None
    html = build_report(analysed, html_path=tmp_path / "r.html", appointment_date="2024-01-15").html_path.read_text()
    assert html.count('<circle class="pt after named"') == 1  # Goma only: Geneva is named but not flagged
    assert "1.68°S, 29.23°E" in html and "Goma, DR Congo, named in the text" in html
    assert "less precise than GPS" in html and "Geneva, Switzerland" not in html
