"""``selfaudit verify``: did the clean-up happen, and where do copies remain?

The application layer picks the findings to re-check (those decided delete,
edit or unlike), plans what to ask about each post (pure functions of the
crawler's parsers) and runs the crawler's ``verify`` spider, which asks with the
crawl's politeness and records the answers in the store; the report only reads them.
No ``from __future__ import annotations``: typer evaluates the annotations of the
command defined inside ``register``.
"""

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer
from selfaudit.app.options import ConfigOption, DataOption, FastOption

from selfaudit.config import Settings
from selfaudit.store import Store, current_decision

__all__ = ["ACTIONS_TO_VERIFY", "findings_to_verify", "plan_posts", "register", "verify_fields", "verify_store"]

ACTIONS_TO_VERIFY = frozenset({"delete", "edit", "unlike"})
"""Decisions whose outcome can be seen online."""


def findings_to_verify(store: Store) -> list[dict[str, Any]]:
    """The post findings whose post ``verify`` re-checks: those whose current decision is delete, edit or unlike."""
    decisions = store.decisions()
    return [f for f in store.findings() if f["post_id"] is not None
            and (current_decision(f, decisions) or {}).get("action") in ACTIONS_TO_VERIFY]


def plan_posts(store: Store, findings: Iterable[dict[str, Any]], *, settings: Settings,
               recheck_gone: bool = False) -> list[Any]:
    """One plan per post of ``findings``; a post already found gone is not asked again unless ``recheck_gone``.

    A gone post's copies are still looked up, they are what remains after a deletion, except
    its boosts: Mastodon answers 404 for a deleted status's ``reblogged_by``, so the boosters
    found while it was online are what the store keeps.
    """
    from selfaudit.crawler.parsers.verify import plan_for

    wanted = {int(f["post_id"]) for f in findings}
    state = store.verify_state()
    plans = []
    for post in store.flagged_posts():
        if int(post["id"]) not in wanted:
            continue
        plan = plan_for(post, wayback_url=settings.verify.wayback_url, bluesky_service=settings.bluesky.appview_url)
        if not recheck_gone and (state.get(int(post["id"])) or {}).get("online") is False:
            plan = replace(plan, target=None, lookups=tuple(lk for lk in plan.lookups if lk.source != "boosts"))
        plans.append(plan)
    return plans


def verify_store(settings: Settings, *, recheck_gone: bool = False, fast: bool | None = None) -> Any:
    """Re-check the chosen findings' posts and look up their copies (see ``crawler.verify.run_verify``)."""
    from selfaudit.crawler.verify import run_verify

    with Store.open(settings.db_path) as store:
        plans = plan_posts(store, findings_to_verify(store), settings=settings, recheck_gone=recheck_gone)
    return run_verify(settings, plans, fast=fast)


def verify_fields(state: dict[int, dict[str, Any]], post_id: int | None) -> dict[str, Any]:
    """``online`` (True/False/None when never settled) and ``copies`` [{where, url}] of one finding's post."""
    entry = state.get(int(post_id)) if post_id is not None else None
    if not entry:
        return {"online": None, "copies": []}
    return {"online": entry["online"], "copies": [{"where": c["where"], "url": c["url"]} for c in entry["copies"]]}


def register(app: typer.Typer) -> None:
    """Add ``verify`` to the CLI."""
    @app.command()
    def verify(
        timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for each answer; a timeout never "
                                               "counts as gone.", min=1.0, max=120.0)] = 10.0,
        recheck: Annotated[bool, typer.Option("--recheck-gone", help="Also re-check posts already found gone.")] = False,
        fast: FastOption = False,
        config: ConfigOption = None,
        data: DataOption = None,
    ) -> None:
        """Re-check the posts you decided to delete, edit or unlike, and look for copies that remain.

        A post is gone only when its server says so (404/410, RecordNotFound); a
        5xx, a 429 or a timeout leaves it unknown. Copies are looked up in the web
        archive ([verify] wayback_url), in Mastodon boosts and in Bluesky quotes.
        """
        from selfaudit.app.runtime import console

        settings = load_verify_settings(config, data, timeout=timeout)
        with Store.open(settings.db_path) as store:
            decided = len(findings_to_verify(store))
        if not decided:
            console.print("Nothing to verify yet: no finding is decided delete, edit or unlike. Record your decisions "
                          "with `selfaudit review` (or `selfaudit decide`), act on the platforms, then run this again.")
            return
        outcome = verify_store(settings, recheck_gone=recheck, fast=True if fast else None)
        console.print(f"Checked {outcome.checked} posts: {outcome.gone} gone, {outcome.present} still online "
                      f"({outcome.edited} edited), {outcome.unknown} unknown, {outcome.skipped} not checked online; "
                      f"{outcome.copies} copies found, {outcome.unchecked} look-ups could not check.",
                      highlight=False, markup=False)
        for line in outcome.details[:10]:
            console.print(f"  {line}", highlight=False, markup=False)
        console.print(f"verify run {outcome.run_id}: {outcome.status}. Run `selfaudit report` to see your progress.",
                      highlight=False, markup=False)
        if outcome.status == "failed":
            raise typer.Exit(1)


def load_verify_settings(config: Path | None, data: Path | None, *, timeout: float) -> Settings:
    """The settings with ``--timeout`` as the per-request timeout."""
    from selfaudit.app.runtime import load

    settings = load(config, data)
    return replace(settings, crawl=replace(settings.crawl, timeout=timeout))
