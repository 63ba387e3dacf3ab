"""Scans: OCR of PDFs without a text layer and of page images, the repair of OCR's typical
mistakes in Chinese text, and the marks every fact of an OCR'd document carries.

Reading is opt-in (``load(path, ocr=True)``, the CLI's ``--ocr``): OCR is slow (seconds a page)
and its text is never as sure as a text layer's.  The pieces:

* :func:`read_image` is the reader for ``.png/.jpg/.tif``: without OCR an image has no text, so it
  raises :class:`~kg.errors.NoTextLayer` just as a scanned PDF does; the loader catches that and,
  when asked to, calls :func:`ocr_document`.
* :func:`ocr_document` renders a PDF's pages with pypdfium2 at the resolution of the scan they
  hold (100-400 dpi; 300 dpi without one; an image is taken as it is, each frame of a TIFF a page),
  cleans each page (grey, a 3×3 median filter against the speckle of a scanner, turned straight
  when it was fed in at a slant of up to 3°, then enlarged to 300 dpi when it was under 200 dpi)
  and reads it with Tesseract through pytesseract.  The script is chosen once per document: the
  first page is read with the Simplified and the Traditional model and the one Tesseract is surer
  of (mean word confidence) reads the rest.  Pages are joined with ``\n\f``, so a span's page is
  the number of form feeds before it, plus one.
* :func:`~kg.ingest.ocr_repair.repair` fixes what Tesseract typically gets wrong in this genre; it
  runs on the OCR text before any offsets exist, so the document's text *is* the repaired text.
* :func:`mark` lowers the confidence of every fact of an OCR'd extraction and gives it its page.
"""

from __future__ import annotations

import io
from bisect import bisect_right
from pathlib import Path
from typing import Any, Callable, Iterator

from kg.errors import CorruptFile, DocumentTooLarge, FazhiError, FileUnreadable, MissingDependency, NoTextLayer
from kg.ingest.common import require_text, why
from kg.ingest.ocr_repair import repair

#: suffixes read as page images
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
#: the resolution Tesseract reads best at: a PDF page without a scan is rendered at it, and a page
#: under 200 dpi is enlarged to it
DPI = 300
#: a fact read by OCR keeps this share of the confidence its rule has on a text layer
CONFIDENCE_FACTOR = 0.8
#: Tesseract's models for Chinese and the Debian packages that bring them
MODELS = {"chi_sim": "tesseract-ocr-chi-sim", "chi_tra": "tesseract-ocr-chi-tra"}
DEBIAN_PACKAGES = "tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra"
PAGE_BREAK = "\n\f"
# A page larger than this many pixels is not a page (A3 at 300 dpi is 17 million).
MAX_PIXELS = 60_000_000
_MAX_SIDE = 7000
PAGE_TIMEOUT = 180  # seconds Tesseract may take for one page


def read_image(path: Path, data: bytes) -> tuple[str, str | None]:
    """A page image has no text to read without OCR."""
    raise NoTextLayer("an image has no text layer: read it with OCR (the --ocr option of extract and build)",
                      path=path)


# --- OCR ---------------------------------------------------------------------------------------


def ocr_document(path: Path, data: bytes) -> str:
    """The text of a scanned PDF or a page image, page by page, repaired (see :func:`repair`)."""
    pytesseract = _pytesseract(path)
    pages = _pdf_pages(path, data) if path.suffix.lower() == ".pdf" else _image_pages(path, data)
    texts: list[str] = []
    lang = None
    for number, (image, dpi) in enumerate(pages, 1):
        image = _at_least_200_dpi(_clean(image), dpi)
        if lang is None:
            lang, text = _first_page(pytesseract, image, path)
        else:
            text = _words_to_text(_tesseract(pytesseract, image, lang, path, number))
        texts.append(repair(text).strip("\n"))
    if not texts:
        raise CorruptFile("no pages to read", path=path)
    return require_text(PAGE_BREAK.join(texts), path, "OCR found no text on any page")


def _pytesseract(path: Path):
    try:
        import pytesseract
    except ImportError:
        raise MissingDependency("OCR needs pytesseract and pypdfium2: pip install 'fazhi-kg[ocr]'", path=path) from None
    import shutil

    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:  # asked first: pytesseract caches its answers
        raise MissingDependency(f"OCR needs the tesseract program: apt-get install {DEBIAN_PACKAGES}", path=path)
    try:
        installed = set(pytesseract.get_languages(config=""))
    except pytesseract.TesseractNotFoundError:
        raise MissingDependency(f"OCR needs the tesseract program: apt-get install {DEBIAN_PACKAGES}", path=path) from None
    except Exception as exc:
        raise MissingDependency(f"tesseract does not run ({why(exc)}): apt-get install {DEBIAN_PACKAGES}",
                                path=path) from None
    missing = [package for model, package in MODELS.items() if model not in installed]
    if missing:
        raise MissingDependency(f"OCR needs Tesseract's Chinese models: apt-get install {' '.join(missing)}", path=path)
    return pytesseract


