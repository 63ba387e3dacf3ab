"""A document's kind (工作要点, 实施方案, 任务分工, 年度报告 …) from its title, or, where the page has
none, from what its body says: a report tells of its year and counts what was done, a plan names
owners and times and announces what is to be done."""

from __future__ import annotations

import re

from kg.extract.statgrid import has_stat_table
from kg.ingest.patterns import POINTS
from kg.vocab import ROLE_BY_LABEL

# a notice that tells how far the year's work has got (关于10月份民生实事项目进展情况的通报): a report
PROGRESS_NOTICE = r"(?:(?:进展|完成|推进|落实|办理)情况的?通报|(?:进度|进展情况|完成情况)公示)"
_CONGRESS = re.compile(r"人大常委会|人民代表大会|人大.{0,6}会议")


# A document that splits tasks among units is a plan even when it is about a work report:
# 2021年省《政府工作报告》重点任务分工方案, 目标任务责任分解方案, 普法责任清单.
_DIVISION = re.compile(r"(?:任务|责任|工作|目标)?(?:分工|分解)(?:方案|表|清单)?$|责任清单$|任务清单$|分工方案|分解方案|分(?:工|解)的?意见$|责任分工|任务表$|台账$")
_REPORT = re.compile(rf"(?:报告|总结|情况|情况说明|{PROGRESS_NOTICE})$"
                     # a table of what was done: 民生实事完成情况表, 行政复议案件统计表
                     r"|(?:完成|进展|进度|落实|执行|推进)情况(?:统计|一览|汇总)?表$|统计(?:表|数据|公报)$")
# 2023年工作总结和2024年工作计划: a report that ends with the next year's plans
_PLAN_TITLE = re.compile(r"要点|方案|规划|纲要|意见|措施|计划|安排|清单|目标|责任书|(?<!推进)进度表")
_SUMMARY_AND_PLAN = re.compile(r"(?:总结|情况|报告)(?:和|及|暨|与|以及)[^,。]{0,12}?(?:计划|打算|思路|安排|要点)$")


# (a yearbook's entry opens with its heading in 【】: 【行政应诉】2021年,秀英区…)
# (a completion report: 截止2019年12月31日,…全面完成。具体情况如下:; one that says what it is: 本年度报告是根据《条例》…编制)
_REPORT_BODY = re.compile(r"(?:^|\n)(?:【[^】\n]{1,12}】)?(?:(?:19|20)\d{2}年(?:度|以来|\d{1,2}月份?|上半年|前三季度|"
                          r"\s*\d{1,2}\s*(?:至|-|—|~)\s*\d{1,2}\s*月份?)?|今年以来|去年以来)[,，]|(?:^|\n)本(?:年度)?报告(?:是|根据|依据|由|内容涵盖)|"
                          r"现(?:予)?公布[^。\n]{0,40}?(?:年度报告|工作报告|情况报告)|"
                          r"(?:截至|截止)(?:到)?(?:19|20)\d{2}年[^,，。\n]{0,12}[,，][^。\n]{0,60}?(?:全面完成|已完成|均已完成|全部完成|如期[^,，。\n]{0,6}完成|全面[^,，。\n]{0,4}完成)|现(?:将.{0,40})?(?:报告|汇报|总结)[如以]下|情况报告如下|工作总结如下|过去的一年[里中来],"
                          r"|现将[^。\n]{0,30}?(?:进展|完成|落实|整改)情况[^。\n]{0,8}?(?:公开|公布|通报|报告|汇报)")
# a body's paragraph telling of the year so far; a bulletin's count of its month (本月受理各类诉求38447件)
_SINCE = re.compile(r"(?:^|\n)[ \t]*(?:今年以来|去年以来|一年来|近年来|近年以来|近几年来)[,，]|(?:本月|上月|本季度|本周)共?(?:受理|办理|接到|收到|接听|转办)[^,，。\n\d]{0,12}\d")
_CONGRESS_AUDIENCE = re.compile(r"主任、.{0,12}委员|各位委员|人大常委会:|各位代表[::]")


# what a report says it did, and what a plan's notes say (到2015年,…: where a plan aims, not a year told of)
_DONE = re.compile(r"(?<![到至])(?:19|20)\d{2}年(?:度|以来)?[,，]|(?:共|累计|先后)(?:办理|受理|开展|组织|举办|培训|审查|出台|录入|发布|公开|化解|调处)"
                   r"|[一二三四五六七八九]是"
                   # a year's change, which only an account of the year states: 同比下降31%, 较上年增长
                   r"|(?:同比|环比)(?:增长|下降|上升|减少|增加|提高)|较上年|比上年")
