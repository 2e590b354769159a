"""Where a picture was taken: EXIF GPS and time from image bytes, and the positions archives record.

Images are untrusted input. :func:`read_image` opens them with Pillow under a
pixel cap (decoding bombs), reads only the metadata (no pixel decode), and
turns every failure (truncated file, wrong extension, a GPS block of the
wrong shape, a zero denominator) into a one-line note instead of an
exception, so one bad file never stops the audit.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["MAX_IMAGE_PIXELS", "MAX_IMAGE_BYTES", "Position", "ImageFacts", "dms_to_degrees", "exif_time",
           "read_image", "position_from_record", "positions_of"]

MAX_IMAGE_PIXELS = 50_000_000
"""Largest image (in pixels) that is opened at all: a 50 MP phone photo fits, a decoding bomb does not."""

MAX_IMAGE_BYTES = 40 * 2**20
"""Largest image file that is read."""

_GPS_IFD = 0x8825
_EXIF_IFD = 0x8769
_GPS_LAT_REF, _GPS_LAT, _GPS_LON_REF, _GPS_LON = 1, 2, 3, 4
_DATETIME, _DATETIME_ORIGINAL, _OFFSET_ORIGINAL = 0x0132, 0x9003, 0x9011
_EXIF_TIME = re.compile(r"^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_OFFSET = re.compile(r"^([+-])(\d{2}):(\d{2})$")


@dataclass(frozen=True, slots=True)
class Position:
    """A point on Earth and where the fact came from.

    Attributes:
        lat: latitude in decimal degrees (south negative).
        lon: longitude in decimal degrees (west negative).
        source: ``exif`` (read from the image), ``instagram exif_data``, ``facebook place``.
        name: the place's name when the platform recorded one (a check-in).
        media: the archive path or stored name of the picture it belongs to, if any.
    """

    lat: float
    lon: float
    source: str
    name: str | None = None
    media: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for a record's ``extra`` (JSON)."""
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True, slots=True)
class ImageFacts:
    """What the metadata of one image says; ``note`` explains why something could not be read."""

    format: str | None = None
    width: int = 0
    height: int = 0
    position: Position | None = None
    taken_at: str | None = None
    note: str | None = None


def _number(value: Any) -> float | None:
    """A finite float from an EXIF rational/int/(num, den) pair; None when unusable."""
    try:
        if isinstance(value, tuple) and len(value) == 2:
            num, den = float(value[0]), float(value[1])
            out = num / den if den else math.nan
        else:
            out = float(value)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None
    return out if math.isfinite(out) else None


def dms_to_degrees(dms: Any, ref: Any, *, limit: float) -> float | None:
    """Decimal degrees from EXIF degrees/minutes/seconds and an N/S/E/W reference.

    Args:
        dms: one to three numbers (EXIF rationals, ints, or ``(num, den)`` pairs).
        ref: ``N``/``S`` (latitude) or ``E``/``W`` (longitude), as text or bytes; S and W are negative.
        limit: 90 for a latitude, 180 for a longitude; values outside are refused.

    Returns:
        The signed value, or None when the block is malformed (hostile or broken metadata).
    """
    if isinstance(dms, (int, float)) or hasattr(dms, "denominator"):
        dms = (dms,)
    if not isinstance(dms, (tuple, list)) or not 1 <= len(dms) <= 3:
        return None
    parts = [_number(p) for p in dms]
    if any(p is None or p < 0 for p in parts):
        return None
    deg = sum(p / 60**i for i, p in enumerate(parts))  # type: ignore[operator]
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "replace")
    ref = str(ref or "").strip("\x00 ").upper()[:1]
    if ref in ("S", "W"):
        deg = -deg
    elif ref not in ("N", "E", ""):
        return None
    return round(deg, 7) if abs(deg) <= limit else None


def exif_time(value: Any, offset: Any = None) -> str | None:
    """``YYYY:MM:DD HH:MM:SS`` (and an optional ``+HH:MM`` offset) as ISO 8601; None when malformed."""
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    m = _EXIF_TIME.match(str(value or "").strip())
    if not m or m.group(1) == "0000":
        return None
    y, mo, d, h, mi, s = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31 and h < 24 and mi < 60 and s < 61):
        return None
    stamp = f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{min(s, 59):02d}"
    off = _OFFSET.match(str(offset or "").strip())
    return stamp + (("Z" if off.group(0) in ("+00:00", "-00:00") else off.group(0)) if off else "")


