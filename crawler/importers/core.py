"""``import_archive``: detect an export's platform, parse it completely, then write it in one transaction.

Parsing is done in full before the store is touched, and the writes (posts,
profiles, links, the import run and its per-account status) share one store
transaction, so a broken file or a crash leaves nothing partial behind.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfaudit.crawler.importers import bluesky, facebook, instagram, linkedin, mastodon, x
from selfaudit.crawler.importers.errors import CorruptArchiveError, UnknownLayoutError
from selfaudit.crawler.importers.media import MediaLimits, iter_media
from selfaudit.crawler.importers.owners import archive_date, tie_to_named
from selfaudit.crawler.importers.records import Bundle, ShapeError
from selfaudit.crawler.importers.source import ArchiveSource, Limits, open_source
from selfaudit.crawler.items import PostItem
from selfaudit.crawler.write import write_items

from selfaudit.handles import HandleSpec
from selfaudit.store import Store

__all__ = ["PLATFORMS", "ALIASES", "AccountImport", "ImportResult", "Progress", "detect", "parse_archive",
           "import_archive"]

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: called while reading files and while writing records."""

PLATFORMS: dict[str, Any] = {
    "x": x, "mastodon": mastodon, "bluesky": bluesky, "facebook": facebook,
    "instagram": instagram, "threads": instagram, "linkedin": linkedin,
}
ALIASES = {"twitter": "x", "bsky": "bluesky", "fb": "facebook", "ig": "instagram"}
_HINTS = {
    "x": "data/tweets.js, data/tweet.js or data/manifest.js",
    "mastodon": "outbox.json next to actor.json",
    "bluesky": "one .car repository file",
    "facebook": "posts/your_posts_1.json or profile_information/profile_information.json",
    "instagram": "content/posts_1.json, your_instagram_activity/... or personal_information.json",
    "threads": "your_instagram_activity/threads/threads_and_replies.json",
    "linkedin": "Shares.csv or Profile.csv",
}
_WRITE_STEP = 1000


