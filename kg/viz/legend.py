"""The graph page's legends (node kinds, roles, statuses; the alignment view's) and its summary
table of concentration figures, as HTML."""

from __future__ import annotations

from kg.views.analyze import Analysis
from kg.views.model import ROLE_ZH, ROLES
from kg.viz.style import EDGE_STYLE, KINDS, STATUS_STYLE, esc as _esc


def legend(shown: list[tuple[str, str]] = (), boxes: bool = False, overview: bool = False) -> str:
    icons = {"dot": '<circle cx="9" cy="9" r="6"', "square": '<rect x="3" y="3" width="12" height="12"',
             "diamond": '<polygon points="9,2 16,9 9,16 2,9"', "triangle": '<polygon points="9,2 16,15 2,15"',
             "hexagon": '<polygon points="5,2 13,2 17,9 13,16 5,16 1,9"'}
    if boxes:  # the column layout draws every node as a box (the overview's documents stay hexagons)
        icons = {shape: icon if overview and shape == "hexagon" else '<rect x="1" y="4" width="16" height="10" rx="3"'
                 for shape, icon in icons.items()}
    icons["star"] = '<polygon points="9,1 11,7 17,7 12,11 14,17 9,13 4,17 6,11 1,7 7,7"'
    items = [f'<li><svg width="18" height="18">{icons[shape]} fill="{colour}"/></svg>{_esc(zh)} <i>{_esc(en)}</i></li>'
             for kind, (zh, en, shape, colour) in KINDS.items() if not (boxes and not overview and kind == "area")]
    for role in ROLES:
        dashes, width, colour = EDGE_STYLE[role]
        dash = f' stroke-dasharray="{dashes[0]},{dashes[1]}"' if dashes else ""
        items.append(f'<li><svg width="30" height="18"><line x1="1" y1="9" x2="29" y2="9" stroke="{colour}" '
                     f'stroke-width="{width}"{dash}/></svg>{ROLE_ZH[role]} <i>{role}</i></li>')
    dashes, width, colour = EDGE_STYLE["report"]
    items.append(f'<li><svg width="30" height="18"><line x1="1" y1="9" x2="29" y2="9" stroke="{colour}" '
                 f'stroke-width="{width}" stroke-dasharray="{dashes[0]},{dashes[1]}"/></svg>报告述及 <i>reported in</i></li>')
    for what, status in shown:  # the statuses of tasks and of targets the page colours by
        zh, en, colour = STATUS_STYLE[status]
        items.append(f'<li class="kg-status-key" data-status="{_esc(status)}"><svg width="18" height="18">{icons["square"]} '
                     f'fill="{colour}"/></svg>{what}·{_esc(zh)} <i>{_esc(en)}</i></li>')
    return '<ul class="kg-legend">' + "".join(items) + "</ul>"


def align_legend() -> str:
    def line(colour: str, width: float, opacity: float) -> str:
        return (f'<svg width="30" height="12"><line x1="1" y1="6" x2="29" y2="6" stroke="{colour}" '
                f'stroke-width="{width}" stroke-opacity="{opacity}"/></svg>')

    return (f'<span>{line("#2563eb", 5, 0.8)}最佳对应（达到阈值）best match</span>'
            f'<span>{line("#64748b", 2, 0.4)}其他候选 other candidates</span>'
            '<span><svg width="18" height="12"><rect x="1" y="1" width="16" height="10" rx="2" fill="#fee2e2" '
            'stroke="#dc2626"/></svg>缺口 gap</span><span class="kg-hint">线宽 = 得分 width = score</span>')


def summary_table(analysis: Analysis | None) -> str:
    if analysis is None:
        return ""
    keys = ("top_unit", "top1_share", "top3_share", "gini", "hhi", "no_lead", "many_leads", "collective_only",
            "named_once", "communities")
    rows, summary = [], analysis.to_dict()["summary"]
    for k in keys:
        v = summary.get(k)
        ex = analysis.explanations.get(k, {"zh": k, "en": k})
        rows.append(f'<tr data-k="{k}" title="{_esc(ex["en"])}"><th>{_esc(ex["zh"])}</th><td>{_esc("—" if v is None else v)}</td></tr>')
    # the page recomputes the figures for the tasks the filters select (static/figures.js), all but the
    # communities (a Louvain partition of the whole graph, computed here)
    return '<h3>概要 Summary <i class="kg-hint" id="kg-figures-scope">全图 whole graph</i></h3>' \
        '<table class="kg-summary" id="kg-figures">' + "".join(rows) + "</table>"
