"""The index (search with facets, and plain lists that work without JavaScript), a page per
jurisdiction and per theme, and the search data the index loads."""

from __future__ import annotations

import json
from collections import Counter

from kg import ids
from kg.site import graph, urls
from kg.site.collect import SiteData
from kg.site.html import esc, frame, genre_zh, link, table, unit_type_zh
from kg.views.model import Area, Theme

FACETS = (("y", "年度 year"), ("a", "地区 area"), ("g", "类别 genre"), ("ut", "单位类型 unit type"), ("th", "主题 theme"))


def _area_of_unit(site: SiteData, code: str) -> str | None:
    iri = ids.area_iri(code) if code else None
    return iri if iri in site.data.areas else None


def _body(task) -> str:
    """What search finds a task by besides its title: its whole text and its targets as read (败诉率
    ≤ 8%; the metric's name where the text words it otherwise)."""
    extra = [x for target in task.targets for x in (target.text, target.metric_label) if x and x not in task.text]
    return " ".join([task.text, *dict.fromkeys(extra)]).strip()


def search_entries(site: SiteData) -> list[dict]:
    """One entry per unit, task, document, area and theme: what search matches and what the
    facets filter."""
    data = site.data
    theme_label = {t.key: t.label for t in data.themes}
    area_name = {a.iri: a.name for a in data.areas.values()}
    doc_facets: dict[str, dict] = {}
    for d in data.documents:
        doc_facets[d.iri] = {"y": [str(y) for y in d.years], "a": [area_name.get(d.area, d.jurisdiction)] if d.area else [],
                             "g": [genre_zh(d.genre)]}
    out = []
    unit_docs: dict[str, set[str]] = {}
    unit_themes: dict[str, set[str]] = {}
    task_types: dict[str, set[str]] = {}
    for a in data.assignments:
        t = data.task_by_iri[a.task]
        unit_docs.setdefault(a.unit, set()).add(t.document)
        unit_themes.setdefault(a.unit, set()).update(theme_label.get(k, k) for k in t.themes)
        if a.unit in data.unit_by_iri:
            task_types.setdefault(a.task, set()).add(unit_type_zh(data.unit_by_iri[a.unit].type))
    for d in data.documents:
        tasks = site.tasks_in(d.iri)
        out.append(dict(doc_facets[d.iri], k="doc", id=d.iri, t=d.title or d.source, x=d.source,
                        s=" ".join(x for x in (d.number, d.jurisdiction, d.year_label) if x), u=urls.page(d.iri),
                        ut=sorted({x for t in tasks for x in task_types.get(t.iri, ())}),
                        th=sorted({theme_label.get(k, k) for t in tasks for k in t.themes})))
    for t in data.tasks:
        f = doc_facets[t.document]
        owners = [data.unit_by_iri[u].name for u in dict.fromkeys(data.units_of(t.iri)) if u in data.unit_by_iri]
        out.append(dict(f, k="task", id=t.iri, t=f"{t.number} {t.title}", s=t.document_title or t.source,
                        x=" ".join(owners), b=_body(t), u=urls.page(t.iri), ut=sorted(task_types.get(t.iri, ())),
                        th=sorted(theme_label.get(k, k) for k in t.themes)))
    for u in data.units:
        docs = [data.document_by_iri[d] for d in sorted(unit_docs.get(u.iri, ()))]
        out.append(dict(k="unit", id=u.iri, t=u.name, s=u.jurisdiction, x=" ".join(u.written), u=urls.page(u.iri),
                        y=sorted({str(y) for d in docs for y in d.years}),
                        a=[u.jurisdiction] if u.jurisdiction else [], g=sorted({genre_zh(d.genre) for d in docs}),
                        ut=[unit_type_zh(u.type)], th=sorted(unit_themes.get(u.iri, ()))))
    for a in sorted(data.areas.values(), key=lambda a: (a.code, a.iri)):
        out.append(dict(k="area", id=a.iri, t=a.name, s=a.code, x=" ".join(sorted(a.labels)), u=urls.page(a.iri),
                        a=[a.name]))
    for t in data.themes:
        out.append(dict(k="theme", id=ids.theme_iri(t.key), t=t.label, s=t.label_en, x=t.key,
                        u=urls.page(ids.theme_iri(t.key)), th=[t.label]))
    return out


