"""Reports whose figures stand in a statistics table's cells, not in sentences (forms seen in
tests/corpus/: a province's data release, a district's completion table printed one cell a line)."""

from kg.extract.pipeline import extract_text


def figures(text):
    result = extract_text(text)
    return result.document.genre, [(a.value, a.unit, a.metric_label) for a in result.achievements]


# a data release with no title: merged 一级指标 cells are left out of the rows they cover, so every
# second row is shifted one cell left; a row may lack its unit cell too
RELEASE = """\
一级指标 | 二级指标 | 计量单位 | 1-6月 |
经济稳定 | 1.地区生产总值增长率 | % | 6.1 |
2.居民消费价格涨幅 | % | 1.9 | |
资源环境 | 3.单位GDP能耗下降[1] | % | -2.40 |
4.城乡居民收入比 | 2.51 |
[1]按等价值计算。
"""


def test_a_data_release_reads_each_row_under_its_columns():
    genre, found = figures(RELEASE)
    assert genre == "annual_report"  # no title, no owner: a table of what was done
    assert found == [
        ("6.1", "%", "地区生产总值增长率"),
        ("1.9", "%", "居民消费价格涨幅"),
        ("-2.40", "%", "单位GDP能耗下降"),  # signed as printed, the footnote mark left out of the name
        ("2.51", None, "城乡居民收入比"),  # no unit cell in its row: no measure
    ]


# a completion table printed one cell a line: the target column is what was asked, not a figure;
# a note restating a value with its measure stands for it; a task split over sub-rows under one
# merged number
COMPLETION = """\
某某区2023年1-9月民生实事完成情况表
序号 |
项目名称 |
责任单位 |
目标任务 |
1-9月完成情况 |
完成率 |
备注 |
1 |
新增城镇就业 |
区人社局 |
5000人 |
4120 |
82.4% |
|
2 |
改造老旧小区 |
区住建局 |
12个 |
9 |
75% |
已完工9个小区 |
3 |
社会保障提标 |
新增参保人数3000人 |
区人社局 |
3000人 |
3180 |
106% |
|
发放补贴800万元 |
区民政局 |
800万 |
650 |
81% |
|
"""


def test_a_completion_table_gives_what_was_done_not_what_was_asked():
    genre, found = figures(COMPLETION)
    assert genre == "annual_report"
    values = [(v, u) for v, u, _ in found]
    assert values == [("4120", None), ("82.4", "%"), ("75", "%"), ("9", "个"), ("3180", None), ("106", "%"),
                      ("650", None), ("81", "%")]
    assert ("5000", "人") not in values and ("12", "个") not in values  # the targets
    labels = {label for _, _, label in found}
    assert "新增城镇就业 1-9月完成情况" in labels and "发放补贴800万元 完成率" in labels


def test_a_plan_with_an_indicator_table_keeps_its_targets():
    text = ("某某市2024年法治政府建设工作要点\n一、主要指标\n"
            "序号 | 指标名称 | 计量单位 | 2024年目标 |\n1 | 行政复议纠错率 | % | 15 |\n"
            "二、重点工作\n1.推进严格规范公正文明执法。(责任单位:市司法局)\n")
    result = extract_text(text)
    assert result.document.genre == "work_points" and result.achievements == []
    assert [x.text for x in result.tasks[0].targets] == ["行政复议纠错率15%"]  # the table's row: a target
    assert [u.text for u in result.tasks[-1].responsible] == ["市司法局"]


def test_a_titled_table_of_figures_is_a_report():
    text = "某某县2022年行政复议案件统计表\n" + RELEASE.replace("1-6月", "全年")
    genre, found = figures(text)
    assert genre == "annual_report" and len(found) == 4


def test_a_table_on_its_side_gives_each_category_its_value_and_measure():
    text = ("某某县2023年行政复议工作情况报告\n一、案件情况\n全年新受理行政复议案件86件。具体情况见下表。\n"
            "申请事项  | 行政处罚  | 信息公开  | 工伤认定  | 行政强制  | \n"
            "数量  | 40件  | 16件  | 0  | 30件  | \n"
            "占新受理数比例  | 46.51%  | 18.60%  | 0  | 34.88%  | \n"
            "二、下一步工作\n")
    _, found = figures(text)
    assert [(v, u) for v, u, _ in found] == [("86", "件"), ("40", "件"), ("16", "件"), ("0", "件"), ("30", "件"),
                                             ("46.51", "%"), ("18.60", "%"), ("0", "%"), ("34.88", "%")]
    assert found[3][2] == "工伤认定 数量"  # a bare 0: the measure its row's other values share


