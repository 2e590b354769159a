"""Sandbox responses have the keys and value types of the real samples in shared/formats/samples."""

from __future__ import annotations

import json
from typing import Any

import libipld
import yaml

from tests.sandbox.conftest import sample as shared_sample


def _cassette_bodies(name: str) -> list[Any]:
    data = yaml.safe_load(shared_sample(name).read_text(encoding="utf-8"))
    out = []
    for interaction in data["interactions"]:
        text = interaction["response"]["body"]["string"]
        if text and text.lstrip().startswith(("{", "[")):
            out.append(json.loads(text))
    return out


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


def assert_same_shape(ours: dict[str, Any], real: dict[str, Any], *, where: str) -> None:
    """Same key set; where both values are set, the same JSON type."""
    assert set(ours) == set(real), f"{where}: missing {set(real) - set(ours)}, extra {set(ours) - set(real)}"
    for key, value in real.items():
        if value is not None and ours[key] is not None:
            assert _kind(ours[key]) == _kind(value), f"{where}.{key}: {_kind(ours[key])} != {_kind(value)}"


def _real_account() -> dict[str, Any]:
    bodies = _cassette_bodies("mastodon_py__test_account_lookup.yaml")
    return next(b for b in bodies if isinstance(b, dict) and "username" in b and "source" not in b)


def _real_statuses() -> list[dict[str, Any]]:
    out = []
    for name in ("mastodon_py__test_fetch_next_previous.yaml", "mastodon_py__test_id_hook_within_reblog.yaml"):
        for body in _cassette_bodies(name):
            out.extend(b for b in (body if isinstance(body, list) else [body]) if isinstance(b, dict) and "content" in b)
    return out


def test_mastodon_account_matches_lookup_sample(get) -> None:
    ours = get("/api/v1/accounts/lookup?acct=talia").json()
    assert_same_shape(ours, _real_account(), where="Account")


def test_mastodon_status_matches_sample(get) -> None:
    acc = get("/api/v1/accounts/lookup?acct=talia").json()
    ours = get(f"/api/v1/accounts/{acc['id']}/statuses?limit=40&exclude_reblogs=true").json()
    real = next(s for s in _real_statuses() if s["reblog"] is None)
    plain = next(s for s in ours if s["reblog"] is None)
    assert_same_shape(plain, real, where="Status")
    assert_same_shape(plain["account"], real["account"], where="Status.account")


def test_mastodon_boost_matches_sample(get) -> None:
    acc = get("/api/v1/accounts/lookup?acct=talia").json()
    ours = get(f"/api/v1/accounts/{acc['id']}/statuses?limit=40").json()
    real = next(s for s in _real_statuses() if s["reblog"] is not None)
    boost = next(s for s in ours if s["reblog"] is not None)
    assert_same_shape(boost, real, where="boost")
    assert_same_shape(boost["reblog"], real["reblog"], where="boost.reblog")
    assert boost["content"] == "" and boost["uri"].endswith("/activity")
    assert boost["reblog"]["account"]["id"] != acc["id"]


def test_mastodon_not_found_body_matches_sample(get) -> None:
    real = next(b for b in _cassette_bodies("mastodon_py__test_account_lookup.yaml") if "error" in b)
    got = get("/api/v1/accounts/lookup?acct=nobody_here")
    assert got.status == 404 and got.json() == real


def test_ratelimit_headers_like_sample(get) -> None:
    data = yaml.safe_load(shared_sample("mastodon_py__test_account_lookup.yaml").read_text(encoding="utf-8"))
    real_reset = data["interactions"][0]["response"]["headers"]["x-ratelimit-reset"][0]
    got = get("/api/v1/accounts/lookup?acct=talia")
    reset = got.headers["X-RateLimit-Reset"]
    assert len(reset) == len(real_reset) and reset.endswith("Z") and reset[10] == "T"
    assert int(got.headers["X-RateLimit-Limit"]) == 300


def test_activitypub_actor_matches_fedify_sample(get) -> None:
    real = json.loads(shared_sample("fedify__activitypub_academy_actor.json").read_text(encoding="utf-8"))
    ours = get("/users/talia", accept="application/activity+json").json()
    real_keys = set(real)
    assert real_keys <= set(ours), real_keys - set(ours)
    for key in real_keys:
        assert _kind(ours[key]) == _kind(real[key]), key
    assert set(ours["publicKey"]) == set(real["publicKey"])
    assert all(a["type"] == "PropertyValue" and {"name", "value"} <= set(a) for a in ours["attachment"])


def test_did_doc_matches_indigo_sample(get, sandbox) -> None:
    real = json.loads(shared_sample("indigo__did_plc_doc.json").read_text(encoding="utf-8"))
    did = get("/.well-known/atproto-did").body.decode().strip()
    ours = get(f"/plc/{did}").json()
    assert_same_shape(ours, real, where="didDoc")
    assert_same_shape(ours["service"][0], real["service"][0], where="service")
    assert ours["service"][0]["serviceEndpoint"] == sandbox.base_url
    assert ours["alsoKnownAs"] == ["at://talia.test"]
    web = get("/.well-known/did.json").json()
    assert web["id"] == "did:web:" + sandbox.base_url.split("://")[1].replace(":", "%3A")
    assert_same_shape(web, real, where="did:web doc")


def test_bsky_post_record_matches_indigo_cbor(get) -> None:
    real = libipld.decode_dag_cbor(shared_sample("indigo__feedpost_record.cbor").read_bytes())
    records = []
    cursor = ""
    while True:
        page = get(f"/xrpc/com.atproto.repo.listRecords?repo=talia.test&collection=app.bsky.feed.post&limit=100"
                   f"&cursor={cursor}").json()
        if not page["records"]:
            break
        records += [r["value"] for r in page["records"]]
        cursor = page["cursor"]
    with_media_quote = [r for r in records if r.get("embed", {}).get("$type") == "app.bsky.embed.recordWithMedia"]
    plain = [r for r in records if "embed" not in r]
    assert plain, "no plain posts"
    for rec in plain:
        assert {"$type", "text", "createdAt"} <= set(rec) <= {"$type", "text", "createdAt", "langs", "facets", "reply"}
    sample = records[0]
    for key in ("$type", "text", "createdAt"):
        assert _kind(sample[key]) == _kind(real[key])
    quotes = [r for r in records if r.get("embed", {}).get("$type") == "app.bsky.embed.record"]
    assert quotes and set(quotes[0]["embed"]["record"]) == set(real["embed"]["record"]["record"])
    images = [r["embed"] for r in records if r.get("embed", {}).get("$type") == "app.bsky.embed.images"]
    assert images
    ours_img, real_img = images[0]["images"][0], real["embed"]["media"]["images"][0]
    assert set(real_img) <= set(ours_img)
    assert set(ours_img["image"]) == set(real_img["image"])
    assert with_media_quote == [] or set(with_media_quote[0]["embed"]) == set(real["embed"])
