"""Word (.docx: paragraphs and tables in reading order) and PDF (the text layer; a scan without
one is refused with a clear message)."""

from __future__ import annotations

import io
from pathlib import Path

from kg.errors import CorruptFile, EmptyDocument, FazhiError, FileUnreadable, MissingDependency, NoTextLayer
from kg.ingest.common import require, require_text, why

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path, data: bytes) -> tuple[str, str | None]:
    docx = require("docx", "python-docx", path)
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise CorruptFile("this is an old Word 97-2003 .doc file, not .docx: save it as .docx first", path=path)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own kinds
        raise CorruptFile(f"damaged or truncated .docx, cannot open it ({why(exc)})", path=path) from None
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
    return require_text("\n".join(lines), path, "no text in the document body"), None


def read_pdf(path: Path, data: bytes) -> tuple[str, str | None]:
    pypdf = require("pypdf", "pypdf", path)
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
                raise CorruptFile(f"damaged PDF: cannot read the text of page {number} ({why(exc)})", path=path) from None
    except FazhiError:
        raise
    except Exception as exc:  # pypdf's errors plus the struct/zlib/recursion errors it lets through
        raise CorruptFile(f"damaged or truncated PDF, cannot open it ({why(exc)})", path=path) from None
    if not pages:
        raise EmptyDocument("the PDF has no pages", path=path)
    # A scan often carries a stray page number or stamp as text: judge by density, not by zero.
    if sum(len("".join(p.split())) for p in pages) < 10 * len(pages):
        raise NoTextLayer(f"no text layer on its {len(pages)} page(s) (a scanned PDF?): run OCR first", path=path)
    return "\n\n".join(pages), None