def test_a_table_of_years_reads_each_year_as_a_column_of_values():
    text = ("某某市行政复议数据\n"
            "指标 | 2022年 | 2023年 |\n受理案件数 | 120件 | 151件 |\n纠错率 | 12.5 | 19.2 |\n")
    genre, found = figures(text)
    assert genre == "annual_report"
    assert [(v, u) for v, u, _ in found] == [("120", "件"), ("151", "件"), ("12.5", "%"), ("19.2", "%")]


# the national template of a 政府信息公开工作年度报告: tables a cell a line with no number column, each a
# name's head over value heads, their empty cells printed as bars only
DISCLOSURE = """\
某某县司法局2022年政府信息公开工作年度报告
一、总体情况
全年主动公开政府信息共120条。
二、主动公开政府信息情况
第二十条第(一)项 |
|||
信息内容 |
本年制发件数 |
本年废止件数 |
现行有效件数 |
规章 |
2 |
0 |
7 |
行政规范性文件 |
3 |
1 |
12 |
第二十条第(八)项 |
|||
信息内容 |
本年收费金额(单位:万元) |
||
行政事业性收费 |
1.5 |
三、收到和处理政府信息公开申请情况
"""


def test_a_disclosure_reports_tables_give_every_cell_with_the_measure_its_head_names():
    genre, found = figures(DISCLOSURE)
    assert genre == "annual_report"
    assert [(v, u) for v, u, _ in found] == [("120", "条"), ("2", "件"), ("0", "件"), ("7", "件"), ("3", "件"), ("1", "件"),
                                             ("12", "件"), ("15000", "元")]  # 1.5万元 folded, as a sentence's would be
    assert found[6][2] == "行政规范性文件 现行有效件数"


def test_a_template_table_printed_a_cell_a_paragraph_without_bars():
    text = ("某某镇人民政府2019年政府信息公开年度报告\n一、总体情况\n全年制发公文64件。\n二、主动公开政府信息情况\n"
            "第二十条第(五)项\n\n信息内容\n\n上一年项目数量\n\n本年增/减\n\n处理决定数量\n\n"
            "行政许可\n\n3\n\n1\n\n12\n\n其他对外管理服务事项\n\n0\n\n0\n\n5\n\n"
            "第二十条第(九)项\n\n信息内容\n\n采购项目\n数量\n\n采购总金额\n\n政府集中采购\n\n2\n\n70487元\n\n"
            "三、收到和处理政府信息公开申请情况\n")
    genre, found = figures(text)
    assert genre == "annual_report"
    assert [(v, u) for v, u, _ in found] == [("64", "件"), ("3", None), ("1", None), ("12", None), ("0", None), ("0", None),
                                             ("5", None), ("2", None), ("70487", "元")]
    assert found[-2][2] == "政府集中采购 采购项目数量"  # a head broken over two lines, one cell


def test_a_tables_own_一_after_many_parts_is_no_restart_of_the_document():
    text = ("某某镇2019年政府信息公开年度报告\n一、总体情况\n全年制发公文64件,主动公开24件。\n二、主动公开情况\n全年公开信息135条。\n"
            "三、依申请公开情况\n全年收到申请3件。\n四、复议诉讼情况\n全年发生复议1件。\n五、存在问题\n宣传不够。\n"
            "六、收到和处理政府信息公开申请情况\n申请人情况\n一、本年新收政府信息公开申请数量\n")
    genre, found = figures(text)
    assert genre == "annual_report"
    assert [(v, u) for v, u, _ in found] == [("64", "件"), ("24", "件"), ("135", "条"), ("3", "件"), ("1", "件")]


def test_a_completion_table_a_cell_a_line_without_bars():
    text = ("某区2023年民生实事完成情况表\n序号\n项目名称\n目标任务\n完成情况\n完成率\n"
            "1\n新增城镇就业\n5000人\n5200人\n104%\n2\n改造老旧小区\n12个\n12个\n100%\n")
    genre, found = figures(text)
    assert genre == "annual_report"
    assert found == [("5200", "人", "新增城镇就业 完成情况"), ("104", "%", "新增城镇就业 完成率"),
                     ("12", "个", "改造老旧小区 完成情况"), ("100", "%", "改造老旧小区 完成率")]


def test_a_completion_table_set_apart_by_spaces_as_a_pdf_gives_it():
    text = ("某区2023年民生实事完成情况表\n序号  项目名称  目标任务  完成情况  完成率\n"
            "1  新增城镇就业  5000人  5200人  104%\n2  改造老旧小区  12个  12个  100%\n")
    genre, found = figures(text)
    assert genre == "annual_report"
    assert [(v, u) for v, u, _ in found] == [("5200", "人"), ("104", "%"), ("12", "个"), ("100", "%")]


