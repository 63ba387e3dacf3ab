"""One document from file to :class:`~kg.model.Extraction`: load → normalize → segment → extract.

Nothing here touches a store; this is what ``fazhi-kg extract`` prints and what the mapping
stage consumes.
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.model import Extraction, OutlineNode, RawDocument, Task, UnparsedNote
from kg.ingest.normalize import NormalizedText, normalize
from kg.ingest.lines import lines_of
from kg.ingest.patterns import DATED_STEP, NOTE_LABELS, NOTE_LINE, NUMBERED_DIVISION, POINTS, RECORD_FIELDS, STAGE
from kg.ingest.segment import first_sentence, iter_nodes, outline_counts, segment
from kg.extract.headtasks import states_figures, unnumbered_tasks
from kg.vocab import NO_TARGET_KINDS, column_kind, is_plan

def _numbered(node: OutlineNode) -> list[OutlineNode]:
    return [c for c in node.children if c.kind != "block"]


# a numbered child that is one field of its parent's record: (二)责任单位:… (六)完成时限:… (四)项目内容:…
_FIELD = re.compile(rf"(?:{NOTE_LABELS}|{'|'.join(RECORD_FIELDS)}|任务分解|资金筹措|工作措施|进度安排)[^::\n]{{0,8}}[::]")


def _listed_points(node: OutlineNode) -> bool:
    """Short points a colon introduces, each closed by a semicolon (…情况:\n1、执法行为是否符合权限;): the parent's own."""
    kids = _numbered(node)
    return len(kids) >= 2 and node.text[: kids[0].start - node.start].rstrip().endswith((":", ":")) and all(
        len(line := k.text.strip().split("\n", 1)[0]) <= 40 and (k is kids[-1] or line == k.text.strip() and line.endswith((";", ";")))
        for k in kids)


def _fields(node: OutlineNode) -> bool:
    """Whether a node's numbered children are the fields of one record (an item of a 十件实事 split
    whose (一)…(六) are 责任领导 / 责任单位 / 协办单位 / 项目内容 / 资金筹措 / 完成时限): it is the task."""
    kids = _numbered(node)
    return len(kids) >= 2 and sum(bool(_FIELD.match(k.title or "") or _FIELD.match(k.text[len(k.label):].lstrip()))
                                  for k in kids) * 2 > len(kids)


def is_container(node: OutlineNode, folded: bool = False) -> bool:
    """A node whose numbered children are the tasks: a part or section over sections or items
    (even when its own heading ends with a full stop), or a bare heading over sub-items.  An
    item with a body keeps its sub-items (1)–(4) and 一是…二是… as parts of itself; so does a bare
    heading where the document closes its headings' sub-items with one note (``folded``)."""
    kinds = {c.kind for c in _numbered(node)}
    if _fields(node) or _listed_points(node):
        return False
    if kinds & {"part", "section", "item"}:
        return True
    if not kinds & {"subitem", "paragraph"} or kinds == {"subitem"} and node.heading and "目标" in node.title:
        return False  # (1.…行业和领域的目标:(1)煤矿:…(2)…: a heading of goals keeps its indicators as its own)
    # owners are given where the notes are: sub-items (or 一是… / 第一,… paragraphs) with notes of
    # their own under an item without one are the tasks
    own = node.text
    notes_below = not _NOTE.search(own) and sum(bool(_NOTE.search(c.text) or _CLOSING_NOTE.search(c.text))
                                                 for c in _numbered(node)) >= 2
    staged = sum(bool(_DATED_PHASE.search(c.title or "")) for c in _numbered(node)) >= 2  # (动员部署阶段(2007年3月中旬) …)
    return notes_below or staged or ("subitem" in kinds and node.heading and not (folded and not _NOTE.search(own)))


def _folds(outline: list[OutlineNode]) -> bool:
    """Whether the document closes a bare heading's sub-items with the heading's note: the
    convention, seen once, holds for its other headings (the page may cut one before its note)."""
    return any(_closes_subitems(n) for root in outline for n in root.walk())


