"""The outline: parts 一、, sections (一), items 1./1、, sub-items (1), report paragraphs 一是.

Levels are ranked, not fixed: a document may skip a level (a city scheme numbers its items
(一)…(四十) with no parts above them) and numbering restarts inside each parent.  A numbered
line without a full stop is a heading; with one it is a body item whose first sentence is its
title.  Unnumbered lines continue the deepest open node, except site debris, which is dropped,
and the closing paragraphs of a document (problems, next year's plans, implementation
requirements), which become top-level blocks.
"""

from __future__ import annotations

import re

from kg.ingest.lines import (
    HEADING_MAX,
    Line,
    align_row,
    cells_of,
    cells_or_pair,
    is_lower_header,
    is_task_table_header,
    lines_of,
    merge_header,
)
from kg.ingest.patterns import (
    ARTICLE,
    CIRCLED,
    PHOTO,
    DEBRIS_LINE,
    HALF_PAREN,
    INLINE_PARAGRAPH,
    NEXT_PARAGRAPH,
    ITEM,
    ORDINAL,
    STAGE,
    PARAGRAPH,
    PART,
    ROLE_LABEL,
    SECTION,
    SECTION_CHAR,
    SENTENCE_END,
    SUBITEM,
)
from kg.ingest.closing import CLOSING_PLANS, CLOSING_PROBLEMS, detach_closing
from kg.ingest.headless import headless_rows
from kg.ingest.noted import mend_labels
from kg.ingest.paths import assign_paths
from kg.ingest.notice import mark_notice
from kg.ingest.numbering import Numbers, bare_item, bare_numbers
from kg.ingest.records import flattened_rows, grouped_rows, labelled_records
from kg.ingest.rows import first_sentence, join_broken_rows, table_row, unnumbered_row
from kg.ingest.split_cells import rejoin_cells
from kg.ingest.divisionrows import division_rows
from kg.ingest.itemrows import item_rows
from kg.ingest.vertical import vertical_tables
from kg.model import OutlineNode
from kg.numerals import cn_number
from kg.vocab import PROGRESS_WORDS, column_kind

# kind, rank, pattern, label format — rank decides nesting: a node closes every open node of
# equal or deeper rank.
_LEVELS: tuple[tuple[str, int, re.Pattern[str], str], ...] = (
    ("part", 0, PART, "{}、"),
    ("part", 0, ARTICLE, "第{}"),
    ("section", 1, SECTION, "({})"),
    ("section", 1, STAGE, "{}"),
    ("section", 1, SECTION_CHAR, "{}"),
    ("item", 2, ITEM, "{}."),
    ("item", 2, PHOTO, "图{}"),
    ("subitem", 3, SUBITEM, "({})"),
    ("subitem", 3, CIRCLED, "{}"),
    ("subitem", 3, HALF_PAREN, "{})"),
    ("paragraph", 4, PARAGRAPH, "{}是"),
    ("paragraph", 4, ORDINAL, "第{}"),
)
_RANK = {"block": -1, "part": 0, "section": 1, "item": 2, "subitem": 3, "paragraph": 4}


