"""Bar charts drawn at build time (theme/coopsite/partials/bar_chart.html): the figures, as data.

The chart is HTML laid out by CSS, not a scaled SVG: its text is page text at the page's size on
a phone as on a desktop (an SVG scaled into a column shrank its labels to about 6 px), labels wrap
instead of being cut, and each bar's length is a share of the largest value.
"""

from __future__ import annotations


def bar_chart_data(chart_id: str, title: str, rows: list[tuple[str, int, str]], icons: dict[str, str] | None = None) -> dict:
    """rows: (label, value, css class of the bar); icons: {css class: icon} for bars that stand
    for a status (a status is always shown as colour, icon and text)."""
    biggest = max((v for _, v, _ in rows), default=1) or 1
    bars = [{"label": label, "value": value, "css": css, "icon": (icons or {}).get(css, ""),
             # a share of the largest value, in percent; a small value still shows a sliver
             "percent": f"{max(1.0, 100 * value / biggest):.1f}" if value else "0"}
            for label, value, css in rows]
    return {"id": chart_id, "title": title, "bars": bars,
            "description": "; ".join(f"{label}: {value}" for label, value, _ in rows)}