def _closes_subitems(node: OutlineNode) -> bool:
    """A bare heading over sub-items (1)–(4) whose note stands on a line of its own after the last
    of them, no sub-item having one: the note is the heading's, and the heading is the task."""
    subs = [c for c in _numbered(node) if c.kind == "subitem"]
    if not node.heading or not subs or len(subs) != len(_numbered(node)):
        return False
    def noted(lines: list[str]) -> bool:  # (a note in brackets, or a label line: 问题整改责任单位:市科技馆)
        return any(_NOTE.match(line.strip()) or NOTE_LINE.match(line.strip()) for line in lines)
    return noted(subs[-1].text.split("\n")[1:]) and not any(_NOTE.search(c.text.split("\n", 1)[0]) for c in subs) \
        and not any(_NOTE.search(c.text) or noted(c.text.split("\n")[1:]) for c in subs[:-1])


# a bracketed note: a role label, or a role verb closing it
_NOTE = re.compile(r"[(〔][^()〔〕]{0,80}?(?:单位|部门)\s*[::]|[(〔][^()〔〕]{1,80}?(?:牵头|负责|配合|协办|落实)[^()〔〕]{0,6}[)〕]")


# a note that closes a paragraph without brackets: …中心组学习内容,市委宣传部、市司法局按职责分工负责;
_CLOSING_NOTE = re.compile(r"[,;。][^,;。()〔〕]{2,40}(?:牵头|负责|配合|协办)(?:落实)?[。;]?\s*$")


def _bare_list(parent: OutlineNode) -> bool:
    """A part or section over two numbered lines or more, each a bare heading with nothing under it
    (a list of tasks by name): they are its tasks, as items with text would be."""
    kids = _numbered(parent)
    return len(kids) >= 2 and all(k.heading and not k.children and not _has_body(k) and k.kind == kids[0].kind
                                  for k in kids)


def _has_body(node: OutlineNode) -> bool:
    """A heading with text under it (a paragraph, a note line), not a bare heading (nor one the page
    ends under, inside the next label: 二、主要工作任务 / (一)."""
    head, _, body = node.text.partition("\n")
    return node.end > node.start + len(head) + 1 and not _CUT_LABEL.fullmatch(body.strip())


_CUT_LABEL = re.compile(r"[(〔]?[一二三四五六七八九十\d]{1,3}")


_GOALS = re.compile(r"目标")
# a section's own goals paragraph, above its items: 目标任务:2022年底前,…网上办理率超过90%
_DATED_PHASE = re.compile(r"阶段\s*[((][^()()]{0,20}(?:19|20)\d{2}\s*年[^()()]{0,20}[))]")
_PHASE_TIME = re.compile(r"[。.::]?\s*时间[::][^。\n]{0,16}?\d{1,2}月")  # (组织发动阶段。时间:夏季麦收前(5月30日一6月4日))


def _dated_step(node: OutlineNode) -> bool:  # a step with its time: 宣传发动阶段(2021年12月底前), or as _PHASE_TIME
    title = node.title or ""
    at = node.text.find(title) + len(title) if title.endswith("阶段") else -1
    return bool(_DATED_PHASE.search(title) or at > 0 and _PHASE_TIME.match(node.text, at))
# (or after the part's own sentence: …协办。治理工作目标:…)
_GOAL_LABEL = re.compile(r"(?:^|\n|。)\s*[\u4e00-\u9fff]{0,4}?(?:目标任务|工作目标|主要目标|预期目标|总体目标|发展目标)\s*[::]")
_GOALS_PART = re.compile(r"^(?:总体|工作|主要|发展|总体工作)?(?:目标|要求|目标任务|目标要求)$|^总体要求")


