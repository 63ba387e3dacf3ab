"""The same document in another dress gives the same facts.

Each development document of the corpus (tests/corpus/, never the held-out split) is re-dressed
the way other sources print the same text — Windows line ends, blank lines between paragraphs,
every line cut at a PDF page's width, table cells between tabs or one per line, owner lists with commas,
full-width indents, full-width or half-width punctuation, no-break spaces, Traditional script, an
unknown place name, 部门 for 单位 in the labels — and must give the same tasks with the same owners,
targets and deadlines; so must the document saved as a Word file, a web page or a workbook, its tables
as real tables, and read back.  Nothing here is compared with gold: the document's own extraction is the
reference, so the test fails where the extractor depends on how a text is printed."""

import hashlib
import json
import re
from pathlib import Path

import pytest

from kg.extract.pipeline import extract_text

DOCS = Path(__file__).parent / "corpus" / "docs"
GOLD = Path(__file__).parent / "corpus" / "gold"
DEV = sorted(p for p in DOCS.glob("*.txt") if hashlib.sha1(p.stem.encode()).hexdigest()[0] not in "0123")


def _traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def place_named(stem: str, text: str) -> str | None:
    """The document's own county or city as it is written without its level (西平 for 西平县), from
    its gold, where the text names it."""
    place = (json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))["document"].get("jurisdiction") or {}).get("name")
    short = re.sub("(?:自治区|自治州|自治县|省|市|县|区|旗)$", "", place or "")
    return short if len(short) >= 2 and short in text else None


def _printed_lines(text: str, width: int = 36) -> str:
    """Every line cut at a printed page's width, as text taken from a PDF comes (table rows kept)."""
    out = []
    for line in text.split("\n"):
        while "|" not in line and len(line) > width:
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    return "\n".join(out)


def _cell_per_line_table(text: str) -> bool:
    """A table printed one cell per line (a column head alone on a line): its long cells cut by a
    page's width are another layout, not this one re-dressed."""
    from kg.vocab import column_kind

    heads = ("lead", "responsible", "cooperating", "task", "number")
    return any(len(c) <= 6 and column_kind(c) in heads for c in (line.strip(" |") for line in text.split("\n")) if c)


def _cell_per_line(text: str) -> str:
    """A table's rows printed one cell per line, as many sites print a Word table."""
    out = []
    for line in text.split("\n"):
        if line.count("|") >= 2:
            line = "\n".join(c.strip() for c in line.strip().strip("|").split("|"))
        out.append(line)
    return "\n".join(out)


_NOTE = re.compile(r"[(〔](?:[^()〔〕\n]|\([^()\n]{1,8}\))*?(?:牵头|负责|配合|责任单位|牵头单位|配合单位)"
                   r"(?:[^()〔〕\n]|\([^()\n]{1,8}\))*?[)〕]")


def _comma_lists(text: str) -> str:
    """Owner notes that list their units with commas, not 、 (a level alone before the 、 of a
    collective's name, 各州、市人民政府, stays: no document writes that with a comma)."""
    def commas(m: re.Match[str]) -> str:
        out, depth, piece = [m.group(0)[0]], 0, ""
        for ch in m.group(0)[1:]:
            depth += (ch in "(〈") - (ch in ")〉")  # (各县〈市、区〉政府: the levels inside a name's brackets)
            level_alone = len(piece) <= 2 and piece[-1:] in "州市县区省"
            out.append("," if ch == "、" and depth == 0 and not level_alone else ch)
            piece = "" if ch in "、,:;(〔" else piece + ch
        return "".join(out)
    return _NOTE.sub(commas, text)


# documents whose tables are not yet read the same way in every dress, and why
# tables read by the bar lines or the rows' places the page prints: dressed any other way (a cell a line,
# tabs, a Word, web or Excel file) they read otherwise, for one reason whatever the dress
_AS_PRINTED = {
    "b44d_jiangxi_xinjian_2024": ("a progress table a cell a line of three levels of rows under a lead cell printed "
                                  "once for many, closed by bar lines: dressed otherwise, the bar lines are gone "
                                  "and its rows fall elsewhere (its projects are not read in either dress)"),
    "b42t_anhui_ningguo_2022": ("a statistics table a cell a line under a header of three rows told apart by lines of bars "
                                "alone (||||): dressed otherwise, the bar lines are gone and the header's rows run together"),
    "b42t_shanxi_datong_2021": ("a table of one row, its heads then its values a cell a line with lines of bars between "
                                "(| / ||||): dressed otherwise, the bar lines are gone, the row is not found and its "
                                "captions read as items"),
    "b38r_jilin_changchun_2023": ("a 政府信息公开 template table under a three-row header whose rows end in runs of empty cells (| ||||): dressed otherwise, its rows no longer line up with the header")}
