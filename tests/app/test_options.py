"""The application layer: options declared once; ``report`` and ``audit`` put the report and ask the password alike."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
import typer
from selfaudit.app import audit as audit_module
from selfaudit.app import runtime
from selfaudit.app.cli import app
from typer.testing import CliRunner

from selfaudit.errors import SelfAuditError
from selfaudit.store import Store

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()
SHARED = ("--config", "--data", "--appointment-date", "--pack", "--embedder", "--html", "--pdf", "--password", "--fast")


def _declared_flags(path: Path) -> set[str]:
    """The flags a module declares itself with ``typer.Option("--flag", ...)``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Option":
            found |= {a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return found


def test_shared_options_are_declared_only_in_options_py() -> None:
    offenders = {p.name: sorted(_declared_flags(p) & set(SHARED)) for p in sorted((ROOT / "app").glob("*.py"))
                 if p.name != "options.py" and _declared_flags(p) & set(SHARED)}
    assert not offenders, f"declare these in app/options.py and import them: {offenders}"


def test_the_flag_finder_sees_a_local_declaration(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text('import typer\nX = typer.Option("--config", help="x")\nY = typer.Option(0, "--port")\n')
    assert _declared_flags(sample) == {"--config", "--port"}


def _commands() -> dict[str, Any]:
    """The CLI's commands as click sees them (typer vendors click, so no isinstance on click classes)."""
    return typer.main.get_command(app).commands  # type: ignore[attr-defined, no-any-return]


def _params(name: str) -> dict[str, Any]:
    return {opt: p for p in _commands()[name].params for opt in getattr(p, "opts", [])}


@pytest.mark.parametrize("flag", ["--config", "--data"])
def test_config_and_data_read_the_same_everywhere(flag: str) -> None:
    helps = {name: p.help for name in _commands() if name != "demo" for opt, p in _params(name).items() if opt == flag}
    assert len(helps) >= 8, helps
    assert len(set(helps.values())) == 1, helps


def test_report_and_audit_share_the_report_options() -> None:
    report, audit = _params("report"), _params("audit")
    for flag in ("--html", "--pdf", "--password"):
        assert report[flag].help == audit[flag].help
        assert report[flag].envvar == audit[flag].envvar
    assert audit["--password"].envvar == "SELFAUDIT_PDF_PASSWORD"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with Store.open(folder / "selfaudit.db") as store:
        store.upsert_posts([{"platform": "web", "account": "https://site.example/", "native_id": "https://site.example/a",
                             "created_at": "2024-02-03T04:05:06Z", "kind": "page", "text": "A page."}])
    return folder


def test_report_writes_into_the_data_folder_by_default(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = runner.invoke(app, ["report", "--data", str(data), "--config", "/dev/null"])
    assert result.exit_code == 0, result.output
    assert (data / "selfaudit-report.html").is_file()
    assert not list(elsewhere.iterdir()), "nothing is written into the folder the command ran in"


def test_report_paths_from_the_config_are_inside_the_data_folder(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[report]\nhtml = "out/r.html"\npdf = "out/r.pdf"\n', encoding="utf-8")
    settings = runtime.load(config, tmp_path / "d")
    assert runtime.report_paths(settings, html=None, pdf=None) == (tmp_path / "d" / "out/r.html", tmp_path / "d" / "out/r.pdf")
    given = (Path("here.html"), Path("/abs/r.pdf"))
    assert runtime.report_paths(settings, html=given[0], pdf=given[1]) == given


class _Ran:
    """Stands in for ``run_audit``: records what the command handed it."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def __call__(self, settings: Any, **kwargs: Any) -> audit_module.AuditSummary:
        self.calls.append({"settings": settings, **kwargs})
        return audit_module.AuditSummary(html=kwargs["html"], pdf=kwargs["pdf"])


@pytest.fixture
def ran(monkeypatch: pytest.MonkeyPatch) -> _Ran:
    fake = _Ran()
    monkeypatch.setattr(audit_module, "run_audit", fake)
    return fake


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "selfaudit.toml"
    path.write_text('accounts = ["https://site.example/"]\n[report]\npdf = "r.pdf"\n', encoding="utf-8")
    return path


def test_audit_takes_the_pdf_password_from_the_environment(ran: _Ran, config: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", "--config", str(config), "--data", str(tmp_path / "d")],
                           env={"SELFAUDIT_PDF_PASSWORD": "from-env"})
    assert result.exit_code == 0, result.output
    [call] = ran.calls
    assert call["password"] == "from-env"
    assert (call["html"], call["pdf"]) == (tmp_path / "d" / "selfaudit-report.html", tmp_path / "d" / "r.pdf")
    assert "(encrypted)" in result.output


def test_audit_asks_for_the_password_before_it_starts(ran: _Ran, config: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []

    def ask() -> str:
        asked.append(len(ran.calls))  # how many audits had run when the question came
        return "typed"

    monkeypatch.setattr(runtime, "ask_password", ask)
    monkeypatch.delenv("SELFAUDIT_PDF_PASSWORD", raising=False)
    result = runner.invoke(app, ["audit", "--config", str(config), "--data", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    assert asked == [0] and ran.calls[0]["password"] == "typed"


def test_no_pdf_means_no_question(ran: _Ran, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "c.toml"
    config.write_text('accounts = ["https://site.example/"]\n', encoding="utf-8")
    monkeypatch.setattr(runtime, "ask_password", lambda: pytest.fail("asked for a password with no PDF to write"))
    result = runner.invoke(app, ["audit", "--config", str(config), "--data", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    assert ran.calls[0]["password"] is None and ran.calls[0]["pdf"] is None


def test_report_asks_for_the_password_like_audit(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[dict[str, Any]] = []

    def build_report(store: Any, **kwargs: Any) -> Any:
        built.append(kwargs)
        raise SelfAuditError("stop here")

    import selfaudit.reports.build as build

    monkeypatch.setattr(build, "build_report", build_report)
    monkeypatch.setattr(runtime, "ask_password", lambda: "typed")
    monkeypatch.delenv("SELFAUDIT_PDF_PASSWORD", raising=False)
    result = runner.invoke(app, ["report", "--data", str(data), "--config", "/dev/null", "--pdf", str(tmp_path / "r.pdf")])
    assert result.exit_code == 1 and "stop here" in result.output
    assert built[0]["password"] == "typed" and built[0]["html_path"] == data / "selfaudit-report.html"


def test_audit_refuses_an_empty_password_before_it_starts(ran: _Ran, config: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", "--config", str(config), "--data", str(tmp_path / "d"), "--password", ""])
    assert result.exit_code == 1 and "empty PDF password" in result.output
    assert not ran.calls
