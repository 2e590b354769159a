"""Handle specs: the one parser for every way a person names an account.

Accepted forms (what a person would paste)::

    @user@host                          Mastodon
    mastodon:@user@host                 Mastodon, explicit
    https://host/@user                  Mastodon profile URL
    bsky:alice.example.com              Bluesky handle
    @alice.bsky.social                  Bluesky handle (one @, a domain)
    bsky:did:plc:abc123                 Bluesky DID
    https://bsky.app/profile/alice.example.com
    https://site.example                website or blog (also link-in-bio pages)
    rss:https://site.example/feed.xml   a feed
    x:@name  https://x.com/name         a closed platform (X, Instagram, Facebook,
                                        LinkedIn, TikTok, Threads, YouTube): read
                                        only from its archive (selfaudit.platforms)

A service URL after a last ``@`` overrides discovery, for self-hosted servers
and tests: ``mastodon:@nadia@http://127.0.0.1:8799`` (the Mastodon server to
ask), ``bsky:alice.test@http://127.0.0.1:2583`` (the PDS to ask). Plain
``http`` is accepted for loopback addresses only.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from selfaudit import platforms
from selfaudit.errors import HandleError

__all__ = ["HandleSpec", "parse_handle", "EXAMPLES"]

EXAMPLES = (
    "@user@mastodon.social, mastodon:@user@http://127.0.0.1:8799, https://host/@user, "
    "bsky:alice.example.com, bsky:did:plc:abc123, https://bsky.app/profile/alice.example.com, "
    "https://site.example, rss:https://site.example/feed.xml, x:@name, instagram:@name, https://x.com/name"
)

_USER = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,62}$")
_HOSTPORT = re.compile(r"^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(?::\d{1,5})?$")
_DID = re.compile(r"^did:(plc:[a-z2-7]{24}|plc:[a-z0-9]{1,64}|web:[A-Za-z0-9.%:-]+)$")
_BSKY_APP_HOSTS = {"bsky.app", "staging.bsky.app", "main.bsky.dev"}


@dataclass(frozen=True, slots=True)
class HandleSpec:
    """One account to audit.

    Attributes:
        platform: ``mastodon``, ``bluesky``, ``web`` or a closed platform
            (``x``, ``instagram``... see :mod:`selfaudit.platforms`).
        handle: the canonical account key (``user@host``, a Bluesky handle or
            DID, or a site root URL).
        service_url: the server to ask instead of discovering it, if given.
        url: a URL to start from (a profile page, site or feed), if known.
        kind: ``profile`` (a social account), ``site`` (a web page or blog),
            ``feed`` (an RSS/Atom feed) or ``archive`` (a closed platform's
            account, never crawled: read from its archive).
        raw: the text the person typed.
    """

    platform: str
    handle: str
    service_url: str | None = None
    url: str | None = None
    kind: str = "profile"
    raw: str = ""

    def __str__(self) -> str:
        return self.raw or f"{self.platform}:{self.handle}"

    @property
    def user(self) -> str:
        """The local part of a Mastodon handle (``nadia`` of ``nadia@host``)."""
        return self.handle.split("@", 1)[0]

    @property
    def host(self) -> str:
        """The host part of a Mastodon handle, or the host of a site."""
        if self.platform == "mastodon":
            return self.handle.split("@", 1)[1]
        return urlsplit(self.url or self.handle).netloc


def _bad(raw: str, why: str) -> HandleError:
    return HandleError(f"cannot read handle {raw!r}: {why}. Examples of handles: {EXAMPLES}")


def _is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_url(raw: str, url: str) -> str:
    """Validate an http(s) URL and normalise it (lower-case scheme and host)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise _bad(raw, f"{url!r} is not an http(s) URL")
    if not parts.hostname:
        raise _bad(raw, f"{url!r} has no host")
    if scheme == "http" and not _is_loopback(parts.hostname):
        raise _bad(raw, f"plain http is only accepted for loopback addresses, use https://{parts.netloc}")
    if parts.username or parts.password:
        raise _bad(raw, "URLs with a user name or password are not accepted")
    path = parts.path or "/"
    return urlunsplit((scheme, parts.netloc.lower(), path, parts.query, ""))


def _split_service(raw: str, body: str) -> tuple[str, str | None]:
    """Split ``rest@http(s)://service`` into ``rest`` and the service URL."""
    match = re.search(r"@(https?://\S+)$", body, flags=re.IGNORECASE)
    if not match:
        return body, None
    service = _check_url(raw, match.group(1)).rstrip("/")
    return body[: match.start()], service


