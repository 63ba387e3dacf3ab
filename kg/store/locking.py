"""Who may use the embedded store when: one writer at a time, readers let in between its writes.

RocksDB lets one process open a store.  On top of that:

* **one writer**: a process that writes (``build``, ``demo``, ``query --update``) first takes an
  exclusive ``flock`` on ``.NAME.writer`` beside the store and keeps it until it ends, even while
  it has let readers in.  A second writer waits up to ``FAZHI_KG_LOCK_WAIT`` seconds (default 5)
  for it, then fails with "store in use" (exit 21).  A killed writer's lock goes with its process.
* **readers between writes**: a reader (``query``, ``export``, …) that finds the store taken
  touches ``.NAME.readers-waiting`` beside it every 0.2 s while it waits (up to
  ``FAZHI_KG_LOCK_WAIT``).  The writer looks at that flag between documents and, from a watcher
  thread, all through a document's extraction (:class:`IdleWatch`): it closes the store, and takes
  it back when the readers are done — waiting for them up to ``FAZHI_KG_PAUSE_WAIT`` seconds
  (default 3600), after which it stops with "store in use" and says how long it waited.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Callable

from kg.errors import StoreLocked, UsageError

FLAG_FRESH = 3.0  # seconds: a waiting process refreshes its flag every 0.2 s


def _seconds(name: str, default: str) -> float:
    text = os.environ.get(name, default).strip()
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise UsageError(f"{name} must be a number of seconds (like 5 or 0.5), not {text!r}")
    return value


def lock_wait() -> float:
    """Seconds to wait for another process's lock: ``FAZHI_KG_LOCK_WAIT`` (default 5)."""
    return _seconds("FAZHI_KG_LOCK_WAIT", "5")


def pause_wait() -> float:
    """Seconds a writer that let readers in waits for them to finish: ``FAZHI_KG_PAUSE_WAIT``
    (default 3600: an export of a large store may take minutes, a reader never takes an hour)."""
    return _seconds("FAZHI_KG_PAUSE_WAIT", "3600")


def waiting_flag(path: Path) -> Path:
    """The file a reader waiting for the store's lock touches, beside the store directory."""
    return path.parent / f".{path.name}.readers-waiting"


def touch(flag: Path) -> bool:
    try:
        flag.touch()
        return True
    except OSError:  # a read-only directory: the build then never pauses, readers wait their time
        return False


def untouch(flag: Path) -> None:
    try:
        flag.unlink()
    except OSError:
        pass


def readers_waiting(path: Path) -> bool:
    """Whether a reader is waiting for the store at ``path`` (a flag older than a few seconds was
    left by a killed reader)."""
    try:
        age = time.time() - os.stat(waiting_flag(path)).st_mtime
    except OSError:
        return False
    return age < FLAG_FRESH


class WriterLock:
    """The one-writer lock of the store at ``path``: an exclusive ``flock`` on ``.NAME.writer``
    beside it, holding the writer's process id.  Where the file cannot be made (a read-only
    folder) there is no lock: RocksDB's own still keeps two processes out at once."""

    def __init__(self, path: Path):
        self.file = path.parent / f".{path.name}.writer"
        self.path = path
        self._fd: int | None = None

    def acquire(self, wait: float) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover  (not POSIX)
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.file, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    holder = self._holder(fd)
                    os.close(fd)
                    raise StoreLocked(f"store in use by another fazhi-kg process that writes to it{holder}; "
                                      f"waited {wait:g} s (FAZHI_KG_LOCK_WAIT): try again when it has finished",
                                      path=self.path) from None
                time.sleep(0.1)
        try:
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
        except OSError:
            pass
        self._fd = fd

    @staticmethod
    def _holder(fd: int) -> str:
        try:
            pid = int(os.pread(fd, 32, 0).decode().strip())
        except (OSError, ValueError):
            return " (a build?)"
        return f" (process {pid}, a build?)"

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the file releases the flock
            self._fd = None


class IdleWatch:
    """While the writer does not touch its store (it extracts the next document), a thread
    watches for waiting readers every 0.2 s and calls ``release`` once one waits.  The writer
    takes the store back itself when the block ends."""

    def __init__(self, path: Path, release: Callable[[], None]):
        self.path, self.release = path, release
        self.released = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fazhi-kg-readers", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            if readers_waiting(self.path):
                self.release()
                self.released = True
                return

    def __enter__(self) -> "IdleWatch":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
