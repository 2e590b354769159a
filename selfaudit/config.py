"""Configuration: one TOML file, parsed once into frozen dataclasses.

Precedence is flag > environment > file > default. Unknown keys and wrong
types are errors, reported with the file name and the key, so a typo never
silently changes what is audited.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from selfaudit.errors import ConfigError, HandleError
from selfaudit.handles import HandleSpec, parse_handle
from selfaudit.platforms import CLOSED, is_closed

__all__ = [
    "toml_string",
    "CONFIG_NAME",
    "Settings",
    "PersonConfig",
    "CrawlConfig",
    "BlueskyConfig",
    "AnalysisConfig",
    "ReportConfig",
    "VerifyConfig",
    "default_config_path",
    "default_data_dir",
    "load_settings",
    "parse_settings",
    "render_template",
]

CONFIG_NAME = "selfaudit.toml"
ENV_CONFIG = "SELFAUDIT_CONFIG"
ENV_DATA = "SELFAUDIT_DATA"


@dataclass(frozen=True, slots=True)
class PersonConfig:
    """Who is audited; the appointment date sets every post's timing."""

    name: str = ""
    appointment_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class CrawlConfig:
    """How the crawler behaves; defaults are the polite ones."""

    fast: bool = False
    bio_link_hops: int = 1
    page_limit: int = 200
    download_delay: float = 1.0
    concurrency_per_host: int = 1
    timeout: float = 30.0
    user_agent: str = ""
    obey_robots: bool = True
    javascript: bool = True

    def __post_init__(self) -> None:
        # 0 requests per host would wait for ever without sending one (#14)
        if self.concurrency_per_host < 1:
            raise ConfigError(f"crawl.concurrency_per_host must be at least 1, not {self.concurrency_per_host}")
        if self.timeout <= 0:
            raise ConfigError(f"crawl.timeout must be more than 0 seconds, not {self.timeout}")
        if self.bio_link_hops < 0 or self.download_delay < 0:
            raise ConfigError("crawl.bio_link_hops and crawl.download_delay cannot be negative")


@dataclass(frozen=True, slots=True)
class BlueskyConfig:
    """Where AT Protocol identities and hydrated views are looked up."""

    plc_url: str = "https://plc.directory"
    appview_url: str | None = "https://public.api.bsky.app"


