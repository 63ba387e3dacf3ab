"""Reading a whole Oxigraph store as N-Quads lines, in bounded runs, while Oxigraph dumps it in a
thread of its own: what the export sorts and writes (:meth:`kg.store.oxigraph.OxigraphStore.quad_line_runs`)."""

from __future__ import annotations

from typing import Callable, Iterator


class _Stopped(Exception):
    """The reader stopped taking runs: the dump ends too."""


def dump_line_runs(store, run_bytes: int, fault: Callable[[BaseException], Exception]) -> Iterator[list[bytes]]:
    """Oxigraph dumps the store in a thread of its own (it lets go of the GIL while it reads),
    writing into a sink that cuts whole lines off in runs; the caller takes the runs as they
    come, at most two waiting, so memory stays bounded and the reading overlaps the caller's
    sorting."""
    import queue
    import threading

    import pyoxigraph as ox

    handed: queue.Queue = queue.Queue(maxsize=2)
    stop = threading.Event()
    failure: list[BaseException] = []

    def put(item) -> None:
        while not stop.is_set():
            try:
                handed.put(item, timeout=0.1)
                return
            except queue.Full:
                continue
        raise _Stopped()

    class Sink:
        def __init__(self) -> None:
            self.chunks: list[bytes] = []
            self.held = 0

        def write(self, data) -> int:
            self.chunks.append(bytes(data))
            self.held += len(data)
            if self.held >= run_bytes:
                text = b"".join(self.chunks)
                cut = text.rfind(b" .\n") + 3
                self.chunks, self.held = [text[cut:]], len(text) - cut
                lines = text[:cut].split(b" .\n")
                lines.pop()  # after the last " .\n"
                put(lines)
            return len(data)

        def flush(self) -> None:
            pass

    def produce() -> None:
        try:
            sink = Sink()
            store.dump(sink, format=ox.RdfFormat.N_QUADS)
            lines = b"".join(sink.chunks).split(b" .\n")
            lines.pop()
            if lines:
                put(lines)
        except _Stopped:
            pass
        except BaseException as exc:  # noqa: BLE001 - handed to the reading thread below
            if not stop.is_set():  # else: the reader stopped, and the dump with it
                failure.append(exc)
        finally:
            try:
                put(None)
            except _Stopped:
                pass

    worker = threading.Thread(target=produce, name="fazhi-kg-dump", daemon=True)
    worker.start()
    try:
        while (run := handed.get()) is not None:
            yield run
    finally:
        stop.set()  # a reader that stops early lets the dump end too
        worker.join()
    if failure:
        exc = failure[0]
        if isinstance(exc, (OSError, RuntimeError)):
            raise fault(exc) from None
        raise exc
