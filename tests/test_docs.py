"""The README's Layout section and docs/architecture.md name the folders the repository has."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tracked_folders() -> set[str]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return {line.split("/")[0] for line in out.splitlines() if "/" in line and not line.startswith(".")}


def _layout_block() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    return section.split("```", 2)[1]


def test_the_layout_lists_every_folder_and_only_those() -> None:
    listed = set(re.findall(r"^([a-z_]+)/\s", _layout_block(), flags=re.MULTILINE))
    assert listed == _tracked_folders()


def test_architecture_names_only_modules_that_exist() -> None:
    """Every ``folder/module.py`` the architecture names is in the tree (a renamed module leaves no stale doc)."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:selfaudit|crawler|analysis|reports|app|sandbox)/[\w/]+\.py)`", text))
    assert named, "the architecture names no module"
    assert sorted(n for n in named if not (ROOT / n).is_file()) == []
