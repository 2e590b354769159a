"""Content checks for the shipped policy pack (analysis/policies/un-secretariat.yaml).

The pack is data the classifier learns from and the report quotes, so these tests hold it to
the contract: the concern ids of ../shared/concerns.md, verbatim rule quotes from
../shared/seeds/, exemplars in the six UN languages, and no text copied from the dev set.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
PACK = REPO / "analysis" / "policies" / "un-secretariat.yaml"
LANGS = ("en", "fr", "es", "ar", "ru", "zh")
ACTIONS = {"delete", "edit", "restrict", "unlike", "keep", "review"}
SEVERITIES = {"high", "medium", "low", "info"}
MIN_POST_EN = 25
MIN_POST_OTHER = 12
MIN_CLEAN_EN = 40
MIN_CLEAN_OTHER = 20
MIN_ACCOUNT_EXEMPLARS = 2
NEAR_DUPLICATE = 0.8


def _shared_dir() -> Path:
    """../shared next to the repository, or $SELFAUDIT_SHARED."""
    return Path(os.environ.get("SELFAUDIT_SHARED", REPO.parent / "shared"))


def _norm_ws(text: str) -> str:
    """Collapse all whitespace runs to one space, as the quote check promises."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def _norm_cmp(text: str) -> str:
    """Lowercased, whitespace-normalised text for near-duplicate comparison."""
    return _norm_ws(text).casefold()


@pytest.fixture(scope="module")
def pack() -> dict[str, Any]:
    with PACK.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def shared() -> Path:
    path = _shared_dir()
    if not (path / "concerns.md").is_file():
        pytest.skip(f"shared reference folder not found at {path}")
    return path


