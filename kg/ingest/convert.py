"""Old office formats (.doc, .wps) read through LibreOffice: converted to .docx, which the Word
reader (:func:`kg.ingest.office.read_docx`) then reads as one.

LibreOffice runs headless in a temporary folder of its own: the input is written there from the
bytes already read (so the sha256 and the text describe the same content), with a private user
profile so that parallel conversions (``build --jobs``) never share one, and the folder is removed
whatever happens.  A conversion that does not finish in time (FAZHI_KG_CONVERT_TIMEOUT seconds,
default 120) is stopped with every process it started.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from kg.errors import CorruptFile, FileUnreadable, MissingDependency
from kg.ingest.encoding import _NOT_TEXT  # the characters no Chinese document is made of

#: the Debian package that brings the headless converter (no desktop parts)
DEBIAN_PACKAGE = "libreoffice-writer-nogui"
DEFAULT_TIMEOUT = 120.0

# The first bytes of an OLE2 compound file: Word 97-2003, WPS, Excel 97-2003 all are one.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def timeout() -> float:
    try:
        seconds = float(os.environ.get("FAZHI_KG_CONVERT_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return seconds if seconds > 0 else DEFAULT_TIMEOUT


def convert(path: Path, data: bytes, target: str = "docx") -> bytes:
    """The file's bytes converted by LibreOffice to ``target`` (a suffix without its dot)."""
    program = soffice()
    if program is None:
        raise MissingDependency(f"reading {path.suffix} files needs LibreOffice: apt-get install {DEBIAN_PACKAGE} "
                                f"(or save the file as .{target})", path=path)
    work = Path(tempfile.mkdtemp(prefix="fazhi-kg-convert-"))
    try:
        # a plain ASCII name: the original may hold characters LibreOffice's command line mangles
        source = work / ("input" + path.suffix.lower())
        source.write_bytes(data)
        out = work / "out"
        command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", target, "--outdir", str(out), str(source)]
        limit = timeout()
        try:
            proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    cwd=work, start_new_session=True, env={**os.environ, "HOME": str(work)})
        except OSError as exc:
            raise MissingDependency(f"cannot start LibreOffice ({exc.strerror or exc}): apt-get install "
                                    f"{DEBIAN_PACKAGE}", path=path) from None
        try:
            _, err = proc.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            _stop(proc)
            raise FileUnreadable(f"LibreOffice did not convert it in {limit:g} s (a damaged or password-protected "
                                 "file?); raise the limit with FAZHI_KG_CONVERT_TIMEOUT", path=path) from None
        finally:
            _stop(proc)  # the launcher may leave its office process behind: the whole group goes
        result = out / ("input." + target)
        if not result.is_file() or result.stat().st_size == 0:
            detail = " ".join(err.decode("utf-8", "replace").split())[:160]
            raise CorruptFile(f"LibreOffice could not convert it to .{target} (damaged, password-protected or not a "
                              f"{path.suffix} file?)" + (f": {detail}" if detail else ""), path=path)
        return result.read_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def needs_conversion(path: Path, data: bytes) -> bool:
    """Whether the Word reader must have LibreOffice convert these bytes first: an OLE2 file (Word
    97-2003 or WPS, whatever its name), or anything but a zip archive named .doc or .wps (the .doc
    files many sites publish are really web pages or RTF).  A .docx under an old name is read as
    the .docx it is."""
    if data.startswith(OLE_MAGIC):
        return True
    return path.suffix.lower() in (".doc", ".wps") and not data.startswith(b"PK\x03\x04")


def to_docx(path: Path, data: bytes) -> bytes:
    return convert(path, data, "docx")


def refuse_bytes_read_as_text(path: Path, data: bytes, text: str) -> str:
    """The converted text, unless LibreOffice found no document in the file.

    LibreOffice opens what it cannot recognise as plain text: a damaged Word file comes back as its
    bytes read as UTF-16, mostly Hangul, private-use and unassigned characters."""
    probe = text[:32_768]
    if data.startswith(OLE_MAGIC) and len(_NOT_TEXT.findall(probe)) > 0.2 * len(probe):
        raise CorruptFile(f"damaged {path.suffix} file: LibreOffice found no document in it, only bytes", path=path)
    return text
