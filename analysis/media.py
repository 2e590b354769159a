"""What is in a picture, offline: metadata, faces, printed text, and a small thumbnail.

Every function takes untrusted bytes and never raises for a bad image: the
result carries a one-line ``note`` instead. Pixels are decoded once, scaled
down while decoding (JPEG draft mode), so a 4 MP photo costs a few
milliseconds before the face detector runs on at most ``WORK_SIDE`` pixels.

OCR runs only on pictures that look like text (a flat background with many
sharp edges: screenshots, documents, slides), through Debian's ``tesseract``
binary in a subprocess with a timeout; faces come from OpenCV's bundled Haar
cascade (``opencv-python-headless`` 4.x ships it). Both are optional: when
missing, the facts say so and the rest still works.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
import warnings
from dataclasses import asdict, dataclass, field
from typing import Any

from selfaudit.analysis.places import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, read_image

__all__ = ["FACTS_VERSION", "OCR_LANGS", "WORK_SIDE", "MediaFacts", "analyze_image", "looks_like_text",
           "ocr_available", "faces_available", "thumbnail_jpeg"]

FACTS_VERSION = 1
"""Bumped when the facts computed here change, so stored facts are recomputed."""

OCR_LANGS = ("eng", "fra", "spa", "ara", "rus", "chi_sim")
"""The six UN languages, as Tesseract names its language packs."""

WORK_SIDE = 640
"""Longest side, in pixels, of the copy that faces and the text test look at."""

_OCR_SIDE = 2400
_OCR_TIMEOUT_S = 60
_MAX_OCR_CHARS = 4000


@dataclass(slots=True)
class MediaFacts:
    """What one picture shows; JSON-able via :meth:`as_dict` for the store."""

    format: str | None = None
    width: int = 0
    height: int = 0
    lat: float | None = None
    lon: float | None = None
    taken_at: str | None = None
    faces: int | None = None
    texty: bool = False
    ocr: str = ""
    notes: list[str] = field(default_factory=list)
    version: int = FACTS_VERSION

    def as_dict(self) -> dict[str, Any]:
        """Plain dict (the store keeps it as JSON)."""
        return asdict(self)


@functools.cache
def _tesseract() -> tuple[str | None, tuple[str, ...]]:
    """Path of the tesseract binary and the UN languages it has packs for."""
    exe = shutil.which("tesseract")
    if not exe:
        return None, ()
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None, ()
    have = {line.strip() for line in out.splitlines()[1:]}
    return exe, tuple(lang for lang in OCR_LANGS if lang in have)


def ocr_available() -> bool:
    """True when ``tesseract`` and at least one UN language pack are installed."""
    exe, langs = _tesseract()
    return bool(exe and langs)


@functools.cache
def _cascade() -> Any:
    try:
        import cv2
    except ImportError:
        return None
    path = os.path.join(getattr(getattr(cv2, "data", None), "haarcascades", ""), "haarcascade_frontalface_default.xml")
    if not os.path.isfile(path):
        return None
    cascade = cv2.CascadeClassifier(path)
    return None if cascade.empty() else cascade


def faces_available() -> bool:
    """True when OpenCV with its bundled frontal-face cascade is installed."""
    return _cascade() is not None


def _decode(data: bytes, side: int) -> Any:
    """The picture decoded to RGB, at most ``side`` pixels long (JPEG scales while decoding)."""
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        im = Image.open(io.BytesIO(data))
        if im.format == "JPEG":
            im.draft("RGB", (side, side))
        if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
            # transparent pixels are (0, 0, 0, 0): dropping alpha would paint them black
            rgba = im.convert("RGBA")
            im = Image.new("RGB", rgba.size, (255, 255, 255))
            im.paste(rgba, mask=rgba.getchannel("A"))
        im = ImageOps.exif_transpose(im.convert("RGB") if im.mode not in ("RGB", "L") else im)
        im.thumbnail((side, side))
        return im.convert("RGB")


def looks_like_text(gray: Any) -> bool:
    """A flat background (two grey levels cover most of the picture) with sharp edges: a document or screenshot.

    Args:
        gray: a 2-D ``uint8`` numpy array.
    """
    import numpy as np

    if gray.size < 400:
        return False
    hist = np.bincount((gray // 8).ravel(), minlength=32)
    flat = float(np.sort(hist)[-2:].sum()) / gray.size
    edges = float((np.abs(np.diff(gray.astype(np.int16), axis=1)) > 80).mean())
    return (flat >= 0.5 and edges >= 0.01) or (flat >= 0.9 and edges >= 0.002)  # a page, or a short note on it


def _count_faces(gray: Any) -> int:
    cascade = _cascade()
    found = cascade.detectMultiScale(gray, scaleFactor=1.15, minNeighbors=5, minSize=(24, 24))
    return len(found)


def _ocr(data: bytes) -> tuple[str, str | None]:
    """Recognised text (``(text, note)``) of a picture, through the tesseract binary."""
    exe, langs = _tesseract()
    if not exe or not langs:
        return "", "no OCR: install tesseract-ocr and its language packs (make setup)"
    im = _decode(data, _OCR_SIDE).convert("L")
    buf = io.BytesIO()
    im.save(buf, "PNG")
    env = {"PATH": os.environ.get("PATH", "/usr/bin"), "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run([exe, "stdin", "stdout", "-l", "+".join(langs), "--psm", "3"], input=buf.getvalue(),
                              capture_output=True, timeout=_OCR_TIMEOUT_S, check=False, env=env)
    except subprocess.TimeoutExpired:
        return "", f"OCR stopped after {_OCR_TIMEOUT_S} s"
    except OSError as exc:
        return "", f"OCR failed ({exc})"
    text = "\n".join(line.strip() for line in done.stdout.decode("utf-8", "replace").splitlines() if line.strip())
    return text[:_MAX_OCR_CHARS], None


def analyze_image(data: bytes, *, name: str = "", ocr: bool = True, faces: bool = True) -> MediaFacts:
    """Metadata, face count and printed text of one picture, never raising.

    Args:
        data: the file's bytes (untrusted).
        name: the file's name for notes.
        ocr: read text from pictures that look like text.
        faces: count faces.

    Returns:
        The facts; ``notes`` says what could not be read and why.
    """
    meta = read_image(data, name=name)
    facts = MediaFacts(format=meta.format, width=meta.width, height=meta.height, taken_at=meta.taken_at)
    if meta.position:
        facts.lat, facts.lon = meta.position.lat, meta.position.lon
    if meta.note:
        facts.notes.append(meta.note)
    if meta.format is None or (meta.note and "metadata" not in meta.note) or len(data) > MAX_IMAGE_BYTES:
        return facts
    try:
        import numpy as np

        gray = np.asarray(_decode(data, WORK_SIDE).convert("L"))
    except Exception as exc:  # noqa: BLE001 - a damaged picture of any kind becomes a note
        facts.notes.append(f"{name or 'image'}: pixels unreadable ({str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__})")
        return facts
    if faces and _cascade() is not None:
        facts.faces = _count_faces(gray)
    facts.texty = looks_like_text(gray)
    if ocr and facts.texty:
        text, note = _ocr(data)
        facts.ocr = text
        if note:
            facts.notes.append(note)
    return facts


MIN_THUMB_SIDE = 8


def thumbnail_jpeg(data: bytes, *, side: int = 160, quality: int = 70) -> bytes | None:
    """A small JPEG of the picture for the private report (None when it cannot be decoded).

    The metadata is not copied, so the thumbnail carries no position.
    """
    try:
        im = _decode(data, side)
        if max(im.size) < MIN_THUMB_SIDE:  # a spacer or placeholder: nothing to see
            return None
        out = io.BytesIO()
        im.save(out, "JPEG", quality=quality, optimize=True)
        return out.getvalue()
    except Exception:  # noqa: BLE001 - a report must still build when one picture is broken
        return None
