"""The report's inline SVG charts: well-formed, escaped, and the bars say the numbers they were given."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup
from selfaudit.reports import plots

SVG = "{http://www.w3.org/2000/svg}"


def _svg(markup: Markup) -> ET.Element:
    assert isinstance(markup, Markup)
    return ET.fromstring(str(markup))  # well-formed XML, or this raises


def _rects(root: ET.Element) -> list[ET.Element]:
    return root.findall(f"{SVG}rect")


@pytest.mark.parametrize(("value", "scale"), [(0, (1, 1)), (1, (1, 1)), (5, (5, 1)), (7, (8, 2)), (11, (15, 5)),
                                              (48, (50, 10)), (1234, (1250, 250)), (10**6, (10**6, 10**6))])
def test_nice_scale_has_at_most_five_round_steps(value: int, scale: tuple[int, int]) -> None:
    assert plots._nice_scale(value) == scale


def test_year_chart_stacks_severities_and_fills_the_gap_years() -> None:
    root = _svg(plots.year_chart({2019: {"high": 2, "low": 1}, 2021: {"medium": 4}}))
    assert [t.text for t in root.findall(f"{SVG}text") if t.get("class") == "axis" and (t.text or "").startswith("20")] \
        == ["2019", "2020", "2021"]
    assert sorted(r.find(f"{SVG}title").text for r in _rects(root)) == ["2019: 1 low", "2019: 2 high", "2021: 4 medium"]
    assert {r.get("class") for r in _rects(root)} == {"sev-high", "sev-low", "sev-medium"}
    assert "2019: 3, 2020: 0, 2021: 4" in root.get("aria-label", "")
    heights = {r.find(f"{SVG}title").text: float(r.get("height", 0)) for r in _rects(root)}
    assert heights["2019: 2 high"] == pytest.approx(2 * heights["2019: 1 low"], abs=0.2)
    assert "style" not in str(plots.year_chart({2020: {"high": 1}}))  # CSP: colours come from classes


def test_year_chart_marks_the_appointment_even_in_a_year_without_findings() -> None:
    root = _svg(plots.year_chart({2019: {"high": 1}}, appointment=(2022, 0.5)))
    years = [t.text for t in root.findall(f"{SVG}text") if (t.text or "").isdigit() and len(t.text or "") == 4]
    assert years == ["2019", "2020", "2021", "2022"]
    [marker] = [line for line in root.findall(f"{SVG}line") if line.get("class") == "marker"]
    assert float(marker.get("x1", 0)) > float(_rects(root)[0].get("x", 0))
    assert any(t.text == "Appointment" for t in root.findall(f"{SVG}text"))


def test_year_chart_of_nothing_is_empty() -> None:
    assert plots.year_chart({}) == Markup("")


def test_bar_chart_lengths_follow_the_counts_and_labels_are_escaped() -> None:
    hostile = '<script>alert("x")</script> & co'
    markup = plots.bar_chart([("Partisan politics", 10), (hostile, 5), ("None", 0)], title='Per "concern"', css="bar")
    root = _svg(markup)
    assert "<script>" not in str(markup)
    assert [t.text for t in root.findall(f"{SVG}text") if t.get("class") == "label"] == ["Partisan politics", hostile, "None"]
    widths = [float(r.get("width", 0)) for r in _rects(root)]
    assert widths[0] == pytest.approx(2 * widths[1]) and widths[2] == 0
    assert root.find(f"{SVG}title").text == 'Per "concern"'
    assert re.search(r"Partisan politics: 10, .* co: 5, None: 0", root.get("aria-label", ""))


def test_bar_chart_of_nothing_is_empty_and_all_zero_is_drawn() -> None:
    assert plots.bar_chart([], title="t") == Markup("")
    root = _svg(plots.bar_chart([("a", 0)], title="t"))
    assert [float(r.get("width", 1)) for r in _rects(root)] == [0]