def task_nodes(outline: list[OutlineNode], genre: str | None, folded: bool | None = None,
               ) -> list[tuple[OutlineNode, OutlineNode | None]]:
    """The outline nodes that are tasks, each with the section (or part) it sits in.

    In a plan a task is a numbered node of the body (outside the guidance and requirements
    parts) that is not a container of other numbered nodes: items 1. under headings (一), the
    (四)…(四十) of a scheme with no deeper numbering, the (1)…(4) under a bare item heading, or a
    heading with its note or paragraph under it.
    """
    out: list[tuple[OutlineNode, OutlineNode | None]] = []
    if not is_plan(genre):
        # a report's own plans for next year (2023年工作总结和2024年工作计划): the items that name
        # their owners are tasks as a plan's are; the rest stay the report's plans; and the items of an account
        # that restate the plan's tasks with their owner notes ((责任单位:市水务局) after each) are its tasks
        for root in outline:
            for node in root.walk():
                if node.kind != "block" and (node.role is None and _RESTATED.search(node.text) or node.role == "plans"
                                             and _NOTE.search(node.text) and not is_container(node) and node is not root):
                    out.append((node, root if node is not root else None))
        return out
    doc_end = max((n.end for root in outline for n in root.walk()), default=0)
    folded = _folds(outline) if folded is None else folded

    def visit(nodes: list[OutlineNode], parent: OutlineNode | None) -> None:
        for node in nodes:
            if node.role in ("guidance", "requirements"):
                goals(node, parent)  # (保障措施 / 实施步骤 items too: a task where one sets figures or names owners)
                continue
            if node.role not in (None, "plans") or node.kind == "block":
                continue  # (a plan's part named for the year's work — 2023年工作要点 — holds its tasks)
            if is_container(node, folded):
                if _GOAL_LABEL.search(node.text) and states_figures(node):
                    out.append((node, parent))  # its 目标任务: paragraph sets figures: a task of its own text
                visit(_numbered(node), node)
            elif node.heading and not node.children and NUMBERED_DIVISION.search(node.text):
                continue  # 二、责任分工 / 第1、2项由县司法局牵头…: owners of the tasks above, no task itself
            elif (not node.heading or _has_body(node) or node.text.rstrip(" 。").endswith((")", "〕"))
                  or any(c.kind in ("paragraph", "subitem") for c in node.children) or _fields(node)):
                out.append((node, parent))  # a heading with its note in brackets is a task too
            elif parent is not None and node.kind in ("section", "item") and _bare_list(parent):
                out.append((node, parent))  # 1.健全…制度 / 2.深化政务公开: a list of tasks named only, no text below
            elif node.end == doc_end and (any(o is not node and o.kind == node.kind for o, _ in out[-3:])
                                          or node.kind in ("item", "subitem") and parent is not None):
                # the page ends inside this item (its siblings, or its cousins under the previous part,
                # are tasks, or it is an item under a heading): a task cut short, not a heading
                out.append((node, parent))

    def goals(node: OutlineNode, parent: OutlineNode | None) -> None:
        """A goals section that sets figures is what the plan commits to: a task too; so is each
        numbered item of the guidance part that sets one (1.行政复议纠错率保持在15%左右) or names
        its owners, where the items are what carries them."""
        children = _numbered(node)  # (a goals part whose items set the figures: they are the tasks; a dated step: its 一是… its own)
        if _GOALS.search(node.title) and states_figures(node) and not any(states_figures(d) for c in children for d in c.walk()) \
                or _dated_step(node) and all(c.kind == "paragraph" for c in children):
            out.append((node, parent))
            return
        if not children:
            if states_figures(node) or _NOTE.search(node.text) or _dated_step(node):
                out.append((node, parent))  # (宣传发动阶段(2021年12月底前): a step with its date is a task too)
            return
        for child in children:
            goals(child, node)

    visit(outline, None)
    return unnumbered_tasks(outline, genre, out)


# 纳入《…2022年度重大行政决策事项目录》的事项应当于本年度完成: one time for every item of a catalogue
_ALL_DUE = re.compile(r"(?:事项|项目)[^。;]{0,8}应当?(?:于|在)(?P<when>本年度|本年内|年内|年底前|(?:19|20)\d{2}年(?:年)?底前)(?:内)?完成")


def _catalogue_due(result: Extraction, year: int | None) -> None:
    """A catalogue's items without a time of their own, due when its notice says all are (本年度 → the year's end)."""
    m = _ALL_DUE.search(result.text) if result.document.title and ("目录" in result.document.title or "目錄" in result.document.title) else None
    if m is None or any(task.start <= m.start() < task.end for task in result.tasks):
        return
    from kg.extract import deadlines

    found = deadlines.find_deadlines(result.text[m.start("when"):m.end()], m.start("when"), year=year)
    for task in result.tasks:
        if found and not task.deadlines:
            task.deadlines = [found[0]]


