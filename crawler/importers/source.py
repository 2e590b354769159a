"""Read-only, bounded access to an export: a zip, a tar(.gz), a CAR file or an unpacked folder.

Nothing is ever extracted to disk: members are read into memory on demand,
so a hostile name cannot write anywhere. Names that would escape the folder
(``..``, absolute paths, drive letters), links in tars, links leaving an
unpacked folder, and zip bombs (too large in total, or compressed too well)
are refused before any member is parsed.
"""

from __future__ import annotations

import os
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from selfaudit.crawler.importers.errors import CorruptArchiveError, NotAnArchiveError, UnsafeArchiveError

__all__ = ["Limits", "ArchiveSource", "open_source", "DATA_SUFFIXES"]

DATA_SUFFIXES = (".json", ".js", ".csv", ".car")
"""Members the importers may read; media and HTML are listed but never loaded."""


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps that make zip bombs and huge inputs fail early and clearly.

    Attributes:
        max_total: most uncompressed bytes the archive may declare in all.
        max_member: most bytes one data member may hold when read.
        max_ratio: most uncompressed/compressed ratio of one data member
            larger than ``ratio_floor`` (real exports stay far below 100).
        ratio_floor: members smaller than this are not ratio-checked.
        max_members: most entries in the archive.
    """

    max_total: int = 64 * 2**30
    max_member: int = 2 * 2**30
    max_ratio: float = 200.0
    ratio_floor: int = 1 * 2**20
    max_members: int = 1_000_000


def _safe_name(archive: Path, raw: str) -> str:
    """The normalised relative POSIX name of a member, or UnsafeArchiveError."""
    name = raw.replace("\\", "/")
    path = PurePosixPath(name)
    if name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in path.parts:
        raise UnsafeArchiveError(f"{archive}: member {raw!r} points outside the archive folder; refusing to import")
    return "/".join(p for p in path.parts if p not in ("", "."))


class ArchiveSource:
    """The member names of an export and a bounded way to read each one."""

    def __init__(self, path: Path, names: list[str], *, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.current: str | None = None
        self._names = names

    def names(self) -> list[str]:
        """All member names (files only), relative, POSIX separators."""
        return list(self._names)

    def read(self, name: str) -> bytes:
        """The bytes of one member; raises CorruptArchiveError or UnsafeArchiveError.

        The name is kept as :attr:`current`, so an error found while parsing
        the bytes can name the file it came from.
        """
        self.current = name
        return self._read(name)

    def _read(self, name: str) -> bytes:
        raise NotImplementedError

    def _size(self, name: str) -> int:
        raise NotImplementedError

    def read_media(self, names: Iterable[str], *, max_bytes: int) -> Iterator[tuple[str, bytes, str | None]]:
        """``(name, bytes, note)`` for each media member; a too large or unreadable one gets a note, never raises."""
        for name in names:
            try:
                size = self._size(name)
                if size > max_bytes:
                    yield name, b"", f"{name}: {size} bytes, more than the {max_bytes} read; left in the archive"
                    continue
                yield name, self._read(name)[: max_bytes + 1], None
            except (KeyError, OSError, CorruptArchiveError, UnsafeArchiveError) as exc:
                yield name, b"", f"{name}: unreadable ({str(exc)[:160]}); left in the archive"

    def close(self) -> None:
        """Release the underlying file."""

    def __enter__(self) -> ArchiveSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _ZipSource(ArchiveSource):
    def __init__(self, path: Path, *, limits: Limits) -> None:
        try:
            self._zip = zipfile.ZipFile(path)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise CorruptArchiveError(f"{path}: not a readable zip archive ({exc}); it may be truncated") from exc
        if len(infos) > limits.max_members:
            raise UnsafeArchiveError(f"{path}: {len(infos)} entries is more than the {limits.max_members} allowed")
        self._infos: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            name = _safe_name(path, info.filename)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise UnsafeArchiveError(f"{path}: member {info.filename!r} is a symbolic link; refusing to import")
            if info.is_dir() or not name:
                continue
            total += info.file_size
            self._infos[name] = info
        if total > limits.max_total:
            raise UnsafeArchiveError(f"{path}: declares {total} bytes uncompressed, more than the "
                                     f"{limits.max_total} allowed (zip bomb?)")
        super().__init__(path, list(self._infos), limits=limits)

    def _read(self, name: str) -> bytes:
        info = self._infos[name]
        lim = self.limits
        if info.file_size > lim.max_member:
            raise UnsafeArchiveError(f"{self.path}: {name} is {info.file_size} bytes, more than {lim.max_member}")
        if info.file_size > lim.ratio_floor and info.file_size > lim.max_ratio * max(info.compress_size, 1):
            raise UnsafeArchiveError(f"{self.path}: {name} expands {info.file_size // max(info.compress_size, 1)}x "
                                     f"(more than {lim.max_ratio:.0f}x): refusing a likely zip bomb")
        try:
            with self._zip.open(info) as fh:
                data = fh.read(lim.max_member + 1)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, zipfile.LargeZipFile) as exc:
            raise CorruptArchiveError(f"{self.path}: cannot read {name} ({exc}); the archive may be damaged") from exc
        if len(data) > lim.max_member:
            raise UnsafeArchiveError(f"{self.path}: {name} is larger than {lim.max_member} bytes")
        return data

    def _size(self, name: str) -> int:
        return self._infos[name].file_size

    def close(self) -> None:
        self._zip.close()


class _TarSource(ArchiveSource):
    """One sequential pass keeps the data members in memory (gzip cannot seek cheaply)."""

    def __init__(self, path: Path, *, limits: Limits) -> None:
        self._data: dict[str, bytes] = {}
        names: list[str] = []
        total = 0
        compressed = max(path.stat().st_size, 1)
        try:
            with tarfile.open(path, mode="r:*") as tar:
                for count, member in enumerate(tar, start=1):
                    if count > limits.max_members:
                        raise UnsafeArchiveError(f"{path}: more than {limits.max_members} entries")
                    name = _safe_name(path, member.name)
                    if member.issym() or member.islnk():
                        raise UnsafeArchiveError(f"{path}: member {member.name!r} is a link; refusing to import")
                    if not member.isfile():
                        if member.isdir():
                            continue
                        raise UnsafeArchiveError(f"{path}: member {member.name!r} is a device or pipe; refusing")
                    total += member.size
                    if total > limits.max_total or total > limits.max_ratio * compressed + limits.ratio_floor:
                        raise UnsafeArchiveError(f"{path}: expands to more than {total} bytes from {compressed} "
                                                 f"(limit {limits.max_total}, ratio {limits.max_ratio:.0f}x): "
                                                 "refusing a likely archive bomb")
                    names.append(name)
                    if name.lower().endswith(DATA_SUFFIXES):
                        if member.size > limits.max_member:
                            raise UnsafeArchiveError(f"{path}: {name} is {member.size} bytes, more than "
                                                     f"{limits.max_member}")
                        fh = tar.extractfile(member)
                        self._data[name] = fh.read() if fh else b""
        except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
            raise CorruptArchiveError(f"{path}: not a readable tar archive ({exc}); it may be truncated") from exc
        super().__init__(path, names, limits=limits)

    def _read(self, name: str) -> bytes:
        if name not in self._data:
            raise CorruptArchiveError(f"{self.path}: {name} is not a data file this importer reads")
        return self._data[name]

    def read_media(self, names: Iterable[str], *, max_bytes: int) -> Iterator[tuple[str, bytes, str | None]]:
        """One more sequential pass that reads only the wanted members (media are not kept in memory)."""
        wanted = set(names)
        try:
            with tarfile.open(self.path, mode="r:*") as tar:
                for member in tar:
                    if not wanted or not member.isfile():
                        continue
                    name = _safe_name(self.path, member.name)
                    if name not in wanted:
                        continue
                    wanted.discard(name)
                    if member.size > max_bytes:
                        yield name, b"", f"{name}: {member.size} bytes, more than the {max_bytes} read; left in the archive"
                        continue
                    fh = tar.extractfile(member)
                    yield name, fh.read(max_bytes + 1) if fh else b"", None
        except (tarfile.TarError, EOFError, OSError, zlib.error, UnsafeArchiveError) as exc:
            for name in sorted(wanted):
                yield name, b"", f"{name}: unreadable ({str(exc)[:160]}); left in the archive"


class _DirSource(ArchiveSource):
    def __init__(self, path: Path, *, limits: Limits) -> None:
        root = path.resolve()
        self._files: dict[str, Path] = {}
        total = 0
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            for entry in [*dirnames, *filenames]:
                full = Path(dirpath, entry)
                if full.is_symlink() and not full.resolve().is_relative_to(root):
                    raise UnsafeArchiveError(f"{path}: {full.relative_to(root)} links outside the folder; refusing")
            for entry in filenames:
                full = Path(dirpath, entry)
                if not full.is_file():
                    continue
                name = full.relative_to(root).as_posix()
                self._files[name] = full
                total += full.stat().st_size
                if len(self._files) > limits.max_members or total > limits.max_total:
                    raise UnsafeArchiveError(f"{path}: folder is larger than the import limits allow")
        super().__init__(path, sorted(self._files), limits=limits)

    def _read(self, name: str) -> bytes:
        full = self._files[name]
        if full.stat().st_size > self.limits.max_member:
            raise UnsafeArchiveError(f"{self.path}: {name} is larger than {self.limits.max_member} bytes")
        try:
            return full.read_bytes()
        except OSError as exc:
            raise CorruptArchiveError(f"{self.path}: cannot read {name} ({exc})") from exc

    def _size(self, name: str) -> int:
        return self._files[name].stat().st_size


class _FileSource(ArchiveSource):
    """A single data file (a Bluesky ``.car`` repository export)."""

    def __init__(self, path: Path, *, limits: Limits) -> None:
        if path.stat().st_size > limits.max_member:
            raise UnsafeArchiveError(f"{path}: larger than {limits.max_member} bytes")
        super().__init__(path, [path.name], limits=limits)

    def _read(self, name: str) -> bytes:
        return self.path.read_bytes()

    def _size(self, name: str) -> int:
        return self.path.stat().st_size


def _is_car(head: bytes) -> bool:
    """A CAR v1 starts with a varint length and a DAG-CBOR map holding ``roots`` and ``version``."""
    return b"roots" in head[:64] and b"version" in head[:64]


def open_source(path: str | os.PathLike[str], *, limits: Limits | None = None) -> ArchiveSource:
    """Open an export for reading.

    Args:
        path: a ``.zip``, ``.tar``/``.tar.gz``/``.tgz``, a ``.car`` file, or a folder.
        limits: size caps; defaults suit real exports of many GiB.

    Returns:
        A source; close it (or use ``with``) when done.

    Raises:
        NotAnArchiveError: the path is missing or is none of the above.
        CorruptArchiveError: the archive is truncated or damaged.
        UnsafeArchiveError: a zip bomb or a path escaping the folder.
    """
    p = Path(path).expanduser()
    lim = limits or Limits()
    if p.is_dir():
        return _DirSource(p, limits=lim)
    if not p.is_file():
        raise NotAnArchiveError(f"{p}: no such file or folder")
    with p.open("rb") as fh:
        head = fh.read(512)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06") or zipfile.is_zipfile(p):
        return _ZipSource(p, limits=lim)
    if head.startswith(b"\x1f\x8b") or head.startswith((b"BZh", b"\xfd7zXZ")) or _is_tar(head):
        return _TarSource(p, limits=lim)
    if p.suffix.lower() == ".car" or _is_car(head):
        return _FileSource(p, limits=lim)
    raise NotAnArchiveError(f"{p}: not a zip, tar.gz, CAR file or folder; give the archive file exactly as "
                            "downloaded, or the folder it was unpacked into")


def _is_tar(head: bytes) -> bool:
    return len(head) >= 262 and head[257:262] == b"ustar"

