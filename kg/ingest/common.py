"""What every reader shares: a reader's signature, and the checks and messages they raise."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from kg.errors import EmptyDocument, MissingDependency

#: a reader: (path, the file's bytes) → (text, the encoding it detected or None)
Reader = Callable[[Path, bytes], "tuple[str, str | None]"]


def require_text(text: str, path: Path, problem: str) -> str:
    if not text or text.isspace():  # isspace, not strip(): no copy of a 100 MB string
        raise EmptyDocument(problem, path=path)
    return text


def require(module: str, package: str, path: Path):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependency(f"reading {path.suffix} files needs {package}: pip install {package}", path=path) from None


def why(exc: BaseException) -> str:
    detail = " ".join(str(exc).split())[:160]
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


DEFAULT_MAX_MB = 20


def max_bytes() -> int:
    """The largest file we read, and the most an archive (.docx) may unpack to (FAZHI_KG_MAX_MB,
    default 20 MB): a 100 MB "document" is a data dump or a mistake, and extracting it would take
    minutes and gigabytes."""
    try:
        mb = float(os.environ.get("FAZHI_KG_MAX_MB", DEFAULT_MAX_MB))
    except ValueError:
        mb = DEFAULT_MAX_MB
    return int(mb * 2**20)
