"""Fault injection: which request fails how, decided by a seeded hash of the request.

A request (method + path + query) that is picked for a failure fails at most
``max_failures`` times and then succeeds, so a crawler that retries gets every
item. Slowness is independent of failures and never blocks success.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from dataclasses import dataclass, field, fields, replace

from selfaudit.sandbox.wire import Request, Response, error_json

from selfaudit.errors import ConfigError

__all__ = ["FaultConfig", "FaultState", "PROFILES", "parse_faults"]

_FLAGS = {"500": ("error_rate", 0.2), "timeout": ("timeout_rate", 0.05), "429": ("rate_limit_rate", 0.1),
          "slow": ("slow_rate", 0.2), "malformed": ("malformed_rate", 0.1), "repeat-cursor": ("repeat_cursor", True),
          "non-utf8": ("non_utf8", True), "hostile": ("hostile", True)}


@dataclass(frozen=True, slots=True)
class FaultConfig:
    """Per-run fault switches; rates are fractions of distinct requests (0 disables)."""

    seed: int = 0
    error_rate: float = 0.0
    timeout_rate: float = 0.0
    rate_limit_rate: float = 0.0
    malformed_rate: float = 0.0
    slow_rate: float = 0.0
    max_failures: int = 1
    hang_s: float = 3.0
    slow_s: float = 0.3
    retry_after: int = 1
    repeat_cursor: bool = False
    non_utf8: bool = False
    hostile: bool = False

    def any_failures(self) -> bool:
        """True when some requests may fail or stall."""
        return any((self.error_rate, self.timeout_rate, self.rate_limit_rate, self.malformed_rate,
                    self.slow_rate, self.repeat_cursor))


PROFILES: dict[str, FaultConfig] = {
    "none": FaultConfig(),
    "flaky": FaultConfig(error_rate=0.08, timeout_rate=0.02, rate_limit_rate=0.05, malformed_rate=0.03,
                         slow_rate=0.1, max_failures=2, repeat_cursor=True),
    "hostile": FaultConfig(non_utf8=True, hostile=True),
    "all": FaultConfig(error_rate=0.08, timeout_rate=0.02, rate_limit_rate=0.05, malformed_rate=0.03,
                       slow_rate=0.1, max_failures=2, repeat_cursor=True, non_utf8=True, hostile=True),
}


def parse_faults(spec: str, *, seed: int = 0) -> FaultConfig:
    """Parse ``--faults``: a profile name, or a comma list of flags and ``field=value`` pairs.

    Flags: 500, timeout, 429, slow, malformed, repeat-cursor, non-utf8, hostile.
    Example: ``500,429,hang_s=2,max_failures=3``.

    Raises:
        ConfigError: an unknown flag, field or value.
    """
    spec = spec.strip()
    if spec in PROFILES:
        return replace(PROFILES[spec], seed=seed)
    types = {f.name: f.type for f in fields(FaultConfig)}
    values: dict[str, object] = {"seed": seed}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, eq, raw = part.partition("=")
        if not eq:
            if name not in _FLAGS:
                raise ConfigError(f"unknown fault {name!r}; known: {', '.join([*_FLAGS, *PROFILES])}")
            key, default = _FLAGS[name]
            values[key] = default
            continue
        key = name.replace("-", "_")
        kind = types.get(key)
        if kind is None:
            raise ConfigError(f"unknown fault setting {name!r}")
        try:
            values[key] = (raw.lower() in ("1", "true", "yes") if kind in (bool, "bool")
                           else int(raw) if kind in (int, "int") else float(raw))
        except ValueError as exc:
            raise ConfigError(f"bad value for {name}: {raw!r}") from exc
    return FaultConfig(**values)  # type: ignore[arg-type]


def _unit(seed: int, salt: str, key: str) -> float:
    digest = hashlib.sha256(f"{seed}:{salt}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


_CURSOR_ARGS = ("cursor", "max_id", "page")


@dataclass
class FaultState:
    """Counts failures per request so each one eventually succeeds; records what was injected."""

    config: FaultConfig
    failures: dict[str, int] = field(default_factory=dict)
    injected: list[tuple[str, str]] = field(default_factory=list)
    repeated: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _note(self, kind: str, key: str) -> None:
        self.injected.append((kind, key))
        if len(self.injected) > 10000:
            del self.injected[:5000]

    def before(self, req: Request) -> Response | None:
        """A failure response for this request, or None to serve it normally."""
        cfg, key = self.config, f"{req.method} {req.target}"
        u = _unit(cfg.seed, "fail", key)
        edge = 0.0
        for kind, rate in (("500", cfg.error_rate), ("timeout", cfg.timeout_rate),
                           ("429", cfg.rate_limit_rate)):
            edge += rate
            if u < edge:
                with self.lock:
                    count = self.failures.get(key, 0)
                    if count >= cfg.max_failures:
                        return None
                    self.failures[key] = count + 1
                    self._note(kind, key)
                if kind == "500":
                    return Response(500, b"<html><body><h1>We're sorry, but something went wrong.</h1></body></html>",
                                    [("Content-Type", "text/html; charset=utf-8")])
                if kind == "timeout":
                    return Response(504, hang=cfg.hang_s)
                resp = error_json(429, "Too many requests")
                resp.headers.append(("Retry-After", str(cfg.retry_after)))
                return resp
        return None

    def slow(self, req: Request) -> float:
        """Seconds to wait before answering this request."""
        if self.config.slow_rate and _unit(self.config.seed, "slow", req.target) < self.config.slow_rate:
            self._note("slow", req.target)
            return self.config.slow_s
        return 0.0

    def after(self, req: Request, resp: Response) -> Response:
        """Corrupt a JSON body, or repeat a paging cursor once per endpoint."""
        cfg, key = self.config, f"{req.method} {req.target}"
        is_json = "json" in resp.header("Content-Type")
        if cfg.malformed_rate and is_json and resp.status == 200 and _unit(cfg.seed, "bad", key) < cfg.malformed_rate:
            with self.lock:
                count = self.failures.get("bad " + key, 0)
                if count < cfg.max_failures:
                    self.failures["bad " + key] = count + 1
                    self._note("malformed", key)
                    return Response(200, resp.body[: max(1, len(resp.body) // 2)], resp.headers)
        if cfg.repeat_cursor and resp.status == 200 and any(req.arg(a) for a in _CURSOR_ARGS):
            return self._repeat(req, resp)
        return resp

    def _repeat(self, req: Request, resp: Response) -> Response:
        endpoint = req.path + "|" + req.arg("collection")
        with self.lock:
            if endpoint in self.repeated:
                return resp
        sent = req.arg("cursor") or req.arg("max_id")
        link = resp.header("Link")
        if link and req.arg("max_id") and "rel=\"next\"" in link:
            new_link = re.sub(r"max_id=[^&>]+", f"max_id={sent}", link, count=1)
            resp.headers = [(k, new_link if k == "Link" else v) for k, v in resp.headers]
        elif "json" in resp.header("Content-Type") and req.arg("cursor"):
            data = json.loads(resp.body)
            if not isinstance(data, dict) or not data.get("cursor"):
                return resp
            data["cursor"] = sent
            resp.body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        else:
            return resp
        with self.lock:
            self.repeated.add(endpoint)
            self._note("repeat-cursor", f"{req.method} {req.target}")
        return resp
