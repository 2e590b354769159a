"""429 handling: how long to wait, from the headers real servers send."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime

import pytest
from selfaudit.crawler.middlewares.backoff import backoff_delay
from selfaudit.crawler.middlewares.retry_after import retry_after_seconds

NOW = datetime(2026, 8, 1, 13, 50, 0, tzinfo=UTC).timestamp()


def test_retry_after_seconds_and_date() -> None:
    assert retry_after_seconds({"Retry-After": "7"}, now=NOW, default=5) == 7
    date = format_datetime(datetime(2026, 8, 1, 13, 50, 30, tzinfo=UTC), usegmt=True)
    assert retry_after_seconds({"retry-after": date}, now=NOW, default=5) == 30


def test_mastodon_iso_reset_and_atproto_epoch_reset() -> None:
    # Mastodon: X-RateLimit-Reset is an ISO timestamp with microseconds (Mastodon.py cassette)
    assert retry_after_seconds({"X-RateLimit-Reset": "2026-08-01T13:50:10.809356Z"}, now=NOW, default=5) == pytest.approx(10.809356)
    # AT Protocol: RateLimit-Reset is epoch seconds
    assert retry_after_seconds({"RateLimit-Reset": str(int(NOW) + 42)}, now=NOW, default=5) == 42


def test_no_hint_gives_default_and_past_gives_zero() -> None:
    assert retry_after_seconds({}, now=NOW, default=5) == 5
    assert retry_after_seconds({"Retry-After": "garbage"}, now=NOW, default=3) == 3
    assert retry_after_seconds({"X-RateLimit-Reset": "2020-01-01T00:00:00Z"}, now=NOW, default=5) == 0


def test_backoff_grows_and_is_capped() -> None:
    assert [backoff_delay(n, base=1, cap=5) for n in (1, 2, 3, 4)] == [1, 2, 4, 5]


def test_a_host_that_keeps_asking_to_wait_is_given_up_after_its_budget() -> None:
    import asyncio

    from scrapy import Request
    from scrapy.exceptions import IgnoreRequest
    from scrapy.http import Response
    from selfaudit.crawler.middlewares.retry_after import RetryAfterMiddleware

    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    mw = RetryAfterMiddleware(max_wait=300, max_times=7, max_total=600, sleep=sleep)
    request = Request("https://hostile.example/api")

    async def hammer() -> str:
        current = request
        for _ in range(10):
            mw.process_request(current)
            answer = Response(current.url, status=429, headers={"Retry-After": "999999"}, request=current)
            current = await mw.process_response(current, answer)  # type: ignore[assignment]
        return "never gave up"

    with pytest.raises(IgnoreRequest, match="gave up on hostile.example"):
        asyncio.run(hammer())
    assert sum(slept) <= 600  # not 7 x 300 s
    # the host's next requests fail at once; other hosts are untouched
    with pytest.raises(IgnoreRequest):
        mw.process_request(Request("https://hostile.example/other"))
    assert mw.process_request(Request("https://fine.example/")) is None
