"""What a rendered page may load: its own host's documents and scripts, nothing else.

A page rendered for its links must not send data elsewhere (hostile pages
try), so requests to other hosts, non-http schemes and heavy media are aborted.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

__all__ = ["abort_request", "should_abort"]

_HEAVY = frozenset({"image", "media", "font"})


def should_abort(url: str, *, page_url: str, resource_type: str) -> bool:
    """Whether a browser request should be refused."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return True
    if resource_type in _HEAVY:
        return True
    if not page_url.startswith(("http://", "https://")):  # the first navigation
        return False
    return parts.netloc.lower() != urlsplit(page_url).netloc.lower()


def abort_request(request: Any) -> bool:
    """``PLAYWRIGHT_ABORT_REQUEST`` hook for scrapy-playwright."""
    try:
        page_url = request.frame.url
    except Exception:  # a request without a frame (service worker): refuse
        return True
    return should_abort(request.url, page_url=page_url, resource_type=request.resource_type)
