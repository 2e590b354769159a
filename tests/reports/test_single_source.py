"""Rules written once: the report takes timing from analysis and concern titles from the pack.

Both used to be written twice (``reports/context.py`` re-derived timing, ``reports/labels.py``
kept its own concern titles) and had drifted; these tests fail if either comes back.
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import selfaudit.reports
from selfaudit.analysis.pack import ACCOUNT_CONCERNS, POST_CONCERNS, available_packs, load_pack
from selfaudit.analysis.severity import TIMINGS, timing_of
from selfaudit.reports import labels as L
from selfaudit.reports.context import build_context
from selfaudit.reports.rules import pack_info

REPORTS = Path(selfaudit.reports.__file__).parent
APPOINTMENT = dt.date(2020, 3, 1)


def _data(pack: Any, concerns: list[tuple[str, str]], *, appointment: dt.date | None = APPOINTMENT,
          dates: list[str] | None = None) -> dict[str, Any]:
    """One post per (post concern, date), one account finding per account concern; no stored timing."""
    posts: dict[int, dict[str, Any]] = {}
    findings: list[dict[str, Any]] = []
    for i, (concern, scope) in enumerate(concerns):
        if scope == "account":
            findings.append({"id": 1000 + i, "post_id": None, "account_id": 1, "concern": concern, "severity": "low",
                             "score": 0.9, "timing": None, "action": "keep", "pack": pack["id"],
                             "explanation": {"reason": "", "triggers": [], "exemplar": "", "evidence": []}})
            continue
        for j, created in enumerate(dates or ["2018-01-01T00:00:00Z"]):
            pid = i * 100 + j
            posts[pid] = {"id": pid, "account_id": 1, "platform": "mastodon", "native_id": str(pid),
                          "url": f"https://social.example/@ana/{pid}", "created_at": created, "kind": "original",
                          "text": f"post {pid} {concern}", "media_alt": [], "source": "crawl"}
            findings.append({"id": pid, "post_id": pid, "account_id": None, "concern": concern, "severity": "medium",
                             "score": 0.9, "timing": None, "action": "delete", "pack": pack["id"],
                             "explanation": {"reason": "", "triggers": [], "exemplar": "", "evidence": []}})
    return {"subject": {"name": "Ana", "appointment_date": str(appointment) if appointment else None},
            "generated_at": "2026-12-01T00:00:00Z",
            "accounts": [{"id": 1, "platform": "mastodon", "handle": "ana@social.example", "display_name": "Ana"}],
            "coverage": [], "crawl_runs": [], "posts": posts, "findings": findings, "verifications": [], "pack": pack}


@pytest.mark.parametrize("pack_id", available_packs())
def test_every_concern_title_in_the_report_is_the_packs(pack_id: str) -> None:
    pack = load_pack(pack_id)
    info = pack_info(pack)
    ctx = build_context(_data(info, [(c.id, c.scope) for c in pack.concerns]))
    titles = {c.id: c.short_title for c in pack.concerns}
    shown = {c["id"]: c["label"] for p in ctx["post_findings"] for c in p["concerns"]}
    shown |= {a["id"]: a["label"] for a in ctx["account_findings"]}
    assert shown == titles
    assert {s["id"]: s["label"] for s in ctx["rulebook"]} == {c: t for c, t in titles.items() if info["rules"].get(c)}
    assert {o["id"]: o["label"] for o in ctx["filters"]["concern"]} == {c.id: c.short_title for c in pack.post_concerns}


def test_a_concern_the_pack_does_not_name_gets_a_readable_id() -> None:
    info = {**pack_info(load_pack()), "concerns": {}}
    ctx = build_context(_data(info, [("partisan-politics", "post")]))
    assert ctx["post_findings"][0]["concerns"][0]["label"] == "Partisan politics"
    assert ctx["post_findings"][0]["concerns"][0]["about"] == ""


def _dict_keys(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Dict):
        return [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    return []


@pytest.mark.parametrize("path", sorted(REPORTS.glob("*.py")), ids=lambda p: p.name)
def test_no_report_module_keeps_its_own_concern_table(path: Path) -> None:
    ids = set(POST_CONCERNS) | set(ACCOUNT_CONCERNS)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    tables = [node.lineno for node in ast.walk(tree) if len(ids & set(_dict_keys(node))) > 1]
    assert not tables, f"{path.name}:{tables}: concern titles belong in the pack (read them via labels.concern_label)"


@pytest.mark.parametrize("path", sorted(REPORTS.glob("*.py")), ids=lambda p: p.name)
def test_no_report_module_spells_out_the_timing_rule(path: Path) -> None:
    literals = {n.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    assert not literals & set(TIMINGS), f"{path.name}: timing comes from selfaudit.analysis.severity.timing_of"


def test_the_reports_timing_is_analysis_timing() -> None:
    dates = ["2020-02-29T23:59:59Z", "2020-03-01T00:00:00Z", "2020-03-02T10:00:00+02:00", "2019-12-31", "not a date", ""]
    for appointment in (APPOINTMENT, None):
        ctx = build_context(_data(pack_info(load_pack()), [("partisan-politics", "post")], appointment=appointment,
                                  dates=dates))
        shown = {p["text"]: p["timing"] for p in ctx["post_findings"]}
        want = {f"post {j} partisan-politics": timing_of(d, appointment) or "unknown" for j, d in enumerate(dates)}
        assert shown == want
    assert set(L.TIMINGS) == {*TIMINGS, "unknown"}