@dataclass(frozen=True, slots=True)
class VerifyConfig:
    """Where ``verify`` looks for copies of deleted posts (tests and the sandbox stand in for it)."""

    wayback_url: str = "https://web.archive.org"

    def __post_init__(self) -> None:
        parts = urlsplit(self.wayback_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(f"verify.wayback_url must be an http(s) address, not {self.wayback_url!r}")


@dataclass(frozen=True, slots=True)
class AnalysisConfig:
    """Which policy pack and embedding model judge the posts."""

    pack: str = "un-secretariat"
    embedder: str = "default"


@dataclass(frozen=True, slots=True)
class ReportConfig:
    """Where the report is written."""

    html: str = "selfaudit-report.html"
    pdf: str | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a command needs to know, resolved once."""

    person: PersonConfig = field(default_factory=PersonConfig)
    accounts: tuple[HandleSpec, ...] = ()
    archives: tuple[Path, ...] = ()
    data_dir: Path = field(default_factory=lambda: default_data_dir())
    crawl: CrawlConfig = field(default_factory=CrawlConfig)
    bluesky: BlueskyConfig = field(default_factory=BlueskyConfig)
    analysis: AnalysisConfig = field(default_factory=AnalysisConfig)
    report: ReportConfig = field(default_factory=ReportConfig)
    verify: VerifyConfig = field(default_factory=VerifyConfig)
    config_path: Path | None = None

    @property
    def db_path(self) -> Path:
        """The SQLite store inside the data folder."""
        return self.data_dir / "selfaudit.db"

    def with_accounts(self, extra: list[str] | tuple[str, ...]) -> Settings:
        """Settings whose accounts are ``extra`` when given, else the configured ones."""
        if not extra:
            return self
        try:
            specs = tuple(parse_handle(text) for text in extra)
        except HandleError:
            raise
        return replace(self, accounts=specs)


def default_data_dir() -> Path:
    """The platform's per-user data folder (``~/.local/share/selfaudit`` on Linux)."""
    from platformdirs import user_data_path

    return user_data_path("selfaudit", appauthor=False)


def default_config_path() -> Path:
    """``./selfaudit.toml`` where it exists, else the per-user config folder."""
    local = Path.cwd() / CONFIG_NAME
    if local.exists():
        return local
    from platformdirs import user_config_path

    return user_config_path("selfaudit", appauthor=False) / CONFIG_NAME


_SECTIONS: dict[str, type] = {
    "person": PersonConfig,
    "crawl": CrawlConfig,
    "bluesky": BlueskyConfig,
    "analysis": AnalysisConfig,
    "report": ReportConfig,
    "verify": VerifyConfig,
}
_TOP_LEVEL = {"accounts", "archives", "data_dir", *_SECTIONS}


def _type_ok(value: Any, annotation: str) -> bool:
    checks = {
        "str": lambda v: isinstance(v, str),
        "str | None": lambda v: v is None or isinstance(v, str),
        "bool": lambda v: isinstance(v, bool),
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "dt.date | None": lambda v: isinstance(v, (dt.date, str)),
    }
    return checks[annotation](value)


def _section(where: str, name: str, cls: type, raw: Any) -> Any:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: [{name}] must be a table")
    known = {f.name: f for f in fields(cls)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            raise ConfigError(f"{where}: unknown key {name}.{key} (known: {', '.join(sorted(known))})")
        annotation = str(known[key].type)
        if not _type_ok(value, annotation):
            kind = annotation.replace("dt.date | None", "a date (YYYY-MM-DD)")
            raise ConfigError(f"{where}: {name}.{key} must be {kind}, not {type(value).__name__}")
        if annotation == "dt.date | None":
            value = _date(where, f"{name}.{key}", value)
        values[key] = float(value) if annotation == "float" else value
    try:
        return cls(**values)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _date(where: str, key: str, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{where}: {key} must be a date like 2021-09-01, not {value!r}") from None


def parse_settings(raw: dict[str, Any], *, where: str = CONFIG_NAME, base: Path | None = None) -> Settings:
    """Validate a parsed TOML document and build :class:`Settings`.

    Args:
        raw: the document, as ``tomllib`` returns it.
        where: the file name, for error messages.
        base: the folder relative paths in the file are resolved against.

    Raises:
        ConfigError: on unknown keys, wrong types or bad handle specs.
    """
    base = base or Path.cwd()
    unknown = sorted(set(raw) - _TOP_LEVEL)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_TOP_LEVEL))})")
    kwargs: dict[str, Any] = {name: _section(where, name, cls, raw[name]) for name, cls in _SECTIONS.items() if name in raw}
    accounts = raw.get("accounts", [])
    if not isinstance(accounts, list) or not all(isinstance(a, str) for a in accounts):
        raise ConfigError(f"{where}: accounts must be a list of handle strings")
    try:
        kwargs["accounts"] = tuple(parse_handle(a) for a in accounts)
    except HandleError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    archives = raw.get("archives", [])
    if not isinstance(archives, list) or not all(isinstance(a, str) for a in archives):
        raise ConfigError(f"{where}: archives must be a list of file paths")
    kwargs["archives"] = tuple((base / Path(a).expanduser()) for a in archives)
    if "data_dir" in raw:
        if not isinstance(raw["data_dir"], str):
            raise ConfigError(f"{where}: data_dir must be a folder path")
        kwargs["data_dir"] = base / Path(raw["data_dir"]).expanduser()
    return Settings(**kwargs)


