"""The heads' disk cache: fitted once per pack and embedder, refitted when either changes."""

from __future__ import annotations

import numpy as np
import yaml
from selfaudit.analysis.heads_cache import cache_path, default_cache_dir, load_or_fit
from selfaudit.analysis.pack import parse_pack

from tests.analysis.conftest import FIXTURES


def test_heads_are_cached_on_disk(mini_pack, hash_embedder, tmp_path):
    first = load_or_fit(mini_pack, hash_embedder, cache_dir=tmp_path)
    assert cache_path(mini_pack, hash_embedder, cache_dir=tmp_path).is_file()
    calls = hash_embedder.calls
    again = load_or_fit(mini_pack, hash_embedder, cache_dir=tmp_path)
    assert hash_embedder.calls == calls
    assert np.array_equal(first.coef, again.coef) and again.train_texts == first.train_texts
    assert again.concern_ids == first.concern_ids and np.array_equal(first.thresholds, again.thresholds)


def test_changed_pack_refits(mini_pack, hash_embedder, tmp_path):
    load_or_fit(mini_pack, hash_embedder, cache_dir=tmp_path)
    raw = yaml.safe_load((FIXTURES / "mini_pack.yaml").read_text(encoding="utf-8"))
    raw["clean"]["en"].append("Planted tomatoes on the balcony today.")
    changed = parse_pack(raw)
    assert cache_path(changed, hash_embedder, cache_dir=tmp_path) != cache_path(mini_pack, hash_embedder, cache_dir=tmp_path)
    calls = hash_embedder.calls
    load_or_fit(changed, hash_embedder, cache_dir=tmp_path)
    assert hash_embedder.calls > calls
    assert len(list(tmp_path.glob("*.npz"))) == 1  # the older version's heads are pruned


def test_a_damaged_cache_file_is_refitted(mini_pack, hash_embedder, tmp_path):
    path = cache_path(mini_pack, hash_embedder, cache_dir=tmp_path)
    path.write_bytes(b"not an npz")
    heads = load_or_fit(mini_pack, hash_embedder, cache_dir=tmp_path)
    assert heads.concern_ids == tuple(c.id for c in mini_pack.post_concerns)
    with np.load(path, allow_pickle=False) as data:
        assert tuple(str(s) for s in data["concern_ids"]) == heads.concern_ids


def test_an_unwritable_cache_only_costs_a_refit(mini_pack, hash_embedder, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    heads = load_or_fit(mini_pack, hash_embedder, cache_dir=blocker / "heads")
    assert heads.model_id == "pack" and not (blocker / "heads").exists()


def test_default_cache_is_per_user(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "selfaudit" / "heads"
