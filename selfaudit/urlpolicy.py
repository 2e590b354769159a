"""The one URL policy every fetch passes: spiders, redirects, browser frames and pop-ups, ``verify``.

A crawl follows links that strangers wrote (bio links, pages, DID documents),
so a URL is fetched only when it is ``http``/``https``, carries no user name
or password, and does not point into a private network: private, link-local
(169.254.x, cloud metadata), carrier-grade NAT, multicast, reserved and
unspecified (``0.0.0.0``, ``::``) addresses are refused, written in any form
an HTTP client would accept (``127.1``, ``0x7f.0.0.1``, ``2130706433``,
``[::ffff:10.0.0.1]``). Loopback is refused too, unless the run explicitly
names a loopback server (the sandbox and the tests, ``@http://127.0.0.1:PORT``
in a handle): :func:`names_loopback` decides that once per run. Hosts given by
name are checked again once resolved (:func:`address_refusal`).
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

from selfaudit.errors import SelfAuditError

__all__ = ["UrlRefused", "address_refusal", "check_url", "is_loopback_url", "names_loopback", "refusal"]

_SCHEMES = frozenset({"http", "https"})
_LEGACY_V4 = re.compile(r"^(0x[0-9a-f]+|[0-9]+)(\.(0x[0-9a-f]+|[0-9]+)){0,3}$", re.IGNORECASE)
_PRIVATE_NAMES = (".localhost", ".local", ".internal", ".home.arpa", ".lan")

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UrlRefused(SelfAuditError):
    """A URL the policy does not allow to be fetched."""


def _ip(host: str) -> IpAddress | None:
    """The address a host literal stands for (legacy IPv4 forms included), or None for a name."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    if _LEGACY_V4.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def address_refusal(address: str | IpAddress, *, allow_loopback: bool = False) -> str | None:
    """Why an IP address may not be contacted, or None when it may.

    Args:
        address: the address (a resolved one, or a literal from a URL).
        allow_loopback: the run named a loopback server explicitly.
    """
    ip = address if isinstance(address, ipaddress.IPv4Address | ipaddress.IPv6Address) else _ip(str(address))
    if ip is None:
        return f"{address!r} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return None if allow_loopback else f"{ip} is a loopback address"
    if ip.is_unspecified:
        return f"{ip} is the unspecified address"
    if ip.is_multicast:
        return f"{ip} is a multicast address"
    if ip.is_link_local:
        return f"{ip} is a link-local address"
    if not ip.is_global:
        return f"{ip} is a private or reserved address"
    return None


def refusal(url: str, *, allow_loopback: bool = False) -> str | None:
    """Why ``url`` may not be fetched, or None when the policy allows it.

    Args:
        url: the URL of a request, a redirect target, a browser sub-request.
        allow_loopback: the run named a loopback server explicitly (tests, the sandbox).
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return "it is not a valid URL"
    if parts.scheme.lower() not in _SCHEMES:
        return f"the scheme {parts.scheme or '(none)'!r} is not http or https"
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        return "it has no host"
    if parts.username or parts.password:
        return "it carries a user name or password"
    if host == "localhost" or host.endswith(".localhost"):
        return None if allow_loopback else f"{host} is a loopback name"
    if host.endswith(_PRIVATE_NAMES):
        return f"{host} is a private network name"
    if _ip(host) is not None:
        return address_refusal(host, allow_loopback=allow_loopback)
    return None


def check_url(url: str, *, allow_loopback: bool = False) -> str:
    """Return ``url`` when it may be fetched.

    Raises:
        UrlRefused: with the reason, when it may not.
    """
    why = refusal(url, allow_loopback=allow_loopback)
    if why is not None:
        raise UrlRefused(f"refusing to fetch {url!r}: {why}")
    return url


def is_loopback_url(url: str | None) -> bool:
    """Whether a URL names a loopback host (``localhost``, ``127.x``, ``[::1]``)."""
    if not url:
        return False
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    ip = _ip(host)
    return ip is not None and ip.is_loopback


def names_loopback(urls: Iterable[str | None]) -> bool:
    """Whether a run explicitly names a loopback server (then loopback targets are allowed)."""
    return any(is_loopback_url(u) for u in urls)