# …and those so a cell a line or between tabs (made into a file, see _AS_FILES, for a reason of its own)
_IN_LINES = {
    "b42m_hunan_xiangtan_2023": ("a performance-target form whose heads stand in its rows' cells (一级指标 | 二级指标 | …): "
                                 "dressed otherwise, nothing marks where its rows start, and its one task goes"),
    "b40o_unknown_county_2025": ("a pipe table whose 工作目标 / 工作内容 cells are merged over rows, printed once, its "
                                 "rows shifted left: dressed otherwise, the rows no longer line up with the header"),
    "b39p_anhui_xuancheng_2022": ("a table a cell a line whose rows are closed by a line of bars (||): dressed "
                                  "otherwise, the closing lines are gone and nothing marks where a row ends"),
    "b29x_zhejiang_keqiao_2023": ("a pipe table whose first row goes on in a sub-row of empty cells: dressed otherwise, that sub-row "
                                 "no longer reads as one, and the rows after it are lost"),
    "b47b_tianjin_hebeify_2023": ("a performance-target form as pipe rows shifted left under merged level cells, ending in "
                                  "empty cells (| |): dressed otherwise, the empties are gone and the rows no longer line up "
                                  "with the header"),
    "b47c_hubei_wuhansthjj_2020": ("政府信息公开 template tables as pipe rows padded with empty cells (| ||) and long "
                                   "bracketed row labels: dressed otherwise, the rows no longer line up with the header"),
    "b48c_unknown_shi_2018": ("a glossed Traditional pipe table under a two-row header whose group rows (一、社保惠民 | …) "
                              "stand between bar lines: dressed otherwise, the header's rows and the group rows run together"),
    "b49b_shaanxi_yangling_2020": ("a two-column target letter (工作任务 | 目标及质量要求) with no number column whose last row the "
                                   "page cuts inside its second cell: dressed otherwise, nothing marks where its rows start"),
    "b49b_zhejiang_cangnan_2023": ("a glossed Traditional pipe table whose schedule cells hold a quarter each between "
                                   "semicolons, its rows padded with bars: a cell a line, the rows no longer line up"),
    "b49c_guangdong_weijianwei_2021": ("a pipe table whose rows leave out merged 工作任务 cells, each closed by a lone bar line: "
                                       "dressed otherwise, the rows no longer line up with the header")}
_NUMBERED_TASK_CELLS = ("a pipe table whose rows leave out the merged 类别 cell and number their task cell "
                        "(15.推进…): dressed otherwise, the rows no longer line up with the header and the "
                        "progress columns' counts read as targets")
