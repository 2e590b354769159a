"""The demo persona as plain data: accounts and items, built deterministically from a seed.

Items are platform-neutral (text, time, kind, concerns); the platform modules
render them into wire formats on request, so a 100,000-post persona costs only
these small objects.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from selfaudit.sandbox import bulk, content
from selfaudit.sandbox.ids import plc_did, snowflake, tid

__all__ = ["Account", "Item", "Persona", "build_persona", "DEFAULT_SEED"]

DEFAULT_SEED = 7
_END = datetime(2026, 6, 30, tzinfo=UTC)
_STARTS = {"talia": datetime(2016, 8, 2, tzinfo=UTC), "talia_b": datetime(2023, 4, 12, tzinfo=UTC),
           "quiet": datetime(2023, 9, 2, tzinfo=UTC), "unhub": datetime(2022, 2, 11, tzinfo=UTC),
           "web": datetime(2012, 1, 5, tzinfo=UTC)}


@dataclass(slots=True)
class Account:
    """One account on one platform; ``persona`` marks the audited person's own accounts."""

    key: str
    platform: str
    handle: str
    name: str
    note: str
    created_at: datetime
    persona: bool = False
    fields: list[tuple[str, str]] = field(default_factory=list)
    website: str = ""
    avatar_alt: str = ""
    concerns: tuple[str, ...] = ()
    did: str = ""
    did_web: bool = False
    seq: int = 0


@dataclass(slots=True)
class Item:
    """One post, reply, repost, like or page; ``rid`` is its platform-local id (snowflake, TID, slug)."""

    key: str
    account: str
    platform: str
    kind: str
    created_at: datetime
    lang: str
    text: str
    concerns: tuple[str, ...] = ()
    rid: str = ""
    title: str = ""
    alt: str = ""
    cw: str = ""
    poll: tuple[str, ...] = ()
    edited_at: datetime | None = None
    previous_text: str = ""
    pinned: bool = False
    reply_to: str = ""
    subject: str = ""
    card: str = ""


@dataclass(slots=True)
class Persona:
    """Everything the sandbox serves, plus the appointment date the truth is judged against."""

    seed: int
    appointment: date
    accounts: dict[str, Account]
    items: dict[str, Item]
    by_account: dict[str, list[Item]]
    deletable: tuple[str, ...]

    def account_items(self, account: str) -> list[Item]:
        """Items of one account, newest first."""
        return self.by_account.get(account, [])

    def persona_accounts(self) -> list[Account]:
        """The audited person's own accounts, in a stable order."""
        return [a for a in self.accounts.values() if a.persona]


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _rand_time(rng: random.Random, start: datetime, end: datetime = _END) -> datetime:
    span = int((end - start).total_seconds())
    return start + timedelta(seconds=rng.randrange(span), milliseconds=rng.randrange(1000))


def _platform(account: str, accounts: dict[str, Account]) -> str:
    return "web" if account == "web" else accounts[account].platform


def _accounts() -> dict[str, Account]:
    out: dict[str, Account] = {}
    for n, (key, spec) in enumerate(content.ACCOUNTS.items()):
        acc = Account(key=key, platform=spec["platform"], handle=spec["handle"], name=spec["name"],
                      note=spec["note"], created_at=_when(spec["created"]), persona=spec.get("persona", False),
                      fields=list(spec.get("fields", [])), website=spec.get("website", ""),
                      avatar_alt=spec.get("avatar_alt", ""), concerns=tuple(spec.get("concerns", ())),
                      did_web=spec.get("did_web", False), seq=n + 1)
        if acc.platform == "bluesky" and not acc.did_web:
            acc.did = plc_did(acc.handle)
        out[key] = acc
    return out


