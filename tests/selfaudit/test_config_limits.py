"""Crawl values that would hang or break a crawl are refused when the configuration is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfaudit.config import CrawlConfig, load_settings
from selfaudit.errors import ConfigError


@pytest.mark.parametrize(("text", "message"), [
    ("[crawl]\nconcurrency_per_host = 0\n", "crawl.concurrency_per_host must be at least 1"),
    ("[crawl]\nconcurrency_per_host = -3\n", "crawl.concurrency_per_host must be at least 1"),
    ("[crawl]\ntimeout = 0\n", "crawl.timeout must be more than 0"),
    ("[crawl]\nbio_link_hops = -1\n", "cannot be negative"),
])
def test_values_that_would_hang_the_crawl_are_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "selfaudit.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(config=path, env={})
    assert message in str(info.value) and str(path) in str(info.value)


def test_code_cannot_build_a_hanging_crawl_config_either() -> None:
    with pytest.raises(ConfigError):
        CrawlConfig(concurrency_per_host=0)
    assert CrawlConfig(concurrency_per_host=2).concurrency_per_host == 2
