"""Read one file into a :class:`~kg.model.RawDocument`: plain text, web pages, Word and PDF.

Each file kind has one reader, chosen by suffix from :data:`LOADERS`.  Readers get the file's
bytes (read exactly once, so the sha256 and the text always describe the same content) and
return the text plus the encoding they detected.  The heavy libraries (python-docx, pypdf,
trafilatura, lxml, charset-normalizer) are imported inside the reader that needs them, so
``import kg.ingest.load`` stays cheap and a missing one only matters for the files that need it.

No text repair happens here: PDF line breaks, full-width spaces and the like are the
normalization step's business.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.errors import (BinaryContent, CorruptFile, DocumentTooLarge, EmptyDocument, FazhiError, FileMissing, FileUnreadable,
                       InputError, MissingDependency, NoTextLayer, UnsupportedFormat)
from kg.model import RawDocument

__all__ = ["LOADERS", "load", "iter_documents", "decode_bytes"]

# Encoding detection

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
        if found is None:
            raise BinaryContent("binary content: NUL bytes that are not UTF-16 text; not a text file", path=path)
        return _checked(*found, path)
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


def _require_text(text: str, path: Path, problem: str) -> str:
    if not text or text.isspace():  # isspace, not strip(): no copy of a 100 MB string
        raise EmptyDocument(problem, path=path)
    return text


def _require(module: str, package: str, path: Path):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependency(f"reading {path.suffix} files needs {package}: pip install {package}", path=path) from None


def _why(exc: BaseException) -> str:
    detail = " ".join(str(exc).split())[:160]
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


# Readers: (path, bytes) -> (text, encoding or None)


def _read_text(path: Path, data: bytes) -> tuple[str, str | None]:
    text, codec = decode_bytes(data, path)
    return _require_text(text, path, "only whitespace, no text"), codec


_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "aside", "form", "iframe", "button",
              "select", "svg", "object", "embed", "menu")
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar"}
_DEBRIS_WORDS = {"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "crumbs", "footer",
                 "sidebar", "topbar", "copyright", "share", "toolbar"}
_BLOCKS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "section", "article", "main", "h1", "h2",
           "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "figure", "figcaption", "address", "header",
           "footer", "body", "center", "caption"}


def _read_html(path: Path, data: bytes) -> tuple[str, str | None]:
    if not data.strip():
        raise EmptyDocument("empty file", path=path)
    found = _META_CHARSET.search(data[:4096])
    markup, codec = decode_bytes(data, path, declared=found.group(1).decode("ascii") if found else None)
    lxml_html = _require("lxml.html", "lxml", path)
    try:  # lxml refuses str input that still carries an XML encoding declaration
        root = lxml_html.document_fromstring(_XML_DECL.sub("", markup, count=1))
    except Exception:  # lxml says "Document is empty" for markup with no elements
        raise EmptyDocument("no main text: the page has no HTML body", path=path) from None
    _strip_debris(root)
    text = _trafilatura_text(root) or _html_dump(root)
    return _require_text(text, path, "no main text: the page holds only navigation, scripts or boilerplate"), codec


def _strip_debris(root) -> None:
    """Remove site furniture before extraction: trafilatura with favor_recall keeps some of it."""

    def holds_content(el) -> bool:
        return el.tag in ("article", "main") or next(el.iter("article", "main"), None) is not None

    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions
            doomed.append(el)
            continue
        tag = el.tag.lower()
        words = set(re.split(r"[\s_-]+", f"{el.get('class', '')} {el.get('id', '')}".lower()))
        if (
            tag in _DROP_TAGS
            or el.get("role", "").lower() in _DROP_ROLES
            # a header or footer inside <article> belongs to the document (its title, its date)
            or (tag in ("header", "footer") and next(el.iterancestors("article", "main"), None) is None)
            or (words & _DEBRIS_WORDS and tag not in ("html", "body") and not holds_content(el))
            or (tag in ("ul", "ol", "dl") and _link_dense(el))
        ):
            doomed.append(el)
    for el in doomed:
        el.drop_tree()  # keeps the element's tail text; comments included


def _link_dense(el) -> bool:
    total = len("".join(el.text_content().split()))
    linked = sum(len("".join(a.text_content().split())) for a in el.iter("a"))
    return total > 0 and linked >= 0.8 * total


def _trafilatura_text(root) -> str | None:
    import copy
    import warnings

    try:
        import trafilatura
    except ImportError as exc:  # trafilatura 2.x also breaks when lxml_html_clean is missing
        # No path in the message, so the default filter shows it once rather than per page.
        warnings.warn(f"trafilatura unavailable ({_why(exc)}); web pages are read with a plain text dump. "
                      "Fix: pip install trafilatura lxml_html_clean", RuntimeWarning, stacklevel=2)
        return None
    # A copy: trafilatura prunes the tree it is given, and the fallback needs it whole.
    text = trafilatura.extract(copy.deepcopy(root), output_format="txt", include_tables=True, include_comments=False,
                               include_links=False, include_images=False, favor_recall=True, deduplicate=False)
    if not text or text.isspace():
        return None
    # trafilatura prints table rows as "| a | b |"; match the docx reader's "a | b".
    lines = (re.sub(r"^\|\s*(.*?)\s*\|$", r"\1", line.strip()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _html_dump(root) -> str:
    """Block-aware text of the cleaned tree: one line per block, table rows as "a | b"."""
    lines: list[str] = []
    run: list[str] = []

    def flush() -> None:
        line = " ".join("".join(run).split())
        run.clear()
        if line:
            lines.append(line)

    def walk(el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag == "br":
            flush()
        elif tag == "tr":
            flush()
            cells = [" ".join(c.text_content().split()) for c in el if isinstance(c.tag, str) and c.tag in ("td", "th")]
            if any(cells):
                lines.append(" | ".join(cells))
        else:
            if tag in _BLOCKS:
                flush()
            run.append(el.text or "")
            for child in el:
                walk(child)
                run.append(child.tail or "")
            if tag in _BLOCKS:
                flush()

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return "\n".join(lines)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _read_docx(path: Path, data: bytes) -> tuple[str, str | None]:
    docx = _require("docx", "python-docx", path)
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise CorruptFile("this is an old Word 97-2003 .doc file, not .docx: save it as .docx first", path=path)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own kinds
        raise CorruptFile(f"damaged or truncated .docx, cannot open it ({_why(exc)})", path=path) from None
    lines: list[str] = []

    def row_line(row, table) -> str:
        try:
            cells = row.cells  # repeats merged cells per grid column
        except Exception:  # malformed grid spans: fall back to the cells as stored
            cells = [_Cell(tc, table) for tc in row._tr.tc_lst]
        texts, last = [], None
        for cell in cells:
            if cell._tc is not last:  # a horizontally merged cell counts once
                texts.append(" ".join(cell.text.split("\n")).strip())
            last = cell._tc
        return " | ".join(texts) if any(texts) else ""

    def walk(container) -> None:
        # The body's children in document order, so tables stay between the paragraphs around them.
        for child in container.iterchildren():
            if child.tag == _W + "p":
                text = Paragraph(child, document).text
                if text.strip():
                    lines.append(text)
            elif child.tag == _W + "tbl":
                table = Table(child, document)
                lines.extend(line for line in (row_line(r, table) for r in table.rows) if line)
            elif child.tag == _W + "sdt":  # content controls wrap ordinary paragraphs and tables
                content = child.find(_W + "sdtContent")
                if content is not None:
                    walk(content)

    walk(document.element.body)
    return _require_text("\n".join(lines), path, "no text in the document body"), None


def _read_pdf(path: Path, data: bytes) -> tuple[str, str | None]:
    pypdf = _require("pypdf", "pypdf", path)
    from pypdf.errors import DependencyError
    if b"%PDF-" not in data[:1024]:
        raise CorruptFile("not a PDF: no %PDF- header at the start", path=path)
    # pypdf rebuilds a missing cross-reference table and would silently return part of a
    # truncated file; the end marker is the cheap sign that the whole file arrived.
    if b"%%EOF" not in data[-65536:]:
        raise CorruptFile("truncated PDF: the %%EOF end marker is missing", path=path)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError:
                raise MissingDependency("this PDF is encrypted; opening it needs: pip install cryptography", path=path) from None
            if not opened:
                raise FileUnreadable("encrypted PDF: it needs a password", path=path)
        pages = []
        for number, page in enumerate(reader.pages, 1):
            try:
                pages.append((page.extract_text() or "").rstrip())
            except Exception as exc:
                raise CorruptFile(f"damaged PDF: cannot read the text of page {number} ({_why(exc)})", path=path) from None
    except FazhiError:
        raise
    except Exception as exc:  # pypdf's errors plus the struct/zlib/recursion errors it lets through
        raise CorruptFile(f"damaged or truncated PDF, cannot open it ({_why(exc)})", path=path) from None
    if not pages:
        raise EmptyDocument("the PDF has no pages", path=path)
    # A scan often carries a stray page number or stamp as text: judge by density, not by zero.
    if sum(len("".join(p.split())) for p in pages) < 10 * len(pages):
        raise NoTextLayer(f"no text layer on its {len(pages)} page(s) (a scanned PDF?): run OCR first", path=path)
    return "\n\n".join(pages), None


Reader = Callable[[Path, bytes], "tuple[str, str | None]"]

#: suffix → (RawDocument.kind, reader)
LOADERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("txt", _read_text), ".md": ("txt", _read_text),
    # .shtml is the usual suffix of pages on Chinese government sites
    ".html": ("html", _read_html), ".htm": ("html", _read_html), ".shtml": ("html", _read_html),
    ".xhtml": ("html", _read_html),
    ".docx": ("docx", _read_docx), ".pdf": ("pdf", _read_pdf),
}


# Public entry points


DEFAULT_MAX_MB = 20


def max_bytes() -> int:
    """The largest file we read (FAZHI_KG_MAX_MB, default 20 MB): a 100 MB "document" is a data
    dump or a mistake, and extracting it would take minutes and gigabytes."""
    try:
        mb = float(os.environ.get("FAZHI_KG_MAX_MB", DEFAULT_MAX_MB))
    except ValueError:
        mb = DEFAULT_MAX_MB
    return int(mb * 2**20)


def load(path: str | os.PathLike[str]) -> RawDocument:
    """Read one file.  Raises an :class:`~kg.errors.InputError` subclass when it cannot."""
    p = Path(path)
    if p.is_dir():
        raise FileUnreadable("is a directory, not a file", path=p)
    entry = LOADERS.get(p.suffix.lower())
    if entry is None:
        if not os.path.lexists(p):
            raise FileMissing("no such file", path=p)
        kinds = ", ".join(sorted(LOADERS))
        raise UnsupportedFormat(f"unsupported file type {p.suffix or '(no suffix)'!r}: expected one of {kinds}", path=p)
    try:
        with open(p, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            limit = max_bytes()
            if size > limit:
                raise DocumentTooLarge(
                    f"too large ({size / 2**20:.1f} MB): a plan or report is well under {limit // 2**20} MB; "
                    f"split the file, or raise the limit with FAZHI_KG_MAX_MB", path=p)
            data = handle.read()
    except (FileNotFoundError, NotADirectoryError):
        raise FileMissing("no such file", path=p) from None
    except IsADirectoryError:
        raise FileUnreadable("is a directory, not a file", path=p) from None
    except PermissionError:
        raise FileUnreadable("permission denied: cannot read it", path=p) from None
    except OSError as exc:
        raise FileUnreadable(f"cannot read it ({exc.strerror or _why(exc)})", path=p) from None
    if not data:
        raise EmptyDocument("empty file (0 bytes)", path=p)
    kind, reader = entry
    text, encoding = reader(p, data)
    return RawDocument(path=str(p), text=text, kind=kind, encoding=encoding, sha256=hashlib.sha256(data).hexdigest())


def iter_documents(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, RawDocument | InputError]]:
    """Each file under ``paths`` with its document or the input error it raised.

    Directories are walked depth-first in name order; inside them hidden files, Office lock
    files (``~$…``) and unsupported suffixes are skipped, while a file named explicitly is
    always tried.  MissingDependency is not a per-file problem and propagates.
    """
    for path, problem in iter_paths(paths):
        yield path, problem if problem is not None else _try_load(path)


def iter_paths(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, InputError | None]]:
    """The files :func:`iter_documents` would read, without reading them (None: no problem yet)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for given in paths:
        p = Path(given)
        if p.is_dir():
            yield from _walk(p)
        else:
            yield p, None


def _walk(directory: Path) -> Iterator[tuple[Path, InputError | None]]:
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield directory, FileUnreadable(f"cannot list this directory ({exc.strerror or _why(exc)})", path=directory)
        return
    for entry in entries:
        if entry.name.startswith((".", "~$")) or _is_folder_note(entry.name):
            continue
        p = Path(entry.path)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)  # a symlinked directory could loop forever
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(p)
        elif p.suffix.lower() in LOADERS:
            yield p, None


# A README or licence beside the documents describes the folder; it is never a plan or report, and
# reading it as one would add an empty "document" to the store. Named explicitly, it is still read.
_FOLDER_NOTES = ("readme", "license", "licence", "changelog", "copying")


def _is_folder_note(name: str) -> bool:
    return name.lower().split(".", 1)[0] in _FOLDER_NOTES


def _try_load(path: Path) -> RawDocument | InputError:
    try:
        return load(path)
    except InputError as exc:
        return exc
