"""The sandbox's stand-ins for copies: a CDX web archive, reblogged_by, getQuotes, and deleting when told."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from selfaudit.sandbox import copies
from selfaudit.sandbox.persona import build_persona
from selfaudit.sandbox.server import Sandbox
from selfaudit.sandbox.truth import native_id
from selfaudit.sandbox.wire import Ctx, Request


@pytest.fixture(scope="module")
def ctx() -> Ctx:
    return Ctx(persona=build_persona(), base="http://127.0.0.1:8799")


def _get(ctx: Ctx, target: str) -> object:
    resp = copies.route(ctx, Request("GET", target, {}))
    assert resp is not None and resp.status == 200
    return json.loads(resp.body)


def test_some_flagged_posts_have_captures_boosts_and_quotes(ctx: Ctx) -> None:
    own = [i for i in ctx.persona.items.values() if i.concerns and ctx.persona.accounts.get(i.account, None) is not None
           and ctx.persona.accounts[i.account].persona and i.kind == "original"]
    captured = [i for i in own if copies.has_captures(ctx, i)]
    assert 0 < len(captured) < len(own)
    assert any(copies.boosters(ctx, i) for i in own) and any(copies.quoters(ctx, i) for i in own)
    assert not any(copies.has_captures(ctx, i) for i in ctx.persona.items.values() if not i.concerns)
    item = next(i for i in captured if i.platform == "mastodon")
    url = f"{ctx.base}/@talia/{item.rid}"
    rows = _get(ctx, "/cdx/search/cdx?" + urllib.parse.urlencode({"url": url, "output": "json"}))
    assert isinstance(rows, list) and rows[0][:3] == ["urlkey", "timestamp", "original"] and len(rows) >= 2
    assert all(r[2] == url for r in rows[1:])
    missing = _get(ctx, "/cdx/search/cdx?" + urllib.parse.urlencode({"url": f"{ctx.base}/@talia/1", "output": "json"}))
    assert missing == []
    tweet = _get(ctx, "/cdx/search/cdx?url=https%3A%2F%2Ftwitter.com%2Ftalia_mh%2Fstatus%2F1400000000000000002&output=json")
    assert isinstance(tweet, list) and len(tweet) >= 2


def test_boosts_and_quotes_answer_in_the_platforms_shapes(ctx: Ctx) -> None:
    boosted = next(i for i in ctx.persona.items.values() if copies.boosters(ctx, i))
    accounts = _get(ctx, f"/api/v1/statuses/{boosted.rid}/reblogged_by")
    assert isinstance(accounts, list) and accounts and all("@" in a["acct"] and a["url"] for a in accounts)
    quoted = next(i for i in ctx.persona.items.values() if copies.quoters(ctx, i))
    uri = native_id(ctx.persona, quoted, ctx.base)
    answer = _get(ctx, "/xrpc/app.bsky.feed.getQuotes?" + urllib.parse.urlencode({"uri": uri}))
    assert isinstance(answer, dict) and answer["uri"] == uri and answer["posts"]
    assert all(p["record"]["embed"]["record"]["uri"] == uri for p in answer["posts"])


def test_a_post_is_deleted_when_told_over_http() -> None:
    with Sandbox(port=0) as sb:
        item = next(i for i in sb.persona.items.values() if i.platform == "mastodon" and i.kind == "original"
                    and sb.persona.accounts[i.account].persona)
        status = f"{sb.base_url}/api/v1/statuses/{item.rid}"
        with urllib.request.urlopen(status, timeout=5) as answer:
            assert answer.status == 200
        query = urllib.parse.urlencode({"id": native_id(sb.persona, item, sb.base_url)})
        request = urllib.request.Request(f"{sb.base_url}/_sandbox/delete?{query}", method="POST")
        with urllib.request.urlopen(request, timeout=5) as answer:
            assert answer.status == 204
        with pytest.raises(urllib.error.HTTPError) as gone:
            urllib.request.urlopen(status, timeout=5)
        assert gone.value.code == 404
        for bad in (f"{sb.base_url}/_sandbox/delete?id=nothing", status):  # unknown id; POST elsewhere
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(urllib.request.Request(bad, method="POST"), timeout=5)
            assert refused.value.code in (404, 405)
