"""The outline: numbering levels, headings versus tasks, restarts, and the seeds' counts.

Expected counts were taken by reading the documents (see tests/gold/README.md)."""

from pathlib import Path

import pytest

from kg.ingest.normalize import normalize_text
from kg.numerals import cn_number
from kg.extract.pipeline import task_nodes
from kg.ingest.segment import iter_nodes, outline_counts, segment

SAMPLES = Path(__file__).resolve().parent.parent / "kg" / "samples"


def outline_of(name):
    path = next(SAMPLES.glob(f"{name}_*.txt"))
    return segment(normalize_text(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("text, number", [("一", 1), ("十", 10), ("十四", 14), ("二十", 20), ("三十九", 39), ("四十", 40), ("12", 12),
                                          ("一百零五", 105), ("壹拾贰", 12), ("两", 2), ("零", 0), ("十十", None), ("附件", None)])
def test_chinese_numerals(text, number):
    assert cn_number(text) == number


def test_levels_headings_and_restarts():
    text = "\n".join([
        "一、指导思想",
        "以习近平新时代中国特色社会主义思想为指导。",
        "二、重点工作",
        "(一)依法全面履行政府职能",
        "1.深化改革。全面推进。(牵头单位:区司法局)",
        "2、优化环境。持续推进。",
        "(二)完善制度体系",
        "1. 加强立法。积极参与。",
        "(1)征集建议。",
        "三、工作要求",
        "(一)加强组织领导。各部门要提高站位。",
    ])
    roots = segment(text)
    assert [n.kind for n in roots] == ["part", "part", "part"]
    two = roots[1]
    assert [s.label for s in two.children] == ["(一)", "(二)"]
    assert two.children[0].heading and two.children[0].title == "依法全面履行政府职能"
    items = two.children[0].children
    assert [(i.number, i.title, i.heading) for i in items] == [(1, "深化改革", False), (2, "优化环境", False)]
    restarted = two.children[1].children[0]
    assert restarted.number == 1 and restarted.path == "二.(二).1"
    assert restarted.children[0].kind == "subitem" and restarted.children[0].number == 1
    assert roots[0].role == "guidance" and roots[2].role == "requirements"
    assert not roots[2].children[0].heading  # "(一)加强组织领导。…" has a full stop: a body item
    tasks = task_nodes(roots, "annual_plan")
    assert [t.path for t, _ in tasks] == ["二.(一).1", "二.(一).2", "二.(二).1"]


def test_report_paragraphs_inline_and_closing_blocks():
    text = "\n".join([
        "一、基本情况",
        "(一)强化监督",
        "一是接受人大监督。办复建议112件。",
        "二是接受社会监督。",
        "2023年,本区虽取得一定成效,但仍存在薄弱环节。",
        "2024年,本区将坚持依法行政。一是深化改革。二是优化环境。",
    ])
    roots = segment(text)
    assert [n.kind for n in roots] == ["part", "block", "block"]
    assert [p.label for p in roots[0].children[0].children] == ["一是", "二是"]
    assert roots[1].role == "problems" and roots[2].role == "plans"
    assert [c.title for c in roots[2].children] == ["深化改革", "优化环境"]


def test_site_debris_is_not_part_of_the_outline():
    roots = segment("一、基本情况\n工作取得成效。\n[返回首页] [返回上一页]\n网站地图 | 总访问量:57698699 次\n打印关闭")
    assert roots[0].text == "一、基本情况\n工作取得成效。"


def test_task_table_rows_become_tasks():
    text = "\n".join([
        "序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限",
        "1 | 深化放管服改革。推进审批便民化。 | 区行政审批局 | 区政府各有关部门 | 2023年年底前",
        "2 | 加强行政复议。 | 区司法局 | 各街道 | 2023年6月底前",
    ])
    roots = segment(text)
    assert [(n.number, n.title) for n in roots] == [(1, "深化放管服改革"), (2, "加强行政复议")]
    assert roots[0].cells[2][0] == "区行政审批局"
    assert text[roots[0].cells[2][1]:].startswith("区行政审批局")


def test_a_part_cell_printed_again_before_each_group_is_the_same_part():
    # a table printed a cell a line repeats its merged part cell before each group
    text = "\n".join([
        "一、提升依法高效履职能力 |", "1.持续提升政务服务效能 |", "深化改革。 |",
        "一、提升依法高效履职能力 |", "2.深入推进法治化营商环境建设 |", "建立健全机制。 |",
        "二、健全制度体系 |", "1.完善立法 |",
    ])
    roots = segment(text)
    assert [(n.label, [c.number for c in n.children]) for n in roots] == [("一、", [1, 2]), ("二、", [1])]
    assert all(n.role is None for root in roots for n in root.walk())  # (no covering notice's restart)


def test_an_items_number_glued_to_the_count_its_text_opens_with():
    text = "1.既有多层住宅加装电梯新增400台。\n2.50个小区新增电动自行车充电设施。\n3.开设40个暑托班。\n4.460个居村综合文化活动室提供活动。"
    roots = segment(text)
    assert [(n.number, n.title) for n in roots] == [(1, "既有多层住宅加装电梯新增400台"), (2, "50个小区新增电动自行车充电设施"),
                                                 (3, "开设40个暑托班"), (4, "460个居村综合文化活动室提供活动")]
    assert [n.kind for n in segment("2.50个小区新增设施。")] == ["block"]  # (no item 1 before it: a decimal)


def test_parts_on_why_the_work_matters_and_what_it_asks_are_guidance():
    text = ("某区关于加强法治政府建设的实施意见\n一、充分认识贯彻落实《意见》建设法治政府的重要意义\n1、提高认识。全面推进依法行政意义重大。\n"
            "二、加强法治政府建设的指导思想和基本要求\n2、指导思想。以科学发展观为指导。\n三、主要任务\n3、完善制度。健全规范性文件审查机制。\n")
    assert [n.title for n, _ in task_nodes(segment(text), "implementation_scheme")] == ["完善制度"]


def test_a_plans_line_of_thought_is_guidance_not_a_task():
    text = ("某某市乡村振兴三年行动方案\n一、工作思路\n以乡村振兴战略为指导,突出规划引领,狠抓落实,形成工作全面推进的良好局面。\n"
            "二、主要任务\n1.优化城乡结构布局。完善村庄规划。(牵头单位:市资源规划局)\n")
    assert [n.title for n, _ in task_nodes(segment(text), "implementation_scheme")] == ["优化城乡结构布局"]


@pytest.mark.parametrize("name, genre, parts, task_sections, tasks", [
    ("000", "annual_plan", 3, 8, 38),
    ("001", "annual_plan", 3, 7, 23),
])
def test_plan_counts(name, genre, parts, task_sections, tasks):
    roots = outline_of(name)
    found = task_nodes(roots, genre)
    assert outline_counts(roots)["parts"] == parts
    assert len({id(parent) for _, parent in found}) == task_sections
    assert len(found) == tasks
    assert [t.number for t, _ in found] == list(range(1, tasks + 1))


def test_city_scheme_003_items_and_tasks():
    roots = outline_of("003")
    items = [n for n in iter_nodes(roots) if n.kind == "section"]
    assert [n.number for n in items] == list(range(1, 41))
    assert [n.title for n in items[:3]] == ["指导思想", "主要原则", "总体目标"]
    assert all(n.role == "guidance" for n in items[:3])
    tasks = task_nodes(roots, "implementation_scheme")
    assert [t.number for t, _ in tasks] == list(range(4, 41))
    assert tasks[10][0].label == "(十四)" and tasks[10][0].title == "完善法律顾问、公职律师制度"
    # the closing paragraph is not part of task (四十)
    assert "各区各部门要全面准确理解" not in tasks[-1][0].text


def test_report_002_parts_sections_paragraphs():
    roots = outline_of("002")
    parts = [n for n in roots if n.kind == "part"]
    assert [p.title for p in parts] == ["基本情况", "目前存在的问题", "下一阶段总体思路和重点工作安排"]
    sections = parts[0].children
    assert len(sections) == 8
    assert [len(s.children) for s in sections] == [3, 2, 4, 2, 2, 3, 3, 3]
    assert [p.role for p in parts] == [None, "problems", "plans"]
    assert len(parts[1].children) == 3 and len(parts[2].children) == 4
    assert "网站地图" not in parts[2].children[-1].text


def test_report_004_parts_sections_and_closing():
    roots = outline_of("004")
    parts = [n for n in roots if n.kind == "part"]
    assert len(parts) == 8
    assert [len(p.children) for p in parts] == [3, 4, 3, 3, 3, 3, 3, 3]
    blocks = [n for n in roots if n.kind == "block"]
    assert [b.role for b in blocks] == ["preamble", "problems", "plans"]
    assert len(blocks[2].children) == 3
    assert task_nodes(roots, "annual_report") == []


# --- long lists: nothing dropped at 1000 (issue 15) ------------------------------------------------

PLAN_HEAD = "某某区2022年法治政府建设工作计划\n一、重点工作\n(一)依法行政\n"


def test_items_numbered_1000_and_above_are_items():
    body = "".join(f"{i}.推进第{i}项工作。(牵头单位:区司法局)\n" for i in range(1, 1006))
    items = [n for n in iter_nodes(segment(normalize_text(PLAN_HEAD + body))) if n.kind == "item"]
    assert [n.number for n in items] == list(range(1, 1006))
    assert items[999].title == "推进第1000项工作" and items[999].text.startswith("1000.")
    assert "1001." not in items[999].text  # the 1000th item does not swallow the next ones


def test_sub_items_and_inline_items_past_999():
    lines = "".join(f"({i})开展第{i}项检查。" for i in range(1, 1003))
    nodes = list(iter_nodes(segment(normalize_text(PLAN_HEAD + "1.开展检查。\n" + lines.replace("。(", "。\n(")))))
    assert [n.number for n in nodes if n.kind == "subitem"][-3:] == [1000, 1001, 1002]
    # a document saved as one long line: each next number starts an item, 1000 too
    inline = "".join(f"{i}.推进第{i}项工作。" for i in range(1, 1002))
    items = [n for n in iter_nodes(segment(normalize_text(PLAN_HEAD + inline))) if n.kind == "item"]
    assert [n.number for n in items][-2:] == [1000, 1001]


@pytest.mark.parametrize("line", ["2021、2022年连续两年开展专项检查。", "2023.全面完成各项任务。", "1000、2000份宣传材料发放到位。",
                                  "(2022)年度考核结果公布。", "2021年底前完成。"])
def test_years_and_counts_at_a_line_start_are_not_items(line):
    text = PLAN_HEAD + "1.推进依法行政。\n" + line + "\n2.加强执法监督。\n"
    items = [n for n in iter_nodes(segment(normalize_text(text))) if n.kind in ("item", "subitem")]
    assert [n.number for n in items] == [1, 2]
    assert line in items[0].text  # the line stays in the item before it


def test_items_whose_labels_a_mirror_garbled_are_items_numbered_on():
    text = ("一、努力构建现代产业体系\n"
            "(一)加快建设三大汽车产业基地。(牵头单位:市经贸委;配合单位:市发改委、规划局)\n"
            "?。ǘ┩七M东部石化基地建设,抓好乙烯改扩建项目。(牵头单位:市发改委;配合单位:黄埔区政府)\n"
            "?。ㄈ┲创建生物医药产业基地。(牵头单位:市发改委;配合单位:科技局)\n"
            "(四)加快三大国际枢纽物流园区建设。(牵头单位:市交委;配合单位:外经贸局)\n"
            "?。ㄎ澹┘涌熘榻鲁墙鹑谏藤Q区建设。(牵头单位:市金融办;配合单位:规划局)\n"
            "?。ㄆ撸┳ゾo推进国际会展中心二期")
    part = segment(text)[0]
    items = part.children
    assert [(n.label, n.number) for n in items] == [("(一)", 1), ("", 2), ("", 3), ("(四)", 4), ("", 5), ("", 6)]
    assert items[0].text.endswith("规划局)") and items[1].text.endswith("黄埔区政府)")
    assert items[1].title == "ǘ┩七M东部石化基地建设,抓好乙烯改扩建项目"
    assert items[5].text.endswith("会展中心二期")  # the page ends inside it


def test_an_item_going_on_over_lines_without_notes_stays_one_item():
    text = ("一、加强制度建设\n"
            "(一)健全规范性文件制度。(县司法局负责)\n"
            "完善备案审查机制,做到有件必备。\n"
            "(二)推进依法决策。(县政府办负责)\n")
    items = segment(text)[0].children
    assert [(n.label, n.number) for n in items] == [("(一)", 1), ("(二)", 2)]
    assert "有件必备" in items[0].text


def test_a_sharing_sites_notice_above_its_preview_is_no_list_of_items():
    text = ("2020年乡村振兴战略实施方案\n合集下载\n"
            "  1. 1、下载文档前请自行甄别文档内容的完整性,平台不提供额外的编辑、内容补充、找答案等附加服务。\n"
            "  2. 2、\"仅部分预览\"的文档,不可在线预览部分如存在完整性等问题,可反馈申请退款。\n"
            "  3. 3、如文档侵犯您的权益,请联系客服反馈,我们会尽快为您处理。\n"
            "一、加快推进农业高质量发展\n1. 稳定粮食生产。全市粮食播种面积稳定在180万亩以上。\n(市农业农村局)\n")
    nodes = list(iter_nodes(segment(normalize_text(text))))
    assert [(n.kind, n.label) for n in nodes if n.kind != "block"] == [("part", "一、"), ("item", "1.")]


def test_items_run_on_in_a_news_paragraph_after_what_they_are():
    text = ("会上确定2016年县委县政府为民兴办10件实事。\n"
            "这十件实事是:1.新修高标准基本农田10万亩。2.引入社会资金2亿元,建成1所九年制学校。"
            "3.改造路网及村内道路160公里。\n")
    nodes = [n for n in iter_nodes(segment(normalize_text(text))) if n.kind == "item"]
    assert [(n.number, n.title) for n in nodes] == [
        (1, "新修高标准基本农田10万亩"), (2, "引入社会资金2亿元,建成1所九年制学校"), (3, "改造路网及村内道路160公里")]


@pytest.mark.parametrize("line, number", [
    ("1、10月9日督查发现,路口一处幼儿园门前堆积生活垃圾。", 1),  # after 、 a date is the item's own
    ("2、2023年起全面推行", 2),
    ("1.10 加强宣传", None),  # after a dot, 1.10 is a number
    ("1、2、3项由县司法局负责", None),  # a list of numbers, not an item
])
def test_an_item_whose_text_opens_with_a_number(line, number):
    found = [n.number for n in iter_nodes(segment(normalize_text("一、检查情况\n" + line + "\n"))) if n.kind == "item"]
    assert found == ([number] if number else [])


def test_a_long_title_running_into_the_first_part_and_its_section():
    text = ("第1篇:反馈意见问题整改措施清单楚雄州贯彻落实省委、省政府环境保护督察反馈意见问题整改措施清单"
            "一、认识不深(一)部分领导干部对辖区内环境质量盲目乐观。整改目标:牢固树立发展意识。"
            "责任单位:州委办公室、州政府办公室\n1.深入学习贯彻重要讲话精神。\n2.把绿色发展纳入中心组学习内容。\n")
    nodes = [n for n in iter_nodes(segment(normalize_text(text))) if n.kind != "block"]
    assert [n.path for n in nodes] == ["一", "一.(一)", "一.(一).1", "一.(一).2"]


def test_a_campaigns_theme_and_audience_are_no_tasks():
    text = ("某镇2022年普法宣传月活动方案\n一、活动主题\n建设法治政府,服务人民群众。\n二、活动对象\n全镇干部群众。\n"
            "三、活动内容\n(一)开展宪法宣传进村居活动。(镇司法所负责)\n")
    from kg.extract.pipeline import extract_text
    assert [t.path for t in extract_text(text).tasks] == ["三.(一)"]


def test_an_articles_label_is_printed_whole():
    outline = segment("第八条 培训管理\n(一)组织集中培训。\n第九条 考核管理\n(一)完成年度考核。\n")
    assert [(n.label, [c.label for c in n.children]) for n in outline] == [("第八条", ["(一)"]), ("第九条", ["(一)"])]


def test_the_stages_of_a_schedule_a_line_each_with_their_windows_are_each_a_task():
    from kg.extract.pipeline import extract_text

    text = ("四、实施步骤与时间安排\n清理工作分为动员部署、自查自纠、上报审核三个阶段进行。\n"
            "动员部署阶段(2007年3月中旬):召开第一次会议,商定近期工作任务。\n"
            "自查自纠阶段(2007年3月下旬):各部门于2007年3月28日前填妥附件表格。\n"
            "上报审核阶段(2007年4-5月):办公室对报送的项目进行初审。\n")
    tasks = extract_text(text).tasks
    assert [(t.title, [d.date for d in t.deadlines]) for t in tasks] == [
        ("动员部署阶段(2007年3月中旬)", ["2007-03-20"]), ("自查自纠阶段(2007年3月下旬)", ["2007-03-31", "2007-03-28"]),
        ("上报审核阶段(2007年4-5月)", ["2007-05-31"])]
