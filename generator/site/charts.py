"""Charts as inline SVG, drawn at build time: no chart library, nothing loaded from elsewhere.

Every chart has a title and a description for screen readers, and the page that shows it also
shows the same numbers as a table.
"""

from __future__ import annotations

from markupsafe import Markup, escape

# One colour per series, each with at least 4.5:1 contrast against the white text on it.
PALETTE = ["#1b4f9c", "#2e7d32", "#8e24aa", "#b34700", "#00695c", "#6d4c41"]
LABEL_WIDTH = 170
BAR_AREA = 440
ROW = 26
TOTAL_WIDTH = 100  # room after the longest bar for its total, "minimaal 99" included


def stacked_bars(
    chart_id: str,
    title: str,
    description: str,
    series: list[str],
    rows: list[tuple[str, list[int]]],
    totals: list[str] | None = None,
) -> Markup:
    """Horizontal stacked bars: one row per label, one segment per series; `totals` are the texts
    after each bar (its sum when not given; 'minimaal 9' where the sum is a lower bound)."""
    largest = max((sum(values) for _, values in rows), default=0) or 1
    scale = BAR_AREA / largest
    legend_height = 22 * ((len(series) + 1) // 2)
    height = 10 + ROW * len(rows) + 12 + legend_height
    width = LABEL_WIDTH + BAR_AREA + TOTAL_WIDTH
    parts = [
        f'<svg class="chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for index, (label, values) in enumerate(rows):
        y = 10 + index * ROW
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end" class="chart-label">{escape(label)}</text>')
        x = float(LABEL_WIDTH)
        for colour, value in zip(PALETTE, values, strict=False):
            if value <= 0:
                continue
            w = value * scale
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{ROW - 6}" fill="{colour}"/>')
            if w >= 16:
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 15}" text-anchor="middle" fill="#ffffff" class="chart-value">{value}</text>'
                )
            x += w
        total = totals[index] if totals else str(sum(values))
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 16}" class="chart-total">{escape(total)}</text>')
    legend_top = 10 + ROW * len(rows) + 12
    for index, (name, colour) in enumerate(zip(series, PALETTE, strict=False)):
        lx = LABEL_WIDTH + (index % 2) * (BAR_AREA // 2)
        ly = legend_top + (index // 2) * 22
        parts.append(f'<rect x="{lx}" y="{ly}" width="14" height="14" fill="{colour}"/>')
        parts.append(f'<text x="{lx + 20}" y="{ly + 12}" class="chart-legend">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