_SPACES_SET = ("a table set with runs of spaces whose task and owner cells are one space apart (…职责任务 国保、…): dressed otherwise, the runs fall elsewhere and its rows read otherwise")
# a document made into a Word, web or Excel file as its text prints it (see FILES)
_AS_FILES = {**_AS_PRINTED, "b43g_shandong_zhaoyuan_2022": _NUMBERED_TASK_CELLS,
    "b42m_hunan_xiangtan_2023": ("a performance-target form a cell a line whose rows are closed by bar lines: in a "
                                 "file's paragraphs the bar lines are gone, and nothing marks where a row ends"),
    "b47b_tianjin_hebeify_2023": "rows shifted left under merged level cells, made into a table as printed",
    "b49b_shaanxi_yangling_2020": "a two-column table without numbers whose last row the page cuts, made into a table as printed",
    "b49b_zhejiang_tiantai_2024": ("rows whose owner cell a merged cell left out print their progress in its place, made into a "
                                   "table as printed"),
    "b49c_guangdong_weijianwei_2021": "rows shifted left under merged 工作任务 cells, made into a table as printed",
    "b47c_hubei_wuhansthjj_2020": "template rows padded with empty cells, made into a table as printed",
    "b48c_unknown_shi_2018": "a two-row header over group rows set apart by bar lines, made into a table as printed",
    "b47c_yunnan_chuxiong_2022": ("a table on its side a cell a line with a bar alone between its cells: in a file's "
                                  "paragraphs the bar lines are gone, and a cell over two lines comes apart"),
    "b40o_unknown_county_2025": "rows shifted by merged cells, made into a table as printed",
    "b39p_anhui_xuancheng_2022": ("a table a cell a line whose rows are closed by a line of bars (||): in a "
                                  "file's paragraphs the bar lines are gone, and nothing marks where a row ends"),
    "b39p_anhui_guangdian_2023": "rows shifted by a group cell printed in its group's first row only, made into a table as printed",
    "b39p_anhui_qiaocheng_nd": ("a table a cell a line whose rows end in two bar lines: in a file's paragraphs "
                                "the bar lines are gone, and nothing marks where a row ends"),
    "note_hubei_jingzhou_2022": "rows shifted by merged cells, made into a table as printed",
    "b36d_unknown_gongan_2010": ("a table set with runs of spaces: in a file's paragraph the runs are one space, and nothing marks the cells"),
    "b29x_zhejiang_keqiao_2023": "a row going on in a sub-row of empty cells, made into a table as printed",
    "b21t_hunan_yueyanglou_2017": "a completion table a cell a line whose empty cells are bare bars: made into "
                                  "a table, they are gone, and sub-rows under a merged number lose their places",
    "b22a_zhejiang_xinchang_2021": "rows going on under a merged 项目 cell, made into a table as printed",
    "b24i_hainan_dalu_2019": "a table printed a cell a paragraph: made into a file, the blank lines between "
                             "its cells are gone and the cells run together",
    "b9o_guangdong_jiangmen_nd": "rows shifted by merged cells, made into a table as printed",
    "b13d_jilin_siping_nd": "rows shifted by merged cells and broken over lines, made into a table as printed"}
_FLAT_LINE_IN_A_FILE = ("a table flattened onto one line, its cells apart by runs of spaces: in a file's paragraph "
                        "or cell the runs are one space, and nothing marks the cells")


