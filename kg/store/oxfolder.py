"""An Oxigraph store's folder: whether a folder is one (RocksDB's files, or nothing), whether a
server holds it, and the one-line errors for a corrupt or locked store."""

from __future__ import annotations

import os
import re
from pathlib import Path

from kg.errors import StoreError

#: the files RocksDB keeps in a store's folder
_ROCKSDB = re.compile(r"^(CURRENT|IDENTITY|MANIFEST-\d+|OPTIONS-\d+|\d+\.(sst|log|blob))$")


def serving_marker(path: Path) -> Path:
    """The file `fazhi-kg serve` keeps beside a store it serves, holding its process id."""
    return path.parent / f".{path.name}.serving"


def serving_pid(path: Path) -> int | None:
    """The process serving this store, if one is alive (a marker left by a killed server is stale)."""
    try:
        pid = int(serving_marker(path).read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return pid
    # Oxigraph's server (serve --allow-service) or fazhi-kg's own endpoint (`fazhi-kg serve …`)
    if b"oxigraph" not in cmdline and b"serve" not in cmdline.split(b"\0"):
        return None
    return pid


def looks_like_store(path: Path) -> bool:
    """Whether the folder holds RocksDB's files (a store, whole or not)."""
    try:
        return any(_ROCKSDB.match(name) for name in os.listdir(path))
    except OSError:
        return False


def corrupt(path: Path | str, detail: str) -> StoreError:
    return StoreError(f"the store is corrupt ({detail}): start a fresh one from your documents with "
                      f"`fazhi-kg build --rebuild --store {path} FILE…`, or put back a backup of {path}", path=path)


def _detail(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return (text[:300] + " …" if len(text) > 300 else text) or type(exc).__name__


def _is_corruption(exc: BaseException) -> bool:
    text = str(exc)
    return "Corruption" in text or "checksum mismatch" in text


def _is_lock(exc: BaseException) -> bool:
    """RocksDB's "While lock file: …/LOCK: Resource temporarily unavailable" (another process) or
    "lock hold by current process" (this one)."""
    text = str(exc)
    return isinstance(exc, OSError) and ("lock file" in text or "lock hold" in text or "/LOCK:" in text)


def check_folder(path: Path, *, replacing: bool = False) -> None:
    """Refuse a store folder that is not one: a file, or a folder holding files of its own (RocksDB's
    files scattered among a user's would be hard to tell apart and remove); and a corrupt store
    unless ``replacing`` it."""
    if path.exists() and not path.is_dir():
        raise StoreError("is a file, not a store folder: give a new or empty folder with --store", path=path)
    try:
        names = sorted(os.listdir(path))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"cannot read the store folder ({exc.strerror or exc})", path=path) from None
    if not names:
        return
    if not looks_like_store(path):
        shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
        raise StoreError(f"this folder holds other files ({shown}) and is not a fazhi-kg store, so nothing was "
                         "written to it: give a new or empty folder with --store", path=path)
    if not replacing and not (path / "CURRENT").exists():  # RocksDB would start an empty store over the old files
        raise corrupt(path, "its CURRENT file is missing")
