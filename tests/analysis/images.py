"""Test images written by Pillow with real EXIF blocks (GPS IFD 0x8825, Exif IFD 0x8769): the sandbox's generators."""

from __future__ import annotations

from selfaudit.sandbox.pictures import bench_photo, holiday_photo, party_photo, photo, screenshot

__all__ = ["photo", "party_photo", "screenshot", "holiday_photo", "bench_photo"]
