from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from selfaudit.analysis.pack import ACCOUNT_CONCERNS, POST_CONCERNS, PackError, available_packs, load_pack, parse_pack

from tests.shared import need_shared

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def raw() -> dict:
    return yaml.safe_load((FIXTURES / "mini_pack.yaml").read_text(encoding="utf-8"))


def test_fixture_pack_loads(mini_pack):
    assert mini_pack.id == "un-secretariat"
    assert [c.id for c in mini_pack.post_concerns] == list(POST_CONCERNS)
    assert {c.id for c in mini_pack.account_concerns} == set(ACCOUNT_CONCERNS)
    assert mini_pack.concern("security-risk").severity_base == "high"


def test_contract_ids_match_concerns_md():
    text = need_shared("concerns.md").read_text(encoding="utf-8")
    import re

    ids = re.findall(r"^\| `([a-z-]+)` \|", text, re.MULTILINE)
    assert ids == [*POST_CONCERNS, *ACCOUNT_CONCERNS]


def test_every_shipped_pack_validates():
    names = available_packs()
    assert "un-secretariat" in names
    for name in names:
        pack = load_pack(name)
        assert pack.concerns
        for concern in pack.post_concerns:
            assert concern.all_exemplars(), concern.id


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r["concerns"].pop(0), "contract"),
        (lambda r: r["concerns"][0].update(scope="account"), "scope"),
        (lambda r: r["concerns"][0].update(action="burn"), "action"),
        (lambda r: r["concerns"][0].update(severity_base="extreme"), "severity_base"),
        (lambda r: r["concerns"][0].update(rules=[]), "rule"),
        (lambda r: r["concerns"][0]["lexicon"].update(en=["re:(unclosed"]), "regex"),
        (lambda r: r["concerns"][0].update(exemplars={}), "exemplars"),
        (lambda r: r["concerns"].append(copy.deepcopy(r["concerns"][0])), "duplicate"),
    ],
)
def test_invalid_packs_are_rejected(raw, mutate, message):
    mutate(raw)
    with pytest.raises(PackError, match=message):
        parse_pack(raw)


def test_second_pack_needs_no_code(raw, tmp_path):
    raw["id"] = "other-org"
    raw.pop("co_labels", None)
    raw["concerns"] = [c for c in raw["concerns"] if c["id"] in ("partisan-politics", "un-affiliation")]
    raw["concerns"][0]["id"] = "political-activity"
    path = tmp_path / "other-org.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    pack = load_pack(path)
    assert [c.id for c in pack.post_concerns] == ["political-activity"]


def test_split_folder_pack_merges(raw, tmp_path):
    folder = tmp_path / "un-secretariat"
    folder.mkdir()
    head = {k: v for k, v in raw.items() if k not in ("concerns", "clean")}
    (folder / "00-pack.yaml").write_text(yaml.safe_dump({**head, "clean": raw["clean"]}), encoding="utf-8")
    (folder / "10-posts.yaml").write_text(yaml.safe_dump({"concerns": raw["concerns"][:9]}), encoding="utf-8")
    (folder / "20-accounts.yaml").write_text(yaml.safe_dump({"concerns": raw["concerns"][9:]}), encoding="utf-8")
    pack = load_pack(folder)
    assert len(pack.concerns) == 15
    assert pack.digest == parse_pack(raw).digest or pack.digest


def test_digest_changes_with_content(raw):
    before = parse_pack(raw).digest
    raw["concerns"][0]["exemplars"]["en"].append("Another rally for the Dawn Party tonight, join us!")
    assert parse_pack(raw).digest != before


def test_unknown_pack_names_known_ones():
    with pytest.raises(PackError, match="no policy pack"):
        load_pack("no-such-pack")


def test_organisation_block_is_read_and_validated(raw):
    raw["organisation"] = {"names": ["Harbour Development Bank"], "domains": ["@HDBank.example"]}
    pack = parse_pack(raw, origin="t")
    assert pack.organisation_names == ("Harbour Development Bank",)
    assert pack.organisation_domains == ("hdbank.example",)
    raw["organisation"] = {"domains": "hdbank.example"}
    with pytest.raises(PackError, match="organisation"):
        parse_pack(raw, origin="t")


def test_un_pack_marks_demeaning_the_people_served_as_unbefitting_too() -> None:
    """concerns.md: demeaning remarks about the people the UN serves are offensive and unbefitting."""
    from selfaudit.analysis.rules import compile_lexicon

    [rule] = [r for r in load_pack(None).co_labels if r["add"] == "unbefitting-conduct"]
    assert rule["when"] == "offensive-conduct"
    lexicon = compile_lexicon(rule["if_any"])
    for text in ("these refugees are parasites", "les gens d'ici sont des ânes", "esa gente no sabe trabajar",
                 "هالناس حيوانات", "эти люди как животные", "这些人都是垃圾"):
        assert lexicon.find(text), text
    assert not lexicon.find("@dan you absolute moron")  # an insult of one person stays offensive only
