"""A task's page: its text with the note, owners, targets and deadlines marked in place; its
owners by role; the higher-plan items it implements and the lower-plan tasks implementing it;
what tracking, the ledger and the reports (the task view) say of it."""

from __future__ import annotations

from kg import ids
from kg.site import urls
from kg.site.collect import SiteData
from kg.site.facts import ledger_of, task_marks, tracking_of
from kg.site.html import esc, frame, highlight, legend, link, role_zh, status_label, table
from kg.views.model import ROLES, Task


def _shared(a: Task, b: Task) -> str:
    from kg.compare.align import tokens

    words = sorted(set(tokens(a.title + a.text)) & set(tokens(b.title + b.text)))
    return "、".join(words[:12])


def _alignment(site: SiteData, task: Task, here: str) -> str:
    data = site.data
    up = [x for x in data.alignment_links if x.lower == task.iri]
    down = [x for x in data.alignment_links if x.higher == task.iri]
    gap = task.iri in data.alignment_gaps
    if not (up or down or gap):
        return ('<h2>上下级对应 alignment</h2><p class="none">未存储对应关系 no alignment stored for this task '
                '(<code>fazhi-kg align</code>)</p>')

    def rows(links, other):
        for x in links:
            t = data.task_by_iri[getattr(x, other)]
            yield [link(here, t.iri, f"{t.number} {t.title}"), link(here, t.document, t.document_title or t.source),
                   f"{x.score:.3f}", str(x.rank), "✓ 最佳 best" if x.best else "", esc(_shared(task, t))]

    head = ["任务 task", "文件 document", "得分 score", "名次 rank", "", "共同词 shared words"]
    out = ["<h2>上下级对应 alignment</h2>"]
    if up:
        out += ["<h3>落实的上级任务 higher-plan items it implements</h3>", table(head, rows(up, "higher"))]
    if down:
        out += ["<h3>落实本任务的下级任务 lower-plan tasks implementing it</h3>", table(head, rows(down, "lower"))]
    if gap:
        out.append('<p class="warn">下级计划中无对应任务 no lower-plan task reaches the threshold for this item</p>')
    return "\n".join(out)


def _paragraph(site: SiteData, e, here: str) -> str:
    """The report's paragraph an evidence row names, linked to its place on the report's page."""
    paras = site.data.paragraphs.get(e.report, [])
    at = next((i for i, p in enumerate(paras) if ids.paragraph_iri(e.report, p.path) == e.paragraph_node), None)
    page = urls.page(e.report)
    if at is None or page is None:
        return esc(e.paragraph)
    return f'<a href="{esc(urls.rel(here, page))}#p-{at + 1}">{esc(e.paragraph)}</a>'


def _status(site: SiteData, task: Task, here: str) -> str:
    out = ["<h2>进展 status</h2>"]
    tracked = tracking_of(site, task)
    out.append(f"<h3>跟踪 tracking (as of {site.as_of.isoformat()})</h3>")
    out.append(table(["地区 area", "年度 year", "类别 kind", "目标 target", "状态 status", "报告值 reported", "报告 report"],
                     ([esc(r.area), esc(r.year), esc(r.kind), esc(r.target or ""), esc(status_label(r.status)),
                       esc(r.value or ""), link(here, r.report, r.report_title or "") if r.report else ""]
                      for r in tracked)) if tracked else '<p class="none">无目标或时限可跟踪 nothing to track</p>')
    ledger = ledger_of(site, task)
    out.append("<h3>台账 ledger</h3>")
    out.append(table(["单位 unit", "状态 status", "更新 updated", "完成 completed"],
                     ([esc(r.unit), esc(r.status), esc(r.updated), esc(r.completed)] for r in ledger))
               if ledger else '<p class="none">未导入台账 no ledger return for this task</p>')
    out.append("<h3>报告中的证据 report evidence (task view)</h3>")
    found = site.evidence.get(task.iri, [])
    if found:
        out.append(table(["报告 report", "状态 status", "得分 score", "段落 paragraph", "引文 quote"],
                         ([link(here, e.report, site.data.document_by_iri[e.report].title
                                if e.report in site.data.document_by_iri else e.report),
                           esc(status_label(e.status)), esc(e.score), _paragraph(site, e, here), esc(e.quote)]
                          for e in found)))
    elif site.evidence_stored:
        out.append('<p class="none">未找到 nothing found: no report in the store speaks of this task</p>')
    else:
        out.append('<p class="none">未找到 nothing found: the store holds no task-view links '
                   '(<code>fazhi-kg track --tasks --write</code> stores them)</p>')
    return "\n".join(out)


def render(site: SiteData, task: Task) -> str:
    data = site.data
    here = urls.page(task.iri)
    doc = data.document_by_iri.get(task.document)
    section = site.sections.get((task.document, task.path.rsplit(".", 1)[0]), "") if "." in task.path else ""
    facts = [("文件 document", link(here, task.document, task.document_title or task.source)),
             ("位置 place", esc(task.path) + (f" · {esc(section)}" if section else "")),
             ("主题 themes", "、".join(link(here, ids.theme_iri(k), data.theme_by_key[k].label
                                             if k in data.theme_by_key else k) for k in task.themes) or "—"),
             ("目标 targets", "; ".join(esc(t.text) for t in task.targets) or "—"),
             ("时限 deadlines", "; ".join(esc(f"{d.text} ({d.date})" if d.text else d.date) for d in task.deadlines) or "—")]
    for role in ROLES:
        owners = [a for a in site.assignments_of(task.iri) if a.role == role]
        names = [link(here, a.unit, data.unit_by_iri[a.unit].name, role) +
                 (f' <span class="as">(写作 {esc(a.written)})</span>'
                  if a.written and a.written != data.unit_by_iri[a.unit].name else "")
                 for a in owners if a.unit in data.unit_by_iri]
        facts.append((role_zh(role), "、".join(names) or "—"))
    body = [f'<h1><span class="num">{esc(task.number)}</span> {esc(task.title)}</h1>',
            '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>",
            "<h2>原文 text</h2>", legend(),
            f'<p class="text">{highlight(task.text, task_marks(site, task, here))}</p>',
            _alignment(site, task, here), _status(site, task, here)]
    crumbs = [(urls.page(doc.iri), doc.title or doc.source)] if doc else []
    return frame(here, f"{task.number} {task.title}", "\n".join(body), iri=task.iri, crumbs=crumbs)
