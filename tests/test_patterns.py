"""Each shared pattern against the example it was written for (and one it must refuse)."""

import pytest

from kg.ingest import patterns as P


@pytest.mark.parametrize("pattern, text, num", [
    (P.PART, "一、指导思想", "一"),
    (P.PART, "十二.保障措施", "十二"),
    (P.SECTION, "(十四)完善法律顾问、公职律师制度", "十四"),
    (P.SECTION, "〔三〕推进依法决策", "三"),
    (P.ITEM, "1. 持续深化\"放管服\"改革。", "1"),
    (P.ITEM, "12、加强行政复议。", "12"),
    (P.SUBITEM, "(3)建立清单。", "3"),
    (P.PARAGRAPH, "一是高站位落实组织领导。", "一"),
    (P.ARTICLE, "第三条 各级政府应当", "三"),
])
def test_outline_numbering(pattern, text, num):
    assert pattern.match(text).group("num") == num


@pytest.mark.parametrize("pattern, text", [
    (P.ITEM, "2.5%的比例"),
    (P.ITEM, "2021年全区法治政府建设"),
    (P.PART, "十九大以来"),
])
def test_outline_numbering_refuses(pattern, text):
    assert pattern.match(text) is None


@pytest.mark.parametrize("text", ["打印 关闭".replace(" ", ""), "[返回首页] [返回上一页]", "网站地图 | 总访问量:57698699 次",
                                  "网站备案号:苏ICP备2021032793号-1", "您的位置首页生活资讯民生", "上一条: 关于免去曲伟同志职务的通知"])
def test_debris_lines(text):
    assert P.DEBRIS_LINE.match(text)


def test_debris_keeps_document_lines():
    assert not P.DEBRIS_LINE.match("一是主动接受人大政协监督。")


@pytest.mark.parametrize("text, label", [
    ("(牵头单位:区司法局", "牵头单位"), ("牵头部门:区政法委", "牵头部门"), ("主要负责单位:市法制局", "主要负责单位"),
    ("配合单位:县政府各有关部门", "配合单位"), ("协办单位:区财政局", "协办单位"), ("责任部门 :各街道", "责任部门"),
])
def test_role_labels(text, label):
    assert P.ROLE_LABEL.search(text).group("label") == label


def test_doc_number():
    m = P.DOC_NUMBER.search("宁栖依法〔2021〕1号")
    assert (m.group("num"), m.group("year"), m.group("seq")) == ("宁栖依法〔2021〕1号", "2021", "1")


@pytest.mark.parametrize("cell, owners", [
    ("区司法局", True), ("县司法局、县法院", True), ("各乡镇人民政府", True), ("县直各执法单位", True),
    ("各镇(街道)", True), ("团县委", True), ("县市场监管局等", True), ("县司法局牵头", True),
    ("2023年底前", False), ("健全依法决策机制", False), ("优化营商环境工作格局", False), ("一网通办", False),
    ("成立县法治政府建设委员会", False), ("挂牌督办", False), ("", False),
    ("财务科", True), ("办公室牵头,各科室配合", True), ("县执法大队", True), ("建设政务服务网站", False),
    ("发挥法治的引领作用之处", False), ("工作机构", False), ("成员单位", False),
    ("县委宣传部、县委组织部", True), ("县档案馆", True), ("县工商联", True), ("领导干部", False), ("全部", False),
])
def test_owner_cells(cell, owners):
    assert P.owner_cell(cell) is owners
