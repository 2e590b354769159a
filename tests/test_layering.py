"""The layers, checked on every module with no exemptions.

Data flows crawl -> store -> analysis -> report, never backwards: each stage
imports only the core and earlier stages. The core (``selfaudit/``) imports no
stage. Only the application layer (``app/``: CLI, audit, demo) composes the
stages, and only it (with the tests and benchmarks) may use the demo sandbox.
Imports are read from ``import`` statements and from module paths written as
strings (``import_module("...")``, Scrapy settings, ``python -m`` lines), so a
string cannot hide a backwards dependency.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# folder -> the layer's name inside the one installed package
FOLDERS = {"selfaudit": "core", "crawler": "crawler", "analysis": "analysis", "reports": "reports",
           "app": "app", "sandbox": "sandbox"}
ALLOWED = {
    "core": {"core"},
    "crawler": {"core", "crawler"},
    "analysis": {"core", "analysis"},
    "reports": {"core", "analysis", "reports"},
    "sandbox": {"core", "sandbox"},
    "app": {"core", "crawler", "analysis", "reports", "sandbox", "app"},
}
_LAYER_OF = {"app": "app", "crawler": "crawler", "analysis": "analysis", "reports": "reports", "sandbox": "sandbox"}
_MODULE_STRING = re.compile(r"^selfaudit(?:\.[A-Za-z_][A-Za-z0-9_]*)*$")


def layer_of(module: str) -> str | None:
    """The layer a ``selfaudit...`` module belongs to, or None for other packages."""
    parts = module.split(".")
    if parts[0] != "selfaudit":
        return None
    return _LAYER_OF.get(parts[1], "core") if len(parts) > 1 else "core"


def imported_layers(path: Path) -> dict[str, set[str]]:
    """Layer -> the modules of it that ``path`` imports, by statement or by module-path string."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: dict[str, set[str]] = {}

    def add(module: str) -> None:
        layer = layer_of(module)
        if layer:
            found.setdefault(layer, set()).add(module)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            add(node.module)
            for alias in node.names:  # `from selfaudit import app` names a layer too
                add(f"{node.module}.{alias.name}" if node.module == "selfaudit" else node.module)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _MODULE_STRING.match(node.value):
            add(node.value)
    return found


def _files() -> list[Path]:
    return [p for folder in FOLDERS for p in sorted((ROOT / folder).rglob("*.py"))]


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_backwards_import(path: Path) -> None:
    rel = path.relative_to(ROOT)
    layer = FOLDERS[rel.parts[0]]
    bad = {other: mods for other, mods in imported_layers(path).items() if other not in ALLOWED[layer]}
    assert not bad, f"{rel} ({layer}) imports {bad}: data flows crawl -> store -> analysis -> report; only app/ composes"


def test_the_checker_catches_statements_and_strings(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("from selfaudit.reports.html import render\nimport selfaudit.analysis.embedders\n"
                      "import importlib\nimportlib.import_module('selfaudit.app.cli')\nfrom selfaudit import sandbox\n"
                      "SETTINGS = {'selfaudit.crawler.middlewares.robots.Middleware': 1}\n")
    assert set(imported_layers(sample)) == {"reports", "analysis", "app", "crawler", "sandbox", "core"}


def test_every_folder_is_one_package_in_the_wheel() -> None:
    """pyproject installs each top-level folder under ``selfaudit.`` and lists every subpackage."""
    import tomllib

    tool = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    dirs = tool["package-dir"]
    assert {name.split(".")[0] for name in dirs} == {"selfaudit"}
    assert {folder: name for name, folder in dirs.items()} == {
        folder: ("selfaudit" if folder == "selfaudit" else f"selfaudit.{folder}") for folder in FOLDERS}
    on_disk = {".".join([dirs_name, *init.parent.relative_to(ROOT / folder).parts])
               for dirs_name, folder in dirs.items() for init in (ROOT / folder).rglob("__init__.py")}
    assert set(tool["packages"]) == on_disk
