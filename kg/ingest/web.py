"""Web pages (.html, .htm, .shtml): the main text without the site's navigation, footers and
scripts (trafilatura where it finds the article, else the page's own blocks with the debris
dropped), in the encoding the page declares or we detect."""

from __future__ import annotations

import re
from pathlib import Path

from kg.errors import EmptyDocument
from kg.ingest.common import require, require_text, why
from kg.ingest.encoding import decode_bytes
from kg.ingest.html_tables import put_tables_back, set_tables_aside
from kg.ingest.tables import Budget

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "aside", "form", "iframe", "button",
              "select", "svg", "object", "embed", "menu")
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar"}
_DEBRIS_WORDS = {"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "crumbs", "footer",
                 "sidebar", "topbar", "copyright", "share", "toolbar"}
_BLOCKS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "section", "article", "main", "h1", "h2",
           "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "figure", "figcaption", "address", "header",
           "footer", "body", "center", "caption"}


def read_html(path: Path, data: bytes) -> tuple[str, str | None]:
    if not data.strip():
        raise EmptyDocument("empty file", path=path)
    found = _META_CHARSET.search(data[:4096])
    markup, codec = decode_bytes(data, path, declared=found.group(1).decode("ascii") if found else None)
    lxml_html = require("lxml.html", "lxml", path)
    try:  # lxml refuses str input that still carries an XML encoding declaration
        root = lxml_html.document_fromstring(_XML_DECL.sub("", markup, count=1))
    except Exception:  # lxml says "Document is empty" for markup with no elements
        raise EmptyDocument("no main text: the page has no HTML body", path=path) from None
    _strip_debris(root)
    # task tables read as tables, merges resolved (a 牵头单位 over several rows given to each), then
    # put back where they stood: kg.ingest.html_tables
    aside = set_tables_aside(root, Budget(path))
    text = _trafilatura_text(root) or _html_dump(root)
    if aside:
        text = put_tables_back(text, aside) or put_tables_back(_html_dump(root), aside) or text
    return require_text(text, path, "no main text: the page holds only navigation, scripts or boilerplate"), codec


def _strip_debris(root) -> None:
    """Remove site furniture before extraction: trafilatura with favor_recall keeps some of it."""

    def holds_content(el) -> bool:
        return el.tag in ("article", "main") or next(el.iter("article", "main"), None) is not None

    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions
            doomed.append(el)
            continue
        tag = el.tag.lower()
        words = set(re.split(r"[\s_-]+", f"{el.get('class', '')} {el.get('id', '')}".lower()))
        if (
            tag in _DROP_TAGS
            or el.get("role", "").lower() in _DROP_ROLES
            # a header or footer inside <article> belongs to the document (its title, its date)
            or (tag in ("header", "footer") and next(el.iterancestors("article", "main"), None) is None)
            or (words & _DEBRIS_WORDS and tag not in ("html", "body") and not holds_content(el))
            or (tag in ("ul", "ol", "dl") and _link_dense(el))
        ):
            doomed.append(el)
    for el in doomed:
        el.drop_tree()  # keeps the element's tail text; comments included


def _link_dense(el) -> bool:
    total = len("".join(el.text_content().split()))
    linked = sum(len("".join(a.text_content().split())) for a in el.iter("a"))
    return total > 0 and linked >= 0.8 * total


def _trafilatura_text(root) -> str | None:
    import copy
    import warnings

    try:
        import trafilatura
    except ImportError as exc:  # trafilatura 2.x also breaks when lxml_html_clean is missing
        # No path in the message, so the default filter shows it once rather than per page.
        warnings.warn(f"trafilatura unavailable ({why(exc)}); web pages are read with a plain text dump. "
                      "Fix: pip install trafilatura lxml_html_clean", RuntimeWarning, stacklevel=2)
        return None
    # A copy: trafilatura prunes the tree it is given, and the fallback needs it whole.
    text = trafilatura.extract(copy.deepcopy(root), output_format="txt", include_tables=True, include_comments=False,
                               include_links=False, include_images=False, favor_recall=True, deduplicate=False)
    if not text or text.isspace():
        return None
    # trafilatura prints table rows as "| a | b |"; match the docx reader's "a | b".
    lines = (re.sub(r"^\|\s*(.*?)\s*\|$", r"\1", line.strip()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _html_dump(root) -> str:
    """Block-aware text of the cleaned tree: one line per block, table rows as "a | b"."""
    lines: list[str] = []
    run: list[str] = []

    def flush() -> None:
        line = " ".join("".join(run).split())
        run.clear()
        if line:
            lines.append(line)

    def walk(el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag == "br":
            flush()
        elif tag == "tr":
            flush()
            cells = [" ".join(c.text_content().split()) for c in el if isinstance(c.tag, str) and c.tag in ("td", "th")]
            if any(cells):
                lines.append(" | ".join(cells))
        else:
            if tag in _BLOCKS:
                flush()
            run.append(el.text or "")
            for child in el:
                walk(child)
                run.append(child.tail or "")
            if tag in _BLOCKS:
                flush()

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return "\n".join(lines)
