"""Normalization steps for the ways some pages print a document: a document-sharing site's chunk
numbers, note labels set in brackets (【责任单位】县司法局), table cells between tabs or wide spaces,
and Markdown marks.  Each step keeps the offset map."""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.ingest.offsets import Offsets, substitute
from kg.ingest.patterns import NOTE_LABELS

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


def drop_forum_noise(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """A forum's noise tokens go where they mix letters and symbols (never a table's bars, a run
    of numbers or words of a language)."""
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
    line, or one on a line right after such a row: a row whose merged cells printed none) become
    ``|``, as a table row is written elsewhere; any other tab is a space."""
    if "\t" not in text:
        return text, offsets
    starts, rows, pos = [], [], 0
    for line in text.split("\n"):
        starts.append(pos)
        tabs = len(_INNER_TABS.findall(line))
        rows.append(tabs >= 2 or tabs == 1 and bool(rows) and rows[-1])
        pos += len(line) + 1
    return _bars_in_rows(_INNER_TABS, starts, rows, text, offsets)


def _bars_in_rows(gap: re.Pattern[str], starts: list[int], rows: list[bool], text: str,
                  offsets: Offsets) -> tuple[str, Offsets]:
    """Each ``gap`` on a line marked as a table's row (``rows``, by the lines' ``starts``) becomes
    `` | ``; elsewhere it stays."""
    return substitute(gap, lambda m: " | " if rows[bisect_right(starts, m.start()) - 1] else m.group(0),
                      text, offsets)


# two spaces or more (ASCII, full width, no-break) between words: a column gap of a table set in
# spaces, as text taken from a PDF or a fixed-width page prints it
_SPACE_GAP = re.compile(r"(?<=\S)[ \u3000\xa0]{2,}(?=\S)")


def spaced_cells(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """A task table set in spaces (序号  工作任务  牵头单位  完成时限 over rows with the same
    gaps) is written with ``|`` between its cells, as a table row is elsewhere: from a header line
    whose gaps cut it into three or more column heads naming a task and an owner or a time, over
    the lines after it that have gaps too. Gaps anywhere else stay as they are."""
    from kg.ingest.lines import is_task_table_header

    if "  " not in text and "\u3000\u3000" not in text:
        return text, offsets
    starts, rows, pos, inside = [], [], 0, False
    for line in text.split("\n"):
        starts.append(pos)
        pos += len(line) + 1
        parts = _SPACE_GAP.split(line.strip(" \u3000\xa0"))
        if len(parts) >= 3 and is_task_table_header(parts):
            inside = True
        elif inside and len(parts) < 2:
            inside = False
        rows.append(inside)
    if not any(rows):
        return text, offsets
    return _bars_in_rows(_SPACE_GAP, starts, rows, text, offsets)


_MD_LINE = re.compile(r"(?m)^[ ]*(?:#{1,6}[ ]+|[-*+][ ]+(?=\S)|>(?![=\d])[ ]?)")  # (>=1 in a cell is no quote)
_MD_STARS = re.compile(r"\*\*")
# __strong__ as Markdown reads it: a pair on one line around text, neither mark inside a word, so
# a blank to fill in (第____号, 填写__) and snake_case__names keep their underscores.
_MD_UNDERSCORES = re.compile(r"(?<![\w_])__(?=[^\s_])(?:[^_\n]|_(?!_)){1,200}?(?<=[^\s_])__(?![\w_])")


def _drop_underscore_pairs(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """The two marks of each ``__strong__`` go; the text between them keeps its offsets."""
    keep, kept_offsets, pos = [], [], 0
    for m in _MD_UNDERSCORES.finditer(text):
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
    text, offsets = substitute(_MD_STARS, "", text, offsets)
    return _drop_underscore_pairs(text, offsets)
