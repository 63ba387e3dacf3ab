"""Reading one assignment note: its clauses, labels, role verbs and conventions.

:func:`parse_note` turns the body of a note (``牵头单位:区司法局、区发改委,责任单位:区政府各有关部门``,
``省审改办牵头,省直相关部门负责``, ``X会同Y``) into a :class:`Note` of units per role; where notes
are found in a task and how tasks get them is :mod:`kg.extract.assignments`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.unitnames import looks_like_unit, other_name, place_name, split_units, surely_whole
from kg.ingest.patterns import (TIME_AT_END, BARE_TIME_LABEL, DIVISION_LABELS, NOTE_LABELS, NUMBERED_DIVISION, ORGAN_LAST, PERSON_LABEL, ROLE_LABEL,
                                ROLE_LABELS, ROLE_VERB, TIME_LABEL, VERB_ROLES, owner_cell)
from kg.model import Mention
from kg.numerals import cn_number
from kg.vocab import ROLE_KEYS as ROLES

FIRST_LEADS = re.compile(r"(?:列|排序|排名|排列|排|位列)(?:在)?(?:第一|首)位?[的者]?(?:单位|部门)?(?:为|是)(?:工作)?牵头"
                         r"|第一(?:个)?(?:责任|列出的|列明的)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)|(?:首|第一)位的?(?:单位|部门)(?:为|是)牵头"
                         r"|由(?:排名|排列|排序|列)(?:在)?(?:第一|首)位?的?(?:单位|部门)牵头")  # (原则上由排名首位的部门牵头)
_CARRIES = re.compile(r"下同|以下同|后同")
_IF_LEAD = re.compile(r"^(?:明确|列明|确定|已明确)了?牵头(?:部门|单位)的$")  # (…,其他有关部门配合: a rule, no owner)
# 以下各任务均需X、Y落实: units responsible for this task and every later one; read over the whole
# note, as its names may be listed with commas, which end clauses
# (the duty may be named: 落实属地管理责任; and the remark closed: ,不再重复列出)
_DUTIES = r"(?:属地管理责任|属地责任|主体责任|监管责任)"
_NO_MORE = r"不再(?:一一|重复)?"  # 不再一一列出, 不再重复列出, 不再做分工
_DUTY = rf"{_DUTIES}?(?:[,,]{_NO_MORE}列出)?"
_STANDING = re.compile(r"(?:以下|各项)[\u4e00-\u9fff]{0,6}?均(?:需|由|要)(?P<units>[^。;:]{2,200}?)(?:按职责)?(?:落实|负责|承担)" + _DUTY
                       + r"|以下各?(?:项)?(?:任务|工作)?均(?P<units2>[^。;:]{2,200}?)(?:按职责)?(?:落实|负责|承担)" + _DUTY)
# 各镇(园区)落实属地管理责任: the units and their verb, the duty named after it
_DUTY_AFTER = re.compile(rf"(?<=落实|履行|承担){_DUTIES}$|(?<=负)(?:主体责任|属地责任)$"
                         r"|(?<=牵头|负责|配合)(?:制定|实施|落实|推进|开展)(?:并实施)?$")  # (警务保障室牵头制定: the verb, then the work)
_INVOLVES = re.compile(rf"(?:以下|具体|各项)[^。;:,]{{0,10}}?均涉及[^。;:]{{2,80}}?[,]?{_NO_MORE}(?:列出|分工|做分工|列举)")
_ROLE_LABEL_WORDS = "|".join(sorted(ROLE_LABELS, key=len, reverse=True))  # (longest first: 牵头单位 before 单位)
NAMED_AS = re.compile(rf"(?:均|都|同)?(?:为|是)(?P<label>{_ROLE_LABEL_WORDS})$")
# 县司法局督促各部门落实, 县司法局指导各乡镇实施: the first leads, the second does the work
_GUIDES = re.compile(r"^(?P<lead>[^,;]{2,40}?)(?:督促|指导|推动|带领)(?![部处科室组])(?P<resp>[^,;]{2,40}?)(?:具体)?(?:落实|实施|开展|推进|负责)$")
_HUITONG = re.compile(r"^(?P<lead>.+?)(?:会同|组织(?=有关|相关|各)|(?<=[处局室科厅])会(?![同议商签计务]))(?P<coop>.+?)(?:共同)?(?:组织|负责|抓好)?(?:办理|负责|落实|实施|推进|开展)?$")
TIME_CLAUSE = re.compile(
    r"^(?:(?:(?:19|20)\d{2}年)?(?:\d{1,2}月(?:底|末|中旬|上旬|下旬|\d{1,2}日)?|年内|年底|年末|全年|上半年|下半年"
    r"|第?[一二三四1-4]季度(?:末|底)?|长期|持续)|(?:19|20)\d{2}年(?:底|末|度)?)"
    r"(?:前|以前|之前)?(?:持续|长期|逐步)?(?:完成|实现|到位|启动|落实|推进|坚持)?$")
# a month or a day right after a body's name, ending the clause: 县普法办2024年9月, 县司法局 10月底前
GLUED_TIME = re.compile(rf"(?:(?<=[{ORGAN_LAST}])|(?<=负责|牵头|配合|落实))[ ]*{TIME_AT_END}")  # (…负责全年)
_VERB_COMMA = re.compile(r"(?<=牵头|负责)、(?=[^、,;。()]{2,40}?(?:配合|协办|协助|参与|负责|落实)(?:[,;。)]|$))")
# 县司法局牵头 县法院配合, 责任单位:市科技馆 整改时限:3天: a space after a role verb or before a label ends a clause
_SPACE_BREAK = re.compile(rf"(?<=牵头|负责|配合|协办|参与|落实)[ ](?=[县市区省州旗镇乡各])|[ \t\u3000]+(?=(?:{NOTE_LABELS})\s*[::])")
OPEN = "(〔【["
CLOSE = ")〕】]"


@dataclass
class Note:
    """One assignment note: its span and the mentions for each role, with the rule of each."""

    start: int
    end: int
    roles: dict[str, list[tuple[Mention, str]]] = field(default_factory=lambda: {r: [] for r in ROLES})
    first_leads: bool = False  # the note states the convention
    carries: bool = False  # … and says 下同
    same_below: bool = False  # its units are the owners of the tasks after it that have no note (下同)
    standing: list[Mention] = field(default_factory=list)  # 以下各任务均需X落实
    unread: list[Mention] = field(default_factory=list)  # pieces of the note that name no unit

    def empty(self) -> bool:
        return not any(self.roles.values())

    def add(self, role: str, mentions: list[Mention], rule: str) -> None:
        for m in mentions:
            mark = _LEAD_MARK.search(m.text)
            if mark and mark.start() >= 2:  # 县发改局(牵头)、县财政局: the marked unit leads
                self.roles["lead"].append((Mention(m.text[: mark.start()], m.start, m.start + mark.start()), "note.marked"))
            else:
                self.roles[role].append((m, rule))

    def drop_cut_off(self, named: set[str] | None = None) -> None:
        """Where the page ends inside the note: its last unit, unless its name is surely whole (given the
        names ``named`` before, only where it is the start of one of them: 市科 of 市科技局)."""
        last = max(((r, i, m) for r in ROLES for i, (m, _) in enumerate(self.roles[r])), key=lambda x: x[2].start, default=None)
        if last and not surely_whole(cut := last[2].text) and (named is None or any(n != cut and n.startswith(cut) for n in named)):
            self.unread.append(self.roles[last[0]].pop(last[1])[0])


_LEAD_MARK = re.compile(r"\((?:牵头|牵头单位|牵头部门)\)$")  # a unit a list marks as leading: 县发改局(牵头)
# a label inside a clause, after a name: 责任单位:县司法局  配合单位:县法院 (the spaces were lost)
_INNER_LABEL = re.compile(rf"(?<=[\u4e00-\u9fff)])(?P<label>{NOTE_LABELS})\s*[::]"
                          rf"|(?<=[{ORGAN_LAST}室会组]){BARE_TIME_LABEL}")


def _label_heads() -> tuple[str, ...]:
    """What stands before a label inside a longer one: 主要 of 主要负责单位, 牵头 of 牵头责任单位."""
    from kg.ingest.patterns import PERSON_LABELS, TIME_LABELS

    labels = [*ROLE_LABELS, *DIVISION_LABELS, *PERSON_LABELS, *TIME_LABELS]
    return tuple({big[: -len(small)] for big in labels for small in labels if big != small and big.endswith(small)})


_LABEL_HEADS = _label_heads()


def split_clauses(text: str, offset: int) -> list[tuple[str, int]]:
    """Top-level clauses (split at , ; 。 outside brackets), each with its offset, stripped."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif ch in ",;。" and depth == 0:
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    cut = []
    for a, b in out:  # 县司法局配合单位:县法院 → 县司法局 | 配合单位:县法院
        for m in _INNER_LABEL.finditer(text, a, b):
            if m.start() > a and not text[max(a, m.start() - 6): m.start()].endswith(_LABEL_HEADS):
                cut.append((a, m.start()))
                a = m.start()
        glued = GLUED_TIME.search(text, a, b)  # 县普法办2024年9月: the time the page ran into the name
        if glued and glued.start() > a:
            cut.append((a, glued.start()))
            a = glued.start()
        cut.append((a, b))
    clauses = []
    for a, b in cut:
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece:
            clauses.append((piece, offset + a + lead))
    return clauses


