"""Normalization: each repair as a table of input → output, plus the offset map and idempotence."""

from pathlib import Path

import pytest

from kg.ingest.normalize import normalize, normalize_text

SAMPLES = Path(__file__).resolve().parent.parent / "kg" / "samples"
LONG = "加强对市场主体全生命周期信用监管,建立市场主体信用记录、实施信用承诺、信用信息公示和信用评价制度"


@pytest.mark.parametrize("text_in, text_out", [
    # spaces from PDF layout inside Chinese runs
    ("区 政府各有关部门", "区政府各有关部门"),
    ("财 政局", "财政局"),
    ("栖霞区 2021 年法治政府建设 工作计划", "栖霞区2021年法治政府建设工作计划"),
    ("责任单位: 区政府各有关部门", "责任单位:区政府各有关部门"),
    # widths: one spelling of brackets, colons and commas
    ("（牵头单位：区司法局，责任单位：各街道）", "(牵头单位:区司法局,责任单位:各街道)"),
    ("苏依法﹝2021﹞1号", "苏依法〔2021〕1号"),
    ("１２３４５热线", "12345热线"),
    # page breaks inside a bracketed note: unit names and labels cut in half
    ("(牵头单位:区依法行政办、区\n\n委组织部、区司法局)", "(牵头单位:区依法行政办、区委组织部、区司法局)"),
    ("(牵头单位:区检察院、区司法局,责\n\n任单位: 区政府各有关部门)", "(牵头单位:区检察院、区司法局,责任单位:区政府各有关部门)"),
    # …and a label cut inside its open note, its second half a label word itself
    ("(牵头\n责任单位:公路局、住建局;配合单位:有关乡镇)", "(牵头责任单位:公路局、住建局;配合单位:有关乡镇)"),
    # …in a square-bracket note too
    ("[牵头单位:区卫健局、区创文办;责\n任单位:区疫情防控指挥部成员单位]", "[牵头单位:区卫健局、区创文办;责任单位:区疫情防控指挥部成员单位]"),
    # a long line cut mid-word by the page
    (f"4. 推进社会信用体系建设。{LONG[:20]}\n\n{LONG[20:]}。", f"4. 推进社会信用体系建设。{LONG}。"),
    # a line ending in a comma continues
    ("拓宽电子营业执照应用场景,\n\n推进跨地区应用。", "拓宽电子营业执照应用场景,推进跨地区应用。"),
    # markdown marks
    ("- **4. 推进社会信用体系建设。**贯彻落实", "4. 推进社会信用体系建设。贯彻落实"),
    ("#### 一、指导思想", "一、指导思想"),
    ("  - (二) 完善依法行政制度体系", "(二)完善依法行政制度体系"),
    # what must stay apart
    ("一、指导思想\n\n2021年全区法治政府建设工作,以习近平新时代中国特色社会主义思想为指导。", "一、指导思想\n\n2021年全区法治政府建设工作,以习近平新时代中国特色社会主义思想为指导。"),
    ("办复率达100%。\n\n- (牵头单位:区政府办)", "办复率达100%。\n\n(牵头单位:区政府办)"),
    ("浦政发〔2024〕1号                       签发人：王国平\n浦口区2023年度法治政府建设情况报告",
     "浦政发〔2024〕1号\n签发人:王国平\n浦口区2023年度法治政府建设情况报告"),
    ("各园区,区各直属单位:\n为做好部署工作,现印发。", "各园区,区各直属单位:\n为做好部署工作,现印发。"),
    # a contact line cut before its bracket closes holds no note: the lines after it stay apart
    ("(联系人:市政务服务办王健;联系电话:24538355\n\n天津市2021年优化营商环境责任清单\n\n序号\n\n重点任务",
     "(联系人:市政务服务办王健;联系电话:24538355\n\n天津市2021年优化营商环境责任清单\n\n序号\n\n重点任务"),
    # a page's source line is the site's, not a line of the document cut by the page
    ("2023-03-31 17:05:00来源:海口市司法局打印\n2022年,面对艰巨繁重的改革发展稳定任务特别是多轮新冠肺炎疫情",
     "2023-03-31 17:05:00来源:海口市司法局打印\n2022年,面对艰巨繁重的改革发展稳定任务特别是多轮新冠肺炎疫情"),
    # invisible characters and newline conventions
    ("\ufeff区司法局\r\n区财政局\u200b", "区司法局\n区财政局"),
    # a spun page's glosses: a word and a reading in brackets, or a bare toned syllable, after a character
    ("二(读:èr)、实施步骤", "二、实施步骤"),
    ("新建公办(繁体:辦)幼儿园,其中{拼音:zhōng}古浪làng 县4所,幼儿【ér】园", "新建公办幼儿园,其中古浪县4所,幼儿园"),
    # a sharing site's mark where it hid part of the text: its count is no figure
    ("市(地)级政府出庭应诉25件,市(地 ……此处隐藏838个字……人员素质需进一步提升。", "市(地)级政府出庭应诉25件,市(地人员素质需进一步提升。"),
    # Traditional script: matched as Simplified
    ("（牽頭單位：區司法局、區發改委）", "(牵头单位:区司法局、区发改委)"),
])
def test_normalize_table(text_in, text_out):
    assert normalize_text(text_in) == text_out


