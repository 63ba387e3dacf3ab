"""The encoding of a text file: BOMs, UTF-16 without one, UTF-8, GBK/GB18030 and the rest through
charset-normalizer, and a refusal for bytes that are not text in any of them."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from kg.errors import BinaryContent, MissingDependency
from kg.ingest.common import require_text

# The codecs named here drop the BOM themselves.
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Characters a Chinese government document is made of.  Wrong-endian UTF-16 and mis-decoded
# bytes land mostly outside these ranges (Hangul, private use, unassigned, controls).
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_SYMBOLS = "\u00a0-\u00ff\u0391-\u03c9\u0401-\u0451\u2000-\u206f\u2100-\u22ff\u2460-\u27bf"
_NOT_TEXT = re.compile(f"[^\\t\\n\\r\\f\\x20-\\x7e{_CJK}{_SYMBOLS}]")
_NOT_CJK = re.compile(f"[^\\x00-\\x7f{_CJK}{_SYMBOLS}]")
_HAN = re.compile("[\u4e00-\u9fff]")
_CONTROL = re.compile("[\\x00-\\x08\\x0b\\x0e-\\x1f\\x7f\ufffd]")
_SAMPLE = 32_768  # characters scored per probe: enough to judge, cheap on a 100 MB file
# NUL bytes in more than this share of a file that is not UTF-16 make it binary; fewer are dropped.
NUL_SHARE = 0.01


def _sample(text: str) -> str:
    # Head, middle and tail: a file can start with an ASCII header and turn binary later.
    if len(text) <= 3 * _SAMPLE:
        return text
    mid = len(text) // 2
    return text[:_SAMPLE] + text[mid : mid + _SAMPLE] + text[-_SAMPLE:]


def _ratio(pattern: re.Pattern[str], text: str) -> float:
    return len(pattern.findall(text)) / len(text) if text else 0.0


def _guess_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without BOM: NULs are the high bytes of ASCII characters (newlines, digits)."""
    if len(data) % 2:
        return None
    head = data[: 1 << 20]
    # ASCII puts its NUL at odd offsets in LE and even ones in BE; CJK like 一 (U+4E00) does the
    # opposite, so parity only orders the candidates and the decoded text has the last word.
    order = ("utf-16-le", "utf-16-be") if head[1::2].count(0) >= head[0::2].count(0) else ("utf-16-be", "utf-16-le")
    for codec in order:
        probe = head[: 6 * _SAMPLE].decode(codec, errors="replace")
        if _ratio(_NOT_TEXT, probe) <= 0.02:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return None
    return None


def _mostly_cjk(text: str) -> bool:
    sample = _sample(text)
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    # Big5 bytes read as GBK land in private use; Latin-1 or Shift-JIS bytes land on rare
    # GBK-extension characters, while real Chinese text is nearly all within GB2312.
    if not non_ascii or len(_NOT_CJK.findall(sample)) > 0.05 * non_ascii:
        return False
    han = "".join(_HAN.findall(sample))
    return len(han.encode("gb2312", "ignore")) // 2 >= 0.8 * len(han)


def _codec_name(label: str) -> str | None:
    label = label.strip().lower()
    if label in {"gb2312", "gbk", "x-gbk", "cp936", "chinese", "csgb2312", "euc-cn", "gb_2312-80"}:
        return "gb18030"  # superset of GBK/GB2312; pages that say gb2312 routinely use GBK characters
    if label in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"}:
        return "cp1252"  # what browsers do with these labels
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_bytes(data: bytes, path: object, declared: str | None = None) -> tuple[str, str]:
    """Text and codec name of ``data``: BOM → NUL pattern → UTF-8 → declared → GB18030 → guess.

    ``declared`` is a charset the file names itself (HTML ``<meta charset>``); it is tried only
    after strict UTF-8 fails, because pages labelled gb2312 are often UTF-8 in fact.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), codec, path)
            except UnicodeDecodeError:
                raise BinaryContent(f"starts with a {codec} byte-order mark but is not {codec} text", path=path) from None
    if b"\x00" in data:
        found = _guess_utf16(data)
        if found is not None:
            return _checked(*found, path)
        nuls = data.count(0)
        if nuls > NUL_SHARE * len(data):
            raise BinaryContent(f"binary content: {nuls} NUL bytes ({nuls / len(data):.0%} of the file) that are not "
                                "UTF-16 text; not a text file", path=path)
        # A few stray NULs (a botched copy, a form field) in a text: dropped.  No multi-byte
        # character of UTF-8 or GB18030 contains a NUL byte, so nothing else changes.
        data = data.replace(b"\x00", b"")
    try:
        return _checked(data.decode("utf-8"), "utf-8", path)
    except UnicodeDecodeError:
        pass
    codec = _codec_name(declared) if declared else None
    if codec and not codec.startswith("utf"):  # the UTF family was settled above
        try:
            return _checked(data.decode(codec), codec, path)
        except (UnicodeDecodeError, LookupError):
            pass
    # Checked before charset-normalizer, which often calls short GBK text big5 or cp1252.
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _mostly_cjk(text):
            return _checked(text, "gb18030", path)
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        raise MissingDependency("detecting this file's encoding needs: pip install charset-normalizer", path=path) from None
    best = from_bytes(data).best()
    if best is None:
        # A UTF-8 file with a stray bad byte (a botched copy or download) is still that text.
        text = data.decode("utf-8", errors="replace")
        if text.count("\ufffd") <= max(4, len(text) // 1000):
            return _checked(text, "utf-8", path)
        raise BinaryContent("binary content: not text in any encoding we detect", path=path)
    text = str(best)
    return _checked(text[1:] if text.startswith("\ufeff") else text, _codec_name(best.encoding) or best.encoding, path)


def _checked(text: str, codec: str, path: object) -> tuple[str, str]:
    if _ratio(_CONTROL, _sample(text)) > 0.05:
        raise BinaryContent(f"binary content: control characters throughout when read as {codec}; not a text file", path=path)
    return text, codec


def read_text(path: Path, data: bytes) -> tuple[str, str | None]:
    text, codec = decode_bytes(data, path)
    return require_text(text, path, "only whitespace, no text"), codec