def _conventions(text: str) -> tuple[str, bool, bool]:
    """The note's text with convention brackets (列第一位的为牵头单位,下同) blanked out, and what they say."""
    first = carries = False

    def blank(m: re.Match[str]) -> str:
        nonlocal first, carries
        if FIRST_LEADS.search(m.group(0)):
            first, carries = True, carries or bool(_CARRIES.search(m.group(0)))
            return " " * len(m.group(0))
        return m.group(0)

    text = re.sub(r"\([^()]{0,80}\)", blank, text)
    return text, first, carries


def parse_note(body: str, offset: int, *, label_role: str | None = None, bare_ok: bool = False) -> tuple[Note, bool]:
    """Read a note's text (without its brackets).  ``label_role`` is the role of a label the note
    started with outside ``body``; ``bare_ok`` lets names without a label or verb be responsible
    units (a bracket of names at a task's end).  Returns the note and whether anything in it
    looked like a note at all."""
    body, first, carries = _conventions(body)
    body = _SPACE_BREAK.sub(lambda m: "," * len(m.group(0)), body)
    body = _VERB_COMMA.sub(",", body)  # 省数据局牵头、中省直有关部门配合: so does a 、 before another verb's units
    note = Note(offset, offset + len(body), first_leads=first, carries=carries)
    looked = first or label_role is not None
    standing = _STANDING.search(body)
    if standing:  # taken out of the body (its span blanked, so offsets hold) before clauses are cut
        group = "units" if standing["units"] else "units2"
        note.standing = split_units(standing[group], offset + standing.start(group))
        body = body[: standing.start()] + "," * (standing.end() - standing.start()) + body[standing.end():]
        looked = True
    # 以下各项任务均涉及四市人民政府,不再列出: who else the tasks touch, given no share — no owner
    body = _INVOLVES.sub(lambda m: "," * len(m.group(0)), body)
    role: str | None = label_role  # what the last label said
    rule = "note.label" if label_role else "note.bare"
    pending: list[Mention] = []  # units since the last verb
    doubtful: list[Mention] = []  # pieces before any label or verb that name no unit
    skipping = convention = False  # inside a people's or a time's label; after a rule the note states
    verbed = False  # a verb has given its role since the last label
    for clause, at in split_clauses(body, offset):
        if FIRST_LEADS.search(clause):
            note.first_leads, looked, convention = True, True, True
            note.carries = note.carries or bool(_CARRIES.search(clause))
            continue
        if _IF_LEAD.match(clause) or convention and clause.startswith(("其他", "其它", "其余")):
            convention, looked = True, True  # 明确牵头部门的,其他有关部门配合 / …,其他部门和单位按职责分工负责
            continue
        if _CARRIES.fullmatch(clause.rstrip("。")):
            if note.first_leads:
                note.carries = True  # 列第一位的为牵头单位,下同
            elif not convention:  # (明确牵头部门的,其他有关部门配合,下同: the rule holds below, not the units)
                note.same_below = True  # (牵头单位:县司法局,下同): the tasks after it without a note of their own too
            continue
        person, timed, label = PERSON_LABEL.match(clause), TIME_LABEL.match(clause), ROLE_LABEL.match(clause)
        if person or timed:
            skipping, looked = True, True
            continue
        if label:
            if pending and role:
                note.add(role, pending, rule)
            pending, skipping, looked, verbed = [], False, True, False
            role = ROLE_LABELS.get(label["label"])  # None for 分工: its verbs decide
            rule = "note.label"
            clause, at = clause[label.end():], at + label.end()
            if not clause:
                continue
        elif skipping:
            continue
        if TIME_CLAUSE.match(clause.rstrip("。")):
            looked = True
            continue
        guides = _GUIDES.match(clause)
        if guides and looks_like_unit(guides["lead"].strip()) and looks_like_unit(guides["resp"].strip()):
            note.add("lead", pending + split_units(guides["lead"], at), "note.verb")
            note.add("responsible", split_units(guides["resp"], at + guides.start("resp")), "note.verb")
            pending, looked = [], True
            continue
        huitong = _HUITONG.match(clause)
        if huitong and looks_like_unit(huitong["lead"].strip()):
            note.add("lead", pending + split_units(huitong["lead"], at), "note.huitong")
            note.add("cooperating", split_units(huitong["coop"], at + huitong.start("coop")), "note.huitong")
            pending, looked = [], True  # (…会同市府办,市信访局、法制局: names after its comma go on with those it is joined by)
            role, rule = ("cooperating", "note.huitong") if role is None and body[at - offset + len(clause):][:1] in ",," else (role, rule)
            continue
        duty = _DUTY_AFTER.search(clause)
        if duty:
            clause = clause[: duty.start()]
        verb = ROLE_VERB.search(clause)
        if verb and verb.start() > 0:
            units = split_units(clause[: verb.start()], at)
            named = [m for m in units if looks_like_unit(m.text)]
            if named or pending:  # (全面推进: a verb after words that name no unit)
                if pending and named and role and rule == "note.label" and not verbed:
                    # 牵头单位:县司法局,县法院配合: the label's units keep its role; the verb is its clause's
                    # (责任部门:X牵头,各地,各有关部门配合: a label whose verbs have begun wraps them)
                    note.add(role, pending, rule)
                    pending = []
                elif pending and named and not role and body[at - offset - 1: at - offset] == ";":
                    note.add("responsible", pending, "note.bare")  # (县司法局;县法院配合): a ; ends the bare names
                    pending = []
                note.add(VERB_ROLES[verb["verb"]], pending + named, "note.verb")
                verbed = True
                note.unread.extend(m for m in units if m not in named)
                pending, looked = [], True
                continue
            if units:
                doubtful.extend(units)
                continue
        named_as = NAMED_AS.search(clause)
        if named_as and named_as.start() > 0:  # 各市州、县市区人民政府均为责任单位
            note.add(ROLE_LABELS[named_as["label"]], pending + split_units(clause[: named_as.start()], at), "note.label")
            pending, looked = [], True
            continue
        if clause.endswith(("各负其责", "各司其职", "各尽其责")):
            note.add("responsible", pending + split_units(clause[:-4], at), "note.verb")
            pending, looked = [], True
            continue
        units = split_units(clause, at)
        if units and all(looks_like_unit(m.text) for m in units):
            pending += units
        elif units:
            looked = looked or any(looks_like_unit(m.text) for m in units)
            if role or looked:  # in a labelled note a piece that is no name is worth showing (a place's is a name there)
                note.unread.extend(m for m in units if not looks_like_unit(m.text) and not (role and place_name(m.text)))
                if role:  # (责任单位:自治区农牧厅、财 — the names beside it are still the label's)
                    pending += [m for m in units if looks_like_unit(m.text) or place_name(m.text)]
            else:  # 县司法局把关: shown if the rest of the note turns out to name owners
                doubtful.extend(m for m in units if not looks_like_unit(m.text))
    if doubtful and not note.empty():
        note.unread.extend(doubtful)
    if pending:
        if role:
            note.add(role, pending, rule)
        elif bare_ok or looked:
            note.add("responsible", pending, "note.bare")
        looked = True
    return note, looked