def test_a_completion_table_set_apart_by_single_spaces():
    text = ("某区2023年民生实事完成情况表\n序号 项目名称 目标任务 完成情况 完成率\n"
            "1 新增城镇 就业 5000人 5200人 104%\n2 改造老旧小区 12个 12个 100%\n")
    genre, found = figures(text)
    assert genre == "annual_report"
    assert found == [("5200", "人", "新增城镇就业 完成情况"), ("104", "%", "新增城镇就业 完成率"),
                     ("12", "个", "改造老旧小区 完成情况"), ("100", "%", "改造老旧小区 完成率")]


def test_a_tables_figures_carry_the_outline_path_of_the_part_they_stand_in():
    text = ("某县2022年法治政府建设情况报告\n一、主要工作\n全年办理行政复议案件12件。\n二、统计情况\n"
            "信息内容 | 本年制发件数 | 现行有效件数 |\n规章 | 2 | 7 |\n")
    found = extract_text(text).achievements
    assert [(a.value, a.path) for a in found] == [("12", "一"), ("2", "二"), ("7", "二")]


def test_a_statistics_table_of_bodies_with_years_counts_shares_and_signed_changes():
    # 单位 first names the bodies counted; 2019受理量 is a head, not a value; signed changes keep their sign
    text = ("2020年,全区受理行政复议案件59件。\n"
            "单位 | 2019受理量 | 2020受理量 | 占比 | 同比2019年 |\n"
            "市场监管局 | 30 | 21 | 35.6% | -30.0% |\n公安分局 | 6 | 13 | 22.0% | 116.7% |\n")
    got = sorted((a.value, a.unit) for a in extract_text(text).achievements)
    assert ("-30.0", "%") in got and ("21", "件") in got and ("35.6", "%") in got and ("6", "件") in got
    assert ("2019", None) not in got


def test_a_tables_caption_gives_its_counts_measure_and_a_bare_count_before_its_share():
    cells = ["序号", "处理方式", "数量", "比例", "1", "作出维持决定", "3509", "74.7%", "2", "撤回申请后终止", "678", "14.4%"]
    text = ("一、复议审理情况\n全年共审结复议案件4696件。行政处罚2100,占收到申请总数的33.9%。\n"
            "2014年复议案件审结情况(件)\n\n" + "\n\n".join(cells) + "\n")
    got = sorted((a.value, a.unit) for a in extract_text(text).achievements)
    assert {("3509", "件"), ("678", "件"), ("74.7", "%"), ("14.4", "%"), ("2100", None), ("33.9", "%")} <= set(got)


def test_a_table_a_cell_a_paragraph_printing_two_records_a_row_and_a_name_broken_over_two():
    cells = ["表1:省直部门行政复议案件情况", "收案数", "受理数", "收案数", "受理数", "省人社厅", "132", "118", "省卫健委", "7", "5",
             "市场监督", "管理局", "33", "23", "省公共资源交易监督管理局", "2", "2"]
    text = "一、基本情况\n2020年,全省新收行政复议申请5422件。其中:\n12020年,省政府新收行政复议申请188件。\n\n" + "\n\n".join(cells) + "\n"
    got = [(a.value, a.unit) for a in extract_text(text).achievements]
    assert {("132", "件"), ("118", "件"), ("7", "件"), ("5", "件"), ("33", "件"), ("23", "件")} <= set(got)
    assert ("12020", "年") not in got and ("2", "件") in got


def test_a_case_tables_columns_named_by_what_befell_the_cases_are_counts():
    # 收到 / 受理 (not 收案数 / 受理数): heads that are the cases' outcomes, their values counts of cases
    cells = ["表2:市州收到行政复议申请情况", "收到", "受理", "收到", "受理", "十堰市", "179", "165", "襄阳市", "369", "354",
             "咸宁市", "150", "135"]
    text = "一、基本情况\n2020年,全省新收行政复议申请5422件。\n\n" + "\n\n".join(cells) + "\n"
    got = [(a.value, a.unit) for a in extract_text(text).achievements]
    assert {("179", "件"), ("165", "件"), ("369", "件"), ("354", "件"), ("150", "件"), ("135", "件")} <= set(got)


