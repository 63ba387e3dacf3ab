"""Tasks a plan states without an item number, found where the outline's numbered items give none:
the year's goals in a paragraph of the page's head (…主要预期目标是:…), works named as a run of
titles as many as the count after them (包括《…》《…》《…》3个方案), and — where no task is read at all
— a year's projects run on in one sentence after 这十件民生实事分别是: (or 重点做好N个方面工作:, 会议要求A;B;C),
works a lead counts and each line then names (将实施十大工程。/ X工程。…), with the paragraph that sets
the plan's figures before them, or each paragraph of a news item that says what the city 将 do."""

from __future__ import annotations

import re

from kg.numerals import cn_number
from kg.model import OutlineNode
from kg.vocab import is_plan

Found = list[tuple[OutlineNode, OutlineNode | None]]

# 2017年全市经济社会发展主要预期目标是:…。: the year's goals, a paragraph of their own
_HEAD_GOALS = re.compile(r"(?m)^([^\n。]{0,30}(?:主要预期目标|预期目标)(?:是|为)?[::][^。]{8,800}。?)")
_RUN_ON_LEAD = re.compile(r"(?P<n>十|[一二三四五六七八九]|\d{1,2})(?:[件项]|大)[^。\n::]{0,12}?(?:实事|实事项目|项目|工程|大事)"
                          r"[^。\n::]{0,6}?(?:分别是|分别为|是|为|包括)[::]"
                          # 重点做好七个方面工作:A;B;…  / 为此,会议要求A;B;C;…: what the page says the plan asks, one by one
                          r"|(?P<m>十|[一二三四五六七八九]|\d{1,2})个方面(?:的)?(?:重点)?工作[::]")
_ASKS_LEAD = re.compile(r"(?:会议|要点|方案|计划|文件|》)还?(?:要求|强调|提出|明确)[::]?(?=[^。\n]{6,}?[;;][^。\n]{6,}?[;;])")
_AIMS = re.compile(r"达到|控制在|以上|以下|以内|左右|不低于|不少于|至少|不超过|提高到|提升到|下降|增长|减少|力争|确保|达标")
_AIMED = re.compile(r"到20\d{2}年|目标|力争|确保")  # a goal says where it aims; an account of work done does not


def states_figures(node: OutlineNode) -> bool:
    """Whether the node's text states a quantity with its measure (a figure a goal can be held to)."""
    from kg.extract.quantities import quantities

    return any(q.unit for q in quantities(node.text))


def unnumbered_tasks(outline: list[OutlineNode], genre: str | None, found: Found) -> Found:
    """``found`` (the outline's tasks, a run of titles among them read as its works) with the head's goals
    paragraph before them; where it is empty, the works a list names (run on, a line each, bulleted or under
    category words) after the head's goals — or, in a plan, the paragraph that sets its figures."""
    found = [x for node, parent in found for x in (_titled_items(node) or [(node, parent)])]
    heads = [node for node in _head_goals(outline) if states_figures(node)]
    if found:
        return [(node, None) for node in heads] + found
    # 这十件民生实事分别是:完成…;建成…;…。: a year's projects run on in one sentence, no ordinals (or a line each, by name)
    listed = [node for root in outline
              for node in _run_on(root) or _owned_clauses(root) or _headed_lines(root) or _bulleted(root) or _grouped(root)]
    goals = heads
    if not goals and is_plan(genre):  # the paragraph that sets the plan's figures, up to where the list begins
        before = listed[0].start if listed else None
        # (with no list, a news item that keeps saying what the city 将 do: each of its paragraphs that sets a figure)
        goals = (_foretold(outline) if before is None else []) or _goals_paragraph(outline, before=before)
    return [(node, None) for node in goals + listed]


def _head_goals(outline: list[OutlineNode]) -> list[OutlineNode]:
    """A goals paragraph in the page's head, before the first part (a split's 主要预期目标是:…), or opening
    the first part's body before its first section (一、2017年的主要任务 / 2017年发展的主要预期目标是:…),
    starting after a sentence's end or a title's line (not a line a page's width broke)."""
    root = outline[0] if outline else None
    if root is not None and root.role == "preamble" and root.kind == "block":
        found = _goals_in(root, 0)
        if found or not any(n.kind == "part" for n in outline):
            return found
    first = next((n for n in outline if n.kind == "part"), None)
    return _goals_in(first, first.text.find("\n") + 1) if first is not None and "\n" in first.text else []


