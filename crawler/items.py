"""Item dataclasses: the one item model of both routes, spiders and archive importers.

Field names match the record shapes in ``docs/architecture.md``;
``crawler/write.py`` turns items into the store's rows for both routes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from selfaudit.values import POST_KINDS

__all__ = ["POST_KINDS", "AccountStatusItem", "CheckpointItem", "CopiesItem", "LinkItem", "MediaItem", "PostItem",
           "ProfileItem", "VerifyItem"]


@dataclass(slots=True)
class PostItem:
    """One post, repost, like or page of the user's own account, crawled or read from an archive.

    ``kind`` is one of the core's ``POST_KINDS`` (``selfaudit.values``), the one list of post kinds.
    """

    platform: str
    account: str
    native_id: str
    url: str | None
    created_at: str | None
    kind: str
    text: str = ""
    html: str | None = None
    lang: str | None = None
    media_alt: list[str] = field(default_factory=list)
    source: str = "crawl"
    original_author: str | None = None
    original_url: str | None = None
    reply_to: str | None = None
    edited_at: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ProfileItem:
    """The profile of one of the user's accounts."""

    platform: str
    account: str
    display_name: str | None = None
    bio: str = ""
    bio_html: str | None = None
    links: list[str] = field(default_factory=list)
    email: str | None = None
    avatar_alt: str | None = None
    created_at: str | None = None
    source: str = "crawl"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class LinkItem:
    """A link found in a profile or page; ``status``: ``recorded``, ``crawled`` (the user's page), ``context``.

    ``hop`` is how many links away from the profile the page it was found on
    is: 0 for a link on the profile itself, 1 for one on a page the profile links to.
    """

    platform: str
    account: str
    url: str
    label: str | None = None
    origin: str = "bio"
    status: str = "recorded"
    hop: int = 0


@dataclass(slots=True)
class CheckpointItem:
    """Paging progress of one stream, committed together with the items before it.

    ``cursor`` is where the next run resumes; ``done`` says the stream reached
    its end (a full pass when ``full`` is true, which allows marking gone posts).
    """

    platform: str
    account: str
    stream: str
    cursor: str | None
    done: bool = False
    full: bool = False
    pass_started: str | None = None
    kinds: tuple[str, ...] = ()


@dataclass(slots=True)
class AccountStatusItem:
    """An account-level outcome: an error message or a note for the status line."""

    platform: str
    account: str
    error: str | None = None
    note: str | None = None


@dataclass(slots=True)
class VerifyItem:
    """One re-check of a stored post (``verify``): ``present``, ``gone`` or ``error`` (unknown).

    ``edited`` is None when the answer does not say (a page, a like) or the post is gone.
    """

    post_id: int
    status: str
    http_status: int | None = None
    detail: str | None = None
    edited: bool | None = None


@dataclass(slots=True)
class CopiesItem:
    """What one copy look-up found about a stored post (``verify``).

    ``source`` is ``wayback``, ``boosts`` or ``quotes``; ``checked`` is False when the
    service could not be asked (then ``copies`` is empty and ``detail`` says why).
    ``copies`` are ``{"where", "url"}`` dicts.
    """

    post_id: int
    source: str
    about: str
    checked: bool
    copies: list[dict[str, str]] = field(default_factory=list)
    detail: str | None = None


@dataclass(slots=True)
class MediaItem:
    """A picture of one stored post, fetched by the media spider (#13); the store keeps it content-addressed."""

    platform: str
    account: str
    native_id: str
    origin: str
    data: bytes