def test_two_records_a_row_keep_each_column_its_own_kind():
    # 完成数 / 目标数 / 完成数 / 目标数: what was done is a figure, what was asked is not
    cells = ["完成数", "目标数", "完成数", "目标数", "甲街道", "12", "30", "乙街道", "7", "40", "丙街道", "9", "50"]
    text = "一、基本情况\n2023年,全区共办理调解案件28件。\n\n" + "\n\n".join(cells) + "\n"
    got = {a.value for a in extract_text(text).achievements}
    assert {"12", "7", "9"} <= got and not {"30", "40", "50"} & got


# the 政府信息公开 annual report's template tables, their three-row headers flattened beyond reading
APPLICANTS_ROWS = """\
2023年,我局收到政府信息公开申请3件。
三、收到和处理政府信息公开申请情况
| (本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | ||||||||
| 自然人 | 法人或其他组织 | 总计 | |||||||
| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||
| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 | ||
| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||
"""


def test_the_template_applicants_table_gives_every_cell_of_its_rows():
    genre, found = figures(APPLICANTS_ROWS)
    assert genre == "annual_report"
    new, carried = "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量"
    assert found == [("3", "件", "我局收到政府信息公开申请")] + [(v, None, new) for v in "3000003"] + [(v, None, carried) for v in "1000001"]


def test_the_template_table_printed_a_cell_a_line_between_bar_lines():
    text = ("一、总体情况\n2021年,本镇未收到政府信息公开申请。\n三、收到和处理政府信息公开申请情况\n"
            "申请人情况 |\n||||||||\n自然人 |\n法人或其他组织 |\n总计 |\n|||||||\n"
            "一、本年新收政府信息公开申请数量 |\n|\n0 |\n|\n0 |\n|\n2 |\n||\n"
            "(一)予以公开 |\n|\n0 |\n|\n0 |\n|\n2 |\n||\n四、结转下年度继续办理\n")
    _, found = figures(text)
    assert [(v, label) for v, _, label in found] == [("0", "本年新收政府信息公开申请数量"), ("0", "本年新收政府信息公开申请数量"),
                                                     ("2", "本年新收政府信息公开申请数量"), ("0", "予以公开"), ("0", "予以公开"),
                                                     ("2", "予以公开")]


def test_the_review_and_litigation_row_of_values_alone():
    # a flip-book page: the heads broken over lines, all fifteen values on one line; or one row of bars
    heads = ("四、因政府信息公开工作被申请行政复议提起行政诉讼情况\n行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n"
             "结果 结果 其他 尚未 总\n维持 纠正 结果 审结 计\n")
    head = "本局2022年政府信息公开工作年度报告\n"
    for values in ("0 0 0 0 0 1 0 0 0 1 0 0 0 0 0\n", "| 0 | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |\n"):
        _, found = figures(head + heads + values + "五、存在的主要问题\n")
        assert [v for v, _, _ in found] == list("000001000100000"), values


def test_rows_of_bare_values_elsewhere_are_left_to_a_header_that_reads():
    # no 政府信息公开 report: a row's name and bare values say nothing of what the values count
    text = "2020年全省行政复议工作情况\n2020年,全省受理行政复议案件3129件。\n武汉市 | 2220 | 1795\n十堰市 | 179 | 165\n"
    _, found = figures(text)
    assert [v for v, _, _ in found] == ["3129"]


def test_two_column_tables_between_tabs_and_a_head_whose_measure_is_bracketed():
    # a 政府信息公开 report's part 二 tables copied from Word: one tab between a row's two cells; and
    # the same tables a cell a line, a head's measure in brackets with a colon ((单位:万元)), no sentence
    tabbed = ("本局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n信息内容\t本年处理决定数量\n行政许可\t12\n"
              "信息内容\t本年收费金额(单位:万元)\n行政事业性收费\t1.5\n")
    lines = tabbed.replace("\t", "\n")
    for text in (tabbed, lines):
        _, found = figures(text)
        assert [(v, u) for v, u, _ in found] == [("12", None), ("15000", "元")], text


