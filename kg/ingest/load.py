"""Read one file into a :class:`~kg.model.RawDocument`: plain text, web pages, Word (old .doc and .wps
through LibreOffice), PDF, task tables in Excel and CSV files, and scans and page images by OCR
when asked.

Each file kind has one reader (in :mod:`kg.ingest.encoding`, :mod:`~kg.ingest.web`,
:mod:`~kg.ingest.office`, :mod:`~kg.ingest.sheets`), chosen by suffix from :data:`LOADERS`.  Readers get the file's
bytes (read exactly once, so the sha256 and the text always describe the same content) and
return the text plus the encoding they detected.  The heavy libraries (python-docx, pypdf,
pdfplumber, openpyxl, xlrd, trafilatura, lxml, charset-normalizer) are imported inside the reader that needs them, so
``import kg.ingest.load`` stays cheap and a missing one only matters for the files that need it.

No text repair happens here: PDF line breaks, full-width spaces and the like are the
normalization step's business.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import DocumentTooLarge, EmptyDocument, FileMissing, FileUnreadable, InputError, NoTextLayer, UnsupportedFormat
from kg.ingest.common import Reader, max_bytes, why
from kg.ingest.encoding import decode_bytes, read_text
from kg.ingest.ocr import IMAGE_SUFFIXES, read_image
from kg.ingest.office import read_docx, read_pdf
from kg.ingest.sheets import read_csv, read_xls, read_xlsx
from kg.ingest.web import read_html
from kg.model import RawDocument

__all__ = ["LOADERS", "load", "iter_documents", "decode_bytes", "max_bytes"]

#: suffix → (RawDocument.kind, reader)
LOADERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("txt", read_text), ".md": ("txt", read_text),
    # .shtml is the usual suffix of pages on Chinese government sites
    ".html": ("html", read_html), ".htm": ("html", read_html), ".shtml": ("html", read_html),
    ".xhtml": ("html", read_html),
    ".docx": ("docx", read_docx), ".pdf": ("pdf", read_pdf),
    # task tables: Excel workbooks and CSV/TSV files (kg.ingest.sheets)
    ".xlsx": ("xlsx", read_xlsx), ".xlsm": ("xlsx", read_xlsx), ".xls": ("xls", read_xls),
    ".csv": ("csv", read_csv), ".tsv": ("csv", read_csv),
    # Word 97-2003 and WPS Office's own format: the Word reader has LibreOffice convert them (kg.ingest.convert)
    ".doc": ("doc", read_docx), ".wps": ("wps", read_docx),
}
# page images: read only by OCR (load(..., ocr=True)); without it they are refused like a scanned PDF
LOADERS.update({suffix: ("image", read_image) for suffix in IMAGE_SUFFIXES})


# Public entry points


def load(path: str | os.PathLike[str], *, ocr: bool = False) -> RawDocument:
    """Read one file.  Raises an :class:`~kg.errors.InputError` subclass when it cannot.

    With ``ocr``, a PDF without a text layer and a page image are read by OCR
    (:mod:`kg.ingest.ocr`); the document then says so (``RawDocument.ocr``)."""
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
        # Opened without blocking and checked before reading: a FIFO named .txt would block the open
        # until a writer came, and a device (a link to /dev/zero) would be read forever.
        with open(p, "rb", opener=_opener) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise FileUnreadable(f"not a regular file but {_file_kind(info.st_mode)}: only files are read", path=p)
            size = info.st_size
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
        raise FileUnreadable(f"cannot read it ({exc.strerror or why(exc)})", path=p) from None
    if not data:
        raise EmptyDocument("empty file (0 bytes)", path=p)
    kind, reader = entry
    try:
        text, encoding = reader(p, data)
    except NoTextLayer:
        if not ocr:
            raise
        from kg.ingest.ocr import ocr_document

        text, encoding = ocr_document(p, data), None
        return RawDocument(path=str(p), text=text, kind=kind, encoding=encoding,
                           sha256=hashlib.sha256(data).hexdigest(), ocr=True)
    return RawDocument(path=str(p), text=text, kind=kind, encoding=encoding, sha256=hashlib.sha256(data).hexdigest())


def _opener(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory")):
        if test(mode):
            return kind
    return "a special file"


def iter_documents(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *,
                   ocr: bool = False) -> Iterator[tuple[Path, RawDocument | InputError]]:
    """Each file under ``paths`` with its document or the input error it raised (``ocr`` as for :func:`load`).

    Directories are walked depth-first in name order; inside them hidden files, Office lock
    files (``~$…``) and unsupported suffixes are skipped, while a file named explicitly is
    always tried.  MissingDependency is not a per-file problem and propagates.
    """
    for path, problem in iter_paths(paths, ocr=ocr):
        yield path, problem if problem is not None else _try_load(path, ocr)


def iter_paths(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *,
               ocr: bool = False) -> Iterator[tuple[Path, InputError | None]]:
    """The files :func:`iter_documents` would read, without reading them (None: no problem yet).
    Inside folders, images (logos, photos) are documents only when they are to be OCR'd."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for given in paths:
        p = Path(given)
        if p.is_dir():
            yield from _walk(p, ocr)
        else:
            yield p, None


def _walk(directory: Path, ocr: bool = False) -> Iterator[tuple[Path, InputError | None]]:
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield directory, FileUnreadable(f"cannot list this directory ({exc.strerror or why(exc)})", path=directory)
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
            yield from _walk(p, ocr)
        elif p.suffix.lower() in LOADERS and (ocr or p.suffix.lower() not in IMAGE_SUFFIXES):
            yield p, None


# A README or licence beside the documents describes the folder; it is never a plan or report, and
# reading it as one would add an empty "document" to the store. Named explicitly, it is still read.
_FOLDER_NOTES = ("readme", "license", "licence", "changelog", "copying")


def _is_folder_note(name: str) -> bool:
    return name.lower().split(".", 1)[0] in _FOLDER_NOTES


def _try_load(path: Path, ocr: bool = False) -> RawDocument | InputError:
    try:
        return load(path, ocr=ocr)
    except InputError as exc:
        return exc
