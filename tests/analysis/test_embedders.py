from __future__ import annotations

import numpy as np
import pytest
from selfaudit.analysis.embedders import ConcatEmbedder, make_embedder

from selfaudit.errors import AnalysisError


def test_unknown_embedder_is_a_user_error():
    with pytest.raises(AnalysisError, match="unknown embedder"):
        make_embedder("word2vec")


def test_default_is_multilingual_and_normalised():
    model = make_embedder("default")
    vectors = model.encode([
        "The meeting is cancelled tomorrow.",
        "La réunion de demain est annulée.",
        "明天的会议取消了。",
        "I love chocolate cake with strawberries.",
    ])
    assert vectors.dtype == np.float32 and vectors.shape == (4, model.dim)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    sims = vectors @ vectors[0]
    assert sims[1] > sims[3] and sims[2] > sims[3]
    assert model.encode([]).shape == (0, model.dim)


def test_concat_renormalises(hash_embedder):
    both = ConcatEmbedder([hash_embedder, hash_embedder])
    out = both.encode(["a b", "c"])
    assert out.shape == (2, 2 * hash_embedder.dim)
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    assert both.name == "test-hash+test-hash"