def _first_of_each(found: list, key) -> list:
    """The first deadline of each key, in order: a table row's one date said twice (key: the date), or
    the same words for the same day said again in a paragraph (2020年年底前 after each step: date and words)."""
    first: dict[object, object] = {}
    for d in found:
        first.setdefault(key(d), d)
    return list(first.values())


_EXPLAINS = re.compile(r"》\s*(?:的)?(?:政策)?(?:解读|图解)$")


# an owner note a report's item restates from its plan ((责任单位:区经济信息委)), not a table's (单位:件); and where the
# account of the item begins (1-6月,我区…; 此项工作已完成。截至…): the plan's words end there
_RESTATED = re.compile(r"[(〔](?:责任|牵头|配合|主责|协办)(?:单位|部门)\s*[::]")
_ACCOUNT = re.compile(r"\d{1,2}\s*[-—至~]\s*\d{1,2}\s*月(?:份)?[,，]|截至|截止|此项工作|该项工作|目前[,，]")


def build_tasks(norm: NormalizedText, outline: list[OutlineNode], genre: str | None) -> list[Task]:
    tasks = []
    folded = _folds(outline)
    for node, parent in task_nodes(outline, genre, folded):
        own_goals = is_container(node, folded) and node.role != "guidance"  # kept for its goals paragraph alone
        end = node.end if own_goals else max((n.end for n in node.walk()), default=node.end)
        end = node.end if not is_plan(genre) and node.role is None else end  # (a report's restated task: its own line)
        title = node.title or first_sentence(norm.text[node.start:end][len(node.label):].strip()) or node.label
        tasks.append(Task(
            number=node.number or 0, label=node.label, path=node.path, title=title,
            section=parent.title if parent is not None else None,
            text=norm.text[node.start:end], start=node.start, end=end,
            table_cells=node.cells, table_header=node.table_header,
            heading=(_heading_lines(parent.text), parent.start) if parent is not None else None,
            in_goals=node.role == "guidance" or own_goals,
        ))
    return tasks


