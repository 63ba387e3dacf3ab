"""What a report says was achieved: every figure it states, the problems, next year's plans.

Every quantity of the report's body is a figure (:mod:`kg.extract.quantities` says what is one):
``办理法律援助案件1234件`` → (1234, 件), ``2.3万人次`` → (23000, 人次), ``败诉率为0`` → (0, %), with the
phrase saying what was counted kept as written (``label``).  Where the phrase names a metric of
``ontology/metrics.ttl`` in a form known to be that metric, the figure carries it:
``出庭应诉率100%`` → appearance_rate; ``出庭率从29.4%升至91.11%`` → 91.11 with 29.4 before;
``报备率、及时率、规范率达100%`` → one figure per metric; ``受理行政复议案件99件`` → review_cases.
Other figures keep no metric rather than a guessed one: a wrong metric would make
plan-against-report comparisons lie.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from kg.extract.units import UnitResolver
from kg.extract.quantities import Clauses, quantities
from kg.extract.figure_merge import dedupe, dedupe_plain, merge_figures
from kg.extract.figure_metric import label_metric
from kg.extract.rules import confidence
from kg.extract.reportbody import find_actors, report_body, texts_of
from kg.extract.statgrid import table_figures
from kg.extract.valuerows import template_figures
from kg.ingest.statheads import MEASURE_OF_COUNT
from kg.model import Achievement, Extraction
from kg.vocab import REPORT_GENRES

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
        rf"(?P<metrics>{one}(?:[、和及与]{one}){{0,8}})(?:均|分别|全部|已|逐步|继续|始终)?"
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


_NEXT_RATE = re.compile(r"\s*[、和及与]\s*(?P<num>\d+(?:\.\d+)?)\s*%")
_EACH = re.compile(r"率\s*(?:均|都)")


def _items_before(text: str, start: int) -> list[str]:
    """The counts the clause right before a rate lists with 、 (建议52件、提案61件), none if it lists
    fewer than two or does not stand right before the rate's clause."""
    from kg.extract.quantities import quantities

    if text[max(0, start - 1): start] not in (",", "，"):
        return []
    cut = max(text.rfind(c, 0, start - 1) for c in ",，;。\n") + 1
    clause = text[cut: start - 1]
    counts = [q for q in quantities(clause) if q.unit and q.unit != "%"]
    items = [x for x in clause.split("、") if x.strip()]
    return items if len(counts) >= 2 and len(items) == len(counts) else []


def find_achievements(text: str, offset: int = 0) -> list[Achievement]:
    rate_re, count_after, count_before, index = _patterns()
    rate_index = _rate_index()
    found: list[tuple[int, Achievement]] = []
    for m in rate_re.finditer(text):
        parts = _metric_names(m.group("metrics"), rate_index)
        values = [(m.group("num"), m.end())]
        if len(parts) > 1 and "分别" in m.group(0):  # 办结率、满意率分别为98%、96%: one value each, in turn
            pos = m.end()
            while len(values) < len(parts):
                more = _NEXT_RATE.match(text, pos)
                if not more:
                    break
                values.append((more["num"], more.end()))
                pos = more.end()
            parts = parts[: len(values)]
        items = []
        if len(parts) == 1 and _EACH.search(m.group(0)):
            # 办理代表建议52件、政协提案61件,办复率均为100%: the rate of each item counted before it
            items = _items_before(text, m.start())
            parts = parts * max(1, len(items))
        for k, part in enumerate(parts):
            metric = index[part]
            value, end = values[k] if k < len(values) else values[0]
            said = text[m.start(): end]
            found.append((m.start(), Achievement(
                metric=metric[0], metric_label=metric[1], value=value, before=m.group("before"),
                unit=m.group("unit"), text=f"{items[k]}:{said}" if items else said,
                start=offset + m.start(), end=offset + end)))
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


