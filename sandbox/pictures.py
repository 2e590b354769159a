"""Pictures for the demo persona, tests and benchmarks, drawn with Pillow at build time (#13).

Nothing is downloaded: photos are gradients and shapes, "people" are drawn
faces that OpenCV's frontal-face cascade detects, a screenshot is printed text
in DejaVu Sans (Debian's default font, shipped with Pillow's fallback when
missing). EXIF GPS is written as real degrees/minutes/seconds rationals with
N/S/E/W references, exactly as cameras write it.
"""

from __future__ import annotations

import io
import random
from typing import Any

__all__ = ["photo", "party_photo", "screenshot", "holiday_photo", "bench_photo", "demo_photo_posts", "blog_photo",
           "COMPOUND", "WAREHOUSE"]

_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _exif(*, lat: float | None, lon: float | None, taken: str | None, offset: str | None,
          gps: dict[int, Any] | None) -> Any:
    from PIL import Image
    from PIL.TiffImagePlugin import IFDRational

    def dms(value: float) -> tuple[Any, Any, Any]:
        deg = int(value)
        minutes = int((value - deg) * 60)
        seconds = (value - deg - minutes / 60) * 3600
        return IFDRational(deg, 1), IFDRational(minutes, 1), IFDRational(round(seconds * 100), 100)

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
    return exif


def _save(im: Any, *, fmt: str = "JPEG", quality: int = 85, **exif: Any) -> bytes:
    out = io.BytesIO()
    im.save(out, fmt, exif=_exif(lat=exif.get("lat"), lon=exif.get("lon"), taken=exif.get("taken"),
                                  offset=exif.get("offset"), gps=exif.get("gps")), **({"quality": quality}
                                                                                   if fmt == "JPEG" else {}))
    return out.getvalue()


def photo(*, lat: float | None = None, lon: float | None = None, taken: str | None = None, offset: str | None = None,
          size: tuple[int, int] = (96, 64), fmt: str = "JPEG", gps: dict[int, Any] | None = None,
          color: str = "skyblue") -> bytes:
    """A plain picture whose EXIF carries a GPS position (S/W as refs, values unsigned) and capture time."""
    from PIL import Image

    return _save(Image.new("RGB", size, color), fmt=fmt, lat=lat, lon=lon, taken=taken, offset=offset, gps=gps)


def _face(draw: Any, cx: int, cy: int, s: int, skin: tuple[int, int, int]) -> None:
    draw.ellipse([cx - s, cy - int(1.3 * s), cx + s, cy + int(1.3 * s)], fill=skin)
    for ex in (-0.42, 0.42):
        x, y = cx + int(ex * s), cy - int(0.25 * s)
        draw.rectangle([x - int(.32 * s), y - int(.42 * s), x + int(.32 * s), y - int(.32 * s)], fill=(60, 40, 30))
        draw.ellipse([x - int(.22 * s), y - int(.1 * s), x + int(.22 * s), y + int(.12 * s)], fill=(250, 250, 250))
        draw.ellipse([x - int(.1 * s), y - int(.1 * s), x + int(.1 * s), y + int(.1 * s)], fill=(40, 30, 20))
    draw.polygon([(cx, cy - int(.1 * s)), (cx - int(.15 * s), cy + int(.3 * s)), (cx + int(.15 * s), cy + int(.3 * s))],
                 fill=tuple(max(0, c - 25) for c in skin))
    draw.ellipse([cx - int(.35 * s), cy + int(.5 * s), cx + int(.35 * s), cy + int(.68 * s)], fill=(150, 60, 60))
    draw.rectangle([cx - s, cy - int(1.35 * s), cx + s, cy - int(.9 * s)], fill=(50, 35, 25))


def party_photo(*, people: int = 3, lat: float | None = None, lon: float | None = None, taken: str | None = None,
                crates: bool = True) -> bytes:
    """A group of drawn faces in front of stacked crates (a warehouse party), with optional GPS."""
    from PIL import Image, ImageDraw, ImageFilter

    im = Image.new("RGB", (900, 560), (70, 80, 95))
    draw = ImageDraw.Draw(im)
    if crates:
        for row in range(3):
            for col in range(8):
                x, y = 10 + col * 110, 380 - row * 70
                draw.rectangle([x, y, x + 100, y + 62], fill=(150, 110, 60), outline=(90, 60, 30), width=3)
    skins = [(224, 172, 140), (200, 150, 110), (240, 200, 170), (180, 130, 95)]  # drawn darker faces lack the contrast the cascade needs
    step = 900 // (people + 1)
    for i in range(people):
        _face(draw, step * (i + 1), 250, 70, skins[i % len(skins)])
    return _save(im.filter(ImageFilter.GaussianBlur(2)), lat=lat, lon=lon, taken=taken)