# (a task table's owner column counts too: | 牵头单位 | 责任单位 |)
_OWNER = re.compile(rf"(?:{'|'.join(sorted(ROLE_BY_LABEL, key=len, reverse=True))}|完成时限)\s*[::]|[、\u4e00-\u9fff]{{2,}}牵头[,;)]"
                    rf"|(?:^|\|)\s*(?:{'|'.join(sorted(ROLE_BY_LABEL, key=len, reverse=True))})\s*(?:\||$)", re.M)
# a count of work done, as a report states it: 共培育2897名, 累计调解纠纷超过14万件, 办结地方性法规7部
# (bounded windows; a count under a target word — 不少于3次, 每年2次 — is a plan's, not a report's)
_DONE_COUNT = re.compile(
    r"(?:共|累计|先后|一年来|截至目前)[^,。;:\n\d]{0,12}\d"
    r"|(?:办结|审结|修改|废止|培育|接待|建成|签订|受理|办理|审查|化解|调解|出台|举办|开展|组织|聘任|培训)"
    r"[^,。;:\n\d]{0,10}\d+(?:\.\d+)?万?[余多]?(?:件|宗|起|卷|部|个|名|次|项|场|期|人次|家|户|份|条)")
_GOAL_WORDS = re.compile(r"控制在|提升到|提升至|提高到|提高至|保持在|力争|不低于|不少于|不超过")
_TARGET_CUE = re.compile(r"不少于|不低于|至少|不超过|力争|确保|每年|每季度|每月|每半年|以上|以内")


# (a page whose figures are nearly all aims — 每年开展10次以上, 不少于, 力争 — and none a count of what was done —
# 共, 累计, 同比, 300余件 — tells no year's work, whatever its 一是 / 二是 and its year's comma say)
# (a number is read from its first digit only: a run of digits costs its length once)
_AIM = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*(?:万|亿)?[\u4e00-\u9fff%]{0,3}?(?:以上|以内)|(?:不少于|不低于|不超过|力争|每年)[^,。;\d]{0,10}\d")
_DONE_STRONG = re.compile(r"(?:共|累计|先后|同比|较上年|比上年|已)[^,。;\n]{0,12}\d|(?<![\d.])\d+(?:\.\d+)?\s*[万亿]?[余多]")


def _aimed(body: str) -> bool:
    aims = len(_AIM.findall(body))
    return aims >= 3 and aims > 2 * len(_DONE_STRONG.findall(body))


def _done_counts(body: str) -> int:
    n = 0
    for m in _DONE_COUNT.finditer(body):
        if not _TARGET_CUE.search(body[m.start(): m.end() + 3]):
            n += 1
    return n


# a report addressed to, or delivered at, the People's Congress: its session line, not a mention
# of the standing committee's supervision (在…市人大常委会的监督指导下)
_CONGRESS_SEAT = re.compile(r"(?:人民代表大会|人大)[^。,]{0,24}会议上|向[^。\n]{0,16}人大(?:常委会)?(?:报告|作)")


# a first heading that tells what was achieved: 一、宁夏法治政府建设成效, 一、2023年工作开展情况
_DONE_HEADING = re.compile(r"^[一二三四五六七八九十]+、[^\n]{0,30}(?:成效|成绩|主要做法|工作情况|开展情况|完成情况|工作回顾)")


# what a news item says was done: 组织召开了…会议, 开展了…活动, 发放了…资料 (a plan says what will be)
_DONE_ACTS = re.compile(r"(?:开展|召开|组织|举办|举行|发放|接待|印发|走进|深入|邀请|设立|制作|悬挂|张贴|播放|推送|受理|办理|解答|"
                        r"完成|拉开|走上|来到|宣传|设置|进行|签订|参加|建成|形成|创建)了")
