"""What the synthetic plans of :mod:`benchmarks.generate` need beyond tasks and notes so that every
named query has something to find: reports (情况报告, in the layout of seed 004) whose paragraphs
carry figures, notes that name a role placeholder or only collectives, tasks with no lead, notes
that cannot be read, and units written in more than one way.

Report paragraphs are those of seed 004 (its place names replaced) plus sentences that report the
metrics the plans' targets set (听证率, 败诉率, 出庭应诉率, 办复率 …), so that ``target-status`` can
compare them."""

from __future__ import annotations

import random
import re
from functools import lru_cache

# another way to write a unit alias (after the level prefix): the full name, a shorter form, or
# (for 司法局, 公安分局) the name without the level prefix
SPELLINGS = {
    "发改委": ("发展改革委", "发展和改革委员会"),
    "市场监管局": ("市场监督管理局",),
    "卫健委": ("卫生健康委",),
    "人社局": ("人力资源和社会保障局",),
    "住建局": ("住房和城乡建设局",),
    "司法局": ("@司法局",),  # @: written without the level prefix
    "公安分局": ("@公安分局",),
}

PLACEHOLDERS = ("重大行政决策承办单位", "规范性文件起草单位", "政府规章起草单位", "行政执法机关")
UNREADABLE = ("(牵头单位:另行通知)", "(牵头单位:待定)", "(责任单位:视情确定)")

# sentences that report the metrics of generate.TARGETS, with a figure
FIGURES = (
    "全年行政复议案件听证率达{p}%。",
    "经复议后被诉讼案件的败诉率为{s}%。",
    "行政机关负责人出庭应诉率达{q}%。",
    "向法院反馈司法建议采纳情况,办复率达100%。",
    "办理人大代表建议{a}件、政协委员提案{b}件,办结率、满意率达100%。",
    "行政规范性文件备案审查率达100%。",
    "全年组织集体学法{k}次。",
)


def variant(rng: random.Random, prefix: str, alias: str) -> str:
    """``prefix + alias`` written another way now and then (one note in twelve)."""
    forms = SPELLINGS.get(alias)
    if not forms or rng.random() >= 1 / 12:
        return prefix + alias
    form = rng.choice(forms)
    return form[1:] if form.startswith("@") else prefix + form


def special_note(rng: random.Random, prefix: str, collective: str, named: list[str]) -> str | None:
    """A note of an uncommon kind for about one task in eight, else None (a regular note)."""
    x = rng.random()
    if x < 0.03:  # a role placeholder leads
        return f"(牵头单位:{rng.choice(PLACEHOLDERS)},责任单位:{collective})"
    if x < 0.06:  # collectives only
        return f"(牵头单位:{prefix}政府各有关部门,责任单位:{collective.split('、')[-1]})"
    if x < 0.08:  # no note at all: no lead
        return ""
    if x < 0.10:  # responsible units only
        return f"(责任单位:{'、'.join(named)})"
    if x < 0.12:  # a note whose units cannot be read
        return rng.choice(UNREADABLE)
    return None


_PART = re.compile(r"^[一二三四五六七八九十]+、")
_PARA = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")


