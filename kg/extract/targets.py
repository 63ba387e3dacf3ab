"""Quantitative and qualitative targets (deadlines and the plan's horizon: kg.extract.deadlines).

A target is a metric, a comparator, a decimal value and a unit, with the clause it came from:
``听证率不低于70%`` → (hearing_rate, >=, 70, %).  The metric is looked up in the clause before the
comparator (``败诉率不超过8%``) or, failing that, after the number (``举办2期以上法治专题讲座``);
a clause with a second bound and no metric of its own (``…不少于3人``) shares the previous one.
"""

from __future__ import annotations

import re
from itertools import chain
from bisect import bisect_left
from functools import lru_cache

from kg.extract.rules import confidence
from kg.ingest.patterns import TIME_LABELS
from kg.model import Target
from kg.numerals import cn_decimal
from kg.vocab import PROGRESS_WORDS

_GE = "不低于|不少于|不得少于|不得低于|不应少于|不应低于|不能少于|不能低于|至少|不小于"
_LE = "不超过|不高于|不得超过|不得高于|不能超过|不能高于|不多于|控制在|不大于|不超"  # (不超38个工作日: 不超 alone)
_COMPARATOR = rf"(?P<cmp>{_GE}|{_LE}|达到|达|超过|高于|低于|少于|保持在|保持|实现|为)"
_NUMBER = r"(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十]{1,3})"
_UNIT = r"(?P<unit>%|‰|个百分点|个工作日|工作日|学时|课时|小时|日|天|次|期|人次|人|名|件|个|家|项|场|篇|条)"
_SUFFIX = r"(?P<suffix>及以上|以上|以下|以内|左右)?"
# 不低于70%   达95%以上   不得少于本单位执法人员总数的5%   至少举办1期   2名以上
QUANTITY = re.compile(
    rf"(?:{_COMPARATOR}(?P<scope>[^,;。:\d%]{{0,14}}?的)?(?:[^\d,;。]{{0,6}}?))?{_NUMBER}\s*{_UNIT}{_SUFFIX}"
)
_RECURRENCE = re.compile(r"每人每年|每年度|每年|每季度|每月|每半年|任期内|全年|年度|年均|每届")
QUALITATIVE = re.compile(r"[\"“]?双下降[\"”]?|(?<!健)全覆盖|零容忍|[\"“]零[\"”]|应审必审|有件必备|有备必审|有错必纠")
_CLAUSE_BREAK = re.compile(r"[,;。:!?]")
_UNIT_CANON = {"名": "人", "天": "日"}  # the seeds' convention: 2名以上 counts 人


@lru_cache(maxsize=1)
def _metric_aliases() -> list[tuple[str, str, str, str | None]]:
    """(alias, metric key, Chinese label, default unit), longest alias first."""
    from kg.reference import lexicon

    out = []
    for alias, metric in lexicon.metric_index().items():
        out.append((alias, metric.key, metric.label_zh, metric.default_unit))
    out.sort(key=lambda a: (-len(a[0]), a[0]))
    return out


_UNIT_FAMILY = {"%": "%", "‰": "%", "个百分点": "%", "日": "日", "工作日": "日", "学时": "学时", "课时": "学时",
                "小时": "学时", "个小时": "学时", "次": "次", "场": "次", "期": "期", "人": "人", "人次": "人", "件": "件"}


def _compatible(metric_unit: str | None, unit: str | None) -> bool:
    if metric_unit is None or unit is None:
        return True
    return _UNIT_FAMILY.get(metric_unit, metric_unit) == _UNIT_FAMILY.get(unit, unit) or \
        {metric_unit, unit} <= {"次", "期"}


# a run of rates sharing the value after it: 报备率、报备及时率、规范率均达 (均/都: each of them)
_RATE_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}?率")
_EACH_RATES = re.compile(r"(?P<run>[\u4e00-\u9fff]{1,8}?率(?:[、和及与][\u4e00-\u9fff“”]{1,10}?率){1,6})分别"
                         r"(?:要|应)?(?:达到|达|为|保持在|保持|不低于|提高到|提升至|提高至)?")
