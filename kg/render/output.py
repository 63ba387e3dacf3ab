"""One way to print: every command's answer is an :class:`Output`, written in the format the user
asks for by the registry :data:`WRITERS` (one entry per format), to standard output or a file.

An output holds its rows (columns and plain values), which every tabular format writes the same
way, and may give its own writer for a format where it has a richer form (the JSON contract of
``extract``, the SPARQL results formats of ``query``, the matrix's workbook with a sheet per unit).

CSV and xlsx are for people: CSV opens in Excel on a Chinese Windows PC (UTF-8 with a byte-order
mark) and no cell of either is read as a formula (text starting with ``= + - @`` gets a leading
apostrophe in CSV and is stored as text in xlsx).  TSV is tab-separated with tabs and line breaks
in values escaped.  Writing to a file is atomic and takes the format from the file's suffix when
no ``--format`` is given.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Sequence

from kg.errors import OutputError, UsageError

Writer = Callable[["Output"], "str | bytes"]


@dataclass
class Output:
    columns: Sequence[str] = ()
    rows: Sequence[Sequence[object]] = ()
    own: dict[str, Callable[[], str | bytes]] = field(default_factory=dict)  # format → its own writer
    offers: tuple[str, ...] = ("table", "json", "csv", "tsv", "xlsx")  # the formats that make sense
    title: str = ""  # a sheet name for xlsx
    summary: str = ""  # one line for the terminal after writing a file ("98 tasks")
    whole: tuple[str, ...] = ()  # columns a text table never clips (a warning's reason)

    def records(self) -> list[dict[str, object]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


# --- cells ---------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value))
    return str(value)


def safe_text(value: object) -> object:
    """A value as a spreadsheet must get it: text that would start a formula gets an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


# --- writers -------------------------------------------------------------------------------------


def _table(out: Output) -> str:
    from kg.render.text import table

    return table(out.columns, ([cell_text(v) for v in row] for row in out.rows), whole=out.whole)


def _csv(out: Output) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(out.columns)
    for row in out.rows:
        writer.writerow([safe_text(cell_text(v)) for v in row])
    return "\ufeff" + buf.getvalue()


def _tsv_value(value: object) -> str:
    return cell_text(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _tsv(out: Output) -> str:
    lines = ["\t".join(out.columns)] + ["\t".join(_tsv_value(v) for v in row) for row in out.rows]
    return "\n".join(lines) + "\n"


def _json(out: Output) -> str:
    return json.dumps(out.records(), ensure_ascii=False, indent=1) + "\n"


def _xlsx(out: Output) -> bytes:
    from kg.render.workbook import workbook

    return workbook([(out.title or "sheet", out.columns, out.rows)])


WRITERS: dict[str, Writer] = {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json, "xlsx": _xlsx}
BINARY = frozenset({"xlsx"})
SUFFIX_FORMAT = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".json": "json", ".xlsx": "xlsx", ".txt": "table"}


def choose(fmt: str | None, output: Path | None, out: Output, default: str) -> str:
    """The format to write: the one asked for, else the file suffix's, else the command's default."""
    if output is not None and output.is_dir():  # before its "suffix" is read as a format
        raise OutputError("is a directory: give a file name to write", path=output)
    if fmt is None and output is not None:
        fmt = SUFFIX_FORMAT.get(output.suffix.lower())
        if fmt is None or fmt not in out.offers:
            raise UsageError(f"cannot tell the format from the file name {output.name!r}: give --format "
                             f"({', '.join(out.offers)})")
    fmt = fmt or default
    if fmt not in out.offers:
        raise UsageError(f"--format {fmt} is not offered here; choose one of {', '.join(out.offers)}")
    return fmt


def render(out: Output, fmt: str) -> str | bytes:
    writer = out.own.get(fmt)
    body = writer() if writer is not None else WRITERS[fmt](out)
    if fmt == "table" and not body.endswith("\n"):
        body += "\n"
    return body


def write(out: Output, fmt: str, output: Path | None, stdout: BinaryIO) -> int:
    """Write the output to the file (atomically) or to ``stdout``; the number of bytes written."""
    from kg.fileio import atomic_write_bytes

    body = render(out, fmt)
    data = body if isinstance(body, bytes) else body.encode("utf-8")
    if output is None:
        if fmt in BINARY and hasattr(stdout, "isatty") and stdout.isatty():
            raise UsageError(f"{fmt} is a binary format: give --output FILE.{fmt}")
        try:
            stdout.write(data)
            stdout.flush()
        except BrokenPipeError:
            raise  # a reader that stopped (| head): the CLI ends quietly
        except OSError as exc:  # a full disk behind a redirect
            raise OutputError(f"cannot write it: {(exc.strerror or str(exc)).lower()}", path="standard output") from None
        return len(data)
    if output.is_dir():
        raise OutputError("is a directory: give a file name to write", path=output)
    try:
        atomic_write_bytes(output, data)
    except OSError as exc:
        raise OutputError(f"cannot write it ({exc.strerror or exc}); nothing was written", path=output) from None
    return len(data)
