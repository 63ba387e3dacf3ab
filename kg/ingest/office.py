"""Word (.docx: paragraphs and tables in reading order) and PDF (the text layer, its ruled tables
read as tables; a scan without one is refused with a clear message)."""

from __future__ import annotations

import io
from pathlib import Path

from kg.errors import CorruptFile, DocumentTooLarge, EmptyDocument, FazhiError, FileUnreadable, MissingDependency, NoTextLayer
from kg.ingest.common import max_bytes, require, require_text, why
from kg.ingest.convert import needs_conversion, refuse_bytes_read_as_text, to_docx
from kg.ingest.pdf_tables import pdf_pages_with_tables
from kg.ingest.tables import Budget, docx_grid, render_table

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path, data: bytes) -> tuple[str, str | None]:
    docx = require("docx", "python-docx", path)
    from docx.text.paragraph import Paragraph
    if needs_conversion(path, data):  # Word 97-2003 or WPS (also named .docx): LibreOffice makes a .docx of it
        text, encoding = read_docx(path, to_docx(path, data))
        return refuse_bytes_read_as_text(path, data, text), encoding
    check_archive(path, data, ".docx")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own kinds
        raise CorruptFile(f"damaged or truncated .docx, cannot open it ({why(exc)})", path=path) from None
    lines: list[str] = []
    budget = Budget(path)  # rows and cells of its tables, against the limits of kg.ingest.tables

    def walk(container) -> None:
        # The body's children in document order, so tables stay between the paragraphs around them.
        for child in container.iterchildren():
            if child.tag == _W + "p":
                text = Paragraph(child, document).text
                if text.strip():
                    lines.append(text)
            elif child.tag == _W + "tbl" and child.find(f".//{_W}tbl") is not None:
                # a layout table (the whole notice in a frame): its cells are read as the body is
                for tr in child.iterchildren(_W + "tr"):
                    for tc in tr.iterchildren(_W + "tc"):
                        walk(tc)
            elif child.tag == _W + "tbl":  # merges resolved, header found: see kg.ingest.tables
                lines.extend(render_table(docx_grid(child, document, budget)))
            elif child.tag == _W + "sdt":  # content controls wrap ordinary paragraphs and tables
                content = child.find(_W + "sdtContent")
                if content is not None:
                    walk(content)

    walk(document.element.body)
    return require_text("\n".join(lines), path, "no text in the document body"), None


# An XML part packed tighter than this is a zip bomb, not a document: Word's XML packs about 5-20
# to 1, and even a table repeated for pages stays far below it.  Only XML is judged (it is what gets
# parsed, at several times its size in memory); a blank bitmap may pack tighter and is only stored.
BOMB_RATIO = 200
_BOMB_MIN = 1 << 20  # small parts may pack tightly (a settings part of repeated defaults)


def check_archive(path: Path, data: bytes, kind: str) -> None:
    """Refuse an archive (a .docx; an .xlsx reader would call this too) whose members would unpack
    past the size limit, or that packs an XML part like a zip bomb, from its directory alone:
    before anything is unpacked.

    The sizes checked are the ones the archive declares; :mod:`zipfile` never unpacks a member
    past its declared size (a member that lies fails its checksum instead), so they bound memory.
    """
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception as exc:  # BadZipFile, and the struct/value errors of a mangled directory
        raise CorruptFile(f"damaged or truncated {kind}, cannot open it ({why(exc)})", path=path) from None
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _BOMB_MIN and ratio > BOMB_RATIO and member.filename.lower().endswith((".xml", ".rels")):
            raise DocumentTooLarge(
                f"{member.filename} unpacks to {member.file_size / 2**20:.1f} MB from "
                f"{member.compress_size / 2**10:.1f} KB ({ratio:.0f} to 1): a zip bomb, not a document", path=path)
    total, limit = sum(m.file_size for m in members), max_bytes()
    if total > limit:
        largest = max(members, key=lambda m: m.file_size)
        raise DocumentTooLarge(
            f"too large unpacked ({total / 2**20:.1f} MB; {largest.filename} alone {largest.file_size / 2**20:.1f} MB): "
            f"a plan or report is well under {limit / 2**20:g} MB; split the file, or raise the limit with "
            f"FAZHI_KG_MAX_MB", path=path)


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
        raise NoTextLayer(f"no text layer on its {len(pages)} page(s) (a scanned PDF?): read it with OCR (the --ocr "
                          "option of extract and build)", path=path)
    return "\n\n".join(pdf_pages_with_tables(path, data, pages)), None

