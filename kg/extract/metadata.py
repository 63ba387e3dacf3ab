"""Document metadata: title, issuing body, document number, date, jurisdiction, genre, period.

Everything is read from the preamble (the text before the first numbered part) and, for web
copies, from the site's metadata header (索引号 … 发布机构 … 文号 …), whose fields the
normalizer has run together; the labels themselves split them again.
"""

from __future__ import annotations

import datetime as _dt
import re

from kg.model import DocumentMeta, Extraction, Jurisdiction, OutlineNode
from kg.ingest.patterns import DEBRIS_LINE, DOC_NUMBER
from kg.numerals import cn_number, cn_year
from kg.extract.genre import PROGRESS_NOTICE, detect_genre, headline_kind

_HEADER_LABELS = ("索引号", "组配分类", "发布机构", "发文机关", "发文日期", "成文日期", "发布日期", "文号", "发文字号", "文件编号",
                  "主题分类", "体裁分类", "公开方式", "公开范围", "时效", "生成日期", "信息来源", "标题", "发文时间", "主题词")
_HEADER_FIELD = re.compile(
    "(?P<label>" + "|".join(sorted(_HEADER_LABELS, key=len, reverse=True)) + r")\s*[::]?\s*"
    r"(?P<value>.*?)(?=" + "|".join(sorted(_HEADER_LABELS, key=len, reverse=True)) + r"|\n|$)"
)
_TITLE_WORDS = rf"(?:》政策解读|》解读|工作计划|重点工作计划|计划|工作要点|要点|实施方案|方案|规划|纲要|报告|意见|若干措施|措施|安排|分工|分解|清单|工作总结|总结|分工表|分解表|任务表|台账|建设情况|工作情况|总体情况|情况说明|情况表|统计表|一览表|汇总表|目标表|申报表|进度表|指标表|责任书|承诺事项|{PROGRESS_NOTICE})"
_TITLE_LINE = re.compile(rf"^(?!关于印发)(?!印发)(?!现将)[^,。:;!?]{{4,80}}{_TITLE_WORDS}(?:\([^()]*\))?$")
_QUOTED_TITLE = re.compile(rf"《(?P<title>[^《》]{{4,80}}?{_TITLE_WORDS}(?:\([^()]*\))?)(?:》|$)")
_RED_HEADER = re.compile(r"^(?P<issuer>.{4,40}?)(?:文件|公报|函)$")
_SIGNATURE = re.compile(r"^(?P<issuer>[^,。:;\d]{3,40}?)\s*(?P<date>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$")
_DATE_CN = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_DATE_HANZI = re.compile(r"(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日")
_DATE_ISO = re.compile(r"(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
_DATE_RUN = re.compile(r"^(?:19|20)\d{5,6}$")  # "2020925": a date whose 年月日 were lost
_PERIOD = re.compile(r"(?P<a>(?:19|20)\d{2})\s*[-—–~至到]\s*(?P<b>(?:19|20)\d{2})\s*年")
_YEAR_IN_TITLE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年|(?P<cn>[一二][〇○零一二三四五六七八九]{3})年")
# a page without its title: the body names its year where a paragraph opens (2020年是…攻坚提升年。 / 2020年,…)
# or where it sets the whole place's work for it (…,2021年全市新建公办幼儿园…; not 到2021年全市…: an aim)
_YEAR_OPENING = re.compile(r"^[ \t]*(?P<y>(?:19|20)\d{2})年(?:是|度?[,,])"
                           r"|(?<![到至\d])(?P<all>(?:19|20)\d{2})年(?=全(?:市|县|区|省|州|盟|旗))"
                           r"|现将[^。\n]{0,40}?(?<![到至\d—-])(?P<sent>(?:19|20)\d{2})年度?[^。\n\d]{0,40}?印发"  # (what a notice sends)
                           r"|^[ \t]*\((?P<line>(?:19|20)\d{2})年度?\)[ \t]*$", re.M)  # (a title's year on a line of its own: (2023年))
_GOV_OF = re.compile(r"关于(?P<area>[^,。]{2,12}?[区县市])(?:人民)?政府")
_ZONE = re.compile(r"(?P<zone>[\u4e00-\u9fff]{2,8}?(?:经济技术开发区|高新技术产业开发区|经济开发区|高新区|开发区|新区|工业园区))")
# a line that is only the name of an issuing body: 福建省人民政府办公厅, 中共张掖市委
_ORGAN_LINE = re.compile(r"^(?:中共)?[\u4e00-\u9fff]{2,24}?(?:人民政府|政府|办公厅|办公室|委员会|司法局|局|委|厅|办|领导小组|办事处|管委会|法院|检察院|中心|管理处)$")
_PAGE_DATE = re.compile(r"(?:发布时间|发布日期|更新时间|发表时间|(?<=[\s\d])时间(?=\s*[::]\s*[\d\-/.]+\s*来源))\s*[::]\s*(?P<date>(?:19|20)\d{2}[-/.年]\s*\d{1,2}[-/.月]\s*\d{1,2}日?)"
                        r"|^\s*(?P<stamp>(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?=\s)|(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)\s*\d{1,2}:\d{2}")
_ISSUER_IN_TITLE = re.compile(r"^(?P<org>[^关《\d]{3,30}?)(?:关于|印发|转发|(?=(?:19|20)\d{2}\s*年))")
_ALIAS = re.compile(r"\([^()]{1,10}\)$")  # 藏语委办(编译局): an organ with its other name


def _valid_date(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """A date written the ways this genre writes it, as ISO: 2021年9月10日, 二〇二一年九月十日, 2021-09-01, 2020925."""
    m = _DATE_CN.search(text) or _DATE_ISO.search(text)
    if m:
        return _valid_date(int(m["y"]), int(m["m"]), int(m["d"]))
    m = _DATE_HANZI.search(text)
    if m:
        year = cn_year(m["y"])
        month, day = cn_number(m["m"]), cn_number(m["d"])
        return _valid_date(year, month, day) if year and month and day else None
    text = text.strip()
    if _DATE_RUN.match(text):
        year, rest = int(text[:4]), text[4:]
        candidates = {_valid_date(year, int(rest[:i]), int(rest[i:])) for i in (1, 2) if rest[i:]}
        candidates.discard(None)
        if len(candidates) == 1:
            return candidates.pop()
    return None


def _preamble(text: str, outline: list[OutlineNode]) -> str:
    """The text before the document's body: its head and a covering notice, if any."""
    end = 0
    for node in outline:
        if node.role not in ("preamble", "notice"):
            break
        end = max(end, max((n.end for n in node.walk()), default=node.end))
    if end == 0:
        return ""
    # and the lines right after a notice, where the sent document's title stands
    first_body = next((n for n in outline if n.role not in ("preamble", "notice")), None)
    return text[: first_body.start if first_body is not None else end]


def header_fields(preamble: str) -> dict[str, str]:
    """The metadata table of a government web page, label → value."""
    fields: dict[str, str] = {}
    for m in _HEADER_FIELD.finditer(preamble):  # (a table's row: 发布机构: | 县政府办公室 | 有效性: |)
        value = next((cell.strip(" []") for cell in re.split(r"\||\s\[", m["value"]) if cell.strip(" []")), "")  # ([ 发布机构 ]… [ 有效性 ])
        if value and m["label"] not in fields:
            fields[m["label"]] = value
    return fields if len(fields) >= 2 else {}


# a notice's title line (…关于印发…的通知) or a news lead (近日,市委、市政府印发了《…》), not a
# sentence deep in a paragraph that tells of one (…提高法律服务质效。太湖县印发了《…》)
_NOTICE = re.compile(r"^[^。;!?]{0,40}?(?:印发|转发)|的通知$")
# the document a notice sends: 关于印发2023年区《政府工作报告》确定的主要目标任务责任分解方案的通知
_SENT = re.compile(r"(?:印发|转发|公布|下达)(?P<title>[^,。;:]{4,80}?)的通知$"
                   # …or the notice's sentence: 现将《…》印发给你们, 《…》已经…常务会议审定,现印发给你们
                   r"|《(?P<given>[^《》]{4,80})》[^《》。]{0,50}?印发给你们")
# what a document may quote but is never itself: the national framework, laws, regulations
_CITED = re.compile(r"(?:纲要|条例)(?:\([^()]*\))?$|^中华人民共和国|法$")  # (…规划纲要任务清单: the document's own)
_INNER_QUOTE = re.compile(r"《[^《》]{0,80}》|〈[^〈〉]{0,80}〉")


def _cites(title: str) -> bool:
    """A title that is itself a quoted framework or law; one that only names it in 《》 (和平区关于落实
    《…纲要》的实施方案) is the document's own."""
    return bool(_CITED.search(_INNER_QUOTE.sub("", title)))


_LISTED = re.compile(r"^(?:附件\s*[::]?\s*)?\d{1,2}\s*[.、]")
# a line holding only the period a title's line left over: (2021—2025年)
_PERIOD_LINE = re.compile(r"^\((?:19|20)\d{2}\s*[-—–~至]\s*(?:19|20)\d{2}\s*年\)$")
# a title's lines may hold its year (抚顺市顺城区人民政府关于2023年 / 法治政府建设情况的报告)
_YEAR = re.compile(r"(?:19|20)\d{2}年度?")


def _candidates(lines: list[str]) -> list[str]:
    """The lines, then each pair of short lines joined (a title broken by the page layout)."""
    pairs = [line + nxt for line, nxt in zip(lines, lines[1:])  # (a year may stand in it: 《政府工作报告》2022年重点工作)
             if len(line) <= 30 and len(nxt) <= 30 and not re.search(r"[。:;,\d]", _YEAR.sub("", line + nxt[:1]))]
    return lines + pairs


# how a title starts (关于…, 2023年…, 某某市…): the line above a title's second half starts so, the half does not
_TITLE_START = re.compile(r"^(?:关于|《|(?:19|20)\d{2}|[\u4e00-\u9fff]{1,8}?(?:省|市|县|区|州|旗|盟))")


_COLUMN_TAG = re.compile(r"^【[^【】\n]{1,12}】(?=[^【】\n]{4})")
_NUMBER_BESIDE = re.compile(r"\s*\([^()]{1,12}〔(?:19|20)\d{2}〕\s*\d{1,4}\s*号\)\s*$"
                            r"|^[\u4e00-\u9fff]{1,10}〔(?:19|20)\d{2}〕\s*\d{1,4}\s*号\s*(?=[\u4e00-\u9fff]{4})"
                            r"|\.(?:docx?|pdf|wps|xlsx?)$")  # (…任务清单.docx: a sharing site's file name)
_WIKI_LEAD = re.compile(r"^《(?P<title>[^《》]{4,80})》是(?:(?:19|20)\d{2}年)?[^。]{0,40}(?:发布|印发|制定|出台)")


_INNER = re.compile(r"[《》〈〉<>]")


def _sent_title(line: str) -> str | None:
    """The title of the document a covering notice's line sends (关于印发《…》的通知)."""
    m = _QUOTED_TITLE.search(line) if _NOTICE.search(line) else None
    sent = None if m else _SENT.search(line)  # (关于印发…方案的通知 without 《》; 现将《…》印发给你们)
    return m["title"] if m else (sent["title"] or sent["given"]).strip() if sent else None


def find_title(lines: list[str]) -> str | None:
    """The document's own title: a line that reads as one (a joined pair where the layout broke
    it), or the document a covering notice prints (关于印发《…》的通知) — never a 《纲要》 or law the
    text quotes."""
    # a line with its number beside it (…的通知(川办发〔2020〕31号), 鲁政办字〔2015〕46号 …) or a column tag (【法治建设报告】…)
    lines = [_COLUMN_TAG.sub("", _NUMBER_BESIDE.sub("", line)) for line in lines]
    # a wiki mirror's lead sentence: 《梧州市人民政府2018年度法治政府建设工作报告》是2019年…发布的通知。
    for line in lines[:3]:
        lead = _WIKI_LEAD.match(line)
        if lead and _TITLE_LINE.match(lead["title"]) and not _cites(lead["title"]):
            return lead["title"]
    for above, line in zip(lines, lines[1:]):  # 灵寿县人民政府 / 关于2025年度…的报告: the issuer heads the title
        if line.startswith("关于") and _ORGAN_LINE.match(above) and _TITLE_LINE.match(above + line):
            return above + line
    every = _candidates(lines)  # a notice's list of attachments (2.2025年…任务分解) only where nothing else reads as one
    candidates = [c for c in every if not _LISTED.match(c)] + [_LISTED.sub("", c) for c in every if _LISTED.match(c)]
    for line in candidates:
        if _TITLE_LINE.match(line) and not _NOTICE.search(line) and not _cites(line):
            above = ""
            if line in lines:  # a title whose period the layout put on the next line
                i = lines.index(line)
                if i + 1 < len(lines) and _PERIOD_LINE.match(lines[i + 1]):
                    return line + lines[i + 1]
                above = lines[i - 1] if i else ""
                if 4 <= len(above) <= 30 and not re.search(r"[。:;,()\d]", _YEAR.sub("", above)) and not _ORGAN_LINE.match(above) \
                        and _TITLE_START.match(above) and not _TITLE_START.match(line) \
                        and not _TITLE_LINE.match(above) and _TITLE_LINE.match(above + line):
                    return above + line  # 厦门市聚焦企业关切进一步落实 / 优化营商环境政策的若干措施
            # the second half of a title the covering notice sends whole (印发《落实〈政府工作报告〉重点工作部门分工的意见》)
            whole = next((t for t in map(_sent_title, candidates) if t and t != line and t.endswith(line)), line)
            # (as the document's own heading prints it, over two lines, where it does: 落实《政府工作报告》重点工作 / 部门分工的意见)
            return above + line if _INNER.sub("", above + line) == _INNER.sub("", whole) else whole
    for line in candidates:
        sent = _SENT.search(line)
        if sent:
            title = (sent["title"] or sent["given"]).strip()
            if title.startswith("《") and title.endswith("》") and title.count("《") == 1:
                title = title[1:-1]
            if not _cites(title):
                return title
        m = _QUOTED_TITLE.search(line) if _NOTICE.search(line) else None
        if m and not _cites(m["title"]):
            return m["title"]
    # else a notice that is itself the document (…关于明确2023年重点工作责任单位的通知, its tasks below it)
    return next((line for line in lines if _OWN_NOTICE.match(line)), None) or _headline(lines)


# a news page's byline: 作者:… 文章来源:… 更新时间:2009/5/22 9:14:37 / 2021年03月10日 08:07 来源:南海网
_BYLINE = re.compile(r"(?:来源|发布时间|发布日期|发表时间|更新时间|作者|编辑)[::]?[^\n]{0,40}?(?:19|20)\d{2}[-/.年]\d{1,2}"
                     r"|(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*\d{1,2}:\d{2}")


def _headline(lines: list[str]) -> str | None:
    """A news page's headline: the line right above its byline, where nothing reads as a title (not a
    breadcrumb, a caption or a file's name, nor a sentence)."""
    for above, line in zip(lines[:12], lines[1:13]):
        if _BYLINE.search(line) and not _BYLINE.search(above) and not _HEADER_FIELD.match(above) and 6 <= len(above) <= 60 \
                and not re.search(r"[。>»]|位置|^图\d|[::]$|\.(?:docx?|pdf|wps)$", above):  # (河北:力争…: a headline's place)
            return above
    return None


def _opening(body: str) -> str:
    """Where a page with no head says which place acts (2024年,龙华区司法行政系统坚持…): its opening sentence, not a
    《…》 it quotes, not after the page's own 我市 (我市…接收宜春市热线中心转来的), nor in a ranking of its parts (排名 /
    第一名金寨县)."""
    return re.split(r"[。:;?!]|我(?:省|市|县|区|州|旗)|排名|排序", _INNER_QUOTE.sub("", body.lstrip()[:300]))[0][:120]


_OWN_NOTICE = re.compile(r"^(?!.*(?:印发|转发))[^,。:;《》]{0,40}?关于[^,。:;]{4,80}的(?:通知|通报|函|决定|公示)$")


_ADDRESSEES = re.compile(r"(?m)^各[^。\n]{2,300}?[::][ \t]*$")


def _jurisdiction(issuer: str | None, title: str | None, preamble: str) -> Jurisdiction | None:
    from kg.reference import jurisdiction as jz

    # the notice's addressees (各县(市、区)人民政府,…东城区管委会,市人民政府各部门:) are below the
    # issuer: a place they name is not the document's
    probes = [p for p in (issuer, title) if p] + [_ADDRESSEES.sub("", preamble[:2000])]
    for probe in probes:
        zone = _ZONE.search(probe)
        if zone:
            parent = jz.find(zone["zone"])
            if parent is not None and parent.level in ("city", "province"):
                return jz.zone(zone["zone"], parent)
        found = jz.find(probe)
        if found is not None:
            return found
    return None


def _full_government(j: Jurisdiction | None) -> str | None:
    if j is None:
        return None
    names = [x.name for x in reversed(j.chain()) if x.level != "province"]
    return "".join(names) + "人民政府"


def extract_metadata(text: str, outline: list[OutlineNode], *, source: str) -> DocumentMeta:
    pre = _preamble(text, outline)
    lines = [ln.strip().rstrip(" |") for ln in pre.split("\n") if ln.strip().rstrip(" |")]
    lines = [ln for ln in lines if not DEBRIS_LINE.match(ln)]  # the site's breadcrumb, font switch …
    lines = lines[: next((i for i, ln in enumerate(lines) if ln in ("序号", "编号")), len(lines))]  # (a table's heads after)
    fields = header_fields(pre)
    meta = DocumentMeta(source=source)

    meta.title = t if _TITLE_LINE.match(t := fields.get("标题", "")) else find_title(lines)  # (| 标题:…工作计划 |: the page's field)

    issuer = fields.get("发布机构") or fields.get("发文机关")
    red_header = None
    date = parse_date(fields.get("成文日期", "")) if fields.get("成文日期") else None
    for line in lines:
        sig = _SIGNATURE.match(line)
        if sig and not date:
            date = parse_date(sig["date"])
            issuer = issuer or sig["issuer"].strip()
        red = _RED_HEADER.match(line)
        if red and line is lines[0]:
            red_header = red["issuer"]  # the red header's short name, if no signature gives the full one
    if not date:
        for i, line in enumerate(lines):
            if _DATE_RUN.match(line) or re.fullmatch(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日", line) or _DATE_HANZI.fullmatch(line):
                date = parse_date(line)  # None where the run reads two ways (2019116: 1月16日 or 11月6日)
                # a signature: the issuing bodies on the lines right above the date
                signers = []
                for above in reversed(lines[max(0, i - 2): i]):
                    if not _ORGAN_LINE.match(above):
                        break
                    signers.insert(0, above)
                if signers and not issuer:
                    issuer = "、".join(signers)
                if date or signers:
                    break
    # (else the body heading its notice's title: 漯河市畜牧局 / 关于印发…的通知)
    # (or the body printed on the line above its title: 天津市河北区人民法院 / 项目支出绩效目标表)
    issuer = issuer or red_header or next((a for a, b in zip(lines, lines[1:]) if (b.startswith("关于") or (
        len(b) > 3 and (meta.title or "").startswith(b))) and _ORGAN_LINE.match(a)), None)
    date = date or next((d for f in ("发文日期", "发文时间") if fields.get(f) and (d := parse_date(fields[f]))), None)
    if not date:  # no signature: the page's own date line (发布时间:2026-01-22 15:55, 2020年03月29日08:00 来源:,
        # 索引号:… 时间:2020-05-11 来源:…)
        stamp = next((m for line in (*text.split("\n", 12)[:12], *text.rsplit("\n", 12)[-12:])  # (head or foot)
                      if (m := _PAGE_DATE.search(line))), None)
        date = parse_date(stamp["date"] or stamp["stamp"]) if stamp else None
    meta.date = date

    number = fields.get("文号") or fields.get("发文字号") or fields.get("文件编号")
    if not number:
        for line in lines:
            m = DOC_NUMBER.match(line.lstrip("•·-— ("))  # (• -穗府〔2021〕3号, (汴政办〔2005〕34号): a mark before it
            if m:
                number = m["num"]
                break
    if number:
        m = DOC_NUMBER.search(number)
        # (a field left empty runs into the next label, 文号: 词:, or says 无: no number)
        meta.doc_number = re.sub(r"\s+", "", m["num"]) if m else number if re.search(r"\d", number) else None

    meta.jurisdiction = _jurisdiction(issuer, meta.title, pre) or _jurisdiction(None, None, _opening(text[len(pre):]))
    # 天津市司法局关于2025年度…的报告: the body that heads its own title, or the notice sending it (X印发…的通知)
    heads = (_ISSUER_IN_TITLE.match(t) for t in (meta.title or "", next((ln for ln in lines if ln.endswith("的通知")), "")))
    issuer = issuer or next((h["org"] for h in heads if h and _ORGAN_LINE.match(_ALIAS.sub("", h["org"]))), None)
    if not issuer and meta.title:
        gov = _GOV_OF.search(meta.title)
        if gov and meta.jurisdiction is not None:
            issuer = _full_government(meta.jurisdiction)
    meta.issuer = issuer

    title = meta.title or ""
    # (a headline names no kind: what it says is to be done, or else the body, tells it)
    meta.genre = detect_genre(title, pre, text) or (headline_kind(title) or detect_genre("", pre, text) if title else None)
    period = _PERIOD.search(title)
    if period:
        meta.period = (int(period["a"]), int(period["b"]))
    else:
        year = _YEAR_IN_TITLE.search(title)
        if not year and not meta.date:
            opened = {m["y"] or m["all"] or m["sent"] or m["line"] for m in _YEAR_OPENING.finditer(text, 0, 3000)}
            meta.year = int(opened.pop()) if len(opened) == 1 else None
        elif year:
            meta.year = int(year["y"]) if year["y"] else cn_year(year["cn"])
    return meta


_HAN = re.compile(r"[\u4e00-\u9fff]")


def as_written(result: Extraction) -> None:
    """Title, issuer and 文号 in the document's own script (貴州省人民政府, 黔府發〔2018〕11號), as its units are: each
    is read from the Simplified normalized text, found there and shown as the document writes that span."""
    for name in ("title", "issuer", "doc_number"):  # (an issuer: each body a signature lists, joined by 、)
        if value := getattr(result.document, name):
            setattr(result.document, name, "、".join(_written_span(result, part) for part in value.split("、"))
                    if name == "issuer" else _written_span(result, value))


def _written_span(result: Extraction, value: str) -> str:
    at = result.text.find(value)
    shown = result.written(at, at + len(value)) if at >= 0 else ""
    same = len(shown) == len(value) and all(a == b or _HAN.match(a) and _HAN.match(b) for a, b in zip(shown, value))
    return shown if same else value  # (the same characters but for the script: brackets and digits as normalized)
