"""One e-mail rule (selfaudit.values) for the crawl, the archive importers and the account rules (#11).

Before, the three routes had their own regexes and disagreed: the crawler could
not see ``josé.pérez@un.org``, and the account rules took the fediverse handle
``@news@social.un.org`` for a UN work address while the crawler did not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from selfaudit.analysis.accounts import AccountView, judge_account, un_email
from selfaudit.crawler.importers import instagram, linkedin
from selfaudit.crawler.parsers import mastodon
from selfaudit.crawler.parsers.common import find_email

from selfaudit.values import find_emails, is_email, is_un_host, un_work_emails

EXAMPLES = ("josé.pérez@un.org", "news@social.un.org")
HANDLE = "@news@social.un.org"


@pytest.mark.parametrize("address", EXAMPLES)
def test_the_shared_rule(address: str) -> None:
    assert find_emails(f"Write to {address}.") == [address]
    assert is_email(address) and un_work_emails(f"mail: {address}") == [address]
    assert find_emails(f"follow {HANDLE}") == [] and not is_email(HANDLE)
    assert is_un_host("social.un.org") and not is_un_host("un.org.example.com") and not is_un_host("notun.org")
    assert is_un_host("intranet.acme.example", ["acme.example"])


@pytest.mark.parametrize("address", EXAMPLES)
def test_the_crawl_route(address: str) -> None:
    assert find_email(f"Contact: {address}") == address
    assert find_email(f"follow {HANDLE}") is None
    account = {"id": "1", "acct": "a", "username": "a", "display_name": "A", "note": f"<p>{HANDLE}</p>",
               "fields": [{"name": "Mail", "value": address}], "created_at": "2024-01-01T00:00:00Z"}
    assert mastodon.parse_account(account, account="a@h").email == address


@pytest.mark.parametrize("address", EXAMPLES)
def test_the_archive_route(address: str) -> None:
    rows = [{"Email Address": "me@home.example", "Primary": "No"}, {"Email Address": address, "Primary": "Yes"},
            {"Email Address": HANDLE, "Primary": "No"}]
    assert linkedin.parse_emails(rows) == [address, "me@home.example"]
    info = {"profile_user": [{"string_map_data": {"Fediverse": {"value": HANDLE}, "Email": {"value": address}}}]}
    assert instagram.parse_profile(info)["email"] == address


@pytest.mark.parametrize("address", EXAMPLES)
def test_the_account_rules(address: str) -> None:
    assert un_email(f"Reach me at {address}") == [address]
    assert un_email(f"Follow {HANDLE} for news") == []
    view = AccountView(platform="mastodon", handle="@pia", display_name="Pia", bio="Recipes", email=address)
    assert "professional-email" in {f.concern for f in judge_account(view)}
    handle_only = AccountView(platform="mastodon", handle="@pia", display_name="Pia", bio=f"Recipes. Boosts {HANDLE}")
    assert "professional-email" not in {f.concern for f in judge_account(handle_only)}


def test_no_other_module_spells_an_e_mail_pattern() -> None:
    root = Path(__file__).resolve().parents[2]
    for rel in ("analysis/accounts.py", "crawler/parsers/common.py", "crawler/importers/records.py"):
        text = (root / rel).read_text(encoding="utf-8")
        assert "_EMAIL" not in text and "EMAIL_RE" not in text, rel
