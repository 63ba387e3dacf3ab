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
        rows, j = _run(lines, i)
        if len(rows) < 2:
            out.append(lines[i])
            i += 1
            continue
        out.extend([_header(lines[i].start), *rows])
        i = j
    return out


def _run(lines: list[Line], i: int) -> tuple[list[Line], int]:
    """The rows from line i on, and the line after them: each line's rows run together (…配合。大力推进…部门分工:…。),
    then a name left without its owners, whose 部门分工: is the next line's (or, the page's last, cut before them)."""
    rows: list[Line] = []
    j = i
    while j < len(lines) and _opens(lines[j]):
        line, pos = lines[j], 0
        for m in _DIVISION.finditer(line.text, 1):
            stop = line.text.find("。", m.end())
            stop = len(line.text) if stop < 0 else stop + 1
            rows.append(_row(_part(line, pos, m.start()), _part(line, m.start(), stop)))
            pos = stop
        j += 1
        if not line.text[pos:].strip():
            continue
        tail = _part(line, pos, len(line.text))
        if j < len(lines) and _DIVISION.match(lines[j].text):
            rows.append(_row(tail, lines[j]))
            j += 1
        elif j == len(lines) and rows:  # (the last, cut by the page before its owners)
            rows.append(_row(tail, None))
        elif pos == 0:
            return rows, j - 1  # (a line that is no row: the run ends before it)
        else:
            return [*rows, tail], j  # (words after the line's last row: a line of their own)
    return rows, j


def _part(line: Line, a: int, b: int) -> Line:
    return Line(line.start + a, line.start + b, line.text[a:b])


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


def _header(at: int) -> Line:
    """The rows' header, a line of no length where they start (as a run-together header's is)."""
    return Line(at, at, " | ".join(HEADS), cells=[(h, at) for h in HEADS], padded=True)
