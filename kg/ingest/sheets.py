"""Spreadsheets and CSV files as task tables: .xlsx (openpyxl, streamed), .xls (xlrd), .csv and
.tsv (the csv module, the encoding detected as for text).  Each sheet becomes a
:class:`~kg.ingest.tables.Cell` grid with its merges, rendered by :mod:`kg.ingest.tables`."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from kg.errors import CorruptFile, EmptyDocument, FazhiError, FileUnreadable, UnsupportedFormat
from kg.ingest.common import require, require_text, why
from kg.ingest.encoding import decode_bytes
from kg.ingest.office import check_archive
from kg.ingest.tables import Budget, Cell, Grid, has_text, render_table, render_tables

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 compound file: .xls, .doc, .et
_EXCEL_ROWS = 1_048_576  # the most rows a sheet can have; a row number past it is a forged file
_EMPTY: tuple = ()  # every empty row: a stray cell far down a sheet must not cost a list per row


def _value_text(value: object) -> str:
    """A spreadsheet value as the sheet shows it: 1 not 1.0, a date as 2024年12月31日."""
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime) and (value.hour, value.minute, value.second) == (0, 0, 0):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def _apply_merges(rows: Grid, merges: list[tuple[int, int, int, int]], budget: Budget, where: str) -> None:
    """Mark the cells each merged range covers (0-based, end-exclusive ranges), clipped to the
    cells the sheet holds: a range over the whole sheet must not grow it, and the cells covered
    count against the file's limit (thousands of overlapping ranges would otherwise)."""
    height = len(rows)
    width = max((len(r) for r in rows), default=0)
    for top, bottom, left, right in merges:
        bottom, right = min(bottom, height), min(right, width)
        if top >= bottom or left >= right:
            continue
        budget.add((bottom - top) * (right - left), where)
        anchor = rows[top][left].text if left < len(rows[top]) else ""
        for r in range(top, bottom):
            if len(rows[r]) < right:
                rows[r] = [*rows[r], *(Cell("") for _ in range(right - len(rows[r])))]
            row = rows[r]
            for c in range(left, right):
                if (r, c) != (top, left):
                    row[c] = Cell(anchor, "right" if c > left else "down")


def read_xlsx(path: Path, data: bytes) -> tuple[str, str | None]:
    """An Excel workbook: every sheet in order, read as a stream (openpyxl's read-only mode), its
    merged ranges read from the sheet's XML, which the read-only mode does not report."""
    openpyxl = require("openpyxl", "openpyxl", path)
    if data.startswith(_OLE):
        return read_xls(path, data)  # an Excel 97-2003 workbook named .xlsx
    check_archive(path, data, ".xlsx")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl's own errors
        raise CorruptFile(f"damaged or truncated .xlsx, cannot open it ({why(exc)})", path=path) from None
    if _is_ledger(book):
        book.close()
        raise UnsupportedFormat("a progress ledger (台账) exported by fazhi-kg, not a plan: read the units' returns "
                                "with `fazhi-kg ledger import`", path=path)
    budget = Budget(path)
    tables: list[tuple[str | None, Grid]] = []
    try:
        for sheet in book.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue  # a hidden sheet holds a template's lists (units for a drop-down), not the plan
            merges = _xlsx_merges(data, getattr(sheet, "_worksheet_path", None))
            if hasattr(sheet, "reset_dimensions"):
                sheet.reset_dimensions()  # a stale dimension (A1:XFD1048576) must not pad every row
            rows: Grid = []
            where = f"sheet {sheet.title!r}"
            filled = 0
            for values in sheet.iter_rows(values_only=True):
                if len(rows) >= _EXCEL_ROWS:
                    raise CorruptFile(f"{where} numbers its rows past {_EXCEL_ROWS}, more than Excel allows", path=path)
                if all(v is None or v == "" for v in values):
                    rows.append(_EMPTY)
                    continue
                budget.row(filled, len(values), where)
                filled += 1
                rows.append([Cell(_value_text(v)) for v in values])
            while rows and rows[-1] is _EMPTY:
                rows.pop()
            _apply_merges(rows, merges, budget, where)
            tables.append((sheet.title, rows))
    except FazhiError:
        raise
    except Exception as exc:
        raise CorruptFile(f"damaged .xlsx, cannot read its sheets ({why(exc)})", path=path) from None
    finally:
        book.close()
    return _joined(render_tables(tables), path), None


def _is_ledger(book) -> bool:
    """Whether the workbook is a ledger `fazhi-kg ledger export` wrote (and a unit filled in): its
    task table would read as a plan, and build it again as a second copy of the plan."""
    props = getattr(book, "properties", None)
    return (getattr(props, "creator", None) == "fazhi-kg" and bool(getattr(props, "identifier", None))
            and "填表说明" in book.sheetnames)


def _xlsx_merges(data: bytes, member: str | None) -> list[tuple[int, int, int, int]]:
    """The merged ranges a sheet's XML lists (<mergeCell ref="A3:A5"/>), streamed."""
    import zipfile
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import range_boundaries

    if not member:
        return []
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        name = member.lstrip("/")
        if name not in archive.namelist():
            return []
        with archive.open(name) as handle:
            for _, element in iterparse(handle, events=("end",)):
                if element.tag.endswith("}mergeCell"):  # the transitional or the strict namespace
                    try:
                        left, top, right, bottom = range_boundaries(element.get("ref", ""))
                    except (ValueError, TypeError):
                        continue
                    if None not in (left, top, right, bottom):
                        out.append((top - 1, bottom, left - 1, right))
                element.clear()
    return out


