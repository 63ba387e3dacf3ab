"""Errors the library raises on purpose.

Every error names the file (or other input) it is about and says what is wrong in one line,
so the CLI can print ``str(error)`` and exit with the class's ``exit_code``.  Anything else
that escapes is a bug.
"""

from __future__ import annotations


class FazhiError(Exception):
    """Base of every error raised on purpose by fazhi-kg."""

    exit_code = 1

    def __init__(self, message: str, *, path: object | None = None):
        self.path = str(path) if path is not None else None
        self.message = message
        super().__init__(f"{self.path}: {message}" if self.path else message)


class InputError(FazhiError):
    """A file given to the tool cannot be read as a document."""

    exit_code = 2


class FileMissing(InputError):
    """The path does not exist."""

    exit_code = 3


class FileUnreadable(InputError):
    """The path exists but cannot be opened (permissions, a directory where a file was expected)."""

    exit_code = 4


class UnsupportedFormat(InputError):
    """No loader handles this suffix."""

    exit_code = 5


class EmptyDocument(InputError):
    """The file holds no text (empty, only whitespace, only navigation)."""

    exit_code = 6


class BinaryContent(InputError):
    """The file's bytes are not text in any encoding we detect."""

    exit_code = 7


class CorruptFile(InputError):
    """A structured file (docx, pdf) is damaged or truncated."""

    exit_code = 8


class NoTextLayer(InputError):
    """A PDF has pages but no text layer: a scan that needs OCR first."""

    exit_code = 9


class MissingDependency(FazhiError):
    """An optional library needed for this file kind is not installed."""

    exit_code = 10


class NoTasks(InputError):
    """The document was read but no outline item could be recognised as a task."""

    exit_code = 11


class DocumentTooLarge(InputError):
    """The file is larger than any document of this genre (see FAZHI_KG_MAX_MB)."""

    exit_code = 13


class GoldFileError(FazhiError):
    """A gold file for evaluation is malformed."""

    exit_code = 12