# what a page announces for the year ahead (今年将继续…办好十件民生实事, 2024年4月底前完成…): goals, not work done
_AHEAD = re.compile(r"今年将|明年将|将继续|今年要|计划今年|拟于今年|预期目标(?:为|是)[::]")
# (2024年4月底前完成, 年底前建成, 6月底前竣工: due, not done — not after 已于)
_DUE = re.compile(r"(?<!已于)(?<!已)(?:(?:19|20)\d{2}年(?:\d{1,2}月)?|(?<![\d年])年|(?<![\d年])\d{1,2}月)底前(?:完成|出台|建成|实现|竣工)(?!了)")
# a year's list of projects for the people, announced (确定了…10件惠民实事,现向社会公布; 将…办好15件民生实事):
# a plan of the year, whatever page carries it
_PROJECTS = re.compile(r"(?:民生实事|惠民实事|为民办实事|民生工程|惠民工程|为民[兴举]?办(?:成|好)?的?(?:\d+|[一二三四五六七八九十]+)件实事)")
_ANNOUNCED = re.compile(r"现向社会公布|(?:确定|评选|票决)(?:出|了)|(?:票决|表决|票选)确定|将[^。\n]{0,30}?(?:办好|抓好|实施|推进)"
                        r"|明确了|决定(?:今年|\d{4}年)|(?:全面)?启动(?:\d{4}年|今年)|拟(?:从以下|实施|办好|开展|重点)")
# …and the page says they were done (如期全面完成, 完成情况): an account of the year, not its list
_PROJECTS_DONE = re.compile(r"完成情况|已完成|已经完成|全面完成|如期|均已|全部完成|完成了|落实情况|进展情况|已办结")
# (将 before a verb: what will be done; 将 before a noun — 坚持将法治政府建设… — is the object's mark)
FUTURE = re.compile(r"(?<=[\u4e00-\u9fff”])还?将(?:持续|继续|重点|着力|全面|进一步|加快|加大|深入|推进|推动|新增|新建|提升|实施|开展|"
                     r"建成|建设|完成|实现|打造|启动|出台|优化|扩大|改造|举办|组织|围绕|力争|深化|完善)")
_MADE = re.compile(r"制定本(?:工作)?(要点|实施方案|方案|行动计划|计划|安排)")
# (a news item on a plan just issued: 日前发布的《银川都市圈建设2020年工作计划》…明确20项建设任务 — the plan's kind,
# where nothing says the page tells of work done)
_ISSUED = re.compile(r"(?:日前|近日|近期|最近)(?:(?:印发|发布|出台|公布)(?:了)?的?《[^《》\n]{2,60}?(要点|实施方案|方案|行动计划|计划|安排)》"
                     r"|[,,]?《[^《》\n]{2,60}?(要点|实施方案|方案|行动计划|计划|安排)》[^。\n]{0,40}?(?:出台|印发|发布|公布))")
_INTERPRETS = re.compile(r"《[^《》\n]{0,80}?(要点|实施方案|方案|行动计划|计划|安排)(?:的通知)?》[^。\n]{0,40}?进行(?:政策)?解读")
_MADE_GENRE = {"要点": "work_points", "实施方案": "implementation_scheme", "方案": "implementation_scheme",
               "行动计划": "implementation_scheme", "计划": "annual_plan", "安排": "annual_plan"}