def load_settings(
    *,
    config: Path | None = None,
    data_dir: Path | None = None,
    appointment_date: str | None = None,
    env: dict[str, str] | None = None,
) -> Settings:
    """Load settings with precedence flag > environment > file > default.

    Args:
        config: ``--config`` (else ``$SELFAUDIT_CONFIG``, else the default path).
        data_dir: ``--data`` (else ``$SELFAUDIT_DATA``, else the file, else the default).
        appointment_date: ``--appointment-date`` overriding the file.
        env: the environment (``os.environ`` by default).

    Raises:
        ConfigError: when an explicitly named file is missing or any value is invalid.
    """
    env = dict(os.environ if env is None else env)
    explicit = config or (Path(env[ENV_CONFIG]) if env.get(ENV_CONFIG) else None)
    path = (explicit or default_config_path()).expanduser()
    settings = Settings()
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot be read: {exc}") from None
        settings = replace(parse_settings(raw, where=str(path), base=path.parent), config_path=path)
    elif explicit:
        raise ConfigError(f"{path}: no such configuration file (create one with `selfaudit init`)")
    if data_dir is not None:
        settings = replace(settings, data_dir=data_dir.expanduser())
    elif env.get(ENV_DATA):
        settings = replace(settings, data_dir=Path(env[ENV_DATA]).expanduser())
    if appointment_date:
        date = _date("--appointment-date", "appointment date", appointment_date)
        settings = replace(settings, person=replace(settings.person, appointment_date=date))
    if settings.data_dir.exists() and not settings.data_dir.is_dir():
        raise ConfigError(f"{settings.data_dir}: not a folder; --data (or data_dir) must name the folder of the store")
    return settings


def toml_string(value: str) -> str:
    """``value`` as a quoted TOML basic string that reads back as exactly ``value``.

    Quotes, backslashes and control characters are escaped, so a value can
    never end the string or start a new key (lone surrogates become U+FFFD).
    """
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif code < 0x20 or code == 0x7F:
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(ch, f"\\u{code:04x}"))
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def render_template(*, name: str = "", appointment_date: str = "", accounts: list[str] | None = None) -> str:
    """The commented ``selfaudit.toml`` that ``selfaudit init`` writes."""
    closed = [spec for spec in map(parse_handle, accounts or []) if is_closed(spec.platform)]
    missing = {spec.raw for spec in closed}
    acc = "\n".join(f'  {toml_string(a)},' + ("  # closed platform: archive still missing" if a in missing else "")
                    for a in (accounts or [])) or '  # "@you@mastodon.social",\n  # "bsky:you.bsky.social",\n  # "https://your-blog.example",'
    waiting = "".join(f"  # {toml_string('~/Downloads/' + CLOSED[s.platform].file.split(' ')[0])},  # {s.raw}: still missing\n"
                      for s in closed)
    return f'''# selfaudit configuration. Everything stays on this computer.
# Reference: README.md, section "Configuration".

# Your OWN accounts, one handle spec each. Forms:
#   @user@host  |  https://host/@user          Mastodon
#   bsky:handle.example  |  bsky:did:plc:...   Bluesky
#   https://your-site.example                  a website, blog or link-in-bio page
#   rss:https://your-site.example/feed.xml     a feed
#   x:@you  |  instagram:@you  |  https://www.linkedin.com/in/you/   closed platforms
#     (also facebook:, tiktok:, threads:, youtube:): never crawled; covered only
#     by the archive you download (see `selfaudit status` for how)
# Add @http://127.0.0.1:PORT after a handle to name the server to ask.
accounts = [
{acc}
]

# Official data-export archives you downloaded (X, Facebook, Instagram,
# LinkedIn, Mastodon, Bluesky): .zip/.tar.gz files or unpacked folders.
archives = [
{waiting or '  # "~/Downloads/twitter-2026-01-01-abc.zip",' + chr(10)}]

# Where the private database and reports live (default: your user data folder).
# data_dir = "~/.local/share/selfaudit"

[person]
name = {toml_string(name)}
# The date you joined (or will join) the UN: posts before it are "pre-appointment".
{'appointment_date = ' + toml_string(appointment_date) if appointment_date else '# appointment_date = "2026-01-15"'}

[crawl]
# fast = false          # true lifts the polite delays (only for your own test servers)
# bio_link_hops = 1     # how far to follow links from your profiles
# page_limit = 200      # most pages read from one website

[bluesky]
# plc_url = "https://plc.directory"
# appview_url = "https://public.api.bsky.app"

[analysis]
# pack = "un-secretariat"   # the policy pack (analysis/policies/*.yaml or a path)
# embedder = "default"

[report]
# Relative paths lie inside the data folder.
# html = "selfaudit-report.html"
# pdf = "selfaudit-report.pdf"

[verify]
# wayback_url = "https://web.archive.org"   # where `selfaudit verify` looks for archived copies
'''
