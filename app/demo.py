"""``selfaudit demo``: the whole product against the local sandbox, with the invented persona.

It runs the real audit (:func:`selfaudit.app.audit.run_audit`) on the sandbox's
accounts and archives, then checks the result against the sandbox's truth, so a
newcomer sees the whole product work (and a regression shows) in one command.
Only this module (with the ``sandbox`` command, the tests and the benchmarks)
uses the sandbox.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Annotated, Any

import typer
from selfaudit.app.audit import run_audit
from selfaudit.app.options import DemoDataOption, DemoHtmlOption, DemoPasswordOption
from selfaudit.app.runtime import Echo, console, plain_echo

from selfaudit.config import BlueskyConfig, CrawlConfig, PersonConfig, Settings, VerifyConfig
from selfaudit.handles import parse_handle
from selfaudit.store import Store

__all__ = ["DEMO_DELETES", "check_against_truth", "demo", "demo_cleanup", "register"]


def check_against_truth(store: Store, truth: dict[str, Any]) -> dict[str, Any]:
    """Compare the store with the sandbox's truth: what was gathered, what was flagged.

    Returns:
        ``gathered``/``expected`` items, ``missing`` native ids, post ``caught``/``flagged_items``
        (items whose expected concerns got at least one right finding), ``false_flags`` among
        clean items, and per-account ``account_hits``/``account_expected``.
    """
    posts = {(p["platform"], p["native_id"]): p for p in store.iter_posts()}
    findings = store.findings()
    by_post: dict[tuple[str, str], set[str]] = {}
    for f in findings:
        if f["post_id"] is not None:
            by_post.setdefault((f["platform"], f["native_id"]), set()).add(f["concern"])
    items = truth["items"]
    missing = [i["native_id"] for i in items if (i["platform"], i["native_id"]) not in posts]
    flagged = [i for i in items if i["concerns"]]
    caught = [i for i in flagged if set(i["concerns"]) & by_post.get((i["platform"], i["native_id"]), set())]
    clean = [i for i in items if not i["concerns"] and (i["platform"], i["native_id"]) in posts]
    false_flags = [i for i in clean if by_post.get((i["platform"], i["native_id"]))]
    account_found = {(f["platform"], f["account"], f["concern"]) for f in findings if f["account_id"] is not None}
    expected_accounts = [(a["platform"], a["handle"], c) for a in truth["accounts"] for c in a["concerns"]]
    hits = [e for e in expected_accounts if e in account_found]
    return {"expected": len(items), "gathered": len(items) - len(missing), "missing": missing,
            "flagged_items": len(flagged), "caught": len(caught), "clean_items": len(clean),
            "false_flags": len(false_flags), "account_expected": len(expected_accounts), "account_hits": len(hits)}


DEMO_DELETES = 3
"""How many flagged posts the demo persona deletes before ``verify`` (some with web-archive captures)."""


def demo_cleanup(sandbox: Any, store: Store, settings: Settings, *, echo: Echo) -> list[str]:
    """The persona's clean-up: decide, delete a few flagged posts that the web archive has captured, verify.

    Three posts with captures are decided ``delete`` and deleted from the sandbox; one
    boosted post is decided ``edit`` but left as it is, so the report shows a post
    still online with the copies its boosts keep.

    Returns:
        The native ids of the posts deleted.
    """
    from selfaudit.app.verify import verify_store
    from selfaudit.sandbox.copies import boosters, has_captures

    keys = {row["native_id"]: row["key"] for row in sandbox.truth()["items"]}
    flagged = [p for p in store.flagged_posts() if p["native_id"] in keys and p["kind"] in ("original", "page")]
    item = {p["native_id"]: sandbox.persona.items[keys[p["native_id"]]] for p in flagged}
    captured = [p for p in flagged if has_captures(sandbox.ctx, item[p["native_id"]])]
    chosen: list[str] = []
    for platform in ("mastodon", "bluesky", "web"):  # one of each where the archive holds a copy
        chosen += [p["native_id"] for p in captured if p["platform"] == platform][:1]
    chosen = chosen[:DEMO_DELETES]
    boosted = [p["native_id"] for p in flagged if boosters(sandbox.ctx, item[p["native_id"]]) and p["native_id"] not in chosen]
    plan = {**{native: "delete" for native in chosen}, **{native: "edit" for native in boosted[:1]}}
    for finding in store.findings():
        if finding["native_id"] in plan:
            store.add_decision(finding, plan[finding["native_id"]], note="demo persona")
    for native in chosen:
        sandbox.delete_post(native)
    echo(f"the persona decided on {len(plan)} flagged posts and deleted {len(chosen)}; "
         "verifying what is gone and which copies remain...")
    outcome = verify_store(settings, fast=True)
    echo(f"  {outcome.gone} gone, {outcome.present} still online, {outcome.unknown} unknown; "
         f"{outcome.copies} copies found")
    return chosen


def demo(
    data: DemoDataOption = None,
    html: DemoHtmlOption = None,
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Also write the PDF (needs Chromium).")] = True,
    password: DemoPasswordOption = None,
    faults: Annotated[str, typer.Option("--faults", help="Sandbox faults to switch on (none, flaky, hostile, all...).")] = "none",
) -> None:
    """Audit the invented demo persona against the local sandbox; no configuration needed."""
    from selfaudit.sandbox import Sandbox, build_persona, parse_faults
    from selfaudit.sandbox.archives import CLOSED_SPECS, write_x_archive

    from selfaudit.config import default_data_dir

    folder = (data or default_data_dir() / "demo").expanduser()
    for stale in folder.glob("selfaudit.db*"):  # the sandbox's port is new each run, and so are its ids
        stale.unlink()
    html_path = html or folder / "selfaudit-demo-report.html"
    persona = build_persona()
    with Sandbox(port=0, persona=persona, faults=parse_faults(faults, seed=persona.seed)) as sandbox:
        truth = sandbox.truth()
        base = sandbox.base_url
        console.print(f"sandbox at {base} ({len(truth['items'])} items of {truth['persona']['name']})")
        settings = Settings(
            person=PersonConfig(name=truth["persona"]["name"], appointment_date=dt.date.fromisoformat(truth["persona"]["appointment"])),
            accounts=tuple(parse_handle(spec) for spec in (*sandbox.handle_specs(), *CLOSED_SPECS)),
            archives=(write_x_archive(folder / "archives"),),  # the Instagram archive is left missing
            data_dir=folder,
            crawl=replace(CrawlConfig(), fast=True),
            bluesky=BlueskyConfig(plc_url=f"{base}/plc", appview_url=base),
            verify=VerifyConfig(wayback_url=base),
        )
        summary = run_audit(settings, echo=plain_echo(), fast=True, html=html_path,
                            before_report=lambda store: demo_cleanup(sandbox, store, settings, echo=plain_echo()),
                            pdf=html_path.with_suffix(".pdf") if pdf else None, password=password)
        with Store.open(settings.db_path, readonly=True) as store:
            check = check_against_truth(store, truth)
    console.print(
        f"check against the persona's truth: gathered {check['gathered']}/{check['expected']} items; "
        f"caught {check['caught']}/{check['flagged_items']} risky items; "
        f"{check['false_flags']}/{check['clean_items']} clean items flagged; "
        f"account concerns {check['account_hits']}/{check['account_expected']}"
    )
    console.print(f"Report: {summary.html}" + (f"\nPDF: {summary.pdf}" if summary.pdf else ""))


def register(app: typer.Typer) -> None:
    """Add ``demo`` to the CLI."""
    app.command()(demo)
