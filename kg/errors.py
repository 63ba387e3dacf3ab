"""Every error fazhi-kg raises on purpose, each with its own exit code.

Each error names the file (or other input) it is about and says what is wrong in one line, so
the CLI prints ``str(error)`` and exits with the class's ``exit_code``.  Anything else that
escapes is a bug.  The codes (the README's table is checked against :data:`EXIT_CODES`):

====  ============================================================================
1     a check found problems: ``validate`` on a graph that does not conform
2     the command line is wrong (an option's value, a missing argument)
3-13  a document cannot be read (:class:`InputError` and its kinds)
15    ``build`` finished but skipped files it could not read (each listed)
16    two documents cannot be compared (not plans, not the same area)
17    a file or folder to write cannot be written
19    any other error
20-26 the store, queries and endpoints
27    a filled ledger (台账) was rejected: each bad row listed, nothing of that file stored
====  ============================================================================
"""

from __future__ import annotations


class FazhiError(Exception):
    """Base of every error raised on purpose by fazhi-kg."""

    exit_code = 19

    def __init__(self, message: str, *, path: object | None = None):
        self.path = str(path) if path is not None else None
        self.message = message
        super().__init__(f"{self.path}: {message}" if self.path else message)


class UsageError(FazhiError):
    """An option's value or a combination of options is wrong."""

    exit_code = 2


# --- documents -----------------------------------------------------------------------------------


class InputError(FazhiError):
    """A file given to the tool cannot be read as a document."""

    exit_code = 14


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
    """An optional library or program needed for this file kind is not installed."""

    exit_code = 10


class NoTasks(InputError):
    """The document was read but no outline item could be recognised as a task."""

    exit_code = 11


class GoldFileError(FazhiError):
    """A gold file for evaluation is malformed."""

    exit_code = 12


class DocumentTooLarge(InputError):
    """The file is larger than any document of this genre (see FAZHI_KG_MAX_MB)."""

    exit_code = 13


class SkippedFiles(FazhiError):
    """A build finished, but some files could not be read and were skipped."""

    exit_code = 15


class NotComparable(FazhiError):
    """Two documents cannot be compared: one is not a plan, or they are of different areas."""

    exit_code = 16


class OutputError(FazhiError):
    """A file or folder to write cannot be written (a directory given as a file, a full disk)."""

    exit_code = 17


# --- store, queries, endpoints -------------------------------------------------------------------


class StoreError(FazhiError):
    """The store cannot be opened, read or written."""

    exit_code = 20


class StoreLocked(StoreError):
    """Another process is writing to the embedded store."""

    exit_code = 21


class QueryError(FazhiError):
    """A SPARQL query or update is malformed or refused."""

    exit_code = 22


class UnknownQuery(FazhiError):
    """No named query of that name."""

    exit_code = 23


class NoMatch(FazhiError):
    """A document, unit, area, theme or parameter value matches nothing in the store."""

    exit_code = 24


class Ambiguous(FazhiError):
    """A document, unit or area given by name matches more than one: the candidates are listed."""

    exit_code = 25


class EndpointError(StoreError):
    """A SPARQL endpoint cannot be reached, does not answer in time, or answers badly."""

    exit_code = 26


class LedgerRejected(FazhiError):
    """A filled ledger does not fit its plan (unknown task, a unit that does not own the task, a
    status or date that is none): one line per problem, naming the file, sheet and row."""

    exit_code = 27

    def __init__(self, message: str, *, lines: list[str] | None = None):
        super().__init__(message)
        self.lines = lines or [message]


def _all(cls: type) -> list[type]:
    return [cls] + [s for c in cls.__subclasses__() for s in _all(c)]


#: exit code → the error class that uses it (1 is validate's finding, not an error class)
EXIT_CODES = {cls.exit_code: cls for cls in _all(FazhiError)}
