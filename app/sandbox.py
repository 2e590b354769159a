"""``selfaudit sandbox``: serve the demo persona on 127.0.0.1 until Ctrl-C."""

from __future__ import annotations

import typer

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the ``sandbox`` command to the CLI."""

    @app.command("sandbox")
    def sandbox(
        port: int = typer.Option(0, "--port", help="Port on 127.0.0.1 (0 picks a free one)."),
        seed: int = typer.Option(7, "--seed", help="Seed of the persona and of the fault choices."),
        scale: int | None = typer.Option(None, "--scale", help="Build a persona of N bulk posts (benchmarks)."),
        faults: str = typer.Option(
            "none", "--faults",
            help="Profile (none, flaky, hostile, all) or comma list: 500,timeout,429,slow,malformed,"
                 "repeat-cursor,non-utf8,hostile and field=value (e.g. error_rate=0.2,max_failures=3)."),
    ) -> None:
        """Serve a demo persona on Mastodon, Bluesky, a blog and link-in-bio pages, in their real formats.

        Prints one handle spec per line (give them to `selfaudit crawl`), then serves until Ctrl-C.
        The expected audit is at /_sandbox/truth.json.
        """
        from selfaudit.sandbox.runner import run

        if scale is not None and scale < 0:
            raise typer.BadParameter("--scale must be >= 0")
        run(port=port, seed=seed, scale=scale, faults=faults, echo=lambda line: typer.echo(line))
