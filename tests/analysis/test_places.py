"""EXIF GPS and time read from image bytes written by Pillow; hostile images become notes."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from PIL.TiffImagePlugin import IFDRational
from selfaudit.analysis.places import Position, dms_to_degrees, exif_time, positions_of, read_image

from tests.analysis.images import photo


@pytest.mark.parametrize(("lat", "lon"), [(-1.2921, 36.8219), (46.2203, 6.1432), (40.7489, -73.968),
                                           (-33.8568, -151.2153)])
def test_gps_signs_and_dms_round_trip(lat: float, lon: float) -> None:
    facts = read_image(photo(lat=lat, lon=lon), name="p.jpg")
    assert facts.note is None and facts.format == "JPEG"
    assert facts.position is not None and facts.position.source == "exif"
    assert facts.position.lat == pytest.approx(lat, abs=1e-5)
    assert facts.position.lon == pytest.approx(lon, abs=1e-5)


def test_webp_and_capture_time_with_offset() -> None:
    facts = read_image(photo(lat=-1.29, lon=36.82, taken="2025:03:14 21:05:09", offset="+03:00", fmt="WEBP"))
    assert facts.format == "WEBP" and facts.position is not None
    assert facts.taken_at == "2025-03-14T21:05:09+03:00"


def test_no_gps_and_zero_fix() -> None:
    assert read_image(photo()).position is None
    assert read_image(photo(gps={1: "N", 2: (0.0, 0.0, 0.0), 3: "E", 4: (0.0, 0.0, 0.0)})).position is None


def test_dms_forms() -> None:
    assert dms_to_degrees((IFDRational(46), IFDRational(13), IFDRational(1308, 100)), b"N\x00", limit=90) \
        == pytest.approx(46.2203, abs=1e-5)
    assert dms_to_degrees(((6, 1), (8, 1), (3552, 100)), "W", limit=180) == pytest.approx(-6.1432, abs=1e-5)
    assert dms_to_degrees(12.5, "S", limit=90) == -12.5
    assert dms_to_degrees((95, 0, 0), "N", limit=90) is None
    assert dms_to_degrees((1, IFDRational(3, 0), 0), "N", limit=90) is None
    assert dms_to_degrees("46 13 13", "N", limit=90) is None
    assert dms_to_degrees((1, 2, 3), "Q", limit=90) is None
    assert dms_to_degrees((1, 2, 3, 4), "N", limit=90) is None


def test_exif_time_rejects_junk() -> None:
    assert exif_time("2024:05:02 22:47:28") == "2024-05-02T22:47:28"
    assert exif_time(b"2024:05:02 22:47:28", "+00:00") == "2024-05-02T22:47:28Z"
    assert exif_time("0000:00:00 00:00:00") is None and exif_time("2024:13:02 22:47:28") is None
    assert exif_time(None) is None and exif_time(12345) is None


@pytest.mark.parametrize("gps", [
    {1: "N", 2: (IFDRational(1, 0), 0, 0), 3: "E", 4: (1, 2, 3)},   # zero denominator
    {1: "N", 2: (1, 2, 3, 4, 5), 3: "E", 4: (1, 2, 3)},                # five numbers for three
    {1: "X", 2: (10, 0, 0), 3: "E", 4: (1, 2, 3)},                    # unknown reference
    {1: "N", 2: (91, 0, 0), 3: "E", 4: (1, 2, 3)},                    # off the globe
])
def test_hostile_gps_block_is_a_note(gps: dict[int, object]) -> None:
    facts = read_image(photo(gps=gps), name="evil.jpg")
    assert facts.position is None
    assert facts.note is not None and facts.note.startswith("evil.jpg: unreadable metadata")
    assert facts.width == 96  # the picture itself is still known


def test_truncated_wrong_extension_and_bombs() -> None:
    data = photo(lat=1.0, lon=2.0)
    assert "damaged" in (read_image(data[:120], name="t.jpg").note or "")
    assert "not an image" in (read_image(b"%PDF-1.7 not a photo", name="x.jpg").note or "")
    png = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(png, "PNG")  # 144 MP: Pillow's bomb error
    assert "decoding bomb" in (read_image(png.getvalue(), name="bomb.png").note or "")
    png = io.BytesIO()
    Image.new("1", (8_000, 8_000)).save(png, "PNG")   # 64 MP: above our cap, below Pillow's error
    assert "decoding bomb" in (read_image(png.getvalue(), name="big.png").note or "")


def test_header_intact_body_truncated_still_gives_position() -> None:
    data = photo(lat=-1.3, lon=36.8, size=(400, 300))
    facts = read_image(data[: len(data) // 2])
    assert facts.position is not None and facts.position.lat == pytest.approx(-1.3, abs=1e-5)


def test_positions_of_extra() -> None:
    extra = {"geo": [{"lat": 46.2, "lon": 6.1, "source": "instagram exif_data", "media": "m/1.jpg"},
                     {"lat": "x", "lon": 1}, {"lat": 0, "lon": 0}, {"lat": 100, "lon": 1}, "junk"]}
    assert positions_of(extra) == [Position(46.2, 6.1, "instagram exif_data", media="m/1.jpg")]
    assert positions_of({"geo": "nope"}) == [] and positions_of(None) == []
