"""Normalization steps for the ways some pages print a document: a document-sharing site's chunk
numbers, note labels set in brackets (【责任单位】县司法局), table cells between tabs or single
spaces, and Markdown marks (a table set in wide spaces is read in :mod:`kg.ingest.spaced_rows`).
Each step keeps the offset map."""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.ingest.offsets import Offsets, cells_text, rewrite, substitute
from kg.ingest.patterns import NOTE_LABELS
from kg.ingest.statheads import VALUE
from kg.vocab import OWNER_KINDS

# Document-sharing sites (…由会员分享,可在线阅读…) print a document in numbered chunks — "1、…",
# "2、…" at line starts — that cut its sentences anywhere: 2、进头脑工作。 continues the line above.
_SHARED_DOC = re.compile(r"由会员分享|可在线阅读|珍藏版》|文档编号|上传时间:")
_CHUNK_MARK = re.compile(r"(?m)^(\d{1,3})、")


def drop_chunk_marks(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """On a document-sharing site's page, the chunk numbers 1、 2、 3、 that run in order at line
    starts, each after a line that stops mid-sentence, go (so the cut sentence joins up again)."""
    if not _SHARED_DOC.search(text[:600]):
        return text, offsets
    expected = 1

    def drop(m: re.Match[str]) -> str:
        nonlocal expected
        if int(m.group(1)) != expected:
            return m.group(0)
        before = text[:m.start()].rstrip("\n ")[-1:]
        if expected > 1 and before in "。!?;:":
            return m.group(0)  # the line above ended its sentence: a real item, or no chunk run
        expected += 1
        return ""

    return substitute(_CHUNK_MARK, drop, text, offsets)


# A forum's anti-copy noise (Discuz "jammer" text): runs of one- or two-character ASCII tokens,
# letters and symbols mixed, at a line's start or end (& Q: W \5 r2 y: W1 j2 E$ J 各县…).
_TOKEN = r"(?!\|[ \n]|\|$)[!-~]{1,2}"  # (a bar alone is a table's, never noise)
_FORUM_NOISE = re.compile(rf"(?m)^[ \t]*(?:{_TOKEN} ){{4,}}(?:[!-'*-~]{{1,2}})?(?=[^\x00-\x7f]|\()"
                          rf"|(?:(?<=[^\x00-\x7f])|(?<=[:;,.)]))[ \t]+(?:{_TOKEN} ){{3,}}{_TOKEN}[ \t]*$")


# a sharing site's mark where it hid part of the text: ……此处隐藏838个字…… (its count is no figure)
_HIDDEN = re.compile(r"(?<![….])[….]*此处隐藏\d{1,6}个字[…\.]*")


def drop_forum_noise(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """A forum's noise tokens go where they mix letters and symbols (never a table's bars, a run
    of numbers or words of a language), and a sharing site's mark of hidden text."""
    text, offsets = substitute(_HIDDEN, "", text, offsets)

    def drop(m: re.Match[str]) -> str:
        run = m.group(0)
        letters = sum(ch.isalpha() for ch in run)
        symbols = sum(not ch.isalnum() and not ch.isspace() for ch in run)
        return "" if letters >= 3 and symbols >= 2 else run

    return substitute(_FORUM_NOISE, drop, text, offsets)


# 【责任单位】县司法局, [牵头单位]县司法局: a label set in brackets instead of followed by a colon
_BRACKETED_LABEL = re.compile(rf"[【\[]\s*(?P<label>{NOTE_LABELS})\s*[】\]]\s*[::]?")


def bracketed_labels(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """``【责任单位】县司法局`` → ``责任单位:县司法局``: the label reads as every other note's."""
    return substitute(_BRACKETED_LABEL, lambda m: m.group("label") + ":", text, offsets)


_INNER_TABS = re.compile(r"(?<=[^\s|])[ ]*\t[\t ]*(?=[^\s|])")


def tab_cells(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """Tabs between the cells of a row copied from a spreadsheet or a Word table (two or more on a
    line, one on a line right after such a row: a row whose merged cells printed none, or one on each
    of two lines or more in a run: a table of two columns) become ``|``, as a table row is written
    elsewhere; any other tab is a space."""
    if "\t" not in text:
        return text, offsets
    starts, rows, pos, before = [], [], 0, 0  # (before: the tabs of the line above)
    for line in text.split("\n"):
        starts.append(pos)
        tabs = len(_INNER_TABS.findall(line))
        rows.append(tabs >= 2 or tabs == 1 and bool(rows) and rows[-1])
        if tabs == 1 and before == 1:  # two lines of one tab each: a two-column table's rows
            rows[-2:] = [True, True]
        before = tabs
        pos += len(line) + 1
    return _bars_in_rows(_INNER_TABS, starts, rows, text, offsets)


def _bars_in_rows(gap: re.Pattern[str], starts: list[int], rows: list[bool], text: str,
                  offsets: Offsets) -> tuple[str, Offsets]:
    """Each ``gap`` on a line marked as a table's row (``rows``, by the lines' ``starts``) becomes
    `` | ``; elsewhere it stays."""
    return substitute(gap, lambda m: " | " if rows[bisect_right(starts, m.start()) - 1] else m.group(0),
                      text, offsets)


_MD_LINE = re.compile(r"(?m)^[ ]*(?:#{1,6}[ ]+|[-*+][ ]+(?=\S)|>(?![=\d])[ ]?)")  # (>=1 in a cell is no quote)
# **strong** as Markdown reads it: a pair on one line around text; a masked name (****分局, **县) keeps its stars
_MD_STARS = re.compile(r"(?<!\*)\*\*(?=[^*\s])([^*\n]{1,300}?)(?<=[^*\s])\*\*(?!\*)")
# __strong__ as Markdown reads it: a pair on one line around text, neither mark inside a word, so
# a blank to fill in (第____号, 填写__) and snake_case__names keep their underscores.
_MD_UNDERSCORES = re.compile(r"(?<![\w_])__(?=[^\s_])(?:[^_\n]|_(?!_)){1,200}?(?<=[^\s_])__(?![\w_])")


def _drop_pairs(marks: re.Pattern[str], text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """The two marks (two characters each: ** or __) of each pair ``marks`` finds go; the text between
    them keeps its offsets."""
    keep, kept_offsets, pos = [], [], 0
    for m in marks.finditer(text):
        a, b = m.span()
        for x, y in ((pos, a), (a + 2, b - 2)):
            keep.append(text[x:y])
            kept_offsets.extend(offsets[x:y])
        pos = b
    if not pos:
        return text, offsets
    keep.append(text[pos:])
    kept_offsets.extend(offsets[pos:])
    return "".join(keep), kept_offsets


def strip_markdown(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """Drop heading, list and emphasis marks: ``- **4. 推进…。**`` → ``4. 推进…。``; ``__重点__`` →
    ``重点`` where Markdown would read it as emphasis, never a run of underscores inside the text."""
    text, offsets = substitute(_MD_LINE, "", text, offsets)
    text, offsets = _drop_pairs(_MD_STARS, text, offsets)
    return _drop_pairs(_MD_UNDERSCORES, text, offsets)


# «…» and ‹…› that a converter wrote for 《…》 and 〈…〉 (a title inside a title): paired on one line,
# so a breadcrumb's » and › separators are never touched
_GUILLEMETS = re.compile(r"«([^«»\n]{1,120})»|‹([^‹›\n]{1,120})›")


def quote_marks(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """``«落实‹规定›清单»`` → ``《落实〈规定〉清单》``: the title marks every rule reads."""
    if "«" not in text and "‹" not in text:
        return text, offsets
    for _ in range(2):  # a pair inside a pair: the inner one first, then the outer
        text, offsets = substitute(_GUILLEMETS, lambda m: f"《{m[1]}》" if m[1] is not None else f"〈{m[2]}〉", text, offsets)
    return text, offsets


# ⑴…⒇ and ⒈…⒛: one character each for (1) and 1. (a word processor's numbering, kept by some pages)
_ENCLOSED = re.compile("[\u2474-\u2487\u2488-\u249b]")


def enclosed_numbers(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """``⑴加强…`` → ``(1)加强…``, ``⒈加强…`` → ``1.加强…``: the numbers every outline rule reads."""
    if not _ENCLOSED.search(text):
        return text, offsets

    def spell(m: re.Match[str]) -> str:
        code = ord(m.group(0))
        return f"({code - 0x2474 + 1})" if code <= 0x2487 else f"{code - 0x2488 + 1}."

    return substitute(_ENCLOSED, spell, text, offsets)


# --- a task table whose cells are set apart by one space ------------------------------------------
# Text taken from a web page's table often keeps one space between cells (序号 类别 主要任务 牵头单位
# 责任单位 over rows 1 加强… 严守… 市水利局 各县…), and the cells keep stray spaces of their own.  The
# header says how many columns there are and which hold owners and times: those are taken from the
# row's right end (a unit list or a date has no space inside), the number from its left, and what is
# left between is the work text.
_TIME_CELL = re.compile(r"\d|年|月|季度|全年|长期|持续|常态|年底|年内")
_LIST_JOIN = "、,,"
_BLANKS = " \xa0\u3000"  # a space, a no-break space, a full-width space: each one gap
ONE_BLANK = re.compile(f"[{_BLANKS}]")


def _single_space_header(line: str) -> list[str | None] | None:
    from kg.ingest.lines import is_task_table_header
    from kg.ingest.statheads import stat_header
    from kg.vocab import column_kind

    names = ONE_BLANK.split(line.strip(_BLANKS))
    if len(names) < 4 or len(names) > 12 or any(not n or len(n) > 10 for n in names):
        return None
    stat = stat_header(names)
    if stat and stat[0] == "number" and stat[1] == "name" and "name" not in stat[2:] and "owner" not in stat:
        return ["number", "name", *["value"] * (len(names) - 2)]  # 序号 项目名称 目标任务 完成情况 完成率: values at the right
    kinds = [column_kind(n) for n in names]
    if None in kinds or kinds[0] != "number" or not is_task_table_header(names):
        return None
    while kinds[-1] == "remark":  # 备注 last: its cells mostly empty, so a row ends at the one before
        kinds.pop()
    tail = len(kinds)
    while tail and (kinds[tail - 1] in OWNER_KINDS or kinds[tail - 1] == "time"):
        tail -= 1
    # the owner and time columns close the row; two work columns or fewer lie before them
    return kinds if tail < len(kinds) and 2 <= tail <= 4 and "number" not in kinds[1:] else None


def _row_cells(line: str, kinds: list[str | None]) -> list[tuple[int, int]] | None:
    """The row's cells as spans of the line, or None when it does not read as a row of this table."""
    tokens, pos = [], len(line) - len(line.lstrip(_BLANKS))
    for word in ONE_BLANK.split(line.strip(_BLANKS)):
        tokens.append((pos, pos + len(word)))  # an empty word: two spaces in a row
        pos += len(word) + 1
    word = lambda t: line[t[0]:t[1]]  # noqa: E731
    if not tokens or not word(tokens[0]).isdigit():
        return None
    right: list[tuple[int, int]] = []
    rest = tokens[1:]
    for kind in reversed(kinds):
        if kind not in OWNER_KINDS and kind not in ("time", "value"):
            break
        while rest and not word(rest[-1]):
            rest.pop()
        if not rest:
            return None
        a, b = rest.pop()
        while rest and word(rest[-1]) and (line[a] in _LIST_JOIN or line[rest[-1][1] - 1] in _LIST_JOIN):
            a = rest.pop()[0]  # a stray space inside a list of units
        cell = line[a:b]
        if "。" in cell or ";" in cell or len(cell) > 150 or kind == "time" and not _TIME_CELL.search(cell) \
                or kind == "value" and not (VALUE.match(cell) or cell in ("-", "—", "/")):  # (a dash: no value)
            return None
        right.insert(0, (a, b))
    work = len(kinds) - 1 - len(right)
    empty_at = tokens[0][1] + 1
    cells: list[tuple[int, int]] = []
    blanks = next((i for i, t in enumerate(rest) if word(t)), len(rest))
    if work >= 2:  # two spaces or more: the first work cells are empty (merged with the row above)
        cells = [(empty_at, empty_at)] * min(blanks, work - 1)
    words = [t for t in rest if word(t)]
    if not words:
        return None
    left = work - len(cells)
    if left == 1:
        cells.append((words[0][0], words[-1][1]))
    elif len(words) <= left:
        cells += words
    else:  # the last work cell is the longest, from its first clause; the one before it one word
        last = next((i for i, t in enumerate(words) if re.search("[,。;,]", word(t))), len(words) - 1)
        last = max(last, left - 1)
        head = words[:last]
        k = len(head) - (left - 2)  # the first work cell takes the words the others do not
        cells.append((head[0][0], head[k - 1][1]))
        cells += head[k:]
        cells.append((words[last][0], words[-1][1]))
    cells += [(cells[-1][1], cells[-1][1])] * (work - len(cells))
    return [tokens[0], *cells[:work], *right]


def table_on_one_line(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """A task table set with one space between cells and every row on one line, as a page's text
    run together gives it (…分工表 序号 工作任务 责任单位 完成时限 1 加强… 县司法局 2023年12月底前 2 …):
    the space before its header and before each row's number (1, 2, 3 … in turn) becomes a line
    break, so that :func:`single_spaced_cells` reads it as the table it is.  Same length: the
    offsets stay as they are."""
    out = None
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if len(line) <= 40 or "序号" not in line:
            continue
        words, at = [], 0
        for word in ONE_BLANK.split(line):
            words.append((at, word))
            at += len(word) + 1
        for i, (a, word) in enumerate(words):
            if word != "序号":
                continue
            width = next((k for k in range(1, min(13, len(words) - i)) if words[i + k][1] == "1"), 0)
            if not width or _single_space_header(" ".join(w for _, w in words[i: i + width])) is None:
                continue
            cuts, expected = [a - 1] if a else [], 1
            for b, w in words[i + width:]:
                if w == str(expected):
                    cuts.append(b - 1)
                    expected += 1
            if expected > 2:  # two rows or more
                out = out if out is not None else list(text)
                for cut in cuts:
                    out[start + cut] = "\n"
            break
    return ("".join(out), offsets) if out is not None else (text, offsets)


def single_spaced_cells(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """A task table set with one space between cells is written with ``|`` between them: the
    header's columns over the numbered lines after it, each row read by where its owners and times
    must stand.  A line that cannot be read so ends the table, and everything else stays."""
    rows: list[tuple[int, int, list[tuple[int, int]]]] = []  # (line start, line end, cell spans in the line)
    kinds: list[str | None] | None = None
    header_width = 0
    header: tuple[int, int, list[tuple[int, int]]] | None = None  # written once a row follows it
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if kinds is not None:
            cells = _row_cells(line, kinds) if line.strip(_BLANKS) else []
            if cells and header_width > len(cells):  # a last column (备注) the row leaves empty
                cells += [(len(line), len(line))] * (header_width - len(cells))
            if cells:
                if header:
                    rows.append(header)
                    header = None
                rows.append((start, pos - 1, cells))
                continue
            if cells is None:
                kinds = None
        if kinds is None and len(line) <= 120 and ONE_BLANK.search(line):
            kinds = _single_space_header(line)
            header_width = len(ONE_BLANK.split(line.strip(_BLANKS)))
            if kinds:
                spans, at = [], 0
                for name in ONE_BLANK.split(line):
                    if name:
                        spans.append((at, at + len(name)))
                    at += len(name) + 1
                header = (start, pos - 1, spans)
    if not rows:
        return text, offsets
    return rewrite(text, offsets, [(start, end, *cells_text(text, offsets, start, [[c] for c in cells]))
                                   for start, end, cells in rows])


# A page that saved its paragraphs as one line, a space where each break was ("…贯彻执行。 2022年是…
# 责任分解 一、王丹县长牵头重点工作 1.全县生产总值… 责任单位:县发改局、县财政局 2.落实…"): the spaces
# after a sentence's end, and before an outline number or a note's label, are its line breaks again.
_SPACED_SENTENCE_END = re.compile(r"[。;!?][ \u3000]+\S")
_SPACED_BREAK = re.compile(
    rf"(?<=[。;!?])[ \u3000]+(?=\S)|(?<=[\d〇○零一二三四五六七八九十]日)[ \u3000]+(?=[(\u4e00-\u9fff])|(?<=发布\))[ \u3000]+"
    rf"|(?<=\S)[ \u3000]+(?=[一二三四五六七八九十]{{1,3}}、|[(〔][一二三四五六七八九十]{{1,3}}[)〕]"
    rf"|\d{{1,3}}[.、](?![\d.、])|(?:{NOTE_LABELS})[::]|[\u4e00-\u9fff]{{1,8}}〔(?:19|20)\d{{2}}〕\d{{1,4}}号)")  # (…的通知 黑政办综〔2010〕26号)
_SPACED_LINE = 300  # a line this long with breaks of this kind is paragraphs run together
_SPACED_ENDS = 3


def spaced_paragraphs(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """A long line whose sentences end in a space (three or more) is paragraphs run together: its
    sentence-end and outline-number spaces become line breaks (not in a table's row, between bars)."""
    spans, start = [], 0
    for line in text.split("\n"):
        if len(line) >= _SPACED_LINE and line.count("|") < 2 and len(_SPACED_SENTENCE_END.findall(line)) >= _SPACED_ENDS:
            spans.append((start, start + len(line)))
        start += len(line) + 1
    if not spans:
        return text, offsets
    starts = [a for a, _ in spans]

    def cut(m: re.Match[str]) -> str:
        i = bisect_right(starts, m.start()) - 1
        return "\n" + m.group(0)[1:] if i >= 0 and m.start() < spans[i][1] else m.group(0)

    return substitute(_SPACED_BREAK, cut, text, offsets)


# A mirror that read a GBK page one byte late: a line's first bytes paired wrongly, so （一）完善…
# comes out as ?。ㄒ唬┩晟… — a lost byte (?), the full stop a1a3 and a character of GBK's row a8 (ㄒ,
# ǜ, ▓ …), up to the first single-byte character, where the pairs fall back in step.
_SHIFTED = re.compile(r"(?m)^(?P<lead>[ \t\u3000]*)[?？]?(?P<run>。[\u0100-\u02ff\u3100-\u312f\u2500-\u257f][^\x00-\x7f\n]*[^\n\u0080-\U0010ffff]?)")


_NUMERALS = "一二三四五六七八九十"


def realign_shifted_gbk(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """``?。ㄒ唬┩晟剖袌鰷嗜霗C制行動。`` → ``（一）完善市場準入機制行動。``: the run read again one byte on."""
    def again(m: re.Match[str]) -> str:
        try:  # (up to its first single-byte character, where it falls back in step)
            fixed = m["run"].encode("gbk")[1:].decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return m.group(0)
        if len(fixed) > 1 and fixed[1] not in _NUMERALS and (b := fixed[1].encode("gbk"))[1:] == b"\xa9":
            # （订: 二's second byte (fe) went with the page's bad pair, ）'s last (a9) took its place
            fixed = next((fixed[0] + n + "）" + fixed[2:] for n in _NUMERALS if n.encode("gbk")[0] == b[0]), fixed)
        elif len(fixed) > 2 and fixed[1] in _NUMERALS and fixed[2] != "）" and fixed[2].encode("gbk", "replace")[:1] == b"\xa3":
            fixed = fixed[:2] + "）" + fixed[3:]  # （五０四好…: ）'s second byte and “'s first lost, ）'s first and “'s last one character
        return m["lead"] + fixed if fixed.startswith("（") else m.group(0)

    return substitute(_SHIFTED, again, text, offsets)


# 教育局 XX 年普法工作计划2017年是…。 / …实施方案为深入贯彻…: a page's title run into its first paragraph
_GLUED_TITLE = re.compile(r"(?P<title>[^。,;:!?\n|]{4,60}?(?:工作计划|工作要点|实施方案|工作方案|工作总结|活动总结|自查报告|情况报告|"
                          r"工作报告|年度报告|责任书|进度表|实施意见|工作措施|工作安排)(?:\([^()\n]{1,12}\))?)"
                          r"(?=(?:为|根据|按照|依据|(?:19|20)\d{2}年|今年)[^\n。]{8,}。)")


def glued_title(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """A title run into the paragraph after it, on one of the page's first three lines, gets its own line."""
    pos = 0
    for line in text.split("\n", 3)[:3]:
        m = _GLUED_TITLE.match(line.strip(" \t"))
        if m:
            at = pos + len(line) - len(line.lstrip(" \t")) + m.end()
            return rewrite(text, offsets, [(at, at, "\n", [offsets[at]])])
        pos += len(line) + 1
    return text, offsets