def test_offsets_point_back_into_the_raw_text():
    raw = "（牵头单位：区依法行政办、区\n\n委组织部、区 司法局）"
    n = normalize(raw)
    assert n.text == "(牵头单位:区依法行政办、区委组织部、区司法局)"
    start = n.text.index("区委组织部")
    a, b = n.raw_span(start, start + len("区委组织部"))
    assert raw[a:b] == "区\n\n委组织部"
    start = n.text.index("区司法局")
    assert n.raw_slice(start, start + 4) == "区 司法局"
    assert len(n.offsets) == len(n.text) + 1


def test_traditional_text_keeps_its_original_in_the_raw_span():
    raw = "建設法治政府（牽頭單位：區司法局）"
    n = normalize(raw)
    i = n.text.index("区司法局")
    assert n.raw_slice(i, i + 4) == "區司法局"


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_normalizing_twice_equals_once(path):
    once = normalize_text(path.read_text(encoding="utf-8"))
    assert normalize_text(once) == once


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_normalized_character_maps_to_its_source(path):
    n = normalize(path.read_text(encoding="utf-8"))
    for i, ch in enumerate(n.text):
        if ch == "\n":
            continue
        src = n.raw[n.offsets[i]]
        assert src == ch or normalize_text(src) in (ch, ""), (i, ch, src)


# --- underscores are text unless Markdown would read them as emphasis (issue 15) -------------------


@pytest.mark.parametrize("text_in, text_out", [
    ("根据第____号文件,填写__份", "根据第____号文件,填写__份"),  # blanks to fill in
    ("区司法局__区财政局", "区司法局__区财政局"),
    ("字段plan__id和task__id", "字段plan__id和task__id"),
    ("________", "________"),
    ("__ 区司法局 __", "__ 区司法局 __"),  # Markdown needs the marks against the text
    ("推进 __依法行政__ 工作", "推进依法行政工作"),
    ("__依法行政__", "依法行政"),
    ("- **4. 推进社会信用体系建设。**贯彻落实", "4. 推进社会信用体系建设。贯彻落实"),
])
def test_underscores_are_kept_unless_they_are_emphasis(text_in, text_out):
    assert normalize_text(text_in) == text_out


def test_emphasis_marks_dropped_keep_the_offsets_of_the_text_between():
    raw = "推进 __依法行政__ 工作"
    n = normalize(raw)
    start = n.text.index("依法行政")
    assert n.raw_slice(start, start + 4) == "依法行政"
    assert n.written(0, len(n.text)) == "推进依法行政工作"


def test_written_is_the_span_in_the_documents_script():
    n = normalize("（牽頭單位：區 AI 中心、區司法局\u200b）")
    start = n.text.index("区 AI")
    assert n.text[start: start + 7] == "区 AI 中心"
    assert n.written(start, start + 7) == "區AI中心"  # its own script, no whitespace
    end = n.text.index(")")
    assert n.written(start, end) == "區AI中心、區司法局"  # the zero-width space normalization dropped stays out


def test_a_sharing_sites_chunk_numbers_go_and_the_cut_sentence_joins_up():
    from kg.ingest.normalize import normalize_text

    raw = ("《某方案.docx》由会员分享,可在线阅读,更多相关《某方案.docx(19页珍藏版)》请在文档网上搜索。\n"
           "1、某市工作措施。一、推动全社会增强法治观念(一)把学习作为重要任务。做好进教材、进课堂、\n"
           "2、进头脑工作。(二)实现宪法宣传教育常态化。推动形成尊崇宪法的社会\n3、氛围。")
    text = normalize_text(raw)
    assert "进课堂、进头脑工作" in text and "社会氛围" in text and "\n2、" not in text and "1、" not in text
    # on any other page a numbered line is left alone
    assert normalize_text("一、总体要求\n1、提高认识。\n2、加强领导。").count("、") == 3


