"""Inline SVG charts for the report, built in Python so the page needs no chart library.

Every label is escaped here; the returned string is wrapped in ``Markup`` so Jinja
inserts it as-is. Colours come from CSS classes (``sev-high`` ...), which keeps the
SVG free of ``style`` attributes that the page's Content-Security-Policy would block.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup

__all__ = ["SEVERITIES", "bar_chart", "year_chart"]

SEVERITIES = ("high", "medium", "low", "info")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _nice_scale(value: int) -> tuple[int, int]:
    """(top, step) of a value axis with at most 5 round steps above zero."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 5:
            return max(-(-value // step) * step, step), step
    return value, value


def year_chart(
    counts: dict[int, dict[str, int]],
    *,
    appointment: tuple[int, float] | None = None,
    title: str = "Findings per year",
) -> Markup:
    """Stacked bars of findings per year (by severity), with the appointment date marked.

    Args:
        counts: year -> severity -> number of flagged posts.
        appointment: (year, fraction of the year elapsed) of the appointment date, or None.
        title: accessible title of the chart.
    """
    years = sorted(counts)
    if appointment and years:
        years = sorted(set(years) | {appointment[0]})
    if not years:
        return Markup("")
    years = list(range(years[0], years[-1] + 1))
    # Drawn at the size it is read at (600 px, 14 px text); on a phone it scrolls sideways
    # instead of shrinking its text below legibility.
    width, height, left, bottom, top = 600, 230, 36, 30, 36
    plot_w, plot_h = width - left - 8, height - bottom - top
    top_value, step = _nice_scale(max((sum(counts.get(y, {}).values()) for y in years), default=1))
    slot = plot_w / len(years)
    bar_w = max(min(slot * 0.7, 48), 2)
    totals = ", ".join(f"{y}: {sum(counts.get(y, {}).values())}" for y in years)
    parts = [
        (f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{_e(title)}. {_e(totals)}" xmlns="http://www.w3.org/2000/svg">'),
        f"<title>{_e(title)}</title>",
    ]
    for tick in range(0, top_value + 1, step):
        y = top + plot_h - plot_h * tick / top_value
        parts.append(f'<line class="grid" x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    label_every = max(1, -(-len(years) // 9))
    for i, year in enumerate(years):
        x = left + slot * i + (slot - bar_w) / 2
        base = top + plot_h
        for sev in reversed(SEVERITIES):
            n = counts.get(year, {}).get(sev, 0)
            if n:
                h = plot_h * n / top_value
                base -= h
                parts.append(
                    f'<rect class="sev-{sev}" x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" '
                    f'height="{h:.1f}"><title>{year}: {n} {sev}</title></rect>'
                )
        total = sum(counts.get(year, {}).values())
        if total:
            parts.append(
                f'<text class="value" x="{x + bar_w / 2:.1f}" y="{base - 4:.1f}" '
                f'text-anchor="middle">{total}</text>'
            )
        if i % label_every == 0:
            parts.append(
                f'<text class="axis" x="{x + bar_w / 2:.1f}" y="{height - 10}" '
                f'text-anchor="middle">{year}</text>'
            )
    if appointment:
        ay, frac = appointment
        ax = left + slot * (years.index(ay) + min(max(frac, 0.0), 1.0))
        parts.append(
            f'<line class="marker" x1="{ax:.1f}" x2="{ax:.1f}" y1="{top - 18}" y2="{top + plot_h}"/>'
        )
        anchor = "end" if ax > width * 0.7 else "start"
        dx = -4 if anchor == "end" else 4
        parts.append(
            f'<text class="marker-label" x="{ax + dx:.1f}" y="{top - 22}" '
            f'text-anchor="{anchor}">Appointment</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def bar_chart(items: list[tuple[str, int]], *, title: str, css: str = "bar") -> Markup:
    """Horizontal bars with a label and a count, for findings per concern or platform.

    Args:
        items: (label, count) pairs, drawn in the given order.
        title: accessible title of the chart.
        css: CSS class of the bars.
    """
    if not items:
        return Markup("")
    row, label_w, width = 30, 215, 500
    height = row * len(items) + 8
    top_value = max(n for _, n in items) or 1
    bar_max = width - label_w - 48
    summary = ", ".join(f"{label}: {n}" for label, n in items)
    parts = [
        (f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{_e(title)}. {_e(summary)}" xmlns="http://www.w3.org/2000/svg">'),
        f"<title>{_e(title)}</title>",
    ]
    for i, (label, n) in enumerate(items):
        y = 4 + row * i
        w = max(bar_max * n / top_value, 2 if n else 0)
        parts.append(
            f'<text class="label" x="{label_w - 8}" y="{y + 20}" text-anchor="end">{_e(label)}</text>'
        )
        parts.append(
            f'<rect class="{_e(css)}" x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" rx="3"/>'
        )
        parts.append(f'<text class="value" x="{label_w + w + 6:.1f}" y="{y + 20}">{n}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
