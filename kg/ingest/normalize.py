"""Repair the damage text conversion does, keeping a map back to the raw text.

Every step is a small function ``(text, offsets) -> (text, offsets)`` where ``offsets[i]`` is the
raw-text index of ``text[i]`` (one extra entry: the raw length), in order except for the names a
matrix table's row takes from its header (kg.ingest.matrix: they point at the header).  Later stages
only ever see the normalized text; any span they report can be mapped back with
:meth:`NormalizedText.raw_span`.

Order matters: widths are folded first so every later pattern sees one spelling of each
bracket and colon; broken lines are joined while markdown marks still say where a block
starts; spaces inside CJK runs go last, once lines are whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from kg.ingest.forms import (bracketed_labels, drop_chunk_marks, drop_forum_noise, enclosed_numbers, quote_marks, realign_shifted_gbk,
                             glued_title, spaced_paragraphs, single_spaced_cells, strip_markdown, tab_cells, table_on_one_line)
from kg.ingest import glued, matrix, spaced_rows
from kg.ingest.regions import table_cell_line, vertical_table_regions
from kg.ingest.offsets import Offsets, Step, substitute, translate
from kg.ingest.patterns import DEBRIS_LINE, NOTE_LABELS
from kg.ingest.records import opens_field

# CJK ideographs (BMP and extension A) — what "Chinese text" means in the patterns below.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


@dataclass(frozen=True)
class NormalizedText:
    raw: str
    text: str
    offsets: tuple[int, ...]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw-text span that the normalized span ``[start, end)`` came from."""
        if start >= end:
            pos = self.offsets[start]
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def raw_slice(self, start: int, end: int) -> str:
        a, b = self.raw_span(start, end)
        return self.raw[a:b]

    def written(self, start: int, end: int) -> str:
        """The span as the document writes it, for showing and quoting: the normalized span with
        each ideograph in the document's own script (Traditional stays Traditional), without
        whitespace, 〔〕 shown as ().  Character for character it is the span, so nothing the
        normalization dropped (a pinyin gloss, a markdown mark, a zero-width space) comes back."""
        out = []
        for char, at in zip(self.text[start:end], self.offsets[start:end]):
            if char.isspace():
                continue
            original = self.raw[at]
            # only the Simplified conversion turns an ideograph into another one; widths, brackets
            # and glosses are the normalized text's business
            out.append(original if original != char and _IDEOGRAPH.match(original) and _IDEOGRAPH.match(char)
                       else _SHOWN.get(char, char))
        return "".join(out)


_IDEOGRAPH = re.compile(f"[{CJK}]")
_SHOWN = {"〔": "(", "〕": ")"}


# --- steps -----------------------------------------------------------------------------------

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# Controls and invisible characters that text conversion leaves behind (BOM, zero widths, …).
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\u200b-\u200d\u2060\u00ad\ufffe\uffff]")
_SPACES = {ord(c): " " for c in "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"}


