"""The workload chart: a horizontal stacked bar per unit (tasks led, responsible, cooperating), as
SVG, shown beside the page's graph and written on its own for reports."""

from __future__ import annotations

from pathlib import Path

from kg.views.analyze import Analysis
from kg.views.model import ROLE_ZH, ROLES, GraphData
from kg.vocab import COLLECTIVE_CONCEPTS
from kg.viz.style import BAR_COLOURS, FONT, clip as _clip, esc as _esc, unit_labels


def _workload_rows(data: GraphData | None, analysis: Analysis | None, top: int) -> list[tuple[str, str, int, int, int]]:
    """(label, full name, led, responsible, cooperating) of the busiest units."""
    if analysis is not None:
        labels = unit_labels(data.units) if data is not None else {}
        rows = [(labels.get(w.iri, w.name), w.name, w.led, w.responsible, w.cooperating) for w in analysis.workload
                if w.type not in COLLECTIVE_CONCEPTS]
    else:
        labels = unit_labels(data.units)
        rows = [(labels[u.iri], u.name, *(len(data.tasks_of(u.iri, r)) for r in ROLES)) for u in data.units
                if not u.collective]
    rows.sort(key=lambda r: (-(r[2] + r[3]), -r[2], r[1]))
    return [r for r in rows if r[2] + r[3] + r[4] > 0][:top]


def chart_svg(rows: list[tuple[str, str, int, int, int]], *, width: int = 380, standalone: bool = False) -> str:
    """Horizontal stacked bars (led / responsible / cooperating) as SVG markup, text escaped."""
    label_w, row_h, top = 132, 22, 46
    bar_w = width - label_w - 44
    biggest = max([r[2] + r[3] + r[4] for r in rows] + [1])
    height = top + row_h * max(len(rows), 1) + 26
    ns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    out = [f'<svg{ns} class="kg-chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
           f'font-family="{_esc(FONT)}" font-size="12">',
           f'<title>{_esc("单位工作量（牵头/责任/配合任务数） Unit workload: tasks led / responsible / cooperating")}</title>',
           '<text x="0" y="16" font-size="14" font-weight="bold" fill="#0f172a">单位工作量 Workload'
           '<tspan font-size="11" font-weight="normal" fill="#64748b"> 任务数，不含泛指主体 tasks, collectives left out</tspan></text>']
    x = 0
    for role in ROLES:
        out.append(f'<rect x="{x}" y="26" width="10" height="10" fill="{BAR_COLOURS[role]}"/>'
                   f'<text x="{x + 14}" y="35" fill="#334155">{ROLE_ZH[role]} {role}</text>')
        x += 118
    for i, (label, name, *counts) in enumerate(rows):
        y = top + i * row_h
        out.append(f'<g><title>{_esc(name)}：牵头 {counts[0]}，责任 {counts[1]}，配合 {counts[2]}</title>'
                   f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" fill="#0f172a">{_esc(_clip(label, 10))}</text>')
        x = float(label_w)
        for role, n in zip(ROLES, counts):
            w = bar_w * n / biggest
            if n:
                out.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 7}" fill="{BAR_COLOURS[role]}"/>')
            x += w
        out.append(f'<text x="{x + 4:.1f}" y="{y + 14}" fill="#334155">{counts[0]}/{counts[1]}'
                   f'{"/" + str(counts[2]) if counts[2] else ""}</text></g>')
    if not rows:
        out.append(f'<text x="0" y="{top + 14}" fill="#64748b">没有分工数据 no assignments</text>')
    out.append("</svg>")
    return "".join(out)


def render_chart_svg(analysis: Analysis, output: str | Path, *, top: int = 15) -> Path:
    """The workload bar chart of the busiest units as a standalone SVG file."""
    from kg.fileio import atomic_write_text

    svg = chart_svg(_workload_rows(None, analysis, top), standalone=True)
    return atomic_write_text(output, '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n")


# --- graph data for the page --------------------------------------------------------------------
