"""Writing files so that an interrupted write never leaves half a file in place of a good one."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from kg.errors import OutputError


def _final_mode(path: Path) -> int:
    """The mode the finished file gets: an existing file keeps its own; a new one gets what
    ``open()`` would give it under the user's umask (0644 under the usual 022).  ``mkstemp``
    creates its file 0600, which would keep colleagues and web servers out."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


@contextmanager
def atomic_file(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through: it takes the place of ``path`` only when the
    block ends without an error, synced to disk; otherwise it is removed."""
    path = Path(path)
    if path.is_dir():
        raise OutputError("is a directory: give a file name to write", path=path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where a folder should be, no permission
        raise OutputError(f"cannot make its folder ({exc.strerror or exc}); nothing was written", path=path) from None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write it ({exc.strerror or exc}); nothing was written", path=path) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fchmod(fh.fileno(), _final_mode(path))
            os.fsync(fh.fileno())
        try:
            os.replace(tmp, path)
        except OSError as exc:  # a directory put in its place meanwhile, a read-only folder
            raise OutputError(f"cannot write it ({exc.strerror or exc}); nothing was written", path=path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    with atomic_file(path) as fh:
        fh.write(data)
    return Path(path)


def atomic_write_text(path: str | Path, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))