def _pdf_pages(path: Path, data: bytes) -> Iterator[tuple[Any, float | None]]:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise MissingDependency("OCR of a PDF needs pypdfium2: pip install 'fazhi-kg[ocr]'", path=path) from None
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # PdfiumError, and a password it was not given
        raise CorruptFile(f"cannot open the PDF to render its pages ({why(exc)})", path=path) from None
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                width, height = page.get_size()
                # the scan's own resolution, or 300 dpi; a poster's longest side fits _MAX_SIDE pixels
                scale = min(_page_dpi(page, pdfium) / 72, _MAX_SIDE / max(width, height, 1))
                image = page.render(scale=scale, grayscale=True).to_pil()
                dpi = scale * 72
            except Exception as exc:
                raise CorruptFile(f"cannot render page {index + 1} ({why(exc)})", path=path) from None
            finally:
                page.close()
            yield image, dpi
    finally:
        pdf.close()


def _page_dpi(page, pdfium) -> float:
    """The resolution to render a page at: that of the scan it holds, so that its pixels are taken
    as they are rather than resampled (a 200 dpi scan drawn at 300 dpi reads worse), kept within
    100-400 dpi; 300 dpi (:data:`DPI`) for a page without an image."""
    try:
        found = [obj.get_metadata().horizontal_dpi
                 for obj in page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2)]
    except Exception:  # an old pypdfium2 or an odd image: the usual resolution does
        return DPI
    best = max((dpi for dpi in found if dpi > 0), default=0)
    return min(max(best, 100), 400) if best else DPI


def _image_pages(path: Path, data: bytes) -> Iterator[tuple[Any, float | None]]:
    try:
        from PIL import Image
    except ImportError:
        raise MissingDependency("OCR needs Pillow: pip install 'fazhi-kg[ocr]'", path=path) from None
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            frames = getattr(image, "n_frames", 1)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise DocumentTooLarge(f"the image is too large to be a page (over {MAX_PIXELS // 10**6} million pixels)",
                               path=path) from None
    except Exception as exc:  # UnidentifiedImageError and the decoders' own errors
        raise CorruptFile(f"not an image Pillow can read ({why(exc)})", path=path) from None
    for index in range(frames):
        try:
            image.seek(index)
            if image.width * image.height > MAX_PIXELS:
                raise DocumentTooLarge(f"page {index + 1} is {image.width}×{image.height} pixels: too large to be a "
                                       "page", path=path)
            frame = image.convert("L")
            stated = image.info.get("dpi")
        except FazhiError:
            raise
        except Exception as exc:
            raise CorruptFile(f"damaged or truncated image: cannot decode page {index + 1} ({why(exc)})",
                              path=path) from None
        yield frame, _number(stated[0]) if isinstance(stated, tuple) and stated else None


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _at_least_200_dpi(frame, dpi: float | None):
    """A page under 200 dpi (a 96 or 150 dpi export or scan), once cleaned, enlarged to 300 dpi:
    Tesseract loses the strokes of small characters below that.  Cleaned first: speckle enlarged
    is no longer speckle to the median filter (a 150 dpi test page read at F1 0.46 enlarged before
    cleaning, 0.92 as it was, 1.0 cleaned then enlarged).  Only when the resolution is known."""
    if dpi is None or not 50 <= dpi < 190:  # 190: a PNG's 200 dpi comes back as 199.9994
        return frame
    factor = min(DPI / dpi, (MAX_PIXELS / max(frame.width * frame.height, 1)) ** 0.5)
    if factor <= 1:
        return frame
    from PIL import Image

    return frame.resize((round(frame.width * factor), round(frame.height * factor)), Image.Resampling.BICUBIC)


def _clean(image):
    """Grey, a 3×3 median filter (scanner speckle is read as strokes otherwise), and straight: a
    page fed in at a slant of a degree loses whole lines to Tesseract."""
    from PIL import ImageFilter

    if image.mode != "L":
        image = image.convert("L")
    image = image.filter(ImageFilter.MedianFilter(3))
    angle = _skew(image)
    if angle:
        from PIL import Image

        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return image


_MAX_SKEW = 3.0  # degrees: a page fed in at a slant; anything more is a photo, not a scan
_SKEW_STEP = 0.2


def _skew(image) -> float:
    """The rotation (degrees) that makes the text lines horizontal: the one under which the rows of
    ink are most uneven (full rows of text, empty rows between them), tried on a small copy."""
    from PIL import Image

    scale = min(1.0, 600 / max(image.width, 1))
    small = image.resize((max(1, int(image.width * scale)), max(1, int(image.height * scale))),
                         Image.Resampling.BOX)
    ink = small.point(lambda p: 255 if p < 160 else 0)
    best, best_angle = -1.0, 0.0
    steps = int(_MAX_SKEW / _SKEW_STEP)
    for i in range(-steps, steps + 1):
        angle = i * _SKEW_STEP
        turned = ink.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0) if i else ink
        rows = turned.resize((1, turned.height), Image.Resampling.BOX).tobytes()
        mean = sum(rows) / len(rows)
        spread = sum((r - mean) ** 2 for r in rows)
        if spread > best:
            best, best_angle = spread, angle
    return round(best_angle, 1)


