"""Task tables whose cells a page's text runs together with nothing between them, as a scraper
that joins a table's cells gives it:

    序号重点任务牵头单位配合单位完成时限
    1健全重大行政决策程序制度县司法局县政府办2024年6月底前
    2全面推行行政执法公示制度县司法局县直各执法单位2024年12月底前

The header is a run of column heads the vocabulary knows (序号, 重点任务, 牵头单位 …), each one
whole.  A row opens with the next number; from its end, a time (when the header has a time
column), then the owners: names that open with a place's or a collective's first character
(县, 区, 市, 各 …) and end as a body's name does, one cell ending where a body's name ends and the
next begins without a 、 between them (names a 、 joins share their cell).  What stands before the
owners is the task.  Rows are written with `` | `` between their cells, so that the task table
reader reads them; a row that does not read so ends the table, and the rest stays as written."""

from __future__ import annotations

import re
from itertools import islice

from kg.ingest.lines import is_task_table_header
from kg.ingest.offsets import Offsets, cells_text, offset_at, rewrite
from kg.ingest.patterns import ROLE_LABELS, owner_cell
from kg.vocab import ROLE_KEYS, TABLE_COLUMNS, column_kind

_HEAD_WORDS = frozenset(w for _, words in TABLE_COLUMNS for w in words if len(w) >= 2) | frozenset(ROLE_LABELS)
_MODIFIERS = frozenset(("主要", "重点", "具体", "年度"))  # (主要工作任务: a head word so qualified)
_LONGEST_HEAD = max(map(len, _HEAD_WORDS)) + 2
_ROW = re.compile(r"^(?P<num>\d{1,3})(?![\d年月日%])[.、.]?(?=[\u4e00-\u9fff])")
_TIME_END = re.compile(
    r"(?:(?:(?:19|20)\d{2}年)?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月)?(?:\d{1,2}日)?(?:底|末|中旬|上旬|下旬|年底|年内|内)?"
    r"(?:前|以前|之前|完成)?|持续推进|长期坚持|长期推进|长期|持续|常态化推进|常态化|全年|年内)$")
_TIME_WORD = re.compile(r"年|月|持续|长期|常态|全年")
_OPENS = "县区市省州盟旗各镇乡团"  # a name's first character: its place's level, or 各 / 团(县委)
_ENDS = "局委办院府心门位厅镇乡道部室所队站会"  # a name's last character (区司法局, 县政府办, 各乡镇)
_MOST_NAME = 15  # (县委全面依法治县委员会办公室: 14)


def _header(line: str) -> list[str] | None:
    """The heads of a run-together header (序号重点任务牵头单位…), fewest pieces, or None."""
    if not 6 <= len(line) <= 60 or not line.startswith(("序号", "编号")):
        return None
    best: list[list[str] | None] = [None] * (len(line) + 1)  # best[i]: fewest heads covering line[:i]
    best[0] = []
    for i in range(len(line)):
        if best[i] is None:
            continue
        for k in range(2, min(_LONGEST_HEAD, len(line) - i) + 1):
            word = line[i:i + k]
            if (word in _HEAD_WORDS or word[:2] in _MODIFIERS and word[2:] in _HEAD_WORDS) and (best[i + k] is None or len(best[i]) + 1 < len(best[i + k])):
                best[i + k] = [*best[i], word]
    heads = best[len(line)]
    if not heads or len(heads) < 3 or not is_task_table_header(heads):
        return None
    # the shape a row can be read in: 序号, one work column, the owners, a time, a remark
    shape = "".join("n" if k == "number" else "w" if k in ("task", "measure") else "o" if k in ROLE_KEYS
                    else "t" if k == "time" else "r" if k == "remark" else "?" for k in map(column_kind, heads))
    return heads if re.fullmatch(r"nwo{1,3}t?r?", shape) else None


def _owner_cells(text: str) -> tuple[int, list[tuple[int, int]]] | None:
    """Where the owners start in ``text`` and the spans of their cells, or None when it does not
    end in owners.  The leftmost start from which the rest reads as names only wins."""
    # a cell ends where a name ends and the next opens: the same places whatever the start
    bounds = [q for q in range(1, len(text)) if text[q] in _OPENS and text[q - 1] in _ENDS] + [len(text)]
    whole_after = [False] * len(bounds)  # whole_after[k]: the cells from bounds[k] to the end are names
    whole_after[-1] = True
    for k in range(len(bounds) - 2, -1, -1):
        whole_after[k] = whole_after[k + 1] and _names(text[bounds[k]:bounds[k + 1]])
    k = 0
    for p in range(4, len(text)):  # (a task of four characters at least)
        while bounds[k] <= p:
            k += 1
        if text[p] in _OPENS and whole_after[k] and _names(text[p:bounds[k]]):
            cuts = [p, *bounds[k:]]
            return p, list(zip(cuts, cuts[1:]))
    return None


def _names(cell: str) -> bool:
    return owner_cell(cell) and all(len(n) <= _MOST_NAME for n in cell.split("、"))