def search_data(site: SiteData) -> str:
    """The search entries and their index, built (:mod:`kg.site.searchindex`), as a script (a
    file:// page cannot fetch JSON, it can load a script)."""
    from kg.site.searchindex import FIELDS, body_postings, serialized

    entries = search_entries(site)
    # shipped small: an entry's id is its place in the list, its facet values places in one
    # table per facet (the same theme, type or area repeats on thousands of entries)
    values = {key: sorted({v for e in entries for v in e.get(key, ())}) for key, _ in FACETS}
    place = {key: {v: i for i, v in enumerate(vs)} for key, vs in values.items()}
    shipped = []
    for n, e in enumerate(entries):
        item: dict = {"id": n, "k": e["k"], "u": e["u"], **{k: e.get(k) or "" for k in FIELDS}}
        item.update({key: [place[key][v] for v in e[key]] for key in values if e.get(key)})
        shipped.append(item)
    # a task's body is not shipped, only its terms' places (kg.site.searchindex)
    text = json.dumps({"entries": shipped, "facets": values, "index": serialized(shipped),
                       "body": body_postings([e.get("b") or "" for e in entries])}, ensure_ascii=False,
                      separators=(",", ":"))
    return "window.KG_SEARCH = " + text + ";\n"


def index(site: SiteData) -> str:
    data = site.data
    here = urls.INDEX
    entries = search_entries(site)
    facets = []
    for key, label in FACETS:
        values = sorted({v for e in entries for v in e.get(key, ())})
        options = '<option value="">全部 all</option>' + "".join(f'<option>{esc(v)}</option>' for v in values)
        facets.append(f'<label>{label} <select data-facet="{key}">{options}</select></label>')
    search = ('<form class="search" role="search" action="#" id="search-form">'
              '<input type="search" id="q" placeholder="搜索单位、任务、文件、地区、主题 search units, tasks, documents, areas, themes" '
              'autocomplete="off"> ' + " ".join(facets) + '</form><p id="search-status" aria-live="polite"></p>'
              '<ol id="results"></ol><noscript><p class="none">搜索需要 JavaScript; 以下列表无需 '
              'search needs JavaScript; the lists below do not.</p></noscript>')
    tasks = Counter(t.document for t in data.tasks)
    docs = table(["文件 document", "地区 area", "年度 year", "类别 genre", "任务 tasks"],
                 ([link(here, d.iri, d.title or d.source), esc(d.jurisdiction), esc(d.year_label), esc(genre_zh(d.genre)),
                   str(tasks[d.iri])] for d in data.documents))
    areas = "".join(f"<li>{link(here, a.iri, a.name)} <small>{esc(a.code)}</small></li>"
                    for a in sorted(data.areas.values(), key=lambda a: (a.code, a.iri)))
    themes = "".join(f"<li>{link(here, ids.theme_iri(t.key), t.label)} <small>{esc(t.label_en)}</small></li>"
                     for t in data.themes)
    loose = [u for u in data.units if not _area_of_unit(site, u.jurisdiction_code)]
    body = [f"<h1>法治政府建设知识图谱 fazhi-kg</h1><p>{len(data.documents)} 份文件 documents · {len(data.tasks)} 项任务 "
            f"tasks · {len(data.units)} 个单位 units</p>",
            f'<p class="graph-link"><a href="{esc(graph.link(site, here))}">图谱 graph: 谁负责什么 who owns what</a> '
            '<small>(需要 JavaScript needs JavaScript)</small></p>', search,
            "<h2>文件 documents</h2>", docs, f'<h2>地区 jurisdictions</h2><ul class="cols">{areas}</ul>',
            f'<h2>主题 themes</h2><ul class="cols">{themes}</ul>']
    if loose:
        body.append('<h2>无地区的单位 units without a jurisdiction</h2><ul class="cols">'
                    + "".join(f"<li>{link(here, u.iri, u.name)}</li>" for u in loose) + "</ul>")
    return frame(here, "首页 index", "\n".join(body),
                 scripts=[f"{urls.STATIC}/minisearch.js", urls.SEARCH_DATA, f"{urls.STATIC}/search.js"])