def test_a_monthly_bulletins_table_under_a_header_of_three_rows_gives_each_rows_values():
    # 派遣案件总数 spans 总计 | 12345热线 | 政民互动, each over 按时办结 | 超时办结 | 未办结: the heads do not line
    # up with a row's fourteen values, so each value is its row's; the bulletin counts its month: a report
    heads = ["序号", "单位", "派遣案件总数", "按时办结数", "结案率", "不满意率", "||||", "总计", "12345热线", "政民互动", "||||",
             "按时办结", "超时办结", "按时办结", "超时办结", "||||"]
    rows = ["1", "住建局", "99", "87", "0", "12", "0", "99", "0", "100%", "8", "9%",
            "2", "公安局", "77", "70", "0", "7", "0", "77", "0", "100%", "6", "9%"]
    text = ("一、基本情况\n4月份受理群众诉求2877件。\n附件\n" + "\n".join(c if c.startswith("|") else c + " |" for c in heads + rows) + "\n")
    text = text.replace("4月份受理", "本月受理")
    genre, found = figures(text)
    assert genre == "annual_report"
    assert [(v, u, label) for v, u, label in found if label in ("住建局", "公安局")] == [
        ("99", None, "住建局"), ("87", None, "住建局"), ("0", None, "住建局"), ("12", None, "住建局"), ("0", None, "住建局"),
        ("99", None, "住建局"), ("0", None, "住建局"), ("100", "%", "住建局"), ("8", None, "住建局"), ("9", "%", "住建局"),
        ("77", None, "公安局"), ("70", None, "公安局"), ("0", None, "公安局"), ("7", None, "公安局"), ("0", None, "公安局"),
        ("77", None, "公安局"), ("0", None, "公安局"), ("100", "%", "公安局"), ("6", None, "公安局"), ("9", "%", "公安局")]


def test_heads_naming_a_total_a_rate_or_a_score_are_value_columns():
    text = ("2023年1-4月份诉求办理情况的通报\n" + "\n".join(f"{c} |" for c in [
        "序号", "受理单位", "交办总量", "办结率", "知识库更新总数目", "评分",
        "1", "大洼区", "4226", "98.06%", "10330", "99.3", "2", "盘山县", "1922", "98.44%", "10884", "99.2"]) + "\n")
    assert figures(text)[1] == [
        ("4226", None, "大洼区 交办总量"), ("98.06", "%", "大洼区 办结率"), ("10330", None, "大洼区 知识库更新总数目"),
        ("99.3", None, "大洼区 评分"), ("1922", None, "盘山县 交办总量"), ("98.44", "%", "盘山县 办结率"),
        ("10884", None, "盘山县 知识库更新总数目"), ("99.2", None, "盘山县 评分")]


def test_a_table_of_one_row_its_heads_then_its_values_a_cell_a_line_under_a_captions_measure():
    cells = ["行政处罚实施数量(宗) |", "||||||", "|", "警告 |", "罚款 |", "责令停产停业 |", "合计(宗) |", "罚没金额 (元) |", "|",
             "0 |", "2 |", "0 |", "2 |", "3500 |", "说明:", "1、统计范围为统计年度作出行政处罚决定的数量。"]
    text = "2021年度行政执法统计年报\n表一:\n某市文物局行政处罚实施情况统计表\n" + "\n".join(cells) + "\n"
    assert figures(text)[1] == [("0", "宗", "警告"), ("2", "宗", "罚款"), ("0", "宗", "责令停产停业"), ("2", "宗", "合计(宗)"),
                                ("3500", "元", "罚没金额(元)")]


def test_a_template_row_after_its_groups_merged_cell_gives_all_its_values():
    text = ("某局2021年度政府信息公开年度报告\n三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
            "三、本年度办理结果 | (一)予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
            "(三)不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n")
    _, found = figures(text)
    assert [(label, v) for v, _, label in found][7:] == [("予以公开", v) for v in "1000001"] + [("属于国家秘密", "0")] * 7


def test_a_year_cell_is_no_value_of_a_row():
    text = ("2014年全省行政复议工作情况\n表1:收到行政复议申请情况\n| 州(市) | 2014年 | 2013年 | 增降幅度 |\n"
            "| 昆明市 | 375 | 2013年 | 22% |\n")
    assert all(v[0].replace(".", "").isdigit() for v in figures(text)[1])


def test_a_table_on_its_side_a_cell_a_line_between_bars_with_cells_over_two_lines():
    # places across, a measure a row; 同比 / (%) is one cell, and so is + / 100 (a rise, its sign on a line alone)
    cells = ["县市", "楚雄市", "禄丰市", "武定县", "永武 高速", "起数", "2", "2", "4", "0", "同比\n(%)", "-60", "+\n100", "0", "-100"]
    text = ("2022年1至6月,全州发生各类事故432起。\n(二)从地区看\n" + "\n|\n".join(cells) + "\n|\n"
            + "二、下半年工作安排。\n")
    got = {(a.metric_label, a.value, a.unit) for a in extract_text(text).achievements}
    assert {("楚雄市 起数", "2", "起"), ("武定县 起数", "4", "起"), ("永武高速 起数", "0", "起"),
            ("楚雄市 同比(%)", "-60", "%"), ("禄丰市 同比(%)", "100", "%"), ("永武高速 同比(%)", "-100", "%")} <= got
