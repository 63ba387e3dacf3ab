"""The page's own CSS and JavaScript, kept as files in ``kg/viz/static/`` (so they can be read,
linted and diffed as what they are), and vis-network's, which the ``pyvis`` package ships."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path


@lru_cache(maxsize=None)
def static(name: str) -> str:
    """One of ``page.css``, ``page.js``, ``align.css``, ``align.js``, ``export.js``, ``figures.js``."""
    return (resources.files("kg.viz") / "static" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def vis_network() -> tuple[str, str]:
    """vis-network's script and style sheet (the newest version pyvis ships), safe to inline:
    nothing in them can close the ``<script>``/``<style>`` element early."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib"
    folder = max((p for p in lib.glob("vis-*") if (p / "vis-network.min.js").exists()),
                 key=lambda p: tuple(int(x) for x in p.name[4:].split(".") if x.isdigit()))
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    if "<!--" in js:
        raise RuntimeError("vis-network.min.js contains '<!--' and cannot be inlined safely")
    return js.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT"), css.replace("</style", "<\\/style")