# 4项目标的责任单位均为市发展改革委。/ 该目标责任单位为市经委。: a line after a run of items that names
# the owners of the last N of them (or of the one above)
SHARED = re.compile(
    r"(?:^|\n)[ \t\u3000]*(?:(?:以上|上述)?(?P<n>\d{1,2}|[一二两三四五六七八九十])项(?:目标|任务|工作|指标)?的?|该项?(?:目标|任务|指标|工作)的?)"
    r"(?P<label>牵头单位|责任单位|配合单位|牵头部门|责任部门|配合部门)(?:均|都)?为(?P<units>[^。;\n]{2,120})")


def shared_notes(text: str, offset: int) -> list[tuple[int, Note]]:
    """The owner lines of a task's text that speak for it and the items before it: (how many
    items, the note)."""
    out = []
    for m in SHARED.finditer(text):
        n = (int(m["n"]) if m["n"].isdigit() else cn_number(m["n"].replace("两", "二"))) if m["n"] else 1
        units = split_units(m["units"], offset + m.start("units"))
        if not n or not units or not all(looks_like_unit(u.text) for u in units):
            continue
        note = Note(offset + m.start("label"), offset + m.end("units"))
        note.add(ROLE_LABELS[m["label"]], units, "note.shared")
        out.append((n, note))
    return out