_CHANGE_VERB = r"(?:升|提高|提升|提速|上升|增|增长|增加|下降|降|降低|减|减少|压减|缩减|精简|缩短|压缩|加快|延长|优化)"
# between an old value and its new one: 升至, 缩短到并联办理审批时间, 缩短为 (为 only after a verb of change)
_FROM_TO = re.compile(rf"^,?(?:{_CHANGE_VERB}?(?:至|到)|{_CHANGE_VERB}为)[^,。;\d]{{0,12}}$")
# counts that are not work done: the report's own parts (本报告由…共7个部分组成), the field a ranking
# was among (在330多个地级城市中第10次位列第一)
_NOT_DONE = re.compile(r"部分|章节")
_RATIO = re.compile(r"[::]\d")
_ABOUT_ITSELF = re.compile(r"本报告|本年度报告|报告由|报告共|全文|本文")
_POSTED = re.compile(r"公示(?:时间|期限|期)[::为]")  # 公示时间:…至…,共7天: how long the page is up
_FIELD = re.compile(r"在(?:全[省市国区州县盟])?(?:参评的?)?$")
_FIELD_END = re.compile(r"[\u4e00-\u9fff()()]{0,12}?中[^,。;]{0,8}?(?:排名|位列|排第|名列|居第|位居)")
# what opens a before → after pair: 从29.4%…, 由2022年的85%…, 从上年的…
_FROM = re.compile(r"[从由](?:(?:19|20)\d{2}年(?:底|末|度)?|上年|去年|年初|上年同期|同期|原来|原|以前)?(?:的)?[^,。;、\d从由]{0,12}$")
_RATE_BEFORE = re.compile(r"率(?:为|达|是|达到|保持)?$")
_LABEL_TRIM = " ,;:、“”\"(共累计合计全年其中分别均达到为"


# a table's row label that names its measure (讲座次数, 咨询服务人次, 竞赛人数): the unit of a bare number in the next cell
_MEASURE_OF_LABEL = {**MEASURE_OF_COUNT, "率": "%"}
_LABEL_MEASURE = re.compile(rf"(?P<m>{'|'.join(_MEASURE_OF_LABEL)})[ ]*[|\n][ ]*$")


def _unit_from_row_label(text: str, start: int, end: int) -> str | None:
    """The unit of a bare number that fills a table cell, from the row label just before it."""
    if not re.match(r"[ ]*(?:[|\n]|$)", text[end: end + 3]):  # (a cell of a row, or a cell printed on a line of its own)
        return None
    m = _LABEL_MEASURE.search(text, max(0, start - 16), start)
    return _MEASURE_OF_LABEL[m["m"]] if m else None


def find_figures(text: str, offset: int, written) -> list[Achievement]:
    """Every figure of a report's paragraph (no metric: :func:`find_achievements` gives those)."""
    qs = quantities(text)
    clauses = Clauses(text)
    stops = [m.start() for m in _STOP.finditer(text)]  # (where each sentence ends, found once)
    out: list[Achievement] = []
    skip = set()
    for i, q in enumerate(qs):
        if i in skip:
            continue
        unit = q.unit
        if unit is None and _RATE_BEFORE.search(text[max(0, q.start - 4): q.start]):
            unit = "%"  # 败诉率为0
        if unit is None:
            unit = _unit_from_row_label(text, q.start, q.end)  # 开展普法讲座次数 | 28 |
        if unit is None and _RATIO.match(text, q.end) and "比" in text[max(0, q.start - 6): q.start]:
            ratio = True  # 复议诉讼比达3.78:1: a ratio, its value with no measure word
            if i + 1 < len(qs) and qs[i + 1].start <= q.end + 2:
                skip.add(i + 1)  # the 1 of 3.78:1
        else:
            ratio = False
        sentence = stops[bisect.bisect_left(stops, q.start) - 1] + 1 if stops and stops[0] < q.start else 0
        if _COMPARED.search(text, max(0, q.start - 16), q.start) and text[q.unit_end: q.unit_end + 1] != "、":
            earlier = next((f for f in reversed(out[-8:]) if f.unit == (q.unit or unit) and f.start >= offset + sentence), None)
            if earlier is not None:  # 收到申请1113件,较2022年558件: the value it is compared with
                if earlier.before is None:
                    earlier.before = q.value
                continue
        if _PLANNED.search(text, max(sentence, q.start - 200), q.start):
            continue  # (《政府工作报告》确定实施…新增城镇就业32万人…10件为民实事: what was set, not what was done)
        counted = unit is None and _bare_count(text, q)
        if unit is None and not ratio and not counted \
                or _NOT_DONE.match(text, q.unit_end) and _ABOUT_ITSELF.search(text, max(0, q.start - 30), q.start) \
                or _FIELD.search(text, max(0, q.start - 6), q.start) and _FIELD_END.match(text, q.unit_end) \
                or _POSTED.search(text, sentence, q.start):
            continue  # 本报告…共7个部分; 在330多个城市中(排名): the report's parts, the field of a ranking
        before, first = None, q
        if i + 1 < len(qs) and qs[i + 1].unit == q.unit and _FROM.search(text[max(0, q.start - 24): q.start]) \
                and _FROM_TO.match(text[q.end: qs[i + 1].start]):
            before, q = q.value, qs[i + 1]  # 从29.4%升至91.11%
            skip.add(i + 1)
        elif i + 1 < len(qs) and qs[i + 1].unit == q.unit and (
                _REWORKED.match(text[q.end: qs[i + 1].start])
                or _FORMERLY.search(text[clauses.around(q.start, q.end)[0]: q.start])
                and _ADJUSTED.match(text[q.end: qs[i + 1].start])):
            before, q = q.value, qs[i + 1]  # 将原其他权力事项7项,调整为5项; 40项具体措施细化为78项
            skip.add(i + 1)
        a, b = clauses.around(q.start, q.end)
        if before is not None:  # what changed is named before its old value (in its clause or the one before)
            fa = a if a <= first.start else clauses.around(first.start, first.end)[0]
            opener = _FROM.search(text[max(fa, first.start - 24): first.start])
            cut = first.start - len(opener.group(0)) if opener else first.start
            label = text[fa:cut].strip(_LABEL_TRIM)[-16:] or _label(text, a, b, q)
        else:
            label = _label(text, a, b, q)
        label = _ITEM_LABEL.sub("", label) or label  # (二)评查行政执法案卷86卷: the outline's label is no part of it
        shown_unit = written(offset + q.unit_start, offset + q.unit_end) if q.unit else unit
        if shown_unit and "(" in shown_unit:
            shown_unit = q.unit  # 人(次) → 人次
        rates = _RATE_RUN.search(text[max(a, q.start - 80): q.start]) if unit == "%" else None
        names = _RATE_WORD.findall(rates.group("run")) if rates else _shared_rate(text[max(a, q.start - 80): q.start]) \
            if unit == "%" else []
        if rates and "分别" in rates.group(0):
            names = names[:1]  # 办结率、满意率分别为98%、96%: one rate per value, in turn
        elif unit == "%" and not names and a >= 2 and _EACH_RATE.match(text[a: q.start]):
            # 办理代表建议52件、政协提案61件,办复率均为100%: the rate of each item counted before it
            p_start = clauses.around(a - 2, a - 1)[0]
            items = sum(1 for x in qs if p_start <= x.start < a - 1 and x.unit and x.unit != "%")
            if items >= 2 and "、" in text[p_start: a - 1]:
                names = [label] * items
        for name in (names or [label]):
            out.append(Achievement(metric=label_metric(name, unit), value=q.value, unit=shown_unit or unit,
                                   text=text[a:b].strip(), metric_label=name or None, before=before,
                                   start=offset + q.start, end=offset + q.end))
    return out