def area_page(site: SiteData, area: Area) -> str:
    data = site.data
    here = urls.page(area.iri)
    docs = site.grouped("documents", data.documents, lambda d: d.area).get(area.iri, [])
    units = site.grouped("units", data.units, lambda u: _area_of_unit(site, u.jurisdiction_code) or "").get(area.iri, [])
    below = sorted((a for a in data.areas.values() if a.parent == area.iri), key=lambda a: (a.code, a.iri))
    facts = [("代码 code", esc(area.code)), ("名称 names", esc("、".join(sorted(area.labels))))]
    if area.parent in data.areas:
        facts.append(("上级 above", link(here, area.parent, data.areas[area.parent].name)))
    if below:
        facts.append(("下级 below", "、".join(link(here, a.iri, a.name) for a in below)))
    if "leads" not in site.cache:
        site.cache["leads"] = Counter(a.unit for a in data.assignments if a.role == "lead")
    lead = site.cache["leads"]
    body = [f"<h1>{esc(area.name)}</h1>",
            '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>",
            "<h2>文件 documents</h2>",
            table(["文件 document", "年度 year", "类别 genre"],
                  ([link(here, d.iri, d.title or d.source), esc(d.year_label), esc(genre_zh(d.genre))] for d in docs)),
            "<h2>单位 units</h2>",  # busiest first: the tasks a unit leads, then all it holds
            table(["单位 unit", "类型 type", "牵头任务 tasks led", "全部任务 all tasks"],
                  ([link(here, u.iri, u.name), esc(unit_type_zh(u.type)), str(lead[u.iri]), str(n)]
                   for n, u in sorted(((len(data.tasks_of(u.iri)), u) for u in units),
                                      key=lambda x: (-lead[x[1].iri], -x[0], x[1].name, x[1].iri))))]
    return frame(here, area.name, "\n".join(body), iri=area.iri)


def theme_page(site: SiteData, theme: Theme) -> str:
    data = site.data
    iri = ids.theme_iri(theme.key)
    here = urls.page(iri)
    tasks = [t for t in data.tasks if theme.key in t.themes]
    units = Counter(u for t in tasks for u in dict.fromkeys(data.units_of(t.iri, "lead")))
    facts = [("英文 English", esc(theme.label_en or "—")), ("键 key", f"<code>{esc(theme.key)}</code>")]
    if theme.broader and theme.broader in data.theme_by_key:
        facts.append(("上位 broader", link(here, ids.theme_iri(theme.broader), data.theme_by_key[theme.broader].label)))
    body = [f"<h1>{esc(theme.label)}</h1>",
            '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>",
            f"<h2>任务 tasks ({len(tasks)})</h2>",
            table(["任务 task", "文件 document"], ([link(here, t.iri, f"{t.number} {t.title}"),
                                                 link(here, t.document, t.document_title or t.source)] for t in tasks)),
            "<h2>牵头单位 lead units</h2>",
            table(["单位 unit", "牵头任务 tasks led"],
                  ([link(here, u, data.unit_by_iri[u].name), str(n)]
                   for u, n in sorted(units.items(), key=lambda kv: (-kv[1], data.unit_by_iri[kv[0]].name))))]
    return frame(here, theme.label, "\n".join(body), iri=iri)