# 1.县市场监管局:全面推行…  a task whose text opens with its unit and a colon
_ITEM_LABEL = r"^\s*(?:\d{1,3}[.、]|[(〔](?:\d{1,3}|[一二三四五六七八九十]{1,3})[)〕]|[一二三四五六七八九十]{1,3}[、是])?\s*"
_OPENER = re.compile(_ITEM_LABEL + r"(?P<units>(?:[^,。;:()\s]|\([^()]{1,8}\)){2,40}?)(?:[::]|。(?=\S))")  # (…管委会。负责…)
_BRACKET_OPENER = re.compile(_ITEM_LABEL + r"【(?P<units>[^【】\n]{2,40})】(?=[\u4e00-\u9fff“])")  # 【县市场监管局】…
NAME_OPENS = "县区市省州盟旗各镇乡团"  # a unit named without its level first is not taken from a heading


def names_may_stand_alone(text: str, a: int, b: int, inner: str) -> bool:
    """Whether the bracket text[a:b] may be a note of unit names alone, with no label or verb: at its
    line's end (…制度。(县审计局)), or right after the sentence it closes and ending in its own full
    stop (…名录。(区金融办、区财政局。)坚持…) — never an organ's other name (领导小组办公室(市政府法制办公室))."""
    tail = text[b: b + 8]
    cut = tail.find("\n")
    last = not (tail if cut < 0 else tail[:cut]).strip(" 。.;") and (cut >= 0 or b + 8 >= len(text))
    closes = text[a - 1: a] == "。" and inner.rstrip().endswith("。")
    return (last or closes) and not other_name(text, a, inner)


