"""A document's page: its text (the tasks in outline order, a report's paragraphs) with every
extracted fact marked in place and linked, the outline as navigation, the responsibility matrix
(:mod:`kg.views.matrix`) and the notes that named no unit."""

from __future__ import annotations

from kg import ids
from kg.site import graph, urls
from kg.site.collect import SiteData
from kg.site.facts import task_marks
from kg.site.html import Mark, esc, frame, genre_zh, highlight, legend, link, table
from kg.site.unit import area_iri
from kg.views.model import Document, Task
from kg.vocab import ROLE_KEYS


def anchor(task: Task) -> str:
    return "t-" + task.iri.rsplit("/", 1)[-1]


def _ancestors(path: str) -> list[str]:
    parts = path.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _plan_body(site: SiteData, doc: Document, tasks: list[Task], here: str) -> tuple[str, str]:
    """(outline navigation, text) of a document's tasks."""
    nav, body, open_heads = [], [], []
    for t in tasks:
        heads = [p for p in _ancestors(t.path) if (doc.iri, p) in site.sections]
        for p in heads:
            if p not in open_heads:
                level = min(len(p.split(".")) + 2, 5)
                key = "s-" + ids.path_key(p)
                title = site.sections[(doc.iri, p)]
                body.append(f'<h{level} id="{key}" class="section">{esc(p.rsplit(".", 1)[-1])} {esc(title)}</h{level}>')
                nav.append(f'<li class="nav-s{level}"><a href="#{key}">{esc(title)}</a></li>')
        open_heads = heads
        nav.append(f'<li class="nav-t"><a href="#{anchor(t)}">{esc(t.number)} {esc(t.title)}</a></li>')
        body.append(f'<article id="{anchor(t)}" class="task"><p class="task-head">'
                    f'{link(here, t.iri, f"{t.number} {t.title}")}</p>'
                    f'<p class="text">{highlight(t.text, task_marks(site, t, here))}</p></article>')
    return "<ol class=\"outline\">" + "".join(nav) + "</ol>", "\n".join(body)


def _report_body(site: SiteData, doc: Document, here: str) -> tuple[str, str]:
    figures = site.figures_in(doc.iri)
    answers = site.grouped("answers", lambda: [e for found in site.evidence.values() for e in found if e.paragraph_node],
                           lambda e: e.paragraph_node)
    nav, body = [], []
    for i, p in enumerate(site.data.paragraphs.get(doc.iri, [])):
        key = f"p-{i + 1}"
        tasks = [site.data.task_by_iri[e.task] for e in answers.get(ids.paragraph_iri(doc.iri, p.path), [])
                 if e.status in ("reported", "partly") and e.task in site.data.task_by_iri]
        marks = []
        for o in figures:
            at = p.text.find(o.text) if o.text else -1
            if at >= 0:
                marks.append(Mark(at, at + len(o.text), "figure",
                                  title=f"{o.metric_label or o.metric}: {o.value}{o.unit}"))
        if p.title:
            nav.append(f'<li class="nav-t"><a href="#{key}">{esc(p.path)} {esc(p.title)}</a></li>')
        body.append(f'<p id="{key}" class="text para"><span class="path">{esc(p.path)}</span> '
                    f'{highlight(p.text, marks)}</p>')
        if tasks:
            body.append('<p class="answers">回应的计划任务 answers plan tasks (task view): ' + "、".join(
                link(here, t.iri, f"{t.number} {t.title}") + f' <small>({esc(t.document_title)})</small>'
                for t in tasks) + "</p>")
    rows = [[esc(o.metric_label or o.metric), esc(o.value), esc(o.unit), esc(o.period), esc(o.text)] for o in figures]
    body.append("<h2>报告的数据 figures</h2>" + table(["指标 metric", "数值 value", "单位 unit", "期间 period",
                                                     "原文 clause"], rows))
    return "<ol class=\"outline\">" + "".join(nav) + "</ol>", "\n".join(body)


def _matrix(site: SiteData, doc: Document, tasks: list[Task], here: str) -> str:
    from kg.views.matrix import rows

    data = site.data
    if "matrix" not in site.cache:
        site.cache["matrix"] = {r.task: r for r in rows(data)}
    by_task = site.cache["matrix"]
    out = []
    for t in tasks:
        r = by_task.get(t.iri)
        if r is None:
            continue
        names = {data.unit_by_iri[u].name: u for u in data.units_of(t.iri) if u in data.unit_by_iri}
        cells = ["、".join(link(here, names[n], n, role) if n in names else esc(n) for n in getattr(r, role))
                 for role in ROLE_KEYS]
        out.append([link(here, t.iri, t.number), link(here, t.iri, r.title), *cells, esc("; ".join(r.targets)),
                    esc("; ".join(r.deadlines))])
    return table(["序号 no.", "任务 task", "牵头 lead", "责任 responsible", "配合 cooperating", "目标 targets",
                  "时限 deadlines"], out, "matrix")


def _unparsed(site: SiteData, doc: Document, here: str) -> str:
    rows = [[esc(r["text"] or ""), esc(r["reason"] or ""),
             link(here, r["task"], f'{r["task_label"] or ""} {r["task_title"] or ""}') if r.get("task") else ""]
            for r in site.unparsed_in(doc.iri)]
    return table(["说明 note", "原因 reason", "任务 task"], rows)


def render(site: SiteData, doc: Document) -> str:
    data = site.data
    here = urls.page(doc.iri)
    tasks = site.tasks_in(doc.iri)
    area = area_iri(site, doc.jurisdiction_code) or (doc.area if doc.area in data.areas else None)
    units = {a.unit for t in tasks for a in site.assignments_of(t.iri)}
    facts = [("文号 number", esc(doc.number or "—")), ("日期 date", esc(doc.date or "—")),
             ("类别 genre", esc(f"{genre_zh(doc.genre)} ({doc.genre})")),
             ("地区 jurisdiction", link(here, area, doc.jurisdiction or doc.jurisdiction_code) if area else "—"),
             ("年度 years", esc(doc.year_label or "—")), ("来源文件 source file", f"<code>{esc(doc.source)}</code>"),
             ("图谱 graph", f'<a href="{esc(graph.link(site, here, doc.iri))}">本文件的图谱 this document\'s graph</a>'),
             *([("数据 figures", str(len(site.figures_in(doc.iri))))] if doc.is_report
               else [("任务 tasks", str(len(tasks))), ("单位 units", str(len(units)))])]
    if doc.is_report:
        nav, text = _report_body(site, doc, here)
    else:
        nav, text = _plan_body(site, doc, tasks, here)
    body = [f"<h1>{esc(doc.title or doc.source)}</h1>",
            '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>",
            '<div class="doc"><nav class="toc"><h2>目录 outline</h2>' + nav + "</nav>",
            '<div class="doc-text"><h2>正文 text</h2>' + legend() + text + "</div></div>"]
    if tasks:
        body += ["<h2>责任分工表 responsibility matrix</h2>", _matrix(site, doc, tasks, here)]
    body += ["<h2>未能解析的分工说明 unparsed notes</h2>", _unparsed(site, doc, here)]
    crumbs = [(urls.page(area), doc.jurisdiction or doc.jurisdiction_code)] if area else []
    return frame(here, doc.title or doc.source, "\n".join(body), iri=doc.iri, crumbs=crumbs)