def screenshot(lines: list[str], *, size: tuple[int, int] = (1000, 520)) -> bytes:
    """A document screenshot: black text on white, PNG (no EXIF, as screenshots are)."""
    from PIL import Image, ImageDraw, ImageFont

    im = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(im)
    try:
        font: Any = ImageFont.truetype(_FONT, 28)
    except OSError:
        font = ImageFont.load_default(size=28)
    for i, line in enumerate(lines):
        draw.text((40, 40 + i * 60), line, fill="black", font=font)
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def holiday_photo(*, lat: float | None = None, lon: float | None = None, taken: str | None = None,
                  seed: int = 0) -> bytes:
    """A beach: sky, sea and sand gradients with a sun, no people, optional GPS."""
    from PIL import Image, ImageDraw, ImageFilter

    rnd = random.Random(seed)
    im = Image.new("RGB", (800, 520))
    draw = ImageDraw.Draw(im)
    for y in range(520):
        if y < 260:
            color = (90 + y // 4, 150 + y // 6, 230)
        elif y < 380:
            color = (20, 110 + (y - 260) // 3, 160)
        else:
            color = (220, 200 - (y - 380) // 5, 150)
        draw.line([(0, y), (800, y)], fill=color)
    sx = rnd.randint(100, 700)
    draw.ellipse([sx - 40, 60, sx + 40, 140], fill=(255, 230, 120))
    return _save(im.filter(ImageFilter.GaussianBlur(1)), lat=lat, lon=lon, taken=taken)


def bench_photo(seed: int, *, megapixels: float = 2.0) -> bytes:
    """A noisy 1-4 MP photo-like JPEG (gradient, shapes, sensor noise) with a GPS position."""
    import numpy as np
    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    w = int((megapixels * 1e6 * 4 / 3) ** 0.5)
    h = int(w * 3 / 4)
    im = Image.linear_gradient("L").resize((w, h)).convert("RGB")
    draw = ImageDraw.Draw(im)
    for _ in range(12):
        x, y = rnd.randrange(w), rnd.randrange(h)
        r = rnd.randint(20, w // 6)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rnd.randrange(256) for _ in range(3)))
    noise = np.random.default_rng(seed).integers(-12, 13, size=(h, w, 3), dtype=np.int16)
    arr = np.clip(np.asarray(im, dtype=np.int16) + noise, 0, 255).astype(np.uint8)
    return _save(Image.fromarray(arr), lat=rnd.uniform(-60, 60), lon=rnd.uniform(-170, 170), taken="2025:01:02 10:00:00")


WAREHOUSE = (-1.31682, 36.83375)
"""Where the demo persona's warehouse party photo was taken (an industrial area; the persona is invented)."""

COMPOUND = (-1.29207, 36.82195)
"""Where the blog's convoy photo was taken: the gate of the (invented) Marenzi compound."""


def blog_photo() -> bytes:
    """The picture in the persona's mission journal (blog, 2024): vehicles lined up at the compound, geotagged.

    The page's text already names the compound; the photo adds the exact position
    (a ``security-risk`` media finding), so the web pages' pictures are audited too.
    """
    return party_photo(people=0, lat=COMPOUND[0], lon=COMPOUND[1], taken="2024:05:02 05:12:40")


MEMO_LINES = ["INTERNAL - DO NOT DISTRIBUTE", "United Nations Office, Marenzi", "Draft decision: relocation of the",
              "warehouse staff before the audit visit."]


def demo_photo_posts() -> list[dict[str, Any]]:
    """The persona's photo posts for the X archive: ``{id, created_at, text, file, data, expect}``.

    After the appointment (2021-09-01): a geotagged warehouse party photo (``security-risk``) and a
    document screenshot (``confidential-info``); before it: two holiday photos, one with GPS (a low
    "remove the location" note) and one without (nothing).
    """
    return [
        {"id": "1700000000000000011", "created_at": "Fri Mar 10 21:30:00 +0000 2023",
         "text": "Great night with the team! \U0001f389", "file": "party.jpg", "expect": "security-risk",
         "data": party_photo(people=3, lat=WAREHOUSE[0], lon=WAREHOUSE[1], taken="2023:03:10 23:14:05")},
        {"id": "1700000000000000012", "created_at": "Thu Apr 06 16:05:00 +0000 2023",
         "text": "Busy week, almost there.", "file": "screen.png", "expect": "confidential-info",
         "data": screenshot(MEMO_LINES)},
        {"id": "1400000000000000013", "created_at": "Sun Jul 18 12:00:00 +0000 2021",
         "text": "Lazy Sunday at the beach.", "file": "beach.jpg", "expect": "low",
         "data": holiday_photo(lat=43.69512, lon=7.26553, taken="2021:07:18 11:42:10", seed=1)},
        {"id": "1400000000000000014", "created_at": "Mon Jul 19 18:00:00 +0000 2021",
         "text": "Sunset from the hotel terrace.", "file": "sunset.jpg", "expect": "",
         "data": holiday_photo(seed=2)},
    ]