_STOP = re.compile("。")
_SHARE_AFTER = re.compile(r"[,,]占(?!用|地|有)")
# the value a figure is compared with: 1113件,较2022年558件 / 较2020年该类案件量20件
_COMPARED = re.compile(r"较(?:(?:19|20)\d{2}年(?:度|同期)?|去年|上年|上年度|同期|上年同期)?的?(?:该类|同类)?(?:[\u4e00-\u9fff]{1,4}[量数])?$")
# a sentence that tells what a plan set out to do (确定实施…, 确定了…): its counts are that plan's targets
_PLANNED = re.compile(r"确定实施|确定了|部署实施")
# a clause that opens with one rate said of each item before it: ,办复率均为100%
_EACH_RATE = re.compile(r"^\s*[\u4e00-\u9fff]{1,8}率\s*(?:均|都)\s*(?:为|达|达到|是)?\s*$")
# before → after written as 原…7项,调整为5项 / 原有12个,精简至8个
_FORMERLY = re.compile(r"原")
# a verb that reworks a count into another, right between them: 40项具体措施细化为78项
_REWORKED = re.compile(r"^[\u4e00-\u9fff]{0,8}?(?:细化|调整|精简|压减|缩减|归并|合并|整合|拆分)(?:为|至|到)$")
_ADJUSTED = re.compile(r"^[,，]?(?:调整|减少|压减|缩减|精简|压缩|降低|下降|降|提高|提升|增加|增长|增|升|合并)?(?:为|至|到)各?$")
# rates of a list sharing one rate word: 应知应会法律法规集中考试、领导干部任前考法合格率均达100%
_SHARED_RATE = re.compile(r"(?P<run>[\u4e00-\u9fff、]{3,60}?)(?P<rate>[\u4e00-\u9fff]{1,2}率)(?:均|分别|全部|都)(?:达到|达|为|是|保持在)?$")


def _shared_rate(before: str) -> list[str]:
    """The rates ``A、B…X率均达`` names, each item completed with the shared rate word."""
    m = _SHARED_RATE.search(before)
    if not m:
        return []
    items = [x for x in m["run"].split("、") if x]
    if len(items) < 2:
        return []
    rate = m["rate"]
    return [x if x.endswith("率") else x + rate for x in items[:-1]] + [items[-1] + rate]


