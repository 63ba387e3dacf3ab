"""The repair of OCR's typical mistakes in a Chinese plan's text (see :func:`repair`), applied by
:mod:`kg.ingest.ocr` to each page Tesseract reads, before the text has any offsets."""

from __future__ import annotations

import re

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# ideographs and the punctuation that sits tight against them, in both widths
_TIGHT = _CJK + "，。、；：？！（）《》“”‘’【】〔〕,;:?!()"
_SPACE_IN_CJK = re.compile(f"(?<=[{_TIGHT}])[ \t\u3000]+(?=[{_TIGHT}0-9%])|(?<=[0-9%])[ \t\u3000]+(?=[{_TIGHT}])")
# "3 .深化" at a line's start: the item's number and its full stop belong together
_NUMBER_GAP = re.compile(r"(?m)^([ \t]*\d{1,2})[ \t]+(?=[.．、])")
# a role label's colon read as a semicolon, or with a stray mark beside it: 配合单位;:区人民法院
_LABEL_MARKS = re.compile(r"((?:牵头|责任|配合|协办|主办|承办)(?:单位|部门))[ \t]*"
                          r"(?:[;；][;；:：]?|[:：][;；:：,，.]|[,，.][:：])")
# speckle read as a letter at a line's end, or as a quote mark before an item's number or an owner label
_STRAY_END = re.compile(f"(?m)(?<=[{_TIGHT}])[ \t]+[A-Za-z|]$")
_STRAY_QUOTE = re.compile(r"(?m)^([ \t]*)[“”\"'‘’`·]+(?=[ \t]*(?:\d{1,2}[.．、,，:：]|[(（]?(?:牵头|责任|配合|协办)(?:单位|部门)))")
# 〇, O or o read for a zero inside a number, or closing one before 年/月/日/号
_DIGITS_WITH_O = re.compile(r"\d+(?:[〇Oo]+\d+)*(?:[〇Oo]+(?=[年月日号]))?")
_O_TO_ZERO = str.maketrans("〇Oo", "000")
# the ring at the foot of a percent sign read as a letter of its own: 100o% → 100%
_RING_BEFORE_PERCENT = re.compile(r"(?<=\d)[〇Oo](?=[%％])")
# 口 (or 曰, 目) read for 日 after a month and a day: 2023年6月30口
_DAY = re.compile(r"(月[ ]?\d{1,2}[ ]?)[口曰目]")
# an item's number whose full stop was read as a comma: "4，推进…" at a line's start
_NUMBER_COMMA = re.compile(r"[ \t]*(\d{1,2})([，,:：;；])(?=[ \t]*[" + _CJK + "])")
_ITEM_START = re.compile(r"[ \t]*(\d{1,2})[.．、](?!\d)")
# an item's number whose full stop was lost: "1加强…"; not a figure with its unit (30日, 5个)
_NUMBER_BARE = re.compile(r"[ \t]*(\d{1,2})(?=[" + _CJK + r"])(?![年月日号时个项次人件名家所条万亿元倍分秒岁天周期批])")
# the line before it ends a sentence, a note, a heading label, or there is none
_ENDS_BLOCK = set("。.;；)）:：」”\"")
# a comma at a line's end where the next line starts a numbered item or a note: a full stop
_COMMA_BEFORE_ITEM = re.compile(
    r"[，,][ \t]*\n(?=[ \t]*(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,3}[.．、]"
    r"|[(（][^()（）\n]{0,20}?(?:牵头|责任|配合|协办)))")
# a 文号's year in brackets OCR read as [] or () or 【】: 沭政办发[2022]15号 → 〔2022〕
_DOC_NUMBER = re.compile(r"(?<=[" + _CJK + r"])[ ]?[\[【(（〔][ ]?(\d{4})[ ]?[\]】)）〕]{1,2}[ ]?(\d{1,4})[ ]?号")
# a note opened on its own line and never closed: "（责任单位：县司法局" with nothing after it
_OPEN_NOTE = re.compile(r"(?m)^([ \t]*[(（][^()（）\n]{0,200}?(?:单位|部门)[ \t]*[:：][^()（）\n]{1,200}?)([。.]?)[ \t]*$")
# a percent sign read as 96 after a rate: 覆盖率达到10096 → 100%
_PERCENT = re.compile(r"(率[^\d\n]{0,4}?)(\d{1,3}(?:\.\d{1,2})?)96(?![\d.])")


