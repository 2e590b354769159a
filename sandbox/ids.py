"""Identifier schemes of the real platforms, derived deterministically from a timestamp.

Real ids carry their creation time (Mastodon snowflakes, AT Protocol TIDs), and
crawlers sort and page by them, so the sandbox derives them the same way instead
of numbering items.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime

__all__ = ["snowflake", "tid", "fake_cid", "plc_did", "iso_ms", "iso_z"]

_S32 = "234567abcdefghijklmnopqrstuvwxyz"


def snowflake(when: datetime, seq: int) -> str:
    """Mastodon status id: milliseconds since the epoch shifted left 16 bits plus a sequence."""
    ms = int(when.timestamp() * 1000)
    return str((ms << 16) | (seq & 0xFFFF))


def tid(when: datetime, seq: int) -> str:
    """AT Protocol TID: 53 bits of microseconds, 10 bits of clock id, base32-sortable, 13 chars."""
    micros = int(when.timestamp() * 1_000_000)
    value = ((micros & ((1 << 53) - 1)) << 10) | (seq & 0x3FF)
    out = []
    for _ in range(13):
        out.append(_S32[value & 31])
        value >>= 5
    return "".join(reversed(out))


def fake_cid(payload: str) -> str:
    """A well-formed CIDv1 (dag-cbor, sha2-256) string over a text payload.

    The digest is of the JSON text, not of DAG-CBOR bytes: the sandbox stays
    stdlib-only and nothing downstream re-hashes records.
    """
    digest = hashlib.sha256(payload.encode("utf-8")).digest()
    raw = bytes([0x01, 0x71, 0x12, 0x20]) + digest
    return "b" + base64.b32encode(raw).decode("ascii").lower().rstrip("=")


def plc_did(name: str) -> str:
    """A did:plc-shaped identifier (24 base32 chars) derived from a name."""
    digest = hashlib.sha256(("plc:" + name).encode("utf-8")).digest()
    return "did:plc:" + base64.b32encode(digest).decode("ascii").lower()[:24]


def iso_ms(when: datetime) -> str:
    """RFC 3339 with milliseconds and Z, as Mastodon and Bluesky write it."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def iso_z(when: datetime) -> str:
    """RFC 3339 to the second with Z (ActivityPub, Atom, the truth file)."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