def _goals_in(node: OutlineNode, pos: int) -> list[OutlineNode]:
    m = _HEAD_GOALS.search(node.text, pos)
    if m is None:
        return []
    before = node.text[:m.start(1)].rstrip("\n").rsplit("\n", 1)[-1]
    if before and not before.endswith(("。", ";", ":", ":")) and re.search("[,,;;。]", before) and m.start(1) > pos:
        return []
    at = node.start + m.start(1)
    return [OutlineNode(kind="paragraph", label="", number=None, title=re.split("[::]", m.group(1), maxsplit=1)[0],
                        text=m.group(1), start=at, end=at + len(m.group(1)), heading=False, path="", role="guidance")]


def _pieces(text: str, start: int, end: int, separator: str) -> list[tuple[int, str]]:
    """The pieces of text[start:end] between the separator's marks, each with where it starts."""
    out, pos = [], start
    for piece in re.split(separator, text[start:end]):
        out.append((pos, piece))
        pos += len(piece) + 1
    return out


def _run_on(root: OutlineNode) -> list[OutlineNode]:
    """The projects a sentence lists after 这十件民生实事分别是: — between its semicolons, numbered in
    order (no ordinal printed, no label) — if it lists three or more."""
    m = _RUN_ON_LEAD.search(root.text) or _ASKS_LEAD.search(root.text)  # (a count said first: as many as it says)
    if m is None:
        return []
    end = len(root.text)
    for stop in ("\n", "。"):
        at = root.text.find(stop, m.end())
        end = min(end, at if at >= 0 else end)
    clauses = [(at, piece) for at, piece in _pieces(root.text, m.end(), end, "[;;]") if len(piece.strip()) >= 4]
    n, counted = m.groupdict().get("n"), m.groupdict().get("m")
    if len(clauses) < 3 and n:  # 十大民生实事项目为:A、B、…: names alone, as many as the lead counts
        clauses = _pieces(root.text, m.end(), end, "、")
        if len(clauses) != _count(n):
            return []
    if len(clauses) < 3 or counted and len(clauses) != _count(counted):  # (七个方面: as many as it says)
        return []
    return [OutlineNode(kind="item", label="", number=i, title=piece.strip(), text=piece, start=root.start + at,
                        end=root.start + at + len(piece), heading=False, path=str(i))  # (its place: each its own)
            for i, (at, piece) in enumerate(clauses, 1)]


# 由县发展和改革局牵头,县委党校配合,在9月底前完成…;由丹凤街道牵头,…: each clause opens with who does it
_OWNED_CLAUSE = re.compile(r"由[^,,;;。\n]{2,40}?(?:牵头|负责|主办|承办)[,,]")


def _owned_clauses(root: OutlineNode) -> list[OutlineNode]:
    """A sentence of two clauses or more between semicolons, each opening with its owners (由X牵头,Y配合,在…前
    完成…): the works a meeting shares out, numbered by place, each from its 由 on."""
    pos = 0
    for sentence in re.split("[。\n]", root.text):
        clauses = _pieces(root.text, pos, pos + len(sentence), "[;;]")
        pos += len(sentence) + 1
        owners = [_OWNED_CLAUSE.search(piece) for _, piece in clauses]
        if len(clauses) < 2 or not all(owners):
            continue
        cut = [(at + m.start(), piece[m.start():]) for (at, piece), m in zip(clauses, owners)]
        return [OutlineNode(kind="item", label="", number=i, title=piece[:40], text=piece, start=root.start + at,
                            end=root.start + at + len(piece), heading=False, path=str(i))
                for i, (at, piece) in enumerate(cut, 1)]
    return []