# Titles that mark a part as something other than tasks.
# (roles also include "preamble", "notice" — a covering notice's own points — and "closing")
ROLE_TITLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("guidance", re.compile(r"^(?:指导思想|总体要求|主要原则|基本原则|工作原则|总体目标|工作目标|主要目标|目标任务|目标要求|总体思路|工作思路|基本思路"
                            # why the plan was written, and a body of rules' general chapter
                            r"|(?:制定|编制|起草|出台)(?:背景|依据|目的)|总则$)|^《[^》]{1,30}》(?:出台|制定|起草)?背景$"
                            # 准确把握法治政府建设总体要求: a short heading that ends with one
                            r"|^[\u4e00-\u9fff]{0,16}(?:总体要求|指导思想|基本原则|工作原则|分工原则|分解原则|总体思路|基本要求)$|^(?:充分|深刻)?认识[^。]{0,40}(?:重要意义|重大意义)$")),
    ("requirements", re.compile(r"^(?:工作要求|保障措施|组织实施|组织保障|实施步骤|工作步骤|有关要求|相关要求|组织领导|附则"
                                r"|活动主题|活动对象|实施范围|适用范围)$"
                                # a notice's demands: 统一思想抓落实, 强化督查促落实; the leadership the work needs
                                # (加强推行行政执法责任制工作的领导 — not the Party's leadership, a task of the genre)
                                r"|^[\u4e00-\u9fff]{2,8}(?:抓落实|促落实)$|^加强(?!党)[\u4e00-\u9fff]{0,20}工作的领导$"
                                # 市人民政府重大行政决策事项组织实施具体要求:①…: a catalogue's rules for its items
                                r"|^[\u4e00-\u9fff]{2,30}(?:具体要求|有关要求|工作要求)(?:[::]|$)")),
    ("problems", re.compile(r"(?:存在的问题|存在问题|问题和不足|不足之处|薄弱环节)")),
    ("plans", re.compile(r"(?:下一步|下一阶段|今后|工作安排|工作打算|工作思路|重点工作安排|20\d\d年工作(?!开展|情况|总结|成效|回顾|完成|进展))")),
)


# An outline number written inside a line, after a sentence or a note has ended: documents saved
# as one long line ("…。〔省委编办牵头〕 (二)精简行政许可事项。…").
_CUT_ROW = re.compile(r"\s*\d{1,4}\s*\|\s*\S")
_PROGRESS_FIELD = re.compile(r"\s*(?:" + "|".join(PROGRESS_WORDS) + r")\s*[::]")
_INLINE_MARK = re.compile(
    r"(?:(?<=[。;!?)〕])|(?<=如下:)|(?<=分别为:)|(?<=包括:)|(?<=主要有:)|(?<=是:))[ ]*(?P<mark>(?P<part>[一二三四五六七八九十]{1,3})、|[(〔](?P<section>[一二三四五六七八九十]{1,3})[)〕]"
    r"|(?P<item>\d{1,4})[.、](?!\d)|\((?P<subitem>\d{1,4})\))"
    r"|(?<=\d )(?P<mark2>(?P<item2>\d{1,4})[.、](?![\d\s]))")  # …实际完成 12 0 24 4.新投放…: after a table's figures
# A part's heading followed on the same line by its first section: "一、依法全面履行政府职能(一)依法依规…"
_TITLE_THEN_PART = re.compile(r"[^。;!?()〔〕\n]{4,64}?(?=一、)")
_HEAD_THEN_FIRST = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[(〔][一二三四五六七八九十]{1,3}[)〕])[^。;!?()〔〕]{2,60}?(?=[ ]*(?:[(〔]一[)〕]|1[.、](?!\d)))")
# …whose items are numbered on from the part before: "二、压实第一责任人职责 2.将法治建设…"
_HEAD_THEN_ITEM = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[(〔][一二三四五六七八九十]{1,3}[)〕])[^。;!?()〔〕]{2,60}?"
                             r"(?=[ ]*(?P<n>\d{1,4})[.、](?!\d))")


