"""The heads' disk cache: shipped trained heads when they match, else pack-fitted heads kept on disk.

Fitting heads from a pack takes seconds to minutes (every pack text is embedded), so the
fitted arrays are saved per user, keyed by pack digest, embedder and the fitting settings;
a changed pack or model gets a new key and the older file is pruned. Only
:func:`load_or_fit` reads or writes the cache; ``PostJudge`` takes ready heads.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import numpy as np
from selfaudit.analysis.embedders import Embedder
from selfaudit.analysis.heads import (
    HEADS_VERSION,
    KNN_K,
    KNN_SLOPE,
    LEX_WEIGHT,
    REG_C,
    THRESHOLD,
    THRESHOLD_RECALL_FIRST,
    Heads,
    fit_heads,
    load_shipped,
)
from selfaudit.analysis.pack import Pack

__all__ = ["cache_path", "default_cache_dir", "load_or_fit"]

# The arrays of pack-fitted heads, saved beside their concern ids and training texts.
_CACHED = ("coef", "intercept", "thresholds", "train_vectors", "train_pos")


def default_cache_dir() -> Path:
    """Per-user cache folder for fitted heads."""
    from platformdirs import user_cache_path

    return user_cache_path("selfaudit", appauthor=False) / "heads"


def _prefix(pack: Pack, embedder: Embedder) -> str:
    return f"{pack.id}-{re.sub(r'[^A-Za-z0-9]+', '_', embedder.name)}-"


def _key(pack: Pack, embedder: Embedder) -> str:
    raw = json.dumps([HEADS_VERSION, pack.id, pack.digest, embedder.name, LEX_WEIGHT, REG_C, KNN_K, KNN_SLOPE,
                      THRESHOLD, THRESHOLD_RECALL_FIRST, list(pack.recall_first)])
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def cache_path(pack: Pack, embedder: Embedder, *, cache_dir: Path | None = None) -> Path:
    """Where the heads fitted for ``pack`` and ``embedder`` are (or would be) saved.

    Args:
        pack: the policy pack.
        embedder: the embedding model (its name is part of the key).
        cache_dir: the cache folder (default: :func:`default_cache_dir`).
    """
    folder = cache_dir or default_cache_dir()
    return folder / f"{_prefix(pack, embedder)}{_key(pack, embedder)}.npz"


def _read(path: Path) -> Heads | None:
    try:
        with np.load(path, allow_pickle=False) as data:
            return Heads(
                concern_ids=tuple(str(s) for s in data["concern_ids"]),
                train_texts=tuple(str(s) for s in data["train_texts"]),
                **{name: data[name] for name in _CACHED},
            )
    except (OSError, KeyError, ValueError):
        path.unlink(missing_ok=True)  # a damaged file is refitted
        return None


def _write(path: Path, heads: Heads, prefix: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.stem + ".tmp.npz")
        np.savez(tmp, concern_ids=np.asarray(heads.concern_ids), train_texts=np.asarray(heads.train_texts),
                 **{name: getattr(heads, name) for name in _CACHED})
        tmp.replace(path)
        for stale in path.parent.glob(f"{prefix}*.npz"):  # heads of older pack versions
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache only costs a refit next time


def load_or_fit(pack: Pack, embedder: Embedder, *, cache_dir: Path | None = None) -> Heads:
    """The shipped trained heads when they match pack and embedder; else heads fitted from the
    pack alone, from the disk cache when pack and model are unchanged, else fitted and saved.

    Args:
        pack: the policy pack.
        embedder: the embedding model the heads work on.
        cache_dir: the cache folder (default: :func:`default_cache_dir`).

    Returns:
        Heads ready for ``PostJudge``.
    """
    shipped = load_shipped(pack, embedder.name)
    if shipped is not None:
        return shipped
    path = cache_path(pack, embedder, cache_dir=cache_dir)
    if path.exists():
        cached = _read(path)
        if cached is not None:
            return cached
    heads = fit_heads(pack, embedder)
    _write(path, heads, _prefix(pack, embedder))
    return heads