# 《通知》内容主要包括《城镇新增就业2000人以上》《建成幼儿园3所》…10个县列为民办实事方案: the works named as titles
_TITLE_RUN = re.compile(r"(?:《[^《》\n]{2,60}》[、,]?)+")  # (each run found once: linear)
_COUNT_AFTER = re.compile(r"(?P<n>十|[一二三四五六七八九]|\d{1,2})(?:个|项|件)")


def _titled_items(node: OutlineNode) -> list[tuple[OutlineNode, OutlineNode]]:
    """A run of three titles or more, as many as the count after it says, each a work of the plan (its
    words without the brackets, so that its figures are read), in the node's place."""
    m = next((r for r in _TITLE_RUN.finditer(node.text) if r.group(0).count("《") >= 3), None)
    count = _COUNT_AFTER.match(node.text, m.end()) if m else None
    titles = list(re.finditer(r"《([^《》\n]{2,60})》", m.group(0))) if count else []
    if not titles or len(titles) != _count(count["n"]):
        return []
    at = node.start + m.start()
    return [(OutlineNode(kind="item", label="", number=i, title=t.group(1), text=t.group(1), start=at + t.start(1),
                         end=at + t.end(1), heading=False, path=f"{node.path}.{i}" if node.path else str(i)), node)
            for i, t in enumerate(titles, 1)]


def _lines(root: OutlineNode) -> list[tuple[int, str]]:
    """The node's lines that hold words, each with where it starts (blank lines are no lines)."""
    out, pos = [], root.start
    for line in root.text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def _count(word: str) -> int:
    return int(word) if word.isdigit() else cn_number(word) or 0


# 河北将实施十大工程。/ 特色产业集群打造工程。每个县… / 园区能级提升工程。到2020年…: the named works, each a line that opens
# with its short name and a full stop, as many as the lead counts
_HEADED_LEAD = re.compile(r"(?P<n>十|[一二三四五六七八九]|\d{1,2})(?:大|项|个|件)(?:重点)?(?:民生实事|民生工程|惠民工程|工程|行动|举措|专项行动)")
_RUN_IN = re.compile(r"[^\s,,。;;::、]{2,16}?[。::](?=\S)")  # (a short name, its full stop, then its words)


def _headed_lines(root: OutlineNode) -> list[OutlineNode]:
    """The lines after a lead that counts its works (将实施十大工程。), each opening with its name (X工程。…);
    blank lines between them are no lines."""
    lines = _lines(root)
    for i, (_, line) in enumerate(lines):
        lead = _HEADED_LEAD.search(line)
        if not lead or (n := _count(lead["n"])) < 3:
            continue
        # (a line or two may go on about the works before they are named: 据悉,本次10件民生实事经过…)
        first = next((k for k in range(i + 1, min(i + 4, len(lines))) if _RUN_IN.match(lines[k][1].strip())), None)
        run = []
        for at, text in lines[first: first + n] if first is not None else []:
            if not _RUN_IN.match(text.strip()) or _HEADED_LEAD.search(text):  # (为保证十项民生工程顺利完成。: the close)
                break
            run.append((at, text))
        # as many as the lead counts, or fewer (a page, a news item, may leave some out), never more
        more = first is not None and first + n < len(lines) and _RUN_IN.match(lines[first + n][1].strip()) \
            and not _HEADED_LEAD.search(lines[first + n][1])
        if 3 <= len(run) <= n and not (len(run) == n and more):
            return [OutlineNode(kind="item", label="", number=k, title=_RUN_IN.match(text.strip()).group(0)[:-1].strip(),
                                text=text, start=at, end=at + len(text), heading=False, path=str(k))
                    for k, (at, text) in enumerate(run, 1)]
    return []


# ●基本公共教育领域 / 新创省义务教育标准化学校30所,…: a news item's sections, each a bulleted heading over its paragraph
# (or bulleted items, each its problem's sentences and the note under it: ● 白茶市场存在… / (主体责任:…))
_BULLET_HEAD = re.compile(r"[ \t\u3000]*[●■◆▲][ \t\u3000]*(?P<title>[^。\n]{2,60})")