def repair(text: str) -> str:
    """Repair the mistakes Tesseract typically makes on a Chinese plan, where the repair is safe.

    * spaces between ideographs (and the punctuation tight against them), and between them and
      figures, go: 县 司法局 → 县司法局, 2023 年 → 2023年, ``3 .深化`` → ``3.深化``
    * speckle read as a letter at a line's end, or as a quote mark before an item's number or an
      owner label, goes
    * a role label's colon read as a semicolon (or doubled) is a colon: 配合单位;:X → 配合单位：X
    * 〇, O and o inside a number are zeros: 2O23 → 2023, 1〇0% → 100%
    * 口, 曰 or 目 after a month and day is 日: 2023年6月30口 → 2023年6月30日
    * a full stop read as a comma is put back where nothing else fits: after an item's number
      at a line's start (``4，推进…`` or ``4:推进…`` → ``4.推进…``, when the line before ended a sentence or the
      item before was 3), and at a line's end before a numbered item or an owner note; a lost one
      after the next item's number is put in (``1加强…`` → ``1.加强…`` when no item came before)
    * brackets: a 文号's year in [] () or 【】 is written 〔〕; an owner note opened on its own line
      and closed neither there nor on the next line is closed at the line's end
    * a percent sign read with a ring before it (``100o%``), or as ``96`` after a rate
      (…率达到10096 → 100%) when what is left is at most 100

    Every pattern is linear in the text's length.
    """
    text = _SPACE_IN_CJK.sub("", text)
    text = _NUMBER_GAP.sub(r"\1", text)
    text = _STRAY_END.sub("", text)
    text = _STRAY_QUOTE.sub(r"\1", text)
    text = _LABEL_MARKS.sub(r"\1：", text)
    text = _RING_BEFORE_PERCENT.sub("", text)
    text = _DIGITS_WITH_O.sub(lambda m: m.group(0).translate(_O_TO_ZERO), text)
    text = _DAY.sub(lambda m: m.group(1).replace(" ", "") + "日", text)
    text = _numbers_after_sentences(text)
    text = _COMMA_BEFORE_ITEM.sub("。\n", text)
    text = _DOC_NUMBER.sub(r"〔\1〕\2号", text)
    text = _close_open_notes(text)
    text = _PERCENT.sub(_percent, text)
    return text


def _numbers_after_sentences(text: str) -> str:
    """``4，推进…`` at a line's start is item 4 when the item before it was 3, or the line before
    ended a sentence; a wrapped line that starts with a figure (``…不少于\n4，``) stays."""
    out: list[str] = []
    last: int | None = None  # the number of the last item seen at a line's start
    previous = ""  # the last line with text
    for line in text.split("\n"):
        item = _ITEM_START.match(line)
        if item:
            last = int(item.group(1))
        else:
            m = _NUMBER_COMMA.match(line)
            bare = None if m else _NUMBER_BARE.match(line)
            if m:
                n = int(m.group(1))
                ended = not previous or previous.rstrip()[-1] in _ENDS_BLOCK
                if ended or n == (last or 0) + 1:
                    line = line[:m.start(2)] + "." + line[m.end(2):]
                    last = n
            elif bare and int(bare.group(1)) == (last or 0) + 1:  # only the next item's number
                line = line[:bare.end(1)] + "." + line[bare.end(1):]
                last = int(bare.group(1))
        if line.strip():
            previous = line
        out.append(line)
    return "\n".join(out)


def _close_open_notes(text: str) -> str:
    def close(m: re.Match[str]) -> str:
        # a note wrapped onto the next line closes there: "（责任单位：区市场监管局、区生态\n环境局）"
        start = m.end() + 1
        end = text.find("\n", start)
        following = text[start:end if end >= 0 else len(text)]  # each line is looked at once: linear
        shut = min((i for i in (following.find(")"), following.find("）")) if i >= 0), default=-1)
        opened = min((i for i in (following.find("("), following.find("（")) if i >= 0), default=-1)
        if shut >= 0 and (opened < 0 or shut < opened):
            return m.group(0)
        return _close_note(m)

    return _OPEN_NOTE.sub(close, text)


def _close_note(m: re.Match[str]) -> str:
    body = m.group(1)
    closing = "）" if "（" in body else ")"
    return body.rstrip() + closing + m.group(2)


def _percent(m: re.Match[str]) -> str:
    value = m.group(2)
    if float(value) > 100:
        return m.group(0)
    return f"{m.group(1)}{value}%"