_SHARED_RATES = re.compile(r"(?P<run>[\u4e00-\u9fff]{1,8}?率(?:[、和及与][\u4e00-\u9fff]{1,8}?率){1,6})(?:均|都)"
                           r"(?:要|应|须|必须)?(?:达到|达|为|保持在|保持|不低于|不少于|实现)?$")


# a heading's bracket that counts what its part holds: (项目6个,其中基建工程类5个、“小而美”事项类1个)
_OWN_PARTS = re.compile(r"[((](?:共|含)?(?:项目|項目|任务|任務|事项|事項)\d{1,4}[个個项項件][^()()\n]{0,60}[))]"
                        r"|[一二三四五六七八九十]{1,3}、[\u4e00-\u9fff]{2,16}[((]\d{1,3}[项項个個件][))]")  # (一、就业促进(3项): a group's items)


_LABEL_AT = re.compile(r"(?:\d{1,3}[.、](?!\d)|\(\d{1,3}\)|[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\))\s*")


def find_metric(text: str, *, last: bool = True, unit: str | None = None) -> tuple[str, str, int] | None:
    """The metric named in ``text`` whose unit fits: (key, label, position); the nearest to the number."""
    best: tuple[str, str, int] | None = None
    for alias, key, label, default_unit in _metric_aliases():
        if not _compatible(default_unit, unit):
            continue
        pos = text.rfind(alias) if last else text.find(alias)
        if pos == -1:
            continue
        where = pos + len(alias) if last else pos
        if best is None or (last and where > best[2]) or (not last and where < best[2]):
            best = (key, label, where)
    return best


# A unit that names its metric by itself: 每人每年不少于60学时的培训
_METRIC_BY_UNIT = {"学时": "training_hours", "课时": "training_hours"}


def _op(cmp: str | None, suffix: str | None) -> str | None:
    if cmp and re.fullmatch(_GE, cmp):
        return ">="
    if cmp and re.fullmatch(_LE, cmp):
        return "<="
    if suffix in ("以上", "及以上"):
        return ">="
    if suffix in ("以下", "以内"):
        return "<="
    if cmp in ("超过", "高于"):
        return ">"
    if cmp in ("低于", "少于"):
        return "<"
    if cmp in ("达到", "达", "为", "保持在", "保持", "实现"):
        return "="
    return None


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    a = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    m = _CLAUSE_BREAK.search(text, end)
    return a, (m.start() if m else len(text))


def _value(num: str) -> str | None:
    if num.isdigit() or re.fullmatch(r"\d+\.\d+", num):
        return num
    from kg.numerals import cn_number

    n = cn_number(num.replace("两", "二"))
    return str(n) if n is not None else None


_COMPARATORS = re.compile(
    rf"(?P<ge>{_GE}|≥|≧|>=)|(?P<le>{_LE}|压缩至|压减至|降至|减至|缩短至|缩短到|压缩到|降低到|下降到|≤|≦|<="
    r"|(?:压缩|压减|缩短)[^,。;:\d]{1,10}?(?:至|到)|当天或)|(?P<gt>超过|高于|多于|大于|突破|超|>)"
    r"|(?P<lt>低于|少于|小于|<)")
# a count that states no goal: the actors or the lists a task names (8个重点行业主管部门, 100项工作指标)
_PACKAGE_AFTER = re.compile(r"[\u4e00-\u9fff]{0,10}?(?:举措|措施|政策|意见|规定)")
_CARRY_OUT = re.compile(r"落实|贯彻|执行|实施")
_NOT_A_GOAL_AFTER = re.compile(r"^(?:[\u4e00-\u9fff]{0,4}?(?:重点行业主管部门|主管部门|方面|领域|环节|制度|指标|清单)|均|都|制|(?:目标|任务|指标)的?(?:责任|牵头)单位)")
_ALREADY = re.compile(r"已(?:由|经|完成|建成|达到|实现|有|于)")
_AFTER_TIME_LABEL = re.compile(rf"(?:{'|'.join(TIME_LABELS)})\s*[::]\s*$")
_CAPPED_CELL = re.compile(r"控制在[^|。]{0,12}(?:以内|之内|内)[ \t]*$")
# 控制在7.0以下, 下降到1.0以下: a rate per 万车 or 百万吨 held under a bare value (its measure is in its name)
_HELD_UNDER = re.compile(r"(?:控制在|下降到|下降至|降至|降到|降低到|降低至)$")
# 10万人口死亡率, 从业人员10万人安全生产事故死亡率: the people a rate is counted per, no goal
_PER_CAPITA = re.compile(r"口?[\u4e00-\u9fff]{0,8}?率")
_BROUGHT_TO = re.compile(r"(?:实现|压减至|压缩至|减少至|减少到|减至|精简至|压减到|压缩到)$")
# a range: 前进1—2个名次, 3至5天 — one target, at least its lower end
_RANGE = re.compile(r"^[—–\-~至到]$")
_LIST_JOINS = ("、", "和")  # (what stands between two values of one list: 24%、25%, 53和32)


