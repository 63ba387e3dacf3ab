"""The focused page `fazhi-kg viz --unit U` (and --document D), opened in headless Chromium offline."""

import pytest
from typer.testing import CliRunner

from kg.cli import app
from test_viz import _chromium, _finish, _launch, _report, expected_nodes

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "kg" / "samples"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("focus") / "store"
    assert CliRunner().invoke(app, ["build", str(SAMPLES), "--store", str(path)]).exit_code == 0
    return path


def test_unit_page_from_the_command_line_works_offline(store, tmp_path):
    from kg.views.readmodel import load_graph_data
    from kg.store import open_store

    _chromium()
    out = tmp_path / "sifaju.html"
    result = CliRunner().invoke(app, ["viz", "--unit", "区司法局", "--document", "000_fbb961a89fe9d432.txt",
                                      "--store", str(store), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and out.with_suffix(".svg").exists()
    with open_store(store, read_only=True) as st:
        data = load_graph_data(st, unit="区司法局", document="000_fbb961a89fe9d432.txt")
    # counted by hand from the notes of seed 000: 区司法局 leads 26 tasks and is responsible for none
    assert len(data.tasks) == 26
    r = _report(_finish(_launch(f"{out.as_uri()}#selfcheck", tmp_path / "profile", "--dump-dom")))
    assert "exception" not in r, r.get("exception")
    assert r["errors"] == [] and r["pwned"] is False
    assert r["nodes_expected"] == expected_nodes(data)
    collectives = sum(u.collective for u in data.units)  # hidden at first: 各街道, 区政府各有关部门, …
    assert r["nodes_rendered"] == expected_nodes(data) - collectives and collectives == 3
    assert r["kinds"]["task"] == 26


def test_unknown_unit_is_one_clear_line(store, tmp_path):
    result = CliRunner().invoke(app, ["viz", "--unit", "不存在的单位", "--store", str(store), "--output", str(tmp_path / "x.html")])
    assert result.exit_code != 0 and "不存在的单位" in result.output
    assert len(result.output.strip().splitlines()) == 1
