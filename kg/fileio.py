"""Writing files so that an interrupted write never leaves half a file in place of a good one.

A file is written to a temporary file beside it, ``.NAME.fazhi-kg-tmp.PID.XXXXXXXX.tmp``, renamed
into place once complete.  An error (a full disk), Ctrl-C or SIGTERM (the CLI turns it into
``SystemExit``) removes it; one left by a process killed outright (SIGKILL) is removed by the next
write to the same file, once its process is gone.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from kg.errors import OutputError

TEMPORARY = "fazhi-kg-tmp"  # in every temporary file's name, after the target's


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


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def remove_leftovers(path: str | Path) -> list[Path]:
    """Remove the temporary files beside ``path`` that a killed process left (its process id is
    in the name; a live process's file is left alone).  Returns those removed."""
    path = Path(path)
    head = f".{path.name}.{TEMPORARY}."
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    removed = []
    for name in names:
        if not (name.startswith(head) and name.endswith(".tmp")):
            continue
        try:
            pid = int(name[len(head):].split(".", 1)[0])
        except ValueError:
            continue
        if not _alive(pid):
            try:
                (path.parent / name).unlink()
                removed.append(path.parent / name)
            except OSError:
                pass
    return removed


def _cannot_write(path: Path, exc: OSError, written: int, existed: bool) -> OutputError:
    reason = exc.strerror or str(exc) or type(exc).__name__
    kept = "the old file is left as it was" if existed else "no file was made"
    return OutputError(f"cannot write it: {reason[:1].lower()}{reason[1:]} (after {written:,} bytes); {kept}", path=path)


class _Writing:
    """The temporary file as the caller writes it: a failed write (a full disk) is one
    :class:`OutputError` naming the file, what was written and what is left."""

    def __init__(self, fh: BinaryIO, path: Path, existed: bool):
        self._fh, self._path, self._existed = fh, path, existed
        self.written = 0

    def write(self, data: bytes) -> int:
        try:
            n = self._fh.write(data)
        except OSError as exc:
            raise _cannot_write(self._path, exc, self.written, self._existed) from None
        self.written += len(data)
        return n

    def tell(self) -> int:
        return self.written

    def finish(self, mode: int) -> None:
        """Flush and sync to disk, where a full disk often shows first."""
        try:
            self._fh.flush()
            os.fchmod(self._fh.fileno(), mode)
            os.fsync(self._fh.fileno())
        except OSError as exc:
            raise _cannot_write(self._path, exc, self.written, self._existed) from None

    def __getattr__(self, name: str):
        return getattr(self._fh, name)


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
    remove_leftovers(path)
    existed = path.exists()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{TEMPORARY}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write it ({exc.strerror or exc}); nothing was written", path=path) from None
    try:
        fh = os.fdopen(fd, "wb")
        try:
            writing = _Writing(fh, path, existed)
            yield writing
            writing.finish(_final_mode(path))
        finally:
            try:
                fh.close()
            except OSError:  # what could not be flushed was reported, or is being
                pass
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
