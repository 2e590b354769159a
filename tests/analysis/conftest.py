"""Shared fixtures for the analysis tests: the test pack, a fake embedder, a store."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest
from selfaudit.analysis.pack import Pack, load_pack

FIXTURES = Path(__file__).parent / "fixtures"


class HashEmbedder:
    """Deterministic bag-of-words embedder: fast, offline, good enough to fit heads in tests."""

    name = "test-hash"
    dim = 256

    def __init__(self) -> None:
        self.calls = 0
        self.texts = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.texts += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        out[:, 0] += 1e-3
        return out / np.linalg.norm(out, axis=1, keepdims=True)


@pytest.fixture(scope="session")
def mini_pack() -> Pack:
    return load_pack(FIXTURES / "mini_pack.yaml")


@pytest.fixture
def hash_embedder() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep fitted heads and configs out of the user's folders."""
    root = tmp_path_factory.getbasetemp()
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / "xdg-cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(root / "xdg-config"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
