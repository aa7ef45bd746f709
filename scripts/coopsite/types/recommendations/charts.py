"""Bar charts drawn at build time (theme/coopsite/partials/bar_chart.html): the geometry, as data."""

from __future__ import annotations


def _short(label: str, limit: int = 42) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart_data(chart_id: str, title: str, rows: list[tuple[str, int, str]], *, label_width: int = 320,
                   width: int = 720) -> dict:
    """rows: (label, value, css class of the bar)."""
    bar_h, gap, top = 22, 8, 8
    height = top * 2 + len(rows) * (bar_h + gap)
    biggest = max((v for _, v, _ in rows), default=1) or 1
    room = width - label_width - 60
    bars = []
    for i, (label, value, css) in enumerate(rows):
        y = top + i * (bar_h + gap)
        w = max(2, round(room * value / biggest)) if value else 0
        bars.append({"label": label, "short_label": _short(label), "value": value, "css": css, "y": y,
                     "width": w, "text_y": f"{y + bar_h * 0.7:.1f}", "label_x": label_width - 8,
                     "value_x": label_width + w + 6})
    return {"id": chart_id, "title": title, "width": width, "height": height, "label_width": label_width,
            "bar_height": bar_h, "bars": bars,
            "description": "; ".join(f"{label}: {value}" for label, value, _ in rows)}
