"""Quantities as documents of this genre write them: a number and what it counts.

``办理法律援助案件1234件``, ``参考率100%``, ``2.3万人次``, ``300余家``, ``不少于30日``, ``增长6.5%以上``,
``3亿元``.  One scan of the text finds every Arabic number with its multiplier (万, 亿), its
"about" word (余, 多), its measure word and a bound after it (以上, 以下, 以内, 左右); numbers that
are not quantities are left out: years (2023年), dates (9月10日), ordinals (第3), document
numbers (〔2021〕1号), and numbers inside the title of a law or plan (《…2021—2025年…》).

The scan is linear in the text: a number can only start where no digit is before it, so no run
of digits is read twice, and the bracket spans it checks against are found in one pass.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# measure words, longest first where one is the start of another
UNITS = ("人(次)", "场(次)", "件(次)", "期(次)", "台(次)", "个百分点", "个名次", "个位次", "百分点", "百分比", "个工作日", "工作日", "个小时", "个月", "万人次", "人次", "场次", "学时", "课时", "小时", "亿元", "万元",
         "元", "家次", "户次", "件次", "条次", "批次", "台次", "车次", "辆次", "个", "個", "名", "人", "件", "项", "項", "次", "期", "场", "場", "家", "户", "戶",
         "条", "條", "篇", "卷", "宗", "所", "座", "套", "台", "辆", "公里", "千米", "亩", "吨", "公斤", "斤", "份", "类", "類", "批", "处", "處",
         "部", "本", "册", "册", "票", "起", "天", "日", "年", "周", "月", "%", "‰", "市", "县",
         "封", "张", "張", "幅", "块", "塊", "支", "首", "集", "段", "栋", "棟", "间", "間", "分钟", "分",
         "轮次", "轮", "輪", "个次", "期次", "堂", "例", "单", "倍", "盏", "種", "种", "米", "口", "眼",
         "幢", "只", "位", "村", "穴", "株", "床", "m²", "m2", "平米", "千户",
         "美元", "微克/立方米", "公里/平方公里", "ug/m3", "μg/m3", "平方公里", "平方米", "㎡", "立方米", "公顷", "千瓦时", "千瓦", "组", "組")
# 人(次): the count a report writes with its alternative measure in brackets, read as 人次; ≥98百分比 (a
# performance-target form's word for %): %
_BRACKETED_UNIT = {"人(次)": "人次", "场(次)": "场次", "件(次)": "件次", "期(次)": "期次", "台(次)": "台次", "百分比": "%"}
# places counted with their own noun (在3市8县试点), never a longer number (12345市民热线)
_PLACE_UNITS = ("市", "县")
_NOT_PLACE_COUNT = "民场级直属长委政域内外区市县"
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(set(UNITS), key=lambda u: (-len(u), u)))
QUANTITY = re.compile(
    rf"(?<![\d.])(?:(?<!\d,)|(?!\d{{3}}(?![\d.])))(?P<num>\d{{1,3}}(?:,\d{{3}})+(?![\d,])|\d+(?:\.\d+)?)(?![\d])(?:(?P<about0>余|多|餘)(?=万|亿|萬|億))?"
    rf"(?P<mult>万|亿|萬|億)?(?P<about>余|多|餘)?(?P<unit>{_UNIT_ALT})?(?P<per>/(?:千人|万人|人|户|月|年|日|株|亩|次|天|件|平方米|吨))?"
    r"(?P<bound>及以上|以上|以下|以内|以內|之内|内(?![部容涵外地设控])|左右)?")
_DAY_BEFORE = re.compile(r"月\d{1,2}日$")
_PEOPLE = re.compile(r"(?:名|位)?(?:群众|群眾|居民|村民|农民|農民|市民|学生|學生|职工|職工|老人|老年人|儿童|兒童|妇女|婦女|青少年|残疾人|殘疾人|人口|贫困人口|贫困群众|建档立卡贫困人口)")
_MULT = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
# titles, and the names of programmes — not a quoted statement of a count ("排查整改执法突出问题2330个")
_QUOTED = re.compile(r"《[^《》\n]{0,80}》|“(?![^“”\n]{0,26}[\u4e00-\u9fff]\d[\d.]{0,8}[^“”\n\d.]{1,3}”)[^“”\n]{0,30}”")
_DOC_NUMBER = re.compile(r"〔(?:19|20)\d{2}〕\s*\d+\s*号|\[(?:19|20)\d{2}\]\s*\d+\s*号")


@dataclass
class Quantity:
    value: str  # the decimal, with 万/亿 folded in: 2.3万人次 → 23000
    written: str  # the number as written: 2.3
    mult: str | None
    about: str | None  # 余 / 多
    unit: str | None  # the measure word (or %), None where the text gives none
    bound: str | None  # 以上 / 以下 / 以内 / 内 / 左右
    start: int  # of the number
    end: int  # after the bound (or unit, or number)
    unit_start: int
    unit_end: int


def _spans(pattern: re.Pattern[str], text: str) -> tuple[list[int], list[int]]:
    starts, ends = [], []
    for m in pattern.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def _inside(pos: int, spans: tuple[list[int], list[int]]) -> bool:
    i = bisect_right(spans[0], pos) - 1
    return i >= 0 and pos < spans[1][i]


def fold(number: str, mult: str | None) -> str:
    """2.3 and 万 → 23000; the number as written when there is no multiplier."""
    if not mult:
        return number
    try:
        value = Decimal(number) * _MULT[mult]
    except InvalidOperation:
        return number
    text = format(value.normalize(), "f")
    return text


def quantities(text: str, *, fold_multiplier: bool = True) -> list[Quantity]:
    """Every quantity of the text, in order (see the module's docstring for what is left out).
    With ``fold_multiplier`` off, 3亿元 keeps value 3 and unit 亿元 (how plans state amounts)."""
    quoted = _spans(_QUOTED, text)
    numbers = _spans(_DOC_NUMBER, text)
    out = []
    for m in QUANTITY.finditer(text):
        a = m.start()
        num, mult, unit = m["num"].replace(",", ""), m["mult"], m["unit"]  # 1,234件: thousands marked
        before = text[max(0, a - 1): a]
        after = text[m.end("num"): m.end("num") + 1]
        if before == "第" or _inside(a, quoted) or _inside(a, numbers):
            continue
        if after in ("-", "—", "–", "~", "至", "/") and len(num) == 4:
            continue  # 2021—2025: a period
        if unit in ("年", "月") and not mult and not (m["about"] or m["about0"]):
            if unit == "年" and (len(num) == 4 or text[m.end("unit"): m.end("unit") + 1] in "度底初末"
                                or 5 <= len(num) <= 6 and "." not in num and num[-4:-2] in ("19", "20")):
                continue  # 2023年, 2023年度; 12020年: a list's number run into its year
            if unit == "月":
                continue  # 9月 (a date), not a count: months are counted as 个月
        if unit in ("日", "天") and (before == "月" or len(num) >= 4 and "." not in num):
            continue  # 9月10日, 2025730日 (a date whose 年月 were lost)
        if unit == "日" and before in "至到—-~" and _DAY_BEFORE.search(text, max(0, a - 9), a - 1):
            continue  # 5月1日至31日: the end of a span of days
        if unit == "年" and len(num) == 4:
            continue
        if unit is None and (num.startswith("0") and len(num) > 1 and "." not in num or len(num) == 4 and "." not in num and num[:2] in ("19", "20")):
            continue  # 2020925 run-together dates, bare years
        if unit in _PLACE_UNITS and (len(num) > 3 or "." in num or mult
                                     or text[m.end("unit"): m.end("unit") + 1] in _NOT_PLACE_COUNT):
            unit = None
        if unit in ("小时", "分钟") and "\u4e00" <= text[m.end(): m.end() + 1] <= "\u9fff" \
                and text[m.end(): m.end() + 1] not in "内以之左":
            continue  # 24小时藏汉双语服务, 15分钟政务服务圈: a service's name, not a count of work
        if mult and unit is None:
            unit_written = None
        else:
            unit_written = unit
        if fold_multiplier:
            value = fold(num, mult)
        else:
            value = num
            if mult and unit:
                unit_written = mult + unit  # 3亿元 stays 3 亿元
            elif mult:  # 1万 (a count in ten thousands); 54.13万群众: of people
                unit_written = mult + "人" if _PEOPLE.match(text, m.end()) else mult
        unit_start = m.start("mult") if (mult and not fold_multiplier) else (m.start("unit") if unit else m.end("num"))
        unit_end = m.end("unit") if unit else (m.end("mult") if mult else m.end("num"))
        unit_written = _BRACKETED_UNIT.get(unit_written, unit_written)
        if unit_written and m["per"]:  # 1500元/人, 5.5批次/千人: a rate per head, per month
            unit_written, unit_end = unit_written + m["per"], m.end("per")
        out.append(Quantity(value, num, mult, m["about"] or m["about0"], unit_written, m["bound"], a, m.end(), unit_start, unit_end))
    return _shared_measure(text, out) if "分别" in text or "依次" in text else out


# 分别为80、60、60万元: the values of a list each in the measure written after the last
_EACH_LIST = re.compile(r"(?:分别|依次)(?:为|是|达到|达|完成|下降|增长|减少|提高到|不高于|不低于|不超过|不少于)?\s*(?P<run>(?:\d+(?:\.\d+)?\s*[、和]\s*)+)\d+(?:\.\d+)?\s*(?:万|亿)?(?:[\u4e00-\u9fff%‰])")


def _shared_measure(text: str, found: list[Quantity]) -> list[Quantity]:
    """The bare numbers of a list said 分别 (上半年、三季度、四季度任务分别为80、60、60万元) given the measure of
    its last value, as that value has it (its multiplier folded the same way)."""
    by_start = {q.start: i for i, q in enumerate(found)}
    for m in _EACH_LIST.finditer(text):
        last = next((found[by_start[k]] for k in range(m.end("run"), m.end()) if k in by_start), None)
        if last is None or not last.unit:
            continue
        for n in re.finditer(r"\d+(?:\.\d+)?", m["run"]):
            i = by_start.get(m.start("run") + n.start())
            if i is not None and found[i].unit is None:
                q = found[i]
                value = fold(q.written, last.mult) if last.value != last.written else q.written
                found[i] = Quantity(value, q.written, last.mult, q.about, last.unit, q.bound, q.start, q.end, q.end, q.end)
    return found


# --- clauses -------------------------------------------------------------------------------------

_BREAKS = re.compile(r"[,;。:!?\n]")
_MOST = 200  # characters a clause reaches on either side of its number (a real one: under 200)


class Clauses:
    """The clause bounds of a text, found once; each lookup is a binary search."""

    def __init__(self, text: str):
        self.text = text
        self.breaks = [m.start() for m in _BREAKS.finditer(text)]

    def around(self, start: int, end: int) -> tuple[int, int]:
        i = bisect_right(self.breaks, start - 1)
        a = self.breaks[i - 1] + 1 if i > 0 else 0
        j = bisect_right(self.breaks, end - 1)
        b = self.breaks[j] if j < len(self.breaks) else len(self.text)
        # a clause with no break for pages on end (分别下降24%、24%、… by the thousand) is read no
        # further than _MOST from the number: each value's words stay bounded, so a list stays linear
        return max(a, start - _MOST), min(b, end + _MOST)