def names_note(units: str, at: int) -> Note | None:
    """The note a piece of text that only names units makes (一、县司法局 / 县市场监管局:…): names
    that open with a level or 各 and end as a body's name does, read as responsible; else None."""
    rest = re.split(r"[、,]", units)[1:]  # (首都综治办、市委督查室、市监察局: the others named with their level)
    if not owner_cell(units) or units[:1] not in NAME_OPENS and not (rest and all(x[:1] in NAME_OPENS for x in rest)):
        return None
    note, _ = parse_note(units, at, bare_ok=True)
    return None if note.empty() or note.unread else note


# a leader named before the units (由杨志武副市长负责): a person, read past
_LEADER_CLAUSE = re.compile(r"^由?[\u4e00-\u9fff]{2,4}(?:常务)?副?(?:省长|市长|州长|县长|区长|旗长|书记|主任|秘书长)"
                            r"(?:同志)?(?:负责|牵头|分管|主抓)$")
_BODY_START = re.compile(r"\n\s*")
_LABEL_THEN_BY = re.compile(r"[ \t]*(?:[((〔][一二三四五六七八九十\d]{1,3}[))〕]|[一二三四五六七八九十\d]{1,3}[、.])?[ \t]*(?=由(?!于))")


def _verbs_opener(text: str, start: int) -> Note | None:
    """The role clauses a task's body opens with (1、…事宜 / 由X副市长负责,市发改委牵头,相关部门配合,尽快…):
    the units each names with its verb, up to the first clause that names none."""
    line = _BODY_START.search(text) or _LABEL_THEN_BY.match(text)  # ((一)由X负责,… / 由X牵头,Y配合,在…前完成…)
    if line is None:
        return None
    clauses = split_clauses(text[line.end():], start + line.end())
    taken: list[tuple[str, int]] = []
    for clause, at in clauses:
        if _LEADER_CLAUSE.match(clause):
            continue
        verb = ROLE_VERB.search(clause)
        names = clause[: verb.start()].removeprefix("由").strip() if verb else ""
        if verb is None or verb.start() == 0 or not all(looks_like_unit(n) for n in names.split("、")):
            break  # (a list of names before its verb: 省农业厅、卫生厅、…、厦门出入境检验检疫局协办)
        taken.append((clause, at))
    if not taken:
        return None
    a, b = taken[0][1], taken[-1][1] + len(taken[-1][0])
    note, _ = parse_note(text[a - start: b - start], a)
    if note.empty() or note.unread:
        return None
    note.start, note.end = a, b
    return note