def _gps(exif: Any) -> Position | None:
    gps = exif.get_ifd(_GPS_IFD)
    if not isinstance(gps, Mapping) or _GPS_LAT not in gps or _GPS_LON not in gps:
        return None
    lat = dms_to_degrees(gps.get(_GPS_LAT), gps.get(_GPS_LAT_REF), limit=90)
    lon = dms_to_degrees(gps.get(_GPS_LON), gps.get(_GPS_LON_REF), limit=180)
    if lat is None or lon is None:
        raise ValueError("the GPS block is malformed")
    if lat == 0 and lon == 0:
        return None  # cameras write 0,0 when they have no fix
    return Position(lat=lat, lon=lon, source="exif")


def read_image(data: bytes, *, name: str = "") -> ImageFacts:
    """Format, size, GPS position and capture time of one image, never raising.

    Args:
        data: the file's bytes (untrusted).
        name: the file's name, used only in the note.

    Returns:
        The facts; ``note`` is set (and the rest partly empty) for a file that
        is not an image, is truncated, too large, or has unreadable metadata.
    """
    from PIL import Image, UnidentifiedImageError

    label = name or "image"
    if len(data) > MAX_IMAGE_BYTES:
        return ImageFacts(note=f"{label}: {len(data)} bytes, more than the {MAX_IMAGE_BYTES} read; skipped")
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                fmt, (w, h) = im.format, im.size
                if w * h > MAX_IMAGE_PIXELS:
                    return ImageFacts(format=fmt, width=w, height=h,
                                      note=f"{label}: {w}x{h} pixels, more than the {MAX_IMAGE_PIXELS} read "
                                           "(a decoding bomb?); skipped")
                try:
                    exif = im.getexif()
                    position = _gps(exif)
                    sub = exif.get_ifd(_EXIF_IFD)
                    taken = exif_time(sub.get(_DATETIME_ORIGINAL), sub.get(_OFFSET_ORIGINAL)) or exif_time(
                        exif.get(_DATETIME))
                except Exception as exc:  # noqa: BLE001 - hostile metadata of any shape must only become a note
                    return ImageFacts(format=fmt, width=w, height=h,
                                      note=f"{label}: unreadable metadata ({_why(exc)}); the picture is kept")
                return ImageFacts(format=fmt, width=w, height=h, position=position, taken_at=taken)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return ImageFacts(note=f"{label}: too many pixels (a decoding bomb?); skipped ({_why(exc)})")
    except UnidentifiedImageError:
        return ImageFacts(note=f"{label}: not an image Pillow can read (wrong extension or damaged file); skipped")
    except Exception as exc:  # noqa: BLE001 - truncated or malformed files raise many types inside Pillow
        return ImageFacts(note=f"{label}: damaged image ({_why(exc)}); skipped")


def _why(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0][:160]


def position_from_record(value: Any) -> Position | None:
    """A :class:`Position` from a record's ``extra["geo"]`` entry (as written by the importers); None if bad."""
    if not isinstance(value, Mapping):
        return None
    lat, lon = _number(value.get("lat")), _number(value.get("lon"))
    if lat is None or lon is None or abs(lat) > 90 or abs(lon) > 180 or (lat == 0 and lon == 0):
        return None
    name = value.get("name") if isinstance(value.get("name"), str) else None
    media = value.get("media") if isinstance(value.get("media"), str) else None
    return Position(lat=lat, lon=lon, source=str(value.get("source") or "archive"), name=name, media=media)


def positions_of(extra: Mapping[str, Any] | None) -> list[Position]:
    """Every valid position recorded in a post's ``extra["geo"]`` list."""
    geo: Sequence[Any] = (extra or {}).get("geo") or []
    if not isinstance(geo, list):
        return []
    return [p for p in (position_from_record(g) for g in geo) if p is not None]
