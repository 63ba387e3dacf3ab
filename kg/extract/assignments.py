"""Who leads, who is responsible, who cooperates: the assignment notes of each task.

Where a note sits (each form with an example; all after normalization, so brackets, colons and
commas are half width and the script is Simplified):

* a bracket in the task, anywhere — after its last sentence or after each of several:
  ``(牵头单位:区司法局、区发改委,责任单位:区政府各有关部门)``, ``〔省审改办牵头,省直相关部门负责〕``;
* a line of its own after the task (or after its sub-items): ``牵头单位:县政府办``,
  ``部门分工:省发展改革委牵头,各地、各部门配合``; people's lines (``分管省领导:林克庆``) are skipped;
* a row of a task table: the cells under 牵头单位 / 责任单位 / 配合单位 (and the rows under its merged cells).
* a line that only names a unit, over its items 1、2、… (``宣传部``): :mod:`kg.extract.unitheads`.

What a note says (:func:`parse_note`): clauses split at top-level commas and semicolons, read in
order.  A label (``牵头单位:``) gives its role to the units after it; a role verb at a clause's end
(``X牵头``, ``X按职责分工负责``, ``X配合``) gives its role to the units since the last verb, so
``X牵头,Y,Z负责`` makes Y and Z responsible; a label wrapping verbs is read by the verbs
(``责任单位:A、B牵头,C`` → A, B lead; C keeps the label's role); ``X会同Y`` makes X lead and Y
cooperating; a bracket of unit names only (``(县审计局)``) names the responsible units.  Time
words (``6月底完成``) are not units.  "列第一位的为牵头单位" (in a note, ``下同`` carrying it on, or in the preamble)
makes the first unit of a note without a lead its lead.  "以下各任务均需X落实" makes X responsible for every later task.

A bracket or line that looks like a note (a role word, or names that look like units) but gives no unit is
kept as an :class:`~kg.model.UnparsedNote`, so the user sees what was not read (a note the page cuts before
its role word too).  Every unit carries the rule that gave it its role and a confidence."""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.extract.unitnames import looks_like_unit, split_units
from kg.extract.units import UnitResolver
from kg.ingest.patterns import DIVISION_LABELS, NEXT_FIELD, NOTE_LINE, PERSON_LABEL, ROLE_LABEL, SECTION, TIME_LABEL
from kg.model import Extraction, Mention, Task, UnparsedNote
from kg.vocab import ROLE_KEYS as ROLES, column_kind
from kg.extract.tablenotes import (bare_cell, continued_owners, name_lines, owner_cells, parse_table_row, table_owner_roles,
                                   unread_cells)
from kg.extract.cutoff import complete_cut_role
from kg.extract.unitheads import unit_headed
from kg.extract.linenotes import closing_note, is_verb_line, later_sentences, names_and_time, unit_then_words, units_only
from kg.extract.notes import (CLOSE, by_unit, FIRST_LEADS, NAMED_AS, OPEN, Note, inline_labels,
                              names_may_stand_alone, names_note, numbered_division, opener_note, parse_note, shared_notes)


# --- where notes are -----------------------------------------------------------------------------

_NEWLINE = re.compile("\n")


def _brackets(text: str) -> list[tuple[int, int]]:
    """Top-level brackets of the text as (open, close+1); a bracket left open runs to its line's end."""
    out, depth, start = [], 0, -1
    for i, ch in enumerate(text):
        if ch in OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif ch in CLOSE and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
        elif ch == "\n" and depth:
            out.append((start, i))
            depth = 0
    if depth:
        out.append((start, len(text)))
    return out


