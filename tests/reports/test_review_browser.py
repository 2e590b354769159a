"""The review page in real Chromium: a decision made with the page's token is recorded; without it, 403."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from selfaudit.app.review import ReviewServer

from tests.app.test_decide import make_store
from tests.app.test_review import decisions_in, running


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return make_store(tmp_path)


@pytest.fixture
def review(data: Path) -> Iterator[ReviewServer]:
    with running(data) as server:
        yield server


def test_review_page_records_decisions_with_the_token(browser: Any, review: ReviewServer, data: Path,
                                                      artifacts: Path) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(review.url)
    assert response is not None and response.status == 200
    assert "connect-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"

    vote = page.locator("article.post", has_text="Vote for the Horizon Party")
    vote.locator("button.act-delete").click()
    expect(vote.locator("output.msg")).to_have_text("Saved.")
    expect(vote.locator(".decision-status")).to_contain_text("To delete")
    assert decisions_in(data)["partisan-politics"]["action"] == "delete"

    convoy = page.locator("article.post", has_text="Convoy leaves")
    convoy.locator("button.act-keep").click()
    expect(convoy.locator("output.msg")).to_contain_text("write why it is fine")
    assert "security-risk" not in decisions_in(data)
    convoy.locator("input.note").fill("Old news: that convoy ran in 2019")
    convoy.locator("button.act-keep").click()
    expect(convoy.locator("output.msg")).to_have_text("Saved.")
    expect(page.locator("#dealt")).to_have_text("2")
    assert decisions_in(data)["security-risk"]["note"] == "Old news: that convoy ran in 2019"

    # The page's own script, without the token, is refused.
    status = page.evaluate("""() => fetch('/decide', {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({ids: [], action: 'delete'})}).then(r => r.status)""")
    assert status == 403

    page.reload()
    expect(page.locator("article.post", has_text="Vote for the Horizon Party").locator(".decision-status")).to_contain_text(
        "To delete")
    expect(page.locator("#dealt")).to_have_text("2")
    assert errors == ["Failed to load resource: the server responded with a status of 403 (Forbidden)"]
    page.locator("#posts").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "review-page.png"))
    context.close()