def _split_line(line: Line, numbers: Numbers) -> list[Line]:
    """A line cut where an outline number starts inside it (the next one at its level); a table's
    row (| 1 | … 1.理论学习;2.… |) is never cut: numbers inside its cells are the cell's own."""
    cells = cells_of(line)
    if cells is not None and sum(1 for c, _ in cells if c) >= 3 and cells[0][0].rstrip(".、").isdigit() \
            or _PROGRESS_FIELD.match(line.text):
        return [line]  # (项目进展:1.古商城北片区:…2.…: the progress of the task above, told part by part)
    cuts: list[int] = []
    probe = Numbers()
    probe.last = dict(numbers.last)
    first = _outline_number(line.text, numbers)
    if first:
        probe.see(first[0], first[3])
    head = _HEAD_THEN_FIRST.match(line.text)
    if head:
        cuts.append(head.end())
    elif not first:  # "2023年依法治镇工作一、认真贯彻…1、认真…": a title running into the first part
        title = _TITLE_THEN_PART.match(line.text)
        head = _HEAD_THEN_FIRST.match(line.text, title.end()) if title else None
        if head:
            cuts += [title.end(), head.end()]
            probe.see("part", 1)
            probe.see("section" if line.text[head.end():].lstrip(" ")[:1] in "(〔" else "item", 1)
    items = probe.last["item"]  # the last item number, never reset by a part: items may be numbered on across parts
    for m in _INLINE_MARK.finditer(line.text):
        if m["item2"]:  # (only the next item: a count before a full stop is not one)
            if items and int(m["item2"]) == items + 1:
                cuts.append(m.start("mark2"))
                probe.see("item", items + 1)
                items += 1
            continue
        kind = "part" if m["part"] else "section" if m["section"] else "item" if m["item"] else "subitem"
        number = cn_number(m[kind])
        if probe.fits(kind, number) or kind == "item" and items and number == items + 1:
            cuts.append(m.start("mark"))
            probe.see(kind, number)
            items = number if kind == "item" else items
            if kind in ("part", "section"):  # its heading may run straight into its first section or item
                head = _HEAD_THEN_FIRST.match(line.text, m.start("mark"))
                if head:
                    cuts.append(head.end())
                    inner = line.text[head.end():].lstrip(" ")
                    probe.see("section" if inner[:1] in "(〔" else "item", 1)
                    items = 1 if inner[:1] not in "(〔" else items
                elif items and (on := _HEAD_THEN_ITEM.match(line.text, m.start("mark"))) and int(on["n"]) == items + 1:
                    cuts.append(on.end())
                    probe.see("item", items + 1)
                    items += 1
    if first and first[0] == "paragraph":  # 一是…;二是…(X牵头)三是… in one line: a paragraph each, as on lines of their own
        expected = first[3] + 1
        for m in NEXT_PARAGRAPH.finditer(line.text):
            if cn_number(m["num"]) == expected:
                cuts.append(m.start("num"))
                expected += 1
    elif not first and not cuts and not any(numbers.last.values()):
        # a page with no numbered part yet: …共涉及20项。一是…。二是…, a list each from its 一是 on
        run = []  # (the marks numbered 1, 2, 3 … in turn from the first)
        for m in (m for m in INLINE_PARAGRAPH.finditer(line.text) if m.start() > 0):
            if cn_number(m["num"]) != len(run) + 1:
                break
            run.append(m.start("num"))
        if len(run) >= 3:
            cuts.extend(run)
    if not cuts:
        return [line]
    out, start = [], 0
    for cut in sorted(set(cuts)):
        piece = line.text[start:cut]
        if piece.strip():
            out.append(Line(line.start + start, line.start + start + len(piece.rstrip()), piece.rstrip()))
        start = cut
    piece = line.text[start:]
    out.append(Line(line.start + start, line.start + len(line.text), piece))
    return out


# a covering notice's list of what it sends: 附件:1.红羊乡“谁执法谁普法”四个清单工作分解表
_ATTACHMENT_LIST = re.compile(r"^附件\s*[::]\s*(\d{1,2})\s*[.、]")
def _classify(line: str) -> tuple[str, int, str, int | None, str] | None:
    for kind, rank, pattern, fmt in _LEVELS:
        m = pattern.match(line)
        if m:
            num = cn_number(m.group("num"))
            if num is None:
                continue
            label = m.group("label") if "label" in pattern.groupindex else fmt.format(m.group("num"))
            return kind, rank, label, num, m.group("rest")
    return None


# Items and sub-items run past 999 in long task lists; a four-digit number at a line's start is
# one of them only as the next number at its level (1000. after 999.), so a year (2021、2022年…)
# or a count never opens an item.
_LONG_NUMBER = 1000
# the next item's number glued to a count its text opens with (1.…台 / 2.50个小区新增…): a count of 个 has no decimals
_GLUED_COUNT = re.compile(r"(?P<num>\d{1,3})\.\d{1,4}(?:个|家|所|台|栋|户|处|座|辆|套|间|支|条)")


