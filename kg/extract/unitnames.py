"""What a unit name looks like, and how a list of them is cut into names.

A unit is recognised by its grammar as well as by the lexicon, so that a unit never seen before
is still a unit: an optional jurisdiction or level prefix (南京市, 区, 省直, 各), a core, and an
organ word at the end (局, 委, 办, 厅, 中心, 管委会, 人民政府, 领导小组办公室 …), perhaps with a
bracketed addition (区委宣传部(文明办), 各街道(功能区)); or a collective (各地, 各有关部门,
市级各有关部门).

A list is cut at 、 , ; and at 和 / 及 / 与 between two complete names (人力资源和社会保障局 keeps its
和), with the pieces put back together where the list was inside one name: 各市、县(区)人民政府
and 县政府具有行政执法职能的各委、办、局 are one unit each.  A trailing 等 (等部门, 等有关单位) is
dropped.  Everything here runs in time linear in the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.model import Mention
from kg.reference.jurisdiction import is_short_name
from kg.vocab import ROLE_BY_LABEL

# what a unit's name ends with (longest first where it matters; 司: a ministry's 综合规划司; 住房城乡 is no 乡)
ORGAN_END = re.compile(
    r"(?:人民政府|政府|办公厅|办公室|委员会|领导小组|工作小组|指挥部|管委会|管理委员会|管理局|分局|支队|大队|中队|"
    r"中心|局|委|办|厅|部|院|署|处|科|股|室|所|站|队|庭|行|社|会|组|团|联|校|馆|台|"
    r"公司|司|集团|银行|分行|支行|直属库|监狱|海关|街道|街道办事处|乡镇|(?<![房和]城)乡|镇|园区|开发区|经开区|高新园|港区|新区|高新区|特区|管理区|平台|专班|"
    r"单位|部门|机关|机构|各地|各级|企业|学校|幼儿园|医院|党校|学院)"
    r"(?:[ ]?\([^()]{1,12}\)|〔[^〔〕]{1,12}〕)?$")  # (a second name after it: 市府办(市大数据局), 市府办〔市大数据局〕,
    # the space a line break before it became in a cell put together from lines)
# a list piece that is only a level: 各市 / 县(区) / 州 / 各乡 — the rest of the name follows the 、
_LEVEL_ONLY = re.compile(r"^(?:各|相关|有关)?(?:省|市|州|盟|县|区|旗|乡|镇|县市区|县市|市州|县区)(?:\([^()]{1,8}\)|〔[^〔〕]{1,8}〕)?$")
_ORGAN_ONLY = re.compile(r"^(?:委|办|局|厅|室|所|站|队|中心)$")
# kinds of body named bare after a 各 list's first (各乡、街办、管理处; 各镇区、街道; 各县(市)党委、政府): one collective
_KINDS_UNDER_EACH = re.compile(r"^(?:乡|镇|乡镇|镇区|街道|街办|街道办|街道办事处|社区|村|村居|村(?:社区)|管理处|管委会|园区|政府|人民政府|党委|党组)$")
# …and the next level with the organ the levels share (县(区)人民政府, 区政府, 镇), not a body of its own (区委组织部)
_LEVEL_NEXT = re.compile(r"^(?:省|市|州|盟|县|区|旗|乡|镇)+(?:\([^()]{1,8}\)|〔[^〔〕]{1,8}〕)?(?!委)[\u4e00-\u9fff()]{0,30}$")
_WHOLE_ORGAN_END = re.compile(r"(?:人民政府|政府|办事处|管委会)$")
_COLLECTIVE = re.compile(r"^(?:各|全体|所有)|各(?:有关|相关)?(?:部门|单位)$|有关(?:部门|单位)$")
# (试行, 暂行 end in 行 as a bank does; 以下简称… glosses a name, it is none)
_NOT_A_NAME = re.compile(r"[。!?:]|\d{2,}|完成|推进|建立|加强|开展|实施方案|要求|确保|年底|月底|^(?:以下)?简称|我们|认识到|对于"
                         r"|(?:试行|暂行|施行|推行|实行|进行|运行|执行|先行|发行|草案|征求意见稿|修订|修正|主要|官司|上司)$")
_COUNTED = re.compile(r"^\d{1,3}个?(?=县|市|区|乡|镇|街道|旗)")
_AND = re.compile(r"[和及与/ ]")  # (a space or a slash between two names, as in 县司法局 县法院, 县司法局/县法院)
_TRIM = " ,;、。.:—-–─━"  # (a dash or a rule before a note's first name: ——县司法局牵头, ──由市卫生局…)


# endings that leave no doubt a name is whole (a cut-off 县政府各部 ends with 部, not 部门)
_WHOLE_END = re.compile(r"(?:人民政府|政府|办公厅|办公室|委员会|领导小组|管委会|分局|中心|部门|单位|机关|局|委|办|厅|院|海关|银行|分行|支行|街道|乡镇|镇|乡)"
                        r"(?:\([^()]{1,12}\))?$")


# a county or district a labelled note names bare among its owners (责任单位:市教育局,西秀区、普定县): its government;
# not a kind of area (工业园区, 社区, 城区) nor the whole or this one (全区, 本县)
_PLACE = re.compile(r"(?![全本我该各])[\u4e00-\u9fff]{2,8}?(?:(?<![园社景辖片小山城市县矿库牧校街])(?:自治县|自治旗|县|区|市|旗)"
                    r"|社区|村|街道)")  # (责任单位:凤池社区: the community's committee)


def place_name(text: str) -> bool:
    """Whether the text is a place's name alone: a county, district or city (普定县, 镇宁自治县), or a
    community, village or street (凤池社区)."""
    return len(text) <= 12 and bool(_PLACE.fullmatch(text.strip(_TRIM)))


def surely_whole(text: str) -> bool:
    """Whether a name at the place where a page was cut off is still the whole name."""
    return _known(text) or bool(_WHOLE_END.search(text))


def other_name(text: str, at: int, inner: str) -> bool:
    """Whether the bracket opening at ``at`` holds the other name of the organ just before it
    (领导小组办公室(市政府法制办公室)): one name, right after an organ's name — no note of owners."""
    return not re.search(r"[、,和及]", inner) and ORGAN_END.search(text[max(0, at - 12): at]) is not None