# a line naming who sees to it (整改措施:由县住建局督促商户更换 / 由…工作组负责整治 / 工作要求:由市发改委牵头)
_BY_UNIT = re.compile(r"\n[ \t]*(?:[\u4e00-\u9fff]{2,6}[::])?由(?:包片单位|责任单位|牵头单位)?"
                      r"(?P<units>[^,。;:()由\n]{2,30}?)(?P<verb>牵头|负责|督促|组织)")


def by_unit(text: str, start: int) -> Note | None:
    m = _BY_UNIT.search(text)
    if m is None or not looks_like_unit(m["units"]):
        return None
    at = start + m.start("units")
    note, _ = parse_note(m["units"], at, label_role="lead" if m["verb"] == "牵头" else "responsible", bare_ok=True)
    if note.empty() or note.unread:
        return None
    note.start, note.end = at, start + m.end("verb")
    return note


def opener_note(text: str, start: int) -> list[Note]:
    """The note a task's opening unit and colon make (县市场监管局:…, 【县市场监管局】…; rule note.opener),
    or the role clauses its body opens with, or a line of it saying by whom (由X督促…), or none."""
    opener = _OPENER.match(text) or _BRACKET_OPENER.match(text)
    at = start + opener.start("units") if opener else 0
    note = names_note(opener["units"], at) if opener else _verbs_opener(text, start) or by_unit(text, start)
    if note is None:
        return []
    for role in ROLES:
        note.roles[role] = [(m, "note.opener") for m, _ in note.roles[role]]
    if opener:
        note.start, note.end = at, at + len(opener["units"])
    return [note]


def numbered_division(text: str, offset: int) -> list[tuple[list[int], Note]]:
    """Each 第N项由X牵头 clause of a text: the task numbers it names and the note it makes."""
    out = []
    for m in NUMBERED_DIVISION.finditer(text):
        numbers: list[int] = []
        for piece in re.finditer(r"(\d{1,3})(?:\s*[至到\-—~]\s*(\d{1,3}))?", m["nums"]):
            low, high = int(piece[1]), int(piece[2] or piece[1])
            numbers.extend(range(low, min(high, low + 200) + 1))
        note, _ = parse_note(m["units"], offset + m.start("units"))
        if numbers and not note.empty() and not note.unread:
            note.start, note.end = offset + m.start(), offset + m.end()
            out.append((numbers, note))
    return out


# a labelled clause inside a sentence, after its comma: 1、农村道路畅通工程,牵头部门:市交通局。建设进度…
_INLINE_LABEL = re.compile(r"(?<=[,;。])[ \t]*(?P<note>(?P<label>" + _ROLE_LABEL_WORDS
                           + r")[::](?P<units>[^。;,:()\n]{2,60}))(?=[。;\n]|$)")


def inline_labels(text: str, offset: int) -> list[Note]:
    """The labelled clauses a line holds after a comma (…工程,牵头部门:市交通局。) whose units all read as names."""
    out = []
    for m in _INLINE_LABEL.finditer(text):
        units = split_units(m["units"], offset + m.start("units"))
        if units and all(looks_like_unit(u.text) for u in units):
            note = Note(offset + m.start("note"), offset + m.end("note"))
            note.add(ROLE_LABELS[m["label"]], units, "note.label")
            out.append(note)
    return out
