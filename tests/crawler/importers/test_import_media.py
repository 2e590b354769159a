"""Positions in Meta exports and the pictures of each platform's archive, read within caps (#13)."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path
from typing import Any

import pytest
from selfaudit.crawler.importers import facebook, instagram, mastodon
from selfaudit.crawler.importers.media import (
    MediaLimits,
    gather_media,
    geo_from_exif_data,
    geo_from_place,
    media_members,
)
from selfaudit.crawler.importers.records import post
from selfaudit.crawler.importers.source import open_source

from tests.analysis.images import photo


def test_facebook_place_and_instagram_exif_positions(tmp_path: Path, gen: Any) -> None:
    src = open_source(gen.write_zip(gen.facebook_files(layout="new"), tmp_path / "fb.zip"))
    (bundle,) = facebook.parse_archive(src, "")
    first = min(bundle.posts, key=lambda p: p.created_at)
    assert first.extra["geo"] == [{"lat": 46.22, "lon": 6.14, "source": "facebook place",
                                      "name": "Palais des Nations"}]
    assert "198.51.100.7" not in repr(bundle)  # the upload IP beside it is still dropped
    src = open_source(gen.write_zip(gen.instagram_files(layout="2025"), tmp_path / "ig.zip"))
    ig = next(b for b in instagram.parse_archive(src, "") if b.platform == "instagram")
    rally = next(p for p in ig.posts if p.text.startswith("Rally"))
    assert rally.extra["geo"] == [{"lat": 46.2, "lon": 6.1, "source": "instagram exif_data",
                                      "media": "media/posts/202403/1_n.jpg"}]
    assert all("geo" not in p.extra for p in ig.posts if p is not rally)


@pytest.mark.parametrize(("value", "expected"), [
    ({"name": "HQ", "coordinate": {"latitude": "-1.5", "longitude": 36.8}}, (-1.5, 36.8)),
    ({"name": "HQ", "coordinate": {"latitude": 95, "longitude": 36.8}}, None),
    ({"name": "HQ", "coordinate": {"latitude": 0, "longitude": 0}}, None),
    ({"name": "HQ", "coordinate": "46,6"}, None),
    ({"name": "HQ"}, None), ("HQ", None), (None, None),
    ({"coordinate": {"latitude": float("nan"), "longitude": 1}}, None),
])
def test_place_shapes(value: Any, expected: tuple[float, float] | None) -> None:
    geo = geo_from_place(value)
    assert (None if geo is None else (geo["lat"], geo["lon"])) == expected


def test_exif_data_shapes() -> None:
    ok = {"uri": "m.jpg", "media_metadata": {"photo_metadata": {"exif_data": [{"upload_ip": "1.2.3.4"},
                                                                          {"latitude": 1.5, "longitude": -2}]}}}
    assert geo_from_exif_data(ok, platform="instagram") == {"lat": 1.5, "lon": -2.0, "source": "instagram exif_data",
                                                            "media": "m.jpg"}
    for bad in ({"media_metadata": "x"}, {"media_metadata": {"photo_metadata": {"exif_data": "x"}}},
                {"media_metadata": {"photo_metadata": {"exif_data": [{"latitude": "north"}]}}}, [], None):
        assert geo_from_exif_data(bad, platform="instagram") is None


def _meta_with_pictures(gen: Any) -> dict[str, Any]:
    files = gen.instagram_files(layout="2025")
    files["media/posts/202403/1_n.jpg"] = photo(lat=-1.29, lon=36.82)
    files["media/posts/202404/2_n.jpg"] = b"not really a jpeg"
    return files


@pytest.mark.parametrize("kind", ["zip", "dir", "tar"])
def test_gather_instagram_pictures(tmp_path: Path, gen: Any, kind: str) -> None:
    files = _meta_with_pictures(gen)
    if kind == "zip":
        path = gen.write_zip(files, tmp_path / "ig.zip")
    elif kind == "dir":
        path = gen.write_dir(files, tmp_path / "ig")
    else:
        path = tmp_path / "ig.tar.gz"
        with tarfile.open(path, "w:gz") as tar:
            for name, data in files.items():
                raw = data if isinstance(data, bytes) else data.encode("utf-8")
                info = tarfile.TarInfo(name)
                info.size = len(raw)
                tar.addfile(info, io.BytesIO(raw))
    with open_source(path) as src:
        bundles = [b for b in instagram.parse_archive(src, "") if b.platform == "instagram"]
        got, notes = gather_media(src, bundles, "")
    assert sorted(f.member for f in got) == ["media/posts/202403/1_n.jpg", "media/posts/202404/2_n.jpg"]
    assert notes == []  # a bad picture is judged later (its note comes from the image reader)
    rally = next(f for f in got if f.member.endswith("1_n.jpg"))
    assert rally.platform == "instagram" and rally.data.startswith(b"\xff\xd8")


def test_caps_leave_pictures_with_a_note(tmp_path: Path, gen: Any) -> None:
    path = gen.write_zip(_meta_with_pictures(gen), tmp_path / "ig.zip")
    with open_source(path) as src:
        bundles = [b for b in instagram.parse_archive(src, "") if b.platform == "instagram"]
        got, notes = gather_media(src, bundles, "", limits=MediaLimits(max_files=1, max_file_bytes=100))
    assert got == []
    assert any("only the first 1" in n for n in notes) and any("more than the 100 read" in n for n in notes)


def test_members_of_x_mastodon_and_videos(gen: Any) -> None:
    rec = post(platform="x", account="a", native_id="123", created_at=None, kind="original",
               extra={"media": ["https://pbs.twimg.com/media/AbC.jpg", "https://pbs.twimg.com/media/Vid.mp4"]})
    names = {"data/tweets_media/123-AbC.jpg", "data/tweets_media/123-Vid.mp4"}
    assert media_members("x", rec, names, "") == ["data/tweets_media/123-AbC.jpg"]
    rec = post(platform="mastodon", account="a", native_id="u", created_at=None, kind="original",
               extra={"media": ["/media_attachments/files/1/original/a.png", "../etc/passwd"]})
    assert media_members("mastodon", rec, {"media_attachments/files/1/original/a.png"}, "") == [
        "media_attachments/files/1/original/a.png"]


def test_mastodon_archive_posts_name_their_attachments(tmp_path: Path, gen: Any) -> None:
    src = open_source(gen.write_zip(gen.mastodon_files(), tmp_path / "m.zip"))
    root = mastodon.find_root(src.names())
    (bundle,) = mastodon.parse_archive(src, root)
    got, _ = gather_media(src, [bundle], root)
    assert [f.member for f in got] == ["media_attachments/files/1/original/a.png"]


def test_import_keeps_pictures_once(tmp_path: Path, gen: Any, store: Any) -> None:
    from selfaudit.crawler.importers.core import import_archive

    path = gen.write_zip(_meta_with_pictures(gen), tmp_path / "ig.zip")
    result = import_archive(path, store=store, platform="instagram")
    assert result.media == 2 and result.media_notes == []
    files = {r["origin"]: r["file"] for r in store.media()}
    assert set(files) == {"media/posts/202403/1_n.jpg", "media/posts/202404/2_n.jpg"}
    assert store.media_path(files["media/posts/202403/1_n.jpg"]).read_bytes().startswith(b"\xff\xd8")
    again = import_archive(path, store=store, platform="instagram")
    assert again.media == 0 and len(store.media()) == 2
    none = import_archive(path, store=store, platform="instagram", media_limits=MediaLimits(max_files=0))
    assert none.media == 0