def notes_in(text: str, offset: int) -> tuple[list[Note], list[UnparsedNote]]:
    """Every note of a task's text (its body and sub-items), and the note-like pieces that gave nothing."""
    notes: list[Note] = []
    unparsed: list[UnparsedNote] = []
    taken: list[tuple[int, int]] = []
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    for a, b in _brackets(text):
        inner_end = b - 1 if b <= len(text) and text[b - 1:b] in CLOSE else b
        inner = text[a + 1: inner_end]
        if "\n" in inner.strip() or len(inner) > 400:
            continue
        line_start = line_starts[bisect_right(line_starts, a) - 1]
        if a > line_start and "\u4e00" <= text[a - 1] <= "\u9fff" and NOTE_LINE.match(text[line_start: min(a, line_start + 60)]):
            continue  # 责任单位:…各县(市、区)政府(管委会): a gloss of a name inside a note line, read with the line
        cut = b == len(text) and text[b - 1:b] not in CLOSE
        read = complete_cut_role(inner) if cut else inner  # (cut inside its role phrase: its last name is whole)
        note, looked = parse_note(read, offset + a + 1, bare_ok=names_may_stand_alone(text, a, b, inner))
        if cut:  # (names cut before any role word — 省安全监管局、…、黑 — are shown below, unread)
            if read == inner:
                note.drop_cut_off()  # the page ends inside the note: its last name may be cut short
            # names after the last label or verb (X牵头督导,市公安局、自然资源局、…): the role word the
            # page cut off is unknown
            given = max((m.start for role in ROLES for m, rule in note.roles[role] if rule != "note.bare"), default=-1)
            tail = {role: [(m, rule) for m, rule in note.roles[role] if rule == "note.bare" and m.start > given] for role in ROLES}
            if any(tail.values()):
                unparsed.append(UnparsedNote(text[a:b], offset + a, offset + b, "a note cut off before its role word"))
                note.roles = {role: [x for x in note.roles[role] if x not in tail[role]] for role in ROLES}
        if not note.empty() or note.first_leads:
            note.start, note.end = offset + a, offset + b
            notes.append(note)
            taken.append((a, b))
            unparsed.extend(UnparsedNote(m.text, m.start, m.end, "a piece of a note that names no unit")
                            for m in note.unread)
        elif looked and ROLE_LABEL.search(inner):
            unparsed.append(UnparsedNote(text[a:b], offset + a, offset + b, "a note whose units could not be read"))
        elif text[b - 1:b] in CLOSE and unit_then_words(inner):
            unparsed.append(UnparsedNote(text[a:b], offset + a, offset + b, "a unit with a role word no list knows"))
        elif cut and not parse_note(inner[:max(map(inner.rfind, "、,,"))], offset + a + 1, bare_ok=True)[0].empty():
            unparsed.append(UnparsedNote(text[a:b], offset + a, offset + b, "a note cut off before its role word"))
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        cell = line.rstrip().endswith("|")  # a table printed one cell per line, each cell closed by |
        stripped = line.strip(" |")
        if not stripped or any(a <= start < b for a, b in taken):
            continue
        lead = len(line) - len(line.lstrip(" |"))
        if (field := SECTION.match(stripped)) and NOTE_LINE.match(field["rest"]):
            stripped, lead = field["rest"], lead + field.start("rest")  # (二)责任单位:市教育局: a record's field
        if cell and start > 0 and bare_cell(stripped):  # 办公室 | in the owner's place: its responsible
            note, _ = parse_note(stripped, offset + start + lead, bare_ok=True)
            note.start, note.end = offset + start + lead, offset + start + lead + len(stripped)
            notes.append(note)
            continue
        if NOTE_LINE.match(stripped) and not stripped.startswith(("(", "〔")):  # (its units end at a next field)
            note, looked = parse_note(NEXT_FIELD.split(stripped, 1)[0], offset + start + lead)
            if not note.empty():
                note.start, note.end = offset + start + lead, offset + start + lead + len(stripped)
                notes.append(note)
                unparsed.extend(UnparsedNote(m.text, m.start, m.end, "a piece of a note that names no unit")
                                for m in note.unread)
            elif not PERSON_LABEL.match(stripped) and not TIME_LABEL.match(stripped):
                unparsed.append(UnparsedNote(stripped, offset + start + lead, offset + start + lead + len(stripped),
                                             "a note line whose units could not be read"))
        elif is_verb_line(stripped):  # 市发改委牵头落实 on a line of its own (a table's owner cell)
            note = units_only(stripped, offset + start + lead)
            if note is not None:
                note.start, note.end = offset + start + lead, offset + start + lead + len(stripped)
                notes.append(note)
        else:  # a note written as the line's last sentence: "…。责任单位:县司法局", "…。X、Y为主要责任单位。"
            for at, sentence in later_sentences(line):
                if sentence.startswith(tuple(OPEN)) or any(a <= start + at < b for a, b in taken):
                    continue  # brackets were read above
                if NOTE_LINE.match(sentence):
                    note, _ = parse_note(sentence, offset + start + at)
                    if note.empty():
                        if not PERSON_LABEL.match(sentence) and not TIME_LABEL.match(sentence):
                            unparsed.append(UnparsedNote(sentence, offset + start + at, offset + start + at + len(sentence),
                                                         "a note sentence whose units could not be read"))
                        continue
                    unparsed.extend(UnparsedNote(m.text, m.start, m.end, "a piece of a note that names no unit")
                                    for m in note.unread)
                elif is_verb_line(sentence) or NAMED_AS.search(sentence.rstrip("。")):
                    note = units_only(sentence, offset + start + at)
                    if note is None:
                        continue
                elif (sentence.startswith("——") or line[:at].rstrip().endswith("|") or names_and_time(sentence)) \
                        and sentence.strip("—。 ") and sentence == line[at:].strip(" |"):
                    # …加强审核。——县司法局、县财政局 (or | 县司法局, a row's last cell, or …。县政府办
                    # 县数据局2024年12月, a flattened row's owners and time): the units a task's line
                    # ends with after its text
                    names = sentence.lstrip("—").rstrip("。")
                    note = units_only(names, offset + start + at + len(sentence) - len(sentence.lstrip("—")), bare_ok=True)
                    if note is None:
                        continue
                else:
                    continue
                note.start, note.end = offset + start + at, offset + start + at + len(sentence)
                notes.append(note)
            if not any(n.start >= offset + start for n in notes) and (note := closing_note(line, offset + start)):
                notes.append(note)  # …学习内容,市委宣传部、市司法局按职责分工负责;
    notes.sort(key=lambda n: n.start)
    return notes, unparsed


