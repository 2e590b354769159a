"""``selfaudit crawl``: gather the public history of the configured accounts."""

from __future__ import annotations

from typing import Annotated

import typer
from selfaudit.app.options import ConfigOption, DataOption, FastOption

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add ``crawl`` to the CLI."""

    @app.command()
    def crawl(
        handles: Annotated[list[str] | None, typer.Argument(
            help="Accounts to crawl instead of the configured ones (e.g. @me@mastodon.social, bsky:me.example).",
            show_default=False)] = None,
        fast: FastOption = False,
        full: Annotated[bool, typer.Option("--full", help="Re-read everything and mark posts that disappeared as gone.")] = False,
        config: ConfigOption = None,
        data: DataOption = None,
    ) -> None:
        """Crawl your own accounts (and their bio links) into the private store.

        Each account ends with a status line; a crawl that is interrupted
        continues where it stopped next time.
        """
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
        from selfaudit.app.runtime import console, load, open_store, say_closed
        from selfaudit.crawler.runner import run_crawl

        from selfaudit.platforms import imported_accounts, split_closed, waiting_for_archive
        from selfaudit.terminal import styled

        settings = load(config, data).with_accounts(handles or [])
        crawlable, closed = split_closed(settings.accounts)
        if closed:
            imported: set[tuple[str, str]] = set()
            if settings.db_path.exists():
                with open_store(settings, readonly=True) as store:
                    imported = imported_accounts(store)
            say_closed(closed, waiting=waiting_for_archive(closed, imported))
            if not crawlable:
                console.print("Nothing to crawl: every account named is on a closed platform (see above).")
                return
        with Progress(TextColumn("{task.description}", markup=False), BarColumn(), TextColumn("{task.completed} items"),
                      TimeElapsedColumn(), console=console, transient=True,
                      disable=not console.is_terminal) as bar:
            tasks: dict[str, int] = {}

            def progress(account: str, items: int) -> None:
                if account not in tasks:
                    tasks[account] = bar.add_task(account, total=None)
                bar.update(tasks[account], completed=items)

            outcome = run_crawl(settings, fast=True if fast else None, full=full, progress=progress)
        for account in outcome.accounts:
            style = "green" if account.status == "ok" else "red"
            console.print(styled((f"{account.status:>5}", style), f" {account.line()}"))
        for site in outcome.linked:
            console.print(f" link {site.platform}:{site.handle}: {site.items} items read as context of a bio link"
                          + (f", {len(site.errors)} error(s)" if site.errors else ""))
        console.print(f"crawl run {outcome.run_id}: {outcome.status}")
        if outcome.status == "failed":
            raise typer.Exit(1)
