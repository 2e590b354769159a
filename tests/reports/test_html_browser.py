"""The report in real headless Chromium: no network, no errors, filters, ticks, hostile posts."""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from selfaudit.reports.context import build_context
from selfaudit.reports.html import render_html, write_html


@pytest.fixture
def report_file(tmp_path: Path, report_data: dict[str, Any]) -> Path:
    return write_html(tmp_path / "report.html", render_html(build_context(report_data)))


class Watched:
    """A page plus everything it tried to fetch and every console error it logged."""

    def __init__(self, page: Any, url: str) -> None:
        self.page, self.url = page, url
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())

    def visible_cards(self) -> int:
        return int(self.page.locator("article.post:visible").count())


@pytest.fixture
def watched(browser: Any, report_file: Path) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    page = context.new_page()
    url = report_file.resolve().as_uri()
    w = Watched(page, url)
    page.goto(url)
    yield w
    context.close()


def test_file_is_private(report_file: Path) -> None:
    assert stat.S_IMODE(report_file.stat().st_mode) == 0o600


def test_loads_without_errors_or_network(watched: Watched, artifacts: Path) -> None:
    page = watched.page
    page.wait_for_load_state("load")
    assert page.title().startswith("Social media self-review")
    assert watched.errors == []
    assert watched.requests == [watched.url]
    assert page.locator("article.post").count() == 6
    assert page.locator("article.account").count() == 2
    page.screenshot(path=str(artifacts / "report-desktop.png"), full_page=True)


def test_hostile_post_does_not_run(watched: Watched) -> None:
    page = watched.page
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.scripts.length") == 1
    assert page.locator("main img").count() == 0
    text = page.locator("article.post", has_text="Vote Horizon").locator(".post-text").inner_text()
    assert "<script>" in text and "onerror=" in text and "{{ 7*7 }}" in text
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert all(h.startswith(("http://", "https://", "#")) for h in hrefs), hrefs
    assert not any("javascript:" in h or h.startswith("data:") for h in hrefs)


def test_csp_blocks_injected_inline_script(watched: Watched) -> None:
    """Even a script element added at run time cannot execute under the page's CSP."""
    page = watched.page
    csp = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp
    page.evaluate("""() => { const s = document.createElement('script');
        try { s.text = 'window.__pwned = 1'; } catch (e) { return; }
        document.body.appendChild(s); }""")
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_filters_and_search_change_what_is_shown(watched: Watched) -> None:
    page = watched.page
    assert watched.visible_cards() == 6
    page.select_option("select[data-filter=severity]", "high")
    assert watched.visible_cards() == 2
    assert page.locator("#shown").inner_text() == "Showing 2 of 6"
    page.select_option("select[data-filter=severity]", "")
    page.select_option("select[data-filter=concern]", "partisan-politics")
    assert watched.visible_cards() == 3
    page.select_option("select[data-filter=platform]", "bluesky")
    assert watched.visible_cards() == 1
    page.select_option("select[data-filter=platform]", "")
    page.select_option("select[data-filter=timing]", "pre-appointment")
    assert watched.visible_cards() == 2
    page.select_option("select[data-filter=kind]", "like")
    assert watched.visible_cards() == 1
    page.click("#reset")  # the form's reset event re-applies the filters on the next tick
    expect(page.locator("article.post:visible")).to_have_count(6)
    page.fill("#q", "convoy maridi")
    assert watched.visible_cards() == 1
    page.fill("#q", "no such words anywhere")
    assert watched.visible_cards() == 0
    assert page.locator("#none").is_visible()
    page.fill("#q", "")
    page.select_option("select[data-filter=status]", "gone")
    assert watched.visible_cards() == 2
    assert watched.requests == [watched.url]


def test_ticks_persist_across_reload_and_export(watched: Watched, tmp_path: Path) -> None:
    page = watched.page
    card = page.locator("article.post", has_text="golf buddies")
    card.locator("input.done").check()
    assert "is-done" in (card.get_attribute("class") or "")
    page.reload()
    card = page.locator("article.post", has_text="golf buddies")
    assert card.locator("input.done").is_checked()
    assert page.locator("input.done:checked").count() == 1
    page.check("#hide-done")
    assert watched.visible_cards() == 5
    with page.expect_download() as info:
        page.click("#export-json")
    saved = tmp_path / "ticks.json"
    info.value.save_as(saved)
    ticks = json.loads(saved.read_text(encoding="utf-8"))["ticks"]
    assert [t["key"] for t in ticks] == [card.get_attribute("data-key")]
    assert ticks[0]["link"].startswith("https://")
    with page.expect_download() as info:
        page.click("#export-csv")
    csv_file = tmp_path / "ticks.csv"
    info.value.save_as(csv_file)
    lines = csv_file.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("key,done_at") and len(lines) == 2
    page.uncheck("#hide-done")
    card.locator("input.done").uncheck()
    page.reload()
    assert page.locator("input.done:checked").count() == 0
    assert watched.errors == []
    assert all(u == watched.url or u.startswith("blob:") for u in watched.requests)


