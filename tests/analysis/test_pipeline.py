from __future__ import annotations

import datetime as dt
import socket

import pytest
from selfaudit.analysis.classify import classify_post_lines
from selfaudit.analysis.embedders import CachedEmbedder
from selfaudit.analysis.heads import fit_heads
from selfaudit.analysis.judge import PostJudge, make_judge
from selfaudit.analysis.pipeline import analyze

from selfaudit.store import Store, text_hash

POSTS = [
    ("1", "2019-05-01T10:00:00Z", "original", "Vote for the Harbor Party on Sunday, the only choice! #VoteHarbor"),
    ("2", "2021-05-01T10:00:00Z", "original", "Our convoy of ten trucks leaves the depot at 5:30 via the river road."),
    ("3", "2021-06-01T10:00:00Z", "original", "Baked bread with the kids, the crust cracked beautifully."),
    ("4", "2022-01-01T10:00:00Z", "like", "Campaign rally tonight: vote for the Harbor Party candidate!"),
]


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "db.sqlite") as s:
        s.add_profile({"platform": "mastodon", "account": "nia@example.social", "display_name": "Nia",
                       "bio": "Programme analyst at UNDP", "links": [], "email": None})
        s.upsert_posts([{"platform": "mastodon", "account": "nia@example.social", "native_id": f"https://example.social/{n}",
                         "created_at": when, "kind": kind, "text": text, "source": "crawl"} for n, when, kind, text in POSTS])
        yield s


@pytest.fixture
def judge(mini_pack, hash_embedder):
    return PostJudge(mini_pack, hash_embedder, heads=fit_heads(mini_pack, hash_embedder))


def test_analyze_writes_findings_with_timing_severity_and_explanation(store, mini_pack, hash_embedder, judge):
    result = analyze(store, appointment_date=dt.date(2020, 1, 1), pack=mini_pack, embedder=hash_embedder, judge=judge)
    assert result.judged == 4
    found = {(f["native_id"].rsplit("/", 1)[1], f["concern"]): f for f in store.findings(pack=mini_pack.id) if f["post_id"]}
    political = found[("1", "partisan-politics")]
    assert political["timing"] == "pre-appointment"
    assert political["severity"] == "medium"
    assert political["explanation"]["triggers"] and political["explanation"]["exemplar"]
    assert political["explanation"]["reason"].endswith(".")
    security = found[("2", "security-risk")]
    assert security["severity"] == "high" and security["timing"] == "post-appointment"
    liked = found[("4", "partisan-politics")]
    assert liked["action"] == "unlike" and liked["severity"] in ("high", "medium")
    assert not any(k[0] == "3" for k in found)
    accounts = {f["concern"] for f in store.findings(pack=mini_pack.id) if f["account_id"]}
    assert {"un-affiliation", "affiliation-with-partisanship"} <= accounts


def test_second_run_judges_nothing_and_embeds_nothing(store, mini_pack, hash_embedder, judge):
    judge = PostJudge(mini_pack, CachedEmbedder(hash_embedder, store), heads=judge.heads)  # as analyze() builds it
    analyze(store, appointment_date=None, pack=mini_pack, embedder=hash_embedder, judge=judge)
    calls = hash_embedder.texts
    again = analyze(store, appointment_date=None, pack=mini_pack, embedder=hash_embedder, judge=judge)
    assert again.judged == 0 and again.skipped == 4
    assert hash_embedder.texts == calls
    forced = analyze(store, appointment_date=None, pack=mini_pack, embedder=hash_embedder, judge=judge, all_posts=True)
    assert forced.judged == 4 and forced.embedded == 0 and forced.cached == 4
    assert hash_embedder.texts == calls


def test_changed_post_and_changed_appointment_are_rejudged(store, mini_pack, hash_embedder, judge):
    analyze(store, appointment_date=None, pack=mini_pack, embedder=hash_embedder, judge=judge)
    store.upsert_posts([{"platform": "mastodon", "account": "nia@example.social", "native_id": "https://example.social/3",
                         "created_at": "2021-06-01T10:00:00Z", "kind": "original", "text": "Edited: bread again", "source": "crawl"}])
    assert analyze(store, appointment_date=None, pack=mini_pack, embedder=hash_embedder, judge=judge).judged == 1
    assert analyze(store, appointment_date=dt.date(2020, 1, 1), pack=mini_pack, embedder=hash_embedder, judge=judge).judged == 4
    assert analyze(store, appointment_date=dt.date(2020, 1, 1), pack=mini_pack, embedder=hash_embedder, judge=judge).judged == 0


