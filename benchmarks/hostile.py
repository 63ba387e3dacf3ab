"""Extraction on hostile shapes: the inputs that once made patterns quadratic, at a size a real
document never reaches, each timed beside jieba tokenising the same text.

The shapes are shared with ``tests/test_linear.py``, which checks on them that time grows
linearly (two sizes compared in one run).  Here each is extracted once at ``kb`` kilobytes of
text and reported as milliseconds per kilobyte, with the ratio to jieba's ``lcut`` of the same
text: a shape that became quadratic again shows up as a ratio that grows with ``kb``.
"""

from __future__ import annotations

import time

PLAN = "某某区2022年法治政府建设工作计划\n一、重点工作\n1.推进工作。"
REPORT = "某某区2022年法治政府建设情况报告\n一、主要工作\n(一)推进依法行政。"

#: shape → the text of about n repeats
SHAPES = {
    "digits after a comparator": lambda n: PLAN + "不低于" + "7" * n,
    "a note's list that never ends": lambda n: PLAN + "(牵头单位:" + "区司法局、" * n,
    "rate names with no figure": lambda n: REPORT + "一是" + "听证率、" * n,
    "one target repeated": lambda n: PLAN + "听证率不低于70%。" * n,
    "names joined by 和": lambda n: PLAN + "(牵头单位:" + "区司法局和" * n + ")",
    "brackets that never close": lambda n: PLAN + "(" * n,
    "years without a deadline": lambda n: PLAN + "2023年" * n,
    "a number without end": lambda n: PLAN + "1" * n + "件",
    "one long line": lambda n: PLAN + "工作" * n,
    "figures one after another": lambda n: REPORT + "办理案件12件," * n,
    "notes one after another": lambda n: PLAN + "(责任单位:区司法局)" * n,
    "emphasis that never closes": lambda n: PLAN + " __重点" * n,
    "emphasis pairs one after another": lambda n: PLAN + " __重点__" * n,
    "places named bare that never end": lambda n: PLAN + "责任单位:" + "银川市、" * n,
    "a table row set in single spaces that never ends": lambda n: PLAN + "序号 类别 工作任务 牵头单位 责任单位\n1 " + "工作 " * n + "县司法局",
    "single-spaced table rows one after another": lambda n: PLAN + "序号 类别 工作任务 牵头单位 责任单位\n"
    + "1  开展 普法。 县司法局 县法院、 县检察院\n" * max(1, n // 8),
    "values in a list before one bound": lambda n: PLAN + "分别下降" + "24%、" * n + "25%以上。",
    "rates given their values in turn": lambda n: PLAN + "纠错率、出庭应诉率分别为15%、100%," * max(1, n // 4),
    "a one-line table's header over and over": lambda n: PLAN + "序号 工作任务 责任单位 完成时限 1 " * max(1, n // 16),
    "numbered rows with no header, measures only": lambda n: PLAN + "".join(
        f"{i} | 加强工作 | 具体措施。 \n" for i in range(1, max(2, n // 8))),
    "single-spaced rows with no header one after another": lambda n: PLAN + "".join(
        f"{i}.开展普法 县司法局 县法院、 县检察院 2024年底前\n" for i in range(1, max(3, n // 16))),
    "matrix rows one after another": lambda n: PLAN + "★为牵头单位\n序号 | 工作任务 | 县司法局 | 县法院 | 县财政局\n" + "".join(
        f"{i} | 开展普法 | ★ | √ | \n" for i in range(1, max(3, n // 16))),
    "a matrix header whose units never end": lambda n: PLAN + "序号 | 工作任务 | " + "县司法局 | " * max(2, n // 6) + "\n1 | 开展 | ★\n",
    "run-together rows one after another": lambda n: PLAN + "序号重点任务牵头单位配合单位完成时限\n" + "".join(
        f"{i}开展普法县司法局县法院、县检察院2024年底前\n" for i in range(1, max(3, n // 16))),
    "a run-together row whose names never end": lambda n: PLAN + "序号重点任务牵头单位配合单位\n1开展普法"
    + "县司法局" * n + "\n",
    "rows with no header run on in one line": lambda n: PLAN + " ".join(
        f"{i}.开展普法 县司法局 县法院 2024年底前" for i in range(1, max(3, n // 16))) + "\n",
    "owners by task numbers one after another": lambda n: PLAN + "".join(f"{i}.开展普法。\n" for i in range(1, max(3, n // 16)))
    + "二、责任分工\n" + "第1、2项由县司法局牵头," * max(1, n // 16) + "\n",
    "a single-spaced row whose owners never end": lambda n: PLAN + "1.开展普法 " + "县司法局 " * n + "\n2.开展 县法院\n",
    "shares after counts one after another": lambda n: REPORT + "投诉举报类296件,占比27%;" * max(1, n // 8),
    "values compared one after another": lambda n: REPORT + "收到申请1113件,较2022年558件增加," * max(1, n // 12),
    "single-spaced statistics rows one after another": lambda n: REPORT + "\n序号 项目名称 目标任务 完成情况 完成率\n" + "".join(
        f"{i} 新增城镇就业 5000人 5200人 104%\n" for i in range(1, max(3, n // 12))),
    "a single-spaced statistics row whose name never ends": lambda n: REPORT + "\n序号 项目名称 目标任务 完成情况 完成率\n1 "
    + "就业 " * n + "5000人 5200人 104%\n",
    "a statistics table's rows beside as many figures": lambda n: REPORT + "办理案件12件," * max(1, n // 16)
    + "\n序号 | 指标名称 | 计量单位 | 完成值 |\n" + "".join(f"{i} | 办理案件 | 件 | {i} |\n" for i in range(1, max(3, n // 16))),
    "a statistics table's row of bars that never ends": lambda n: REPORT + "\n序号 | 指标名称 | 计量单位 | 完成值 |\n1 | "
    + "5 | " * n + "\n",
    "statistics table rows one after another": lambda n: REPORT + "\n序号 | 指标名称 | 计量单位 | 完成值 |\n" + "".join(
        f"{i} | 办理案件 | 件 | 5 |\n" for i in range(1, max(3, n // 8))),
    "a statistics table one cell a line": lambda n: REPORT + "\n序号 |\n指标名称 |\n目标 |\n完成值 |\n" + "".join(
        f"{i} |\n办理案件 |\n3 |\n5 |\n" for i in range(1, max(3, n // 8))),
    "a one-cell-a-line table's number never comes": lambda n: REPORT + "\n序号 |\n指标名称 |\n目标 |\n完成值 |\n1 |\n"
    + "5 |\n" * n,
    "paragraphs saved as one line, a space at each break": lambda n: PLAN + "开展普法。 " * 4 + "1.开展普法。 责任单位:县司法局 " * max(1, n // 12),
    "a run-together header over and over in one line": lambda n: PLAN + "序号重点任务牵头单位配合单位" * max(1, n // 14),
    "run-together rows in one line that never end": lambda n: PLAN + "工作重点序号重点任务牵头单位配合单位一、普法" + "".join(
        f"{i}开展普法宣传。县司法局县法院" for i in range(1, max(3, n // 14))),
    "a one-line page whose spaces never end": lambda n: PLAN + "开展普法。 " * 60 + " " * n + "工作",
    "cells between bars that never reach a value": lambda n: REPORT + "\n" + "楚雄市\n|\n" * max(1, n // 4),
    "cells between bars, heads and a value over and over": lambda n: REPORT + "\n" + "甲\n|\n乙\n|\n丙\n|\n丁\n|\n1\n|\n" * max(1, n // 20),
    "a name's head over value heads a cell a line, over and over": lambda n: REPORT + "\n" + "信息内容\n本年制发件数\n规章\n" * max(1, n // 12),
    "titles one after another with no count after them": lambda n: PLAN + "《工作方案》" * max(1, n // 6),
    "quarters' numerals that never reach 季度": lambda n: PLAN + "第" + "一二三四" * max(1, n // 4),
    "a list said 分别 that never reaches its measure": lambda n: PLAN + "分别为" + "80、" * max(1, n // 3) + "60。",
    "works counted and named a line each, over and over": lambda n: PLAN + "\n将实施十大工程。\n" + "特色产业工程。到2020年。\n" * max(1, n // 14),
    "clauses by one unit jointly with others, one after another": lambda n: PLAN + "的问题,由县司法局会同县法院、县检察院" * max(1, n // 16)
    + "等部门研究。",
    "a meeting's share-out clauses one after another": lambda n: "会议要求," + "由县司法局牵头,县法院配合,在9月底前完成普法;" * max(1, n // 20) + "\n",
    "a title's words that never reach its first paragraph": lambda n: "工作计划" * max(1, n // 4) + "2017年是" + "开展" * n,
    "aims one after another on a page with no title": lambda n: "一是开展活动。" + "每年开展活动10次以上," * max(1, n // 10),
    "a page with no title whose number never ends": lambda n: "一是开展活动。" + "1" * n + "件",
}


def text_of(shape: str, kb: float) -> str:
    """The shape's text at about ``kb`` kilobytes of UTF-8."""
    make = SHAPES[shape]
    per = max(1, len(make(10).encode("utf-8")) - len(make(0).encode("utf-8"))) / 10
    return make(max(1, int(kb * 1000 / per)))


def measure_hostile(kb: float) -> dict:
    """CPU seconds of ``extract_text`` and of ``jieba.lcut`` on every shape at ``kb`` KB."""
    import jieba

    from kg.extract.pipeline import extract_text

    extract_text(PLAN + "(牵头单位:区司法局)不低于70%。")  # lexicon, jieba and patterns loaded first
    jieba.lcut("法治政府建设")
    out = {"kb": kb, "shapes": {}}
    for shape in SHAPES:
        text = text_of(shape, kb)
        start = time.process_time()
        extract_text(text)
        ours = time.process_time() - start
        start = time.process_time()
        jieba.lcut(text)
        peer = time.process_time() - start
        out["shapes"][shape] = {"bytes": len(text.encode("utf-8")), "extract_s": ours, "jieba_s": max(peer, 1e-6)}
    return out


def hostile_rows(h: dict, row) -> list[dict]:
    """Table rows (``row`` is the harness's row constructor), one per shape."""
    rows = []
    for shape, m in h["shapes"].items():
        kb = m["bytes"] / 1000
        rows.append(row(f"hostile_{shape.replace(' ', '_')}", f"extract, hostile shape: {shape} (ms/KB)", None,
                        m["extract_s"] * 1000 / kb, "ms/KB", "jieba.lcut of the same text", m["jieba_s"] * 1000 / kb,
                        m["extract_s"] / m["jieba_s"], "linear (tests/test_linear.py)", None,
                        note=f"{kb:.0f} KB of text, CPU time"))
    return rows
