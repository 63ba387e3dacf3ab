"""One self-contained, offline HTML page of the unit–task graph, and the workload chart as SVG.

:func:`render_page` draws units, tasks, themes, targets and documents with vis-network (nodes and
edges assembled with pyvis; the library's JS and CSS, shipped inside the pyvis package, are
inlined, so the page fetches nothing).  Positions come from Python (:mod:`kg.viz.layout`): one
document (up to 1,000 nodes) in columns of boxes — units by workload, tasks in document order,
targets, themes — whose labels never overlap (seed 000: 99 of 118 nodes overlapped under the former
force layout, none now); several open as a compact overview, each document under a star for its
jurisdiction, legible at the opening zoom, and a click opens one document in its columns, a
document too big to draw at once a part at a time (:mod:`kg.viz.opened`) (past
200 documents the overview starts from the jurisdictions, each a star filling its block of the
same grid, which a click opens on its documents).  Collectives and placeholders start hidden behind a checkbox; the address
follows the view.  The page has a search box (debounced, answered from an index of names), filters
(document, jurisdiction, theme, unit type), click-to-focus on a unit, Chinese tooltips, a detail
panel with the task's note and text (and, given ``links``, its page in the static site), a
summary line and a workload bar chart that follow the filters (``static/export.js``), and
exports of the view as PNG, SVG, CSV, GraphML and GEXF.  Document text is data, never markup: it travels as
JSON inside a ``<script type="application/json">`` block (``<``, ``>`` and ``&`` escaped) and
reaches the DOM only through ``textContent``; the few strings Python writes into HTML or SVG go
through :func:`html.escape`.  Opening the page as ``page.html#selfcheck`` makes it test itself
(rendered nodes, overlapping boxes, search, a filter, the switch, the exports, page errors) and
write the result into ``#kg-selfcheck``.  A second tab, "上下对应 alignment" (``#view=align``),
draws the cascade alignments the store holds (:attr:`GraphData.alignments`): higher plan left,
lower plan right, links as wide as their score.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from kg.views.analyze import Analysis
from kg.views.model import ROLE_ZH, ROLES, GraphData
from kg.viz.chart import _workload_rows, chart_svg
from kg.viz.layout import LAYOUT_THRESHOLD, box, columns, compact, scatter
from kg.viz.opened import blocks as _blocks, opened as _opened
from kg.viz.pack import pack
from kg.viz.legend import align_legend as _align_legend, legend as _legend, summary_table as _summary
from kg.viz.style import BAR_COLOURS, EDGE_STYLE, FONT, KINDS, STATUS_STYLE, TYPE_ZH, clip as _clip, esc as _esc, ink, unit_labels

__all__ = ["LAYOUT_THRESHOLD", "render_page"]

AREAS_OPEN_MAX = 200  # documents the overview shows at once; beyond, it starts from their jurisdictions
DRAWN_MAX = 1000  # nodes the page draws at once: past it, opening a jurisdiction closes those opened least recently


class _IdList(list):
    def __init__(self) -> None:
        super().__init__()
        self._seen: set[object] = set()

    def append(self, item: object) -> None:
        super().append(item)
        self._seen.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._seen


def _build(data: GraphData, analysis: Analysis | None, statuses: dict | None = None, notes: dict | None = None,
           links: dict | None = None, reports: list | None = None) -> dict[str, object]:
    from pyvis.network import Network

    net = Network(directed=False, cdn_resources="in_line")
    net.node_ids = _IdList()  # pyvis looks every new id up in a list: quadratic on big graphs
    meta: dict[str, dict[str, object]] = {}
    labels = unit_labels(data.units)
    docs = {d.iri: f"d{i}" for i, d in enumerate(data.documents)}
    units = {u.iri: f"u{i}" for i, u in enumerate(data.units)}
    tasks = {t.iri: f"t{i}" for i, t in enumerate(data.tasks)}
    themes = {t.key: f"h{i}" for i, t in enumerate(data.themes)}
    names = {u.iri: u.name for u in data.units}
    load = {u.iri: [len(data.tasks_of(u.iri, r)) for r in ROLES] for u in data.units}
    font = {"face": FONT, "color": "#0f172a", "strokeWidth": 3, "strokeColor": "#ffffff"}
    n_targets = sum(len(t.targets) for t in data.tasks)
    # one document: columns (up to the threshold); more: the overview, so the page opens on
    # legible documents, not on a strip of columns too wide to read (15 documents: labels 2 px high)
    layered = len(data.documents) <= 1 and \
        len(data.documents) + len(data.units) + len(data.tasks) + len(data.themes) + n_targets <= LAYOUT_THRESHOLD
    closed = not layered and len(data.documents) > AREAS_OPEN_MAX
    blocks = not layered  # several documents: the overview, and a document opens in columns of boxes
    boxes: dict[str, tuple[float, float]] = {}

    def node(nid: str, kind: str, label: str, tip: list[str], size: float, fsize: int, colour: str = "", **info) -> None:
        zh, en, shape, plain = KINDS[kind]
        colour = colour or plain
        if layered or (blocks and kind not in ("document", "area")):  # a box with its label inside: its size is its label's
            fsize = {"unit": max(fsize - 4, 13), "collective": 13, "task": 12, "target": 11, "theme": 12}.get(kind, fsize)
            boxes[nid] = box(label or " ", fsize)
            net.add_node(nid, label=label or " ", shape="box", color=colour, margin=5, widthConstraint=False,
                         font={**font, "size": fsize, "color": ink(colour), "strokeWidth": 0})
        else:
            extra = {"scaling": {"label": {"drawThreshold": 8}}} if kind in ("task", "target") else {}
            net.add_node(nid, label=label or " ", shape=shape, color=colour, size=size, font={**font, "size": fsize},
                         **extra)  # task and target labels appear once zoomed in
        meta[nid] = {"k": "unit" if kind == "collective" else kind, "tip": [line for line in tip if line], **info}
        if kind == "collective":
            meta[nid]["c"] = 1

    per_doc: dict[str, int] = {}
    for t in data.tasks:
        per_doc[t.document] = per_doc.get(t.document, 0) + 1
    for d in data.documents:
        node(docs[d.iri], "document", _clip(d.title or d.source, 14) if layered else _lines(d.title or d.source, 8, 2),
             [d.title or d.source, f"文号：{d.number}" if d.number else "", f"文件：{d.source}",
              f"日期：{d.date}" if d.date else "", f"辖区：{d.jurisdiction}" if d.jurisdiction else "",
              f"任务：{per_doc.get(d.iri, 0)} 项"], 14 + 2.5 * math.sqrt(per_doc.get(d.iri, 0)), 18, j=d.jurisdiction)
    areas: dict[str, str] = {}  # the overview: a node per jurisdiction, sized by its tasks, over its documents
    grouped = _area_groups(data) if not layered else {}
    if not layered:
        by_area: dict[str, list[str]] = {}
        for d in data.documents:
            by_area.setdefault(grouped[d.iri], []).append(d.iri)
        for i, (j, held) in enumerate(sorted(by_area.items())):
            areas[j] = f"a{i}"
            n = sum(per_doc.get(x, 0) for x in held)
            node(areas[j], "area", _clip(j or "辖区不明", 12), [j or "辖区不明 jurisdiction unknown", f"文件：{len(held)} 件",
                 f"任务：{n} 项"], 16 + 3 * math.sqrt(n), 24, j=j, ds=[docs[x] for x in held])
            for x in held:
                meta[docs[x]]["a"] = areas[j]
    for th in data.themes:
        n = sum(th.key in t.themes for t in data.tasks)
        node(themes[th.key], "theme", th.label, [th.label, th.label_en, f"主题键：{th.key}", f"任务：{n} 项"],
             10 + 2 * math.sqrt(n), 14)
    network = {w.iri: w for w in analysis.workload if w.degree is not None} if analysis else {}
    for u in data.units:
        led, resp, coop = load[u.iri]
        kind = "collective" if u.collective else "unit"
        w = network.get(u.iri)
        node(units[u.iri], kind, labels[u.iri],
             [u.name, f"类型：{TYPE_ZH.get(u.type, u.type)}", f"辖区：{u.jurisdiction}" if u.jurisdiction else "",
              f"写法：{'、'.join(u.written)}" if u.written else "", f"牵头 {led} 项 · 责任 {resp} 项 · 配合 {coop} 项",
              f"共同牵头单位 {w.degree} 个 · 中介中心性 {w.betweenness:.3f} · 社群 {w.community}" if w else ""],
             min(60.0, 9 + 5 * math.sqrt(2 * led + resp + 0.5 * coop)), 18 + min(12, led), j=u.jurisdiction, y=u.type,
             led=led, resp=resp, coop=coop)
    statuses, notes, links = statuses or {}, notes or {}, links or {}
    for t in data.tasks:
        doc = data.document_by_iri.get(t.document)
        known = statuses.get(t.iri)
        style = STATUS_STYLE.get(known.status) if known is not None else None
        status_line = f"状态：{style[0]} {style[1]}（{known.note}）" if style else ""
        role_lines = [f"{ROLE_ZH[r]}：{'、'.join(names[x] for x in data.units_of(t.iri, r))}"
                      for r in ROLES if data.units_of(t.iri, r)]
        node(tasks[t.iri], "task", _clip(f"{t.number}{t.title}", 14 if layered else 12),
             [f"{t.number} {t.title}".strip(), f"文件：{t.document_title or t.source}（{t.source}）",
              f"编号：{t.number}　路径：{t.path}",
              ("目标：" + "；".join(x.text for x in t.targets)) if t.targets else "目标：无",
              ("时限：" + "；".join(f"{x.date}（{x.text}）" for x in t.deadlines)) if t.deadlines else "时限：无",
              *role_lines, ("主题：" + "、".join(data.theme_by_key[k].label for k in t.themes if k in data.theme_by_key))
              if t.themes else "", status_line,  # and 分工原文：nt, added where the data is unpacked (pack.py)
              ], 9, 11,  # the page adds the first 140 characters of the text (tx) to the tooltip
             colour=style[2] if style else "", d=docs.get(t.document, ""),
             j=doc.jurisdiction if doc else "", h=[themes[k] for k in t.themes if k in themes], n=t.number,
             ti=t.title, tx=t.text, nt=notes.get(t.iri, ""), **({"href": links[t.iri]} if links.get(t.iri) else {}),
             **({"st": known.status} if style else {}))
        for i, target in enumerate(t.targets):
            tracked = statuses.get(target.iri)  # met / not met … from fazhi-kg track
            tstyle = STATUS_STYLE.get(tracked.status) if tracked is not None else None
            node(f"g{tasks[t.iri][1:]}_{i}", "target", _clip(target.text, 12),
                 [target.text, "量化指标" if target.quantitative else "定性目标",
                  f"原文：{target.clause}" if target.clause else "", f"任务：{t.number} {t.title}",
                  f"跟踪：{tstyle[0]} {tstyle[1]}（{tracked.note}）" if tstyle else ""], 7, 10,
                 colour=tstyle[2] if tstyle else "", t=tasks[t.iri], **({"st": tracked.status} if tstyle else {}))
    edges: list[dict[str, object]] = []

    def edge(a: str, b: str, style: str) -> None:
        dashes, width, colour = EDGE_STYLE[style]
        edges.append({"id": f"e{len(edges)}", "from": a, "to": b, "dashes": dashes, "width": width,
                      "color": {"color": colour, "opacity": 1.0}, "k": style})

    for t in data.tasks:
        tid = tasks[t.iri]
        if t.document in docs and not layered and not blocks:  # in columns a task stands under its document
            edge(tid, docs[t.document], "document")
        for k in t.themes:
            if k in themes:
                edge(tid, themes[k], "theme")
        for i, _ in enumerate(t.targets):
            edge(tid, f"g{tid[1:]}_{i}", "target")
    for a in data.assignments:
        if a.unit in units and a.task in tasks:
            edge(units[a.unit], tasks[a.task], a.role)
    for a in areas.values():
        for d in meta[a]["ds"]:
            edge(a, d, "area")
    for report, task, _ in reports or []:  # reports linked to the plan tasks they speak of
        if report in docs and task in tasks:
            edge(docs[report], tasks[task], "report")
    net.edges = edges  # pyvis' add_edge scans every edge per call; the list is built above
    nodes = net.nodes
    if layered:
        where = columns(_blocks(data, docs, units, tasks, load), [themes[t.key] for t in sorted(
            data.themes, key=lambda t: -sum(t.key in x.themes for x in data.tasks))], boxes.__getitem__)
    else:
        radii: dict[str, float] = {}
        where = scatter(data, docs, units, tasks, themes, radii, None, grouped)
        title = round(0.22 * min(radii.values(), default=100.0))  # one size, that fits the smallest disc
        for n, r in radii.items():  # overview: each closed document as big as its disc, its title (two lines of 8) legible
            meta[n]["small"] = [net.node_map[n]["size"], net.node_map[n]["font"]["size"]]
            net.node_map[n].update(size=round(0.3 * r, 1), font={**net.node_map[n]["font"], "size": title})
        # the overview stands compact (kg.viz.layout.compact): each jurisdiction over its documents in a grid of cells;
        # past AREAS_OPEN_MAX documents a jurisdiction starts closed, its star filling its block, and opens in place
        least, most = min(radii.values(), default=1.0), max(radii.values(), default=1.0)
        order = sorted(areas.items(), key=lambda ja: (-sum(radii[d] for d in meta[ja[1]]["ds"]), ja[0]))
        spans: dict[str, tuple[float, float, float]] = {}
        spot = compact([(a, len(net.node_map[a]["label"]), sorted(meta[a]["ds"], key=lambda d: -radii[d]))
                        for _, a in order], title, spans=spans)
        for n, (x, y) in spot.items():  # [x, y, size, font size]: a document's disc sized by its tasks
            size = 0.45 * title if n in spans else title * (0.7 + 0.7 * math.sqrt((radii[n] - least) / (most - least or 1)))
            if n not in spans or not closed:
                meta[n]["o"] = [x, y, round(size, 1), title]
                if n in spans:  # (where the page draws it before it moves it: the same)
                    where[n] = (x, y)
                    net.node_map[n].update(size=round(size, 1), font={**net.node_map[n]["font"], "size": title})
                continue
            cx, cy, w = spans[n]  # closed: its star in the middle of its block, its name as wide as the block allows
            chars = len(net.node_map[n]["label"])
            where[n] = (cx, cy)
            net.node_map[n].update(size=round(max(0.05 * w, 16), 1), font={**net.node_map[n]["font"], "size": round(
                max(title, min(max(0.1 * w, 24), 0.9 * w / chars)))})
            meta[n].update(small=[round(size, 1), title], at=[x, y])
        where.update(_opened(data, docs, units, tasks, themes, load, meta, spot, title, boxes))
    for n, (x, y) in where.items():
        net.node_map[n].update(x=x, y=y)
    task_units = {tasks[t.iri]: [units[u] for u in dict.fromkeys(data.units_of(t.iri))] for t in data.tasks}
    roles: dict[str, list] = {}
    for a in data.assignments:
        if a.unit in units and a.task in tasks:
            roles.setdefault(tasks[a.task], []).append([units[a.unit], ROLES.index(a.role)])
    jurisdictions = sorted({d.jurisdiction for d in data.documents if d.jurisdiction})
    types = sorted({u.type for u in data.units}, key=lambda t: (TYPE_ZH.get(t, t), t))
    return {"nodes": nodes, "edges": edges, "meta": meta, "taskUnits": task_units, "physics": False, "layered": layered, "overview": not layered, "blocks": blocks,
            # past a few hundred documents the overview opens on the jurisdictions alone, each opening on click
            "areasClosed": closed, "drawnMax": DRAWN_MAX,
            "roles": roles, "roleNames": [[ROLE_ZH[r], r] for r in ROLES],
            "bars": [BAR_COLOURS[r] for r in ROLES],
            "align": _align_view(data),
            "filters": {"document": [[docs[d.iri], d.title or d.source] for d in data.documents],
                        "jurisdiction": [[j, j] for j in jurisdictions],
                        "theme": [[themes[t.key], f"{t.label}（{sum(t.key in x.themes for x in data.tasks)}）"]
                                  for t in data.themes],
                        "type": [[t, TYPE_ZH.get(t, t)] for t in types]}}


AREAS_MAX = 500  # jurisdictions the overview draws at once; past that, documents go under the level above


def _lines(text: str, width: int, lines: int) -> str:
    """``text`` in at most ``lines`` lines of ``width`` characters (the last clipped with …)."""
    text = _clip(text, width * lines)
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def _area_groups(data: GraphData) -> dict[str, str]:
    """The jurisdiction each document is shown under in the overview: its own, or (while there
    would be more than :data:`AREAS_MAX`) the one above it — counties under their cities, cities
    under their provinces — so a national corpus opens on a few hundred stars, not thousands."""
    at = {d.iri: (d.area, d.jurisdiction or "") for d in data.documents}
    while len({name for _, name in at.values()}) > AREAS_MAX:
        lifted = {}
        for iri, (area, name) in at.items():
            up = data.areas[area].parent if area in data.areas else None
            lifted[iri] = (up, data.areas[up].name) if up in data.areas else (area, name)
        if lifted == at:
            break
        at = lifted
    return {iri: name for iri, (_, name) in at.items()}


def _align_view(data: GraphData) -> list[dict[str, object]]:
    """The second view: per pair of plans, the higher plan's items, the lower plan's tasks (in
    document order), the links as [higher index, lower index, score, rank, best] and the gaps."""
    out = []
    for a in data.alignments:
        docs = [data.document_by_iri[a.higher], data.document_by_iri[a.lower]]
        cols = [data.tasks_in(d.iri) for d in docs]
        index = [{t.iri: i for i, t in enumerate(col)} for col in cols]
        out.append({"plans": [[d.title or d.source, d.source, d.jurisdiction] for d in docs],
                    "items": [[[t.number, t.title] for t in col] for col in cols],
                    "links": [[index[0][x.higher], index[1][x.lower], round(x.score, 4), x.rank, x.best]
                              for x in a.links],
                    "gaps": [index[0][g] for g in a.gaps]})
    return out


def _json_for_script(obj: object) -> str:
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render_page(data: GraphData, analysis: Analysis | None, output: str | Path, *, title: str | None = None,
                statuses: dict | None = None, notes: dict | None = None, links: dict | None = None,
                reports: list | None = None) -> Path:
    """Write the interactive page to ``output`` (atomically) and return its path.  ``statuses``
    (task IRI → :class:`kg.views.taskstatus.TaskStatus`) colours the tasks whose status is known;
    ``notes`` (task IRI → its note as written) and ``links`` (task IRI → the address of its page in
    the static site) go into the tooltips and the detail panel; ``reports`` ((report IRI, task IRI,
    status) from :func:`kg.viz.sources.report_links`) links each report to the tasks it speaks of."""
    from kg.fileio import atomic_write_text
    from kg.viz.assets import static, vis_network

    graph = _build(data, analysis, statuses, notes, links, reports)
    collectives = sum(u.collective for u in data.units)
    known = statuses or {}
    present = {known[t.iri].status for t in data.tasks if t.iri in known}
    present_targets = {known[x.iri].status for t in data.tasks for x in t.targets if x.iri in known}
    # a legend entry for each status the page shows, tasks' and targets'
    shown = [("任务", s) for s in STATUS_STYLE if s in present] + [("目标", s) for s in STATUS_STYLE if s in present_targets]
    js, css = vis_network()
    heading = title or ("法治任务图谱 · " + ("、".join(d.title or d.source for d in data.documents[:3])
                                          + (" 等" if len(data.documents) > 3 else "") or "空"))
    scope = (f"{len(data.documents)} 个文件 · {len(data.tasks)} 项任务 · {len(data.units)} 个单位 · "
             f"{len(data.assignments)} 条分工")
    if data.filters:
        scope += " · 筛选 " + "，".join(f"{k}={v}" for k, v in sorted(data.filters.items()))
    tab = "上下对应 alignment" + ("" if data.alignments else "（无 none）")
    chart = chart_svg(_workload_rows(data, analysis, 15))
    selects = "".join(
        f'<label>{zh}<select id="kg-f-{key}" data-filter="{key}"><option value="">全部 all</option></select></label>'
        for key, zh in (("document", "文件"), ("jurisdiction", "辖区"), ("theme", "主题"), ("type", "单位类型")))
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_esc(heading)}</title>
<script>window.__kgErrors=[];window.addEventListener("error",function(e){{window.__kgErrors.push(String(e.message||e.type))}});</script>
<style>{css}</style><style>{static("page.css").replace("__FONT__", FONT)}{static("align.css")}</style>
</head><body>
<header><h1>{_esc(heading)}</h1><span class="kg-scope">{_esc(scope)}</span>
<nav class="kg-tabs"><button type="button" id="kg-tab-graph" data-view="graph" aria-selected="true">分工 who owns what</button>
<button type="button" id="kg-tab-align" data-view="align" aria-selected="false">{tab}</button></nav></header>
<main>
<aside class="kg-side">
<input id="kg-search" type="search" placeholder="搜索单位、任务、主题… search" autocomplete="off">
<div id="kg-search-status" class="kg-status"></div>
<div id="kg-areas-note" class="kg-status"></div>
<div id="kg-parts" class="kg-parts" hidden>文件较大，分部分显示 a big document, shown in parts<select id="kg-part" aria-label="part"></select>
<button type="button" id="kg-part-prev">‹ 上一部分 prev</button><button type="button" id="kg-part-next">下一部分 next ›</button></div>
{selects}<label class="kg-check"><input type="checkbox" id="kg-collectives">显示泛指主体、占位角色（{collectives}）<br>
<i>show collectives and placeholders</i></label><button id="kg-reset" type="button">重置 reset</button>
<div class="kg-export"><span>导出当前视图 export view</span><button type="button" id="kg-x-png">PNG</button><button type="button" id="kg-x-svg">SVG</button>
<button type="button" id="kg-x-csv">CSV</button><button type="button" id="kg-x-graphml">GraphML</button><button type="button" id="kg-x-gexf">GEXF</button></div>
<h3>图例 Legend</h3>{_legend(shown, graph["layered"] or graph["blocks"], graph["overview"])}
<p class="kg-hint">单位大小按工作量；点击单位高亮其任务，点击空白处恢复。<br>Unit size = workload; click a unit to focus on its tasks.</p>
</aside>
<section id="kg-network" aria-label="graph"></section>
<aside class="kg-right">
<div id="kg-view-summary" class="kg-view-summary"></div>
<div id="kg-chart">{chart}</div>
<div id="kg-detail" class="kg-detail"></div>
{_summary(analysis)}
</aside>
</main>
<section id="kg-align" aria-label="alignment">
<div class="kg-align-bar"><label>对应 pair<select id="kg-align-pick"></select></label>
<span id="kg-align-count" class="kg-align-count"></span>{_align_legend()}</div>
<div class="kg-align-body"><div id="kg-align-svg"></div><div id="kg-align-detail" class="kg-detail"></div></div>
</section>
<pre id="kg-selfcheck" hidden></pre>
<script type="application/json" id="kg-data">{_json_for_script(pack(graph))}</script>
<script>{js}</script>
<script>{static("align.js")}{static("page.js")}{static("export.js")}{static("figures.js")}</script>
</body></html>
"""
    return atomic_write_text(output, page)