@lru_cache(maxsize=1)
def report_pool() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The part titles and the numbered paragraphs (without their number) of seed 004."""
    from kg.resources import sample_files

    parts: list[str] = []
    paras: list[str] = []
    for path in sample_files():
        if not path.name.startswith("004_"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            s = line.strip()
            if _PART.match(s) and len(s) < 40:
                parts.append(_PART.sub("", s))
            elif _PARA.match(s) and len(s) > 30:
                paras.append(_PARA.sub("", s))
    if not paras:  # the samples are missing: still produce reports
        parts, paras = ["推进依法行政"], ["严格规范行政执法。全年组织行政执法人员培训3次。"]
    return tuple(parts), tuple(paras)


def report(rng: random.Random, *, name: str, short: str, city_name: str, prefix: str, year: int,
           doc_number: str, cn_num: str) -> list[str]:
    """The lines of a 法治政府建设情况报告 of ``name`` for ``year`` in the layout of seed 004."""
    parts, paras = report_pool()
    places = {"南京市浦口区": f"{city_name}{name}", "浦口区": name, "浦口": short, "南京市": city_name or name}

    def local(text: str) -> str:
        for old, new in places.items():
            text = text.replace(old, new)
        return text.replace("2023", str(year)).replace("2024", str(year + 1))

    lines = ["", f"\t{city_name}{name}人民政府文件", "", "", f"{doc_number}                       签发人：{rng.choice('王李张刘陈杨')}某某",
             f"{name}{year}年度法治政府建设情况报告", "", "市政府：", "",
             f"{year}年,{name}坚持以习近平新时代中国特色社会主义思想为指导,深入践行习近平法治思想,扎实推进依法行政,"
             f"法治政府建设取得新成效。现将有关情况报告如下。", ""]
    for p, title in enumerate(rng.sample(parts, min(len(parts), rng.randint(3, 5)))):
        lines += [f"{cn_num[p]}、{local(title)}", ""]
        for k in range(rng.randint(2, 4)):
            body = local(rng.choice(paras))
            if rng.random() < 0.6:
                figure = rng.choice(FIGURES).format(p=rng.choice((62, 70, 75, 81)), s=rng.choice((3.2, 5, 7.5, 9)),
                                                    q=rng.choice((85, 92, 96, 100)), a=rng.randint(40, 160),
                                                    b=rng.randint(50, 200), k=rng.randint(2, 6))
                body = f"{body.rstrip('。')}。{year}年,{figure}"
            lines += [f"（{cn_num[k]}）{body}", ""]
    lines += [f"{year + 1}年,{name}将坚持以习近平法治思想为指导,着力提高法治政府建设质效。", ""]
    return lines


def add_links(store_path: str, corpus: list, work: str) -> dict:
    """What a built corpus does not hold by itself, for the two named queries that read it: the
    task view's stored links (``fazhi-kg track --tasks --write``) for the area of the first
    report, and one filled ledger return (``fazhi-kg ledger export`` / ``import``) for the first
    plan, its first task with a lead unit reported done by that unit."""
    from pathlib import Path

    from openpyxl import load_workbook

    from kg.ledger.run import export, import_files
    from kg.reference.jurisdiction import by_code
    from kg.store import open_store
    from kg.views import taskgraph, taskview
    from kg.views.readmodel import load_graph_data
    from kg.views.track import area_scope

    out: dict = {}
    report = next((p for p in corpus if int(Path(p).name[:5]) % 5 == 4), None)
    plan = Path(corpus[0]).name
    with open_store(store_path) as st:
        if report is not None:
            area = by_code(Path(report).name.split("_")[1]).name
            year = int(Path(report).stem.rsplit("_", 1)[-1])
            data = load_graph_data(st, with_paragraphs=True, scope=area_scope(area))  # as `track --area` reads
            rows = taskview.task_view(data, area=area, year=year)
            out["task_links"] = sum(n for _, n in taskgraph.write(st, rows))
        ledger = Path(work) / "ledger.xlsx"
        export(st, plan, ledger)
        wb = load_workbook(ledger)
        ws = wb["全部任务"]
        head = {h: i for i, h in enumerate(next(ws.iter_rows(min_row=1, max_row=1, values_only=True)), start=1)}
        for r, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
            lead = row[head["牵头单位"] - 1]
            if lead:
                for key, value in (("进展情况", "已按计划完成"), ("完成状态", "已完成"),
                                   ("填报单位", str(lead).split("、")[0]), ("更新日期", "2024-12-20")):
                    ws.cell(row=r, column=head[key], value=value)
                break
        filled = Path(work) / "ledger-filled.xlsx"
        wb.save(filled)
        done = import_files(st, [filled])
        out["ledger_rows"] = sum(d.rows for d in done)
        out["ledger_rejected"] = [str(d.rejected) for d in done if d.rejected]
        if report is not None:
            out["year_links"] = _next_year(st, corpus, report, Path(work))
    return out


def _next_year(st, corpus: list, report, work) -> int:
    """The links across years (``diff --report --write``) for the plan the first report answers:
    its next year's plan is the same plan with the year moved on (so every task is carried over),
    built into the store beside it."""
    from pathlib import Path

    from kg.extract.pipeline import extract_path
    from kg.jobs.build import build
    from kg.rdf.mapping import document_iri
    from kg.views import years, yearsgraph

    at = [Path(p).name for p in corpus].index(Path(report).name)
    plan = Path(corpus[at - 1])
    year = int(plan.stem.rsplit("_", 1)[-1])
    later = work / plan.name.replace(f"_{year}", f"_{year + 1}")
    text = plan.read_text(encoding="utf-8")
    later.write_text(text.replace(f"{year}年", f"{year + 1}年").replace(f"〔{year}〕", f"〔{year + 1}〕"), encoding="utf-8")
    build([later], st)
    docs = [extract_path(x) for x in (plan, later, Path(report))]
    _, n = yearsgraph.write(st, years.across_years(*docs), *(document_iri(d) for d in docs))
    return n
