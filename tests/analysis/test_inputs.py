"""Bounded, checked input for check/classify and capped judging of long texts (#14 items 7, 8, 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selfaudit.analysis.inputs import read_jsonl
from selfaudit.analysis.judge import Judgement
from selfaudit.analysis.longtext import chunks, judge_capped
from selfaudit.app.cli import app
from typer.testing import CliRunner

from selfaudit.errors import AnalysisError, ConfigError
from selfaudit.limits import JUDGE_CHUNK_CHARS, MAX_DRAFT_CHARS, MAX_JSONL_LINE_BYTES, MAX_JUDGED_CHARS

PACK = str(Path(__file__).parent / "fixtures" / "mini_pack.yaml")


class _FakeJudge:
    """Flags ``partisan`` in any piece holding the word VOTE; remembers what it was asked to judge."""

    def __init__(self) -> None:
        self.pieces: list[str] = []

    def judge(self, texts: list[str], *, kinds: list[str | None] | None = None) -> list[list[Judgement]]:
        self.pieces += texts
        return [[Judgement("partisan", 0.6 + t.count("VOTE") / 10)] if "VOTE" in t else [] for t in texts]


def test_a_huge_text_is_judged_by_capped_chunks() -> None:
    judge = _FakeJudge()
    huge = "a" * 50_000 + " VOTE " + "b" * (15 * 2**20)
    [found], [clean] = judge_capped(judge, [huge]), judge_capped(judge, ["x" * (MAX_JUDGED_CHARS + 10) + " VOTE"])
    assert [j.concern for j in found] == ["partisan"] and clean == []
    assert max(len(p) for p in judge.pieces) == JUDGE_CHUNK_CHARS
    assert sum(len(p) for p in judge.pieces) < 3 * MAX_JUDGED_CHARS


def test_short_texts_are_judged_unchanged_and_a_boundary_phrase_is_seen() -> None:
    judge = _FakeJudge()
    assert chunks("short VOTE") == ["short VOTE"]
    text = "a" * (JUDGE_CHUNK_CHARS - 2) + "VOTE" + "VOTE VOTE" + "c" * 5000
    [found] = judge_capped(judge, [text])
    assert found == [Judgement("partisan", 0.6 + 3 / 10)]


def _jsonl(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("data", "message"), [
    (b'{"id": "a", "text": "ok"}\n{"text": "no id"}\n', "in.jsonl:2: every line needs an 'id'"),
    (b'{"id": null, "text": "x"}\n', "in.jsonl:1: every line needs an 'id'"),
    (b'{"id": "a", "text": "caf\xe9"}\n', "in.jsonl:1: not UTF-8 text"),
    (b"[" * 100_000 + b"]" * 100_000 + b"\n", "in.jsonl:1: JSON nested too deeply"),
    (b'{"id": "a", "text": "' + b"x" * MAX_JSONL_LINE_BYTES + b'"}\n', "in.jsonl:1: line longer than"),
])
def test_bad_classify_input_is_one_error_naming_the_line(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(AnalysisError, match=message):
        read_jsonl(_jsonl(tmp_path, data))


def test_post_lines_need_text_but_profile_lines_do_not(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, json.dumps({"id": 7, "bio": "x"}).encode() + b"\n")
    with pytest.raises(ConfigError, match="'text'"):
        read_jsonl(path)
    assert read_jsonl(path, profiles=True) == [{"id": 7, "bio": "x"}]


def test_classify_cli_refuses_non_utf8_in_one_line(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, b'{"id": "a", "text": "\xff\xfe"}\n')
    result = CliRunner().invoke(app, ["classify", "--input", str(path), "--output", str(tmp_path / "o.jsonl"),
                                      "--pack", PACK, "--config", "/dev/null"])
    assert result.exit_code == 1 and result.output.startswith("error: ") and "not UTF-8" in result.output
    assert not (tmp_path / "o.jsonl").exists()


def test_check_refuses_an_endless_draft(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["check", "x" * (MAX_DRAFT_CHARS + 1), "--pack", PACK, "--config", "/dev/null"])
    assert result.exit_code == 1 and result.output.startswith("error: ") and "at most" in result.output