def _comparator(window: str) -> str | None:
    """The comparator of a number, from the words before it: right before it (不低于70%), or a few
    words before with a verb or a scope between (至少举办1期, 不得少于本单位执法人员总数的5%)."""
    last = max(_COMPARATORS.finditer(window), key=lambda m: m.start(), default=None)  # (the last before the number)
    if last is None:
        return None
    gap = window[last.end():]
    if len(gap) > 6 and not (gap.endswith("的") and len(gap) <= 16):
        return None
    return ">=" if last["ge"] else "<=" if last["le"] else ">" if last["gt"] else "<"


_CN_COUNT_TARGET = re.compile(rf"(?P<cmp>{_GE}|{_LE})[^,;。\d]{{0,6}}?(?P<num>[一二两三四五六七八九十]{{1,3}})"
                              r"(?P<unit>次|期|场|名|人|个|项|件|天|日|学时|课时|小时|个工作日)")
# 不低于百分之九十五, 达到百分之百: a share written in Chinese numerals
_CN_PERCENT = re.compile(r"百分之(?P<num>百|[零〇一二两三四五六七八九十百]{1,5}(?:点[零〇一二三四五六七八九]{1,3})?)"
                         r"(?P<bound>及以上|以上|以下|以内|左右)?")
_SYMBOLS = {">=": ">=", "≥": ">=", "<=": "<=", "≤": "<=", "=": "=", ">": ">", "<": "<", "控制在": "<="}
# an index, which has no measure: 居民消费价格指数控制在103左右 (its bound, read with the symbols' loop)
_INDEX_TARGET = re.compile(r"(?<=指数)(?:涨幅)?(?P<sym>控制在)(?P<num>\d{2,3}(?:\.\d{1,2})?)(?P<unit>)(?:以内|左右|以下)?(?![\d.%‰])")
_FORM_TARGET = re.compile(r"\((?:≥|≤|>=|<=)\*{0,3}(?P<blank>%|[\u4e00-\u9fff]{1,3}(?:/[\u4e00-\u9fff]{1,2})?)\)\s*(?P<sym>>=|<=|≥|≤)\s*"
                          r"(?P<num>\d+(?:\.\d+)?)(?P<unit>%|[\u4e00-\u9fff]{1,2}(?=[,;。]|$))?")
_SYMBOL_TARGET = re.compile(r"(?:^|(?<=[|\s]))(?P<sym>>=|<=|≥|≤|=|>|<)\s*(?P<num>\d+(?:\.\d+)?)(?![\d.])(?P<unit>%|‰)?(?=\s*(?:\||$))",
                            re.M)


def _scope(window: str) -> str | None:
    """What a bound is a share of: 不得少于本单位执法人员总数的5% → 本单位执法人员总数."""
    last = max(_COMPARATORS.finditer(window), key=lambda m: m.start(), default=None)  # (the last before the number)
    gap = window[last.end():] if last else ""
    return gap[:-1] if gap.endswith("的") and 1 < len(gap) <= 16 else None


# where a change starts from: 由20个工作日…, 由企业及职工缴纳失业保险费的50%… (up to the number, within its clause)
_FROM = re.compile(r"[由从](?:[^,;。:\d]{0,24}的)?$")
# between a count as it is and the count to reach: 由20个工作日 | 压减至 | 5个工作日
_CHANGE_TO = re.compile(r"^(?:已|将|再|进一步)?(?:压减|压缩|缩减|缩短|减少|降低|下降|降|提高|提升|增加|增长|增|升|上升|扩大)?(?:至|到|为)$")