def extract_normalized(norm: NormalizedText, *, source: str, raw: RawDocument | None = None) -> Extraction:
    from kg.extract import achievements, assignments, cell_targets, deadlines, metadata, obligations, restated, targets, themes

    outline = segment(norm.text)
    meta = metadata.extract_metadata(norm.text, outline, source=source)
    if raw is not None:
        meta.sha256, meta.encoding, meta.kind = raw.sha256, raw.encoding, raw.kind
    # (a page that explains a plan, 《…分工方案》政策解读, counts the plan's parts; it sets none of them)
    explains = bool(meta.title and _EXPLAINS.search(meta.title))
    result = Extraction(document=meta, outline=outline, text=norm.text, normalized=norm)
    metadata.as_written(result)  # (the title in the document's own script from here on)
    result.tasks = [] if explains else build_tasks(norm, outline, meta.genre)
    assignments.assign(result)
    assessed = len(POINTS.findall(norm.text)) >= 3  # a document that gives its items points: an assessment
    year = _document_year(meta)  # (the year a date without one falls in)
    for task in result.tasks:
        text, label = task.text, len(task.label)
        if task.label and text.startswith(task.label) and text[label: label + 1].isdigit():
            text = " " * label + text[label:]  # 2.50个小区…: the item's label glued to its count is no part of it
        task.targets = targets.find_targets(text, task.start, result.written)
        stop = task.text.find("。")
        if "。" not in task.text.split("\n", 1)[0]:
            stop = task.text.find("\n")  # (a heading on a line of its own: its body below)
        if stop > 0 and not task.table_cells:
            task.targets = restated.drop_restated(task.targets, result.text, task.start + stop)
        if task.table_cells:  # values whose measure is a column of its own: read with it
            stated = cell_targets.table_targets(task.table_cells, task.table_header or [])
            task.targets = [t for t in task.targets if not any(x.start <= t.end - 1 < x.end for x in stated)] + stated
            scores = _score_cells(task)  # 考核分值 | 5分: the item's weight in an assessment, not its target
            task.targets = [t for t in task.targets if t.qualitative or not any(a <= t.end - 1 < b for a, b in scores)]
        if assessed or POINTS.search(result.text, task.start, task.end):  # (3分): an assessment's points, its 分 all
            task.targets = [t for t in task.targets if t.qualitative or t.unit != "分"]  # points (每次报送1分,合计6分)
        steps = [(task.start + ln.start, task.start + ln.end) for ln in lines_of(task.text) if DATED_STEP.match(ln.text)]
        if len(steps) >= 2:  # 3-4月,…6所学校开复工 / 7-8月,…5所竣工: a schedule's steps toward the task's total
            task.targets = [t for t in task.targets if not any(a <= t.start < b for a, b in steps)]
        found = deadlines.find_deadlines(task.text, task.start, year=year or _one_year(task.text))
        if task.heading and STAGE.match(task.heading[0]):  # 第一时段(2008年4月30日前)。…: its items are due by its end
            head = task.heading[0].split("。", 1)[0]  # (its window: the words before its lead sentence)
            found += deadlines.find_deadlines(head, task.heading[1], year=year or _one_year(head))[-1:]
        # a table row's date said twice (its time cell, and again in its work: 于3月10日前) is one
        # deadline; in a paragraph two steps may fall due on one day
        if len(steps) >= 2:  # …and each step is due by its month's end (9月,…: no 底 or 前 said, yet a step's date)
            found = sorted(found + [d for a, b in steps if not any(a <= x.start < b for x in found)
                                    and (d := deadlines.step_deadline(result.text[a:b], a, year))],
                           key=lambda d: d.start)
        if task.table_cells:  # 进展情况 | 1-2月,…已完成: when the work got so far, not when it is due (a …前 is);
            # 承办时间 | 2018年10月: when it was taken on
            done = [(at, at + len(cell)) for (cell, at), head in zip(task.table_cells, task.table_header or [])
                    if column_kind(head) in ("progress", "start")] + _score_cells(task)
            found = [d for d in found if "前" in d.text or not any(a <= d.start < b for a, b in done)]
        task.deadlines = _first_of_each(found, (lambda d: d.date) if task.table_cells else (lambda d: (d.date, d.text)))
        if task.in_goals:  # 到2015年底…: where a goal of the plan aims, not when a task is due
            task.deadlines = [d for d in task.deadlines if not _AIM.search(result.text, max(0, d.start - 8), d.start)
                              and not d.text.startswith("到")]  # (到2015年底 in a plan of 2015: a goal still)
        if _GOALS_PART.match(task.title or "") or task.in_goals and _GOAL_LABEL.search(task.text):
            # 工作目标 / 总体要求 / a 目标任务: paragraph kept for its targets: its dates are horizons
            task.deadlines = []
        if not is_plan(meta.genre) and (told := _ACCOUNT.search(task.text, len(task.label))):  # (the plan's words only)
            task.targets, task.deadlines = ([x for x in found if x.start < task.start + told.start()]
                                            for found in (task.targets, task.deadlines))
        task.obligations = obligations.find_obligations(task.text, task.start)
    _catalogue_due(result, year)
    result.horizon = deadlines.find_horizon(norm.text, outline)
    if meta.genre is None and result.tasks and not any(t.lead or t.responsible or t.cooperating or t.targets or t.deadlines
                                                        for t in result.tasks) and _counts_told(norm.text) >= 3:
        meta.genre, result.tasks = "annual_report", []  # parts that name no owner, aim or time, in a text telling counts: an account
    themes.assign_themes(result)
    achievements.extract_report(result)
    if is_plan(meta.genre) and not result.tasks and norm.text.strip() and not explains and not result.achievements:
        # a plan that gave no task: its text is in a layout the tool does not read — shown, not silent
        first = next((n for n in outline if n.role != "preamble"), None)
        start = first.start if first is not None else 0
        head = norm.text[start:start + 60].split("\n")[0]  # (its place: where the body starts)
        result.unparsed_notes.append(UnparsedNote(head, start, start + len(head),
                                                  "a plan in which no task was read: its layout may be one the tool does not read"))
    return result


def _counts_told(text: str) -> int:
    """How many counts of things the text states with their measure (办理案件35件, 培训120人次; not shares)."""
    from kg.extract.quantities import quantities

    return sum(1 for q in quantities(text) if q.unit and q.unit != "%")


