"""Document metadata of the five seeds, written by hand from reading them, and date forms."""

from pathlib import Path

import pytest

from kg.extract.metadata import parse_date
from kg.extract.pipeline import extract_path, extract_text

SAMPLES = Path(__file__).resolve().parent.parent / "kg" / "samples"


def sample(prefix):
    return next(SAMPLES.glob(f"{prefix}_*.txt"))


EXPECTED = {
    "000": dict(title="栖霞区2021年法治政府建设工作计划", issuer="南京市栖霞区全面推进依法行政工作领导小组",
                doc_number="宁栖依法〔2021〕1号", date="2021-09-10", code="320113", level="district",
                genre="annual_plan", year=2021, period=None),
    "001": dict(title="2021年全区法治政府建设重点工作计划", issuer="盐城经济技术开发区依法治区办公室",
                doc_number="盐开委法办〔2021〕2号", date="2021-09-01", code=None, level="zone",
                genre="annual_plan", year=2021, period=None),
    "002": dict(title="关于秦淮区政府2016-2020年法治政府建设工作情况的报告", issuer="南京市秦淮区人民政府",
                doc_number=None, date="2020-09-25", code="320104", level="district",
                genre="congress_report", year=None, period=(2016, 2020)),
    "003": dict(title="南京市法治政府建设实施方案(2021—2025年)", issuer=None, doc_number=None, date=None,
                code="320100", level="city", genre="implementation_scheme", year=None, period=(2021, 2025)),
    "004": dict(title="浦口区2023年度法治政府建设情况报告", issuer="南京市浦口区人民政府",
                doc_number="浦政发〔2024〕1号", date=None, code="320111", level="district",
                genre="annual_report", year=2023, period=None),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_metadata(prefix):
    meta = extract_path(sample(prefix)).document
    want = EXPECTED[prefix]
    got = dict(title=meta.title, issuer=meta.issuer, doc_number=meta.doc_number, date=meta.date,
               code=meta.jurisdiction.code, level=meta.jurisdiction.level, genre=meta.genre,
               year=meta.year, period=meta.period)
    assert got == want


def test_zone_jurisdiction_hangs_under_its_city():
    j = extract_path(sample("001")).document.jurisdiction
    assert j.name == "盐城经济技术开发区" and j.parent.code == "320900" and j.parent.parent.code == "320000"
    assert j.key.startswith("320900z")


def test_district_chain():
    j = extract_path(sample("000")).document.jurisdiction
    assert [x.code for x in j.chain()] == ["320113", "320100", "320000"]
    assert j.full_name == "江苏省南京市栖霞区"


@pytest.mark.parametrize("field, number", [
    ("文号: 叶政办〔2021〕12号", "叶政办〔2021〕12号"),
    ("文号: 词:", None),  # (an empty field runs into the next label)
    ("文号: 无 主题分类: 综合政务", None),
])
def test_document_number_from_the_page_header(field, number):
    text = f"索引号: 11341500/202110-00022 发布机构: 叶集区政府办\n{field}\n叶集区2021年工作要点\n一、加强领导\n1.健全制度。"
    assert extract_text(text).document.doc_number == number


@pytest.mark.parametrize("text, iso", [
    ("2021年9月10日", "2021-09-10"),
    ("二〇二一年九月十日", "2021-09-10"),
    ("2021-09-01", "2021-09-01"),
    ("二○○七年三月五日", "2007-03-05"),  # a circle written for the zero
    ("2020925", "2020-09-25"),  # 年月日 lost in conversion; only one reading is a valid date
    ("2021年2月30日", None),
    ("20201", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_gbk_copy_gives_the_same_outline(tmp_path):
    for prefix in ("000", "004"):
        original = sample(prefix)
        copy = tmp_path / f"{prefix}_gbk.txt"
        copy.write_bytes(original.read_text(encoding="utf-8").encode("gb18030"))
        a, b = extract_path(original), extract_path(copy)
        assert b.document.encoding == "gb18030"
        assert [n.to_dict() for n in a.outline] == [n.to_dict() for n in b.outline]
        assert [t.to_dict() for t in a.tasks] == [t.to_dict() for t in b.tasks]


@pytest.mark.parametrize("crumb", ["首页 > 政务公开 > 政策文件", "当前位置:首页\n> 政务公开 > 工作报告",
                                   "600字范文 > 某县2023年法治政府建设工作要点的解读"])
def test_the_sites_breadcrumb_and_font_switch_are_neither_title_nor_issuer(crumb):
    from kg.extract.pipeline import extract_text

    # (the second's last line loses its first > as a quoting mark: 政务公开 > 工作报告)
    text = (f"{crumb}\n字号:大 中 小\n某县2023年法治政府建设工作要点\n发布时间:2023-03-01\n"
            "一、重点任务\n1.推进依法决策。(县司法局负责)\n")
    meta = extract_text(text).document
    assert (meta.title, meta.issuer, meta.genre, meta.date) == ("某县2023年法治政府建设工作要点", None, "work_points", "2023-03-01")


def test_a_signature_names_the_issuer_in_full_where_the_red_header_shortens_it():
    from kg.extract.pipeline import extract_text

    text = ("省政府办公厅文件\n某省人民政府办公厅关于印发\n2022年某省政务公开工作要点的通知\n某政办发〔2022〕47号\n"
            "各市人民政府:\n现印发给你们,请认真贯彻执行。\n某省人民政府办公厅\n2022年6月2日\n"
            "2022年某省政务公开工作要点\n一、重点任务\n(一)加强信息公开。(省直有关部门负责)\n")
    meta = extract_text(text).document
    assert (meta.issuer, meta.date, meta.doc_number) == ("某省人民政府办公厅", "2022-06-02", "某政办发〔2022〕47号")


def test_a_notices_list_of_attachments_gives_the_title_only_where_nothing_else_does():
    from kg.extract.pipeline import extract_text

    text = ("各乡镇:\n现将三份任务分解印发给你们。\n附件:1.2025年县政府工作报告任务清单\n2.2025年十五件民盼实事任务分解\n"
            "某县人民政府办公室\n2025年5月18日\n附件1\n2025年县政府工作报告任务清单\n一、县示范区管委会牵头工作(2项)\n1.建设养殖基地。\n")
    assert extract_text(text).document.title == "2025年县政府工作报告任务清单"
    listed_only = "附件:1.2025年县政府工作报告任务清单\n某县人民政府办公室\n2025年5月18日\n"
    assert extract_text(listed_only).document.title == "2025年县政府工作报告任务清单"


def test_a_title_of_measures_broken_over_two_lines():
    text = ("厦门市人民政府办公厅关于印发聚焦企业关切进一步落实优化营商环境政策若干措施的通知\n\n厦府办〔2019〕10号\n\n"
            "各区人民政府,市直各委、办、局:\n\n厦门市人民政府办公厅\n\n \n\n厦门市聚焦企业关切进一步落实\n\n优化营商环境政策的若干措施\n\n"
            "为全面贯彻落实国务院有关通知精神,制定以下措施。\n一、推进审批改革\n1.压缩审批时间。\n")
    meta = extract_text(text).document
    assert (meta.title, meta.genre) == ("厦门市聚焦企业关切进一步落实优化营商环境政策的若干措施", "implementation_scheme")
    # a signature whose date lost its separators and reads two ways: the issuer still, no date
    signed = extract_text(text.replace("厦门市人民政府办公厅\n\n \n\n厦门", "厦门市人民政府办公厅\n\n2019116\n\n厦门")).document
    assert (signed.issuer, signed.date) == ("厦门市人民政府办公厅", None)


@pytest.mark.parametrize("head, title", [
    ("抚顺市顺城区人民政府关于2023年\n法治政府建设情况的报告\n中共抚顺市顺城区委员会:", "抚顺市顺城区人民政府关于2023年法治政府建设情况的报告"),
    ("【法治建设报告】黄石市司法局2023年法治政府建设年度报告", "黄石市司法局2023年法治政府建设年度报告"),
])
def test_a_title_whose_first_line_ends_in_its_year_or_that_a_site_tags(head, title):
    opening = ("2023年,我区坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻党的二十大精神和习近平法治思想,"
               "全面贯彻落实法治政府建设实施纲要,统筹推进依法行政各项工作,法治政府建设取得新进展,现将2023年法治政府建设情况报告如下:")
    text = head + "\n" + opening + "\n一、2023年度推进法治政府建设的主要举措和成效\n(一)加强领导。召开会议3次。\n"
    assert extract_text(text).document.title == title


def test_a_title_the_body_prints_over_two_lines_that_the_notice_sends_whole():
    text = ("湖南省人民政府\n关于印发《落实〈政府工作报告〉重点工作\n部门分工的意见》的通知\n湘政发〔2020〕1号\n省直有关单位:\n"
            "现将《落实〈政府工作报告〉重点工作部门分工的意见》印发给你们,请认真抓好贯彻落实。\n湖南省人民政府\n2020年1月17日\n"
            "落实《政府工作报告》重点工作\n部门分工的意见\n一、稳增长\n1.地区生产总值增长7.5%左右。(省发展改革委牵头)\n")
    meta = extract_text(text).document
    assert (meta.title, meta.genre) == ("落实《政府工作报告》重点工作部门分工的意见", "task_division")
    # a title of the year's projects, its first line led by a quoted work report
    text = ("监利市人民政府办公室关于分解落实《政府工作报告》2022年重点工作及民生实事项目的通知\n各乡镇人民政府:\n"
            "现将任务分解印发给你们,请认真抓好贯彻落实。\n2021年11月22日\n《政府工作报告》2022年重点工作\n及民生实事项目任务分解方案\n"
            "一、主要预期目标\n1.地区生产总值增长10%左右。(牵头单位:市发改局)\n")
    assert extract_text(text).document.title == "《政府工作报告》2022年重点工作及民生实事项目任务分解方案"


@pytest.mark.parametrize("title, genre", [("2022年要办的民生实事", "annual_plan"), ("2019年兰州市委市政府为民兴办10件实事", "annual_plan"), ("2022年区政府要完成的实事", "annual_plan"),
                                          ("金阳县2019年脱贫攻坚重大任务承诺事项", "annual_plan"),
                                          ("巴中市2017年市自选“十件民生实事”1—9月进度公示", "annual_report"),
                                          ("青海省西宁市兑现30项民生实事", None)])
def test_a_title_of_the_years_projects_is_a_plan_and_of_their_progress_a_report(title, genre):
    from kg.extract.genre import detect_genre

    assert detect_genre(title, "") == genre


@pytest.mark.parametrize("made, genre", [("制定本要点", "work_points"), ("制定本实施方案", "implementation_scheme"),
                                         ("制定本计划", "annual_plan"), ("制定本行动计划", "implementation_scheme")])
def test_a_page_without_its_title_says_what_it_is(made, genre):
    text = (f"2023年是全面贯彻落实党的二十大精神的开局之年。为进一步加强本区政务公开工作,结合实际,{made}。\n"
            "一、指导思想\n坚持以习近平新时代中国特色社会主义思想为指导。\n二、重点任务\n1.推进政务公开。(区政府办负责)\n")
    assert extract_text(text).document.genre == genre
    # …even where its tasks open with the years they count for (2022年,…; 2023—2024年,…)
    tasks = "1.培育市场主体。2022年,实有市场主体15.5万户;2023—2024年,分别达到17.6万户、19.5万户以上。\n"
    assert extract_text(text.replace("1.推进政务公开。(区政府办负责)\n", tasks)).document.genre == genre


@pytest.mark.parametrize("opening", ["一、工单总体情况\n2025年5月,我市12345热线办共接收市民工单3656件,环比下降1.11%。\n",
                                     "根据《条例》的规定,现公布2012年凤安镇政府信息公开工作年度报告。本报告内容涵盖全年的情况。\n"])
def test_a_page_without_its_title_that_tells_of_a_month_or_publishes_its_report_is_a_report(opening):
    text = opening + "二、办理情况\n本月办结工单3456件,已解决3112件,解决率90.05%。\n"
    result = extract_text(text)
    assert result.document.genre == "annual_report" and not result.tasks
    assert ("3456", "件") in [(a.value, a.unit) for a in result.achievements]


def test_a_page_of_projects_the_deputies_voted_for_is_a_plan():
    text = ("1月21日上午,在区人民代表大会闭幕会上,区人大代表现场投票表决,票决确定2025年10项区级民生实事项目。\n"
            "2024年10月,区启动民生实事人大代表票决候选项目征集工作,共收集民生实事项目136件。\n"
            "一、中小学改造项目\n改造中小学校舍5所。\n")
    assert extract_text(text).document.genre == "annual_plan"


def test_a_progress_notice_is_a_report_and_a_verb_is_no_county():
    text = ("关于2023年10月份民生实事项目进展情况的通报\n\n"
            "今年以来,各乡镇认真贯彻落实县政府工作部署。现将10月份进展情况通报如下:\n"
            "截至10月31日,民生实事已完成26件,完成率40%。\n"
            "下一步,县发改委要会同县督查落实办对相关工作进行督导。\n")
    result = extract_text(text)
    meta = result.document
    assert (meta.title, meta.genre, meta.jurisdiction) == ("关于2023年10月份民生实事项目进展情况的通报", "annual_report", None)
    assert [(a.value, a.unit) for a in result.achievements] == [("26", "件"), ("40", "%")]
    # 会同县 itself is still found where it is named as a place
    assert extract_text("会同县2023年法治政府建设工作要点\n会同县人民政府\n").document.jurisdiction.name == "会同县"


@pytest.mark.parametrize("opening", [
    "本年度报告是根据《中华人民共和国政府信息公开条例》要求,由区政府编制。\n",
    "2024年12月18日在北京市大兴区第六届人民代表大会\n常务委员会第二十九次会议上\n主任、各位副主任、各位委员:\n",
    "按照有关规定,现将整改进展情况向社会公开,接受干部群众监督。\n",
    "今年以来,长阳土家族自治县认真贯彻国务院全面推进依法行政实施纲要,法治环境不断优化。\n",
    "2024年即将落幕,过去的一年里,阿克塞县紧紧围绕县委、县政府的中心工作,积极履行司法行政职能。\n",
    "——2021年12月16日在洪山区第十六届人民代表大会第一次会议上\n洪山区人民检察院代理检察长 匡正\n各位代表:\n",
])
def test_a_page_without_its_title_that_says_it_is_a_report(opening):
    text = opening + "一、概述\n区政府专门配备了132名工作人员,设立了50个受理点。\n"
    result = extract_text(text)
    assert result.document.genre in ("annual_report", "congress_report") and not result.tasks
    assert [(a.value, a.unit) for a in result.achievements] == [("132", "名"), ("50", "个")]


def test_a_number_a_pdf_put_on_a_line_of_its_own_joins_its_sentence():
    text = ("某区2023年政府信息公开工作年度报告\n一、主动公开情况\n本区累计主动公开政府信息\n5928\n条,全文电子化率达\n90.3%\n,"
            "其中新增\n2110\n条。\n二、下一步\n坚持公开。\n3\n加强培训。\n")
    result = extract_text(text)
    assert [(a.value, a.unit) for a in result.achievements] == [("5928", "条"), ("90.3", "%"), ("2110", "条")]
    assert "\n3\n加强培训" in result.text  # a page number before a line that is no measure stays apart


def test_a_one_line_self_inspection_report_and_a_results_table():
    # a report run together on one line with no title line, that says 现报告如下
    text = ("法治政府建设年度自查报告依据考评指标文件精神,我镇进行了自查自评,现报告如下:一、出庭应诉我镇共有行政应诉案件2件,"
            "镇领导依法出庭应诉2次。\n")
    result = extract_text(text)
    assert result.document.genre == "annual_report" and not result.tasks
    assert [(a.value, a.unit) for a in result.achievements] == [("2", "件"), ("2", "次")]
    # a table of results: a bare number takes its measure from the row's label; areas in ㎡
    table = ("某单位2024年普法工作总结\n一、主要成果统计表\n项目 | 数量 | 备注 |\n开展普法讲座次数 | 28 | 涉及民法典 |\n"
             "法律咨询服务人次 | 1200 | 现场及线上 |\n普法满意度调查结果 | 92% | 问卷 |\n参与竞赛人数 | 300 | 职工 |\n"
             "二、阵地建设\n各所办公用房面积均达120㎡以上。\n")
    got = [(a.value, a.unit) for a in extract_text(table).achievements]
    assert got == [("28", "次"), ("1200", "人次"), ("92", "%"), ("300", "人"), ("120", "㎡")]


@pytest.mark.parametrize("text, place", [
    ("各乡镇和县直各部门要加强协作", None), ("提高县级统筹能力", None),  # 和县 and 高县 are words here
    ("和县人民政府", "和县"), ("关于印发高县2023年法治政府建设工作要点的通知", "高县"), ("宜宾市高县司法局", "高县"),
])
def test_a_county_named_with_one_character_is_found_only_where_it_is_named(text, place):
    from kg.reference import jurisdiction as jz

    found = jz.find(text)
    assert (found.name if found else None) == place


def test_a_wiki_mirrors_lead_sentence_and_a_notice_line_ending_in_its_number_give_the_title():
    lead = ("《某市人民政府2018年度法治政府建设工作报告》是2019年某市人民政府发布的通知。\n"
            "2018年,我市政府坚持依法行政,全年办理行政复议案件45件。\n")
    assert extract_text(lead).document.title == "某市人民政府2018年度法治政府建设工作报告"
    notice = ("四川省人民政府办公厅关于印发四川省深化“放管服”改革优化营商环境2020年工作要点的通知(川办发〔2020〕31号)\n"
              "来源:米易县经济合作和商务局 发布时间:2020-12-29\n各市(州)人民政府:现印发给你们,请认真组织实施。\n")
    meta = extract_text(notice).document
    assert (meta.title, meta.jurisdiction.name) == ("四川省深化“放管服”改革优化营商环境2020年工作要点", "四川省")


def test_a_page_without_its_title_whose_table_has_an_owner_column_is_no_report():
    from kg.extract.genre import detect_genre

    # words a report uses (一是, 累计, 先后) inside a task table's rows: the owner column says plan
    body = ("序号 | 工作任务 | 牵头单位 | 完成时限\n1 | 一是累计培训执法人员 | 县司法局 | 2024年底\n"
            "2 | 二是先后开展专项检查 | 县市场监管局 | 2024年6月\n")
    assert detect_genre("", "", body) == "task_division"  # a split: its rows are tasks
    assert detect_genre("", "", body.replace("牵头单位", "备注")) == "annual_report"


def test_a_page_announcing_the_years_projects_for_the_people_is_a_plan():
    from kg.extract.genre import detect_genre

    # a news page: counts such as 建成区新建或改建15家 and 组织50个 read like work done, but the page
    # announces the year's 惠民实事 — a plan of the year
    body = ("记者报道 经市委、市政府研究同意,确定了本市2021年度10件惠民实事,现向社会公布。\n"
            "1.新建或改建15家便民市场。在建成区新建或改建15家便民市场。\n2.建设50个国医堂。组织50个专家小组下基层。\n"
            "3.培训100名中医适宜技术骨干人员。\n")
    assert detect_genre("", body, body) == "annual_plan"
    assert detect_genre("", body.replace("惠民实事", "工作"), body.replace("惠民实事", "工作")) == "annual_report"


def test_a_speech_whose_first_part_looks_back_on_the_year_is_a_report():
    from kg.extract.genre import detect_genre

    # no title line the tool takes; a page head, then the speech's first part: 一、2016年工作回顾
    head = "欢迎访问某省人民政府法制办公室!\n在全省政府法制工作会议上的讲话\n同志们:\n下面,我代表省政府法制办作工作报告。\n"
    body = "一、2016年工作回顾\n过去的一年,全省政府法制工作取得了可喜成绩。\n"
    assert detect_genre("", head, head + body) == "annual_report"
    assert detect_genre("", head, head + body.replace("工作回顾", "工作安排")) is None


def test_a_news_item_of_a_days_activity_is_a_report():
    text = ("本报讯 记者报道:3月11日,市司法局组织开展了“送法进社区”活动。\n"
            "在信州区,各普法小分队深入10个社区,通过悬挂宣传横幅、入户宣传等方式,重点宣传了民法典、法律援助服务等法律法规知识。"
            "活动现场还设置了法治宣传咨询台,发放宣传资料12000余份,受益群众3000余人次。\n")
    result = extract_text(text)
    assert result.document.genre == "annual_report" and not result.tasks
    assert [(a.value, a.unit) for a in result.achievements] == [("10", "个"), ("12000", "份"), ("3000", "人次")]


def test_a_title_of_pledges_gives_the_year_of_its_months():
    text = ("金阳县2019年脱贫攻坚重大任务承诺事项\n\n凉山日报 2019-05-08 07:57 大字\n\n"
            "一、确保完成27个贫困村退出任务。10月底前,完成27个退出村卫生室、文化室、学前教育设施、民俗活动坝子、通信网络达标建设,"
            "确保退出村村村配备合格村医,集体经济收入达到退出标准,贫困发生率低于3%。\n\n"
            "二、确保完成公共服务相关指标任务。保障义务教育阶段贫困户子女“应读尽读”,9月实现“学前学会普通话”行动幼教点和幼儿园全覆盖,"
            "秋季学期建成投用32所乡镇幼儿园。\n")
    result = extract_text(text)
    assert (result.document.title, result.document.genre) == ("金阳县2019年脱贫攻坚重大任务承诺事项", "annual_plan")
    assert [[d.date for d in t.deadlines] for t in result.tasks] == [["2019-10-31"], ["2019-09-30"]]


@pytest.mark.parametrize("text, year", [
    ("二○○七年全市政府法制工作要点\n\n一、加强制度建设\n", 2007),  # the year in Chinese digits
    ("二〇二三年法治政府建设工作要点\n\n一、加强制度建设\n", 2023),
    # a page without its title: the body opens with the year it plans for
    ("2020年是改革的攻坚提升年。为推进改革,制定本要点。\n一、主要目标\n全年新增接入500项。\n", 2020),
    ("一、工作要点\n2020年,实行两个免于提交。\n", 2020),
    # two years opening paragraphs, or a year only inside a sentence: no year
    ("2020年是起步年。\n2021年,全面推开。\n一、任务\n", None),
    ("为落实2004年3月22日国务院印发的纲要,制定本方案。\n一、任务\n", None),
])
def test_the_year_from_chinese_digits_or_the_bodys_opening(text, year):
    assert extract_text(text, source="t.txt").document.year == year


def test_a_page_of_a_plan_that_aims_by_years_is_no_report():
    # 到2012年, / 到2015年, open what a plan aims at, not what a report tells of a year
    text = ("2.道路交通\n建立健全全区道路交通安全组织领导协调机制。到2012年,重型货车安装使用卫星定位装置,"
            "2013年前落实道路建设安全设施。深入开展专项整治,2015年严重交通违法发生率比2010年下降10%。"
            "到2015年,全区排查出的公路危险路段,省级督办整治率达到65%以上。\n")
    result = extract_text(text, source="t.txt")
    assert result.document.genre != "annual_report" and not result.achievements
    assert [d.date for t in result.tasks for d in t.deadlines] == ["2013-12-31"]


def test_a_news_item_that_says_what_was_built_and_formed_is_a_report():
    text = ("我县迎接市普法工作验收 |\n宁海新闻网 2015年06月19日 08:25:05 |\n"
            "据悉,普法期间,我县开展法治宣传主题活动490余场次,发放宣传资料37万余份。建成了覆盖县、乡镇、村的"
            "三级法治文化阵地37个,形成了三级联动、各具特色的法治文化景观群落。\n")
    result = extract_text(text, source="t.txt")
    assert result.document.genre == "annual_report"
    assert [(a.value, a.unit) for a in result.achievements] == [("490", "场次"), ("370000", "份"), ("37", "个")]


@pytest.mark.parametrize("title, genre", [
    ("2020年“七五”普法工作情况调研报告(县级)", "annual_report"),  # a bracket closing the title
    ("某县2023年法治政府建设工作总结(摘要)", "annual_report"),
    ("某市法治政府建设实施方案(2021—2025年)", "implementation_scheme"),
])
def test_a_bracket_closing_a_title_does_not_hide_its_kind(title, genre):
    text = f"{title}\n一、工作基本情况\n全县普法工作推进顺利,成效明显。\n"
    assert extract_text(text, source="t.txt").document.genre == genre


def test_a_report_that_says_it_reports_what_follows_in_other_words():
    # 现将…情况报告以下 (a page whose software rewrote 如下): a report, however its title runs on
    text = ("全县普法工作情况报告全县普法工作情况报告现将普法计划贯彻实行情况报告以下,请予审议。1、基本情况"
            "在县人大依法监督下,我县牢牢围绕中心开展普法。\n")
    assert extract_text(text, source="t.txt").document.genre in ("annual_report", "congress_report")


def test_a_page_starting_mid_report_that_tells_of_the_year_so_far_is_a_report():
    text = ("篇二\n全会精神为指导,深入开展法治宣传教育,大力推进依法治理。\n"
            "一、以法治建设活动为契机,全面推进法治宣传教育。\n"
            "今年以来,市委、市政府把法治建设作为重点工作来抓。全市149个副科以上单位的942名班子成员参加了培训。\n")
    result = extract_text(text, source="t.txt")
    assert result.document.genre == "annual_report" and not result.tasks
    assert [(a.value, a.unit) for a in result.achievements] == [("149", "个"), ("942", "名")]




def test_an_untitled_assessment_that_gives_its_items_points_is_no_report():
    text = ("| 考评内容 | 考评要点 | 计入总分权重 |\n| 工作推进机制 (26分) |\n"
            "1.制定出台县(区)普法规划和决议。(5分); 2.召开全县(区)普法工作推进会(5分); "
            "3.按时准确报送工作台账(基础数据半年报送1次共2次,每次报送1分,合计6分)。 |\n10% |\n")
    result = extract_text(text, source="t.txt")
    assert result.document.genre not in ("annual_report", "congress_report") and not result.achievements
    assert [t.number for t in result.tasks] == [1, 2, 3]
    assert all(x.unit != "分" for t in result.tasks for x in t.targets)


@pytest.mark.parametrize("text, title, values", [
    # a progress table restating each target: only what was done counts
    ("2025年区政府工作报告目标任务上半年推进情况汇总表\n序号 目标任务 责任单位 上半年推进情况\n"
     "一、经济社会发展主要预期目标\n"
     "1 地区生产总值增长6%以上。 区发展改革委 地区生产总值同比增长2.9%。\n"
     "2 第一产业增加值增长5%。 区农业农村委 第一产业增加值同比增长3.4%。\n",
     "2025年区政府工作报告目标任务上半年推进情况汇总表", ["2.9", "3.4"]),
    # a title ending in its account, not run into the paragraph below; the days it is posted are no figure
    ("某区人民政府 2019-12-13 16:36 来源: 区河湖管理中心\n"
     "关于某区督察反馈问题整改任务(序号十)整改情况的公示情况说明\n"
     "根据有关通知要求,现对反馈问题整改完成情况进行公示。\n整改完成情况:\n"
     "1、区委区政府不定期召开任务推进会议,压实责任。\n2、每月调度预警,强化督查督办。\n"
     "特此公示!\n公示时间:2019年12月13日至2019年12月19日,共7天。\n",
     "关于某区督察反馈问题整改任务(序号十)整改情况的公示情况说明", []),
])
def test_a_reports_own_title_and_what_it_counts(text, title, values):
    result = extract_text(text, source="t.txt")
    assert (result.document.title, result.document.genre, result.tasks) == (title, "annual_report", [])
    assert [a.value for a in result.achievements] == values


def test_a_split_with_explanatory_notes_before_its_rows_and_a_link_above_its_title():
    # a repost: a news link over the plan's title; the plan's 说明 numbers its notes on itself, whose counts
    # (共171项, 10项) count its own parts: no task, no target
    text = ("相关新闻>>\n正式发布!2022年某某市政府工作报告(全文请收藏)\n某某市2022年《政府工作报告》任务分解意见\n说明\n"
            "1.任务分解意见是对《政府工作报告》中涉及2022年重点工作任务的逐条细化分解。\n"
            "2.按照《政府工作报告》的结构,任务分解意见分为十二部分,共171项。一是主要发展指标,10项。\n"
            "一、主要发展指标\n1.地区生产总值增长6%左右。(责任单位:市发改委;配合单位:市统计局)\n")
    result = extract_text(text)
    assert (result.document.title, result.document.genre) == ("某某市2022年《政府工作报告》任务分解意见", "task_division")
    assert [(t.path, t.title, [u.text for u in t.responsible], [x.value for x in t.targets]) for t in result.tasks] == [
        ("一.1", "地区生产总值增长6%左右", ["市发改委"], ["6"])]


def test_a_pages_metadata_table_printed_with_pipes():
    text = ("索引号: | 113304240025561412/2022-69894 | 成文日期: | 2022-04-18 |\n"
            "文件编号: | 盐政办发〔2022〕16号 | 组配分类: | 政府工作报告 |\n发布机构: | 县政府办公室 | 有效性: |\n"
            "某县2022年重点工作责任分解\n一、重点工作\n1.推进依法行政。(责任单位:县司法局)\n")
    meta = extract_text(text).document
    assert (meta.issuer, meta.doc_number, meta.date) == ("县政府办公室", "盐政办发〔2022〕16号", "2022-04-18")


def test_the_year_a_covering_notice_sends_dates_a_task_without_one():
    text = ("各县、区人民政府,市政府各部门:\n  现将省长在省政府第八次全体会议讲话中提出的2005年重点工作分解印发给你们,望认真落实。\n"
            "一、重点项目建设\n1.运输项目建设。年底前通车里程达到2500公里。\n责任单位:市交通局\n")
    result = extract_text(text)
    assert result.document.year == 2005
    assert [(d.date, d.text) for d in result.tasks[0].deadlines] == [("2005-12-31", "年底前")]


def test_two_issuers_a_space_apart_stay_apart_and_a_title_after_its_issuer_joins_it():
    from kg.ingest.normalize import normalize_text

    assert normalize_text("中共北京市委 北京市人民政府关于印发《实施意见》的通知") == "中共北京市委 北京市人民政府关于印发《实施意见》的通知"
    assert normalize_text("河南省人民政府 关于明确2023年重点工作责任单位的通知") == "河南省人民政府关于明确2023年重点工作责任单位的通知"


@pytest.mark.parametrize("head, number, title", [
    # the number before the title on one line
    ("鲁政办字〔2015〕46号 山东省人民政府办公厅关于落实重点工作部门分工的意见\n浏览量:\n",
     "鲁政办字〔2015〕46号", "山东省人民政府办公厅关于落实重点工作部门分工的意见"),
    # the number in brackets under the title
    ("开封市人民政府办公室关于印发重点工作分解落实意见的通知\n(汴政办〔2005〕34号)\n", "汴政办〔2005〕34号", "重点工作分解落实意见"),
])
def test_a_document_number_beside_the_title_or_in_brackets(head, number, title):
    meta = extract_text(head + "各县、区人民政府,市政府各部门:\n现将意见印发给你们。\n一、重点工作\n1.推进依法行政。(责任单位:市司法局)\n").document
    assert (meta.doc_number, meta.title) == (number, title)


def test_a_pages_metadata_fields_with_their_labels_in_brackets():
    from kg.extract.metadata import header_fields

    fields = header_fields("[ 索引号 ]11500110588903728C/2026-00068 [ 发文字号 ] [ 发布机构 ]万盛经济技术开发区 [ 主题分类 ]其他")
    assert (fields.get("发布机构"), fields.get("索引号")) == ("万盛经济技术开发区", "11500110588903728C/2026-00068")


@pytest.mark.parametrize("title, issuer", [
    ("长沙市天心区坡子街街道办事处2022年法治政府建设年度报告", "长沙市天心区坡子街街道办事处"),
    ("鲤城区人民政府金龙街道办事处关于2022年度法治政府建设情况的报告", "鲤城区人民政府金龙街道办事处"),
])
def test_a_street_office_that_heads_its_own_reports_title_issues_it(title, issuer):
    text = f"{title}\n  2022年,我街道坚持以习近平法治思想为指导,共办理行政复议案件3件。\n"
    assert extract_text(text).document.issuer == issuer


def test_the_body_heading_its_notices_title_issues_it_where_nothing_else_says():
    text = ("漯牧〔2020〕24号\n漯河市畜牧局\n关于印发漯河市畜牧局依法行政示范点\n创建工作实施方案的通知\n局机关各科室、局属各单位:\n"
            "现将《实施方案》印发给你们,请认真贯彻执行。\n2020年4月29日\n一、工作目标\n1.建立制度。(责任单位:法规科)\n")
    meta = extract_text(text).document
    assert (meta.issuer, meta.date, meta.doc_number) == ("漯河市畜牧局", "2020-04-29", "漯牧〔2020〕24号")


def test_a_date_in_chinese_numerals_alone_on_its_line_and_a_notice_run_onto_one_line():
    text = ("某某省人民政府办公厅印发某某工作分工方案的通知 某政办综〔2010〕26号 省政府各有关直属单位: 《某某工作分工方案》已经省政府"
            "领导同意,现印发给你们,请抓好落实。 对于方案中涉及本部门的工作,要明确实施步骤和具体要求,同一项工作涉及多个部门的,"
            "牵头部门要加强协调,部门之间要密切协作。 各有关部门要将相关工作年度完成情况报省政府安委会办公室,省政府安委会办公室"
            "要加强督促检查,推动各项工作任务落实,确保各项措施落到实处,切实提高企业安全生产水平。 各地要结合实际抓好贯彻。 "
            "二○一○年十二月十五日 某某工作分工方案 一、严格企业安全管理 1.督促企业落实安全生产责任。(省安全监管局、省国资委分工负责)")
    meta = extract_text(text).document
    assert (meta.title, meta.doc_number, meta.date) == ("某某工作分工方案", "某政办综〔2010〕26号", "2010-12-15")
    meta = extract_text("某县2011年依法行政工作要点\n二〇一一年三月五日\n一、推进依法决策\n1.健全制度。\n").document
    assert meta.date == "2011-03-05"


def test_a_header_field_in_square_brackets_ends_where_the_next_label_opens():
    from kg.extract.metadata import header_fields

    fields = header_fields("[ 发布机构 ] 丰都县栗子乡人民政府 [ 有效性 ]\n[ 成文日期 ] 2025-01-20 [ 文号 ]\n")
    assert fields.get("发布机构") == "丰都县栗子乡人民政府"


def test_the_body_that_sends_a_document_is_its_issuer():
    text = ("桐梓县人民政府办公室关于印发《桐梓县2021年政务公开工作要点》的通知\n各乡(镇)人民政府,县政府各部门:\n"
            "《桐梓县2021年政务公开工作要点》已经县人民政府研究同意,现印发给你们,请认真抓好落实。\n"
            "桐梓县2021年政务公开工作要点\n一、推进决策公开\n1.推进重大决策预公开。(县政府办负责)\n")
    meta = extract_text(text).document
    assert (meta.title, meta.issuer) == ("桐梓县2021年政务公开工作要点", "桐梓县人民政府办公室")
    meta = extract_text(text.replace("关于印发", "印发")).document
    assert meta.issuer == "桐梓县人民政府办公室"


def test_a_page_without_its_title_whose_paragraphs_set_dates_to_be_met_is_a_plan():
    from kg.extract.genre import detect_genre

    body = ("2024年是实施“十四五”规划的关键一年,全省市场监管部门要全力做好2024年市场监管各项重点工作。\n"
            "(一)全面优化营商环境\n一是持续深化商事制度改革。2024年4月底前完成条例相关材料规范调整。\n二是持续加强政策支持。\n")
    assert detect_genre("", body.split("\n")[0], body) is None  # a plan of unknown kind, not a report
    told = body.replace("2024年4月底前完成", "已于2024年4月底前完成")
    assert detect_genre("", told.split("\n")[0], told) == "annual_report"


def test_a_titles_year_printed_on_a_line_of_its_own_under_it():
    from kg.extract.pipeline import extract_text

    result = extract_text("天津市河北区人民法院\n项目支出绩效目标表\n(2023年)\n一级指标 | 二级指标 | 三级指标 | 指标值 |\n")
    assert result.document.title == "项目支出绩效目标表" and result.document.year == 2023
    assert extract_text("项目支出绩效目标表\n说明(2023年)不作数。\n").document.year is None  # (inside a sentence: no)


def test_the_body_printed_on_the_line_above_its_title_is_the_issuer():
    text = "某市某区人民法院\n项目支出绩效目标表\n(2023年)\n一级指标 | 二级指标 | 三级指标 | 指标值 |\n产出指标 | 数量指标 | 维修面积 | ≥400平方米 |\n"
    meta = extract_text(text).document
    assert (meta.title, meta.issuer) == ("项目支出绩效目标表", "某市某区人民法院")
    # a line above that names no body is not taken
    assert extract_text(text.replace("某市某区人民法院", "首页 > 信息公开", 1)).document.issuer is None


@pytest.mark.parametrize("notice, title", [
    ("各区人民政府:\n现将《某市2017年民生提升重点工作》印发给你们,请认真组织落实。\n一、重点工作\n(一)改造老旧小区。(市住建局负责)\n",
     "某市2017年民生提升重点工作"),
    ("各区人民政府:\n《某市优化营商环境创新行动2022》已经市委常委会会议审议通过,现印发给你们,请认真贯彻落实。\n一、重点任务\n(一)压减审批时间。\n",
     "某市优化营商环境创新行动2022"),
])
def test_the_notices_sentence_sending_the_document_gives_its_title(notice, title):
    assert extract_text(notice).document.title == title


def test_a_notice_that_is_itself_the_document_titles_it_where_nothing_else_does():
    text = ("某市人民政府关于2020年市政府重点工作及责任分解的通知\n各县人民政府:\n现将今年重点工作分解如下。\n"
            "一、稳定经济增长\n(一)扩大有效投资。(市发改委牵头)\n")
    assert extract_text(text).document.title == "某市人民政府关于2020年市政府重点工作及责任分解的通知"


def test_a_title_sent_without_quotes_and_printed_over_lines_is_whole_and_a_plans_list_under_its_outline_is_its_own():
    text = ("某区人民政府关于印发某区国民经济和社会发展第十四个五年规划纲要任务分工方案的通知\n各街道办事处:\n现印发给你们。\n"
            "某区人民政府\n2021年8月9日\n某区国民经济和社会发展\n第十四个五年规划纲要任务分工方案\n一、重点任务\n(一)扩大投资。(区发改委牵头)\n")
    meta = extract_text(text).document
    assert (meta.title, meta.genre) == ("某区国民经济和社会发展第十四个五年规划纲要任务分工方案", "task_division")


def test_a_letter_telling_how_the_rectification_went_is_a_report():
    text = "某市人民政府关于2022年专项审计发现问题整改情况的函\n一、整改情况\n已完成整改问题25个。\n"
    meta = extract_text(text).document
    assert (meta.title, meta.genre) == ("某市人民政府关于2022年专项审计发现问题整改情况的函", "annual_report")


def test_an_issuer_signed_over_two_lines_is_shown_in_the_documents_own_script():
    text = ("各縣級市(區)黨委和人民政府:\n《蘇州市優化營商環境創新行動2022》已經市委常委會會議審議通過,現印發給你們。\n"
            "中共蘇州市委\n蘇州市人民政府\n2022年7月13日\n一、重點任務\n(一)壓減審批時間。\n")
    meta = extract_text(text).document
    assert (meta.title, meta.issuer) == ("蘇州市優化營商環境創新行動2022", "中共蘇州市委、蘇州市人民政府")


def test_a_page_without_its_head_takes_its_place_from_the_opening_sentence_not_from_a_ranking():
    opening = "一、主要成效\n2024年,深圳市龙华区司法行政系统坚持以习近平法治思想为指导,扎实推进各项工作。\n(一)办理法律援助案件120件。\n"
    assert extract_text(opening).document.jurisdiction.code == "440309"
    ranking = "现将1至7月民生工程实施进度通报如下:\n一、各县区民生工程实施进度综合排名\n第一名金寨县;第二名霍邱县。\n"
    assert extract_text(ranking).document.jurisdiction is None


def test_a_page_without_its_title_whose_table_names_its_owners_columns_is_a_split():
    text = "序号 | 工作任务 | 牵头单位 | 完成时限 |\n1 | 推进政务公开标准化建设 | 区政府办 | 2022年12月底前 |\n2 | 深化政策解读 | 区司法局 | 全年 |\n"
    assert extract_text(text).document.genre == "task_division"
    assert extract_text("一、工作目标\n到2022年,全面推进政务公开。\n二、主要任务\n(一)推进标准化建设。\n").document.genre is None
