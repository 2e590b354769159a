"""Broken and hostile inputs: one clear error naming the file, nothing written."""

from __future__ import annotations

import io
import json
import os
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from selfaudit.crawler.importers.core import import_archive
from selfaudit.crawler.importers.errors import (
    CorruptArchiveError,
    NotAnArchiveError,
    UnknownLayoutError,
    UnsafeArchiveError,
)
from selfaudit.crawler.importers.source import Limits, open_source

from selfaudit.errors import ArchiveError
from selfaudit.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "archives"


def _empty(store: Store) -> bool:
    return not list(store.iter_posts()) and not store.runs() and not store.accounts()


def _fails(path: Path, store: Store, error: type[ArchiveError], match: str, **kw: Any) -> None:
    with pytest.raises(error, match=match) as info:
        import_archive(path, store=store, **kw)
    assert str(path) in str(info.value)
    assert _empty(store)


def test_not_an_archive(tmp_path: Path, store: Store) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("just some notes")
    _fails(text, store, NotAnArchiveError, "not a zip, tar.gz, CAR file or folder")
    _fails(tmp_path / "missing.zip", store, NotAnArchiveError, "no such file")


def test_truncated_zip(tmp_path: Path, gen: Any, store: Store) -> None:
    whole = gen.write_zip(gen.x_files(), tmp_path / "whole.zip").read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    _fails(cut, store, CorruptArchiveError, "truncated")


def test_truncated_tar_gz(tmp_path: Path, gen: Any, store: Store) -> None:
    files = {**gen.mastodon_files(), "media/big.bin": os.urandom(200_000)}
    whole = gen.write_tgz(files, tmp_path / "whole.tar.gz").read_bytes()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    _fails(cut, store, CorruptArchiveError, "truncated")


def test_truncated_car(tmp_path: Path, store: Store) -> None:
    data = (SAMPLES / "indigo__paul_staging.repo.car").read_bytes()
    cut = tmp_path / "repo.car"
    cut.write_bytes(data[: len(data) // 2])
    _fails(cut, store, CorruptArchiveError, "cut short")


def test_unknown_layout(tmp_path: Path, gen: Any, store: Store) -> None:
    path = gen.write_zip({"photos/a.jpg": b"x", "readme.txt": "hello"}, tmp_path / "other.zip")
    _fails(path, store, UnknownLayoutError, "not a known export layout.*photos/a.jpg")


def test_html_export_asks_for_json(tmp_path: Path, gen: Any, store: Store) -> None:
    path = gen.write_zip({"your_facebook_activity/posts/your_posts_1.html": "<html></html>"}, tmp_path / "fb.zip")
    _fails(path, store, UnknownLayoutError, "HTML export; request the archive again in JSON")


def test_forced_platform_not_present(tmp_path: Path, gen: Any, store: Store) -> None:
    path = gen.write_zip(gen.x_files(), tmp_path / "x.zip")
    _fails(path, store, UnknownLayoutError, "no facebook export files", platform="facebook")
    with pytest.raises(UnknownLayoutError, match="unknown platform 'myspace'"):
        import_archive(path, store=store, platform="myspace")


def test_several_platforms_need_a_choice(tmp_path: Path, gen: Any, store: Store) -> None:
    path = gen.write_zip({**gen.x_files(), **gen.linkedin_files()}, tmp_path / "both.zip")
    _fails(path, store, UnknownLayoutError, "several platforms .*linkedin, x")
    assert import_archive(path, store=store, platform="linkedin").platform == "linkedin"


@pytest.mark.parametrize("member", ["data/tweets.js", "data/account.js"])
def test_json_cut_in_half_names_the_member(tmp_path: Path, gen: Any, store: Store, member: str) -> None:
    files = gen.x_files()
    files[member] = files[member][: len(files[member]) // 2]
    path = gen.write_zip(files, tmp_path / "x.zip")
    _fails(path, store, CorruptArchiveError, f"{member} is not valid JSON")


def test_meta_file_cut_in_half_writes_nothing(tmp_path: Path, gen: Any, store: Store) -> None:
    files = gen.facebook_files(layout="new")
    name = "your_facebook_activity/comments_and_reactions/comments.json"
    files[name] = files[name][:40]  # the posts file is fine, the comments file is not
    _fails(gen.write_dir(files, tmp_path / "fb"), store, CorruptArchiveError, "comments.json is not valid JSON")


def test_failure_while_writing_rolls_back(tmp_path: Path, gen: Any, store: Store,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: Any, **__: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "add_links", boom)
    with pytest.raises(RuntimeError):
        import_archive(gen.write_zip(gen.x_files(), tmp_path / "x.zip"), store=store)
    monkeypatch.undo()
    assert _empty(store)


def test_zip_slip_and_absolute_paths_refused(tmp_path: Path, gen: Any, store: Store) -> None:
    for evil in ("../../etc/cron.d/evil.json", "/etc/passwd", "C:\\Windows\\evil.json"):
        files = {**gen.x_files(), evil: "{}"}
        _fails(gen.write_zip(files, tmp_path / "slip.zip"), store, UnsafeArchiveError, "outside the archive")


def test_symlinks_refused(tmp_path: Path, gen: Any, store: Store) -> None:
    buf = tmp_path / "link.tar.gz"
    with tarfile.open(buf, "w:gz") as tar:
        for name, data in gen.mastodon_files().items():
            raw = data.encode() if isinstance(data, str) else data
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
        link = tarfile.TarInfo("likes2.json")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(link)
    _fails(buf, store, UnsafeArchiveError, "is a link")
    zpath = gen.write_zip(gen.x_files(), tmp_path / "zlink.zip")
    with zipfile.ZipFile(zpath, "a") as zf:
        info = zipfile.ZipInfo("data/evil.js")
        info.external_attr = 0o120777 << 16
        zf.writestr(info, "/etc/passwd")
    _fails(zpath, store, UnsafeArchiveError, "symbolic link")
    folder = gen.write_dir(gen.x_files(), tmp_path / "unpacked")
    (folder / "data" / "escape.js").symlink_to("/etc/passwd")
    _fails(folder, store, UnsafeArchiveError, "links outside the folder")


def test_zip_bomb_refused(tmp_path: Path, gen: Any, store: Store) -> None:
    files = gen.x_files()
    files["data/tweets.js"] = "window.YTD.tweets.part0 = [" + " " * 5_000_000 + "]"
    path = gen.write_zip(files, tmp_path / "bomb.zip")
    _fails(path, store, UnsafeArchiveError, "zip bomb")
    _fails(path, store, UnsafeArchiveError, "declares .* more than", limits=Limits(max_total=100_000))


def test_tar_bomb_refused(tmp_path: Path, gen: Any, store: Store) -> None:
    files = {**gen.mastodon_files(), "padding.bin": b"\0" * 5_000_000}
    path = gen.write_tgz(files, tmp_path / "bomb.tar.gz")
    _fails(path, store, UnsafeArchiveError, "archive bomb", limits=Limits(ratio_floor=0))


def test_limits_do_not_trip_on_a_normal_export(tmp_path: Path, gen: Any) -> None:
    posts = [gen.tweet(str(i), f"post number {i} " + json.dumps({"n": i})) for i in range(2000)]
    src = open_source(gen.write_zip(gen.x_files(tweets=posts), tmp_path / "x.zip"))
    assert len(src.read("data/tweets.js")) > 100_000
