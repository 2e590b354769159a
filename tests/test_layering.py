"""Data flows crawl -> store -> analysis -> report, never backwards.

Each stage may import only earlier stages; the core package imports no stage
(except the CLI and the demo, which compose them).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ALLOWED = {
    "selfaudit": {"selfaudit"},
    "crawler": {"selfaudit", "crawler"},
    "analysis": {"selfaudit", "analysis"},
    "reports": {"selfaudit", "analysis", "reports"},
}
COMPOSERS = {"selfaudit/cli.py", "selfaudit/demo.py"}
STAGES = set(ALLOWED)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found & STAGES


def _files() -> list[Path]:
    return [p for stage in ALLOWED for p in sorted((ROOT / stage).rglob("*.py"))]


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_backwards_import(path: Path) -> None:
    rel = str(path.relative_to(ROOT))
    if rel in COMPOSERS:
        return
    stage = rel.split("/")[0]
    bad = _imports(path) - ALLOWED[stage]
    assert not bad, f"{rel} imports {sorted(bad)}: data flows crawl -> store -> analysis -> report"


def test_the_checker_catches_a_backwards_import(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("from reports.html import render\nimport analysis.embed\n")
    assert _imports(sample) == {"reports", "analysis"}
