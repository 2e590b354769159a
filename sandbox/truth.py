"""The expected audit of the sandbox persona: every item with its concerns, and the account concerns.

``native_id`` follows docs/architecture.md: Mastodon the Status ``uri`` (a boost's
ends in ``/activity``), Bluesky the ``at://`` URI of the persona's own record
(a like's or repost's record; ``subject_uri`` names the post it points at), web
the canonical page URL.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from selfaudit.sandbox import elsewhere
from selfaudit.sandbox.ids import iso_z
from selfaudit.sandbox.persona import Account, Item, Persona
from selfaudit.sandbox.wire import Ctx

if TYPE_CHECKING:
    from selfaudit.sandbox.faults import FaultConfig

__all__ = ["truth", "native_id", "handle_specs", "POST_CONCERNS", "ACCOUNT_CONCERNS"]

POST_CONCERNS = ("partisan-politics", "confidential-info", "security-risk", "privacy-of-others", "un-name-emblem",
                 "workplace-grievance", "offensive-conduct", "unauthorized-statement", "unbefitting-conduct")
ACCOUNT_CONCERNS = ("un-affiliation", "affiliation-with-partisanship", "disclaimer-reliance", "professional-email",
                    "pseudonymous-un-commentary", "institutional-lookalike")
# account concerns of the web presences (blog and link pages), which have no Account row
_WEB_ACCOUNTS = {"/blog/": ("un-affiliation", "affiliation-with-partisanship", "professional-email"),
                 "/links/talia/": (), "/lt/talia": ("un-affiliation", "disclaimer-reliance", "professional-email")}


def _ctx(persona: Persona, base: str) -> Ctx:
    return Ctx(persona=persona, base=base)


def native_id(persona: Persona, item: Item, base: str, ctx: Ctx | None = None) -> str:
    """The id the crawler stores for this item."""
    from selfaudit.sandbox import atproto, mastodon, web

    ctx = ctx or _ctx(persona, base)
    if item.platform == "mastodon":
        return mastodon.status_uri(ctx, item)
    if item.platform == "bluesky":
        return atproto.at_uri(ctx, item)
    return web.page_url(ctx, item)


def _canonical_handle(acc: Account, base: str) -> str:
    host = base.split("://", 1)[1]
    return f"{acc.handle}@{host}" if acc.platform == "mastodon" else acc.handle


def _spec(acc: Account, base: str) -> str:
    return f"mastodon:@{acc.handle}@{base}" if acc.platform == "mastodon" else f"bsky:{acc.handle}@{base}"


def handle_specs(persona: Persona, base: str) -> list[str]:
    """One spec per persona account or site, as the CLI's handle parser accepts them."""
    specs = [_spec(a, base) for a in persona.persona_accounts()]
    return specs + [base + path for path in _WEB_ACCOUNTS]


def _timing(item: Item, persona: Persona) -> str:
    return "pre-appointment" if item.created_at.date() < persona.appointment else "post-appointment"


def _item_row(persona: Persona, item: Item, base: str, ctx: Ctx) -> dict[str, Any]:
    acc = persona.accounts.get(item.account)
    row: dict[str, Any] = {
        "key": item.key, "platform": item.platform,
        "account": _canonical_handle(acc, base) if acc else base + "/blog/",
        "native_id": native_id(persona, item, base, ctx), "kind": item.kind, "created_at": iso_z(item.created_at),
        "lang": item.lang, "timing": _timing(item, persona), "concerns": sorted(item.concerns),
    }
    if item.subject:
        subject = persona.items[item.subject]
        row["subject_uri"] = native_id(persona, subject, base, ctx)
        row["subject_text"] = subject.text
    return row


def _extra_pages(base: str, faults: FaultConfig | None) -> Iterable[dict[str, Any]]:
    from selfaudit.sandbox.linkpages import HOSTILE_PAGES, LEGACY_PAGES

    paths = (HOSTILE_PAGES if faults and faults.hostile else ()) + (LEGACY_PAGES if faults and faults.non_utf8 else ())
    for path in paths:
        yield {"key": path, "platform": "web", "account": base + "/blog/", "native_id": base + path, "kind": "page",
               "created_at": None, "lang": None, "timing": None, "concerns": []}


def truth(persona: Persona, base: str, *, deleted: Iterable[str] = (), faults: FaultConfig | None = None) -> dict[str, Any]:
    """Expected findings for the persona as served at ``base``.

    Args:
        persona: the built persona.
        base: the sandbox base URL (native ids contain it).
        deleted: keys removed by the deletion fault; they are left out.
        faults: when hostile/legacy pages are on, they are listed as clean pages.

    Returns:
        ``{"persona", "accounts", "items", "concern_ids"}``; items are the persona's own, newest first.
    """
    ctx = _ctx(persona, base)
    gone = set(deleted)
    own = {a.key for a in persona.persona_accounts()} | {"web"}
    items = [_item_row(persona, i, base, ctx) for acc in own for i in persona.account_items(acc) if i.key not in gone]
    items.sort(key=lambda r: (r["created_at"], r["native_id"]), reverse=True)
    items.extend(_extra_pages(base, faults))
    items.extend(elsewhere.truth_rows(base))
    accounts = [{"platform": a.platform, "handle": _canonical_handle(a, base), "spec": _spec(a, base),
                 "concerns": sorted(a.concerns)} for a in persona.persona_accounts()]
    accounts += [{"platform": "web", "handle": base + path, "spec": base + path, "concerns": sorted(concerns)}
                 for path, concerns in _WEB_ACCOUNTS.items()]
    found = {c for r in items for c in r["concerns"]} | {c for a in accounts for c in a["concerns"]}
    return {"persona": {"name": "Talia Moreno-Haddad", "appointment": persona.appointment.isoformat(),
                        "seed": persona.seed, "base_url": base},
            "accounts": accounts, "items": items, "concern_ids": sorted(found)}
