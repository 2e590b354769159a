"""Long texts are judged as capped chunks, so no text from a file or a page sizes the work.

A 15 MB post (or a 16 MB crawled page) is cut into overlapping chunks of
``JUDGE_CHUNK_CHARS`` and only its first ``MAX_JUDGED_CHARS`` are judged; each
concern keeps its best chunk. Texts shorter than one chunk are judged exactly
as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from selfaudit.limits import JUDGE_CHUNK_CHARS, MAX_JUDGED_CHARS

if TYPE_CHECKING:
    from selfaudit.analysis.judge import Judgement, PostJudge

__all__ = ["chunks", "judge_capped"]

_OVERLAP = 200
"""Characters shared by neighbouring chunks, so a phrase on a boundary is seen whole in one of them."""


def chunks(text: str, *, size: int = JUDGE_CHUNK_CHARS, cap: int = MAX_JUDGED_CHARS) -> list[str]:
    """``text`` (at most ``cap`` characters of it) as overlapping pieces of at most ``size`` characters."""
    text = text[:cap]
    if len(text) <= size:
        return [text]
    step = size - _OVERLAP
    return [text[start : start + size] for start in range(0, len(text) - _OVERLAP, step)]


def judge_capped(judge: PostJudge, texts: list[str], *, kinds: list[str | None] | None = None) -> list[list[Judgement]]:
    """``judge.judge(texts, kinds=kinds)`` with every long text judged by its capped chunks.

    Returns:
        Flagged concerns per text, best first; a concern found in several
        chunks keeps the judgement of its highest-scoring chunk.
    """
    pieces: list[str] = []
    owners: list[int] = []
    for i, text in enumerate(texts):
        for piece in chunks(text):
            pieces.append(piece)
            owners.append(i)
    judged = judge.judge(pieces, kinds=[kinds[o] for o in owners] if kinds is not None else None)
    best: list[dict[str, Judgement]] = [{} for _ in texts]
    for owner, found in zip(owners, judged, strict=True):
        for j in found:
            if j.concern not in best[owner] or j.score > best[owner][j.concern].score:
                best[owner][j.concern] = j
    return [sorted(b.values(), key=lambda j: -j.score) for b in best]