@dataclass(slots=True)
class AccountImport:
    """What one import did for one account."""

    platform: str
    account: str
    posts: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    profile: bool = False
    links: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ImportResult:
    """The outcome of :func:`import_archive`."""

    path: str
    platform: str
    run_id: int
    accounts: list[AccountImport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    archive_date: str | None = None
    media: int = 0
    media_notes: list[str] = field(default_factory=list)

    @property
    def inserted(self) -> int:
        """New posts over all accounts."""
        return sum(a.inserted for a in self.accounts)

    @property
    def posts(self) -> int:
        """Posts read from the archive over all accounts."""
        return sum(a.posts for a in self.accounts)


def _normalise(platform: str | None) -> str | None:
    if platform is None:
        return None
    name = ALIASES.get(platform.strip().lower(), platform.strip().lower())
    if name not in PLATFORMS:
        raise UnknownLayoutError(f"unknown platform {platform!r}; one of: {', '.join(sorted(PLATFORMS))}")
    return name


def detect(source: ArchiveSource, *, platform: str | None = None) -> tuple[str, str]:
    """``(platform, root)`` of the export in ``source``.

    Args:
        source: an opened archive.
        platform: force this platform (its files must still be present).

    Raises:
        UnknownLayoutError: nothing known was found, or several platforms were.
    """
    names = source.names()
    forced = _normalise(platform)
    if forced:
        root = PLATFORMS[forced].find_root(names)
        if root is None:
            raise UnknownLayoutError(f"{source.path}: no {forced} export files found (looked for {_HINTS[forced]})")
        return forced, root
    found = {}
    for name in ("x", "mastodon", "bluesky", "facebook", "instagram", "linkedin"):
        root = PLATFORMS[name].find_root(names)
        if root is not None:
            found[name] = root
    if not found and any(n.endswith(("your_posts_1.html", "posts_1.html", "tweets.html")) for n in names):
        raise UnknownLayoutError(f"{source.path}: this is an HTML export; request the archive again in JSON format "
                                 "(Facebook/Instagram: Format: JSON in 'Download your information')")
    if not found:
        sample = ", ".join(sorted(names)[:5]) or "nothing"
        raise UnknownLayoutError(f"{source.path}: not a known export layout (X, Facebook, Instagram/Threads, "
                                 f"LinkedIn, Mastodon or Bluesky); it holds {sample}"
                                 f"{' ...' if len(names) > 5 else ''}. Use --platform to say which it is")
    if len(found) > 1:
        raise UnknownLayoutError(f"{source.path}: holds exports of several platforms ({', '.join(sorted(found))}); "
                                 "use --platform to import one at a time")
    return next(iter(found.items()))


def _bluesky_handle(store: Store | None, did: str) -> str | None:
    """The handle a crawled Bluesky account with this DID is stored under, so both stay one account."""
    if store is None:
        return None
    for acc in store.accounts():
        if acc["platform"] == "bluesky" and did in (acc.get("native_id"), acc["handle"]):
            return str(acc["handle"])
    return None


_SHAPE_ERRORS = (ShapeError, TypeError, KeyError, AttributeError, IndexError, ValueError, OverflowError,
                 RecursionError, UnicodeError)
"""What a parser raises when a file has JSON of the wrong shape (a string where an object belongs, ...)."""


def _shape_error(source: ArchiveSource, platform: str, exc: BaseException) -> CorruptArchiveError:
    """The one error for a data file whose content does not have the shape of the platform's export."""
    where = f"{source.path}: {source.current}" if source.current and source.current != source.path.name \
        else str(source.path)
    detail = "nested too deeply" if isinstance(exc, RecursionError) else (str(exc) or type(exc).__name__)
    if isinstance(exc, KeyError):
        detail = f"missing key {exc}"
    return CorruptArchiveError(f"{where}: not shaped like the {platform} export ({detail[:300]})")


_TEXT_FIELDS = {
    "post": ("account", "native_id", "url", "created_at", "kind", "text", "html", "lang", "original_author",
             "original_url", "reply_to", "edited_at"),
    "profile": ("account", "display_name", "bio", "bio_html", "email", "avatar_alt", "created_at"),
    "link": ("account", "url", "label"),
}
_LIST_FIELDS = {"post": ("media_alt",), "profile": ("links",), "link": ()}


def _check_records(bundles: list[Bundle]) -> None:
    """Every text field of every record is text (or absent), so a wrong JSON type never reaches the store.

    Raises:
        ShapeError: naming the record and the field.
    """
    for b in bundles:
        if not isinstance(b.account, str) or not b.account:
            raise ShapeError(f"the account name is {type(b.account).__name__}, not text")
        for what, records in (("post", b.posts), ("profile", b.profiles), ("link", b.links)):
            for rec in records:
                for key in _TEXT_FIELDS[what]:
                    value = getattr(rec, key, None)
                    if value is not None and not isinstance(value, str):
                        ident = getattr(rec, "native_id", None) or getattr(rec, "url", None) or b.account
                        raise ShapeError(f"{what} {str(ident)[:80]!r}: {key} is {type(value).__name__}, not text")
                for key in _LIST_FIELDS[what]:
                    value = getattr(rec, key, None) or []
                    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                        raise ShapeError(f"{what} of {b.account!r}: {key} is not a list of texts")


def parse_archive(source: ArchiveSource, *, platform: str | None = None, progress: Progress | None = None,
                  store: Store | None = None) -> tuple[str, list[Bundle]]:
    """Detect and parse an opened archive completely; nothing is written."""
    name, root = detect(source, platform=platform)
    module = PLATFORMS[name]
    try:
        if name == "bluesky":
            bundles = bluesky.parse_archive(source, root, progress=progress,
                                            handle_for=lambda did: _bluesky_handle(store, did))
        else:
            bundles = module.parse_archive(source, root, progress=progress)
    except _SHAPE_ERRORS as exc:
        raise _shape_error(source, name, exc) from exc
    try:
        _check_records(bundles)
    except ShapeError as exc:
        raise CorruptArchiveError(f"{source.path}: not shaped like the {name} export ({exc})") from exc
    if name == "threads":
        bundles = [b for b in bundles if b.platform == "threads"]
    elif name == "instagram" and platform:
        bundles = [b for b in bundles if b.platform == "instagram"]
    if not bundles:
        raise UnknownLayoutError(f"{source.path}: no {name} posts or profile found in the export")
    return name, bundles


def _counting(posts: list[PostItem], progress: Progress | None, done: list[int], total: int) -> Iterator[Any]:
    for rec in posts:
        yield rec
        done[0] += 1
        if progress and done[0] % _WRITE_STEP == 0:
            progress("writing", done[0], total)


def write_bundles(store: Store, bundles: list[Bundle], *, path: str, platform: str,
                  progress: Progress | None = None, made: str | None = None) -> ImportResult:
    """Write parsed bundles and the import run (``made``: the archive's date) in ONE store transaction."""
    total = sum(len(b.posts) for b in bundles)
    done = [0]
    notes = {f"{b.platform}:{b.account}": b.notes for b in bundles if b.notes}
    with store.transaction():
        run_id = store.start_run("import", detail=json.dumps({"path": path, "platform": platform, "notes": notes,
                                                              "archive_date": made}, ensure_ascii=False))
        result = ImportResult(path=path, platform=platform, run_id=run_id, archive_date=made)
        for b in bundles:
            native = next((p.extra.get(k) for p in b.profiles for k in ("did", "account_id", "uri")
                           if p.extra.get(k)), None)
            store.upsert_account(b.platform, b.account, native_id=native)
            res = write_items(store, posts=_counting(b.posts, progress, done, total), profiles=b.profiles,
                              links=b.links)
            store.record_account_status(run_id, b.platform, b.account, status="ok", items=len(b.posts),
                                        full_pass=False)
            result.accounts.append(AccountImport(
                platform=b.platform, account=b.account, posts=len(b.posts), inserted=res.inserted,
                updated=res.updated, unchanged=res.unchanged, profile=bool(b.profiles), links=len(b.links),
                notes=list(b.notes)))
        store.finish_run(run_id, status="ok")
    if progress:
        progress("writing", total, total)
    return result


def import_archive(path: str | Path, *, store: Store, platform: str | None = None,
                   progress: Progress | None = None, limits: Limits | None = None,
                   named: Sequence[HandleSpec] = (), media_limits: MediaLimits | None = None) -> ImportResult:
    """Import an official export archive into the store.

    Args:
        path: a ``.zip``, ``.tar.gz``, ``.car`` or an unpacked export folder.
        store: an open, writable store.
        platform: force a platform (``x``, ``facebook``, ``instagram``, ``threads``, ``linkedin``,
            ``mastodon``, ``bluesky``) instead of detecting it.
        progress: ``progress(stage, done, total)`` callback for progress bars.
        limits: size caps against zip bombs (defaults suit real exports).
        named: the accounts named in the configuration: the archive is filed under the one of its
            platform, and an archive of someone else gets a warning (``ImportResult.warnings``).
        media_limits: caps on the pictures kept in the data folder (``max_files=0``: keep none).

    Returns:
        Per-account counts and the pictures kept; re-importing the same archive inserts nothing.

    Raises:
        ArchiveError: a subclass naming the file and the problem; nothing is written then.
    """
    if progress:
        progress("opening archive", 0, 1)
    with open_source(path, limits=limits) as source:
        if progress:
            progress("opening archive", 1, 1)
        name, bundles = parse_archive(source, platform=platform, progress=progress, store=store)
        warnings = tie_to_named(bundles, named)
        result = write_bundles(store, bundles, path=str(path), platform=name, progress=progress,
                               made=archive_date(path, bundles))
        result.warnings = warnings
        if media_limits is None or media_limits.max_files > 0:
            result.media = _keep_media(store, source, name, bundles, result.media_notes, media_limits, progress)
    return result


def _keep_media(store: Store, source: ArchiveSource, name: str, bundles: list[Bundle], notes: list[str],
                limits: MediaLimits | None, progress: Progress | None) -> int:
    """Keep the posts' pictures (after the posts are written, in batches so memory stays small)."""
    root = PLATFORMS[name].find_root(source.names())
    if root is None or name == "bluesky":
        return 0
    kept, batch = 0, []
    for n, item in enumerate(iter_media(source, bundles, root, limits=limits, notes=notes), start=1):
        batch.append({"platform": item.platform, "account": item.account, "native_id": item.native_id,
                      "origin": item.member, "data": item.data})
        if len(batch) >= 50:
            kept += store.add_media(batch)
            batch = []
            if progress:
                progress("keeping pictures", n, n)
    return kept + (store.add_media(batch) if batch else 0)