# a verb that a count follows: 开展8次中心组专题学习 counts what comes after the measure word
_COUNT_VERB = re.compile(r"(?:开展|举办|召开|组织|听取|举行|参加|通过|完成|进行|累计|共)$")
_AFTER = re.compile(r"[\u4e00-\u9fff“”]{2,16}")


def _label(text: str, a: int, b: int, q) -> str:
    """What a figure counts, as written: the phrase before the number (办理法律援助案件1234件), or the
    one after its measure word where the number follows a verb or a list comma (开展8次中心组专题学习、
    1期读书班)."""
    before = text[a: q.start]
    listed = max((m.end() for m in _LISTED.finditer(before)), default=0)
    before = before[listed:]  # (其中维持38件、撤销5件: what this count counts starts after the count listed before it)
    if _SHARE.fullmatch(before.strip(_LABEL_TRIM)) and a >= 2:  # 投诉举报类296件,占比27%: the share of what the clause before counts
        prev = text[max(text.rfind("\n", max(0, a - 60), a - 1) + 1, a - 60): a - 1]  # (a bounded look back)
        whole = re.split(r"[,;。、]", prev)[-1]
        return (re.sub(r"[\d.]+[^\d]{0,3}$", "", whole).strip(_LABEL_TRIM)[-12:] + before.strip(_LABEL_TRIM))
    after = _AFTER.match(text, q.end, b)
    if after and (_COUNT_VERB.search(before.rstrip()) or before.rstrip().endswith("、") or not before.strip(_LABEL_TRIM)):
        return after.group(0).strip(_LABEL_TRIM)
    return before.strip(_LABEL_TRIM)[-16:] or text[q.end: b].strip(_LABEL_TRIM)[:16]


def _bare_count(text: str, q) -> bool:
    """A count without its measure word that still says what it counts: its share after it (行政处罚2100,占收到
    申请总数的33.9%), its own words naming a count (订阅数已超过500), or the short statistics line it closes, a
    template that lost its measure words ((一)行政执法人员在岗实有32)."""
    if not "\u4e00" <= text[q.start - 1: q.start] <= "\u9fff":
        return False
    if _SHARE_AFTER.match(text, q.end) or _COUNT_NAMED.search(text, max(0, q.start - 8), q.start):
        return True
    line = text.rfind("\n", max(0, q.start - 60), q.start) + 1  # (a bounded look back: a long line is no such line)
    return (line > 0 or q.start <= 60) and bool(_ENDS_LINE.match(text, q.end) and _COUNT_LINE.fullmatch(text, line, q.start))


_LISTED = re.compile(r"\d(?:\.\d+)?[\u4e00-\u9fff]{1,3}、")
_ITEM_LABEL = re.compile(r"^\s*(?:[((]?[一二三四五六七八九十\d]{1,3}[))]|[一二三四五六七八九十\d]{1,3}[、.](?!\d))")
# 订阅数已超过500, 参训人数为120: a count its own words name, with no measure word after it
_COUNT_NAMED = re.compile(r"(?<=[\u4e00-\u9fff])(?:数|数量|总数|总量)(?:已|共|累计)?(?:超过|达到|达|为|是|突破)?$")
_ENDS_LINE = re.compile(r"[ \t]*[。;;]?[ \t]*(?:\n|$)")
_COUNT_LINE = re.compile(r"[ \t]*(?:[((][一二三四五六七八九十\d]{1,3}[))]|\d{1,2}[、.])?[ \t]*(?:(?:19|20)\d{2}年?度?)?"
                         r"(?:[\u4e00-\u9fff]|\([^()\n]{1,12}\)){3,30}?(?:为|有|是|达)?")
_SHARE = re.compile(r"占比|比例|比重|占[\u4e00-\u9fff]{0,8}的?")
# 参考率、合格率均达到100%: one figure per rate the run names
_RATE_WORD = re.compile(r"[\u4e00-\u9fff]{1,8}?率")
_RATE_RUN = re.compile(r"(?P<run>[\u4e00-\u9fff]{1,8}?率(?:[、和及与][\u4e00-\u9fff]{1,8}?率){1,8})(?:均|分别|全部|都)?"
                       r"(?:达到|达|为|是|保持在)?(?:双|两个|三个|四个)?$")  # (…持证上岗率、年度培训覆盖率双100%)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    a = max(text.rfind(c, 0, start) for c in "。;\n") + 1
    ends = [i for i in (text.find(c, end) for c in "。;\n") if i != -1]
    return a, (min(ends) if ends else len(text))


