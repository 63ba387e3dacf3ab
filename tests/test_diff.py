"""Plan diff of seed 000 (栖霞区 2021) against tests/fixtures/qixia_2022_plan.txt.

The 2022 fixture was written from 000 by hand, so every answer is known by construction:

=====  ==========  ==============================================================
2022   from 000    what was done to it
=====  ==========  ==============================================================
1.     10.         copied unchanged (依法依规制定行政规范性文件)
2.     13.         one clause added: 并及时向社会反馈意见采纳情况 (text changed)
3.     21.         lead 区政府办、区委网信办 → 区政府办、区行政审批局 (text unchanged)
4.     27.         听证率不低于70% → 不低于80% (target and text changed)
5.     28.         copied unchanged (规范和加强行政应诉工作)
6.     —           new: 稳妥推进行政裁决工作, 2022年年底前 deadline
—      the other   dropped: 000's other 33 tasks are not in the 2022 fixture
       33 tasks
=====  ==========  ==============================================================
"""

import json
from pathlib import Path

import pytest

from kg.jobs.build import build
from kg.compare.diff import diff, to_json, to_table
from kg.errors import FazhiError
from kg.extract.pipeline import extract_path
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "kg" / "samples"
SEED = SAMPLES / "000_fbb961a89fe9d432.txt"
PLAN_2022 = ROOT / "tests" / "fixtures" / "qixia_2022_plan.txt"


@pytest.fixture(scope="module")
def plans():
    return extract_path(SEED), extract_path(PLAN_2022)


@pytest.fixture(scope="module")
def result(plans):
    return diff(*plans)


def test_fixture_plan_is_read_as_the_2022_plan_of_qixia(plans):
    meta = plans[1].document
    assert meta.genre == "annual_plan" and meta.jurisdiction.code == "320113" and meta.year == 2022
    assert [t.title for t in plans[1].tasks] == [
        "依法依规制定行政规范性文件", "强化重大行政决策公众参与", "及时准确公开政府信息",
        "提升行政复议工作质量", "规范和加强行政应诉工作", "稳妥推进行政裁决工作"]
    assert all(t.lead for t in plans[1].tasks)


def test_pairs(result):
    assert [(m.a.number, m.b.number) for m in result.matched] == [(10, 1), (13, 2), (21, 3), (27, 4), (28, 5)]


def test_added_and_dropped(result):
    assert [(t.number, t.title) for t in result.added] == [(6, "稳妥推进行政裁决工作")]
    assert [t.number for t in result.dropped] == [n for n in range(1, 39) if n not in (10, 13, 21, 27, 28)]


def test_changed(result):
    assert [m.b.number for m in result.changed] == [2, 4]
    text_only = result.pair(2)
    assert text_only.text_changed and not text_only.targets_added and not text_only.owners
    target = result.pair(4)
    assert target.targets_removed == ["听证率 >= 70%"] and target.targets_added == ["听证率 >= 80%"]
    assert not target.deadlines_added and not target.owners
    assert [m.b.number for m in result.unchanged] == [1, 5]


def test_owners_changed(result):
    assert [m.b.number for m in result.owners_changed] == [3]
    pair = result.pair(3)
    assert not pair.changed  # same text, same targets: only who leads it
    (lead,) = pair.owners
    assert lead.role == "lead"
    assert lead.added == ["南京市栖霞区行政审批局"]
    assert lead.removed == ["南京市栖霞区委网络安全和信息化委员会办公室"]


def test_refuses_plans_of_different_areas(plans):
    city = extract_path(SAMPLES / "003_06ec0521e48adf05.txt")
    with pytest.raises(FazhiError, match="different areas"):
        diff(plans[0], city)
    with pytest.raises(FazhiError, match="not a plan"):
        diff(plans[0], extract_path(SAMPLES / "004_defe76b096bc4ad6.txt"))


def test_same_unit_is_one_node_in_the_store(plans):
    old, new = plans
    assert old.tasks[9].lead[0].id == new.tasks[0].lead[0].id  # 区司法局 in both plans
    st = open_store("memory")
    build([SEED, PLAN_2022], st)
    rows = st.query("""PREFIX fz: <https://w3id.org/fazhi-kg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?unit ?g WHERE { GRAPH ?g { ?task fz:leadUnit ?unit . ?unit skos:prefLabel "南京市栖霞区司法局"@zh } }""").records()
    assert len({r["unit"] for r in rows}) == 1
    assert len({r["g"] for r in rows}) == 2  # the one node is used by both documents' graphs
    # 区行政审批局, the new lead of 2022's task 3, is 000's lead of task 1 too
    assert new.tasks[2].lead[1].id == old.tasks[0].lead[0].id


def test_diff_with_itself_is_empty(plans):
    same = diff(plans[0], plans[0])
    assert not same.added and not same.dropped and not same.changed and not same.owners_changed
    assert len(same.unchanged) == 38


def test_renderers(result):
    text = to_table(result)
    assert text.splitlines()[0].endswith("1 added, 33 dropped, 2 changed, 1 with owners changed, 2 unchanged")
    assert "听证率 >= 70% → 听证率 >= 80%" in text and "稳妥推进行政裁决工作" in text
    data = json.loads(to_json(result))
    assert [t["number"] for t in data["added"]] == [6]
    assert data["owners_changed"][0]["owners"][0]["added"] == ["南京市栖霞区行政审批局"]