def _mastodon(raw: str, body: str) -> HandleSpec:
    body, service = _split_service(raw, body)
    body = body.removeprefix("@")
    user, sep, host = body.partition("@")
    if service and not sep:
        host = urlsplit(service).netloc
    if not user or not host:
        raise _bad(raw, "a Mastodon handle needs a user and a server, like @user@mastodon.social")
    if not _USER.match(user):
        raise _bad(raw, f"{user!r} is not a valid Mastodon user name")
    host = host.lower()
    if not _HOSTPORT.match(host) or ("." not in host and ":" not in host and host != "localhost"):
        raise _bad(raw, f"{host!r} is not a server name")
    return HandleSpec("mastodon", f"{user}@{host}", service_url=service, url=f"{service or 'https://' + host}/@{user}", raw=raw)


def _bluesky(raw: str, body: str) -> HandleSpec:
    body, service = _split_service(raw, body.strip())
    body = body.removeprefix("@").lower() if not body.startswith("did:") else body
    if body.startswith("did:"):
        if not _DID.match(body):
            raise _bad(raw, f"{body!r} is not a did:plc or did:web identifier")
        return HandleSpec("bluesky", body, service_url=service, raw=raw)
    if not _DOMAIN.match(body):
        raise _bad(raw, f"{body!r} is not a Bluesky handle (a domain name such as alice.bsky.social)")
    return HandleSpec("bluesky", body, service_url=service, url=f"https://bsky.app/profile/{body}", raw=raw)


def _closed(raw: str, *, scheme: str = "", body: str = "", url: str = "", host: str = "") -> HandleSpec | None:
    """A closed platform's account (never crawled), or None when it is not one."""
    try:
        found = platforms.closed_from_spec(scheme, body) if scheme else platforms.closed_from_url(url, host=host)
    except ValueError as exc:
        raise _bad(raw, str(exc)) from None
    if found is None:
        return None
    pid, name = found
    return HandleSpec(pid, name, url=platforms.profile_url(pid, name), kind="archive", raw=raw)


def _from_url(raw: str, url: str) -> HandleSpec:
    clean = _check_url(raw, url)
    parts = urlsplit(clean)
    host = parts.netloc
    path = parts.path
    if closed := _closed(raw, url=clean, host=host):
        return closed
    if host in _BSKY_APP_HOSTS:
        match = re.match(r"^/profile/([^/]+)/?$", path)
        if not match:
            raise _bad(raw, "a Bluesky profile URL looks like https://bsky.app/profile/alice.example.com")
        return _bluesky(raw, match.group(1))
    match = re.match(r"^/@([A-Za-z0-9_][A-Za-z0-9_.-]*)/?$", path)
    if match:
        service = f"{parts.scheme}://{host}" if parts.scheme == "http" else None
        spec = _mastodon(raw, f"@{match.group(1)}@{host}")
        return HandleSpec(spec.platform, spec.handle, service_url=service, url=clean, raw=raw)
    return HandleSpec("web", clean, url=clean, kind="site", raw=raw)


def parse_handle(text: str) -> HandleSpec:
    """Parse one handle spec.

    Args:
        text: what the person typed or pasted.

    Returns:
        The spec, with a canonical ``handle``.

    Raises:
        HandleError: with a message that shows what a right spec looks like.
    """
    raw = (text or "").strip()
    if not raw:
        raise _bad(raw, "it is empty")
    if any(ch.isspace() for ch in raw):
        raise _bad(raw, "it contains spaces")
    scheme, sep, rest = raw.partition(":")
    scheme = scheme.lower()
    if sep and scheme == "mastodon":
        return _mastodon(raw, rest)
    if sep and scheme in {"bsky", "bluesky", "at"}:
        return _bluesky(raw, rest.removeprefix("//"))
    if sep and scheme in {"rss", "atom", "feed"}:
        url = _check_url(raw, rest)
        return HandleSpec("web", url, url=url, kind="feed", raw=raw)
    if sep and scheme in {"http", "https"}:
        return _from_url(raw, raw)
    if sep and scheme in platforms.ALIASES and (closed := _closed(raw, scheme=scheme, body=rest)):
        return closed
    if raw.startswith("@"):
        if raw.count("@") >= 2:
            return _mastodon(raw, raw)
        if "." not in raw and ":" not in raw:
            raise HandleError(f"cannot read handle {raw!r}: {platforms.no_platform_message(raw)}")
        return _bluesky(raw, raw)
    if raw.startswith("did:"):
        return _bluesky(raw, raw)
    raise _bad(raw, "it is not a handle, a profile URL or a website")
