"""A unit's dossier: its names as each document writes them, type and jurisdiction; its tasks by
role with the note that names it; the units it leads with; its share of each plan's leads; the
status of its tasks; a small graph of its neighbourhood."""

from __future__ import annotations

from collections import Counter

from kg import ids
from kg.site import urls
from kg.site.collect import SiteData
from kg.site.facts import quote, status_cell
from kg.site.html import esc, frame, link, role_zh, table, unit_type_zh
from kg.site.svg import Node, neighbourhood
from kg.views.model import ROLES, Unit

RING = 30  # tasks drawn at most
PARTNERS = 12


def area_iri(site: SiteData, code: str) -> str | None:
    iri = ids.area_iri(code) if code else None
    return iri if iri in site.data.areas else None


def short_name(unit: Unit) -> str:
    """The shortest name the documents write for a unit (区司法局 for 南京市栖霞区司法局)."""
    return min([unit.name, *unit.written], key=lambda n: (len(n), n))


def _hood(site: SiteData, unit: Unit, here: str) -> str:
    data = site.data
    tasks = [(t, role) for role in ROLES for t in data.tasks_of(unit.iri, role)]
    seen: dict[str, str] = {}
    for t, role in tasks:
        seen.setdefault(t, role)
    shown = list(seen.items())[:RING]
    ring = []
    for t, role in shown:
        task = data.task_by_iri[t]
        ring.append(Node(task.number.strip(".、") or "?", urls.rel(here, urls.page(t)),
                         f"{task.number} {task.title} ({task.document_title}) · {role}", role))
    index = {t: i for i, (t, _) in enumerate(shown)}
    shared: dict[str, list[int]] = {}
    for t, i in index.items():
        for other in dict.fromkeys(data.units_of(t)):
            if other != unit.iri:
                shared.setdefault(other, []).append(i)
    collectives = {u: links for u, links in shared.items() if data.unit_by_iri[u].collective}
    ranked = sorted(((u, links) for u, links in shared.items() if u not in collectives),
                    key=lambda kv: (-len(kv[1]), data.unit_by_iri[kv[0]].name, kv[0]))
    top = ranked[:PARTNERS]
    outer = [Node(short_name(data.unit_by_iri[u]), urls.rel(here, urls.page(u)),
                  f"{data.unit_by_iri[u].name}: {len(links)} 项共同任务 shared tasks", "unit", tuple(links))
             for u, links in top]
    drawn = neighbourhood(short_name(unit), ring, outer, more=len(seen) - len(shown))
    left = [f"{link(here, u, short_name(data.unit_by_iri[u]))} ({len(links)})" for u, links in
            sorted(collectives.items(), key=lambda kv: (-len(kv[1]), data.unit_by_iri[kv[0]].name, kv[0]))]
    caption = (f'<p class="caption">集合主体未画出 collectives not drawn: {"、".join(left)}</p>' if left else "")
    return drawn + caption


def _written(site: SiteData, unit: Unit, here: str) -> str:
    data = site.data
    by_doc: dict[str, set[str]] = {}
    for a in site.assignments_to(unit.iri):
        by_doc.setdefault(data.task_by_iri[a.task].document, set()).add(a.written or unit.name)
    rows = [[link(here, d.iri, d.title or d.source), esc("、".join(sorted(by_doc[d.iri])))]
            for d in data.documents if d.iri in by_doc]
    return table(["文件 document", "写作 written as"], rows)


def _tasks(site: SiteData, unit: Unit, here: str) -> str:
    data = site.data
    out = []
    for role in ROLES:
        mine = data.tasks_of(unit.iri, role)
        out.append(f'<h3 id="{role}">{role_zh(role)} ({len(mine)})</h3>')
        rows = []
        for t in mine:
            task = data.task_by_iri[t]
            rows.append([link(here, t, task.number), link(here, t, task.title),
                         link(here, task.document, task.document_title or task.source),
                         esc("; ".join(x.text for x in task.targets)),
                         esc("; ".join(d.text or d.date for d in task.deadlines)),
                         quote(site, task, unit.iri, here), status_cell(site, task)])
        out.append(table(["序号 no.", "任务 task", "文件 document", "目标 targets", "时限 deadline",
                          "分工说明 note", "状态 status"], rows, "tasks"))
    return "\n".join(out)


def _partners(site: SiteData, unit: Unit, here: str) -> str:
    data = site.data
    count: Counter[str] = Counter()
    for t in data.tasks_of(unit.iri, "lead"):
        for other in dict.fromkeys(data.units_of(t, "lead")):
            if other != unit.iri:
                count[other] += 1
    rows = [[link(here, u, data.unit_by_iri[u].name), str(n)]
            for u, n in sorted(count.items(), key=lambda kv: (-kv[1], data.unit_by_iri[kv[0]].name, kv[0]))]
    return table(["单位 unit", "共同牵头任务 tasks led together"], rows)


def _led(site: SiteData) -> Counter[str]:
    """Per document, its tasks that have a lead unit (counted once per build)."""
    data = site.data
    if "led" not in site.cache:
        site.cache["led"] = Counter(t.document for t in data.tasks if data.units_of(t.iri, "lead"))
    return site.cache["led"]


def _share(site: SiteData, unit: Unit, here: str) -> str:
    data = site.data
    mine = Counter(data.task_by_iri[t].document for t in data.tasks_of(unit.iri, "lead"))
    led = _led(site)
    rows = [[link(here, d.iri, d.title or d.source), f"{mine[d.iri]} / {led[d.iri]}",
             f"{100 * mine[d.iri] / led[d.iri]:.1f}%"] for d in data.documents if mine[d.iri]]
    return table(["文件 document", "牵头任务 tasks led / tasks with a lead", "占比 share"], rows)


def render(site: SiteData, unit: Unit) -> str:
    here = urls.page(unit.iri)
    area = area_iri(site, unit.jurisdiction_code)
    where = link(here, area, unit.jurisdiction or unit.jurisdiction_code) if area else esc(unit.jurisdiction or "—")
    facts = [("类型 type", esc(unit_type_zh(unit.type)) + (' <span class="warn">集合主体 collective: names no single '
                                                          'body</span>' if unit.collective else "")),
             ("地区 jurisdiction", where),
             ("名称 names", esc("、".join(dict.fromkeys([unit.name, *unit.written]))))]
    body = [f"<h1>{esc(unit.name)}</h1>",
            '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>",
            '<div class="hood-box">' + _hood(site, unit, here) + "</div>",
            "<h2>任务 tasks</h2>", _tasks(site, unit, here),
            "<h2>各文件中的写法 names as written</h2>", _written(site, unit, here),
            "<h2>共同牵头 co-lead partners</h2>", _partners(site, unit, here),
            "<h2>牵头占比 share of the plan's leads</h2>", _share(site, unit, here)]
    crumbs = [(urls.page(area), unit.jurisdiction or unit.jurisdiction_code)] if area else []
    return frame(here, unit.name, "\n".join(body), iri=unit.iri, crumbs=crumbs)