def looks_like_unit(text: str) -> bool:
    """Whether the text reads as the name of a unit (or a collective of units)."""
    if len(text) > 60:  # checked first: every test below then costs a bounded time
        return False
    text = text.strip(_TRIM)
    if counted := _COUNTED.match(text):  # 10县市人民政府, 12个街道: a collective counted
        return looks_like_unit(text[counted.end():])
    if not 2 <= len(text) <= 40 or _NOT_A_NAME.search(text) or "|" in text or text in ROLE_BY_LABEL:
        return False  # (a table's row, or a role's column head — 责任单位 — is no name)
    if _known(text):
        return True
    return bool(ORGAN_END.search(text) or _COLLECTIVE.search(text))


def known_unit(text: str) -> bool:
    """Whether the lexicon knows the name (with or without its level)."""
    return _known(text.strip(_TRIM))


@lru_cache(maxsize=4096)
def _known(text: str) -> bool:
    from kg.reference import lexicon

    index = lexicon.alias_index()
    if text in index:
        return True
    for prefix in ("省", "市", "区", "县", "州", "省委", "市委", "区委", "县委", "州委"):
        if text.startswith(prefix) and text[len(prefix):] in index:
            return True
    return text in _collectives()


@lru_cache(maxsize=1)
def _collectives() -> frozenset[str]:
    from kg.reference import lexicon

    return frozenset(lexicon.collective_subjects()) | frozenset(lexicon.placeholders())


_REMARK = re.compile(r"\((?:含|包括|包含)[^()]{0,60}\)$|\([^()]{0,60}下同\)$")


# (以上工作由…, 本部分任务由…: what the note speaks for, before the name)
_LEAD_WORD = re.compile(r"^(?:以及|并由|(?:具体|分别|统一|主要)由|由|及|(?:以上|上述|本部分|本项|上列)[\u4e00-\u9fff\d]{0,6}?均?由)")


_SUBJECT_BY = re.compile(r"^[\u4e00-\u9fff]{2,8}?(?<!自)均?由")