def _bulleted(root: OutlineNode) -> list[OutlineNode]:
    """Two bulleted headings (or items) or more, each with the lines under it up to the next: the works,
    numbered by place, titled by the words up to the first full stop."""
    heads = [(at, m["title"].strip()) for at, line in _lines(root) if (m := _BULLET_HEAD.match(line))]
    if len(heads) < 2:
        return []
    ends = [at for at, _ in heads[1:]] + [root.start + len(root.text)]
    texts = [root.text[at - root.start: end - root.start].rstrip() for (at, _), end in zip(heads, ends)]
    return [OutlineNode(kind="item", label="", number=k, title=title, text=text, start=at, end=at + len(text),
                        heading=False, path=str(k)) for k, ((at, title), text) in enumerate(zip(heads, texts), 1)]


_CATEGORY = re.compile(r"[ \t\u3000]*[\u4e00-\u9fff]{2,4}[ \t\u3000]*")


def _grouped(root: OutlineNode) -> list[OutlineNode]:
    """Paragraphs under category words on lines of their own (居住 / 实施一批城市更新项目,… / 教育 / …), two such
    words or more and nothing else after the first: each paragraph a work, numbered by place."""
    lines = _lines(root)
    first = next((i for i, (_, line) in enumerate(lines) if _CATEGORY.fullmatch(line)), None)
    if first is None or sum(bool(_CATEGORY.fullmatch(line)) for _, line in lines[first:]) < 2:
        return []
    from kg.extract.quantities import quantities

    works = [(at, line) for at, line in lines[first:] if not _CATEGORY.fullmatch(line)]
    if len(works) < 3 or any(len(line.strip()) < 8 for _, line in works) \
            or sum(any(q.unit for q in quantities(line)) for _, line in works) * 2 < len(works):
        return []  # (and most of them set a figure: a page's menu words over its paragraphs are no categories)
    return [OutlineNode(kind="item", label="", number=k, title=line.strip().split("。")[0][:60], text=line, start=at,
                        end=at + len(line), heading=False, path=str(k)) for k, (at, line) in enumerate(works, 1)]


def _foretold(outline: list[OutlineNode]) -> list[OutlineNode]:
    """A news item of the year's plan (本市将…, 服务网将新增…, 还将…: three times or more): each of its
    paragraphs that says what will be done and sets a figure, numbered by its place."""
    from kg.extract.genre import FUTURE
    from kg.extract.quantities import quantities

    if sum(len(FUTURE.findall(root.text)) for root in outline) < 3:
        return []
    said = [(at, line) for root in outline for at, line in _lines(root)
            if (FUTURE.search(line) or re.match(r"\s*(?:今年|(?:19|20)\d{2}年)[,,]", line)) and any(q.unit for q in quantities(line))]
    return [OutlineNode(kind="paragraph", label="", number=k, title=line.strip()[:40], text=line, start=at, end=at + len(line),
                        heading=False, path=str(k)) for k, (at, line) in enumerate(said, 1)] if len(said) >= 2 else []


def _goals_paragraph(outline: list[OutlineNode], before: int | None = None) -> list[OutlineNode]:
    """The line of a plan's text that sets the most figures (two or more, each by a word of aim: 达到,
    控制在, 以上 …, on a line that says where it aims), as a task with no number; ``before``: where a list
    of the plan's works begins (the line ends at the sentence before it)."""
    from kg.extract.quantities import quantities

    best, most = None, 1
    for root in outline:
        for node in root.walk():
            for pos, line in _lines(node):
                if before is not None and pos >= before:  # (the list's own lines are its works)
                    break
                if before is not None and pos <= before < pos + len(line):  # (…目标:…。为此,会议要求A;B;…)
                    line = line[: line.rfind("。", 0, before - pos) + 1]
                if _AIMED.search(line):
                    aims = [q for q in quantities(line) if q.unit and _AIMS.search(line, max(0, q.start - 12), q.end + 4)]
                    if len(aims) > most:
                        best, most = (pos, line), len(aims)
    if best is None:
        return []
    at, line = best
    return [OutlineNode(kind="paragraph", label="", number=None, title=line[:40], text=line, start=at,
                        end=at + len(line), heading=False, path="", role="guidance")]
