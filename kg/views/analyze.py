"""Who carries the plans: workload, concentration, co-lead network, accountability gaps, themes.

:func:`analyze` works on a :class:`~kg.views.readmodel.GraphData` (the unit–task bipartite graph) and
its projection onto units (two units are joined when they lead a task together).  Every figure
carries a one-line explanation in Chinese and English (``Analysis.explanations``), and every
renderer is deterministic: lists in a fixed order, floats rounded to 4 places, JSON keys sorted.

Renderers: :func:`to_table` (terminal, aligned Chinese), :func:`to_json`, and :func:`output` for every format.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field

from kg.views.model import GraphData
from kg.render.output import Output

ROUND = 4
BETWEENNESS_EXACT = 500  # above this many lead units, betweenness is estimated from sampled sources
BETWEENNESS_SAMPLES = 300

EXPLAIN: dict[str, tuple[str, str]] = {
    # scope
    "documents": ("纳入分析的文件数", "Documents in the view"),
    "tasks": ("纳入分析的任务数", "Tasks in the view"),
    "units": ("至少承担一项任务的单位数", "Units named on at least one task"),
    "assignments": ("单位—任务—角色分工条数", "Unit–task–role assignments"),
    # workload columns
    "led": ("牵头的任务数", "Tasks the unit leads"),
    "responsible": ("作为责任单位的任务数", "Tasks the unit is responsible for"),
    "cooperating": ("作为配合单位的任务数", "Tasks the unit cooperates on"),
    "involved": ("以任一角色参与的任务数", "Tasks the unit holds in any role"),
    "lead_share": ("牵头任务占全部任务的比例", "Share of all tasks the unit leads"),
    "task_share": ("参与任务占全部任务的比例", "Share of all tasks the unit holds in any role"),
    "led_with_target": ("牵头任务中有量化指标的任务数", "Tasks led that carry a quantitative target"),
    "led_with_deadline": ("牵头任务中有完成时限的任务数", "Tasks led that carry a deadline"),
    "led_measurable": ("牵头任务中有量化指标或时限的任务数", "Tasks led with a quantitative target or a deadline"),
    "degree": ("共同牵头网络中的合作单位数", "Co-lead partners: units it leads at least one task with"),
    "strength": ("与其他单位共同牵头的任务次数合计", "Co-lead strength: sum of its co-lead edge weights"),
    "betweenness": ("中介中心性：位于其他单位之间最短路径上的程度（0–1；超过500个单位时按300个抽样源估计）",
                    "Betweenness: how often it lies on shortest paths between other units (0–1; "
                    "estimated from 300 sampled sources above 500 units)"),
    "eigenvector": ("特征向量中心性：在所属连通块内按块大小缩放，最大连通块最核心者为1，孤立单位为0",
                    "Eigenvector centrality within its component, scaled by component size (1 = core of the largest; isolated = 0)"),
    "community": ("共同牵头网络中的社群编号（Louvain算法，固定随机种子；1为最大社群）",
                  "Co-lead community number (Louvain, fixed seed; 1 = largest)"),
    # concentration
    "lead_units": ("至少牵头一项任务的单位数", "Units that lead at least one task"),
    "top_unit": ("牵头任务最多的单位", "The unit that leads the most tasks"),
    "top_unit_led": ("该单位牵头的任务数", "Tasks the top unit leads"),
    "top1_share": ("牵头最多的单位所牵头任务占全部任务的比例", "Share of all tasks led by the top unit"),
    "top3_units": ("牵头任务最多的三个单位", "The three units that lead the most tasks"),
    "top3_share": ("前三名单位至少牵头其一的任务占全部任务的比例", "Share of all tasks led by at least one of the top three"),
    "gini": ("各单位牵头任务数的基尼系数（0为平均，趋近1为集中）", "Gini of lead counts over units in the view (0 even, near 1 concentrated)"),
    "hhi": ("牵头份额的赫芬达尔指数（各单位牵头份额平方和，1为独揽）", "Herfindahl index: sum of squared shares of lead assignments (1 = one unit)"),
    # network
    "network_nodes": ("共同牵头网络的单位数（牵头单位）", "Units in the co-lead network (units that lead)"),
    "network_edges": ("共同牵头的单位对数", "Pairs of units that lead a task together"),
    "network_components": ("共同牵头网络的连通块数（含孤立单位）", "Connected parts of the co-lead network (isolated units included)"),
    "network_density": ("共同牵头网络的密度", "Density of the co-lead network"),
    "communities": ("社群数", "Number of co-lead communities"),
    "modularity": ("社群划分的模块度（无边时为空）", "Modularity of the community split (empty without edges)"),
    "weight": ("两单位共同牵头的任务数", "Tasks the two units lead together"),
    # gaps
    "no_lead": ("没有牵头单位的任务", "Tasks with no lead unit"),
    "many_leads": ("牵头单位达3个及以上的任务", "Tasks with three or more lead units"),
    "collective_only": ("牵头和责任单位全是泛指主体或角色占位的任务", "Tasks whose lead and responsible units are all collective subjects or role placeholders"),
    "named_once": ("全部文件中只出现一次的单位", "Units named on one assignment only"),
    # themes
    "theme_tasks": ("该主题下的任务数", "Tasks on the theme"),
    "theme_no_lead": ("该主题下没有牵头单位的任务数", "Tasks on the theme with no lead"),
    "theme_leads": ("牵头该主题任务的单位（按任务数排序）", "Units that lead tasks of the theme, most first"),
    "theme_units": ("以任一角色承担该主题任务的单位数", "Units holding tasks of the theme in any role"),
}


def _r(x: float | None) -> float | None:
    return None if x is None else round(float(x), ROUND)


def gini(values: list[float]) -> float:
    """Mean absolute difference over twice the mean: 0 for equal values, (n-1)/n for one holder."""
    n = len(values)
    total = sum(values)
    if n == 0 or total == 0:
        return 0.0
    xs = sorted(values)
    weighted = sum((2 * (i + 1) - n - 1) * x for i, x in enumerate(xs))
    return weighted / (n * total)


def hhi(values: list[float]) -> float:
    """Sum of squared shares; 1/n for n equal holders, 1 for one."""
    total = sum(values)
    return sum((v / total) ** 2 for v in values) if total else 0.0


@dataclass
class UnitWorkload:
    iri: str
    name: str
    type: str
    jurisdiction: str
    led: int = 0
    responsible: int = 0
    cooperating: int = 0
    involved: int = 0
    lead_share: float = 0.0
    task_share: float = 0.0
    led_with_target: int = 0
    led_with_deadline: int = 0
    led_measurable: int = 0
    degree: int | None = None
    strength: int | None = None
    betweenness: float | None = None
    eigenvector: float | None = None
    community: int | None = None


@dataclass
class Analysis:
    scope: dict[str, object]
    summary: dict[str, object]  # figure key → value (concentration, network, gap counts)
    workload: list[UnitWorkload]
    edges: list[dict[str, object]]  # co-lead edges: source, target (names), weight
    communities: list[list[str]]  # unit names per community, largest first
    gaps: dict[str, list[dict[str, object]]]
    themes: list[dict[str, object]]
    explanations: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return _rounded(asdict(self))


def _rounded(obj):
    if isinstance(obj, float):
        return _r(obj)
    if isinstance(obj, dict):
        return {k: _rounded(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_rounded(v) for v in obj]
    return obj


def _task_ref(data: GraphData, iri: str, **extra) -> dict[str, object]:
    t = data.task_by_iri[iri]
    return {"task": iri, "source": t.source, "number": t.number, "title": t.title, **extra}


def _co_lead_graph(data: GraphData, lead_units: list[str]):
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(lead_units)
    for task in data.tasks:
        leads = sorted(set(data.units_of(task.iri, "lead")))
        for i, a in enumerate(leads):
            for b in leads[i + 1:]:
                w = g[a][b]["weight"] + 1 if g.has_edge(a, b) else 1
                g.add_edge(a, b, weight=w)
    return g


def _eigenvector(g, comp: list[str]) -> dict[str, float]:
    """Power iteration on A + I (the shift makes bipartite parts converge), weighted, in a fixed order."""
    x = {n: 1.0 for n in comp}
    for _ in range(2000):
        new = {n: x[n] + sum(d["weight"] * x[m] for m, d in g[n].items()) for n in comp}
        norm = math.sqrt(sum(v * v for v in new.values())) or 1.0
        new = {n: v / norm for n, v in new.items()}
        done = sum(abs(new[n] - x[n]) for n in comp) < 1e-9 * len(comp)
        x = new
        if done:
            break
    return x


def _centralities(g) -> tuple[dict, dict, list[list[str]], float | None]:
    import networkx as nx

    exact = len(g) <= BETWEENNESS_EXACT
    between = nx.betweenness_centrality(g, normalized=True) if exact else \
        nx.betweenness_centrality(g, k=BETWEENNESS_SAMPLES, normalized=True, seed=42)
    eigen = {n: 0.0 for n in g}
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    largest = len(comps[0]) if comps else 1
    for comp in comps:
        if len(comp) < 2:
            continue
        vec = _eigenvector(g, comp)
        top = max(vec.values()) or 1.0
        for n in comp:
            eigen[n] = vec[n] / top * len(comp) / largest
    if g.number_of_edges():
        found = nx.community.louvain_communities(g, weight="weight", seed=42)
        communities = [sorted(c) for c in found]
        modularity = nx.community.modularity(g, communities, weight="weight")
    else:
        communities, modularity = [[n] for n in sorted(g)], None
    return between, eigen, communities, modularity


def analyze(data: GraphData) -> Analysis:
    """Every figure over one :class:`GraphData` view."""
    n_tasks = len(data.tasks)
    names = {u.iri: u.name for u in data.units}
    rows = {u.iri: UnitWorkload(u.iri, u.name, u.type, u.jurisdiction) for u in data.units}
    roles: dict[tuple[str, str], set[str]] = {}
    for a in data.assignments:
        roles.setdefault((a.unit, a.role), set()).add(a.task)
    for iri, w in rows.items():
        led = roles.get((iri, "lead"), set())
        w.led, w.responsible = len(led), len(roles.get((iri, "responsible"), set()))
        w.cooperating = len(roles.get((iri, "cooperating"), set()))
        w.involved = len(set(data.tasks_of(iri)))
        w.lead_share = w.led / n_tasks if n_tasks else 0.0
        w.task_share = w.involved / n_tasks if n_tasks else 0.0
        tasks = [data.task_by_iri[t] for t in led]
        w.led_with_target = sum(t.has_quantitative_target for t in tasks)
        w.led_with_deadline = sum(bool(t.deadlines) for t in tasks)
        w.led_measurable = sum(t.has_quantitative_target or bool(t.deadlines) for t in tasks)
    ranked = sorted(rows.values(), key=lambda w: (-w.led, -w.responsible, -w.cooperating, w.name, w.iri))

    # concentration over lead counts
    leaders = [w for w in ranked if w.led > 0]
    top3 = leaders[:3]
    led_by_top3 = set().union(*(roles.get((w.iri, "lead"), set()) for w in top3)) if top3 else set()
    summary: dict[str, object] = {
        "lead_units": len(leaders),
        "top_unit": leaders[0].name if leaders else None,
        "top_unit_led": leaders[0].led if leaders else 0,
        "top1_share": leaders[0].led / n_tasks if leaders and n_tasks else 0.0,
        "top3_units": [w.name for w in top3],
        "top3_share": len(led_by_top3) / n_tasks if n_tasks else 0.0,
        "gini": gini([w.led for w in ranked]),
        "hhi": hhi([w.led for w in ranked]),
    }

    # co-lead network
    import networkx as nx

    g = _co_lead_graph(data, sorted(w.iri for w in leaders))
    between, eigen, communities, modularity = _centralities(g)
    community_of = {n: i for i, c in enumerate(
        sorted(communities, key=lambda c: (-len(c), min(names[n] for n in c))), start=1) for n in c}
    for w in leaders:
        w.degree = g.degree(w.iri)
        w.strength = int(g.degree(w.iri, weight="weight"))
        w.betweenness, w.eigenvector, w.community = between[w.iri], eigen[w.iri], community_of[w.iri]
    edges = sorted(({"source": min(names[a], names[b]), "target": max(names[a], names[b]),
                     "source_iri": a if names[a] <= names[b] else b, "target_iri": b if names[a] <= names[b] else a,
                     "weight": d["weight"]} for a, b, d in g.edges(data=True)),
                   key=lambda e: (-e["weight"], e["source"], e["target"]))
    grouped = [sorted(names[n] for n in c) for c in sorted(communities, key=lambda c: community_of[c[0]])]
    summary.update({"network_nodes": g.number_of_nodes(), "network_edges": g.number_of_edges(),
                    "network_components": nx.number_connected_components(g) if len(g) else 0,
                    "network_density": nx.density(g) if len(g) > 1 else 0.0,
                    "communities": len(grouped), "modularity": modularity})

    # accountability gaps
    units = data.unit_by_iri
    gaps: dict[str, list[dict[str, object]]] = {"no_lead": [], "many_leads": [], "collective_only": [], "named_once": []}
    for t in data.tasks:
        leads = data.units_of(t.iri, "lead")
        owners = leads + data.units_of(t.iri, "responsible")
        if not leads:
            gaps["no_lead"].append(_task_ref(data, t.iri))
        if len(set(leads)) >= 3:
            gaps["many_leads"].append(_task_ref(data, t.iri, leads=[names[u] for u in leads]))
        if owners and all(units[u].collective for u in owners):
            gaps["collective_only"].append(_task_ref(data, t.iri, owners=[names[u] for u in owners]))
    counts: dict[str, list] = {}
    for a in data.assignments:
        counts.setdefault(a.unit, []).append(a)
    for iri, items in sorted(counts.items(), key=lambda kv: (names[kv[0]], kv[0])):
        if len(items) == 1:
            a = items[0]
            gaps["named_once"].append({"unit": iri, "name": names[iri], "type": units[iri].type, "role": a.role,
                                       **{k: v for k, v in _task_ref(data, a.task).items() if k != "title"}})
    summary.update({k: len(v) for k, v in gaps.items()})

    # themes
    theme_rows = []
    for theme in data.themes:
        tasks = [t for t in data.tasks if theme.key in t.themes]
        lead_count: dict[str, int] = {}
        holders: set[str] = set()
        for t in tasks:
            for u in set(data.units_of(t.iri, "lead")):
                lead_count[u] = lead_count.get(u, 0) + 1
            holders.update(data.units_of(t.iri))
        leads = sorted(lead_count.items(), key=lambda kv: (-kv[1], names[kv[0]]))
        theme_rows.append({"key": theme.key, "label": theme.label, "label_en": theme.label_en,
                           "theme_tasks": len(tasks), "theme_no_lead": sum(not data.units_of(t.iri, "lead") for t in tasks),
                           "theme_leads": [{"name": names[u], "led": n} for u, n in leads],
                           "theme_units": len(holders)})
    theme_rows.sort(key=lambda r: (-r["theme_tasks"], r["key"]))

    scope = {"documents": len(data.documents), "tasks": n_tasks, "units": len(data.units),
             "assignments": len(data.assignments), "filters": dict(sorted(data.filters.items())),
             "sources": [d.source for d in data.documents]}
    explanations = {k: {"zh": zh, "en": en} for k, (zh, en) in sorted(EXPLAIN.items())}
    return Analysis(scope, summary, ranked, edges, grouped, gaps, theme_rows, explanations)


# --- renderers ---------------------------------------------------------------------------------


def _fmt(v: object) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.4f}"
    if isinstance(v, list):
        return "、".join(map(str, v)) or "—"
    return str(v)


SUMMARY_KEYS = ("lead_units", "top_unit", "top_unit_led", "top1_share", "top3_units", "top3_share", "gini", "hhi",
                "network_nodes", "network_edges", "network_components", "network_density", "communities",
                "modularity", "no_lead", "many_leads", "collective_only", "named_once")
WORKLOAD_COLUMNS = ("name", "type", "jurisdiction", "led", "responsible", "cooperating", "involved", "lead_share",
                    "task_share", "led_with_target", "led_with_deadline", "led_measurable", "degree", "strength",
                    "betweenness", "eigenvector", "community")


def to_table(analysis: Analysis, *, limit: int = 25) -> str:
    """Readable terminal output: scope, summary figures, workload, co-lead pairs, gaps, themes."""
    from kg.render.text import table

    ex = analysis.explanations
    s = analysis.scope
    out = [f"范围 Scope: {s['documents']} 个文件 documents, {s['tasks']} 项任务 tasks, {s['units']} 个单位 units, "
           f"{s['assignments']} 条分工 assignments" + (f"  filters: {s['filters']}" if s["filters"] else "")]
    out.append("概要 Summary\n" + table(["指标 figure", "值 value", "说明 meaning"],
                                        [[k, _fmt(_rounded(analysis.summary[k])), ex[k]["zh"]] for k in SUMMARY_KEYS],
                                        max_width=60))
    heads = ["单位 unit", "牵头", "责任", "配合", "牵头占比", "有指标/时限", "合作单位", "中介", "社群"]
    rows = [[w.name, w.led, w.responsible, w.cooperating, _fmt(_r(w.lead_share)), w.led_measurable,
             _fmt(w.degree), _fmt(_r(w.betweenness)), _fmt(w.community)] for w in analysis.workload[:limit]]
    more = len(analysis.workload) - limit
    out.append("工作量 Workload (led / responsible / cooperating; lead share; led with target or deadline; "
               "co-lead partners; betweenness; community)\n" + table(heads, rows)
               + (f"\n… {more} more units (--format json/csv for all)" if more > 0 else ""))
    if analysis.edges:
        rows = [[e["source"], e["target"], e["weight"]] for e in analysis.edges[:limit]]
        out.append("共同牵头 Co-lead pairs (" + ex["weight"]["en"] + ")\n" + table(["单位 A", "单位 B", "共同牵头"], rows))
    gap_rows = []
    for key in ("no_lead", "many_leads", "collective_only"):
        for item in analysis.gaps[key][:limit]:
            gap_rows.append([ex[key]["zh"], item["source"], item["number"], item["title"]])
        if len(analysis.gaps[key]) > limit:
            gap_rows.append([ex[key]["zh"], "…", "", f"{len(analysis.gaps[key]) - limit} more"])
    for item in analysis.gaps["named_once"][:limit]:
        gap_rows.append([ex["named_once"]["zh"], item["source"], item["number"], item["name"]])
    if gap_rows:
        out.append("责任缺口 Accountability gaps\n" + table(["缺口 gap", "文件 source", "编号", "任务/单位"], gap_rows))
    rows = [[t["label"], t["theme_tasks"], t["theme_no_lead"], t["theme_units"],
             "、".join(f"{x['name']}({x['led']})" for x in t["theme_leads"][:3]) or "—"] for t in analysis.themes]
    if rows:
        out.append("主题 Themes\n" + table(["主题 theme", "任务", "无牵头", "单位数", "主要牵头单位 top leads"], rows, max_width=60))
    return "\n\n".join(out) + "\n"


def to_json(analysis: Analysis) -> str:
    return json.dumps(analysis.to_dict(), ensure_ascii=False, sort_keys=True, indent=2) + "\n"


CSV_COLUMNS = ("section", "key", *WORKLOAD_COLUMNS, "value", "explanation_zh", "explanation_en")


def table_rows(analysis: Analysis) -> list[list[object]]:
    """One table with one header row (:data:`CSV_COLUMNS`).  ``section`` says what a row is:

    * ``summary`` rows: ``key`` names the figure, ``value`` holds it (lists joined with "|"),
      the two explanation columns say what it means; the unit columns are empty.
    * ``unit`` rows: ``key`` is the unit IRI and the workload columns are filled; ``value`` and
      the explanations are empty (the column meanings are the summary-style rows of
      ``section=column``).
    * ``column`` rows: one per workload column, explaining it.
    """
    rows: list[list[object]] = []
    empty = [""] * len(WORKLOAD_COLUMNS)
    ex = analysis.explanations

    def cell(v: object) -> str:
        v = _rounded(v)
        if v is None:
            return ""
        if isinstance(v, list):
            return "|".join(map(str, v))
        return str(v)

    for key in ("documents", "tasks", "units", "assignments"):
        rows.append(["summary", key, *empty, cell(analysis.scope[key]), ex[key]["zh"], ex[key]["en"]])
    for key in SUMMARY_KEYS:
        rows.append(["summary", key, *empty, cell(analysis.summary[key]), ex[key]["zh"], ex[key]["en"]])
    for col in WORKLOAD_COLUMNS[3:]:
        rows.append(["column", col, *empty, "", ex[col]["zh"], ex[col]["en"]])
    for u in analysis.workload:
        rows.append(["unit", u.iri, *(cell(getattr(u, c)) for c in WORKLOAD_COLUMNS), "", "", ""])
    return rows


def output(analysis: Analysis) -> Output:
    return Output(CSV_COLUMNS, table_rows(analysis), title="analysis",
                  own={"table": lambda: to_table(analysis), "json": lambda: to_json(analysis)})