def _strip(text: str, start: int) -> Mention | None:
    """One list element without separators, the list's trailing 等 …, or a bracket closing the note."""
    left = len(text) - len(text.lstrip(_TRIM))
    text, start = text[left:], start + left
    lead = _LEAD_WORD.match(text)  # (由县司法局负责), (…,以及各乡镇人民政府): a word before the name
    if lead and len(text) - lead.end() >= 2:
        text, start = text[lead.end():], start + lead.end()
    elif (by := _SUBJECT_BY.match(text)) and not looks_like_unit(text[: by.end() - 1]) and looks_like_unit(text[by.end():]):
        text, start = text[by.end():], start + by.end()  # (评议考核由政策法规处牵头: the work named, then by whom)
    text = text.rstrip(_TRIM)
    while text and text[-1] in ")〕" and text.count("(") + text.count("〔") < text.count(")") + text.count("〕"):
        text = text[:-1].rstrip(_TRIM)
    remark = _REMARK.search(text)  # 各县(市、区)法宣办(含高新区党群工作部,下同): a remark on the name
    if remark and remark.start() >= 2:
        text = text[: remark.start()].rstrip(_TRIM)
    cut = re.search(r"等(?:[\u4e00-\u9fff]{0,24}?(?:有关|相关|其他)?(?:部门|单位|机构))?$", text)
    if cut and cut.start() >= 2:
        text = text[: cut.start()]
    work = _WORK_AFTER.search(text)  # 出入境根据各自执法实际制定: the last name, then what the list is to do
    if work and not looks_like_unit(text) and looks_like_unit(text[: work.start()]):
        text = text[: work.start()]
    if not text or not re.search(r"[\u4e00-\u9fff]", text):
        return None
    return Mention(text, start, start + len(text))


_WORK_AFTER = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:根据|按照|结合|对本|分头)")


