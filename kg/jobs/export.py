"""``fazhi-kg export``: the store's graphs in the standard RDF formats, byte for byte the same for
the same content.

The text is written in chunks as it is made.  From embedded Oxigraph each named graph is read
as N-Triples by Oxigraph itself, so no Python term objects are made: TriG and JSON-LD hold one
graph at a time; Turtle, N-Triples and N-Quads (whose triples are sorted across graphs) sort runs
of at most :data:`RUN_LINES` lines, spill all but the last to temporary files and merge them.
Other stores hand over their quads, sorted in memory.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from itertools import groupby
from operator import eq
from typing import BinaryIO, Callable, Iterable, Iterator

from kg.errors import OutputError, UsageError
from kg.store import BaseStore

ONTOLOGY_FILES = ("fazhi.ttl", "units.ttl", "themes.ttl", "metrics.ttl", "renames.ttl")
ONTOLOGY_GRAPH = "https://w3id.org/fazhi-kg/ontology"
RUN_LINES = 500_000  # lines sorted in memory at a time (Turtle, N-Triples, N-Quads from Oxigraph)


def ontology_quads() -> list[tuple[str, str, str, str]]:
    """The ontology files as quads in one graph, terms as N-Triples strings."""
    import pyoxigraph as ox

    from kg.resources import ontology_file

    out = []
    g = f"<{ONTOLOGY_GRAPH}>"
    # The parser gives blank nodes (OWL lists, restrictions) fresh random labels on every run;
    # relabelled in the order they first appear, the export is the same bytes every time.
    labels: dict[str, str] = {}

    def term(t) -> str:
        if isinstance(t, ox.BlankNode):
            return labels.setdefault(t.value, f"_:o{len(labels) + 1}")
        return str(t)

    for name in ONTOLOGY_FILES:
        path = ontology_file(name)
        if not path.exists():
            continue
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            out.append((term(t.subject), str(t.predicate), term(t.object), g))
    return out


def document_graphs(store: BaseStore, document: str | None) -> list[str]:
    """Graphs to export: all, or the one of the document ``--document`` names (:mod:`kg.views.match`)."""
    if document is None:
        return store.graphs()
    from kg import ids
    from kg.views import match
    from kg.views.readmodel import documents

    doc = match.document(documents(store), document)
    return [ids.graph_iri(ids.document_key_of(doc.iri))]


# --- reading ---------------------------------------------------------------------------------------


def _with_extra(graph_lines: Iterator[tuple[str, list[str]]], extra: dict[str, list[str]]) -> Iterator[tuple[str, list[str]]]:
    """The graphs (sorted by name, their lines sorted and duplicate-free) with the extra graphs
    put in their place (a graph of the same name gets the lines of both)."""
    extra = {name: set(lines) for name, lines in extra.items()}
    for name, lines in graph_lines:
        for other in sorted(g for g in extra if g < name):
            yield other, sorted(extra.pop(other))
        if name in extra:
            lines = sorted(extra.pop(name).union(lines))
        yield name, lines
    for other in sorted(extra):
        yield other, sorted(extra[other])


def _spill(lines: list[str]) -> Iterator[list[str]]:
    """A sorted run written to a temporary file, read back lazily in blocks of lines."""
    fh = tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n")
    for i in range(0, len(lines), 10_000):
        fh.write("\n".join(lines[i:i + 10_000]))
        fh.write("\n")
    fh.seek(0)

    def read() -> Iterator[list[str]]:
        with fh:
            rest = ""
            while data := fh.read(1 << 20):
                block = (rest + data).split("\n")
                rest = block.pop()  # "" after the last line
                if block:
                    yield block

    return read()


def _sorted_lines(graph_lines: Iterable[tuple[str, list[str]]], with_graph: bool) -> Iterator[str]:
    """Every graph's sorted lines (with the graph name appended for N-Quads) merged into one
    sorted run, duplicates dropped.  ``s p o [g]`` lines sort as the (s, p, o[, g]) tuples do:
    subject, predicate and graph hold no space, and where a term is a prefix of another one the
    longer one goes on with a character above the space."""
    from kg.rdf.serialize import merge_sorted

    runs: list[Iterable[list[str]]] = []
    batch: list[str] = []
    for name, lines in graph_lines:
        if with_graph:
            tail = " " + name  # keeps the graph's lines in order (see above)
            lines = [line + tail for line in lines]
        batch += lines
        if len(batch) >= RUN_LINES:
            batch.sort()  # a merge of sorted runs, for Python's sort
            runs.append(_spill(batch))
            batch = []
    batch.sort()
    if not runs:
        return merge_sorted([[batch]])
    last = batch
    runs.append(last[i:i + 10_000] for i in range(0, len(last), 10_000))
    return merge_sorted(runs)


def _sorted_bytes(runs_in: Iterable[list[bytes]]) -> Iterator[list[bytes]]:
    """Sorted runs of byte lines (each graph's, already sorted) merged into sorted blocks,
    duplicates left in (the caller drops them).  As :func:`_sorted_lines`, past
    :data:`RUN_LINES` lines a run is spilled to a temporary file, as bytes: nothing is decoded
    or encoded on the way."""
    from kg.rdf.serialize import merged_blocks

    runs: list[Iterable[list[bytes]]] = []
    batch: list[bytes] = []
    for lines in runs_in:
        batch += lines
        if len(batch) >= RUN_LINES:
            batch.sort()
            runs.append(_spill_bytes(batch))
            batch = []
    batch.sort()
    runs.append(batch[i:i + 10_000] for i in range(0, len(batch), 10_000))
    return merged_blocks(runs)


def _spill_bytes(lines: list[bytes]) -> Iterator[list[bytes]]:
    """:func:`_spill` for byte lines."""
    fh = tempfile.TemporaryFile("w+b")
    for i in range(0, len(lines), 10_000):
        fh.write(b"\n".join(lines[i:i + 10_000]))
        fh.write(b"\n")
    fh.seek(0)

    def read() -> Iterator[list[bytes]]:
        with fh:
            rest = b""
            while data := fh.read(1 << 20):
                block = (rest + data).split(b"\n")
                rest = block.pop()
                if block:
                    yield block

    return read()


def _unique(blocks: Iterable[list[bytes]]) -> Iterator[list[bytes]]:
    """Sorted blocks with duplicate lines dropped (within and across blocks)."""
    last = None
    for block in blocks:
        if not block:
            continue
        if len(block) > 1:
            block = [line for line, _ in groupby(block)] if _has_repeat(block) else block
        if block[0] == last:
            block = block[1:]
            if not block:
                continue
        last = block[-1]
        yield block


def _has_repeat(block: list[bytes]) -> bool:
    """Whether a sorted block holds a line twice, side by side (a C-speed check: the common
    answer is no)."""
    return any(map(eq, block, block[1:]))


def _fast_body(store, spec, graphs: list[str] | None, extra: dict[str, list[str]], ab) -> Iterator[str | bytes] | None:
    """The body of Turtle, N-Triples or N-Quads from a store that hands over its lines as bytes
    (embedded Oxigraph): N-Triples and N-Quads come out as bytes chunks without a line ever
    decoded; Turtle decodes the merged lines block by block.  ``graphs`` None: every named
    graph (N-Quads then come from one dump of the whole store).  None for any other case."""
    if spec.layout not in ("triples", "quads") or not hasattr(store, "graph_lines_bytes"):
        return None
    quads = spec.layout == "quads"
    whole = store.quad_line_runs() if quads and graphs is None else None
    if graphs is None:
        graphs = sorted(store.graphs(), key=lambda g: f"<{g}>")

    def runs() -> Iterator[list[bytes]]:
        if whole is not None:
            for run in whole:
                run.sort()
                yield run
        else:
            for g in graphs:
                yield store.graph_lines_bytes(g, with_graph=quads)
        for name, lines in extra.items():
            tail = f" {name}" if quads else ""
            yield sorted(f"{line}{tail}".encode("utf-8") for line in lines)

    blocks = _unique(_sorted_bytes(runs()))
    if spec.name == "turtle":
        lines = (line for block in blocks for line in b"\n".join(block).decode("utf-8").split("\n"))
        return spec.body(lines, ab)

    def chunks() -> Iterator[bytes]:
        for block in blocks:
            yield b" .\n".join(block) + b" .\n"
    return chunks()


def _render(store: BaseStore, fmt: str, document: str | None, with_ontology: bool) -> tuple[Iterator[str | bytes], Callable[[], str]]:
    """The body of the export in chunks (text, or UTF-8 bytes on the fast path), and a function
    giving its head once the body is done."""
    from kg.rdf import formats
    from kg.rdf.serialize import Abbreviator

    if fmt not in formats.EXPORT_FORMATS:
        raise UsageError(f"unknown export format '{fmt}'; choose one of {', '.join(formats.EXPORT_FORMATS)}")
    spec = formats.EXPORT_FORMATS[fmt]
    ab = Abbreviator()
    extra = {}
    if with_ontology:
        extra[f"<{ONTOLOGY_GRAPH}>"] = [f"{s} {p} {o}" for s, p, o, _ in ontology_quads()]
    fast = _fast_body(store, spec, None if document is None else document_graphs(store, document), extra, ab)
    if fast is not None:
        return fast, lambda: spec.head(ab)
    graphs = store.graphs() if document is None else document_graphs(store, document)
    graphs = sorted(graphs, key=lambda g: f"<{g}>")
    # each graph read by the store as sorted N-Triples lines: no Python term objects per term
    graph_lines = ((f"<{g}>", store.graph_lines(g)) for g in graphs)
    return formats.body(spec, _with_extra(graph_lines, extra), ab, merge=_sorted_lines), lambda: spec.head(ab)


# --- writing ---------------------------------------------------------------------------------------


def export(store: BaseStore, fmt: str, *, document: str | None = None, with_ontology: bool = False) -> str:
    """The export as one string."""
    body, head = _render(store, fmt, document, with_ontology)
    chunks = [c if isinstance(c, str) else c.decode("utf-8") for c in body]
    return head() + "".join(chunks)


def write(store: BaseStore, fmt: str, out: Callable, *, binary: bool = False, document: str | None = None,
          with_ontology: bool = False) -> None:
    """The export handed to ``out`` in chunks: text, or UTF-8 bytes if ``binary``.  Formats that
    name their prefixes first keep the rest in a temporary file until the end; nothing is handed
    over before the store has been read."""
    body, head = _render(store, fmt, document, with_ontology)
    if binary:
        body = (chunk.encode("utf-8") if isinstance(chunk, str) else chunk for chunk in body)
    else:
        body = (chunk if isinstance(chunk, str) else chunk.decode("utf-8") for chunk in body)
    from kg.rdf.formats import EXPORT_FORMATS

    if not EXPORT_FORMATS[fmt].prefixed:
        chunks = iter(body)
        first = next(chunks, None)  # the store is read (and sorted) before the first chunk comes
        if first is not None:
            out(first)
            for chunk in chunks:
                out(chunk)
        return
    spool = tempfile.TemporaryFile("w+b") if binary else tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
    with spool:
        for chunk in body:
            spool.write(chunk)
        out(head().encode("utf-8") if binary else head())
        spool.seek(0)
        while chunk := spool.read(1 << 20):
            out(chunk)


def export_to(store: BaseStore, fmt: str, output: str | Path | BinaryIO, *, document: str | None = None,
              with_ontology: bool = False) -> int:
    """Write the export to the file ``output`` (atomically: a temporary file renamed into place)
    or to an open binary stream (the CLI passes standard output's).  Returns the number of bytes
    written."""
    if hasattr(output, "write"):
        counter = _Counting(output)
        write(store, fmt, counter.write, binary=True, document=document, with_ontology=with_ontology)
        counter.flush()
        return counter.size
    from kg.fileio import atomic_file

    with atomic_file(output) as fh:
        write(store, fmt, fh.write, binary=True, document=document, with_ontology=with_ontology)
        size = fh.tell()
    return size


class _Counting:
    """A stream's ``write`` that counts the bytes it passes on; a stream that cannot be written
    (standard output on a full disk) is one :class:`OutputError`.  A closed pipe (``| head``)
    is left to the CLI, which ends quietly."""

    def __init__(self, stream: BinaryIO):
        self.stream, self.size = stream, 0

    def write(self, data: bytes) -> None:
        try:
            self.stream.write(data)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failed(exc) from None
        self.size += len(data)

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failed(exc) from None

    def _failed(self, exc: OSError) -> OutputError:
        reason = exc.strerror or str(exc) or type(exc).__name__
        return OutputError(f"cannot write the export to it: {reason[:1].lower()}{reason[1:]} "
                           f"(after {self.size:,} bytes)", path="standard output")