def _clause_start(text: str, start: int, floor: int) -> int:
    """Quote the clause a figure sits in: 5万家市场主体完成注册,注册率55.96% → from 注册率."""
    return max(floor, max(text.rfind(c, 0, start) for c in ",:") + 1)


def _within(pos: int | None, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether pos lies in one of the spans (in order, apart; ``starts`` their starts): found by bisection,
    as a report may hold many figures beside a long table."""
    i = bisect.bisect_right(starts, pos) - 1 if pos is not None else -1
    return i >= 0 and pos < spans[i][1]


# (the title as the document writes it: Traditional script too)
_PROGRESS_TITLE = re.compile(r"(?:推[进進]|[进進]展|完成|落[实實]|[执執]行)情[况況]")


def _past_restated(figures: list[Achievement], text: str, start: int) -> list[Achievement]:
    """The figures after an item's first sentence, where it has any there (its first restates the task)."""
    cut = start + text.find("。") + 1
    later = [a for a in figures if a.start >= cut]
    return later if later and cut > start else figures


def extract_report(result: Extraction) -> None:
    """Fill achievements, problems and plans of a report (nothing for a plan)."""
    meta = result.document
    if meta.genre not in REPORT_GENRES and (meta.genre is not None or result.tasks):
        return  # (a page of no known kind that gave no task: its figures are shown, not dropped)
    period = str(meta.year) if meta.year else (f"{meta.period[0]}/{meta.period[1]}" if meta.period else None)
    area = meta.jurisdiction.key if meta.jurisdiction else None

    resolver = UnitResolver(meta)
    named: list[Achievement] = []
    plain: list[Achievement] = []
    # a statistics table's cells: its figures, read by column (a sentence finder would take them without
    # knowing which are targets)
    templated, template_rows, read = template_figures(result.text, result.written)  # (rows whose header is lost)
    tabled, rows = table_figures(result.text, 0, result.written, find_figures, read)
    tabled += templated
    rows = sorted(rows + template_rows)
    row_starts = [a for a, _ in rows]
    # a progress report that restates each task before saying how far it got (1 地区生产总值增长6%以上。
    # 区发展改革委 地区生产总值同比增长2.9%。): the figures of the task's own sentence are its target
    restated = bool(meta.title and _PROGRESS_TITLE.search(meta.title))
    for node, start, end in report_body(result):
        text = result.text[start:end]
        # the units a report names as acting: from its numbered body (a page's head names others)
        actors = find_actors(text, start, resolver) if node.role is None else []
        result.actors.extend(actors)
        found = find_achievements(text, start)
        figures = find_figures(text, start, result.written)
        if restated and node.number is not None and node.kind in ("item", "section"):
            found, figures = _past_restated(found, text, start), _past_restated(figures, text, start)
        for a in found + figures:
            a.period, a.area, a.path = period, area, node.path
            sentence = _sentence_bounds(result.text, a.start, a.end)
            a.actors = [u for u in actors if sentence[0] <= u.start < sentence[1]]
        named += [a for a in found if not _within(a.start, rows, row_starts)]
        plain += [a for a in figures if not _within(a.start, rows, row_starts)]
    nodes = [n for root in result.outline for n in root.walk()]  # (in the order they start)
    starts = [n.start for n in nodes]
    for a in tabled:  # its outline path: the innermost part the table stands in, as a sentence's figure has
        i = bisect.bisect_right(starts, a.start) - 1
        while i >= 0 and not nodes[i].start <= a.start < nodes[i].end:
            i -= 1
        a.period, a.area, a.path = period, area, nodes[i].path if i >= 0 else None
    plain += tabled
    named = dedupe(named, result.text)
    for a in named:  # quote the whole clause, now that repeats are gone
        floor = _sentence_bounds(result.text, a.start, a.end)[0]
        a.start = _clause_start(result.text, a.start, floor)
        a.text = result.text[a.start: a.end]
    result.achievements = merge_figures(named, dedupe_plain(plain, result.text))
    from_label = {id(a) for a in plain}
    from_table = {id(a) for a in tabled}
    for a in result.achievements:
        if id(a) in from_table:
            a.rule = "figure.table"
        elif a.metric and id(a) in from_label:
            a.rule = "figure.label"
        else:
            a.rule = "figure.metric" if a.metric else "figure.change" if a.before else "figure.plain"
        a.confidence = confidence(a.rule)
    result.problems = texts_of(result.outline, "problems")
    result.plans = texts_of(result.outline, "plans")