def read_xls(path: Path, data: bytes) -> tuple[str, str | None]:
    """An Excel 97-2003 workbook (xlrd).  Many systems export HTML or CSV under the .xls name, and
    some save an .xlsx with the old suffix: those are read as what they are."""
    if data.startswith(b"PK\x03\x04"):
        return read_xlsx(path, data)
    if not data.startswith(_OLE):
        head = data[:65536].lower()
        if b"<table" in head or b"<html" in head:
            return _read_html_export(path, data)
        if b"\x00" not in data[:4096]:
            return read_csv(path, data)
        raise CorruptFile("not an Excel 97-2003 workbook (no OLE2 header), nor HTML or CSV saved as .xls", path=path)
    if "EncryptedPackage".encode("utf-16-le") in data:
        # a password-protected .xlsx is an OLE2 container holding the encrypted workbook
        raise FileUnreadable("encrypted workbook: it needs a password; save a copy without one", path=path)
    xlrd = require("xlrd", "xlrd", path)
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, ragged_rows=True)
    except Exception as exc:  # xlrd's XLRDError and CompDocError, and the struct errors of a mangled file
        detail = why(exc)
        if "encrypt" in detail.lower():
            raise FileUnreadable("encrypted workbook: it needs a password; save a copy without one", path=path) from None
        raise CorruptFile(f"damaged or truncated .xls, cannot open it ({detail})", path=path) from None
    budget = Budget(path)
    tables: list[tuple[str | None, Grid]] = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if getattr(sheet, "visibility", 0):
                book.unload_sheet(index)
                continue  # hidden, as in .xlsx
            where = f"sheet {sheet.name!r}"
            rows: Grid = []
            filled = 0
            for r in range(sheet.nrows):
                cells = [Cell(_xls_value(xlrd, book, sheet.cell(r, c))) for c in range(sheet.row_len(r))]
                if not any(cell.text for cell in cells):
                    rows.append(_EMPTY)
                    continue
                budget.row(filled, len(cells), where)
                filled += 1
                rows.append(cells)
            _apply_merges(rows, [tuple(m) for m in getattr(sheet, "merged_cells", [])], budget, where)
            tables.append((sheet.name, rows))
            book.unload_sheet(index)
    except FazhiError:
        raise
    except Exception as exc:
        raise CorruptFile(f"damaged .xls, cannot read its sheets ({why(exc)})", path=path) from None
    finally:
        book.release_resources()
    return _joined(render_tables(tables), path), None


def _read_html_export(path: Path, data: bytes) -> tuple[str, str | None]:
    """An HTML table saved as .xls: its tables as a workbook's sheets; a page without one is
    read as a web page."""
    from kg.ingest.html_tables import html_grid
    from kg.ingest.web import read_html

    lxml_html = require("lxml.html", "lxml", path)
    found = _META_CHARSET.search(data[:4096])
    markup, codec = decode_bytes(data, path, declared=found.group(1).decode("ascii") if found else None)
    try:
        root = lxml_html.document_fromstring(markup.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8"))
    except Exception:
        return read_html(path, data)
    budget = Budget(path)
    grids: list[tuple[str | None, Grid]] = [
        (None, html_grid(table, budget)) for table in root.iter("table")
        if next(table.iterdescendants("table"), None) is None]
    lines = render_tables(grids)
    if not lines:
        return read_html(path, data)
    return "\n".join(lines), codec


_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9_-]{2,40})", re.IGNORECASE)


def _xls_value(xlrd, book, cell) -> str:
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return _value_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
        except Exception:
            return _value_text(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return _value_text(bool(cell.value))
    return _value_text(cell.value)


# --- CSV ------------------------------------------------------------------------------------------

_DELIMITERS = (",", "\t", ";", "|")


def _delimiter(text: str, suffix: str) -> str:
    """.tsv is tab-separated; for .csv the candidate that cuts the first lines into the most rows
    of the same (more than one) width.  No regular expressions: csv.Sniffer's can run long."""
    if suffix == ".tsv":
        return "\t"
    if text.startswith("sep=") and len(text) > 4 and text[4] not in "\r\n":
        return text[4]  # Excel's hint on the first line: sep=;
    sample = [line for line in text[:16384].splitlines()[:30] if line.strip()]
    if len(text) > 16384 and len(sample) > 1:
        sample = sample[:-1]  # the cut may fall inside the last line
    best, best_score = ",", 0
    for candidate in _DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(sample, delimiter=candidate)]
        except csv.Error:
            continue
        wide = [w for w in widths if w > 1]
        if not wide:
            continue
        common = max(set(wide), key=wide.count)
        score = wide.count(common)
        if score > best_score:
            best, best_score = candidate, score
    return best


def read_csv(path: Path, data: bytes) -> tuple[str, str | None]:
    """A CSV or TSV file, its encoding detected as for text (GBK, UTF-8 with or without BOM …)."""
    text, codec = decode_bytes(data, path)
    require_text(text, path, "only whitespace, no cells")
    budget = Budget(path)
    rows: Grid = []
    delimiter = _delimiter(text, path.suffix.lower())
    if text.startswith(f"sep={delimiter}"):
        text = text[text.find("\n") + 1:] if "\n" in text else ""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            budget.row(len(rows), len(record), "the table")
            rows.append([Cell(value) for value in record])
    except csv.Error as exc:
        raise CorruptFile(f"malformed CSV at line {reader.line_num} ({why(exc)})", path=path) from None
    if not has_text(rows):
        raise EmptyDocument("no text in any cell (only separators)", path=path)
    return _joined(render_table(rows), path), codec


def _joined(lines: list[str], path: Path) -> str:
    return require_text("\n".join(lines), path, "no text in any cell of its tables")


