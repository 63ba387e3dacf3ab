"""Who leads, who is responsible, who cooperates: the assignment note of each task.

The forms this genre uses (all after normalization, so brackets and colons are half width):

* a bracketed note ending the task: ``(牵头单位:区司法局、区发改委,责任单位:区政府各有关部门、各街道)``;
* labelled lines after the task: ``牵头单位:县政府办、县编办`` / ``配合单位:县政府各有关部门``;
* a note on a line of its own after the task, or placed before it;
* unlabelled roles in a bracket: ``(市法制局牵头,市监察局、人力资源社会保障局配合)``;
* a truncated note without its closing bracket: what is there is taken;
* rows of a task table: ``序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限``.

Parsing yields unit *mentions* (text and span); :mod:`kg.extract.units` turns them into units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.units import UnitResolver
from kg.model import Extraction, Mention, Task
from kg.ingest.patterns import DIVISION_CLAUSE, INLINE_ROLE, NOTE_LINE, ROLE_LABEL, ROLE_LABELS

from kg.vocab import ROLE_KEYS as ROLES
_VERB_ROLE = {"牵头": "lead", "负责": "responsible", "配合": "cooperating", "协办": "cooperating",
              "参与": "cooperating", "协助": "cooperating"}
# What a unit name ends with; used to tell a list separator 和/及 from one inside a name.
UNIT_END = re.compile(r"(?:局|委|办|部|院|政府|部门|单位|街道|乡镇|镇|乡|中心|小组|组|所|队|会|处|科|室|署|庭|站|集团|公司|园区|平台|机关|分局|支队|大队)$")
_LIST_SEPARATORS = "、,;"
_TRAILING = " ,;。.、)"


@dataclass
class Note:
    """One assignment note: its span in the document and the mentions for each role."""

    start: int
    end: int
    roles: dict[str, list[Mention]] = field(default_factory=lambda: {r: [] for r in ROLES})

    @property
    def text_span(self) -> tuple[int, int]:
        return self.start, self.end

    def empty(self) -> bool:
        return not any(self.roles.values())


def _strip_mention(text: str, start: int) -> Mention | None:
    """Trim separators and the list's trailing 等 off one list element."""
    left = len(text) - len(text.lstrip(" ,;、"))
    text, start = text[left:], start + left
    text = text.rstrip(" ,;。.、")
    # A bracket that closes the note, not a name: "…各街道)" (but keep "区委宣传部(文明办)").
    while text.endswith(")") and text.count("(") < text.count(")"):
        text = text[:-1].rstrip(" ,;。.、")
    if text.endswith("等") and len(text) > 2:
        text = text[:-1]
    text = re.sub(r"等(?=(?:有关|相关)?部门$)", "", text)
    if not text or not re.search(r"[\u4e00-\u9fff]", text):
        return None
    return Mention(text, start, start + len(text))


def split_units(text: str, offset: int) -> list[Mention]:
    """Split a unit list on 、 , ; and on 和/及 between two complete unit names.

    Brackets protect their contents (``各镇(街道)``, ``区委宣传部(文明办)``); 和/及 inside a name
    (``人力资源和社会保障局``, ``住房和城乡建设局``) is kept because the left part is not a unit.
    """
    pieces: list[tuple[int, int]] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in _LIST_SEPARATORS:
            pieces.append((start, i))
            start = i + 1
    pieces.append((start, len(text)))
    out: list[Mention] = []
    for a, b in pieces:
        out.extend(_split_conjunctions(text[a:b], offset + a))
    return [m for m in out if m is not None]


def _split_conjunctions(piece: str, offset: int) -> list[Mention]:
    for m in re.finditer(r"[和及与]", piece):
        left, right = piece[: m.start()].strip(), piece[m.end():].strip()
        if UNIT_END.search(left) and UNIT_END.search(right) and len(right) >= 2:
            head = _strip_mention(piece[: m.start()], offset)
            return ([head] if head else []) + _split_conjunctions(piece[m.end():], offset + m.end())
    single = _strip_mention(piece, offset)
    return [single] if single else []