KNOWN = {
    "cell-per-line": {**_AS_PRINTED, **_IN_LINES, "b43g_shandong_zhaoyuan_2022": _NUMBERED_TASK_CELLS,
                      "b46a_hebei_xinji_2022": ("a pipe table whose last row the page cuts after its second cell: a cell a "
                                                "line, the cut row is not told from the cells of the row above"),
                      "b46c_chongqing_erlang_2022": ("a statistics table whose rows end in runs of empty cells: a cell a "
                                                     "line, two of its bare 0 cells fall between rows"),
        "b42t_neimenggu_guyang_2021": ("template rows printed after their group's merged cell (三、本年度办理结果 | (一)予以公开 | "
                                       "0 | …): cell by cell, the group's label opens an outline part and the rows' values are lost"),
        "b7_ningxia_hongyang_2022": "a two-row header (序号|内容清单|责任清单… over 责任领导|责任人|责任处室…) cell by cell",
        "note_hubei_jingzhou_2022": "merged cells: the part and section headings in the first row's cells",
        "b9o_unknown_ju_nd": "a table with no number column, a cell a line: nothing marks where a row starts",
        "b30d_zhejiang_shangcheng_2019": ("a last cell of two characters (A类) cell by cell is joined to the owner cell "
                                          "above it as a name's broken end, and the row falls one cell short"),
        "b11g_zhejiang_qu_2022": "merged cells: the part and group headings in the first row's cells",
        "b13d_jilin_siping_nd": "rows broken over lines: a continuation's lone bar, cell by cell, no longer marks it",
        "b21t_henan_xuzhuang_2017": "a table with no number column whose head names no task column (专项整治行业名称): "
                                    "cell by cell, nothing marks where a row starts",
        "b21t_qinghai_sheng_nd": "a statistics table with no number column, its rows shifted by merged cells: cell by "
                                 "cell, the items' own numbers (1.地区生产总值…) are read as the rows'",
        "b21x_zhejiang_haiyan_2022": "a notice run onto one line whose items follow spaces the normalizer drops: the "
                                     "dress breaks the line at its bars, and the pieces read otherwise",
        "b22c_henan_fangcheng_2024": "a table turned on its side (categories across, measures down): cell by cell, "
                                     "nothing marks where its rows start",
        "b22a_zhejiang_xinchang_2021": "rows going on under a merged 项目 cell, shifted left: cell by cell, nothing "
                                       "marks where such a row starts",
    },
    "tab-cells": {**_AS_PRINTED, **_IN_LINES,
        "b22a_zhejiang_xinchang_2021": "rows going on under a merged 项目 cell end in empty cells (| ||): between tabs "
                                       "the empties are gone and the rows no longer line up with the header",
        "b13d_jilin_siping_nd": "rows broken over lines: a continuation's lone trailing bar becomes a space",
    },
    "部门-labels": {
        "b14n_shanghai_changning_2019": "a unit's own name holds the label's words (全区各责任单位): the dress renames the unit",
    },
    "comma-lists": {
        "b37p_hubei_wuhan_2023": "districts named bare before the organ they share (江岸、江汉、汉阳、武昌区人民政府): "
                                 "with commas they are a list, not one unit",
        "b13t_ningxia_yinchuan_2019": "places named bare before the organ they share (银川市、石嘴山市、吴忠市人民政府): "
                                      "with commas they are a list, not one unit",
        "b11g_jiangxi_honggutan_2022": "kinds of body after one 各 (各乡、街办、管理处) are one collective; with commas, "
                                       "three units",
        "b23p_hebei_sheng_2023": "a place's two organs (雄安新区党工委、管委会) are one unit; with commas, two",
        "b27t_hubei_jianli_2022": "levels run on to their shared organ (各乡、镇人民政府) are one collective; with commas, "
                                  "two units",
        "b28e_guangdong_chaozhou_2019": "levels run on to their shared organ (各县、区人民政府(管委会)): with commas the "
                                        "standing remark's copy and the note's are written differently",
        "b42p_unknown_fsou17191756_nd": "a collective of two kinds (市政府相关部门、单位) is one unit; with a comma the "
                                        "second kind stands alone in its clause",
        "b42p_unknown_fsounet17015749_nd": "kinds of organ after one 各 (各委、办、局等) are one collective; with commas, "
                                           "each stands alone in its clause",
    },
    "traditional": {
        "b40o_henan_xunxian_2018": "浚县 written 濬縣: the converter does not fold it back, so the county is not known",
        "b30a_guangdong_guangzhou_2006": ("a line a mirror read one GBK byte late: the dress converts its garbled characters "
                                          "as if they were words, so read again they no longer give the bytes they were"),
    },
    "full-width": {
        "b13t_fujian_shi_2009": "a forum's ASCII anti-copy noise: the dress makes its punctuation full width, so it reads as text",
    },
    "pdf-lines": {
        "b48a_hainan_sanya_nd": ("a page of raw HTML paragraphs (<p class=…>) on one line: cut at the width, a paragraph no "
                                 "longer ends a line, and an owner line is read with another item"),
        "b47b_liaoning_shi_nd": ("a page saved as one line whose items follow spaces ([接上页] 1. 相对指标: … 2. 绝对指标…): "
                                 "cut at the width, the items' numbers fall inside lines and are not read"),
        "b40t_heilongjiang_sheng_2024": ("a news page's lead restating a plan's goals, cut at the width: the line that "
                                         "states most of them holds only part of the paragraph"),
        "b37p_zhejiang_jiangbei_2023": ("a table a cell a paragraph whose heads carry pinyin glosses (序號(hào)), so no "
                                        "head is known before they go: cut at the width, its long cells come apart"),
        "b37p_heilongjiang_sheng_2010": ("a page saved as one line, a space at each break: cut at the width, the line no "
                                         "longer reads as paragraphs run together"),
        "b21x_zhejiang_haiyan_2022": ("paragraphs saved as one line, a space at each break: cut at the width, the line "
                                      "no longer reads as paragraphs run together, and its spaces are dropped"),
        "b17t_gansu_gangu_2020": ("items saved as one line, a space before each (2)…(15): cut at the width, the line no "
                                  "longer reads as paragraphs run together"),
        "b12o_zhejiang_ningbo_2014": ("a field label cut at the width (实 / 际完成情况) runs into the last unit before it, "
                                      "which no longer reads as a name"),
        "b14n_henan_pingdingshan_2018": "a table set with single spaces, its rows run together: cut at the width, they "
                                        "come apart elsewhere",
        "b13t_fujian_shi_2009": "a forum's anti-copy noise at line ends: cut at the width, its runs fall apart",
        "b10t_henan_zhengzhou_2007": "pinyin glosses (guān) widen every printed line: a name cut at the width is not "
                                     "told from a line that ends",
        "b19g_hebei_zhaoxian_2023": "pinyin glosses (qū) widen every printed line: a count cut from its measure at the "
                                    "width (11 / 个) is not told from a line that ends",
        "b30a_guangdong_guangzhou_2006": ("items whose labels a mirror garbled are told apart by their lines, each "
                                          "ending in its note: cut at the width, they nest under the first (same owners, "
                                          "other paths)"),
        "b30a_jiangsu_xuzhou_nd": ("a 牵头单位: label cut at the width from its names (…不断提高。牵头单位: / "
                                   "市综治办、公安局。) is not read as one note"),
        "b30d_chongqing_shi_2025": ("a table flattened onto one line, its cells apart by runs of spaces: cut at the "
                                    "width, the runs fall at the line ends and nothing marks the cells"),
        "b31s_yunnan_chuxiong_nd": ("a rectification list glued onto one line: cut at the width, its problem's "
                                    "责任单位: label is cut from the names, and the measures under it lose their owners"),
        "b34w_heilongjiang_sheng_2017": ("the last item's paragraph cut at the width right after a full stop: the lines "
                                         "after it read as the page's closing text, its 不少于30日 with them"),
        "b22c_henan_fangcheng_2024": "a count cut from its digits at the width (15 / 1件) is not told from two numbers",
        "b27t_henan_qixian_2022": "pinyin glosses (shí) widen every printed line: a count cut from its measure at the "
                                  "width (4 / 所) is not told from a line that ends",
        "b23r_ningxia_xingqing_2022": "a page with no numbered parts: cut at the width, a sentence leaves a line with no "
                                      "full stop, which is not told from the page's head",
        "b26a_sichuan_linshui_2024": "a run of rate names cut at the width (新增电子证 / 照、签章率“四个100%”): the quoted "
                                     "value loses the clause that names it",
        "b36d_unknown_gongan_2010": _SPACES_SET,
        "b45a_guangdong_sheng_2023": ("a split's rows run together, each closed by its 部门分工: sentence: cut at the width, "
                                      "a row's name and its label fall on different lines from the row's start"),
        "b46a_hubei_sheng_2018": ("a Traditional mirror's 牽頭單位 / 責任單位 lines with pinyin glosses: cut at the width, "
                                  "a label is cut from its names"),
        "b46b_qinghai_xining_2006": ("a plan's page run together, items with run-in headings: cut at the width, the "
                                     "part heading no longer stands on a line of its own"),
        "b46c_yunnan_qiaojia_nd": "a count cut from its measure at the width is not told from a line that ends",
        "b51a_unknown_jiaoyuju_2017": ("a PDF page saved as one line whose item label runs into a month (1.4 月底前): cut "
                                       "at the width, the label and the month come apart otherwise"),
        "b51c_guizhou_wangmo_2014": "pinyin glosses widen every printed line: a count cut from its measure at the width "
                                    "(32.6萬 / 人) is not told from a line that ends",
    },
    "no-break-space": {"b36d_unknown_gongan_2010": _SPACES_SET},
    # the page prints merged cells as rows shifted left; a Word or web table made from those rows
    # is not what the source table was (it would merge them), so the two need not read alike
    ".docx": _AS_FILES,
    ".html": {**_AS_FILES, "b30d_chongqing_shi_2025": _FLAT_LINE_IN_A_FILE},
    ".xlsx": {**_AS_FILES, "b30d_chongqing_shi_2025": _FLAT_LINE_IN_A_FILE},
}

