"""CLI commands of the analysis stage: ``analyze``, ``check`` and ``classify``.

Heavy imports (numpy, models) happen inside the commands so ``selfaudit --help``
stays fast. No ``from __future__ import annotations`` here: typer evaluates the
annotations of the commands defined inside ``register``.
"""

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from selfaudit.app.options import AppointmentOption, ConfigOption, DataOption, EmbedderOption, PackOption
from selfaudit.app.runtime import load

from selfaudit.errors import AnalysisError

if TYPE_CHECKING:
    from selfaudit.config import Settings

__all__ = ["register"]


def _settings(config: Path | None, data: Path | None, appointment_date: str | None) -> "Settings":
    return load(config, data, appointment_date=appointment_date)


def register(app: typer.Typer) -> None:
    """Add ``analyze``, ``check`` and ``classify`` to the app."""

    @app.command()
    def analyze(
        all_posts: Annotated[bool, typer.Option("--all", help="Re-judge every post, not only new or changed ones.")] = False,
        appointment_date: AppointmentOption = None,
        pack: PackOption = None,
        embedder: EmbedderOption = None,
        config: ConfigOption = None,
        data: DataOption = None,
    ) -> None:
        """Judge the stored posts and accounts against the policy pack and save the findings."""
        from rich.progress import Progress
        from selfaudit.analysis.embedders import make_embedder
        from selfaudit.analysis.pack import load_pack
        from selfaudit.analysis.pipeline import analyze as run_analysis
        from selfaudit.app.runtime import console, open_store

        settings = _settings(config, data, appointment_date)
        if not settings.db_path.exists():
            raise AnalysisError(f"no store at {settings.db_path}; run `selfaudit crawl` or `selfaudit import` first")
        the_pack = load_pack(pack or settings.analysis.pack)
        model = make_embedder(embedder or settings.analysis.embedder)
        with open_store(settings) as store, Progress(console=console, transient=True, disable=not console.is_terminal) as bar:
            task = bar.add_task("Judging posts", total=None)
            result = run_analysis(
                store,
                appointment_date=settings.person.appointment_date,
                pack=the_pack,
                embedder=model,
                all_posts=all_posts,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        console.print(
            f"Judged {result.judged} posts ({result.skipped} unchanged, skipped): "
            f"{result.post_findings} post findings, {result.account_findings} account findings "
            f"in {result.seconds:.1f} s ({result.embedded} embedded, {result.cached} from cache)."
        )
        if result.pictures or result.media_findings:
            console.print(f"Read {result.pictures} new pictures: {result.media_findings} findings from pictures and places.")
        if settings.person.appointment_date is None:
            console.print("No appointment date set: timing is unknown. Use --appointment-date or [person] in the config.")

    @app.command()
    def check(
        text: Annotated[str, typer.Argument(help="The draft text to judge before you post it.")],
        kind: Annotated[str, typer.Option(help="original, reply, repost, quote or like.")] = "original",
        pack: PackOption = None,
        embedder: EmbedderOption = None,
        config: ConfigOption = None,
    ) -> None:
        """Judge one draft text; exit code 0 when clean, 1 when concerns are found."""
        from selfaudit.analysis.classify import classify_post_lines
        from selfaudit.analysis.inputs import check_draft
        from selfaudit.app.runtime import console

        from selfaudit.terminal import styled

        check_draft(text)
        settings = _settings(config, None, None)
        from selfaudit.analysis.judge import build_judge

        judge = build_judge(pack or settings.analysis.pack, embedder or settings.analysis.embedder)
        today = dt.date.today().isoformat()
        [result] = classify_post_lines([{"id": "draft", "text": text, "kind": kind, "created_at": today}], judge,
                                       appointment_date=settings.person.appointment_date)
        if not result["concerns"]:
            console.print("No concerns found.")
            return
        for c in result["concerns"]:
            concern = judge.pack.concern(c["id"])
            console.print(styled((c["id"], "bold"), f" ({c['severity']}, score {c['score']:.2f}): {c['reason']}"))
            console.print(f"  advice: {concern.advice}", highlight=False, markup=False)
        raise typer.Exit(1)

    @app.command()
    def classify(
        input_path: Annotated[Path, typer.Option("--input", help="JSON Lines with id and text (or profile lines with --profiles).")],
        output: Annotated[Path, typer.Option("--output", help="Where to write one JSON line per input line.")],
        profiles: Annotated[bool, typer.Option("--profiles", help="Input lines are profiles; list account concerns.")] = False,
        appointment_date: AppointmentOption = None,
        pack: PackOption = None,
        embedder: EmbedderOption = None,
        config: ConfigOption = None,
    ) -> None:
        """Classify posts (or profiles) from a JSONL file, offline; only flagged concerns are listed."""
        from selfaudit.analysis.classify import classify_post_lines, classify_profile_lines
        from selfaudit.analysis.inputs import read_jsonl
        from selfaudit.app.runtime import err_console

        from selfaudit.files import private_open

        settings = _settings(config, None, appointment_date)
        records = read_jsonl(input_path, profiles=profiles)
        from selfaudit.analysis.judge import build_judge

        judge = build_judge(pack or settings.analysis.pack, embedder or settings.analysis.embedder)
        rows = (classify_profile_lines(records, judge) if profiles
                else classify_post_lines(records, judge, appointment_date=settings.person.appointment_date))
        flagged = 0
        with private_open(output) as fh:
            for row in rows:
                flagged += bool(row["concerns"])
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        err_console.print(f"Wrote {len(records)} lines to {output}; {flagged} with concerns.")