def test_phone_width_has_no_sideways_scroll(browser: Any, report_file: Path, artifacts: Path) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    page.goto(report_file.resolve().as_uri())
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.screenshot(path=str(artifacts / "report-phone.png"), full_page=True)
    context.close()
    assert overflow <= 0


def test_empty_report_has_no_errors(browser: Any, tmp_path: Path) -> None:
    path = write_html(tmp_path / "empty.html", render_html(build_context({"subject": {}, "accounts": [], "findings": []})))
    context = browser.new_context()
    page = context.new_page()
    w = Watched(page, path.resolve().as_uri())
    page.goto(w.url)
    assert page.locator("article").count() == 0
    context.close()
    assert w.errors == [] and w.requests == [w.url]


def _axe_serious(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    return [f"{v['impact']} {v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
            for v in result.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [1100, 375])
def test_axe_finds_no_serious_or_critical_violation(browser: Any, report_file: Path, width: int) -> None:
    """axe-core (run only here, never shipped in the report) on the open page, then with every card ticked."""
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    page = context.new_page()
    page.goto(report_file.resolve().as_uri())
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    assert _axe_serious(page) == []
    for box in page.locator("input.done").all():
        box.check()
    assert _axe_serious(page) == []  # ticked cards keep their contrast
    context.close()


_FOCUSABLE = "a[href], button, input, select, summary, [tabindex='0']"


def test_keyboard_reaches_every_control_with_a_visible_focus(browser: Any, report_file: Path) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(report_file.resolve().as_uri())
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.evaluate(f"""() => document.querySelectorAll("{_FOCUSABLE}").forEach((el, i) => {{
        if (el.getClientRects().length) {{ el.setAttribute('data-kb', String(i)); }} }})""")
    wanted = set(page.eval_on_selector_all("[data-kb]", "els => els.map(e => e.getAttribute('data-kb'))"))
    reached: set[str] = set()
    faint: list[str] = []
    for _ in range(len(wanted) + 10):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const el = document.activeElement; const s = getComputedStyle(el);
            return {kb: el.getAttribute('data-kb'), outline: parseFloat(s.outlineWidth) || 0, style: s.outlineStyle,
                    shadow: s.boxShadow, what: el.outerHTML.slice(0, 80)}; }""")
        if info["kb"] is None:
            continue
        reached.add(info["kb"])
        if not (info["outline"] >= 2 and info["style"] != "none") and info["shadow"] in ("none", ""):
            faint.append(info["what"])
    context.close()
    assert wanted - reached == set()
    assert faint == []


def test_rule_links_open_the_rule_and_lead_back_to_the_finding(watched: Watched) -> None:
    page = watched.page
    card = page.locator("article.post", has_text="Door-knocking")
    link = card.locator("a.ruleref").first
    target = link.get_attribute("href")
    link.click()
    assert page.locator(target).is_visible()
    back = page.locator(f"{target} a.back-link")
    assert back.get_attribute("href") == "#" + str(card.get_attribute("id"))
    back.click()
    assert page.evaluate("location.hash") == "#" + str(card.get_attribute("id"))


def test_phone_keeps_filters_one_tap_away(browser: Any, report_file: Path) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 700}, is_mobile=True)
    page = context.new_page()
    page.goto(report_file.resolve().as_uri())
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    link = page.locator("a.to-filters")
    assert link.is_visible()
    link.click()
    assert page.locator("#filters").is_visible() and page.locator("#filters").bounding_box()["y"] < 700
    context.close()


def test_tick_labels_and_card_headings_are_distinct(watched: Watched) -> None:
    page = watched.page
    labels = page.eval_on_selector_all("input.done", "els => els.map(e => e.getAttribute('aria-label'))")
    headings = page.eval_on_selector_all("article h3", "els => els.map(e => e.textContent)")
    assert len(set(labels)) == len(labels) and len(set(headings)) == len(headings)
    assert all(re.search(r"\d{4} · “", h) for h in page.eval_on_selector_all("article.post h3", "els => els.map(e => e.textContent)"))


def test_chart_text_stays_legible_on_a_phone(browser: Any, report_file: Path) -> None:
    """Charts scroll sideways on a phone rather than shrinking their text to a few pixels."""
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    page.goto(report_file.resolve().as_uri())
    sizes = page.eval_on_selector_all(
        "svg.chart text", "els => els.map(e => e.getBoundingClientRect().height).filter(h => h > 0)")
    context.close()
    assert sizes and min(sizes) >= 11
