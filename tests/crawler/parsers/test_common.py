"""Shared parsing helpers."""

from __future__ import annotations

import pytest
from selfaudit.crawler.parsers.common import find_email


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("Contact: t.moreno@un.org",), "t.moreno@un.org"),
        (('<a href="mailto:Ana@UNICEF.org">mail</a>',), "ana@unicef.org"),
        (("follow @nadia@mastodon.social",), None),
        (("no address here", None, "later: x@example.com"), "x@example.com"),
        (("user@localhost",), None),
    ],
)
def test_find_email(texts: tuple[str | None, ...], expected: str | None) -> None:
    assert find_email(*texts) == expected