def clean_controls(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """One newline convention, no invisible characters, one kind of space."""
    text, offsets = substitute(_NEWLINES, "\n", text, offsets)
    text, offsets = substitute(_INVISIBLE, "", text, offsets)
    return translate(_SPACES, text, offsets)


def _width_table() -> dict[int, str]:
    table = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
    # Lookalike brackets and separators seen in scraped and OCR'd documents.
    table.update({ord(k): v for k, v in {
        "﹙": "(", "﹚": ")", "⁽": "(", "⁾": ")", "₍": "(", "₎": ")",
        "﹝": "〔", "﹞": "〕", "〘": "〔", "〙": "〕", "［": "[", "］": "]",
        "﹐": ",", "﹑": "、", "﹒": ".", "﹔": ";", "﹕": ":", "︰": ":", "﹖": "?", "﹗": "!",
        "︵": "(", "︶": ")", "﹛": "{", "﹜": "}",
        "\uff5f": "(", "\uff60": ")",
    }.items()})
    # Brackets whose meaning is one level deeper but which this genre uses as plain brackets.
    table[ord("\u3014")] = "〔"
    return table


_WIDTH = _width_table()


def fold_width(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """Full-width ASCII to half width: （牵头单位： and (牵头单位: become one spelling."""
    return translate(_WIDTH, text, offsets)


@lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc
    except ImportError:  # the package is a dependency; without it matching is on the original script
        return None
    return opencc.OpenCC("t2s")


_HAS_CJK = re.compile(f"[{CJK}]")


def to_simplified(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """A Simplified copy to match against; the raw text keeps the original script.

    OpenCC converts phrase by phrase; where a phrase changes length the offset map would
    drift, so such text is converted one character at a time instead.
    """
    conv = _t2s()
    if conv is None or not _HAS_CJK.search(text):
        return text, offsets
    converted = conv.convert(text)
    if len(converted) == len(text):
        return converted, offsets
    chars = [conv.convert(c) for c in text]
    chars = [c if len(c) == 1 else o for c, o in zip(chars, text)]
    return "".join(chars), offsets


# Mirror sites gloss characters with their pinyin: 高(gāo)新区(qū) — a gloss is a bracket after an
# ideograph holding one Latin syllable with a tone mark (or ü), never part of a name or a sentence;
# spun pages gloss with words too (二(读:èr)、, 公办(繁体:辦), 其中{拼音:zhōng}, 幼儿【ér】园, 古浪làng 县).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_SYLLABLE = f"(?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}"
_PINYIN_GLOSS = re.compile(f"(?<=[{CJK}])(?:\\({_SYLLABLE}\\)|【{_SYLLABLE}】|{_SYLLABLE} ?(?=[{CJK}])"
                           f"|[(\\[{{【《](?:读|繁体|繁|拼音|pinyin)[:：][^()\\[\\]{{}}【】《》\\n]{{1,8}}[)\\]}}】》])")

# A printed page's number left in the text: "- 2 -" on a line of its own or at a line's start.
_PAGE_MARK = re.compile(r"(?m)^[ ]*[-—–][ ]*\d{1,3}[ ]*[-—–][ ]*(?:\n|(?=\S))")


def drop_page_marks(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """``- 2 -`` page numbers go, so the sentence they cut joins up again."""
    return substitute(_PAGE_MARK, "", text, offsets)


def drop_pinyin_glosses(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """``湘西經(jīng)開區(qū)管委會`` → ``湘西經開區管委會``."""
    return substitute(_PINYIN_GLOSS, "", text, offsets)


_OUTLINE_START = re.compile(
    r"(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十百]+\)|〔[一二三四五六七八九十]+〕|\d{1,4}[.、](?!\d)|\(\d{1,4}\)"
    r"|[一二三四五六七八九十]+是|第[一二三四五六七八九十百]+[章节条部分]"
    rf"|[(〔]?(?:{NOTE_LABELS})\s*:)"
)
_MARKDOWN_BLOCK = re.compile(r"(?:#{1,6}\s|[-*+]\s|>\s?)")
_LINE_BREAK = re.compile(r"[ ]*\n(?:[ ]*\n)*[ ]*")
_SENTENCE_END, _CLOSERS, _CONTINUES = set("。!?;！？；…"), set(")]》」』〕\"”’>"), set(",、(“‘《〔—-–·/")
_CUT_ADDRESS = re.compile(r"(?:@|://)[\w.\-/]*$")
_LABEL_START, _PAGE_META = re.compile(rf"(?:{NOTE_LABELS})"), re.compile(r"来源[::]|发布(?:时间|日期)[::]|\d{1,2}:\d{2}:\d{2}")
_CONTACT = re.compile(r"[(〔\[](?:联系|咨询)[^()〔〕\[\]]*$")  # (联系人:…;联系电话:24538355 — a cut contact line, no note
_LAYOUT_GAP, _LABEL_END = re.compile(r"\S[ ]{3,}\S"), re.compile(rf"(?:^|[(〔,;])(?:{NOTE_LABELS}):$")


def _line_lengths(text: str) -> list[int]:
    """The lengths of the text's lines of 10 characters or more, shortest first."""
    return sorted(n for n in (len(s.strip()) for s in text.split("\n")) if n >= 10)


def _p90(lengths: list[int]) -> int:
    return lengths[int(len(lengths) * 0.9) - 1 if len(lengths) > 1 else 0]


def _long_line_threshold(lengths: list[int]) -> int:
    """Length above which a line that stops mid-sentence was cut by the page, not the author.

    Texts from PDF break every printed line (about 30–40 characters); texts saved from
    a word processor break only paragraphs.  Use the document's own line lengths.
    """
    return max(12, min(40, int(_p90(lengths) * 0.8))) if lengths else 40


def _printed_width(lengths: list[int]) -> int | None:
    """The width a PDF's lines were printed at (most long lines within a few characters of it),
    or None for a text whose lines are paragraphs."""
    if len(lengths) < 8:
        return None
    p90 = _p90(lengths)
    near = sum(1 for n in lengths if p90 - 3 <= n <= p90 + 1)
    return p90 - 1 if p90 <= 50 and near * 2 >= len(lengths) else None


# an outline item whose few words end in a verb that needs its object: the line was cut
_UNFINISHED_ITEM = re.compile(r"^\d{1,4}[.、]\s*[\u4e00-\u9fff]{0,8}(?:贯彻|落实|执行|实施|遵守|学习|宣传|贯彻落实|认真执行|严格执行)$")

# a line that ends as a document's title does, a table's caption (表2:…); lines that always stand alone
_TITLE_END = re.compile(r"(?:工作计划|工作要点|实施方案|分工方案|分解方案|实施意见|工作安排|情况报告|年度报告|工作总结|的通知|"
                        r"的报告|工作报告|工作方案|行动方案|行动计划|任务清单|责任清单|的意见|"
                        r"(?:建设|工作|推进|落实|开展|进展)情况|情况的?通报|情况说明|分工表|分解表|任务表|汇总表|台账)$")
_CAPTION = re.compile(r"^表\s*\d{1,2}\s*[::.、 ]")
_STANDALONE = re.compile(r"^(?:附件\s*\d*|\(此件[^)]*\)|特此通知。?)$")


def _closes_first(line: str) -> bool:
    """Whether the line closes a bracket before it opens one (the rest of a note cut by a break)."""
    close, opening = (min((i for i in map(line.find, chars) if i != -1), default=-1) for chars in (")〕]", "(〔["))
    return close != -1 and (opening == -1 or close < opening)


_BARE_NUMBER = re.compile(r"\d+(?:\.\d+)?%?$")
# what only goes on after a number: its measure word, or the punctuation after a rate
_MEASURE_START = re.compile(r"(?:条|件|个|名|人|次|项|家|份|期|场|万|亿|元|户|宗|起|卷|部|篇|天|日|学时|%|[,,。;;、])")


def _ends_mid_sentence(text: str, line_start: int) -> bool:
    """Whether the line before the one starting at ``line_start`` (blank lines skipped) stops mid-sentence."""
    above = text[max(0, line_start - 200):line_start].rstrip("\n ")
    return bool(above) and re.match(f"[{CJK}]", above[-1]) is not None


def join_broken_lines(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """Join lines that a page or printed-line break cut in the middle of a word or sentence:
    ``区\\n\\n委组织部`` → ``区委组织部``; ``责\\n\\n任单位`` → ``责任单位``.  A break stays where
    the next line starts a block (markdown mark, outline number, assignment label), where the
    line before ends a sentence or a bracketed note, or where that line is a short heading.
    """
    lengths = _line_lengths(text)
    threshold = _long_line_threshold(lengths)
    full = _printed_width(lengths)  # where every line was cut at the page's width (PDF)
    regions = vertical_table_regions(text)

    def decide(m: re.Match[str]) -> str:
        a, b = m.span()
        if any(x <= a < y for x, y in regions):
            return m.group(0)  # inside a table printed one cell per line
        line_start = text.rfind("\n", 0, a) + 1
        prev = text[line_start:a].strip()
        nxt_end = text.find("\n", b)
        nxt = text[b: nxt_end if nxt_end != -1 else len(text)]
        if not prev or not nxt.strip():
            return m.group(0)
        if _CUT_ADDRESS.search(prev[-60:]) and re.match(r"[\w.\-/]", nxt):
            return ""  # lnfgwzxb@1\n63.com: an e-mail or web address the printed line cut
        last, opened = prev.rstrip("*")[-1:] or prev[-1], sum(map(prev.count, "(〔[")) > sum(map(prev.count, ")〕]"))
        if opened and _LABEL_START.match(nxt) and last not in _SENTENCE_END:
            return ""  # (牵头\n责任单位:…): a label cut inside its open note
        if _MARKDOWN_BLOCK.match(nxt) or _OUTLINE_START.match(nxt.lstrip("*# ")):
            return m.group(0)
        if DEBRIS_LINE.match(prev) or _PAGE_META.search(prev) or _PAGE_META.match(nxt) or _CONTACT.search(prev):
            return m.group(0)  # the site's lines (首页 > 政务公开, 字号:大 中 小, 来源:…) and a contact line are not the document's
        if _LAYOUT_GAP.search(prev) or "|" in prev or "|" in nxt:
            return m.group(0)  # layout lines and table rows keep their breaks
        if nxt[:1] in ")〕]" or opened and (last not in _SENTENCE_END or _closes_first(nxt)):
            return ""  # a bracketed note is still open: 区\n\n委组织部, 责\n\n任单位, …各部门。\n排序第一的…)
        if last not in _SENTENCE_END and _BARE_NUMBER.match(nxt.strip()) and "%" not in nxt and not table_cell_line(prev) and nxt_end != -1 \
                and _MEASURE_START.match(text, _LINE_BREAK.match(text, nxt_end).end()):
            return ""  # 公开政府信息\n5928\n条: a PDF put the number on a line of its own
        if _BARE_NUMBER.match(prev) and _MEASURE_START.match(nxt) and _ends_mid_sentence(text, line_start):
            return ""
        if table_cell_line(prev) or table_cell_line(nxt.strip()):
            return m.group(0)  # a table printed one cell per line: 序号 / 1 / 区发展改革委
        if _TITLE_END.search(prev) or _STANDALONE.match(nxt.strip()) or _CAPTION.match(prev):
            return m.group(0)  # a title line, and the lines that stand alone under it; a table's caption (表2:…)
        if _UNFINISHED_ITEM.match(prev):
            return ""  # "5. 认真贯彻" + "行政许可法…": the item's sentence goes on after the break
        if last == "." and prev[-2:-1].isdigit() and nxt[:1].isdigit() and len(prev) >= threshold:
            return ""  # 覆盖干部260.\n8万人次: the printed line cut a decimal
        if last in _CLOSERS and full and len(prev) >= full and re.match(f"[{CJK}《“]", nxt) and not _LABEL_START.match(nxt) \
                and not _TITLE_END.search(re.sub(r"[(《][^()《》]*[)》]$", "", prev)):
            return ""  # 各部门党委(党组)\n理论学习…: a printed line full to the width goes on after a bracket
        if last in _SENTENCE_END or last in _CLOSERS:
            return m.group(0)
        if last == ":":
            # only an assignment label waits for its value on the next line
            return "" if _LABEL_END.search(prev) else m.group(0)
        if last in _CONTINUES:
            return ""
        if re.match(f"[{CJK}0-9%]", last) and len(prev) >= threshold and not opens_field(nxt):
            return ""  # (工作任务:… / 完成时限:… start a field of their own)
        return m.group(0)

    return substitute(_LINE_BREAK, decide, text, offsets)


_EDGE_SPACES = re.compile(r"(?m)^[ ]+|[ ]+$")
_LAYOUT_RUN = re.compile(r"(?<=\S)[ ]{3,}(?=\S)")
_SPREAD = re.compile(rf"(?m)(?:(?<=^[{CJK}])|(?<=[ ][{CJK}]))[ ]{{2,}}(?=[{CJK}](?:[ ]{{2,}}[{CJK}]){{0,8}}[ ]*$)")
_BLANK_RUNS = re.compile(r"\n{3,}")


def tidy_lines(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """No indentation or trailing spaces; a wide layout gap becomes a line break (but a head spread one
    character at a time over its cell, 工   作   要   求, is one word); one blank line at most."""
    text, offsets = substitute(_SPREAD, "", text, offsets)
    text, offsets = substitute(_EDGE_SPACES, "", text, offsets)
    text, offsets = substitute(_LAYOUT_RUN, "\n", text, offsets)
    text, offsets = substitute(_BLANK_RUNS, "\n\n", text, offsets)
    return text, offsets


_CJKP = f"{CJK}\u3000-\u303f"  # ideographs and CJK punctuation (、。〔〕《》“” …)
_CJK_SPACE = re.compile(
    f"(?<=[{_CJKP}])[ ]{{1,2}}(?=[{_CJKP}(),:;0-9])"
    f"|(?<=[(),:;0-9%])[ ]{{1,2}}(?=[{_CJKP}])"
    f"|(?<=[{_CJKP}])[ ]{{1,2}}(?=[“”\"])|(?<=[“”\"])[ ]{{1,2}}(?=[{_CJKP}])"
)


# the end of an organ's name and the start of another's, on either side of a space
_NAME_END = ("局", "委", "办", "院", "厅", "室", "科", "股", "政府", "中心", "部", "所", "站", "队", "管委会", "部门", "单位", "各地",
             "支行", "分行", "街道", "乡镇", "集团", "公司",
             "牵头", "负责", "配合", "协办", "参与")
_NAME_START = set("县市区省州旗镇乡各")
# an organ's name starts right after the space (区发改委 统计局, 省财政厅 自然资源厅): the shortest
# run to an organ suffix, whatever follows it (a later space of the same list may already be gone),
# but not a bare office word the layout split off its parent (区政府 办公室, 县委 宣传部)
_NEXT_NAME = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:局|委|办|院|厅|所|站|队|中心|管委会|政府|海关|银行|分行|支行)")
_BARE_OFFICE = re.compile(r"^(?:办公|政府|人民政府|委员会|管委会|法制办|宣传|组织|统战|政法|关于)")  # (…人民政府 关于…: a title)


_BARE_LEVEL = re.compile(r"^[\u4e00-\u9fff]?(?:委|政府|人民政府)$")


def _names_both_sides(text: str, a: int, b: int) -> bool:
    """Whether the space at text[a:b] stands between two whole organ names (区政府 办公室 and 县委 宣传部
    are one name the layout split; 建设管理委(区交通委) 区水务局 are two)."""
    head = text[max(0, a - 12):a]
    if head.endswith(")") and head[-2:-1] in "局委办院厅心所队会":
        left_ok = True
    else:
        left = re.search(r"[\u4e00-\u9fff]{2,}$", head)
        left_ok = bool(left) and not _BARE_LEVEL.match(left.group(0))
    right = _NEXT_NAME.match(text[b:b + 14])  # (县公安局 交警大队: a bureau's own brigade, one name)
    return left_ok and bool(right) and not _BARE_OFFICE.match(right.group(0)) and not (head.endswith("局") and right.group(0).endswith("队"))


def remove_cjk_spaces(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """Spaces inside Chinese runs come from PDF layout: ``区 政府`` → ``区政府``, ``2021 年`` → ``2021年``.
    The space after a line's opening number stays (``1 健全…``: an item whose full stop was lost,
    which the outline tells from a count)."""

    def drop(m: re.Match[str]) -> str:
        a = m.start()
        if (text[max(0, a - 3):a].endswith(_NAME_END) and text[m.end():m.end() + 1] in _NAME_START
                or text[max(0, a - 3):a].endswith(_NAME_END + (")",)) and _names_both_sides(text, a, m.end())):
            return m.group(0)  # 县司法局 县法院, 县司法局牵头 县法院配合: a space between two names separates them
        head = text[max(0, a - 4):a]  # only a few characters back: linear on a line of any length
        if "\n" in head:
            head = head[head.rfind("\n") + 1:]
        elif a > 3:
            head = ""
        if head.isdigit() and head.isascii():
            return m.group(0)
        return ""

    return substitute(_CJK_SPACE, drop, text, offsets)


_FINAL_STRIP = re.compile(r"^\s+|\s+$")


def strip_ends(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    return substitute(_FINAL_STRIP, "", text, offsets)


PIPELINE: tuple[Step, ...] = (
    tab_cells,
    drop_forum_noise,
    clean_controls, realign_shifted_gbk,  # (before widths fold: the run is read again as the bytes it was)
    fold_width,
    quote_marks,
    enclosed_numbers,
    drop_pinyin_glosses,
    drop_page_marks,
    drop_chunk_marks, spaced_paragraphs,  # (paragraphs saved as one line, a space at each break)
    bracketed_labels,
    to_simplified,
    spaced_rows.spaced_cells,  # (after the script and widths are folded: its heads are read by their words)
    spaced_rows.header_over_cells, table_on_one_line,  # (a one-line header over cells a line each; rows run on in one line)
    single_spaced_cells,  # (after the script and widths are folded: its heads are read by their words)
    spaced_rows.rows_on_one_line, spaced_rows.headerless_spaced_rows,  # (rows with no header: run on in one line, or a line each)
    matrix.matrix_tables,  # (a column a unit, a mark where it has a part: written as owner columns)
    glued.glued_runs, glued.glued_tables,  # (cells run together with nothing between them, under a run-together header)
    join_broken_lines,
    strip_markdown,
    tidy_lines,
    remove_cjk_spaces,
    join_broken_lines,  # again: a line that ended in a stray space only now ends in a character
    strip_ends, glued_title,  # (a title run into its first paragraph: its own line)
)


def normalize(raw: str, steps: tuple[Step, ...] = PIPELINE, *, max_rounds: int = 4) -> NormalizedText:
    """Run every step; the result's ``offsets`` map each character back into ``raw``.

    Joining a broken line can make the joined line long enough for the next break to count
    as a page break too, so the pipeline runs until the text stops changing: normalizing a
    normalized text gives it back unchanged.
    """
    text = raw
    body: Offsets = list(range(len(raw)))  # each character's place in raw; the end maps to len(raw)
    for _ in range(max_rounds):
        before = text
        for step in steps:
            text, body = step(text, body)
        if text == before:
            break
    return NormalizedText(raw=raw, text=text, offsets=(*body, len(raw)))


def normalize_text(raw: str) -> str:
    """Just the normalized string."""
    return normalize(raw).text
