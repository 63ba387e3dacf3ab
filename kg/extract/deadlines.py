"""Deadlines of a plan's tasks (2023年年底前, 6月底前, 完成时限:全年) as the last day each allows, and
the year a plan aims at (到2025年)."""

from __future__ import annotations

import calendar
import re

from kg.extract.rules import confidence
from kg.ingest.patterns import DATED_STEP, ORGAN_LAST, TIME_LABELS
from kg.model import Deadline, OutlineNode
from kg.numerals import cn_number

_YEAR = r"(?P<y>(?:19|20)\d{2})\s*年"
_SHARE = r"(?:重点)?(?:工作)?任务[::]"  # 2020年任务: a multi-year task's share for that year
# a month in Chinese numerals (三月底前, 十二月底, 四月份), never inside a longer number
_CN_MONTH = r"(?<![〇零一二三四五六七八九十百])(?:十[一二]?|[一二三四五六七八九])(?![十百])"
DEADLINE = re.compile(
    rf"(?P<horizon>到|至|截至|截止到)?(?:{_YEAR}|(?P<next>明年|次年))?(?:"
    r"(?P<yearend>年底前|年底|年末前|年末|底前|(?<=年)(?:底|末前|末)(?![线部层盘]))"
    r"|(?P<within>(?<!全)(?:年内|年度内)|本年度(?=完成)|全年(?=实现|完成))"  # (全年实现城镇新增就业6万人, 于本年度完成: within the year)
    r"|(?<![\d.])\d{1,2}\s*月?\s*[—–\-~至到]\s*(?P<window>\d{1,2})\s*月(?:底|末|份)?"
    rf"|(?P<m>\d{{1,2}}|{_CN_MONTH})\s*月(?:(?P<d>\d{{1,2}})\s*[日号](?:前|之前|以前)|(?P<ten>上旬|中旬|下旬|上中旬|中下旬)(?:前|之前|以前|末)?"
    r"|底前|底|末前|末|前|份前)"
    r"|(?P<early>年初|初)"
    r"|(?P<half>上半年|年中|下半年)(?:前|内|底前)?"
    r"|(?<![\d])第?(?P<q>[一二三四1-4])季度(?:末前|前|末|内|底前)?"
    # 秋季投入使用: by the end of that season (spring to May, summer to August, autumn to November)
    r"|(?P<season>春季|夏季|秋季)(?=(?:开学)?(?:前|之前)?(?:投入使用|建成|完成|竣工|交付))"
    r"|(?P<before>前|以前|之前)(?=[,。;基全完实建出推落形达制启])(?![^,。;]{0,3}的)"  # (2000年以前建成的小区: which ones)
    r"|(?<=年)(?P<by>)(?=(?:全面|基本)?(?:实现|完成|建成|取缔|拆除|关停|淘汰)|计划(?!生育|单列|经济|内|外|的|中|书|表)|" + _SHARE
    + r"|[\u4e00-\u9fff]{1,8}率(?:要|应)?达到|[,,][^。;,,]{0,16}?\d+(?:\.\d+)?%[^。;,,]{0,8}?达到)"  # (2020年规范化率达到100%,
    # 2010年,全县70%的社区达到…: the year a share is to reach it)
    # 2019年实现90%事项网上办, 2024年计划在…共完成300个, 2021年计划投资…: within that year; 2020年任务:一是4月底前…: the
    # year's share of a multi-year task, due at its end, and the year of the months after it
    r")"
)
# 底前 / 底 / 末前 / 末: a year's end that says which year only when one is written before it (2020年底)
_BARE_YEAREND = ("底前", "底", "末前", "末")
_QUARTER_MONTH = re.compile(r"\((\d{1,2})月份?\)")
_QUARTERS = re.compile(r"第?(?P<list>[一二三四](?:、?[一二三四]){1,3})(?=、?季度)")  # (at most four: bounded, linear)
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _month_end(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _on_day(year: int, month: int, day: int) -> str | None:
    """The ISO date of that day, or None where the month or the day does not exist."""
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month(text: str) -> int:
    return int(text) if text.isdigit() else (cn_number(text) or 0)


def deadline_date(m: re.Match[str], year: int | None) -> str | None:
    y = int(m.group("y")) if m.group("y") else year
    if y is None:
        return None
    if m.group("next"):  # 明年6月底前: the year after the document's
        y += 1
    if m.group("yearend") or m.group("within"):
        if not m.group("y") and m.group("yearend") in _BARE_YEAREND:
            return None
        return f"{y:04d}-12-31"
    if m.group("window"):  # 1月—12月: a planned window, due at its end
        month = int(m.group("window"))
        return _month_end(y, month) if 1 <= month <= 12 else None
    if m.group("m"):
        month = _month(m.group("m"))
        if not 1 <= month <= 12:
            return None
        if m.group("d"):
            return _on_day(y, month, int(m.group("d")))
        if m.group("ten") in ("上旬", "中旬", "上中旬"):  # 11月中旬前: by the end of that ten days
            return f"{y:04d}-{month:02d}-{10 if m.group('ten') == '上旬' else 20}"
        return _month_end(y, month)
    if m.group("early"):
        if not m.group("y") and m.group("early") == "初":
            return None
        return f"{y:04d}-03-31"  # 年初: early in the year, taken as by the end of the first quarter
    if m.group("half"):
        return f"{y:04d}-06-30" if m.group("half") in ("上半年", "年中") else f"{y:04d}-12-31"
    if m.group("q"):
        return _month_end(y, _QUARTER[m.group("q")] * 3)
    if m.group("season"):
        return _month_end(y, {"春季": 5, "夏季": 8, "秋季": 11}[m.group("season")])
    if (m.group("before") or m.group("by") is not None) and m.group("y"):
        return f"{y:04d}-12-31"
    return None


_YEARS_SHARE = re.compile(_SHARE)
_FREQUENCY = re.compile(r"[^,。;]{0,16}?(?:不少于|至少|不低于)\d+次")
_NEXT_ITEM = re.compile(r"(?<![\d.])\d{1,2}、")
_STOCK = re.compile(r"[^,。;:、\n]{0,8}?(?:余额|总量|存量|人数|户数|数量|规模|率|人口|(?<=[\u4e00-\u9fff])(?:不超过|控制在|保持在|稳定在))")  # (2010年年末总人口不超过…)
_DONE_BY = re.compile(r"[,,]?(?:已经|已)")
_DONE_ON = re.compile(r"已(?:于|经|在)?$")
_EVERY = re.compile(r"(?:每年|每季度|每月|每半年|每年度)$")
_EVERY_IN = re.compile(r"每年|每季度|每月|每半年")


def step_deadline(line: str, start: int, year: int | None) -> Deadline | None:
    """The date a schedule's step (a line opening 3-4月, or 9月,: DATED_STEP) is due: its month's end (the
    window's last)."""
    m = DATED_STEP.match(line)
    y = int(m["y"]) if m and m["y"] else year
    if m is None or y is None or not 1 <= int(m["m"]) <= 12:
        return None
    at = start + m.start("step")
    return Deadline(date=_month_end(y, int(m["m"])), text=m["step"], start=at, end=at + len(m["step"]), rule="deadline.date",
                    confidence=confidence("deadline.date"))


def find_deadlines(text: str, offset: int = 0, *, year: int | None = None) -> list[Deadline]:
    """Every deadline of a task's text.  A phrase without a year takes the year last written
    before it in the task (2017年6月底前…、9月底前…), else the document's year; "到2025年" is a
    horizon, not a deadline."""
    out = []
    shares: list[int] = []  # 2019年任务: — a year's share, due at its end unless its own items are dated
    current, last = year, 0
    for m in DEADLINE.finditer(text):
        written_year = m.group("y")
        if _NEXT_ITEM.search(text, last, m.start()):
            current = year  # (1、…计划2022年12月底完成 2、…10月1日前: a new item of a list takes the document's year)
        last = m.end()
        if written_year:
            current = int(written_year)
            span_end = m.group("horizon") == "至" and (text[m.start() - 1: m.start()] in ("月", "日") or text[
                m.start() - 1: m.start()] == "年" and any(m.group(g) for g in ("half", "q", "m", "window")))
            # (到2020年底 in a plan of 2020: its own year's end, a deadline, not a horizon beyond it)
            own_year = m.group("horizon") == "到" and m.group("yearend") and year is not None and current == year
            to_month = m.group("m") is not None and m.group("d") is None  # (至2023年10月底: a month, not where a plan aims)
            if m.group("horizon") and not span_end and not own_year and not to_month:
                continue  # 到2025年: where the plan aims, not when a task is due (2021年12月至2025年上半年: a span's end is)
        elif m.group("before") or m.group("by") is not None or m.group("early") or m.group("yearend") in _BARE_YEAREND:
            continue  # 前, 初, 年初 and 底前 alone say nothing without a year (年初召开…: when, not by when)
        elif _EVERY.search(text, max(0, m.start() - 3), m.start()) or _EVERY_IN.search(
                text, max(text.rfind("。", 0, m.start()) + 1, m.start() - 120), m.start()):
            continue  # 每年3月1日前 …,并在4月1日前: a date that comes back every year is a routine
        if m.group("q") and _QUARTER_MONTH.match(text, m.end()):
            continue  # 第四季度(11月份): the month it names (read below)
        if m.group("within") and _FREQUENCY.match(text, m.end()):
            continue  # 年内解读重要政策措施不少于1次: how often within the year, not when
        if m.group("yearend") in ("底", "末", "年底", "年末") and _STOCK.match(text, m.end()) or _DONE_BY.match(text, m.end()):
            continue  # 2016年末政府债务余额: a figure as it stood then; 2020年底,已由…审核论证: done by then, not to be
        # a bare 年初/上半年/… takes the year in force; 2021年版 and 2020年度 match nothing here
        date = deadline_date(m, current)
        if date is None:
            continue
        rule = "deadline.within" if m.group("within") and not written_year else "deadline.date"
        if m.group("by") is not None and _YEARS_SHARE.match(text, m.end()):
            shares.append(len(out))
        out.append(Deadline(date=date, text=m.group(0), start=offset + m.start(), end=offset + m.end(), rule=rule,
                            confidence=confidence(rule)))
    dated = [i for i in shares if i + 1 < len(out) and i + 1 not in shares and out[i + 1].date[:4] == out[i].date[:4]]
    out = [d for i, d in enumerate(out) if i not in dated]  # (2020年任务:一是4月底前…: the items' own dates)
    for m in _NOT_LATER.finditer(text):  # 不晚于2023年6月30日, 最迟于6月30日: that day; a stage's days ((9月10日至9月17日), 自…至…): its last
        y = int(m["y"] or m["y0"] or 0) or (current if current is not None else year)
        date = _on_day(y, int(m["m"]), int(m["d"])) if y is not None else None
        if date is None or any(d.start <= offset + m.start("date") < d.end for d in out):
            continue
        out.append(Deadline(date=date, text=m.group("date"), start=offset + m.start("date"),
                            end=offset + m.end("date"), rule="deadline.date", confidence=confidence("deadline.date")))
    for m in _LABELLED_MONTH.finditer(text):  # 完成时限:2022年10月 — due by the end of that month
        key = next(k for k in ("", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "2") if m.group("phrase" + k))
        if key == "2" and _EVERY_IN.search(text, max(text.rfind("。", 0, m.start()) + 1, m.start() - 120), m.start()):
            continue  # 每年5月完成: a routine
        if key == "3" and m.group("d3") and _SIGNER.search(text, max(0, m.start() - 32), m.start()) \
                and not _ROW_NEXT.match(text, m.end() + 1):
            continue  # 同心县下马关镇人民政府 / 2023年3月27日: a signature's date, not a time cell
        if key == "4" and _PAGE_LINE.search(text, text.rfind("\n", 0, m.start()) + 1,
                                             (text.find("\n", m.end()) + 1 or len(text) + 1) - 1):
            continue  # 索引号:… 时间:2020-05-11 来源:…: when the page was put up, not a task's time
        if _DONE_ON.search(text, max(0, m.start("phrase" + key) - 3), m.start("phrase" + key)):
            continue  # 已于2014年5月30日通车试运营: when it was done
        y = int(m.group("y" + key)) if m.group("y" + key) else year
        month = _month(m.group("m" + key)) if key not in ("7", "11", "13") else 12  # (a year alone: by its last month)
        if y is None or not 1 <= month <= 12 or any(d.start <= offset + m.start("phrase" + key) < d.end for d in out):
            continue
        date = _month_end(y, month)
        if m.groupdict().get("d" + key):  # 完成时限:2023年10月31日
            date = _on_day(y, month, int(m.group("d" + key)))
            if date is None:
                continue
        out.append(Deadline(date=date, text=m.group("phrase" + key), start=offset + m.start("phrase" + key),
                            end=offset + m.end("phrase" + key), rule="deadline.date", confidence=confidence("deadline.date")))
    for m in _QUARTERS.finditer(text):  # 第一、二、三、四季度任务分别为…: each quarter named before the last is due too
        y = current if current is not None else year
        for q in re.finditer(r"[一二三四]", m["list"]):
            at = offset + m.start("list") + q.start()
            if y is not None and not any(d.start <= at < d.end for d in out):
                out.append(Deadline(date=_month_end(y, 3 * _QUARTER[q.group(0)]), text=m.group(0), start=at, end=at + 1,
                                    rule="deadline.date", confidence=confidence("deadline.date")))
    m = _WHOLE_YEAR.search(text) if not out else None
    if m and (m["y"] or year is not None):
        # 全年 as a completion time (完成时间:2023年全年): after a time label, or alone in a task table's time cell
        out.append(Deadline(date=f"{int(m['y']) if m['y'] else year:04d}-12-31", text=m.group("phrase"),
                            start=offset + m.start("phrase"), end=offset + m.end("phrase"), rule="deadline.within",
                            confidence=confidence("deadline.within")))
    return out


_SIGNER = re.compile(r"(?:^|\n)[^\n|]{2,30}(?:人民政府|政府|办公室|委员会)\n$")
_ROW_NEXT = re.compile(r"[ \t]*\d{1,3}[ \t]*(?:\n|$)")  # (the next row's number: the date is a time cell)
_PAGE_LINE = re.compile(r"索引号|来源[::]|发布(?:时间|日期)|浏览次数|点击数")
_NOT_LATER = re.compile(r"(?:不晚于|不迟于|最迟于|最迟在|最迟|(?<=[((])(?:截止|截至)到?|(?:(?<=[(自从])|(?<=时间[::]))(?:(?P<y0>(?:19|20)\d{2})\s*年)?\d{1,2}\s*月\d{1,2}\s*日\s*(?:至|到|[—－\-~]{1,3}|一(?=\s*\d))\s*)"
                        r"(?P<date>(?:(?P<y>(?:19|20)\d{2})\s*年)?(?P<m>\d{1,2})\s*月(?P<d>\d{1,2})\s*[日号])")
_TIME_LABEL_WORDS = "|".join(sorted(TIME_LABELS, key=len, reverse=True))
_LABELLED_MONTH = re.compile(
    rf"(?:{_TIME_LABEL_WORDS})\s*[::]\s*"
    r"(?P<phrase>(?:(?P<y>(?:19|20)\d{2})\s*年)?(?P<m>\d{1,2})\s*月(?:(?P<d>\d{1,2})\s*日|份)?)"
    r"(?![\d底末前份中上下日])"
    # a task table's time cell holding only a month or a day: | 2023年12月 |, | 12月 |, | 2023年12月31日 |
    r"|(?:^|\|)[ ]*(?P<phrase3>(?:(?P<y3>(?:19|20)\d{2})\s*年)?(?P<m3>\d{1,2})\s*月(?:(?P<d3>\d{1,2})\s*日)?)[ ]*(?=\||$)"
    # …or a date in digits: | 2023.12 |, | 2023-06-30 |, the end of a span | 2023.01-2023.12 |
    r"|(?:^|\|)[ ]*(?:(?:19|20)\d{2}\.\d{1,2}[ ]*[-—–~至到][ ]*)?(?P<phrase5>(?P<y5>(?:19|20)\d{2})[.\-/](?P<m5>\d{1,2})(?:[.\-/](?P<d5>\d{1,2}))?)[ ]*(?=\||$)"
    # 2023年5月完成, 10月内完成: the month a task is to be done in, in the body
    rf"|(?P<phrase2>(?:(?P<y2>(?:19|20)\d{{2}})\s*年)?(?P<m2>\d{{1,2}}|{_CN_MONTH})\s*月(?:(?P<d2>\d{{1,2}})\s*日)?)"
    r"(?=(?:内|份)?(?:项目)?(?:正式|全面|基本)?(?:完成|办结|建成|实现|投入使用|投入试运营|投入运营|竣工|交付使用|开工|完工|立项|(?<!日)印发|出台"
    r"|开馆|开园|开业|通车|投用|投运|签订|确定|启动|公布|公开|发布)(?!了)"
    r"|份[ ]*(?:$|\|))"  # …四月份 | : a time cell holding only a month
    # 完成时限:2022.12, 2022-12-31, 2022/12/31 — a date written in digits after a time label
    rf"|(?:{_TIME_LABEL_WORDS})\s*[::]\s*(?P<phrase4>(?P<y4>(?:19|20)\d{{2}})[.\-/](?P<m4>\d{{1,2}})(?:[.\-/](?P<d4>\d{{1,2}}))?)"
    r"(?![\d.\-/])"
    # (县普法办 2024年9月), (X牵头,Y配合;2024年6月), …。县政府办 县数据局 2024年12月: a month right after
    # the owners' names or their note's separator, closing the note or the line, is the owners' time
    rf"|(?<=[{ORGAN_LAST};,])[ ]*(?P<phrase6>(?:(?P<y6>(?:19|20)\d{{2}})\s*年)?(?P<m6>\d{{1,2}})\s*月份?)(?=[ ]*(?:[)〕】]|$))"
    # 2025.6.30前, 2025-06-30之前: a day written in digits, with its word of time
    r"|(?<![\d.])(?P<phrase8>(?P<y8>(?:19|20)\d{2})[.\-/](?P<m8>\d{1,2})(?:[.\-/](?P<d8>\d{1,2}))?)(?=\s*(?:前|之前|以前))"
    # a month's plan opening its cell: | 4月:制定方案 |, | 3-4月:联系… | — the step due by that month's end
    r"|(?:^|\|)[ ]*(?P<phrase12>(?:(?P<y12>(?:19|20)\d{2})\s*年)?(?:\d{1,2}\s*[-—–至~]\s*)?(?P<m12>\d{1,2})\s*月份?)\s*[::]"
    # a stage's window after its name: 启动阶段:2001年。, 实施阶段:2002年至2004年。 — due at the last year's end
    r"|(?<=阶段)[::]\s*(?:(?:19|20)\d{2}\s*年(?:\d{1,2}\s*月)?\s*(?:至|到|[—－\-~]{1,3})\s*)?(?P<phrase13>(?P<y13>(?:19|20)\d{2})\s*年)(?=[。,,;;])"
    # 第四季度(11月份): a quarter's work due in the month its bracket names
    r"|(?<=季度)\((?P<phrase14>(?P<y14>)(?P<m14>\d{1,2})月份?)\)"
    # a time cell's list of months: 1.2021年8月 2.2021年12月
    r"|(?<![\d.])\d[.、](?P<phrase9>(?P<y9>(?:19|20)\d{2})\s*年(?P<m9>\d{1,2})\s*月)(?=[ ]|[ ]*(?:\||$)|\d[.、](?:19|20)\d{2})"
    # 拟于2021年9月组织专家论证: the month a step is planned for
    r"|(?:(?<=拟于|拟在|定于)|(?<=预计于|计划于))(?P<phrase10>(?:(?P<y10>(?:19|20)\d{2})\s*年)?(?P<m10>\d{1,2})\s*月(?:份)?)(?![\d底末前中上下日])"
    # a task table's time cell holding only a year: | 2024年 |, | 2024年度 | — due at its end
    r"|(?:^|\|)[ ]*(?P<phrase7>(?P<y7>(?:19|20)\d{2})\s*年度?)[ ]*(?=\||$)"
    # …or after a time label, closing the note: (责任单位:X;完成时限:2023年), 完成时间:2023年度。
    rf"|(?:{_TIME_LABEL_WORDS})\s*[::]\s*(?P<phrase11>(?P<y11>(?:19|20)\d{{2}})\s*年度?)(?=[ ]*(?:$|[;;,,。)〕】]))",
    re.M)  # a time cell is a line of its own where a table is printed one cell per line
_WHOLE_YEAR = re.compile(rf"(?:(?:{_TIME_LABEL_WORDS})\s*[::]\s*|(?:^|\|)[ ]*"
                         # …市委宣传部、市司法局,2022年全年: the year's whole after the owners, closing their note
                         rf"|(?<=[{ORGAN_LAST}室;,])[ ]*(?=(?:19|20)\d{{2}}\s*年(?:全年|年内)[ ]*(?:$|[)〕】]))"
                         # …等按职责分工负责全年: the owners' verb, then their time, closing a run-on row
                         r"|(?:(?<=负责)|(?<=落实)|(?<=牵头)|(?<=配合))(?=(?:全年|年内)[ ]*$))"
                         r"(?P<phrase>(?:(?P<y>(?:19|20)\d{2})\s*年)?(?:全年|年内))[ ]*(?:$|\||[,。;)〕】])", re.M)


HORIZON = re.compile(r"(?:到|至|截至)(?P<y>(?:19|20)\d{2})\s*年(?:底|末)?")


def find_horizon(text: str, outline: list[OutlineNode]) -> Deadline | None:
    """The year the plan aims at: 到2025年 in its overall goal (or anywhere, failing that)."""
    regions = [(n.start, n.end) for root in outline for n in root.walk() if n.role == "guidance"]
    regions.append((0, len(text)))
    for a, b in regions:
        m = HORIZON.search(text, a, b)
        if m:
            return Deadline(date=f"{int(m.group('y')):04d}-12-31", text=m.group(0), kind="horizon",
                            start=m.start(), end=m.end())
    return None
