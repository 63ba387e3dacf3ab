"""xlsx workbooks people open in Excel or LibreOffice: a bold wrapped header row, frozen panes,
column widths, every text cell stored as text (never read as a formula), and the same bytes for
the same content (fixed document properties and zip timestamps)."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Sequence


@dataclass
class Sheet:
    name: str
    columns: Sequence[str]
    rows: Sequence[Sequence[object]]
    widths: Sequence[int] = ()
    freeze: str = "A2"


_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")


def sheet_name(name: str, used: set[str]) -> str:
    """A name Excel accepts (no []:*?/\\, at most 31 characters), unique in the workbook."""
    base = _BAD_SHEET.sub("_", name).strip("'") or "sheet"
    base = base[:28]
    candidate, i = base, 2
    while candidate.lower() in used:
        candidate = f"{base[:25]}~{i}"
        i += 1
    used.add(candidate.lower())
    return candidate


def _fill(ws, sheet: Sheet) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.append(list(sheet.columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for values in sheet.rows:
        ws.append([None] * len(sheet.columns))
        r = ws.max_row
        for col, value in enumerate(values, start=1):
            if isinstance(value, (list, tuple)):
                value = "、".join(map(str, value))
            cell = ws.cell(row=r, column=col)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # document text is data: never a formula, even if it starts with "="
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = sheet.freeze
    for i, w in enumerate(sheet.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def workbook(sheets: Sequence[Sheet | tuple]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    fixed = datetime.datetime(2000, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "fazhi-kg"
    used: set[str] = set()
    for i, sheet in enumerate(sheets):
        sheet = sheet if isinstance(sheet, Sheet) else Sheet(*sheet)
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = sheet_name(sheet.name, used)
        _fill(ws, sheet)
    buf = io.BytesIO()
    wb.save(buf)
    return fixed_zip(buf.getvalue())


def fixed_zip(data: bytes) -> bytes:
    """Rewrite the xlsx zip with fixed timestamps so equal content gives equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in sorted(src.infolist(), key=lambda i: i.filename):
            body = src.read(info.filename)
            body = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>",
                          lambda m: m.group(0).split(b">")[0] + b">2000-01-01T00:00:00Z</dcterms:" + m.group(1) + b">",
                          body) if info.filename == "docProps/core.xml" else body
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, body)
    return out.getvalue()
