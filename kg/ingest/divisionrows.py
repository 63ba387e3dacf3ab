"""A split's rows run together on one line, as a news page or a department's post copies them:
each row its task's name, perhaps its measures, then its owners under a division label, closed by
a full stop —

    粮食产量1268万吨以上 部门分工:省农业农村厅牵头,各地、各部门配合。 大力推进20个战略性产业集群建设
    工作措施:完成…。出台…。 部门分工:省工业和信息化厅牵头,省发展改革委…等配合。 促进知识产权高

(normalizing starts each label's field on a line of its own: a row is its name's line, perhaps with its
measures, then its 部门分工: line).  The rows come back a line each under a header of no length (重点任务 | 具体措施 | 责任单位), their
owners' cell read by its own verbs; a last row the page cut before its owners keeps its name."""

from __future__ import annotations

import re

from kg.ingest.lines import Line

_DIVISION = re.compile(r"\s*(?:部门分工|责任分工|任务分工)\s*[::]")
_MEASURES = re.compile(r"(?:工作措施|主要措施|具体措施)\s*[::]")
_LABEL = re.compile(r"\s*[\u4e00-\u9fff]{2,8}\s*[::]")
HEADS = ("重点任务", "具体措施", "责任单位")


def division_rows(lines: list[Line]) -> list[Line]:
    """The lines, with each run of two or more such rows given as a header and a line a row."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        rows, j = [], i
        while j + 1 < len(lines) and _opens(lines[j]) and _DIVISION.match(lines[j + 1].text):
            rows.append(_row(lines[j], lines[j + 1]))
            j += 2
        if len(rows) < 2:
            out.extend(_one_line(lines[i]))
            i += 1
            continue
        if j == len(lines) - 1 and _opens(lines[j]):  # (the last, cut by the page before its owners)
            rows.append(_row(lines[j], None))
            j += 1
        out.extend([_header(lines[i].start), *rows])
        i = j
    return out


def _one_line(line: Line) -> list[Line]:
    """A line that holds the rows run together (…配合。大力推进…工作措施:…。部门分工:…。促进…): cut after each
    division label's sentence."""
    labels = list(_DIVISION.finditer(line.text)) if line.cells is None and "|" not in line.text else []
    if len(labels) < 2:
        return [line]
    pieces, pos = [], 0
    for m in labels:
        stop = line.text.find("。", m.end())
        stop = len(line.text) if stop < 0 else stop + 1
        pieces.append((pos, m.start(), stop))
        pos = stop
    rows = [_row(Line(line.start + a, line.start + b, line.text[a:b]), Line(line.start + b, line.start + c, line.text[b:c]))
            for a, b, c in pieces]
    if line.text[pos:].strip():  # (the last, cut by the page before its owners)
        rows.append(_row(Line(line.start + pos, line.end, line.text[pos:]), None))
    return [_header(line.start), *rows]


def _header(at: int) -> Line:
    """The rows' header, a line of no length where they start (as a run-together header's is)."""
    return Line(at, at, " | ".join(HEADS), cells=[(h, at) for h in HEADS], padded=True)


def _opens(line: Line) -> bool:
    return line.cells is None and "|" not in line.text and bool(line.text.strip()) and not _LABEL.match(line.text)


def _row(task: Line, owners: Line | None) -> Line:
    text = task.text
    measures = _MEASURES.search(text)
    name_end = measures.start() if measures else len(text.rstrip())
    cells = [(text[:name_end].strip(), task.start + len(text) - len(text.lstrip())),
             (text[measures.end():].rstrip(), task.start + measures.end()) if measures else ("", task.end)]
    if owners is not None:
        label = _DIVISION.match(owners.text)
        cells.append((owners.text[label.end():].rstrip("。 "), owners.start + label.end()))
    else:
        cells.append(("", task.end))
    end = owners.end if owners is not None else task.end
    return Line(task.start, end, " | ".join(c for c, _ in cells), cells=cells)
