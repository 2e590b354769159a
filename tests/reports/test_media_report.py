"""Pictures and places in the report: data-URI thumbnails only, OCR excerpt, position, outline map, filters (#13)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from selfaudit.reports.build import build_report
from selfaudit.reports.media import places_view
from selfaudit.sandbox.pictures import holiday_photo, party_photo, screenshot

from selfaudit.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with Store.open(tmp_path / "data" / "selfaudit.db") as s:
        posts = [("1", "2024-06-01T21:00:00Z", "Great night with the team! <script>x</script>"),
                 ("2", "2024-06-02T09:00:00Z", "Busy week"), ("3", "2020-07-01T09:00:00Z", "Beach!"),
                 ("4", "2021-01-01T09:00:00Z", "Plain text post about politics")]
        s.upsert_posts([{"platform": "instagram", "account": "ana", "native_id": n, "created_at": when,
                         "kind": "original", "text": text, "source": "archive",
                         "extra": {"geo": [{"lat": 46.2, "lon": 6.1, "source": "facebook place",
                                            "name": "<b>Palais</b>"}]} if n == "4" else {}}
                        for n, when, text in posts])
        pics = {"1": party_photo(people=3, lat=-1.31682, lon=36.83375),
                "2": screenshot(["INTERNAL - DO NOT DISTRIBUTE", "Draft decision"]), "3": holiday_photo(lat=43.7, lon=7.26)}
        s.add_media([{"platform": "instagram", "account": "ana", "native_id": n, "origin": n, "data": d}
                     for n, d in pics.items()])
        ids = {p["native_id"]: p["id"] for p in s.iter_posts()}
        facts = {r["file"]: {"lat": -1.31682, "lon": 36.83375, "faces": 3} if r["origin"] == "1" else
                 {"ocr": "INTERNAL - DO NOT DISTRIBUTE"} if r["origin"] == "2" else {"lat": 43.7, "lon": 7.26}
                 for r in s.media()}
        s.set_media_facts(facts, version=1)
        files = {r["origin"]: r["file"] for r in s.media()}
        s.replace_media_findings("un-secretariat", {
            ids["1"]: [{"concern": "security-risk", "severity": "high", "score": 0.8, "timing": "post-appointment",
                        "explanation": {"reason": "gps after appointment", "origin": "media", "media": files["1"],
                                        "lat": -1.31682, "lon": 36.83375}, "action": "edit"}],
            ids["2"]: [{"concern": "confidential-info", "severity": "high", "score": 0.9, "timing": "post-appointment",
                        "explanation": {"reason": "memo", "origin": "media", "media": files["2"],
                                        "ocr": "INTERNAL - DO NOT DISTRIBUTE"}, "action": "delete"}]})
        s.replace_post_findings("un-secretariat", {ids["4"]: ("h", [{
            "concern": "partisan-politics", "severity": "medium", "score": 0.8, "explanation": {"reason": "vote"}}])})
        yield s


def test_report_embeds_thumbnails_ocr_positions_and_map(store: Any, tmp_path: Path) -> None:
    result = build_report(store, html_path=tmp_path / "r.html", appointment_date="2024-01-15")
    html = result.html_path.read_text()
    srcs = re.findall(r'<img[^>]* src="([^"]*)"', html)
    assert len(srcs) == 2 and all(s.startswith("data:image/jpeg;base64,") for s in srcs)
    assert "img-src data:" in html and "http://" not in "".join(srcs) and "https://" not in "".join(srcs)
    assert "INTERNAL - DO NOT DISTRIBUTE" in html and "1.31682°S, 36.83375°E" in html
    assert "3 faces detected" in html
    assert '<svg class="worldmap"' in html and html.count('<circle class="pt after"') == 1
    assert html.count('<circle class="pt before"') == 2  # the holiday photo and the old check-in
    assert "&lt;b&gt;Palais&lt;/b&gt;" in html and "<b>Palais</b>" not in html
    assert 'data-filter="has_media"' in html and 'data-filter="has_location"' in html
    assert html.count('data-has_media="yes"') == 2 and 'data-has_location="yes"' in html


def test_places_view_splits_by_appointment() -> None:
    view = places_view([{"lat": -1.3, "lon": 36.8, "created_at": "2024-06-01T00:00:00Z", "what": "GPS"},
                        {"lat": 43.7, "lon": 7.26, "created_at": "2020-06-01T00:00:00Z", "what": "GPS"},
                        {"lat": 0.5, "lon": 0.5, "created_at": None, "what": "GPS"}], dt.date(2024, 1, 15))
    assert view is not None and (view["after"], view["before"]) == (1, 1)
    assert [p["when"] for p in view["points"]] == ["unknown", "before", "after"]
    assert view["points"][2]["x"] == pytest.approx((36.8 + 180) * 2) and view["points"][2]["y"] == pytest.approx((90 + 1.3) * 2)
    assert places_view([], None) is None


def test_pictures_render_in_chromium_with_no_request_filters_and_axe(store: Any, tmp_path: Path, browser: Any,
                                                                    artifacts: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    html = build_report(store, html_path=tmp_path / "r.html", appointment_date="2024-01-15").html_path
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    url = html.resolve().as_uri()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.goto(url)
    page.wait_for_load_state("load")
    assert errors == [] and [r for r in requests if not r.startswith("data:")] == [url]
    widths = page.eval_on_selector_all("figure.picture img", "els => els.map(e => e.naturalWidth)")
    assert len(widths) == 2 and all(w > 0 for w in widths)  # the CSP lets the data: thumbnails show
    page.select_option("select[data-filter=has_media]", "yes")
    assert page.locator("article.post:visible").count() == 2
    page.select_option("select[data-filter=has_media]", "")
    page.select_option("select[data-filter=has_location]", "no")
    assert page.locator("article.post:visible").count() == 1
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.screenshot(path=str(artifacts / "report-pictures.png"), full_page=True)
    serious = [f"{v['impact']} {v['id']}" for v in Axe().run(page).response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
    context.close()