def _bracket_end(text: str, open_at: int) -> int:
    """Index just past the bracket closing the one at ``open_at``; the text's end if truncated."""
    depth = 0
    for i in range(open_at, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        elif text[i] == "\n" and depth > 0 and i + 1 < len(text) and NOTE_LINE.match(text[i + 1:]) is None \
                and not ROLE_LABEL.match(text[i + 1:]):
            return i  # an unclosed note ends with its line
    return len(text)


def parse_labelled(text: str, offset: int) -> list[Note]:
    """Notes written with labels (牵头单位: …), bracketed or on lines of their own."""
    notes: list[Note] = []
    labels = list(ROLE_LABEL.finditer(text))
    i = 0
    while i < len(labels):
        first = labels[i]
        bracket = text.rfind("(", 0, first.start())
        in_bracket = bracket != -1 and not text[bracket + 1: first.start()].strip(" ")
        if in_bracket:
            note_start, note_end = bracket, _bracket_end(text, bracket)
        else:
            note_start = first.start()
            line_end = text.find("\n", first.end())
            note_end = len(text) if line_end == -1 else line_end
            # labelled lines follow each other, possibly with blank lines between
            j = i + 1
            while j < len(labels) and text[note_end: labels[j].start()].strip() == "":
                line_end = text.find("\n", labels[j].end())
                note_end = len(text) if line_end == -1 else line_end
                j += 1
        note = Note(offset + note_start, offset + note_end)
        group = [m for m in labels[i:] if m.start() < note_end]
        for k, m in enumerate(group):
            value_end = group[k + 1].start() if k + 1 < len(group) else note_end
            value = text[m.end(): value_end]
            role = ROLE_LABELS[m.group("label")]
            _add_value(note, role, value, offset + m.end())
        notes.append(note)
        i += len(group)
    return notes


def _add_value(note: Note, role: str, value: str, offset: int) -> None:
    """A label's value: a unit list, possibly ending in "…,X按职责分工分别负责"."""
    clause = DIVISION_CLAUSE.search(value)
    if clause:
        note.roles[role].extend(split_units(value[: clause.start()], offset))
        note.roles["responsible" if role != "lead" else role].extend(
            split_units(clause.group("units"), offset + clause.start("units")))
        return
    note.roles[role].extend(split_units(value, offset))


def parse_inline(text: str, offset: int) -> Note | None:
    """An unlabelled note in the task's last bracket: (A、B牵头,C配合,各有关部门按职责分工负责)."""
    close = text.rstrip(" 。.\n").rfind(")")
    if close == -1:
        return None
    depth, open_at = 0, -1
    for i in range(close, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            depth -= 1
            if depth == 0:
                open_at = i
                break
    if open_at == -1:
        return None
    body = text[open_at + 1: close]
    note = Note(offset + open_at, offset + close + 1)
    pos = 0
    for clause in re.split(r"([,;])", body):
        if clause in (",", ";"):
            pos += 1
            continue
        division = DIVISION_CLAUSE.fullmatch(clause.strip())
        m = None if division else INLINE_ROLE.fullmatch(clause.strip())
        if division is None and m is None:
            return None  # a bracket that is not a note (an explanation, a law's name)
        if division is not None:
            lead_in = clause.find(division.group("units"))
            note.roles["responsible"].extend(split_units(division.group("units"), offset + open_at + 1 + pos + lead_in))
        else:
            lead_in = clause.find(m.group("units"))
            mentions = split_units(m.group("units"), offset + open_at + 1 + pos + lead_in)
            if not all(UNIT_END.search(x.text) or x.text.startswith("各") for x in mentions):
                return None
            note.roles[_VERB_ROLE[m.group("verb")]].extend(mentions)
        pos += len(clause)
    return None if note.empty() else note


def parse_table_row(cells: list[tuple[str, int]], header: list[str]) -> Note | None:
    """A task-table row: each cell under a 牵头/责任/配合 column is a unit list."""
    note = None
    for (cell, start), name in zip(cells, header):
        role = next((r for label, r in ROLE_LABELS.items() if label in name and len(label) > 2), None)
        if role is None and "牵头" in name:
            role = "lead"
        if role is None:
            continue
        if note is None:
            note = Note(cells[0][1], cells[-1][1] + len(cells[-1][0]))
        note.roles[role].extend(split_units(cell, start))
    return note


def notes_in(text: str, offset: int) -> list[Note]:
    notes = parse_labelled(text, offset)
    if not notes:
        inline = parse_inline(text, offset)
        if inline:
            notes = [inline]
    return notes


def assign(result: Extraction) -> None:
    """Fill lead/responsible/cooperating of every task of the extraction."""

    resolver = UnitResolver(result.document)
    tasks = result.tasks
    if not tasks:
        return
    per_task: list[list[Note]] = []
    for task in tasks:
        if task.table_cells:
            row = parse_table_row(task.table_cells, task.table_header or [])
            per_task.append([row] if row else [])
        else:
            per_task.append(notes_in(task.text, task.start))
    _reattach_leading_notes(result, tasks, per_task)
    for task, notes in zip(tasks, per_task):
        if not notes:
            continue
        merged = Note(min(n.start for n in notes), max(n.end for n in notes))
        for n in notes:
            for role in ROLES:
                merged.roles[role].extend(n.roles[role])
        task.note = result.text[merged.start: merged.end]
        task.note_span = (merged.start, merged.end)
        task.lead, task.responsible, task.cooperating = resolver.resolve_roles(merged.roles)


def _reattach_leading_notes(result: Extraction, tasks: list[Task], per_task: list[list[Note]]) -> None:
    """Documents that put each note *before* its task.

    Segmentation hangs a note line on the node above it, so in such a document the first task
    has no note of its own (its note sits in the heading above) and every other task carries
    its successor's note at its end.  Detect that layout and shift the notes by one.
    """
    before_first = result.text[:tasks[0].start].rstrip("\n")
    line_start = before_first.rfind("\n") + 1
    last_line = before_first[line_start:]
    if not NOTE_LINE.match(last_line):
        return
    first_notes = parse_labelled(last_line, line_start)
    if not first_notes:
        return
    for i in range(len(tasks) - 1, 0, -1):
        trailing = [n for n in per_task[i - 1] if _on_own_line(result.text, n)]
        per_task[i] = trailing
        per_task[i - 1] = [n for n in per_task[i - 1] if n not in trailing]
    per_task[0] = first_notes
    # notes of the shifted tasks were computed in their predecessor's span: spans stay valid


def _on_own_line(text: str, note: Note) -> bool:
    line_start = text.rfind("\n", 0, note.start) + 1
    return not text[line_start: note.start].strip("( ")
