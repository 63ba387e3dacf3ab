"""What a report says was achieved: figures with their metric, the problems, next year's plans.

``出庭应诉率100%`` → (appearance_rate, 100, %); ``出庭率从29.4%升至91.11%`` → 91.11 with 29.4 before;
``报备率、及时率、规范率达100%`` → three achievements; ``受理行政复议案件99件`` → (review_cases, 99, 件).
Figures without a known metric are left out: a report is full of counts, and a wrong metric
would make plan-against-report comparisons lie.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.units import UnitResolver
from kg.model import Achievement, Extraction, OutlineNode

REPORT_GENRES = {"annual_report", "congress_report"}
_NUM = r"(?P<num>\d+(?:\.\d+)?)"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], dict[str, tuple[str, str]]]:
    from kg.reference import lexicon

    index = {alias: (m.key, m.label_zh) for alias, m in lexicon.metric_index().items()}
    rate = sorted((a for a, m in lexicon.metric_index().items() if m.default_unit in ("%", None)), key=len, reverse=True)
    count = sorted((a for a, m in lexicon.metric_index().items() if m.default_unit == "件"), key=len, reverse=True)
    rates = "|".join(map(re.escape, rate)) or "(?!)"
    counts = "|".join(map(re.escape, count)) or "(?!)"
    one = rf"[\u4e00-\u9fff]{{0,4}}?(?:{rates})"
    rate_re = re.compile(
        rf"(?P<metrics>{one}(?:[、和及与]{one})*)(?:均|分别|全部|已|逐步|继续|始终)?"
        rf"(?:从(?P<before>\d+(?:\.\d+)?)%(?:升|提高|提升|上升|增|增长|增加)?至)?"
        rf"(?:达到|达|为|超过|保持在|保持|提高到|提升至|升至|稳定在)?{_NUM}(?P<unit>%|‰)"
    )
    count_after = re.compile(rf"(?P<metric>{counts})(?:共计|共|累计|合计)?{_NUM}(?P<unit>件)")
    count_before = re.compile(rf"{_NUM}(?P<unit>件)(?:行政)?(?P<metric>{counts})")
    return rate_re, count_after, count_before, index


@lru_cache(maxsize=1)
def _rate_index() -> dict[str, tuple[str, str]]:
    """Aliases of rate metrics only: in "行政复议案件听证率达75%" the count alias 行政复议案件 is not a metric."""
    from kg.reference import lexicon

    return {alias: (m.key, m.label_zh) for alias, m in lexicon.metric_index().items() if m.default_unit in ("%", None)}


# 开展56场专题法律知识培训 → training sessions held
_SESSIONS = re.compile(r"(?P<num>\d+)(?P<unit>场|期)(?:次)?(?P<what>[\u4e00-\u9fff]{0,10}?(?:培训班|培训|讲座))")


def _metric_names(phrase: str, index: dict[str, tuple[str, str]]) -> list[str]:
    """The metric aliases a run like "报备率、及时率及规范率" names, left to right, longest first.

    Splitting on 及/和 would break 及时率, so the aliases themselves are matched instead."""
    found, pos = [], 0
    aliases = sorted(index, key=len, reverse=True)
    while pos < len(phrase):
        hit = next((a for a in aliases if phrase.startswith(a, pos)), None)
        if hit:
            found.append(hit)
            pos += len(hit)
        else:
            pos += 1
    return found


def find_achievements(text: str, offset: int = 0) -> list[Achievement]:
    rate_re, count_after, count_before, index = _patterns()
    rate_index = _rate_index()
    found: list[tuple[int, Achievement]] = []
    for m in rate_re.finditer(text):
        for part in _metric_names(m.group("metrics"), rate_index):
            metric = index[part]
            found.append((m.start(), Achievement(
                metric=metric[0], metric_label=metric[1], value=m.group("num"), before=m.group("before"),
                unit=m.group("unit"), text=m.group(0), start=offset + m.start(), end=offset + m.end())))
    for pattern in (count_after, count_before):
        for m in pattern.finditer(text):
            metric = index.get(m.group("metric"))
            if metric is None:
                continue
            found.append((m.start(), Achievement(
                metric=metric[0], metric_label=metric[1], value=m.group("num"), unit=m.group("unit"),
                text=m.group(0), start=offset + m.start(), end=offset + m.end())))
    for m in _SESSIONS.finditer(text):
        found.append((m.start(), Achievement(
            metric="training_sessions", metric_label=index.get("专题培训", ("training_sessions", "培训期数"))[1],
            value=m.group("num"), unit=m.group("unit"), text=m.group(0),
            start=offset + m.start(), end=offset + m.end())))
    found.sort(key=lambda f: (f[0], f[1].metric or ""))
    return [a for _, a in found]


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    a = max(text.rfind(c, 0, start) for c in "。;\n") + 1
    ends = [i for i in (text.find(c, end) for c in "。;\n") if i != -1]
    return a, (min(ends) if ends else len(text))


def _clause_start(text: str, start: int, floor: int) -> int:
    """Quote the clause a figure sits in: 5万家市场主体完成注册,注册率55.96% → from 注册率."""
    return max(floor, max(text.rfind(c, 0, start) for c in ",:") + 1)


def _dedupe(items: list[Achievement]) -> list[Achievement]:
    """One achievement per metric, value and wording: a report repeats its headline figures,
    and two aliases in one phrase (满意率和基本满意率) name one figure."""
    seen, out = set(), []
    for a in items:
        key = (a.metric, a.value, a.unit, a.text)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def _texts(nodes: list[OutlineNode], role: str) -> list[str]:
    """The paragraphs of the problems or plans: leaves, and the lead-in of a block before its 一是."""
    out = []
    for root in nodes:
        for node in root.walk():
            if node.role != role:
                continue
            if not node.children:
                out.append(node.text)
            elif node.kind == "block":
                lead_in = node.text[: node.children[0].start - node.start].strip()
                if lead_in:
                    out.append(lead_in)
    return out


@lru_cache(maxsize=1)
def _unit_mention() -> re.Pattern[str]:
    """A unit named in running text: an optional level prefix and a lexicon name or alias."""
    from kg.reference import lexicon

    names = sorted(lexicon.alias_index(), key=len, reverse=True)
    return re.compile(r"(?<![全本各该])(?:省|市|区|县)?委?(?:" + "|".join(map(re.escape, names)) + ")")


def find_actors(text: str, offset: int, resolver) -> list:
    """Units a report names as doing something: 区市场监管局、区公安分局、区金融监管局联合开展…"""
    out = []
    for m in _unit_mention().finditer(text):
        if m.group(0)[:1] not in "省市区县" and len(m.group(0)) < 3:
            continue  # a bare short alias (法院, 政府办) in running text is too often not a unit
        unit = resolver.resolve(m.group(0))
        unit.start, unit.end = offset + m.start(), offset + m.end()
        out.append(unit)
    return out


def extract_report(result: Extraction) -> None:
    """Fill achievements, problems and plans of a report (nothing for a plan)."""
    meta = result.document
    if meta.genre not in REPORT_GENRES:
        return
    period = str(meta.year) if meta.year else (f"{meta.period[0]}/{meta.period[1]}" if meta.period else None)
    area = meta.jurisdiction.key if meta.jurisdiction else None

    resolver = UnitResolver(meta)
    for root in result.outline:
        for node in root.walk():
            if node.role is not None or node.kind == "block":
                continue
            text = result.text[node.start: node.end]
            actors = find_actors(text, node.start, resolver)
            result.actors.extend(actors)
            for a in find_achievements(text, node.start):
                a.period, a.area, a.path = period, area, node.path
                sentence = _sentence_bounds(result.text, a.start, a.end)
                a.actors = [u for u in actors if sentence[0] <= u.start < sentence[1]]
                result.achievements.append(a)
    result.achievements = _dedupe(result.achievements)
    for a in result.achievements:  # quote the whole clause, now that repeats are gone
        floor = _sentence_bounds(result.text, a.start, a.end)[0]
        a.start = _clause_start(result.text, a.start, floor)
        a.text = result.text[a.start: a.end]
    result.problems = _texts(result.outline, "problems")
    result.plans = _texts(result.outline, "plans")
