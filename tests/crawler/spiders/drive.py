"""Run a spider's callbacks against a local server without Scrapy's engine (unit-level spider tests).

Each request the spider yields is fetched with urllib from 127.0.0.1 and its
answer handed to the request's callback (or, for an HTTP error the request did
not ask to see, to its errback), breadth first and bounded. What comes back is
every item the spider yielded and every URL it asked for, so a test can say
what a spider does with real formats without starting a reactor.
"""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import scrapy
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class Drive:
    """What a spider did: its items in order and the URLs it fetched."""

    items: list[Any] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)

    def of(self, kind: type) -> list[Any]:
        """The items of one class."""
        return [i for i in self.items if isinstance(i, kind)]


def fetch(request: scrapy.Request) -> TextResponse:
    """Fetch ``request`` from the local server; an HTTP error is an answer too."""
    assert request.url.startswith("http://127.0.0.1:"), f"unit tests fetch only the local server, not {request.url}"
    headers = {k.decode(): b", ".join(v).decode() for k, v in request.headers.items()}
    try:
        with _OPENER.open(urllib.request.Request(request.url, headers=headers), timeout=10) as answer:
            status, body, got = answer.status, answer.read(), answer.headers
    except urllib.error.HTTPError as exc:
        status, body, got = exc.code, exc.read(), exc.headers
    return TextResponse(request.url, status=status, body=body, headers=dict(got.items()), request=request,
                        encoding="utf-8")


def _answer(request: scrapy.Request, response: TextResponse) -> Iterable[Any]:
    allowed = request.meta.get("handle_httpstatus_list", ())
    if 200 <= response.status < 300 or response.status in allowed:
        return request.callback(response, **request.cb_kwargs) or ()
    failure = Failure(HttpError(response, "Ignoring non-200 response"))
    failure.request = request  # type: ignore[attr-defined]
    return request.errback(failure) if request.errback else ()


def drive(spider: scrapy.Spider, first: Iterable[Any] | None = None, *, limit: int = 200) -> Drive:
    """Run ``spider`` from ``first`` (default: its ``start()``) until nothing is left, at most ``limit`` fetches."""
    if first is None:
        async def _start() -> list[Any]:
            return [x async for x in spider.start()]

        first = asyncio.run(_start())
    done = Drive()
    queue: deque[scrapy.Request] = deque()

    def take(outputs: Iterable[Any]) -> None:
        for out in outputs:
            (queue.append if isinstance(out, scrapy.Request) else done.items.append)(out)

    take(first)
    while queue:
        assert len(done.fetched) < limit, f"more than {limit} fetches: the spider does not stop"
        request = queue.popleft()
        done.fetched.append(request.url)
        take(_answer(request, fetch(request)))
    return done
