"""``selfaudit import PATH``: load an official data-export archive into the store.

No ``from __future__ import annotations`` here: typer must see real annotation
objects for the command defined inside :func:`register`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from selfaudit.app.options import ConfigOption, DataOption

__all__ = ["register"]

_PLATFORM_HELP = ("Which platform the export is from (x, facebook, instagram, threads, linkedin, mastodon, "
                  "bluesky); detected when left out.")
_PATH_HELP = "The export as downloaded (.zip, .tar.gz, .car) or the folder it was unpacked into."


def register(app: typer.Typer) -> None:
    """Add ``selfaudit import`` to the app."""

    @app.command("import")
    def import_command(
        path: Annotated[Path, typer.Argument(help=_PATH_HELP, show_default=False)],
        platform: Annotated[str | None, typer.Option("--platform", help=_PLATFORM_HELP, show_default=False)] = None,
        config: ConfigOption = None,
        data: DataOption = None,
    ) -> None:
        """Import your downloaded archive from X, Facebook, Instagram, Threads, LinkedIn, Mastodon or Bluesky."""
        run_import(path, platform=platform, config=config, data=data)


@contextmanager
def _discard_new_store_on_error(db_path: Path) -> Iterator[None]:
    """A store this import created is removed again when the import fails, so no empty store is left.

    The import writes in one transaction, so a failed import wrote nothing;
    a store that existed before (even an empty file) is never touched.
    """
    new_folder = not db_path.parent.exists()
    new_store = not db_path.exists()
    try:
        yield
    except BaseException:
        if new_store:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
            if new_folder and db_path.parent.is_dir() and not any(db_path.parent.iterdir()):
                db_path.parent.rmdir()
        raise


def run_import(path: Path, *, platform: str | None, config: Path | None, data: Path | None) -> None:
    """Open the store, import with a progress bar, print one line per account."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from selfaudit.app.runtime import console, load, open_store
    from selfaudit.crawler.importers.core import import_archive

    from selfaudit.terminal import styled

    settings = load(config, data)
    with _discard_new_store_on_error(settings.db_path), open_store(settings) as store, Progress(
        TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True, disable=not console.is_terminal,
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        result = import_archive(path, store=store, platform=platform, progress=progress, named=settings.accounts)
    for acc in result.accounts:
        console.print(f"{acc.platform} {acc.account}: {acc.posts} items read, {acc.inserted} new, "
                      f"{acc.updated} changed, {acc.unchanged} already known"
                      f"{'; profile recorded' if acc.profile else ''}", highlight=False)
        for note in acc.notes:
            console.print(f"  note: {note}", highlight=False)
    for warning in result.warnings:
        console.print(styled(("warning:", "yellow"), " ", warning), highlight=False)
    if result.media or result.media_notes:
        console.print(f"{result.media} pictures kept privately in the data folder.", highlight=False)
    for note in result.media_notes[:20]:
        console.print(f"  note: {note}", highlight=False)
    console.print(f"Imported {path} as {result.platform} (run {result.run_id}).", highlight=False)