# --- the document ---------------------------------------------------------------------------------


def _first_leads_everywhere(result: Extraction) -> bool:
    """The preamble states that the first unit listed leads."""
    head = result.text[: result.tasks[0].start] if result.tasks else result.text
    return bool(FIRST_LEADS.search(head))


def _apply_first_leads(roles: dict[str, list[tuple[Mention, str]]]) -> None:
    if roles["lead"]:
        return
    for role in ("responsible", "cooperating"):
        if roles[role]:
            first, _ = roles[role].pop(0)
            roles["lead"].append((first, "note.first-leads"))
            return


def assign(result: Extraction) -> None:
    """Fill lead/responsible/cooperating of every task, and the document's unparsed notes."""
    tasks = result.tasks
    if not tasks:
        return
    resolver = UnitResolver(result.document)
    per_task: list[list[Note]] = []
    owner_roles = table_owner_roles(result)
    named: set[str] = set()  # the units the table's rows gave so far, and where the page (that may cut a row) ends:
    text_end = len(result.text.rstrip())
    for task in tasks:
        if task.table_cells:
            row = parse_table_row(task.table_cells, task.table_header or [], end=text_end, named=named)
            named.update(m.text for r in ROLES for m, _ in (row.roles[r] if row else []))
            if (row is None or row.empty()) and owner_roles:
                # the row's owner cell printed past the cells the header accounts for
                cells_end = task.table_cells[-1][1] + len(task.table_cells[-1][0]) - task.start
                per_task.append(owner_cells(task.text[cells_end:], task.start + cells_end, owner_roles))
                result.unparsed_notes.extend(unread_cells([], [], row, 0))  # (a name the page's end cut short)
                continue
            per_task.append(([row] if row else []) + continued_owners(task))
            result.unparsed_notes.extend(unread_cells(task.table_cells, task.table_header or [], row, text_end))
            continue
        notes, unparsed = notes_in(task.text, task.start)
        notes = notes or inline_labels(task.text, task.start)  # (…工程,牵头部门:市交通局。)
        if not notes and owner_roles:
            notes = owner_cells(task.text, task.start, owner_roles)
        per_task.append(notes)
        result.unparsed_notes.extend(unparsed)
    _reattach_leading_notes(result, tasks, per_task)
    by_number = {t.number: i for i, t in enumerate(tasks)}
    for numbers, note in numbered_division(result.text, 0) if len(by_number) == len(tasks) else ():
        for i in (by_number[n] for n in numbers if n in by_number):  # 第1、2项由县司法局牵头 (a division part)
            if not per_task[i] and not tasks[i].start <= note.start < tasks[i].end:
                per_task[i] = [note]
    for i, task in enumerate(tasks):  # 4项目标的责任单位均为X: the owners of this item and the ones before it
        for n, note in shared_notes(task.text, task.start):
            for j in range(max(0, i - n + 1), i + 1):
                if not per_task[j]:
                    per_task[j] = [note]
    carry = None  # (牵头单位:X,下同): the tasks after it with no note of their own, up to the next note
    for i in range(len(tasks)):
        if per_task[i]:
            carry = per_task[i][-1] if per_task[i][-1].same_below else None
        elif carry is not None:
            per_task[i] = [carry]
    for i, task in enumerate(tasks):  # 以上工作由X牵头 after a part's items: the items above it in its part
        if per_task[i] and _ABOVE.match(result.text, per_task[i][-1].start) and "." in task.path:
            part = task.path.rsplit(".", 1)[0] + "."
            for j in range(i - 1, -1, -1):
                if not tasks[j].path.startswith(part):
                    break
                if not per_task[j]:
                    per_task[j] = [per_task[i][-1]]
    headed = unit_headed(result.text, tasks)  # 宣传部 / 1、… / 2、…: the unit a line names over its items
    for i, task in enumerate(tasks):  # a task with no note takes its section heading's; a table row with no
        if not per_task[i] and not task.table_cells:
            per_task[i] = opener_note(task.text, task.start) or ([headed[i]] if i in headed else [])
        elif not task.table_cells and not any(n.roles["lead"] for n in per_task[i]) and (led := by_unit(task.text, task.start)):
            per_task[i] = per_task[i] + ([led] if led.roles["lead"] else [])  # 责任单位:X、Y / 工作要求:由X牵头
        if not per_task[i] and task.heading is not None and not (  # (a table without an owner column too)
                task.table_cells and any(column_kind(h) in ROLES for h in task.table_header or [])):
            per_task[i] = _heading_notes(*task.heading)
        elif task.table_cells and task.heading is not None and not any(n.roles.get("lead") for n in per_task[i]):
            per_task[i] = per_task[i] + [n for n in _heading_notes(*task.heading) if n.roles.get("lead")]  # lead, its group's
        if not per_task[i] and not task.table_cells:
            result.unparsed_notes.extend(name_lines(task))
    first_leads = _first_leads_everywhere(result)  # stated once for the whole document
    standing: list[Mention] = []
    for task, notes in zip(tasks, per_task):
        roles: dict[str, list[tuple[Mention, str]]] = {r: [] for r in ROLES}
        for n in notes:  # the convention applies note by note: each note's first unit leads
            if first_leads or n.first_leads:
                _apply_first_leads(n.roles)
            first_leads = first_leads or n.carries
            for r in ROLES:
                roles[r].extend(n.roles[r])
        for n in notes:
            if n.standing:
                standing = n.standing
        if standing:  # units a note said are responsible for its task and every task after it
            written = {m.text.removeprefix("各") for r in ROLES for m, _ in roles[r]}  # (市(州)人民政府 is 各市(州)人民政府)
            roles["responsible"].extend((m, "note.standing") for m in standing if m.text.removeprefix("各") not in written)
        if notes:
            start, end = min(n.start for n in notes), max(n.end for n in notes)
            task.note = result.text[start:end]
            task.note_span = (start, end)
        task.lead, task.responsible, task.cooperating = (
            resolver.resolve_mentions(roles[r], result) for r in ROLES)