def detect_genre(title: str, preamble: str, body: str = "") -> str | None:
    if not title:
        # a page without its title line: a report tells of its year ("2023年,我区坚持…", "全年共办理…")
        head = preamble[:3000] or body[:3000]
        if interpreted := _INTERPRETS.search(head[:1500]):  # (现对《通知》进行政策解读: the plan it explains is its kind)
            return _MADE_GENRE[interpreted.group(1)]
        done = _REPORT_BODY.search(head) or _SINCE.search(body, 0, 3000) or _DONE_HEADING.search(body.lstrip()[:60]) or (
            body.startswith(preamble) and _DONE_HEADING.search(body[len(preamble):].lstrip()[:60])) \
            or len(_DONE_ACTS.findall(head[:2000])) >= 2  # (after a page's head; a news item's account of what was done)
        # (an assessment's items with their points, (5分): what is to be done, not a report's counts)
        # (or goals set over and over: 控制在2.8%以内, 提升到96%以上, 保持在86%以上 — a plan's, as news restates it)
        issued = _ISSUED.search(head[:600])  # (日前发布的《…工作计划》: the plan's kind, and a sign of it)
        owned = _OWNER.search(body[:4000]) or _AHEAD.search(head[:600]) or _DUE.search(body, 0, 1500) \
            or len(_GOAL_WORDS.findall(body, 0, 3000)) >= 3 \
            or len(POINTS.findall(body, 0, 4000)) >= 3 or _MADE.search(head[:1000]) or issued
        # a speech at the standing committee's session (…常务委员会第二十九次会议上 / 主任、各位副主任、各位委员:)
        to_congress = _CONGRESS_AUDIENCE.search(head[:1500]) and _CONGRESS_SEAT.search(head[:1500])
        projects = _PROJECTS.search(head[:1500]) and _ANNOUNCED.search(head[:1500])
        # (a year's list announced, with none of it said done: a plan, whatever the page's year opening says)
        announced = projects and not _PROJECTS_DONE.search(head[:600])
        projects = projects and (not done or announced)
        # (a news item of the year's plan: what the city 将 do, said again and again — 本市将…, 服务网将…, 还将…)
        foretold = len(FUTURE.findall(body, 0, 3000)) >= 3
        done, owned = done and not announced and not foretold, owned or foretold
        if to_congress or (done or not owned and not projects and (
                len(_DONE.findall(body[:4000])) >= 2 or _done_counts(body[:4000]) >= 3 or has_stat_table(body[:4000]))) \
                and not _aimed(body[:4000]):
            return "congress_report" if _CONGRESS_AUDIENCE.search(head) else "annual_report"
        made = _MADE.search(head) or issued  # 结合…,制定本要点: the document names its own kind
        if not made and not projects and _OWNER_HEAD_ROW.search(body, 0, 4000):
            return "task_division"  # (a table whose head names its owners' columns: 序号 | 工作任务 | 责任单位 — a split)
        return _MADE_GENRE[next(g for g in made.groups() if g)] if made else "annual_plan" if projects else None
    # (a quoted work report does not make a report; nor does a closing bracket hide one: …调研报告(县级))
    # (…整改情况的函: a letter telling how the work went reads as what it tells)
    bare = re.sub(r"《[^《》]*》|\([^()]{1,12}\)$|(?<=情况)的函$", "", title)
    if _DIVISION.search(bare) or _DIVISION.search(title) or _PROGRESS_TABLE.search(bare) and _OWNER.search(body[:4000]):
        return "task_division"  # (a split's table with each task's progress beside its owners is still the split)
    # (or a table of figures under a title of no other kind — …进度表, …数据: what was done, by the numbers)
    if _REPORT.search(bare) or _SUMMARY_AND_PLAN.search(bare) or not _PLAN_TITLE.search(bare) and has_stat_table(body[:4000]):
        to_congress = _CONGRESS.search(title) or _CONGRESS_SEAT.search(preamble) or _CONGRESS_AUDIENCE.search(preamble)
        return "congress_report" if to_congress else "annual_report"
    if "要点" in title:
        return "work_points"
    if re.search(r"实施方案|方案|规划|纲要|意见|措施", title):
        return "implementation_scheme"
    if "计划" in title or "安排" in title or _PROJECTS_TITLE.search(bare) or _TARGETS_TITLE.search(bare) \
            or _PROGRESS_TABLE.search(bare):  # (…工作任务进度表 naming no owner: the year's schedule)
        return "annual_plan"  # (2022年要办的民生实事, …为民兴办10件实事: the year's projects, to be done; 绩效目标表, 目标责任书)
    return None


_OWNER_HEAD_ROW = re.compile(r"(?m)^(?:序号|编号)?[ \t|]*[^\n|]{0,12}(?:任务|工作|内容|事项)[^\n|]{0,8}[ \t]*\|[^\n]{0,80}?(?:牵头单位|责任单位|责任部门)")
_TARGETS_TITLE = re.compile(r"目标(?:申报)?表$|目标责任书$|责任书$|指标表$")
# (not a 完成情况表 or 推进情况汇总表: what was done, a report; a 进展情况汇总表 or 进度表 with each item's owner: the split's)
_PROGRESS_TABLE = re.compile(r"(?:进展|落实)情况(?:登记|汇总)?表?$|(?<!推进)进度表$")
_PROJECTS_TITLE = re.compile(r"^(?!.*(?:兑现|(?<!要)完成|办结|进展|答卷))[^。!]*(?:实事(?:项目)?(?:清单)?|承诺事项)(?:\([^()]*\))?$")


# a news headline that says what is to be done (今年云南省将做好10件实事, 河北:力争打造10个…, 银川都市圈建设今年要干这些事,
# 江西今年计划实施3527个…项目): a news item of the year's plan; one that says it was done (取得新成效, 兑现30项) is not
_AIMS_HEADLINE = re.compile(r"将(?!军)|力争|计划(?!生育)|拟|今年要|要干|安排|部署")
_DONE_HEADLINE = re.compile(r"完成|取得|成效|兑现|实现了|已|打掉|答卷|回顾|总结|报告|验收|获评|入选|通报")


def headline_kind(title: str) -> str | None:
    """The kind a news headline tells (an annual plan) where it says what is to be done and nothing done."""
    return "annual_plan" if _AIMS_HEADLINE.search(title) and not _DONE_HEADLINE.search(title) else None