def _bound_op(bound: str | None) -> str | None:
    # 3个工作日内办结: within, as 以内
    return {"以上": ">=", "及以上": ">=", "以下": "<=", "以内": "<=", "以內": "<=", "之内": "<=", "内": "<=",
            "左右": "="}.get(bound or "")


_QUALIFIES = re.compile(r"(?:\(含\))?(?:及以上|以上|以下|以内)?(?P<apart>\((?:不)?含[^()]{0,8}\))?的(?:企业|单位|家庭|个人|人员|项目|学校|机构|群体|土地)"
                        r"|\)的(?:企业|单位|家庭|个人|人员|项目|学校|机构|群体|土地)"  # (…以下(不含6亩)的土地: the bracket's own)
                        r"|(?:及以上|以上)的?(?:(?:重特大|特大|重大|较大)[\u4e00-\u9fff]{0,6}?)?(?:事故|火灾)")  # (死亡10人以上特大事故: which accidents)
# 总投资超30亿元或3亿美元产业项目2个, 10亿元以上项目10个: the size of the projects or firms counted, not a goal
_SIZE_OF_COUNTED = re.compile(r"(?:及以上|以上)?(?:[或、][\d.]+[万亿]?美?元(?:及以上|以上)?)?[\u4e00-\u9fff“”]{0,8}?(?:项目|企业)\d+(?:个|家)")
_COUNTED_BEFORE = re.compile(r"(?:\d+(?:个|家|所|座|项)|其中)[^,,。;;]{0,24}$")
_BASE_BEFORE, _BASE_AFTER = re.compile(r"在(?:(?:19|20)\d{2}年(?:底|末)?)?[^,。;在]{0,10}$"), re.compile(r"的?(?:基础上|基数上)")
_CAPACITY = ("吨", "万吨", "千瓦", "万千瓦", "兆瓦", "万台", "万辆", "万套", "万件", "万吨/年", "吨/年")
_PRODUCT = re.compile(r"(?!以上|以下|以内|左右|的|及以上)[\u4e00-\u9fff]{2,12}(?:[、和及]|项目|等)")
_MONEY = ("元", "万元", "亿元", "美元", "万美元", "亿美元")
_PROGRESS_LABEL = re.compile(r"(?:实际完成情况|" + "|".join(PROGRESS_WORDS) + r")\s*[::]")
_NEXT_LABEL = re.compile(r"[ \n|][\u4e00-\u9fff]{2,8}\s*[::]")


