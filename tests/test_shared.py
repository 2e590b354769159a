"""Tests that need ../shared say, in one line, which folder is missing and which variable names it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.shared import ENV, REPO, need_shared, shared_dir


def test_the_variable_names_the_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "concerns.md").write_text("x")
    monkeypatch.setenv(ENV, str(tmp_path))
    assert shared_dir() == tmp_path and need_shared("concerns.md") == tmp_path / "concerns.md"
    monkeypatch.delenv(ENV)
    assert shared_dir() == REPO.parent / "shared"


def test_a_missing_folder_skips_with_one_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV, str(tmp_path / "nowhere"))
    with pytest.raises(pytest.skip.Exception, match=r"nowhere does not exist; set SELFAUDIT_SHARED to the shared folder"):
        need_shared("formats", "samples", "x.json")


def test_the_sandbox_tests_run_without_the_shared_folder(tmp_path: Path) -> None:
    """No collection error and no traceback: the tests that need it are skipped, naming the folder."""
    env = {"PATH": "/usr/bin:/bin", ENV: str(tmp_path / "gone"), "HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-ra", "-p", "no:cacheprovider",
                          "tests/sandbox/test_persona.py"],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "SKIPPED" in out.stdout and f"{tmp_path / 'gone'} does not exist; set SELFAUDIT_SHARED" in out.stdout
    assert "Traceback" not in out.stdout
