"""Where the package's data lives: the ontology files and the bundled sample corpus.

In a checkout (or an editable install) the ontology is the top-level ``ontology/`` folder; in an
installed wheel the same files are package data under ``kg/ontology``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def ontology_dir() -> Path:
    checkout = _PACKAGE_DIR.parent / "ontology"
    if (checkout / "units.ttl").exists() or (checkout / "fazhi.ttl").exists():
        return checkout
    return Path(str(resources.files("kg") / "ontology"))


def ontology_file(name: str) -> Path:
    return ontology_dir() / name


def samples_dir() -> Path:
    return _PACKAGE_DIR / "samples"


def sample_files() -> list[Path]:
    return sorted(p for p in samples_dir().iterdir() if p.suffix == ".txt")


def queries_dir() -> Path:
    return _PACKAGE_DIR / "query" / "queries"