_ABOVE = re.compile(r"[((〔]?\s*(?:以上|上述)")  # a note that speaks for the items above it
# 一、县示范区管委会牵头工作(8项): a part headed by the unit that leads its items
_HEAD_OWNER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(〔][一二三四五六七八九十]{1,3}[)〕])?\s*(?P<units>(?:[^,。;:()]|\([^()]{1,6}\)){2,40}?)"
                         r"(?P<verb>牵头|负责|承办)(?:落实)?(?:的)?(?:工作任务|工作|事项|任务)(?:\(\d{1,3}项\))?$")


# 一、县司法局  (二)各乡镇人民政府:  a heading that only names units
_HEAD_NAMES = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(〔][一二三四五六七八九十]{1,3}[)〕])\s*"
                         r"(?P<units>(?:[^,。;:()\s]|\([^()]{1,8}\)){2,40}?)[::]?$")


def _heading_notes(line: str, start: int) -> list[Note]:
    """The notes a section's heading line carries for the tasks under it, each unit's rule note.heading."""
    notes, _ = notes_in(line, start)
    named = _HEAD_NAMES.match(line.strip())  # 一、县司法局 over the unit's items: it is responsible
    if not notes and named:
        note = names_note(named["units"], start + (len(line) - len(line.lstrip())) + named.start("units"))
        notes = [note] if note is not None else []
    owner = _HEAD_OWNER.match(line.strip())
    if not notes and owner:
        at = start + (len(line) - len(line.lstrip())) + owner.start("units")
        names = split_units(owner["units"], at)
        if names and all(looks_like_unit(m.text) for m in names):
            note = Note(at, at + len(owner["units"]))
            note.add("lead" if owner["verb"] == "牵头" else "responsible", names, "note.heading")
            notes = [note]
    for n in notes:
        for role in ROLES:
            n.roles[role] = [(m, "note.heading") for m, _ in n.roles[role]]
    return notes


