"""``scripts/check_wheel.py`` (run by ``make smoke``) finds a second top-level package and missing data files."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOOD = ["selfaudit/__init__.py", "selfaudit/app/cli.py", "selfaudit/sandbox/server.py",
        "selfaudit/reports/templates/report.html.j2", "selfaudit/analysis/policies/un-secretariat.yaml",
        "selfaudit/analysis/model/heads.npz", "selfaudit-0.1.0.dist-info/METADATA"]


@pytest.fixture
def check() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_wheel", ROOT / "scripts" / "check_wheel.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _wheel(tmp_path: Path, names: list[str], top_level: str = "selfaudit\n") -> Path:
    path = tmp_path / "selfaudit-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zf:
        for name in names:
            zf.writestr(name, "")
        zf.writestr("selfaudit-0.1.0.dist-info/top_level.txt", top_level)
    return path


def test_a_right_wheel_passes(check: ModuleType, tmp_path: Path) -> None:
    assert check.problems(_wheel(tmp_path, GOOD)) == []
    assert check.main([str(_wheel(tmp_path, GOOD))]) == 0


def test_a_generic_top_level_package_fails(check: ModuleType, tmp_path: Path) -> None:
    wheel = _wheel(tmp_path, [*GOOD, "crawler/__init__.py"], top_level="crawler\nselfaudit\n")
    found = check.problems(wheel)
    assert len(found) == 2 and all("crawler" in line for line in found)
    assert check.main([str(wheel)]) == 1


def test_missing_package_data_fails(check: ModuleType, tmp_path: Path) -> None:
    found = check.problems(_wheel(tmp_path, [n for n in GOOD if "templates" not in n]))
    assert found == ["the wheel has no selfaudit/reports/templates/*"]
