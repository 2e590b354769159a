"""Facebook, Instagram and Threads exports: both layouts, mojibake repair, PII left out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from selfaudit.crawler.importers import facebook, instagram
from selfaudit.crawler.importers.core import import_archive
from selfaudit.crawler.importers.records import fix_mojibake
from selfaudit.crawler.importers.source import open_source

from selfaudit.store import Store


def test_fix_mojibake_values_and_keys() -> None:
    garbled = {"caf\u00c3\u00a9": ["don\u00e2\u0080\u0099t \u00f0\u009f\u0099\u0082", "\u00d8\u00b3\u00d9\u0084\u00d8\u00a7\u00d9\u0085"]}
    assert fix_mojibake(garbled) == {"café": ["don\u2019t 🙂", "سلام"]}
    assert fix_mojibake("café") == "café"  # correct Latin-1 text is not valid UTF-8 bytes: left alone
    assert fix_mojibake("ok – fine") == "ok – fine"  # characters above U+00FF: already right
    assert fix_mojibake([1, None, True]) == [1, None, True]


@pytest.mark.parametrize("layout", ["old", "new"])
def test_facebook_layouts(tmp_path: Path, gen: Any, layout: str) -> None:
    src = open_source(gen.write_zip(gen.facebook_files(layout=layout), tmp_path / f"facebook-{layout}.zip"))
    root = facebook.find_root(src.names())
    assert root == ""
    (bundle,) = facebook.parse_archive(src, root)
    assert bundle.account == "ana.lopez"
    posts = sorted(bundle.posts, key=lambda p: p.created_at)
    assert [p.kind for p in posts] == ["original", "reply"]  # duplicate collapsed, empty post skipped
    first = posts[0]
    assert first.text == "Café with colleagues — وقت القهوة 🙂"
    assert first.created_at == "2012-12-06T14:45:14Z" and first.edited_at == "2012-12-06T14:46:40Z"
    assert first.extra["links"] == ["https://news.example/a"] and first.extra["place"] == "Palais des Nations"
    assert first.extra["tagged"] == ["Bob"] and first.extra["media_captions"] == ["our team"]
    assert first.native_id.startswith("1354805114-")
    assert posts[1].text == "Très bien!"
    (prof,) = bundle.profiles
    assert prof.email == "ana.lopez@un.org" and prof.display_name == "Ana López"
    assert prof.extra["work"] == [{"employer": "United Nations", "title": "Officer"}]
    dump = repr(bundle)
    assert "198.51.100.7" not in dump and "+41 22" not in dump  # the position is kept on purpose (#13)


def test_facebook_same_post_same_key_across_layouts(tmp_path: Path, gen: Any) -> None:
    keys = []
    for layout in ("old", "new"):
        src = open_source(gen.write_dir(gen.facebook_files(layout=layout), tmp_path / layout))
        (bundle,) = facebook.parse_archive(src, "")
        keys.append(sorted(p.native_id for p in bundle.posts))
    assert keys[0] == keys[1]


@pytest.mark.parametrize("layout", ["2021", "2024", "2025"])
def test_instagram_layouts(tmp_path: Path, gen: Any, layout: str) -> None:
    files = {f"instagram-ana-2025/{k}": v for k, v in gen.instagram_files(layout=layout).items()}
    src = open_source(gen.write_zip(files, tmp_path / "ig.zip"))
    root = instagram.find_root(src.names())
    assert root == "instagram-ana-2025/"
    bundles = {b.platform: b for b in instagram.parse_archive(src, root)}
    ig = bundles["instagram"]
    assert ig.account == "ana_lopez"
    texts = sorted(p.text for p in ig.posts)
    assert texts == ["Rally for Party X — ¡vamos! 🎉", "Reel caption", "Single café"]  # media list or object
    rally = next(p for p in ig.posts if p.text.startswith("Rally"))
    assert rally.created_at == "2024-03-11T13:57:50Z" and rally.extra["media"] == ["media/posts/202403/1_n.jpg"]
    (prof,) = ig.profiles
    assert (prof.email, prof.bio, prof.links) == ("ana.lopez@un.org", "Café lover", ["https://ana.example"])
    assert "+4122" not in repr(ig)
    if layout == "2021":
        assert "threads" not in bundles
    else:
        threads = bundles["threads"]
        assert [(p.text, p.kind) for p in threads.posts] == [("Threads post ✓", "original"), ("a reply", "reply")]


def test_threads_forced_imports_only_threads(tmp_path: Path, gen: Any, store: Store) -> None:
    path = gen.write_zip(gen.instagram_files(layout="2025"), tmp_path / "ig.zip")
    result = import_archive(path, store=store, platform="threads")
    assert [a.platform for a in result.accounts] == ["threads"]
    auto = import_archive(path, store=store)
    assert [(a.platform, a.inserted) for a in auto.accounts] == [("instagram", 3), ("threads", 0)]