class _Builder:
    def __init__(self, seed: int, accounts: dict[str, Account]) -> None:
        self.rng = random.Random(seed)
        self.accounts = accounts
        self.items: dict[str, Item] = {}
        self.seq = 0

    def add(self, item: Item) -> Item:
        self.seq += 1
        if item.platform == "mastodon":
            item.rid = snowflake(item.created_at, self.seq)
        elif item.platform == "bluesky":
            item.rid = tid(item.created_at, self.seq)
        else:
            item.rid = f"{item.created_at:%Y/%m}/{item.key}"
        self.items[item.key] = item
        return item

    def from_row(self, row: content.Row) -> Item:
        key, account, kind, when, lang, text, concerns, extra = row
        item = Item(key=key, account=account, platform=_platform(account, self.accounts), kind=kind,
                    created_at=_when(when), lang=lang, text=text, concerns=tuple(concerns),
                    title=extra.get("title", ""), alt=extra.get("alt", ""), cw=extra.get("cw", ""),
                    poll=tuple(extra.get("poll", ())), pinned=extra.get("pinned", False),
                    reply_to=extra.get("reply_to", ""), subject=extra.get("subject", ""),
                    card=extra.get("card", ""), previous_text=extra.get("before", ""))
        if "edited" in extra:
            item.edited_at = _when(extra["edited"])
        return self.add(item)

    def bulk(self, account: str, count: int, others: list[str]) -> None:
        """Clean posts of one account: originals, self-thread and other replies, reposts, likes."""
        rng, platform = self.rng, _platform(account, self.accounts)
        originals: list[Item] = []
        for n in range(count):
            key, roll = f"b-{account}-{n}", rng.random()
            when = _rand_time(rng, _STARTS[account])
            if platform == "web":
                title, body = bulk.blog_post(rng)
                self.add(Item(key=key, account=account, platform=platform, kind="page", created_at=when,
                              lang="en", text=body, title=title))
                continue
            if others and roll < 0.10 + (0.2 if platform == "bluesky" else 0.0):
                lang, text = bulk.other_text(rng)
                other = self.add(Item(key=f"x-{key}", account=rng.choice(others), platform=platform,
                                      kind="original", created_at=when - timedelta(hours=rng.randrange(1, 72)),
                                      lang=lang, text=text))
                kind = "like" if platform == "bluesky" and roll < 0.2 else "repost"
                self.add(Item(key=key, account=account, platform=platform, kind=kind, created_at=when,
                              lang=other.lang, text="", subject=other.key))
                continue
            lang, text = bulk.clean_text(rng)
            item = Item(key=key, account=account, platform=platform, kind="original", created_at=when,
                        lang=lang, text=text)
            if originals and roll > 0.88:
                parent = rng.choice(originals)
                item.kind, item.reply_to = "reply", parent.key
                item.created_at = parent.created_at + timedelta(minutes=rng.randrange(2, 300))
            elif roll > 0.84 and platform == "mastodon":
                item.alt = "A photo: " + text[:60]
            self.add(item)
            if item.kind == "original":
                originals.append(item)


def build_persona(*, seed: int = DEFAULT_SEED, scale: int | None = None) -> Persona:
    """Build the demo persona.

    Args:
        seed: fixes every random choice; the same seed gives the same persona.
        scale: number of bulk clean posts (None: the ~600-item demo).

    Returns:
        The persona with its items indexed by key and by account (newest first).
    """
    accounts = _accounts()
    b = _Builder(seed, accounts)
    for row in content.OTHER_POSTS + content.SLIPS + content.NEGATIVES + content.PAGES:
        b.from_row(row)
    total = 540 if scale is None else max(scale, 0)
    shares = [("talia", 0.47, ["marco", "civic_m"]), ("talia_b", 0.43, ["news_b", "jonas_b"]),
              ("web", 0.07, []), ("quiet", 0.015, []), ("unhub", 0.015, [])]
    for account, share, others in shares:
        b.bulk(account, max(1, int(total * share)), others)
    by_account: dict[str, list[Item]] = {}
    for item in b.items.values():
        by_account.setdefault(item.account, []).append(item)
    for lst in by_account.values():
        lst.sort(key=lambda i: (i.created_at, i.rid), reverse=True)
    deletable = tuple(lst[len(lst) // 2].key for acc in ("talia", "talia_b", "web")
                      if (lst := [i for i in by_account[acc] if i.key.startswith("b-") and i.kind in
                                  ("original", "page")]))
    return Persona(seed=seed, appointment=date.fromisoformat(content.APPOINTMENT), accounts=accounts,
                   items=b.items, by_account=by_account, deletable=deletable)