DRESSES = {
    "crlf": lambda s: s.replace("\n", "\r\n"),
    "blank-lines": lambda s: s.replace("\n", "\n\n"),
    "indent": lambda s: "\n".join("\u3000\u3000" + line for line in s.split("\n")),
    "full-width": lambda s: s.translate(str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；"})),
    "half-width": lambda s: s.translate(str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "；": ";"})),
    "no-break-space": lambda s: s.replace(" ", "\xa0"),
    "pdf-lines": _printed_lines,
    "cell-per-line": _cell_per_line,
    "comma-lists": _comma_lists,
    # a table row copied from a spreadsheet or Word: cells between tabs, not pipes
    "tab-cells": lambda s: "\n".join(re.sub(r"\s*\|\s*", "\t", line).strip("\t") if line.count("|") >= 2 else line
                                     for line in s.split("\n")),
    "traditional": _traditional,
    "unknown-place": None,  # the document's place as one no lexicon knows: see below
    "部门-labels": lambda s: s.replace("牵头单位", "牵头部门").replace("责任单位", "责任部门").replace("配合单位", "配合部门"),
}


def facts(text: str, place: str | None = None) -> list[tuple]:
    """Tasks with owners, targets and deadlines, and the figures.  An owner by its canonical name,
    or where the place was changed by its name as written, the place put back (no lexicon can say
    which prefecture an unknown county is in)."""
    return facts_of(extract_text(text), place)


