"""Test images written by Pillow with real EXIF blocks (GPS IFD 0x8825, Exif IFD 0x8769)."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image
from PIL.TiffImagePlugin import IFDRational


def rational(value: float, den: int = 10_000) -> IFDRational:
    """An EXIF RATIONAL as cameras write it (numerator/denominator)."""
    return IFDRational(round(value * den), den)


def dms(value: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    """Degrees/minutes/seconds of an unsigned decimal value, as three rationals."""
    deg = int(value)
    minutes = int((value - deg) * 60)
    seconds = (value - deg - minutes / 60) * 3600
    return rational(deg, 1), rational(minutes, 1), rational(seconds, 100)


def photo(*, lat: float | None = None, lon: float | None = None, taken: str | None = None, offset: str | None = None,
          size: tuple[int, int] = (96, 64), fmt: str = "JPEG", gps: dict[int, Any] | None = None,
          color: str = "skyblue") -> bytes:
    """An image whose EXIF carries the GPS position (S/W written as refs, values unsigned) and capture time."""
    im = Image.new("RGB", size, color)
    exif = Image.Exif()
    block = dict(gps or {})
    if lat is not None and lon is not None:
        block.update({0: b"\x02\x03\x00\x00", 1: "S" if lat < 0 else "N", 2: dms(abs(lat)),
                      3: "W" if lon < 0 else "E", 4: dms(abs(lon))})
    if block:
        exif.get_ifd(0x8825).update(block)
    if taken:
        sub = exif.get_ifd(0x8769)
        sub[0x9003] = taken
        if offset:
            sub[0x9011] = offset
    out = io.BytesIO()
    im.save(out, fmt, exif=exif)
    return out.getvalue()
