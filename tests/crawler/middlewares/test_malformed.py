"""The malformed-JSON middleware: a cut JSON body is fetched again, a bounded number of times."""

from __future__ import annotations

import pytest
from scrapy import Request, Spider
from scrapy.http import Response, TextResponse
from scrapy.utils.test import get_crawler
from selfaudit.crawler.middlewares.malformed import MalformedJsonMiddleware

URL = "https://social.example/api/v1/accounts/1/statuses"


@pytest.fixture
def middleware() -> MalformedJsonMiddleware:
    crawler = get_crawler(Spider, {"RETRY_TIMES": 2, "TELNETCONSOLE_ENABLED": False})
    crawler.spider = Spider("t")
    crawler.spider.crawler = crawler
    return MalformedJsonMiddleware.from_crawler(crawler)


def _answer(request: Request, body: bytes, *, status: int = 200, ctype: str = "application/json; charset=utf-8") -> Response:
    return TextResponse(request.url, status=status, body=body, headers={"Content-Type": ctype}, request=request)


def test_good_json_is_parsed_once_and_left_for_the_callback(middleware: MalformedJsonMiddleware) -> None:
    request = Request(URL)
    response = _answer(request, b'[{"id": "1"}]')
    assert middleware.process_response(request, response) is response
    assert request.meta["json_data"] == [{"id": "1"}]


def test_a_cut_body_is_retried_until_the_limit(middleware: MalformedJsonMiddleware) -> None:
    assert middleware.max_times == 2  # from RETRY_TIMES
    request = Request(URL)
    tries = []
    for _ in range(5):
        out = middleware.process_response(request, _answer(request, b'[{"id": "1", "cont'))
        if not isinstance(out, Request):
            break
        tries.append(out)
        request = out
    assert len(tries) == 2 and all(r.dont_filter for r in tries)
    assert [r.meta["retry_times"] for r in tries] == [1, 2]
    assert isinstance(out, Response) and "json_data" not in request.meta  # given up: the callback sees the answer
    stats = middleware.crawler.stats  # type: ignore[union-attr]
    assert stats.get_value("retry/reason_count/malformed JSON") == 2
    assert stats.get_value("retry/max_reached") == 1


def test_a_request_marked_json_is_checked_whatever_its_content_type(middleware: MalformedJsonMiddleware) -> None:
    request = Request(URL, meta={"json": True})
    assert isinstance(middleware.process_response(request, _answer(request, b"<html>", ctype="text/html")), Request)


@pytest.mark.parametrize(("status", "ctype"), [(200, "text/html"), (500, "application/json"), (404, "application/json")])
def test_other_answers_pass_untouched(middleware: MalformedJsonMiddleware, status: int, ctype: str) -> None:
    request = Request(URL)
    response = _answer(request, b"{broken", status=status, ctype=ctype)
    assert middleware.process_response(request, response) is response
    assert "json_data" not in request.meta


def test_without_a_running_spider_the_answer_is_kept() -> None:
    request = Request(URL)
    response = _answer(request, b"{broken")
    assert MalformedJsonMiddleware(max_times=3).process_response(request, response) is response
