"""The one URL policy: http(s) only, no private network targets, loopback only when named."""

from __future__ import annotations

import pytest

from selfaudit.urlpolicy import UrlRefused, address_refusal, check_url, names_loopback, refusal

REFUSED = (
    "file:///etc/passwd", "data:text/html,x", "javascript:alert(1)", "ftp://files.example/", "gopher://x.example/",
    "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://10.0.0.1/", "http://172.16.5.4/",
    "http://192.168.1.1/", "http://100.64.0.1/", "http://0.0.0.0:8080/", "http://[::]/", "http://224.0.0.251/",
    "http://[ff02::1]/", "http://[::ffff:10.0.0.1]/", "http://0x7f.0.0.1/", "http://2130706433/", "http://127.1/",
    "http://localhost:8000/", "http://api.localhost/", "http://printer.local/", "http://metadata.google.internal/",
    "https://user:pw@site.example/", "http://", "http://site.example:99999/", "http://240.0.0.1/",
)


@pytest.mark.parametrize("url", REFUSED)
def test_refused(url: str) -> None:
    assert refusal(url) is not None
    with pytest.raises(UrlRefused):
        check_url(url)


@pytest.mark.parametrize("url", ["https://site.example/a?b=c", "http://blog.example/", "https://8.8.8.8/",
                                 "https://[2001:4860:4860::8888]/"])
def test_allowed(url: str) -> None:
    assert refusal(url) is None and check_url(url) == url


def test_loopback_only_when_the_run_names_a_loopback_server() -> None:
    for url in ("http://127.0.0.1:8799/", "http://localhost:1/", "http://[::1]:9/"):
        assert refusal(url) is not None
        assert refusal(url, allow_loopback=True) is None
    # the override never opens private ranges
    assert refusal("http://10.0.0.1/", allow_loopback=True) is not None
    assert names_loopback(["https://plc.directory", "http://127.0.0.1:2583"])
    assert not names_loopback(["https://plc.directory", None, "not a url"])


def test_resolved_addresses() -> None:
    assert address_refusal("93.184.216.34") is None
    assert address_refusal("169.254.169.254") is not None
    assert address_refusal("127.0.0.1") is not None and address_refusal("127.0.0.1", allow_loopback=True) is None