def glued_tables(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """Every run-together task table written with `` | `` between its cells."""
    if "序号" not in text and "编号" not in text:
        return text, offsets
    edits: list[tuple[int, int, str, Offsets]] = []
    heads: list[str] | None = None
    header: tuple[int, int, str, Offsets] | None = None
    kinds: list[str | None] = []
    expected = 0
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        row = _row(line, kinds, expected) if heads else None
        if row is None and heads and len(line) <= 40 and _RUN_PART.match(line.strip()):
            continue  # a part's label between rows (一、主要发展指标), or a page's mark (—2—)
        if row is None and heads and expected > 2 and pos >= len(text) and (m := _ROW.match(line)) and int(m["num"]) == expected:
            # the page's end cuts the last row inside its task: its number and task, its owners not given
            row = [[m.span("num")], [(m.end(), len(line.rstrip()))]] + [[(len(line), len(line))]] * (len(heads) - 2)
        if row is not None:
            if header is not None:  # (a header is written as one only once a row follows it)
                edits.append(header)
                header = None
            edits.append((start, start + len(line), *cells_text(text, offsets, start, row)))
            expected += 1
            continue
        heads = _header(line.strip()) if "|" not in line and len(line) <= 60 else None
        if heads:
            kinds = [column_kind(h) for h in heads]
            expected = 1
            at, cells = start + len(line) - len(line.lstrip()), []
            for h in heads:
                cells.append([(at - start, at - start + len(h))])
                at += len(h)
            header = (start, start + len(line), *cells_text(text, offsets, start, cells))
    return rewrite(text, offsets, edits)


def _row(line: str, kinds: list[str | None], expected: int) -> list[list[tuple[int, int]]] | None:
    """The cells of a run-together row numbered ``expected`` under heads of ``kinds``, each as the
    spans of its pieces (names one cell takes several of)."""
    m = _ROW.match(line)
    if m is None or int(m.group("num")) != expected or "|" in line or len(line) > 400:
        return None
    end = len(line.rstrip())
    tail = kinds[:]
    while tail and tail[-1] == "remark":  # 备注 last: its cells mostly empty
        tail.pop()
    time = None
    if tail and tail[-1] == "time":
        tail.pop()
        t = _TIME_END.search(line, m.end(), end)
        if t and t.start() < t.end() and _TIME_WORD.search(t.group()):
            time, end = (t.start(), t.end()), t.start()
    owners_wanted = sum(1 for k in tail if k in ROLE_KEYS)
    work = line[m.end():end]
    found = _owner_cells(work) if owners_wanted else None
    if found is None:
        return None
    p, cells = found
    cells = [(m.end() + a, m.end() + b) for a, b in cells]
    groups: list[list[tuple[int, int]]] = [[c] for c in cells]
    if len(groups) > owners_wanted:  # the last column takes what the others leave, a 、 between names
        groups = groups[:owners_wanted - 1] + [cells[owners_wanted - 1:]]
    groups += [[(cells[-1][1], cells[-1][1])]] * (owners_wanted - len(groups))
    spans = [[m.span("num")], [(m.end(), m.end() + p)], *groups]
    if "time" in kinds:
        spans.append([time or (end, end)])
    if kinds[-1] == "remark":
        spans.append([(len(line), len(line))])
    return spans


# A Word table's text layer on a document-sharing site may hold the whole page as one run, with the
# header and its rows run together in it ("…落实方案工作重点序号主要工作任务第一责任单位主要责任单位一、主要
# 发展指标1地区生产总值年均增长12%左右。市发展改革委各县(市、区)政府2服务业…"): the run is cut
# into lines first — before the header, after it, and before each row's number, part label and page
# mark — so that the rows above read as rows.
_RUN_NUMBER = re.compile(r"(?<![\d.])(?P<n>\d{1,3})(?![\d.%])(?=[\u4e00-\u9fff])")
_RUN_PART = re.compile(r"[—-]\d{1,3}[—-]|[一二三四五六七八九十]{1,3}、")
_RUN_LINE = 120  # (a line shorter than this is a line of its own, read as such)
_RUN_ENDS = _ENDS + "区组)"  # (…嘉兴港区2服务业…: a row ends where its last name does)


def glued_runs(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """Every long line holding a run-together header and rows, cut into a line a row."""
    if "序号" not in text and "编号" not in text:
        return text, offsets
    cuts: list[int] = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if len(line) >= _RUN_LINE and "|" not in line:
            cuts += [start + c for c in _run_cuts(line)]
    if not cuts:
        return text, offsets
    return rewrite(text, offsets, [(c, c, "\n", [offset_at(offsets, c)]) for c in sorted(set(cuts))])


def _run_cuts(line: str) -> list[int]:
    for m in islice(re.finditer("序号|编号", line), 3):  # (a few tries a line: linear in a line of any length)
        end = next((m.start() + k for k in range(min(60, len(line) - m.start()), 5, -1)
                    if _header(line[m.start(): m.start() + k]) and line[m.start() + k: m.start() + k + 1] in "1一"), None)
        if end is None:
            continue
        cuts, expected, parted = [m.start(), end], 1, True
        parts = list(_RUN_PART.finditer(line, end))
        k = 0
        for num in _RUN_NUMBER.finditer(line, end):
            while k < len(parts) and parts[k].start() < num.start():
                if line[parts[k].start() - 1: parts[k].start()] in _RUN_ENDS or parts[k].start() == end:
                    cuts.append(parts[k].start())
                    parted = True
                k += 1
            if int(num["n"]) == expected and (parted or line[num.start() - 1] in _RUN_ENDS):
                cuts.append(num.start())
                expected, parted = expected + 1, False
        return cuts if expected > 2 else []
    return []