@pytest.fixture(scope="module")
def contract(shared: Path) -> dict[str, str]:
    """Concern id -> scope ("post" | "account"), parsed from the tables in concerns.md."""
    scope: str | None = None
    ids: dict[str, str] = {}
    for line in (shared / "concerns.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = line.lower()
            scope = "post" if "post concerns" in heading else "account" if "account concerns" in heading else None
            continue
        match = re.match(r"^\|\s*`([a-z0-9-]+)`\s*\|", line)
        if match and scope:
            ids[match.group(1)] = scope
    assert len(ids) == 15, ids
    return ids


def _concerns(pack: dict[str, Any], scope: str | None = None) -> list[dict[str, Any]]:
    return [c for c in pack["concerns"] if scope is None or c["scope"] == scope]


def _all_texts(pack: dict[str, Any]) -> list[tuple[str, str]]:
    """(where, text) for every exemplar, negative and clean post in the pack."""
    out: list[tuple[str, str]] = []
    for concern in pack["concerns"]:
        for key in ("exemplars", "negatives"):
            for lang, texts in (concern.get(key) or {}).items():
                out += [(f"{concern['id']}.{key}.{lang}", t) for t in texts]
    for lang, texts in pack["clean"].items():
        out += [(f"clean.{lang}", t) for t in texts]
    return out


def test_top_level_shape(pack: dict[str, Any]) -> None:
    assert pack["id"] == "un-secretariat"
    assert isinstance(pack["version"], int)
    for key in ("title", "ethics_contact"):
        assert isinstance(pack[key], str) and pack[key].strip()
    assert pack["sources"] and pack["concerns"] and pack["clean"]


def test_ids_equal_contract(pack: dict[str, Any], contract: dict[str, str]) -> None:
    ids = [c["id"] for c in pack["concerns"]]
    assert len(ids) == len(set(ids)), "duplicate concern id"
    assert {c["id"]: c["scope"] for c in pack["concerns"]} == contract


def test_sources_point_at_seed_files(pack: dict[str, Any], shared: Path) -> None:
    source_ids = [s["id"] for s in pack["sources"]]
    assert len(source_ids) == len(set(source_ids))
    for source in pack["sources"]:
        assert (shared / "seeds" / source["file"]).is_file(), source["file"]
        assert source["title"].strip()


def test_every_quote_is_verbatim(pack: dict[str, Any], shared: Path) -> None:
    seeds = {s["id"]: _norm_ws((shared / "seeds" / s["file"]).read_text(encoding="utf-8")) for s in pack["sources"]}
    missing = []
    for concern in pack["concerns"]:
        assert concern["rules"], f"{concern['id']} has no rule quote"
        for rule in concern["rules"]:
            assert rule["source"] in seeds, rule["source"]
            assert rule["reference"].strip()
            if _norm_ws(rule["quote"]) not in seeds[rule["source"]]:
                missing.append((concern["id"], rule["quote"][:60]))
    assert not missing, missing


def test_concern_fields(pack: dict[str, Any]) -> None:
    for concern in pack["concerns"]:
        for key in ("title", "description", "advice"):
            assert isinstance(concern[key], str) and concern[key].strip(), (concern["id"], key)
        assert concern["action"] in ACTIONS, concern["id"]
        assert concern["severity_base"] in SEVERITIES, concern["id"]


def test_post_advice_mentions_likes_and_reposts(pack: dict[str, Any]) -> None:
    for concern in _concerns(pack, "post"):
        advice = concern["advice"].lower()
        assert "un-like" in advice or "un-repost" in advice, concern["id"]


def test_lexicons_cover_six_languages_and_compile(pack: dict[str, Any]) -> None:
    for concern in pack["concerns"]:
        lexicon = concern["lexicon"]
        assert set(LANGS) <= set(lexicon), concern["id"]
        for lang in LANGS:
            terms = lexicon[lang]
            assert terms, (concern["id"], lang)
            for term in terms:
                assert isinstance(term, str) and term.strip(), (concern["id"], lang, term)
                if term.startswith("re:"):
                    re.compile(term[3:], re.IGNORECASE)
                else:
                    assert term == term.lower(), (concern["id"], lang, term)


@pytest.mark.parametrize("key", ["exemplars", "negatives"])
def test_post_concerns_have_minimum_texts(pack: dict[str, Any], key: str) -> None:
    short = []
    for concern in _concerns(pack, "post"):
        for lang in LANGS:
            need = MIN_POST_EN if lang == "en" else MIN_POST_OTHER
            have = len(concern[key].get(lang) or [])
            if have < need:
                short.append((concern["id"], lang, have, need))
    assert not short, short


def test_account_concerns_have_exemplars_in_six_languages(pack: dict[str, Any]) -> None:
    for concern in _concerns(pack, "account"):
        for lang in LANGS:
            assert len(concern["exemplars"].get(lang) or []) >= MIN_ACCOUNT_EXEMPLARS, (concern["id"], lang)


def test_clean_minimums(pack: dict[str, Any]) -> None:
    for lang in LANGS:
        need = MIN_CLEAN_EN if lang == "en" else MIN_CLEAN_OTHER
        assert len(pack["clean"].get(lang) or []) >= need, lang


def test_texts_are_unique_except_multi_label_exemplars(pack: dict[str, Any]) -> None:
    """A text may be an exemplar of several concerns (multi-label), never also a negative or clean."""
    seen: dict[str, str] = {}
    clashes = []
    for where, text in _all_texts(pack):
        assert isinstance(text, str) and text.strip(), where
        key = _norm_cmp(text)
        if key in seen:
            first = seen[key]
            both_exemplars = ".exemplars." in first and ".exemplars." in where
            same_concern = first.split(".")[0] == where.split(".")[0]
            if not both_exemplars or same_concern:
                clashes.append((first, where, text[:50]))
        seen.setdefault(key, where)
    assert not clashes, clashes


def test_no_text_copied_from_dev_set(pack: dict[str, Any], shared: Path) -> None:
    dev_path = shared / "eval" / "dev_posts.jsonl"
    if not dev_path.is_file():
        pytest.skip("dev set not present")
    dev = [json.loads(line)["text"] for line in dev_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    copies = _near_copies(_all_texts(pack), dev)
    assert not copies, copies


def test_severity_exceptions_follow_contract(pack: dict[str, Any]) -> None:
    """concerns.md: confidential-info and security-risk are high in any timing; three concerns keep severity pre-appointment."""
    severity = pack["severity"]
    assert set(severity["always_high"]) == {"confidential-info", "security-risk"}
    assert set(severity["pre_appointment_exempt"]) == {"security-risk", "privacy-of-others", "offensive-conduct"}


def test_recall_first_concerns_match_issue_targets(pack: dict[str, Any]) -> None:
    """Issue 6 asks recall >= 0.90 on these three concerns; the pack names them explicitly."""
    assert set(pack["recall_first"]) == {"partisan-politics", "confidential-info", "security-risk"}


def _corpus_texts(split: str) -> list[tuple[str, str]]:
    folder = REPO / "analysis" / "corpus" / split
    out = []
    for f in sorted(folder.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out.append((f"{split}/{f.name}:{rec.get('id')}", str(rec.get("text") or "")))
    return out


def _near_copies(mine: list[tuple[str, str]], others: list[str]) -> list[tuple[str, str, str]]:
    """Pairs above NEAR_DUPLICATE (difflib ratio on normalised texts; the index only skips pairs that cannot reach it)."""
    from selfaudit.analysis.nearcopy import NearCopies

    index = NearCopies(others, NEAR_DUPLICATE)
    return [(where, text[:60], found[0][:60]) for where, text in mine if (found := index.of(text))]


def test_no_corpus_text_copied_from_dev_set(shared: Path) -> None:
    """The training corpus and our test set hold no near-copy of a dev-set post (issue 10)."""
    dev_path = shared / "eval" / "dev_posts.jsonl"
    if not dev_path.is_file():
        pytest.skip("dev set not present")
    dev = [json.loads(line)["text"] for line in dev_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    corpus = _corpus_texts("train") + _corpus_texts("test")
    assert corpus
    assert not _near_copies(corpus, dev)


def test_no_training_text_copied_from_test_set() -> None:
    """Our test set measures text the heads never saw: no training post is a near-copy of a test post."""
    test = [t for _, t in _corpus_texts("test")]
    assert test
    assert not _near_copies(_corpus_texts("train"), test)