def _outline_number(line: str, numbers: Numbers) -> tuple[str, int, str, int | None, str] | None:
    """The outline number a line starts with, if any (see :func:`_classify`)."""
    found = _classify(line)
    glued = _GLUED_COUNT.match(line) if found is None and numbers.last["item"] else None
    if glued and int(glued["num"]) == numbers.last["item"] + 1:  # 2.50个小区…: item 2 whose text opens with a count
        return "item", _RANK["item"], f"{glued['num']}.", int(glued["num"]), line[glued.end("num") + 1:]
    if found and found[0] in ("item", "subitem") and (found[3] or 0) >= _LONG_NUMBER \
            and found[3] != numbers.last[found[0]] + 1:
        return None
    return found


def _is_heading(rest: str) -> bool:
    return bool(rest) and not SENTENCE_END.search(rest) and not ROLE_LABEL.search(rest) and len(rest) <= HEADING_MAX


def segment(text: str) -> list[OutlineNode]:
    """The outline of a normalized text: a list of top-level nodes in document order."""
    roots: list[OutlineNode] = []
    stack: list[OutlineNode] = []
    preamble: OutlineNode | None = None
    grown: dict[int, OutlineNode] = {}  # nodes whose text went on over later lines
    table_header: list[str] | None = None
    header_rows = 0  # rows of the current table's header seen so far (0 once a row came)
    attachment = 0  # the number the next line of a notice's list of attachments would have
    table_rows = 0  # rows of the current table so far
    last_header: list[str] | None = None
    numbers = Numbers()
    run = bare_numbers(text.split("\n"))
    padded = False  # the current table's header came from labelled records
    top = False  # the body's top level is its paragraphs (一是, 二是), no part above them
    text_end = len(text.rstrip())  # (where the last line ends: found once, not again at every row)
    for line in (piece for whole in grouped_rows(headless_rows(join_broken_rows(labelled_records(flattened_rows(division_rows(vertical_tables(item_rows(rejoin_cells(lines_of(text), text)), text)))), text))) for piece in
                 ([whole] if whole.cells else _split_line(whole, numbers))):
        if DEBRIS_LINE.match(line.text):
            continue
        # (a row of two cells only in a table of two columns)
        cells = line.cells if line.cells is not None else cells_or_pair(line, table_header is not None and len(table_header) == 2)
        if cells is None and table_header is not None and line.end >= text_end and (
                _CUT_ROW.match(line.text) or "number" not in map(column_kind, table_header) and line.text.count("|") == 1
                and not line.text.lstrip()[:1].isdigit()):
            cells = cells_of(line, 2)  # 7 | 增设10家…: the last row, cut by the page's end after its second cell
            # (统战重点工作任务 | 第一季度:… in a table with no number column: its first cell and the second begun)
        if cells is None and table_header is not None and header_rows == 1 and "|" in line.text:
            names = [c.strip() for c in line.text.split("|")]
            if is_lower_header(names):  # 牵头单位 | 配合单位: a lower header row of two cells
                table_header, header_rows = merge_header(table_header, names), 2
                continue
        if cells is not None:
            names = [c for c, _ in cells]
            if table_header is not None and header_rows == 1 and is_lower_header(names):
                table_header, header_rows = merge_header(table_header, names), 2  # a two-row header
                continue
            if is_task_table_header(names):  # (the same header printed again over the next block: its rows go on counting)
                table_rows = table_rows if names == last_header else 0
                table_header, last_header, header_rows, padded = names, names, 1, line.padded
                continue
            header_rows = 0
            # the page's last line, cut before its row ends: its cells are the first columns'
            # (a row put together from cells one per line was completed there: kg.ingest.lines)
            cut = line.cells is None and not line.text.rstrip().endswith("|") and line.end >= text_end
            row = align_row(cells, table_header, cut=cut) if table_header is not None else None
            place = None
            if row is None and table_header is not None:
                row = unnumbered_row(cells, table_header, padded=padded)
                place = table_rows + 1 if row is not None and not row[0][0][0] else None
            if row is not None:
                # (a row numbered in its own cell — 绩效目标 | 1.通过… — takes no place of the rows counted by theirs)
                table_rows += 1 if place is not None or "number" in map(column_kind, table_header) else 0
                node = table_row(row[0], row[1], line, place)
                while stack and _RANK[stack[-1].kind] >= _RANK["item"]:
                    stack.pop()
                (stack[-1].children if stack else roots).append(node)
                stack.append(node)
                continue
        found = _outline_number(line.text, numbers) or bare_item(line.text, numbers, run)
        listed = _ATTACHMENT_LIST.match(line.text)
        if listed:  # 附件:1.…分解表 — the notice lists what it sends
            attachment = int(listed.group(1)) + 1
        elif attachment and found and found[0] == "item" and found[3] == attachment \
                and "。" not in line.text and len(line.text) <= 80:
            found, attachment = None, attachment + 1  # 2.…考核评价办法: the next attachment, not an item
        else:
            attachment = 0
        if cells is None and not (found and found[0] in ("part", "section")):
            table_header = None  # a task table ends at a line that is neither a row nor a group heading
        if found:
            kind, rank, label, number, rest = found
            numbers.see(kind, number)
            heading = _is_heading(rest)
            node = OutlineNode(
                kind=kind, label=label, number=number,
                title=rest.split("|", 1)[0].strip() if heading else first_sentence(rest),
                text=line.text, start=line.start, end=line.end, heading=heading,
            )
            if kind == "part":
                top = False  # (the outline's own parts: 一是 … is a paragraph inside them again)
            while stack and (-1 if top and stack[-1].kind == "paragraph" else _RANK[stack[-1].kind]) >= (
                    -1 if top and kind == "paragraph" else rank):
                stack.pop()
            # 一是扎实推进产业强镇。/ (一)中药材种植产业园项目…: paragraphs 一是, 二是 that open the body, before
            # any part, are its top level, the sections under them theirs
            top = top or kind == "paragraph" and not stack and not any(r.kind != "block" for r in roots)
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
        elif stack:
            stack[-1].end = line.end  # (its text is cut once below: a slice a line would be quadratic)
            grown[id(stack[-1])] = stack[-1]
        else:
            if preamble is None:
                preamble = OutlineNode(kind="block", label="", number=None, title=line.text,
                                       text=line.text, start=line.start, end=line.end, heading=False, role="preamble")
                roots.append(preamble)
            else:
                preamble.end = line.end
                grown[id(preamble)] = preamble
    for node in grown.values():
        node.text = text[node.start: node.end]
    detach_closing(roots, text)
    mend_labels(roots)
    mark_notice(roots)
    assign_paths(roots)
    _assign_roles(roots)
    return roots


def _title_role(title: str) -> str | None:
    for role, pattern in ROLE_TITLES:
        if pattern.search(title):
            return role
    return None


def _assign_roles(nodes: list[OutlineNode], inherited: str | None = None) -> None:
    for node in nodes:
        if node.role is None:
            role = _title_role(node.title) if node.kind in ("part", "section", "block") else None
            if node.kind == "block" and role is None:
                if CLOSING_PROBLEMS.search(node.text):
                    role = "problems"
                elif CLOSING_PLANS.search(node.text):
                    role = "plans"
                else:
                    role = "closing"
            node.role = role or inherited
        _assign_roles(node.children, node.role)


def iter_nodes(roots: list[OutlineNode]):
    for root in roots:
        yield from root.walk()


def outline_counts(roots: list[OutlineNode]) -> dict[str, int]:
    """Numbers of parts, sections, items, sub-items and report paragraphs."""
    counts = dict.fromkeys(("parts", "sections", "items", "subitems", "paragraphs", "blocks"), 0)
    for node in iter_nodes(roots):
        counts[node.kind + "s"] += 1
    return counts