def facts_of(result, place: str | None = None) -> list[tuple]:
    name = (lambda u: u.shown.replace("鹤溪", place)) if place else (lambda u: u.name)
    out = []
    for t in result.tasks:
        out.append((t.path, *(tuple(sorted(name(u) for u in getattr(t, r))) for r in ("lead", "responsible", "cooperating")),
                    tuple(sorted(f"{x.op} {x.value}" for x in t.targets if not x.qualitative)),
                    tuple(sorted(str(d.date) for d in t.deadlines))))
    out.append(("figures", tuple(sorted(a.value for a in result.achievements))))
    return out


@pytest.fixture(scope="module")
def originals():
    out = {}
    for p in DEV:
        text = p.read_text(encoding="utf-8")
        place = place_named(p.stem, text)
        out[p.stem] = (text, facts(text), place, facts(text, place) if place else None)
    return out


def test_the_development_split_is_here():
    assert len(DEV) >= 100


@pytest.mark.parametrize("dress", sorted(DRESSES))
def test_the_same_facts_whatever_the_dress(dress, originals):
    changed = []
    for stem, (text, expected, place, as_written) in originals.items():
        if dress == "unknown-place":
            if not place:
                continue
            got, expected = facts(text.replace(place, "鹤溪"), place), as_written
        elif dress == "pdf-lines" and _cell_per_line_table(text):
            continue
        else:  # the owners' canonical names (Traditional: their Simplified name)
            got = facts(DRESSES[dress](text))
        if got != expected:
            changed.append(stem)
    changed = [stem for stem in changed if stem not in KNOWN.get(dress, {})]
    assert not changed, f"{dress}: {len(changed)} documents read differently: {changed[:10]}"


def _rows(text: str):
    """The text as blocks: ("p", line) or ("table", rows of cells) for runs of lines with two or more |."""
    blocks: list = []
    for line in text.split("\n"):
        if line.count("|") >= 2 and not re.fullmatch(r"[\s|:\-]*", line):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if blocks and blocks[-1][0] == "table":
                blocks[-1][1].append(cells)
            else:
                blocks.append(("table", [cells]))
        elif line.strip() and not re.fullmatch(r"[\s|:\-]*", line):
            blocks.append(("p", line))
    return blocks


def _write_docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    for kind, value in _rows(text):
        if kind == "p":
            document.add_paragraph(value)
            continue
        width = max(len(r) for r in value)
        table = document.add_table(rows=len(value), cols=width)
        for i, row in enumerate(value):
            for j, cell in enumerate(row):
                table.cell(i, j).text = cell
    document.save(path)


def _write_html(text: str, path: Path) -> None:
    from html import escape

    body = []
    for kind, value in _rows(text):
        if kind == "p":
            body.append(f"<p>{escape(value)}</p>")
        else:
            body.append("<table>" + "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>"
                                            for row in value) + "</table>")
    path.write_text('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div class="content">'
                    + "\n".join(body) + "</div></body></html>", encoding="utf-8")


def _write_xlsx(text: str, path: Path) -> None:
    """As a 责任分工表 kept in Excel: a line of text a one-cell row, a table's row its cells."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for kind, value in _rows(text):
        for row in (value if kind == "table" else [[value]]):
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                cell.data_type = "s"  # "=1" typed into a cell as text, not a formula Excel would compute
    book.save(path)


FILES = {".docx": _write_docx, ".html": _write_html, ".xlsx": _write_xlsx}


@pytest.mark.parametrize("suffix", sorted(FILES))
def test_the_same_facts_from_a_file(suffix, originals, tmp_path):
    """The document saved as Word or as a web page (tables as real tables) and read back from the file."""
    from kg.extract.pipeline import extract_path

    changed = []
    for stem, (text, expected, _, _) in originals.items():
        path = tmp_path / f"{stem}{suffix}"
        FILES[suffix](text, path)
        if facts_of(extract_path(path)) != expected:
            changed.append(stem)
    changed = [stem for stem in changed if stem not in KNOWN.get(suffix, {})]
    assert not changed, f"{suffix}: {len(changed)} documents read differently: {changed[:10]}"