def find_targets(text: str, offset: int = 0, written=None) -> list[Target]:
    """Every target in a task's text, in order; qualitative goals after the quantitative ones.

    Every quantity of a plan's task is a target (a plan's numbers are what it commits to):
    its comparator from the words just before it (不低于 >=, 不超过 / 控制在 / 压缩至 <=), or from
    the bound after it (以上 >=, 以内 <=, 左右 =), else ``=`` (达95%, 新增100项, 3亿元).  Amounts keep
    their multiplier (3 亿元).  ``written`` gives a span as the document writes it (its script)."""
    from kg.extract.quantities import Clauses, quantities

    from bisect import bisect_right

    out: list[Target] = []
    clauses = Clauses(text)
    stops = [i for i, ch in enumerate(text) if ch == "。"]
    # what a progress label says was done (实际完成情况:…已完成年度目标任务的55%) is no target: up to the next label
    progress = [(m.start(), nxt.start() if (nxt := _NEXT_LABEL.search(text, m.end())) else len(text))
                for m in _PROGRESS_LABEL.finditer(text)]
    first_line = text.find("\n") if "\n" in text else len(text)
    own_parts = [m.span() for m in _OWN_PARTS.finditer(text, 0, first_line)]
    previous: tuple[Target, int] | None = None  # the last target and the sentence it sits in
    numbers: set[int] = set()  # where the numbers of the targets found start
    qs = quantities(text, fold_multiplier=False)
    lower_of: dict[int, object] = {}  # 1—2个名次: the upper end's index → the lower end
    for i, q in enumerate(qs[:-1]):  # (7.5%—8%, 3万元-5万元: a range whose both ends carry the measure, too)
        if qs[i + 1].unit and (q.unit is None or q.unit == qs[i + 1].unit) \
                and _RANGE.match(text[q.end: qs[i + 1].start]):
            lower_of[i + 1] = q
    carried: dict[int, str] = {}  # a list's values after 分别不高于: each under that comparator
    list_bound: dict[int, str] = {}  # 分别下降24%、25%以上: the bound after a list of values holds for each
    for i in range(len(qs) - 2, -1, -1):
        if qs[i].unit and qs[i].unit == qs[i + 1].unit and not qs[i].bound and text[qs[i].end: qs[i + 1].start] in _LIST_JOINS:
            bound = qs[i + 1].bound or list_bound.get(i + 1)
            if bound:
                list_bound[i] = bound
    for i, q in enumerate(qs):
        if i + 1 in lower_of and q.unit:
            continue  # the lower end of a range: read with its upper end
        upper = None
        if i in lower_of:  # the range's target: at least its lower end (at most its upper, after 缩短至…)
            low, upper = lower_of[i], q.value
            q = type(q)(**{**q.__dict__, "value": low.value, "written": low.written, "start": low.start,
                           "bound": q.bound or "以上"})
        if i and qs[i - 1].unit and (qs[i - 1].end == q.start and q.bound or q.unit and text[qs[i - 1].end: q.start] == "("
                                     and text[q.end: q.end + 1] == ")"):
            continue  # 超230个50户以上木质房屋连片村寨: a count glued to another's measure says which ones; 24938.8㎡(37.4082亩): the same in another
        if q.unit is None and not (q.bound in ("以下", "以内") and _HELD_UNDER.search(text, max(0, q.start - 4), q.start)) \
                or q.unit in ("年", "周") or _PER_CAPITA.match(text, q.unit_end) and q.unit in ("人", "万人") \
                or not q.bound and _NOT_A_GOAL_AFTER.match(text[q.unit_end: q.unit_end + 12]) \
                and not _BROUGHT_TO.search(text, max(0, q.start - 4), q.start):
            continue  # (实现1个环节, 压减至3个环节: the count a plan brings something to is its target)
        if i + 1 < len(qs) and _FROM.search(text, max(0, q.start - 30), q.start) and qs[i + 1].unit == q.unit \
                and _CHANGE_TO.match(text[q.end: qs[i + 1].start]):
            continue  # 由20个工作日压减至5个工作日, 由缴费的50%提高到100%: where it stands now, not the goal
        if any(a <= q.start < b for a, b in progress) or any(a <= q.start < b for a, b in own_parts) \
                or _AFTER_TIME_LABEL.search(text, max(0, q.start - 8), q.start):  # (整改时限:3天: how long, no goal)
            continue  # (科教惠民工程(项目6个,其中基建工程类5个…): how many projects the part holds, not a goal)
        c_start, c_end = clauses.around(q.start, q.end)
        if _ALREADY.search(text, c_start, q.start):
            continue  # 已由25名政协委员审核论证, 目前已完成70%: what was done, not a goal
        window = text[max(c_start, q.start - 24): q.start]
        window = window[window.rfind("|") + 1:]  # a table's cell ends its words: | >=1 | 2户 |
        # (占地500余亩, 1000多户: more than the number, at least it)
        by_comparator, by_bound = _comparator(window), _bound_op(q.bound or list_bound.get(i)) or (">=" if q.about else None)
        if by_comparator is None and carried.get(i - 1) and text[qs[i - 1].end: q.start] in _LIST_JOINS:
            by_comparator = carried[i - 1]  # 分别不高于58微克/立方米、54微克/立方米: the comparator said 分别 holds for each
        if by_comparator and (i - 1 in carried or "分别" in window):
            carried[i] = by_comparator
        cell = text.rfind("|", max(0, q.start - 4), q.start)
        if by_comparator is None and cell > 0 and not text[cell + 1: q.start].strip() \
                and _CAPPED_CELL.search(text, text.rfind("|", max(0, cell - 40), cell) + 1 or max(0, cell - 40), cell):
            by_comparator = "<="  # 控制在预算成本内 | 250万: the row's own words cap the value in the next cell
        op = by_comparator or by_bound or "="
        if upper is not None and by_comparator == "<=":
            q = type(q)(**{**q.__dict__, "value": upper})
        rule = "target.comparator" if by_comparator else "target.bound" if by_bound else "target.amount"
        if rule == "target.amount" and q.unit != "%" and _PACKAGE_AFTER.match(text, q.unit_end) and \
                _CARRY_OUT.search(text, c_start, min(len(text), c_end + 2)):
            continue  # 落实好提振市场信心90条措施: the name of a package being carried out, not a target
        if text[q.start - 1: q.start] in ("超", "过") and text.startswith("的", q.unit_end) and _COUNTED_BEFORE.search(text, c_start, q.start):
            continue  # 培育80个…超100亿元的产业集群, 其中超过1000亿元的达到10个: the size of those counted, not a goal
        if (qual := _QUALIFIES.match(text, q.unit_end)) and ("对" in text[c_start: q.start] or qual.group(0).startswith(("(含)", ")"))
                                                             or qual["apart"] or q.unit in ("人", "名", "万元", "亿元", "元")):
            continue  # 对参保职工30人(含)以下的企业, 营业收入500万元以下的企业: which firms it applies to, not a goal
        if q.unit in _MONEY and _SIZE_OF_COUNTED.match(text, q.unit_end):
            continue  # 总投资超30亿元或3亿美元产业项目2个: the size of the projects counted
        if _BASE_AFTER.match(text, q.unit_end) and _BASE_BEFORE.search(text, max(0, q.start - 16), q.start):
            continue  # 在2015年70微克/立方米的基础上降低25%: where it starts from
        if q.unit in _CAPACITY and _PRODUCT.match(text, q.unit_end) and "项目" in text[q.end: c_end]:
            continue  # (抓好平煤神马25万吨己二酸和20万吨己内酰胺…等项目建设: a plant's capacity names the project)
        unit = _UNIT_CANON.get(q.unit, q.unit)
        shown = written(offset + q.unit_start, offset + q.unit_end) if written else None
        before = text[max(c_start, q.start - 30): q.start]
        after = text[q.end: min(c_end, q.end + 20)]
        metric = find_metric(before, unit=unit) or find_metric(after, last=False, unit=unit)
        if metric is None and unit in _METRIC_BY_UNIT:
            key = _METRIC_BY_UNIT[unit]
            metric = (key, next(a[2] for a in _metric_aliases() if a[1] == key), 0)
        sentence = bisect_right(stops, q.start)
        if metric is None and previous is not None and previous[1] == sentence and previous[0].unit == unit \
                and previous[0].metric and not _RATE_NAME.search(text, c_start, q.start):  # (履行率100%: a rate of its own)
            metric = (previous[0].metric, previous[0].metric_label, 0)  # …2名以上…,…不少于3人
        rec = _RECURRENCE.search(text[c_start: c_end])
        scope = _scope(window)
        own = text.rfind("|", c_start, q.start) + 1 or c_start  # (its quote: the table cell it is in, not the row)
        own += len(text[own: q.start]) - len(text[own: q.start].lstrip())
        own = label.end() if (label := _LABEL_AT.match(text, own, q.start)) else own  # (2.城区道路…: not its label)
        target = Target(
            metric=metric[0] if metric else None,
            metric_label=metric[1] if metric else (text[own: q.start].strip()[-12:].rstrip("≥≤><=＞＜ ") or None),  # (not a sign)
            op=op, value=q.value, unit=shown if shown and shown != text[q.unit_start: q.unit_end] else unit,  # (its script, not 人(次))
            text=text[own: q.end].strip(),
            scope=scope if op != "=" else None,
            recurrence=rec.group(0) if rec else None,
            start=offset + own, end=offset + q.end, rule=rule, confidence=confidence(rule),
        )
        out.append(target)
        # 报备率、报备及时率、规范率均达100%: the one value is each rate's target
        shared = _SHARED_RATES.search(text, max(c_start, q.start - 80), q.start) if unit == "%" else None
        if shared:
            first, *others = _RATE_NAME.findall(shared["run"])
            named = find_metric(first, unit=unit)
            target.metric, target.metric_label = (named[0], named[1]) if named else (None, target.metric_label)
            for name in others:
                other = find_metric(name, unit=unit)
                out.append(Target(**{**target.__dict__, "metric": other[0] if other else None,
                                     "metric_label": other[1] if other else name}))
        numbers.add(q.start)
        previous = (target, sentence)
    for m in _CN_COUNT_TARGET.finditer(text):  # 不少于两次, 至少一次: a count in Chinese numerals after a comparator
        value = _value(m["num"])
        if value is None or any(t.start <= offset + m.start() < t.end for t in out):
            continue
        c_start, c_end = clauses.around(m.start(), m.end())
        rec = _RECURRENCE.search(text[c_start: c_end])
        out.append(Target(metric=None, metric_label=text[c_start: m.start()].strip()[-12:] or None,
                          op=">=" if re.fullmatch(_GE, m["cmp"]) else "<=", value=value,
                          unit=_UNIT_CANON.get(m["unit"], m["unit"]), text=text[c_start: m.end()].strip(),
                          recurrence=rec.group(0) if rec else None, start=offset + c_start, end=offset + m.end(),
                          rule="target.comparator", confidence=confidence("target.comparator")))
    for m in _CN_PERCENT.finditer(text):
        value = cn_decimal(m["num"].replace("两", "二"))
        if value is None or any(t.start <= offset + m.start() < t.end for t in out):
            continue
        c_start, c_end = clauses.around(m.start(), m.end())
        op = _comparator(text[max(c_start, m.start() - 24): m.start()]) or _bound_op(m["bound"]) or "="
        metric = find_metric(text[max(c_start, m.start() - 30): m.start()], unit="%")
        out.append(Target(metric=metric[0] if metric else None,
                          metric_label=metric[1] if metric else text[c_start: m.start()].strip()[-12:] or None, op=op, value=value,
                          unit="%", text=text[c_start: m.end()].strip(), start=offset + c_start, end=offset + m.end(),
                          rule="target.comparator" if op != "=" else "target.amount",
                          confidence=confidence("target.comparator" if op != "=" else "target.amount")))
    for m in chain(_SYMBOL_TARGET.finditer(text), _INDEX_TARGET.finditer(text)):  # a cell's bound with a symbol: ≥95%
        c_start, c_end = clauses.around(m.start(), m.end())
        if m.start("num") in numbers:
            continue
        op = _SYMBOLS[m["sym"]]
        out.append(Target(metric=None, metric_label=None, op=op, value=m["num"], unit=m["unit"] or None,
                          text=m.group(0).strip(), start=offset + m.start(), end=offset + m.end(),
                          rule="target.comparator", confidence=confidence("target.comparator")))
    for m in _FORM_TARGET.finditer(text):  # a target form's value after its blank (≥**株)>=17600株, (≥**%)>=85
        if m.start("num") in numbers or any(t.start <= offset + m.start("num") < t.end for t in out):
            continue
        out.append(Target(metric=None, metric_label=None, op=_SYMBOLS[m["sym"]], value=m["num"], unit=m["unit"] or m["blank"],
                          text=m.group(0), start=offset + m.start(), end=offset + m.end(), rule="target.comparator",
                          confidence=confidence("target.comparator")))
    by_end = sorted((t for t in out if not t.qualitative), key=lambda t: t.end)
    ends = [t.end for t in by_end]
    for m in _EACH_RATES.finditer(text):  # 纠错率、出庭应诉率分别为15%、100%: each value its rate, in turn
        names = _RATE_NAME.findall(m["run"])
        first = bisect_left(ends, offset + m.end())
        after = [t for t in by_end[first: first + len(names)] if t.end <= offset + m.end() + 60]
        for name, t in zip(names, after):
            metric = find_metric(name, unit=t.unit)
            t.metric, t.metric_label = (metric[0], metric[1]) if metric else (None, name)
    for q in QUALITATIVE.finditer(text):
        c_start, c_end = clauses.around(q.start(), q.end())
        end = q.end()
        if text[c_start: end].count("“") > text[c_start: end].count("”") and text[end: end + 1] == "”":
            end += 1  # keep the closing quote: 做到“有件必备、有备必审”
        out.append(Target(metric=None, op=None, value=None, unit=None, qualitative=True,
                          metric_label=q.group(0).strip("\"“”"), text=text[c_start: end].strip(),
                          start=offset + c_start, end=offset + end, rule="target.qualitative",
                          confidence=confidence("target.qualitative")))
    return out
