"""Start the sandbox, print the handle specs, serve until Ctrl-C: shared by the CLI and ``-m``."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from types import FrameType

from selfaudit.sandbox.faults import parse_faults
from selfaudit.sandbox.persona import build_persona
from selfaudit.sandbox.server import Sandbox

from selfaudit.errors import ConfigError

__all__ = ["run"]


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run(*, port: int, seed: int, scale: int | None, faults: str, echo: Callable[[str], None]) -> None:
    """Build the persona, bind 127.0.0.1:port, print one handle spec per line, serve until interrupted.

    Raises:
        ConfigError: a bad ``faults`` spec, or the port cannot be bound.
    """
    config = parse_faults(faults, seed=seed)
    persona = build_persona(seed=seed, scale=scale)
    try:
        sandbox = Sandbox(port=port, persona=persona, faults=config)
    except OSError as exc:
        raise ConfigError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}") from exc
    if threading.current_thread() is threading.main_thread():
        # a shell's `cmd &` starts us with SIGINT ignored; Ctrl-C and SIGTERM both mean a clean stop
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, _interrupt)
    for spec in sandbox.handle_specs():
        echo(spec)
    echo(f"# truth: {sandbox.base_url}/_sandbox/truth.json  (Ctrl-C to stop)")
    try:
        sandbox.serve_forever()
    except KeyboardInterrupt:
        echo("# sandbox stopped")