def _score_cells(task) -> list[tuple[int, int]]:
    """The spans of a table row's cells whose values are no target: points (分值, 权重), a starting
    value (基期值), the indicator's kind (指标属性) — and, in a table with a progress column, the text
    of the row no cell holds (区投促局:对楼宇信息全面掌握…: each unit's progress, a paragraph after the owners)."""
    cells = list(zip(task.table_cells, task.table_header or []))
    spans = [(start, start + len(cell)) for (cell, start), head in cells if column_kind(head) in NO_TARGET_KINDS]
    if any(column_kind(head) == "progress" for _, head in cells):
        at = task.start
        for a, b in sorted((start, start + len(cell)) for (cell, start), _ in cells if cell) + [(task.end, task.end)]:
            spans += [(at, a)] if a > at else []
            at = max(at, b)
    return spans


def _heading_lines(text: str) -> str:
    """A section's heading line and the note lines right under it (一、加强审核 / 牵头单位:县司法局),
    which speak for the items below as a note in the heading's own brackets does."""
    lines = text.split("\n")
    keep = 1
    while keep < len(lines) and NOTE_LINE.match(lines[keep].strip()):
        keep += 1
    return "\n".join(lines[:keep])


_AIM = re.compile(r"到(?:(?:19|20)\d{2}年?)?$")  # 到2015年底: the year a goal aims at
_A_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年(?!以来|来|前后|以前)")  # (2003年以来: a look back, not the year of its dates)


def _one_year(text: str) -> int | None:
    """The one year a task's text names (我市2023年违法建设目标任务), for its dates without one where the
    document gives none."""
    years = set(_A_YEAR.findall(text))
    return int(years.pop()) if len(years) == 1 else None


def _document_year(meta) -> int | None:
    """The year a deadline without one belongs to: the document's year, else its date's, else the
    year its number was issued in."""
    if meta.year:
        return meta.year
    if meta.date:
        return int(meta.date[:4])
    m = re.search(r"[〔\[(【]((?:19|20)\d{2})[〕\])】]", meta.doc_number or "")
    return int(m[1]) if m else None  # (武府办〔2023〕12号: the year it was issued in)


def extract_raw(raw: RawDocument) -> Extraction:
    result = extract_normalized(normalize(raw.text), source=Path(raw.path).name, raw=raw)
    if raw.ocr:  # pages and lowered confidences (kg.ingest.ocr)
        from kg.ingest.ocr import mark

        mark(result)
    return result


def extract_path(path: str | Path, *, ocr: bool = False) -> Extraction:
    """Load and extract one file; with ``ocr``, scans and page images are read by OCR."""
    from kg.ingest.load import load

    return extract_raw(load(Path(path), ocr=ocr))


def extract_text(text: str, *, source: str = "<text>") -> Extraction:
    return extract_normalized(normalize(text), source=source)


def summary(result: Extraction) -> dict[str, object]:
    """Counts a person checks first: outline levels, tasks, and what was found in them."""
    counts = outline_counts(result.outline)
    task_sections = {id(n) for n in iter_nodes(result.outline) if n.kind == "section" and n.heading
                     and any(c.kind != "block" for c in n.children) and n.role is None}
    return {
        "source": result.document.source,
        "title": result.document.title,
        "genre": result.document.genre,
        "parts": counts["parts"],
        "sections": counts["sections"],
        "task_sections": len(task_sections),
        "items": counts["items"],
        "paragraphs": counts["paragraphs"],
        "tasks": len(result.tasks),
        "tasks_with_lead": sum(1 for t in result.tasks if t.lead),
        "unit_mentions": sum(len(t.lead) + len(t.responsible) + len(t.cooperating) for t in result.tasks),
        "targets": sum(1 for t in result.tasks for x in t.targets if not x.qualitative),
        "qualitative_targets": sum(1 for t in result.tasks for x in t.targets if x.qualitative),
        "deadlines": sum(len(t.deadlines) for t in result.tasks),
        "obligations": sum(len(t.obligations) for t in result.tasks),
        "achievements": len(result.achievements),
        "tasks_without_owner": sum(1 for t in result.tasks if not (t.lead or t.responsible or t.cooperating)),
        "unparsed_notes": len(result.unparsed_notes),
    }
