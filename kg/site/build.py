"""Write the whole site: every page and its RDF, the search data, the static files, the
catalogue and the dump, into a temporary folder beside the target, swapped in once complete.

A folder that already holds something other than a site this command wrote is left alone (an
error), so that ``fazhi-kg site ~`` cannot replace a home folder.  Files get the user's umask.
"""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kg import ids
from kg.errors import OutputError
from kg.fileio import TEMPORARY
from kg.site import document, graph, index, rdfout, task, unit, urls
from kg.site.collect import SiteData, collect
from kg.store import BaseStore

MARKER = ".fazhi-kg-site"  # in every site this command writes: what may be replaced
STATIC = ("site.css", "site.js", "search.js", "minisearch.js", "minisearch.LICENSE.txt", "README.md")


@dataclass(frozen=True)
class Summary:
    path: Path
    documents: int
    tasks: int
    units: int
    areas: int
    themes: int
    files: int
    bytes: int
    as_of: str

    @property
    def pages(self) -> int:
        return self.documents + self.tasks + self.units + self.areas + self.themes + 2  # the index, the graph


class _Writer:
    def __init__(self, root: Path):
        self.root, self.files, self.bytes = root, 0, 0

    def text(self, path: str, text: str) -> int:
        return self.bytes_(path, text.encode("utf-8"))

    def stream(self, path: str, fill) -> int:
        """Write the file ``path`` by handing its open binary handle to ``fill``; returns its size."""
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as fh:  # a fresh file in the fresh folder: open() applies the umask
            fill(fh)
            size = fh.tell()
        self.files += 1
        self.bytes += size
        return size

    def bytes_(self, path: str, data: bytes) -> int:
        return self.stream(path, lambda fh: fh.write(data))

    def file(self, path: str, write) -> int:
        """Have ``write(target)`` write the file ``path`` itself; returns its size."""
        target = self.root / path
        write(target)
        size = target.stat().st_size
        self.files += 1
        self.bytes += size
        return size


def _pages(site: SiteData, out: _Writer) -> set[str]:
    """Write the HTML of every page; returns the IRIs that have one."""
    data = site.data
    iris: set[str] = set()
    for d in data.documents:
        out.text(urls.page(d.iri), document.render(site, d))
        iris.add(d.iri)
    for t in data.tasks:
        out.text(urls.page(t.iri), task.render(site, t))
        iris.add(t.iri)
    for u in data.units:
        out.text(urls.page(u.iri), unit.render(site, u))
        iris.add(u.iri)
    for a in data.areas.values():
        out.text(urls.page(a.iri), index.area_page(site, a))
        iris.add(a.iri)
    for th in data.themes:
        out.text(urls.page(ids.theme_iri(th.key)), index.theme_page(site, th))
        iris.add(ids.theme_iri(th.key))
    out.text(urls.INDEX, index.index(site))
    out.text(urls.SEARCH_DATA, index.search_data(site))
    return iris


def _write(site: SiteData, root: Path, store: BaseStore, nquads=None) -> _Writer:
    out = _Writer(root)
    iris = _pages(site, out)
    out.file(urls.GRAPH, lambda target: graph.write(site, store, target))
    # the RDF is read from the store as it is written (bounded memory), not held beside the read model
    for iri, triples in rdfout.store_page_triples(store, iris):
        stem = urls.stem(iri)
        out.text(stem + ".ttl", rdfout.turtle(triples))
        out.text(stem + ".jsonld", rdfout.jsonld(triples))
    size = out.stream(urls.DUMP, lambda fh: rdfout.dump_store(store, fh, nquads))
    data = site.data
    out.text(urls.CATALOG, rdfout.catalog(rdfout.void_counts(store), documents=len(data.documents), pages=len(iris), dump_bytes=size,
                                          spatial=sorted({d.area for d in data.documents if d.area}),
                                          themes=[t.label for t in data.themes],
                                          years=sorted({y for d in data.documents for y in d.years})))
    here = Path(__file__).parent / "static"
    for name in STATIC:
        out.text(f"{urls.STATIC}/{name}", (here / name).read_text(encoding="utf-8"))
    out.text(MARKER, "a site written by `fazhi-kg site`: the command may replace this folder\n")
    return out


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _check_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise OutputError("is a file: give a folder for the site", path=target)
    if target.is_dir() and not (target / MARKER).exists() and any(target.iterdir()):
        raise OutputError("holds files that are not a site fazhi-kg wrote: give a new or empty folder", path=target)


def _swap(tmp: Path, target: Path) -> None:
    """Put the finished site in place of the old one (which goes once the new one is there)."""
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.{TEMPORARY}.{os.getpid()}.old"
        os.rename(target, old)
    os.rename(tmp, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(store: BaseStore, target: str | Path, *, as_of: datetime.date | None = None, nquads=None) -> Summary:
    """Write the site of ``store`` to the folder ``target`` (replacing a site written there before).
    ``nquads(write)``, where given, hands the store's sorted N-Quads to ``write`` for the dump
    (:func:`kg.site.rdfout.dump_store`)."""
    target = Path(target).absolute()
    _check_target(target)
    site = collect(store, as_of)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.{TEMPORARY}.{os.getpid()}.", dir=target.parent))
    except OSError as exc:
        raise OutputError(f"cannot make the site's folder ({exc.strerror or exc}); nothing was written",
                          path=target) from None
    try:
        os.chmod(tmp, 0o777 & ~_umask())
        out = _write(site, tmp, store, nquads)
        _swap(tmp, target)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"cannot write the site ({exc.strerror or exc}); the old one is left as it was",
                          path=target) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    data = site.data
    return Summary(target, len(data.documents), len(data.tasks), len(data.units), len(data.areas), len(data.themes),
                   out.files, out.bytes, site.as_of.isoformat())