def _reattach_leading_notes(result: Extraction, tasks: list[Task], per_task: list[list[Note]]) -> None:
    """Documents that put each note *before* its task.

    Segmentation hangs a note line on the node above it, so in such a document the first task
    has no note of its own (its note sits in the heading above) and every other task carries
    its successor's note at its end.  Detect that layout and shift the notes by one.
    """
    before_first = result.text[:tasks[0].start].rstrip("\n")
    line_start = before_first.rfind("\n") + 1
    last_line = before_first[line_start:]
    if not NOTE_LINE.match(last_line) or any(not _on_own_line(result.text, n) for n in per_task[0]):
        return  # no note above the first task, or its note is written in it: notes follow their tasks
    if last_line.rstrip("。").endswith((")", "〕")) and not last_line.startswith(("(", "〔")) \
            or not before_first[:line_start].strip():
        return  # the tail of a note whose task was on the page before (or the page's first line)
    first_notes, _ = notes_in(last_line, line_start)
    if not first_notes:
        return
    for i in range(len(tasks) - 1, 0, -1):
        trailing = [n for n in per_task[i - 1] if _on_own_line(result.text, n)]
        per_task[i] = trailing
        per_task[i - 1] = [n for n in per_task[i - 1] if n not in trailing]
    per_task[0] = first_notes


def _on_own_line(text: str, note: Note) -> bool:
    line_start = text.rfind("\n", 0, note.start) + 1
    return not text[line_start: note.start].strip("(〔 ")


__all__ = ["assign", "notes_in", "parse_note", "parse_table_row", "DIVISION_LABELS"]
