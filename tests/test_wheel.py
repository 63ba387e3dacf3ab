"""What `pip install .` installs: the wheel holds every file the package reads at run time, and
`fazhi-kg demo` (the README's first command) runs from the installed wheel, not from this
checkout.  An editable install hides a file left out of the wheel; this test does not."""

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # built from a copy of the checkout's files (a build/ folder left in the checkout would lend
    # the wheel files the sources no longer put there)
    src = tmp_path_factory.mktemp("src")
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split("\n")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / name, src / name)
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", str(src), "--no-deps", "-w", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    (found,) = out.glob("fazhi_kg-*.whl")
    return found


def tracked_data_files() -> list[str]:
    """Every file under kg/ and ontology/ that is not Python source, as its path in the wheel."""
    listed = subprocess.run(["git", "ls-files", "kg", "ontology"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.split()
    data = [p for p in listed if not p.endswith(".py")]
    return sorted("kg/" + p if p.startswith("ontology/") else p for p in data)


def test_the_wheel_holds_every_data_file(wheel):
    expected = tracked_data_files()
    assert any(p.startswith("kg/samples/") for p in expected) and any(p.startswith("kg/query/queries/") for p in expected)
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [p for p in expected if p not in names]
    assert not missing, f"left out of the wheel: {missing}"
    assert not [n for n in names if "__pycache__" in n]


def test_demo_runs_from_the_installed_wheel(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    # -S: no .pth files, so this checkout's editable install cannot stand in for the wheel; the
    # dependencies come from this environment's site-packages, after the wheel
    code = (f"import sys; sys.path[:0] = [{str(target)!r}, {sysconfig.get_paths()['purelib']!r}]\n"
            "import kg; assert kg.__file__.startswith(sys.path[0]), kg.__file__\n"
            "from kg.cli import main; sys.argv = ['fazhi-kg', 'demo', '--store', 'memory']; main()")
    proc = subprocess.run([sys.executable, "-S", "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "98 tasks" in proc.stdout and (tmp_path / "exports" / "fazhi-kg.ttl").stat().st_size > 100_000