# --psm 6: one uniform block of text, the layout of a plan's page; spaces between ideographs are
# kept as Tesseract sees them and removed by repair().
_CONFIG = "--psm 6"


def _first_page(pytesseract, image, path: Path) -> tuple[str, str]:
    """Read the first page with each model; the surer one is the document's script."""
    best: tuple[float, str, str] | None = None
    for model in MODELS:
        data = _tesseract(pytesseract, image, model, path, 1)
        scores = [float(c) for c, w in zip(data["conf"], data["text"]) if str(w).strip() and float(c) >= 0]
        mean = sum(scores) / len(scores) if scores else 0.0
        if best is None or mean > best[0]:
            best = (mean, model, _words_to_text(data))
    assert best is not None
    return best[1], best[2]


def _words_to_text(data: dict[str, list]) -> str:
    """Tesseract's word table back to text: a line for each line it saw.  Its blocks and paragraphs
    are not kept as blank lines: on a plan's page it often takes a single line for one, and a blank
    line inside a sentence would cut it in two."""
    lines: list[str] = []
    last: tuple[int, int, int] | None = None
    for block, par, line, word in zip(data["block_num"], data["par_num"], data["line_num"], data["text"]):
        word = str(word).strip()
        if not word:  # the rows of blocks, paragraphs and lines themselves carry no text
            continue
        key = (block, par, line)
        if key != last:
            lines.append(word)
            last = key
        else:
            lines[-1] += " " + word
    return "\n".join(lines)


def _tesseract(pytesseract, image, lang: str, path: Path, number: int) -> dict[str, list]:
    """Tesseract's words on one page, with their place (block, paragraph, line) and confidence."""
    try:
        return pytesseract.image_to_data(image, lang=lang, config=_CONFIG, timeout=PAGE_TIMEOUT,
                                         output_type=pytesseract.Output.DICT)
    except RuntimeError as exc:  # pytesseract's timeout
        if "timeout" in str(exc).lower():
            raise FileUnreadable(f"OCR of page {number} did not finish in {PAGE_TIMEOUT} s", path=path) from None
        raise CorruptFile(f"OCR failed on page {number} ({why(exc)})", path=path) from None
    except Exception as exc:  # TesseractError: a page Tesseract cannot take
        raise CorruptFile(f"OCR failed on page {number} ({why(exc)})", path=path) from None


# --- marks on the extraction -------------------------------------------------------------------


def page_finder(raw: str) -> Callable[[int], int]:
    """A function from an offset in ``raw`` to the page it is on (1-based): form feeds before it + 1."""
    breaks = [i for i, c in enumerate(raw) if c == "\f"]
    return lambda offset: bisect_right(breaks, offset) + 1


def mark(result) -> None:
    """Mark an :class:`~kg.model.Extraction` of an OCR'd document: the document says it was read by
    OCR and how many pages it has, and every fact has its page and a lower confidence
    (× :data:`CONFIDENCE_FACTOR`; each fact once, however many tasks share it)."""
    norm = result.normalized
    raw = norm.raw if norm is not None else result.text
    on_page = page_finder(raw)
    result.document.ocr = True
    result.document.pages = raw.count("\f") + 1

    def page(start: int | None) -> int | None:
        if start is None:
            return None
        if norm is not None:
            start = norm.offsets[min(start, len(norm.offsets) - 1)]
        return on_page(start)

    done: set[int] = set()

    def visit(fact) -> None:
        if id(fact) in done:
            return
        done.add(id(fact))
        fact.page = page(fact.start)
        if getattr(fact, "confidence", None) is not None:
            fact.confidence = round(fact.confidence * CONFIDENCE_FACTOR, 4)

    for task in result.tasks:
        visit(task)
        for fact in (*task.lead, *task.responsible, *task.cooperating, *task.targets, *task.deadlines,
                     *task.obligations):
            visit(fact)
    for achievement in result.achievements:
        visit(achievement)
        for actor in achievement.actors:
            visit(actor)
    for fact in result.actors:
        visit(fact)
    if result.horizon is not None:
        visit(result.horizon)


def page_of(result) -> Callable[[int], int] | None:
    """For the graph: the page of an offset in the normalized text, when the document was OCR'd."""
    if not getattr(result.document, "ocr", False):
        return None
    norm = result.normalized
    if norm is None:
        return None
    on_page = page_finder(norm.raw)
    return lambda start: on_page(norm.offsets[min(start, len(norm.offsets) - 1)])


def available() -> str | None:
    """None when OCR can run here; otherwise why not (for tests and ``--ocr`` help)."""
    try:
        _pytesseract(Path("probe"))
        import pypdfium2  # noqa: F401  (only whether it is there)
    except (MissingDependency, ImportError) as exc:
        return str(exc)
    return None
