"""Faces, printed text and thumbnails of pictures, offline; broken pictures become notes (#13)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from selfaudit.analysis.media import analyze_image, faces_available, looks_like_text, ocr_available, thumbnail_jpeg
from selfaudit.analysis.places import read_image

from tests.analysis.images import bench_photo, holiday_photo, party_photo, screenshot

MEMO = ["INTERNAL - DO NOT DISTRIBUTE", "United Nations Office at Nairobi", "Draft decision on the relocation",
        "of the warehouse staff, for review."]


def test_screenshot_is_read_by_ocr() -> None:
    assert ocr_available(), "tesseract-ocr is part of make setup"
    facts = analyze_image(screenshot(MEMO), name="memo.png")
    assert facts.texty and facts.format == "PNG"
    assert "INTERNAL - DO NOT DISTRIBUTE" in facts.ocr and "warehouse" in facts.ocr


def test_photos_are_not_sent_to_ocr() -> None:
    facts = analyze_image(holiday_photo(lat=43.7, lon=7.26, seed=3), name="beach.jpg")
    assert not facts.texty and facts.ocr == ""
    assert facts.lat == pytest.approx(43.7, abs=1e-5) and facts.faces == 0
    assert not analyze_image(bench_photo(1, megapixels=1.0)).texty


def test_faces_counted() -> None:
    assert faces_available(), "opencv-python-headless 4.x ships the cascade"
    assert analyze_image(party_photo(people=3)).faces == 3
    assert analyze_image(party_photo(people=1)).faces == 1


def test_text_test_on_arrays() -> None:
    assert not looks_like_text(np.full((100, 100), 255, dtype=np.uint8))  # flat, no edges
    assert not looks_like_text(np.zeros((5, 5), dtype=np.uint8))


def test_damaged_pictures_are_notes_not_errors() -> None:
    data = party_photo(people=2)
    for bad, name in ((data[:300], "cut.jpg"), (b"GIF89a" + b"\x00" * 40, "x.gif"), (b"", "empty.jpg")):
        facts = analyze_image(bad, name=name)
        assert facts.notes and facts.notes[0].startswith(name) and facts.ocr == "" and facts.faces is None
    bomb = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(bomb, "PNG")
    facts = analyze_image(bomb.getvalue(), name="bomb.png")
    assert "decoding bomb" in facts.notes[0] and facts.faces is None


def test_thumbnail_is_small_and_has_no_position() -> None:
    thumb = thumbnail_jpeg(party_photo(people=2, lat=-1.3, lon=36.8))
    assert thumb is not None and len(thumb) < 12_000
    with Image.open(io.BytesIO(thumb)) as im:
        assert max(im.size) <= 160
    assert read_image(thumb).position is None
    assert thumbnail_jpeg(b"nope") is None


def test_transparent_picture_thumbnail_is_on_white_and_a_spacer_has_none() -> None:
    logo = io.BytesIO()
    im = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    im.paste((200, 30, 30, 255), (16, 16, 48, 48))
    im.save(logo, "PNG")
    thumb = thumbnail_jpeg(logo.getvalue())
    assert thumb is not None
    with Image.open(io.BytesIO(thumb)) as out:
        corner, centre = out.convert("RGB").getpixel((0, 0)), out.convert("RGB").getpixel((32, 32))
    assert min(corner) > 240  # the transparent background is white, not black
    assert centre[0] > 150 and centre[1] < 90
    spacer = io.BytesIO()
    Image.new("RGBA", (1, 1), (0, 0, 0, 0)).save(spacer, "PNG")
    assert thumbnail_jpeg(spacer.getvalue()) is None
