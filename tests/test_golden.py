"""Every pinned command gives the same output on the samples as before the restructure.

N-Quads are compared as sets of statements (the data has no blank nodes, so this is graph
isomorphism), so a change of order alone would not fail; everything else byte for byte."""

from pathlib import Path

import pytest

from golden_cases import GOLDEN, build_store, cases, fill, run_cli

CASES = cases()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("golden") / "store"
    build_store(path)
    return path


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_is_unchanged(name, store):
    code, out = run_cli(fill(CASES[name], store))
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    if name.endswith(".nq"):
        assert "_:" not in expected
        assert sorted(out.splitlines()) == sorted(expected.splitlines()), f"{name}: the graph changed"
        assert len(expected.splitlines()) > 100
    else:
        assert out == expected, f"{name} changed (exit {code})"