def _pieces(text: str) -> list[tuple[int, int]]:
    """Spans of the text between top-level 、 , ; (brackets protect their contents)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "(〔〈":  # (各县〈市、区〉政府)
            depth += 1
        elif ch in ")〕〉":
            depth = max(0, depth - 1)
        elif ch in "、,;\n" and depth == 0:  # (a line break between names in a table's cell)
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    return out


# 银川市、石嘴山市、吴忠市人民政府: places named bare, then the last with the organ they share
_PLACES_SHARING = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:省|市|州|盟|县|区|旗)$")
_PLACE_ORGAN = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:省|市|州|盟|县|区|旗)(?:人民政府|政府|党委|人大常委会"
                          r"|[\u4e00-\u9fff]{2,8}部门)$")  # (海东市、兰州市、临夏州发展改革部门: places sharing one kind of body)
_ZONE_ONLY = re.compile(r"^[\u4e00-\u9fff]{1,10}(?:新区|开发区|港区|高新区|经开区|园区|示范区|试验区)$")
_ZONE_ORGANS = r"(?:管委会|管理委员会|管委|党工委)"
_BARE_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,5}$")
_DISTRICT = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:管理区|农场|林场|垦区)$")
_ZONE_ORGAN = re.compile(rf"^[\u4e00-\u9fff]{{1,12}}(?:新区|开发区|高新区|经开区|园区|示范区|试验区){_ZONE_ORGANS}(?:和{_ZONE_ORGANS})?$")
# the organ a place's other organ shares its place with (各县(市、区)党委和人民政府, 高新区党工委和管委会):
# no name of its own, so the pair is one collective and not cut at 和
_SHARED_PLACE_ORGAN = re.compile(r"^(?:人民政府|政府|管委会|管理委员会|党委|党工委)$")
# a kind of body named bare after 和 (市各有关部门和单位): the kinds the one collective covers
# (各区县政府和地区管委会: the areas no name of their own, under the one 各 — one collective)
_AREA_ORGAN = re.compile(r"^(?:地区|园区|开发区|功能区|片区|景区)(?:管委会|管理委员会|党工委)$")
_BARE_KIND = re.compile(r"^(?:单位|部门|机构|企业|组织)$")
_KIND_AFTER = re.compile(r"(?:各|有关|相关)(?:部门|单位)$")  # (相关部门、单位: one collective of both kinds)


def _merge(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Put back a name the list cut: 各市、县(区)人民政府; 各委、办、局."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        piece = text[a:b].strip()
        if out and (_ORGAN_ONLY.match(piece.removesuffix("等")) or _KINDS_UNDER_EACH.match(piece)
                    and text[out[-1][0]: out[-1][1]].strip().startswith("各")
                    # (各乡镇人民政府、街道办事处: a whole body's name, then another kind of body)
                    and (_SHARED_PLACE_ORGAN.match(piece) or not _WHOLE_ORGAN_END.search(text[out[-1][0]: out[-1][1]].strip()))):
            out[-1] = (out[-1][0], b)  # 各委、办; 各乡、街办、管理处: the kinds one 各 covers
            continue
        before = text[out[-1][0]: out[-1][1]].strip() if out else ""
        if _BARE_KIND.match(piece) and _KIND_AFTER.search(before):
            out[-1] = (out[-1][0], b)  # 市政府相关部门、单位: the kinds one collective covers
            continue
        if _SHARED_PLACE_ORGAN.match(piece) and (_ZONE_ORGAN.match(before) or _PLACE_ORGAN.match(before)):
            out[-1] = (out[-1][0], b)  # 雄安新区党工委、管委会: the place's other organ, no name of its own
            continue
        out.append((a, b))
    # where each run of places named bare ends (银川市、石嘴山市、吴忠市人民政府: the places, then the
    # last with their shared organ), found once from the right so a long list is read once
    run_end = [len(out)] * (len(out) + 1)
    for k in range(len(out) - 1, -1, -1):
        piece = text[out[k][0]: out[k][1]].strip()
        # (a place may be named bare without its suffix: 哈尔滨、黑河、绥芬河市政府)
        bare = _PLACES_SHARING.match(piece) or len(piece) <= 5 and is_short_name(piece)
        run_end[k] = run_end[k + 1] if bare else k
    merged: list[tuple[int, int]] = []
    i = 0
    while i < len(out):
        a, b = out[i]
        # 各市、县(区)人民政府: a level alone, then the next level and the organ they share;
        # 昌南新区、高新区管委会: zones named bare, then the zone and the committee they share
        # (the levels may run on: 各县、市、区政府 — each piece but the last a level alone)
        j = run_end[i]
        if j > i and j < len(out) and _PLACE_ORGAN.match(text[out[j][0]: out[j][1]].strip()):
            i, b = j, out[j][1]
        while i + 1 < len(out) and (
                _LEVEL_ONLY.match(text[out[i][0]: out[i][1]].strip())
                and _LEVEL_NEXT.match(text[out[i + 1][0]: out[i + 1][1]].strip())
                or _ZONE_ONLY.match(text[a:b].strip()) and _ZONE_ORGAN.match(text[out[i + 1][0]: out[i + 1][1]].strip())
                # 人民大垸、荒湖管理区: a place named bare, then the next with the kind of district they share
                or _BARE_PLACE.match(text[a:b].strip()) and not looks_like_unit(text[a:b])
                and _DISTRICT.match(text[out[i + 1][0]: out[i + 1][1]].strip())):
            i += 1
            b = out[i][1]
        merged.append((a, b))
        i += 1
    return merged


def _split_and(piece: str, offset: int) -> list[Mention]:
    """Cut at 和/及/与 where both sides are names; left to right, each side at most once."""
    out: list[Mention] = []
    start = 0
    for m in _AND.finditer(piece):
        left, right = piece[start: m.start()], piece[m.end():]
        if looks_like_unit(left) and (looks_like_unit(right.removesuffix("等")) or _first_name(right)) \
                and not _SHARED_PLACE_ORGAN.match(right.strip()) and not _BARE_KIND.match(right.strip()) \
                and not (left.lstrip().startswith("各") and _AREA_ORGAN.match(right.strip())):
            head = _strip(left, offset + start)
            if head:
                out.append(head)
            start = m.end()
    tail = _strip(piece[start:], offset + start)
    return out + ([tail] if tail else [])


def _first_name(text: str) -> bool:
    """Whether a name ends somewhere before the next 和/及/与 of the text."""
    m = _AND.search(text)
    return bool(m) and looks_like_unit(text[: m.start()])


# a person named by office, never a unit: 分管副省长、协管副秘书长负责 (the 责任领导 of a 分工)
_PERSON = re.compile(r"(?:省长|市长|县长|区长|州长|旗长|乡长|镇长|秘书长|书记)$")


def split_units(text: str, offset: int) -> list[Mention]:
    """The unit names of a list, with their spans (``offset`` is the text's position); people named
    by their office are left out."""
    out: list[Mention] = []
    for a, b in _merge(text, _pieces(text)):
        for m in _split_and(text[a:b], offset + a):
            both = _ONE_AND_ALL.match(m.text)  # 司法厅等省直各部门(单位): the unit named, and the collective it is one of
            parts = [Mention(both["one"], m.start + both.start("one"), m.start + both.end("one")),
                     Mention(both["all"], m.start + both.start("all"), m.start + both.end("all"))] if both else [m]
            out.extend(p for p in parts if not _PERSON.search(p.text.strip(_TRIM)))
    return out


_ONE_AND_ALL = re.compile(r"\s*(?P<one>[\u4e00-\u9fff()]{2,20}?(?:局|委|办|厅|院|部|室|所|站|中心))等"
                          r"(?P<all>[\u4e00-\u9fff]{0,8}各[\u4e00-\u9fff]{0,8}(?:部门|单位)(?:\([^()]{1,6}\))?)\s*$")
