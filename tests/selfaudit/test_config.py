"""Configuration loading: precedence and clear errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from selfaudit.config import load_settings, render_template
from selfaudit.errors import ConfigError


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "selfaudit.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_template_round_trips(tmp_path: Path) -> None:
    path = _write(tmp_path, render_template(name="Nadia", appointment_date="2021-09-01", accounts=["@nadia@host.example"]))
    settings = load_settings(config=path, env={})
    assert settings.person.name == "Nadia"
    assert settings.person.appointment_date == dt.date(2021, 9, 1)
    assert [a.handle for a in settings.accounts] == ["nadia@host.example"]
    assert settings.config_path == path


def test_precedence_flag_env_file_default(tmp_path: Path) -> None:
    path = _write(tmp_path, 'data_dir = "from-file"\n[person]\nappointment_date = 2020-01-01\n')
    assert load_settings(config=path, env={}).data_dir == tmp_path / "from-file"
    assert load_settings(config=path, env={"SELFAUDIT_DATA": "/env/dir"}).data_dir == Path("/env/dir")
    flagged = load_settings(config=path, data_dir=Path("/flag"), env={"SELFAUDIT_DATA": "/env/dir"}, appointment_date="2022-02-02")
    assert flagged.data_dir == Path("/flag")
    assert flagged.person.appointment_date == dt.date(2022, 2, 2)
    assert load_settings(config=None, env={"SELFAUDIT_CONFIG": str(path)}).data_dir == tmp_path / "from-file"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("acounts = []\n", "unknown key 'acounts'"),
        ("[crawl]\nfast = 'yes'\n", "crawl.fast must be bool"),
        ("[crawl]\nspeed = 1\n", "unknown key crawl.speed"),
        ("[person]\nappointment_date = 'soon'\n", "must be a date like"),
        ("accounts = ['@broken@']\n", "cannot read handle"),
        ("accounts = '@a@b.org'\n", "accounts must be a list"),
        ("this is = not toml [\n", "not valid TOML"),
        ("[verify]\nwayback_url = 'file:///etc/passwd'\n", "verify.wayback_url must be an http(s) address"),
    ],
)
def test_config_errors_name_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_settings(config=path, env={})
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_missing_named_config_is_an_error_but_missing_default_is_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_settings(config=tmp_path / "nope.toml", env={})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert load_settings(env={}).accounts == ()


def test_bad_appointment_flag(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="2021-09-01"):
        load_settings(config=None, appointment_date="09/01/2021", env={"SELFAUDIT_CONFIG": ""}, data_dir=tmp_path)
