"""Bar charts as inline SVG, drawn at build time: no chart service, no JavaScript.

Each bar carries its label and its number as text, so the chart reads without
colour; the SVG has a title and description for screen readers, and the same
figures follow as a table.
"""

from __future__ import annotations

from coopsite.core.views import esc


def _short(label: str, limit: int = 42) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int, str]], *, label_width: int = 320,
              width: int = 720) -> str:
    """rows: (label, value, css class of the bar)."""
    bar_h, gap, top = 22, 8, 8
    height = top * 2 + len(rows) * (bar_h + gap)
    biggest = max((v for _, v, _ in rows), default=1) or 1
    room = width - label_width - 60
    parts = [
        f'<svg class="bar-chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{esc(title)}</title>',
        f'<desc id="{chart_id}-desc">{esc("; ".join(f"{label}: {value}" for label, value, _ in rows))}</desc>',
    ]
    for i, (label, value, css) in enumerate(rows):
        y = top + i * (bar_h + gap)
        w = max(2, round(room * value / biggest)) if value else 0
        parts.append(f'<text class="bar-label" x="{label_width - 8}" y="{y + bar_h * 0.7:.1f}" '
                     f'text-anchor="end">{esc(_short(label))}</text>')
        if w:
            parts.append(f'<rect class="bar {css}" x="{label_width}" y="{y}" width="{w}" height="{bar_h}" rx="3"/>')
        parts.append(f'<text class="bar-value" x="{label_width + w + 6}" y="{y + bar_h * 0.7:.1f}">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def data_table(headers: tuple[str, str], rows: list[tuple[str, int, str]]) -> str:
    body = "".join(f"<tr><th scope=\"row\">{esc(label)}</th><td>{value}</td></tr>" for label, value, _ in rows)
    return (f'<table class="chart-data"><thead><tr><th scope="col">{esc(headers[0])}</th>'
            f'<th scope="col">{esc(headers[1])}</th></tr></thead><tbody>{body}</tbody></table>')
