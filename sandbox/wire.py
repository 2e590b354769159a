"""Request/response values and the shared state that the platform route modules work on.

Route modules are plain functions ``(ctx, req) -> Response | None`` so they can be
tested without sockets; the server only moves bytes.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from selfaudit.sandbox.persona import Item, Persona

__all__ = ["Request", "Response", "Ctx", "json_response", "error_json", "html_response", "TINY_PNG"]

TINY_PNG = bytes.fromhex(  # a valid 1x1 transparent PNG, served for every avatar and media URL
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082"
)


@dataclass(slots=True)
class Request:
    """A parsed GET/HEAD request; ``query`` keeps repeated parameters."""

    method: str
    target: str
    headers: dict[str, str]
    path: str = ""
    query: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        parts = urlsplit(self.target)
        self.path = parts.path
        self.query = parse_qs(parts.query, keep_blank_values=True)

    def arg(self, name: str, default: str = "") -> str:
        """First value of a query parameter."""
        values = self.query.get(name)
        return values[0] if values else default

    def header(self, name: str) -> str:
        """A request header, case-insensitive."""
        return self.headers.get(name.lower(), "")


@dataclass(slots=True)
class Response:
    """Status, headers and body; ``hang`` asks the server to stall and drop the connection."""

    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    hang: float = 0.0

    def header(self, name: str) -> str:
        """First header of that name, case-insensitive."""
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return ""


def json_response(data: Any, *, status: int = 200, content_type: str = "application/json; charset=utf-8",
                  headers: list[tuple[str, str]] | None = None) -> Response:
    """Compact JSON the way Rails and the PDS send it."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(status, body, [("Content-Type", content_type), *(headers or [])])


def error_json(status: int, error: str, message: str | None = None) -> Response:
    """Mastodon (``{"error"}``) or XRPC (``{"error","message"}``) error body."""
    data: dict[str, str] = {"error": error}
    if message is not None:
        data["message"] = message
    return json_response(data, status=status)


def html_response(html: str, *, status: int = 200, charset: str = "utf-8") -> Response:
    """An HTML page with a declared charset."""
    return Response(status, html.encode(charset), [("Content-Type", f"text/html; charset={charset}")])


@dataclass
class Ctx:
    """What every route sees: the persona, the public base URL and the live deletions."""

    persona: Persona
    base: str
    deleted: set[str] = field(default_factory=set)
    extra_pages: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def host(self) -> str:
        """``host:port`` of the base URL, the Mastodon domain and did:web host."""
        return urlsplit(self.base).netloc

    def visible(self, item: Item) -> bool:
        """False once the item was deleted by the deletion fault."""
        return item.key not in self.deleted

    def memo(self, key: str, build: Callable[[], Any]) -> Any:
        """Cache a derived value (sorted lists, CIDs) for the life of the server."""
        value = self.cache.get(key)
        if value is None:
            value = build()
            with self.lock:
                self.cache[key] = value
        return value
