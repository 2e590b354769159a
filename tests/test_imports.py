"""The shape of the code: no import cycle between the project's modules, no module over 500 lines.

The import graph is read from ``import`` statements (at any depth: a lazy
import inside a function is still a dependency) and from module paths written as
strings (``import_module("...")``, Scrapy settings), so a string cannot hide a
cycle. The one exemption is a package's ``__init__`` re-exporting its own
submodules: those edges are left out of the graph.
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# folder -> the name it installs under (pyproject's package-dir); bench/ is the project's too
PACKAGES = {"selfaudit": "selfaudit", "crawler": "selfaudit.crawler", "analysis": "selfaudit.analysis",
            "reports": "selfaudit.reports", "app": "selfaudit.app", "sandbox": "selfaudit.sandbox", "bench": "bench"}
MAX_LINES = 500
_MODULE_STRING = re.compile(r"^(?:selfaudit|bench)(?:\.[A-Za-z_][A-Za-z0-9_]*)+$")


def module_files(root: Path = ROOT) -> dict[str, Path]:
    """Every project module's dotted name (as installed) -> its file."""
    found: dict[str, Path] = {}
    for folder, package in PACKAGES.items():
        for path in sorted((root / folder).rglob("*.py")):
            parts = list(path.relative_to(root / folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join([package, *parts])] = path
    return found


def _resolve(name: str, modules: set[str]) -> str | None:
    """The longest prefix of ``name`` that is a project module (``a.b.Class`` -> ``a.b``)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def imports_of(module: str, path: Path, modules: set[str]) -> set[str]:
    """The project modules that ``module`` (its source at ``path``) imports, by statement or by string."""
    is_package = path.name == "__init__.py"
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()

    def add(name: str) -> None:
        target = _resolve(name, modules)
        if target and target != module:
            found.add(target)

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            for alias in node.names:  # `from pkg import submodule` imports the submodule
                add(f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _MODULE_STRING.match(node.value):
            add(node.value)
    if is_package:  # an __init__ re-exporting its own submodules is not a cycle
        found = {m for m in found if not m.startswith(module + ".")}
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module -> the project modules it imports."""
    files = module_files(root)
    names = set(files)
    return {module: imports_of(module, path, names) for module, path in files.items()}


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(cycles)


def lines_of(path: Path) -> int:
    """How many lines a module has."""
    return len(path.read_text(encoding="utf-8").splitlines())


@functools.cache
def _project() -> tuple[dict[str, Path], list[list[str]]]:
    return module_files(), find_cycles(import_graph())


@pytest.mark.parametrize("folder", sorted(PACKAGES))
def test_no_import_cycle(folder: str) -> None:
    """One case per top-level folder, so a cycle names the folder (and whoever owns it)."""
    files, cycles = _project()
    mine = [c for c in cycles if any(files[m].relative_to(ROOT).parts[0] == folder for m in c)]
    assert not mine, "import cycles (move what both sides need into a third module): " + "; ".join(
        " <-> ".join(c) for c in mine)


@pytest.mark.parametrize("module", sorted(module_files()))
def test_no_module_over_500_lines(module: str) -> None:
    path = _project()[0][module]
    lines = lines_of(path)
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines (at most {MAX_LINES}): split it by concern"


def test_the_graph_sees_lazy_relative_and_string_imports(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("from selfaudit.app.b import thing\n")
    (tmp_path / "app" / "a.py").write_text("def f():\n    from . import b\n")
    (tmp_path / "app" / "b.py").write_text("import importlib\nX = importlib.import_module('selfaudit.app.c')\n")
    (tmp_path / "app" / "c.py").write_text("from selfaudit.app.a import f\nSETTINGS = {'selfaudit.app.b.Thing': 1}\n")
    graph = {m: deps for m, deps in import_graph(tmp_path).items() if m.startswith("selfaudit.app")}
    assert graph == {"selfaudit.app": set(), "selfaudit.app.a": {"selfaudit.app.b"},
                     "selfaudit.app.b": {"selfaudit.app.c"}, "selfaudit.app.c": {"selfaudit.app.a", "selfaudit.app.b"}}
    assert find_cycles(graph) == [["selfaudit.app.a", "selfaudit.app.b", "selfaudit.app.c"]]


def test_a_package_importing_its_own_submodule_back_is_a_cycle(tmp_path: Path) -> None:
    """Only the __init__'s re-exports are exempt: a submodule importing the package that re-exports it is not."""
    (tmp_path / "sandbox").mkdir()
    (tmp_path / "sandbox" / "__init__.py").write_text("from selfaudit.sandbox.server import Sandbox\n")
    (tmp_path / "sandbox" / "server.py").write_text("from selfaudit.sandbox import mastodon\n")
    (tmp_path / "sandbox" / "mastodon.py").write_text("def f():\n    from selfaudit.sandbox import server\n")
    graph = import_graph(tmp_path)
    assert graph["selfaudit.sandbox"] == set()
    assert find_cycles(graph) == [["selfaudit.sandbox.mastodon", "selfaudit.sandbox.server"]]


def test_modules_are_named_as_installed_and_counted(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "big.py").write_text("x = 1\n" * (MAX_LINES + 1))
    (tmp_path / "selfaudit").mkdir()
    (tmp_path / "selfaudit" / "__init__.py").write_text("")
    files = module_files(tmp_path)
    assert set(files) == {"selfaudit.reports.big", "selfaudit"}
    assert lines_of(files["selfaudit.reports.big"]) == MAX_LINES + 1
