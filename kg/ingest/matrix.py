"""Task tables set as a matrix: a column for each unit, a mark in the cell where the unit has a part
in the row's task, and often a legend that says what each mark means:

    注:★为牵头单位,√为配合单位。
    序号 | 工作任务 | 区政府办 | 区司法局 | 区财政局
    1 | 健全重大行政决策程序制度 | √ | ★ |
    2 | 加强预算绩效管理 |  |  | ★

Each such table is written as the owner columns every other task table has (序号 | 工作任务 |
牵头单位 | 配合单位 and 1 | 健全… | 区司法局 | 区政府办), each name put in a row mapped back to the
characters of its column's head, so that a unit's quote is its name as the head prints it.  The
legend decides a mark's role; with none, a solid mark (★ ● ▲ ◆ ■) leads and another one (√ ☆ ○ …)
is responsible, or cooperating in a row that has a lead.  A cell may also hold the role's word
(牵头, 配合).  Everything else stays as it is."""

from __future__ import annotations

import re

from kg.ingest.offsets import Offsets, offset_at, rewrite
from kg.ingest.patterns import ROLE_LABELS, VERB_ROLES, owner_cell
from kg.vocab import ROLE_KEYS, column_kind

_SOLID = "★●▲◆■"
_MARKS = _SOLID + "√✓✔☆○△◇□※"
_MARK_CELL = re.compile(f"^[{_MARKS}]$")
_ROLE_WORDS = {**{w: r for w, r in VERB_ROLES.items() if len(w) == 2}, **ROLE_LABELS}
# ★为牵头单位,√为配合单位   ★表示牵头部门、√表示责任单位   ●:牵头
_LEGEND = re.compile(f"([{_MARKS}])\\s*(?:为|表示|代表|是|指|:)?\\s*({'|'.join(sorted(_ROLE_WORDS, key=len, reverse=True))})")
_HEADS = {"lead": "牵头单位", "responsible": "责任单位", "cooperating": "配合单位"}


def _cells(line: str) -> list[tuple[int, int]]:
    """The spans of a row's cells in its line (stripped of blanks)."""
    out, pos = [], 0
    for part in line.split("|"):
        a = pos + len(part) - len(part.lstrip())
        out.append((a, max(a, pos + len(part.rstrip()))))
        pos += len(part) + 1
    return out


def _unit_columns(names: list[str]) -> list[int]:
    """The columns of a matrix header that are units, or [] when the line is no such header."""
    kinds = [column_kind(n) if n else None for n in names]
    if not set(kinds) & {"task", "measure"}:
        return []
    first_work = min(k for k, kind in enumerate(kinds) if kind in ("task", "measure"))
    units = [k for k, n in enumerate(names) if k > first_work and kinds[k] is None and owner_cell(n) and "、" not in n]
    return units if len(units) >= 2 else []


def _role(cell: str, legend: dict[str, str], row_has_lead: bool) -> str | None:
    if cell in _ROLE_WORDS:
        return _ROLE_WORDS[cell]
    if not _MARK_CELL.match(cell):
        return None
    if cell in legend:
        return legend[cell]
    return "lead" if cell in _SOLID else "cooperating" if row_has_lead else "responsible"


def matrix_tables(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """Every matrix task table written with owner columns; the rest of the text as it is."""
    if "|" not in text or not any(m in text for m in _MARKS) and not any(w in text for w in _ROLE_WORDS):
        return text, offsets
    legend = {m.group(1): _ROLE_WORDS[m.group(2)] for m in _LEGEND.finditer(text)}
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    edits: list[tuple[int, int, str, Offsets]] = []  # (start, end, new text, its offsets) per line
    i = 0
    while i < len(lines):
        line = lines[i]
        spans = _cells(line) if "|" in line else []
        names = [line[a:b] for a, b in spans]
        units = _unit_columns(names) if len(spans) >= 4 else []
        lower = 0  # a header of two rows: 责任单位 over the units' names (merged cells print once)
        if not units and len(spans) >= 4 and i + 1 < len(lines) and "|" in lines[i + 1]:
            below = _cells(lines[i + 1])
            if len(below) == len(spans):
                merged = [lines[i + 1][c:d] or n for n, (c, d) in zip(names, below)]
                units = _unit_columns(merged)
                if units and all(not lines[i + 1][c:d] for k, (c, d) in enumerate(below) if k not in units):
                    line, spans, lower = lines[i + 1], below, 1
                    names = merged
                else:
                    units = []
        rows = []
        end = i + 1 + lower
        while units and end < len(lines) and "|" in lines[end]:
            cells = _cells(lines[end])
            if len(cells) != len(spans) or any(lines[end][a:b] and _role(lines[end][a:b], legend, False) is None
                                               for a, b in (cells[u] for u in units)):
                break
            rows.append((end, cells))
            end += 1
        marked = [r for r in rows if any(lines[r[0]][a:b] for a, b in (r[1][u] for u in units))]
        if not marked:
            i += 1
            continue
        at = starts[i + lower]
        head_off = [offsets[at + a: at + b] if lines[i + lower][a:b] else offsets[starts[i] + c: starts[i] + d]
                    for (a, b), (c, d) in zip(spans, _cells(lines[i]) if lower else spans)]
        roles_seen: list[str] = []
        read: list[tuple[int, list[tuple[int, int]], dict[str, list[int]]]] = []
        for k, cells in rows:
            marks = {u: lines[k][cells[u][0]:cells[u][1]] for u in units}
            lead = any(_role(c, legend, False) == "lead" for c in marks.values() if c)
            by_role: dict[str, list[int]] = {}
            for u, c in marks.items():
                if c:
                    by_role.setdefault(_role(c, legend, lead), []).append(u)
            roles_seen.extend(r for r in by_role if r not in roles_seen)
            read.append((k, cells, by_role))
        roles = [r for r in ROLE_KEYS if r in roles_seen]
        first = units[0]
        # the header: its own cells, the role heads where the first unit's column stood
        parts: list[tuple[str, Offsets]] = []
        for col, (a, b) in enumerate(spans):
            if col == first:
                parts.extend((_HEADS[r], [offset_at(offsets, at + a)] * len(_HEADS[r])) for r in roles)
            elif col not in units:
                parts.append((names[col], head_off[col]))
        edits.append((starts[i], at + len(line), *_joined(parts, offset_at(offsets, starts[i]))))
        for k, cells, by_role in read:
            row_at = starts[k]
            row = lines[k]
            parts = []
            for col, (a, b) in enumerate(cells):
                if col == first:
                    for r in roles:
                        marked_units = by_role.get(r, [])
                        text_r = "、".join(names[u] for u in marked_units)
                        offs: Offsets = []
                        for n, u in enumerate(marked_units):
                            offs.extend(([offset_at(offsets, row_at + cells[u][0])] if n else []) + head_off[u])
                        parts.append((text_r, offs))
                elif col not in units:
                    parts.append((row[a:b], offsets[row_at + a: row_at + b]))
            edits.append((row_at, row_at + len(row), *_joined(parts, offset_at(offsets, row_at))))
        i = end
    return rewrite(text, offsets, edits)


def _joined(parts: list[tuple[str, Offsets]], at: int) -> tuple[str, Offsets]:
    """The cells joined by `` | `` (each separator mapped to ``at``, the line's start)."""
    text: list[str] = []
    offs: Offsets = []
    for n, (cell, cell_offsets) in enumerate(parts):
        if n:
            text.append(" | ")
            offs.extend([at] * 3)
        text.append(cell)
        offs.extend(cell_offsets)
    return "".join(text), offs
