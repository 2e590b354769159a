"""Fixtures: one sandbox per module on port 0, a urllib helper that never raises on HTTP errors, shared samples."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from selfaudit.sandbox import Sandbox, build_persona

from tests.shared import need_shared


def sample(name: str) -> Path:
    """A real format sample from the shared folder (the test is skipped, saying so, when it is absent)."""
    return need_shared("formats", "samples", name)


@dataclass
class Got:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def fetch(base: str, path: str, *, accept: str = "", timeout: float = 10.0) -> Got:
    """GET base+path with urllib; HTTP errors come back as a Got too."""
    req = urllib.request.Request(base + path, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return Got(resp.status, dict(resp.headers), resp.read())
    except urllib.error.HTTPError as exc:
        return Got(exc.code, dict(exc.headers), exc.read())


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(port=0, persona=build_persona(seed=7)) as sb:
        yield sb


@pytest.fixture(scope="module")
def get(sandbox: Sandbox):  # type: ignore[no-untyped-def]
    def _get(path: str, **kw: Any) -> Got:
        return fetch(sandbox.base_url, path, **kw)

    return _get