@pytest.mark.parametrize("raw, expected", [
    # a decimal the printed line cut
    ("组织法治讲堂31期、覆盖各族干部人数达到了260.\n8万人次,切实增强各级干部法治意识。", "组织法治讲堂31期、覆盖各族干部人数达到了260.8万人次,切实增强各级干部法治意识。"),
    # an e-mail address cut: its second half is no item 63.
    ("请将宝贵意见建议发至电子邮箱lnfgwzxb@1\n63.com。", "请将宝贵意见建议发至电子邮箱lnfgwzxb@163.com。"),
    # a bracket's last words on the next line, even after a full stop or a word that heads a column
    ("(责任单位:区司法局、各单位各部门。\n排序第一的单位为牵头单位,下同)\n2.强化监督", "(责任单位:区司法局、各单位各部门。排序第一的单位为牵头单位,下同)\n2.强化监督"),
    ("(六)《律师法》(市局\n律师工作管理处)\n(七)《公证法》", "(六)《律师法》(市局律师工作管理处)\n(七)《公证法》"),
    ("〔牵头单位:区政府办公室,责任单位:各街道(功能区)\n〕\n2.严格落实", "〔牵头单位:区政府办公室,责任单位:各街道(功能区)〕\n2.严格落实"),
    # a sentence's end that holds a column's word is no table cell
    ("分级分类开展法治宣传培训,达到时间过半、任务过半的预\n期目标。\n一、深入学习", "分级分类开展法治宣传培训,达到时间过半、任务过半的预期目标。\n一、深入学习"),
    # a bracket closing a note ends its paragraph where lines are paragraphs
    ("(一)加强学习。(县司法局负责)\n各乡镇要抓好落实。", "(一)加强学习。(县司法局负责)\n各乡镇要抓好落实。"),
    # values a table prints a cell a line are never joined, nor a bare dash cell to the name after it
    ("住建局\n2\n6\n10.2%\n200.0%\n人社局\n-\n区政府", "住建局\n2\n6\n10.2%\n200.0%\n人社局\n-\n区政府"),
])
def test_lines_a_printed_page_broke(raw, expected):
    assert normalize(raw).text == expected


def test_a_line_full_to_a_pdfs_width_goes_on_after_a_bracket():
    lines = ["将习近平法治思想纳入县政府常务会议和各部门党委(党组)", "理论学习中心组学习内容,纳入法治队伍教育培训内容,融入", "各级各类学校教育,推动建立常态化学习机制。结合实际开展"]
    lines += ["专题培训,提升领导干部运用法治思维和法治方式的能力水平"] * 6 + ["和本领。"]
    text = normalize("\n".join(lines)).text
    assert "(党组)理论学习中心组" in text and "\n" not in text
    # …but a title ending in its period stays a line of its own
    title = "六盘水市新型基础设施建设三年行动方案(2022—2024年)"
    text = normalize("\n".join([title] + lines[1:])).text
    assert text.startswith(title + "\n")


def test_tabs_between_cells_are_a_table_row_and_an_indent_is_not():
    raw = "序号\t指标名称\t目标值\t责任单位\n1\t行政复议纠错率\t≥15%\t县司法局\n\t缩进的一行\n名称\t说明"
    assert normalize(raw).text == "序号 | 指标名称 | 目标值 | 责任单位\n1 | 行政复议纠错率 | ≥15% | 县司法局\n缩进的一行\n名称说明"


def test_a_cell_that_starts_with_a_comparator_is_no_quote():
    assert normalize("抽查比例\n5%\n>=1\n> 引用的一行").text == "抽查比例\n5%\n>=1\n引用的一行"


def test_a_printed_line_cut_before_a_quoted_title_goes_on():
    # a PDF's lines cut at the page's width: one full line ends with 》 and the next starts with 《
    fill = "各项工作稳步推进法治政府建设取得新成效群众满意度不断提升依法行政水平持续提高"[:29]
    lines = [fill] * 8 + ["各部门对照《法治政府建设实施纲要(2015—2020年)》", "《四川省法治政府建设实施方案》,扎实部署。"]
    assert all(len(x) == 29 for x in lines[:-1])
    assert "》《四川省" in normalize_text("\n".join(lines))


def test_a_line_a_mirror_read_one_byte_late_is_read_again_in_step():
    # （一）完善市場準入機制 as GBK, paired one byte late: ?。ㄒ唬┩晟剖袌鰷嗜霗C制 — in step again at the C
    raw = "一、實施對標世行提升工程\n ?。ㄒ唬┩晟剖袌鰷嗜霗C制行動。依托企業登記在線系統。\n ?。ǘ┩七M(jìn)行政審批。\n"
    norm = normalize(raw)
    lines = norm.text.split("\n")
    assert lines[1].startswith("(一)完善市场准入机制行动。") and lines[2].startswith("(二)")
    # the rest of the line keeps its place in the page: 依托 maps back to where it was written
    at = norm.text.index("依托")
    assert raw[norm.raw_span(at, at + 2)[0]: norm.raw_span(at, at + 2)[1]] == "依托"
    # a line that merely opens with a full stop is left alone
    assert normalize("。ā字\n").text == "。ā字"


def test_a_space_after_a_companys_or_a_groups_name_parts_two_owners():
    from kg.ingest.normalize import normalize_text

    assert normalize_text("区国投集团 各有关乡镇(街道)") == "区国投集团 各有关乡镇(街道)"
    assert normalize_text("区城投公司 区住建局") == "区城投公司 区住建局"
    assert normalize_text("区 政府") == "区政府"


def test_a_label_read_one_byte_late_whose_closing_bracket_lost_a_byte():
    # （五）“四好農村路”: the ）'s second byte and “'s first went with the page's bad pair, leaving ０ between
    raw = "(四)災后農房恢復重建工程。\n?。ㄎ澹八暮棉r村路”提升工程。建設改造農村公路66公里。\n"
    assert normalize(raw).text.split("\n")[1].startswith("(五)四好农村路”提升工程")
