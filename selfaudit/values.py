"""Small value rules shared by every stage: post kinds, UTC timestamps, text hashes, e-mail addresses.

They live in the core (not in the store) so that parsers, analysis and reports
use the same rule without importing the database layer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable

from selfaudit.errors import StoreError

__all__ = ["POST_KINDS", "POST_SOURCES", "UN_DOMAINS", "find_emails", "is_email", "is_un_host", "now_iso", "text_hash",
           "un_work_emails", "utc_iso"]

POST_KINDS: tuple[str, ...] = ("original", "reply", "repost", "quote", "like", "page")
"""What a post can be; the crawler's items, the store and its SQL CHECK all use this one tuple."""
POST_SOURCES: tuple[str, ...] = ("crawl", "archive")
"""Where a post came from: a crawl of the live account or an archive export."""


def now_iso() -> str:
    """The current time as ISO 8601 UTC with a ``Z``."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_iso(value: str | dt.datetime | dt.date | int | float | None) -> str | None:
    """Normalise a timestamp to ``YYYY-MM-DDTHH:MM:SSZ`` (UTC).

    Accepts datetimes, dates, Unix seconds and ISO 8601 strings with any
    fraction digits and any offset; naive values are taken as UTC.
    """
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        stamp = dt.datetime.fromtimestamp(value, dt.UTC)
    elif isinstance(value, dt.datetime):
        stamp = value
    elif isinstance(value, dt.date):
        stamp = dt.datetime(value.year, value.month, value.day)
    else:
        text = str(value).strip().replace(" ", "T", 1)
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        head, dot, rest = text.partition(".")
        if dot:  # trim fractions longer than microseconds (Bluesky allows any)
            digits = rest[: len(rest) - len(rest.lstrip("0123456789"))]
            zone = rest[len(digits):]
            text = f"{head}.{digits[:6]}{zone}" if digits else f"{head}{zone}"
        try:
            stamp = dt.datetime.fromisoformat(text)
        except ValueError:
            raise StoreError(f"not a timestamp: {value!r}") from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def text_hash(text: str) -> str:
    """A stable key for a text (embedding cache, change detection)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


# ---------------------------------------------------------------- e-mail
UN_DOMAINS: tuple[str, ...] = tuple(
    "un.org unicef.org wfp.org undp.org unhcr.org unfpa.org unu.edu who.int ohchr.org unops.org unep.org unesco.org "
    "fao.org ilo.org iom.int unrwa.org unaids.org unido.org unctad.org unodc.org itu.int wipo.int wmo.int ifad.org "
    "iaea.org unitar.org unv.org unwomen.org unocha.org unhabitat.org unssc.org icao.int imo.org upu.int unwto.org "
    "unfccc.int unccd.int cbd.int unicc.org"
    .split()
)
"""The UN system's mail and web domains; an address or host at one of them or a subdomain is the UN's."""

# Unicode letters in the local part and the domain (josé.pérez@un.org), an apostrophe inside (o'brien@); an address right after "@" or a
# word character is a fediverse handle (@news@social.un.org) or part of a longer token, never an e-mail.
_ADDRESS = r"[\w.%+-]+(?:'[\w.%+-]+)*@(?P<host>[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,})(?![\w-])"
_EMAIL_IN_TEXT = re.compile(r"(?<![@\w.+%-])" + _ADDRESS)
_EMAIL_ALONE = re.compile(_ADDRESS)


def find_emails(text: str | None) -> list[str]:
    """Every e-mail address in a text (a bio, a profile field, a page, a ``mailto:`` link), as written.

    The one rule for what counts as an address: the crawler's parsers, the
    archive importers and the account rules all use it.
    """
    return [m.group(0) for m in _EMAIL_IN_TEXT.finditer(text or "")]


def is_email(value: str | None) -> bool:
    """Whether a whole field value (an archive's e-mail column) is one e-mail address."""
    return bool(value) and _EMAIL_ALONE.fullmatch(value or "") is not None


def is_un_host(host: str, extra_domains: Iterable[str] = ()) -> bool:
    """Whether a host name is a UN system domain or one of its subdomains (or one of ``extra_domains``)."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in (*UN_DOMAINS, *extra_domains))


def un_work_emails(text: str | None, extra_domains: Iterable[str] = ()) -> list[str]:
    """The addresses in a text that are UN work addresses (see :func:`is_un_host`), as written."""
    extra = tuple(extra_domains)
    return [m.group(0) for m in _EMAIL_IN_TEXT.finditer(text or "") if is_un_host(m.group("host"), extra)]
