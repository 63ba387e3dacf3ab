"""The index page's search index, built here rather than in the browser.

MiniSearch (bundled in ``static/``) can build its index from the entries when the page opens, but
at a few hundred documents that takes seconds, during which the page does not answer.  So the
site ships the index already built, in the form MiniSearch's own ``toJSON()`` writes (its
serialization version 2), and the page loads it with ``MiniSearch.loadJS``.

The terms must be those the page's tokenizer (``static/search.js``) makes of a query: text is
lower-cased and cut at spaces and punctuation; a run holding Chinese characters gives its
character pairs (a single character stays itself), any other run is one term.

A task's body (its whole text and its targets) is searched too, but not through MiniSearch: in
its index every term of thousands of task texts costs about nine bytes a place, and a query's
commonest pair (行政, 工作) has MiniSearch score every text holding it.  The body goes as its own
index, :func:`body_postings` (each term with the places of the entries holding it, about three
bytes a place), which the page intersects rarest term first; its hits rank below those MiniSearch
finds in titles, names and owners.
"""

from __future__ import annotations

import re

FIELDS = ("t", "s", "x")  # title, subtitle, more words (owners, other names): what search matches
# the separators of search.js's tokenizer, character for character
_CUT = re.compile("[\\s\u3000-\u303f\uff00-\uff0f\uff1a-\uff20.,;:!?()\\[\\]{}\"'、，。；：！？（）《》“”‘’\\-/]+")
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def tokenize(text: str) -> list[str]:
    """The terms of ``text``, as search.js's ``tokenize`` gives them."""
    out: list[str] = []
    for run in _CUT.split(text.lower()):
        if not run:
            continue
        if not _HAN.search(run):
            out.append(run)
        elif len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return out


def serialized(entries: list[dict]) -> dict:
    """MiniSearch's serialized index of ``entries`` (each with ``id`` and every one of FIELDS, a
    string, "" where empty: MiniSearch skips a missing field, which this does not copy), as
    ``MiniSearch.prototype.toJSON`` would write it after ``addAll(entries)``."""
    field_ids = {f: i for i, f in enumerate(FIELDS)}
    index: dict[str, dict[str, dict[str, int]]] = {}
    lengths: dict[str, list[int]] = {}
    average = [0.0] * len(FIELDS)
    for short, entry in enumerate(entries):
        row = []
        for field, fid in field_ids.items():
            tokens = tokenize(str(entry.get(field, "")))
            row.append(len(set(tokens)))
            average[fid] = (average[fid] * short + row[-1]) / (short + 1)
            for term in tokens:
                freqs = index.setdefault(term, {}).setdefault(str(fid), {})
                freqs[str(short)] = freqs.get(str(short), 0) + 1
        lengths[str(short)] = row
    return {"documentCount": len(entries), "nextId": len(entries),
            "documentIds": {str(i): e["id"] for i, e in enumerate(entries)}, "fieldIds": field_ids,
            "fieldLength": lengths, "averageFieldLength": average, "storedFields": {}, "dirtCount": 0,
            "index": [[term, data] for term, data in index.items()], "serializationVersion": 2}


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def body_postings(bodies: list[str]) -> dict[str, str]:
    """Term → the places (in ``bodies``, the entries' order) of the bodies holding it, ascending,
    each written as its distance from the one before (the first from 0) in base 36, joined by
    commas: ``{"听证": "4,1b"}`` is the bodies 4 and 51.  The terms are :func:`tokenize`'s."""
    places: dict[str, list[int]] = {}
    for n, text in enumerate(bodies):
        for term in dict.fromkeys(tokenize(text)):
            places.setdefault(term, []).append(n)
    return {term: ",".join(_b36(b - a) for a, b in zip([0, *found], found)) for term, found in places.items()}
