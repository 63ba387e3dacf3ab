"""Figures in the rows of the 政府信息公开 annual report's template tables, whose header the page
broke beyond reading.

The template tables (收到和处理政府信息公开申请情况, 政府信息公开行政复议、行政诉讼情况) have headers of
two or three rows with cells merged across them; pages print them flattened, so no header is left
to read, yet each row still gives its values after its name:

    一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |

or a cell a line (the name, then each value on a line of its own), or, for the row of 行政复议 and
行政诉讼 results, values alone (0 0 0 … 0, fifteen of them).  Each value is a figure of what its row
names; its measure is the one the name gives (…件数 → 件), else none.  A statistics table whose
header does read (自然人 | 法人或其他组织 | 总计, a piece of the flattened one) leaves these rows to
this reader.  Only the template's rows are read so (their names are fixed by the national format,
国务院办公厅政府信息公开办公室《中华人民共和国政府信息公开工作年度报告格式》, 2019 and 2021 editions): a row
of bare values elsewhere may count in a measure only its table's title says."""

from __future__ import annotations

import re

from kg.extract.statgrid import GridCell, grid_lines
from kg.ingest.statheads import VALUE, head_kind, measure_named
from kg.model import Achievement

_BARE = re.compile(r"^\d{1,9}(?:\.\d{1,4})?$")  # a value with no measure of its own
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[((][一二三四五六七八九十\d]{1,3}[))]|\d{1,2}[.、．])\s*")
# 0 0 0 … 0: a row of values with no name, at a line's end (the heads' words before it, where the
# page's line breaks were joined)
_VALUES_ONLY = re.compile(r"(?<![\d.])(?:\d{1,9}[ \t]+){4,30}\d{1,9}[ \t]*$")
_LEAST = 2  # values a named row gives at least (one is any line's number)
# the template's row names, by their words (申请数量, 予以公开, 属于国家秘密, 信访举报投诉类申请 …)
_TEMPLATE_ROW = re.compile(r"申请数量|予以公开|部分公开|不予公开|国家秘密|禁止公开|三安全一稳定|第三方合法权益|内部事务信息|过程性信息"
                           r"|行政执法案卷|行政查询事项|不掌握|另行制作|仍不明确|无法提供|不予处理|信访举报投诉|重复申请|公开出版物"
                           r"|大量反复申请|重新出具|不再处理|其他处理|^其他$|^总计$|结转下年度")
_TEMPLATE = re.compile(r"政府信息公开(?:申请|工作年度报告|年度报告)")
_REVIEW_HEAD = re.compile(r"行政复议[^\n]{0,40}\n?[^\n]{0,40}行政诉讼")
_MOST = 30


def _name(cell: GridCell) -> str | None:
    """The row's name if the cell is one: words (not a value, a number, a time or a column's head kind
    that is no name), short."""
    text = cell.text.strip()
    if not text or len(text) > 60 or VALUE.match(text) or not re.search(r"[\u4e00-\u9fff]", text):
        return None
    name = _ORDINAL.sub("", text).strip()
    return name if name and head_kind(name) in ("name", "done") and _TEMPLATE_ROW.search(name) else None


def template_figures(text: str, written) -> tuple[list[Achievement], list[tuple[int, int]], frozenset[int]]:
    """The figures of the template's rows in the text, the spans of those rows, and where each row's
    cells start (for :func:`kg.extract.statgrid.table_figures` to leave them)."""
    out: list[Achievement] = []
    spans: list[tuple[int, int]] = []
    if not _TEMPLATE.search(text):
        return out, spans, frozenset()
    lines = grid_lines(text)
    firsts: set[int] = set()
    i = 0
    while i < len(lines):
        pos, cells = lines[i]
        row: list[GridCell] = []
        name = None
        if cells:
            filled = [c for c in cells if c.text.strip()]
            name = _name(filled[0]) if filled else None
            # (三、本年度办理结果 | (一)予以公开 | 0 | …: a group's merged cell printed before its first row's name)
            group = _name(filled[1]) if len(filled) > _LEAST + 1 and not _BARE.match(filled[1].text.strip()) else None
            first, name = (2, group) if group else (1, name)
            if name is not None and len(filled) > _LEAST + first - 1 and all(_BARE.match(c.text.strip()) for c in filled[first:]):
                row = filled[first:]  # the name and its values on one line
            elif name is None and len(filled) >= 5 and all(_BARE.match(c.text.strip()) for c in filled) \
                    and _REVIEW_HEAD.search(text, max(0, pos - 300), pos):
                row = filled  # | 0 | 0 | … |: the 行政复议 and 行政诉讼 results, no name of their own
            elif name is not None and len(filled) == 1:  # a cell a line: the values on the lines after it
                j = i + 1
                while j < len(lines) and len(row) < _MOST and lines[j][1] is not None:
                    here = [c for c in lines[j][1] if c.text.strip()]
                    if len(here) > 1 or here and not _BARE.match(here[0].text.strip()):
                        break
                    row += here  # (a line of bars alone between the cells: passed over)
                    j += 1
                if len(row) >= _LEAST:
                    i = j - 1
                else:
                    row = []
        elif cells is None:
            end = text.find("\n", pos)
            line = text[pos: end if end >= 0 else len(text)]
            run = _VALUES_ONLY.search(line)
            if run and _REVIEW_HEAD.search(text, max(0, pos + run.start() - 300), pos + run.start()):
                row = [GridCell(m.group(), pos + m.start(), pos + m.end()) for m in re.finditer(r"\d+", line[:run.end()])
                       if m.start() >= run.start()]
        if row and len(row) <= _MOST:
            unit = measure_named(name) if name else None
            for cell in row:  # (no metric: which of the row's values the metric's words mean, no head says)
                out.append(Achievement(metric=None, value=cell.text.strip(), unit=unit, text=written(cell.start, cell.end),
                                       metric_label=name, start=cell.start, end=cell.end))
            spans.append((pos, row[-1].end))
            firsts.update(c.start for c in row)
            if cells:
                firsts.add(cells[0].start)
        i += 1
    return out, spans, frozenset(firsts)