def test_embedding_cache_lives_in_the_store(store, hash_embedder):
    cached = CachedEmbedder(hash_embedder, store)
    first = cached.encode(["a b c", "d e f", "a b c"])
    assert cached.misses == 2 and hash_embedder.texts == 2
    again = CachedEmbedder(hash_embedder, store).encode(["d e f", "a b c"])
    assert hash_embedder.texts == 2
    assert (again[1] == first[0]).all()


def test_no_network_during_analysis_and_classify(store, mini_pack, monkeypatch, tmp_path):
    """The real default model (multilingual USE) and the whole pipeline run with sockets blocked."""
    from selfaudit.analysis.embedders import make_embedder

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    embedder = make_embedder("default")
    judge = make_judge(mini_pack, embedder, cache_dir=tmp_path / "heads")
    result = analyze(store, appointment_date=dt.date(2020, 1, 1), pack=mini_pack, embedder=embedder, judge=judge)
    assert result.post_findings >= 2
    out = list(classify_post_lines([{"id": "a", "text": "Votez pour le Parti de la Mer dimanche !"}], judge, appointment_date=None))
    assert out[0]["concerns"][0]["id"] == "partisan-politics"


def test_failed_analysis_is_recorded_and_rejudged_next_time(store, mini_pack, hash_embedder, judge, monkeypatch):
    analyze(store, appointment_date=None, pack=mini_pack, embedder=hash_embedder, judge=judge)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "replace_account_findings", boom)
    with pytest.raises(RuntimeError):
        analyze(store, appointment_date=None, pack=mini_pack, embedder=hash_embedder, judge=judge, all_posts=True)
    assert store.runs(kind="analyze")[0]["status"] == "error"
    monkeypatch.undo()
    assert analyze(store, appointment_date=None, pack=mini_pack, embedder=hash_embedder, judge=judge).judged == 0


def test_profile_fields_and_archive_addresses_count_as_shown(store, mini_pack, hash_embedder, judge):
    store.add_profile({"platform": "mastodon", "account": "nia@example.social", "display_name": "Nia", "bio": "Bread and bikes",
                       "links": [], "email": None,
                       "extra": {"fields": [{"name": "Work", "value": "UNDP Marenzi"}]}})
    store.add_profile({"platform": "linkedin", "account": "Nia Example", "display_name": "Nia", "bio": "", "links": [],
                       "email": "nia@example.com", "extra": {"emails": ["nia.example@undp.org"]}})
    analyze(store, appointment_date=None, pack=mini_pack, embedder=hash_embedder, judge=judge)
    found = {(f["account"], f["concern"]) for f in store.findings(pack=mini_pack.id) if f["account_id"]}
    assert ("nia@example.social", "un-affiliation") in found
    assert ("Nia Example", "professional-email") in found


def test_a_judge_passed_in_is_used_as_it_is(store, mini_pack, hash_embedder, judge):
    result = analyze(store, appointment_date=None, pack=mini_pack, embedder=hash_embedder, judge=judge)
    assert judge.embedder is hash_embedder  # not swapped for a cached wrapper behind the caller's back
    assert result.judged == 4 and result.embedded == 0 and result.cached == 0
    hashes = [text_hash(p["text"]) for p in store.iter_posts()]
    assert store.get_embeddings(hash_embedder.name, hashes) == {}


def test_a_judge_with_the_stores_cache_counts_what_it_embedded(store, mini_pack, hash_embedder, judge):
    cached = PostJudge(mini_pack, CachedEmbedder(hash_embedder, store), heads=judge.heads)
    first = analyze(store, appointment_date=None, pack=mini_pack, embedder=hash_embedder, judge=cached)
    assert first.embedded == 4 and first.cached == 0
    forced = analyze(store, appointment_date=None, pack=mini_pack, embedder=hash_embedder, judge=cached, all_posts=True)
    assert forced.embedded == 0 and forced.cached == 4  # counted per run, not since the judge was made


def test_without_a_judge_the_heads_are_fitted_into_the_given_cache(store, mini_pack, hash_embedder, tmp_path):
    result = analyze(store, appointment_date=None, pack=mini_pack, embedder=hash_embedder, heads_cache=tmp_path / "heads")
    assert result.judged == 4 and result.embedded >= 4  # pack texts and posts went through the store's cache
    assert len(list((tmp_path / "heads").glob("*.npz"))) == 1
