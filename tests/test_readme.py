"""Every command the README shows is run, in the README's order, and its output compared with
the transcript printed under it, so the manual cannot go stale.

A transcript is a fenced block whose lines start with ``$ fazhi-kg``; the lines after a command
are what it prints (standard output and error together).  A line that is just ``…`` stands for
any number of lines, and ``…`` inside a line for any text (used for sizes in bytes, which depend
on the library versions).  The commands run in a fresh folder that sees the checkout's ``kg`` and
``tests`` (so ``kg/samples/…`` paths work), one after the other, as a reader would type them:
``fazhi-kg demo`` there builds the store the later commands read.  ``fazhi-kg serve`` runs until
it has printed its banner, and is stopped.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
FENCE = re.compile(r"^```[a-z]*\n(.*?)^```", re.M | re.S)


def transcripts() -> list[tuple[str, list[str]]]:
    """(command, expected lines) for every command of every transcript block, in order."""
    out: list[tuple[str, list[str]]] = []
    for block in FENCE.findall(README.read_text(encoding="utf-8")):
        if not block.startswith("$ fazhi-kg"):
            continue
        command, expected = None, []
        for line in block.rstrip("\n").split("\n"):
            if command is not None and not expected and command.count("'") % 2:
                command += "\n" + line  # a quoted argument that goes on over several lines
            elif line.startswith("$ "):
                if command is not None:
                    out.append((command, expected))
                command, expected = line[2:], []
            else:
                expected.append(line)
        out.append((command, expected))
    return out


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether the actual lines fit the transcript, ``…`` standing for any run of lines."""
    memo: dict[tuple[int, int], bool] = {}

    def fit(i: int, j: int) -> bool:
        if (i, j) in memo:
            return memo[(i, j)]
        if i == len(expected):
            result = j == len(actual)
        elif expected[i] == "…":
            result = any(fit(i + 1, k) for k in range(j, len(actual) + 1))
        else:
            result = j < len(actual) and _line_fits(expected[i], actual[j]) and fit(i + 1, j + 1)
        memo[(i, j)] = result
        return result

    return fit(0, 0)


def _line_fits(expected: str, actual: str) -> bool:
    """A line equal to the transcript's, where ``…`` inside a line stands for any text (a size in
    bytes, which depends on the versions of the libraries that wrote the file)."""
    pieces = expected.split("…")
    if len(pieces) == 1:
        return expected == actual
    if not (actual.startswith(pieces[0]) and actual.endswith(pieces[-1])
            and len(actual) >= len(pieces[0]) + len(pieces[-1])):
        return False
    at, stop = len(pieces[0]), len(actual) - len(pieces[-1])
    for piece in pieces[1:-1]:
        found = actual.find(piece, at, stop)
        if found < 0:
            return False
        at = found + len(piece)
    return True


def test_an_ellipsis_inside_a_line_stands_for_any_text():
    assert _line_fits("wrote m.xlsx (xlsx, … bytes, 98 tasks)", "wrote m.xlsx (xlsx, 106638 bytes, 98 tasks)")
    assert not _line_fits("wrote m.xlsx (xlsx, … bytes, 98 tasks)", "wrote m.xlsx (xlsx, 106638 bytes, 97 tasks)")
    assert not _line_fits("a…b…c", "ac") and _line_fits("a…b…c", "a-b-c") and _line_fits("a…b…c", "abc") and not _line_fits("ab…ba", "aba")
    assert matches(["x", "…", "y"], ["x", "1", "2", "y"]) and not matches(["x"], ["x", "y"])


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("readme")
    for name in ("kg", "tests", "ontology"):
        (where / name).symlink_to(ROOT / name)
    return where


def _env() -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""), "COLUMNS": "100"}


def run(command: str, cwd: Path) -> list[str]:
    if command.startswith("fazhi-kg serve"):
        proc = subprocess.Popen(["bash", "-c", "exec " + command], cwd=cwd, env=_env(), stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        try:
            first = proc.stdout.readline().rstrip("\n")
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        return [first]
    proc = subprocess.run(["bash", "-c", "set -o pipefail; " + command + " 2>&1 || true"], cwd=cwd, env=_env(),
                          capture_output=True, text=True, timeout=600)
    return proc.stdout.rstrip("\n").split("\n") if proc.stdout else []


CASES = transcripts()
_ran: set[int] = set()  # the commands run so far in this session (they build on each other)


def test_the_readme_has_transcripts():
    assert len(CASES) >= 15
    assert shutil.which("fazhi-kg", path=str(Path(sys.executable).parent)), "the fazhi-kg command is installed"


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c[0][:60] for c in CASES])
def test_transcript(workdir, index):
    command, expected = CASES[index]
    for earlier in range(index):  # the commands build on each other: the ones before run first, in order
        if earlier not in _ran:
            run(CASES[earlier][0], workdir)
            _ran.add(earlier)
    actual = run(command, workdir)
    _ran.add(index)
    assert matches(expected, actual), "\n".join(["$ " + command, "--- the README says:", *expected,
                                                  "--- it prints:", *actual])


def test_exit_code_table_matches_the_code():
    """Every exit code an error class carries is in the README's table, and nothing else is."""
    from kg.errors import EXIT_CODES

    text = README.read_text(encoding="utf-8")
    table = text[text.index("| exit code | meaning |"):]
    documented = set()
    for line in table.splitlines()[2:]:
        if not line.startswith("|"):
            break
        documented.add(int(line.split("|")[1]))
    assert documented == set(EXIT_CODES) | {1}  # 1 is validate's "does not conform", not an error
