"""``selfaudit decide``: record what you decided about a finding, in the store.

The same :func:`decide` serves the command line and the review page, so a
decision made either way is checked by the same rules: a known finding id, one
of the six actions, and a reason for ``keep``.
"""

import re
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Annotated, Any

import typer

from selfaudit.errors import DecisionError
from selfaudit.store import ACTIONS, Store, finding_uid

__all__ = ["Action", "MAX_NOTE", "decide", "register"]

MAX_NOTE = 2000
"""The longest note kept with a decision (characters)."""
_ID = re.compile(r"f[0-9a-f]{12}")

Action = StrEnum("Action", {a: a for a in ACTIONS})  # type: ignore[misc]
"""The six actions as a choice for typer."""


def _check(action: str, note: str | None) -> str | None:
    if action not in ACTIONS:
        raise DecisionError(f"unknown action {action!r}; use one of {', '.join(ACTIONS)}")
    note = (note or "").strip() or None
    if action == "keep" and not note:
        raise DecisionError("keep needs a reason: add --note 'why the post is fine'")
    if note and len(note) > MAX_NOTE:
        raise DecisionError(f"the note is {len(note)} characters long; keep it under {MAX_NOTE}")
    return note


def decide(store: Store, finding_ids: str | Iterable[str], action: str, *, note: str | None = None) -> list[dict[str, Any]]:
    """Record ``action`` on each finding, in one transaction, and return the decisions.

    Args:
        store: a writable store.
        finding_ids: one id or several, as ``selfaudit export findings`` lists them.
        action: delete, edit, restrict, unlike, keep or dismiss.
        note: why; required for ``keep``.

    Raises:
        DecisionError: an unknown id or action, or ``keep`` without a reason.
    """
    ids = [finding_ids] if isinstance(finding_ids, str) else list(finding_ids)
    note = _check(action, note)
    if not ids:
        raise DecisionError("no finding id given")
    by_id: dict[str, Mapping[str, Any]] = {}
    for f in store.findings():
        by_id.setdefault(finding_uid(f), f)
    for fid in ids:
        if not isinstance(fid, str) or not _ID.fullmatch(fid):
            raise DecisionError(f"{str(fid)[:40]!r} is not a finding id (like f0123456789ab); "
                                "`selfaudit export findings` lists them")
        if fid not in by_id:
            raise DecisionError(f"no finding {fid}; `selfaudit export findings` lists the current ones")
    with store.transaction():
        return [store.add_decision(by_id[fid], action, note=note) for fid in ids]


def register(app: typer.Typer) -> None:
    """Add ``decide`` to the selfaudit app."""
    from selfaudit.app.cli import ConfigOption, DataOption

    @app.command("decide")
    def decide_command(
        finding_id: Annotated[str, typer.Argument(help="The finding's id, as `selfaudit export findings` lists it.")],
        action: Annotated[Action, typer.Argument(help="delete, edit, restrict (the audience), unlike (or un-repost), "
                                                      "keep (it is fine; give --note) or dismiss (the flag is wrong).")],
        note: Annotated[str | None, typer.Option("--note", help="Why; required for keep.", show_default=False)] = None,
        config: ConfigOption = None,
        data: DataOption = None,
    ) -> None:
        """Record what you decided about one finding; the latest decision wins, earlier ones stay as history."""
        from selfaudit.app.cli import console, load, open_store

        settings = load(config, data)
        with open_store(settings) as store:
            [made] = decide(store, finding_id, str(action), note=note)
        console.print(f"Recorded {made['action']} for {made['finding_id']} ({made['concern']}).", highlight=False,
                      markup=False)
