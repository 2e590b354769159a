"""Only ``selfaudit/store/`` touches SQLite: the connection is private and no other module runs SQL."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# the project's code (tests may read a store file with their own connection, tests/selfaudit/rawsql.py)
CODE = ("selfaudit", "crawler", "analysis", "reports", "app", "sandbox", "bench")
STORE = ROOT / "selfaudit" / "store"
_SQL_ATTRS = frozenset({"conn", "_conn", "execute", "executemany", "executescript"})


def _offences(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in _SQL_ATTRS:
            found.append(f"{path.relative_to(root)}:{node.lineno} .{node.attr}")
        elif isinstance(node, ast.Import) and any(a.name == "sqlite3" for a in node.names):
            found.append(f"{path.relative_to(root)}:{node.lineno} import sqlite3")
        elif isinstance(node, ast.ImportFrom) and node.module == "sqlite3":
            found.append(f"{path.relative_to(root)}:{node.lineno} from sqlite3")
    return found


def _code_files() -> list[Path]:
    return [p for top in CODE for p in sorted((ROOT / top).rglob("*.py")) if not p.is_relative_to(STORE)]


def test_nothing_outside_the_store_package_touches_the_connection_or_runs_sql() -> None:
    files = _code_files()
    assert len(files) > 50, "the scan must see the project's modules"
    offences = [o for p in files for o in _offences(p)]
    assert not offences, "only selfaudit/store/ runs SQL; add a store method instead:\n" + "\n".join(offences)


def test_the_scan_catches_raw_sql(tmp_path: Path) -> None:
    bad = tmp_path / "spider.py"
    bad.write_text('def f(store):\n    return store.conn.execute("SELECT 1")\n', encoding="utf-8")
    assert _offences(bad, tmp_path) == ["spider.py:2 .execute", "spider.py:2 .conn"]


def test_the_store_has_no_public_connection(tmp_path: Path) -> None:
    from selfaudit.store import Store

    with Store.open(tmp_path / "s.db") as store:
        assert not hasattr(store, "conn")
        with store.transaction() as inside:
            assert inside is None
