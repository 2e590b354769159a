"""The account rules on the cases concerns.md describes (fresh examples, not the dev set)."""

from __future__ import annotations

from selfaudit.analysis.accounts import AccountView, judge_account, un_email, un_mentions


def concerns(**kw) -> set[str]:
    posts = kw.pop("posts", ())
    flags = kw.pop("flags", tuple(frozenset() for _ in posts))
    view = AccountView(platform=kw.pop("platform", "x"), handle=kw.pop("handle", "@someone"), posts=tuple(posts),
                       post_concerns=tuple(flags), **kw)
    return {f.concern for f in judge_account(view)}


def test_affiliation_from_bio_in_several_languages():
    assert "un-affiliation" in concerns(display_name="Ana Ruiz", bio="Oficial de programas en UNICEF · Quito")
    assert "un-affiliation" in concerns(display_name="Ivan", bio="Переводчик, Организация Объединённых Наций")
    assert "un-affiliation" in concerns(display_name="李明", bio="联合国开发计划署 项目官员")
    assert "un-affiliation" in concerns(display_name="Omar", bio="أعمل في الأمم المتحدة في عمّان")


def test_affiliation_from_a_staff_page_link_only():
    got = concerns(display_name="Kim Lee", bio="Cyclist and cook", links=("https://www.undp.org/people/kim-lee",))
    assert got == {"un-affiliation"}


def test_no_affiliation_for_lookalike_words_and_explicit_denials():
    assert concerns(handle="@unai_runs", display_name="Unai", bio="Runner, unicorn fan") == set()
    assert concerns(display_name="UNY Youth Club", bio="Local NGO. Not affiliated with the United Nations.") == set()
    assert concerns(display_name="Pat", bio="who knows what tomorrow brings") == set()


def test_work_email_is_professional_email_without_affiliation():
    assert concerns(display_name="Pia", bio="Recipes and travel", email="pia.k@un.org") == {"professional-email"}
    assert concerns(display_name="Pia", bio="Recipes", email="pia@gmail.com") == set()
    assert un_email("write to j.doe@unhcr.org or j@example.com") == ["j.doe@unhcr.org"]
    assert un_email("x@un.org.example.com") == []


def test_disclaimer_needs_affiliation():
    assert {"un-affiliation", "disclaimer-reliance"} <= concerns(display_name="Sam", bio="Logistics officer @WFP. Views my own.")
    assert "disclaimer-reliance" not in concerns(display_name="Sam", bio="Bank economist. Views my own.")
    assert "disclaimer-reliance" in concerns(display_name="Léa", bio="Juriste au HCR, UNHCR. Opinions personnelles.")


def test_affiliation_with_partisanship_uses_post_judgements():
    posts = ("Lovely day", "RT @BlueParty: vote Blue on Sunday")
    flags = (frozenset(), frozenset({"partisan-politics"}))
    got = concerns(display_name="Nia", bio="Analyst at UNFPA", posts=posts, flags=flags)
    assert "affiliation-with-partisanship" in got
    assert "affiliation-with-partisanship" not in concerns(display_name="Nia", bio="Analyst", posts=posts, flags=flags)


def test_pseudonymous_commentary_on_the_un():
    posts = ("The SRSG shortlist is a stitch-up again.", "Coffee")
    assert concerns(display_name="Corridor Voice", bio="Anonymous, for obvious reasons.", posts=posts) == {
        "pseudonymous-un-commentary"}
    assert concerns(display_name="Corridor Voice", bio="Anonymous baker.", posts=("Bread today",)) == set()


def test_institutional_lookalike():
    got = concerns(handle="@UNHCR_Lakeside", display_name="UNHCR Lakeside", bio="Refugee updates from the field team.")
    assert {"institutional-lookalike", "un-affiliation"} <= got
    assert "institutional-lookalike" in concerns(handle="unpeacekeeping.north", display_name="🇺🇳 UN Peacekeeping North",
                                                 bio="Personal page of a mission staff member")
    assert "institutional-lookalike" not in concerns(handle="@maria_k", display_name="Maria K", bio="Programme officer, UNDP")


def test_un_mentions_case_rules():
    assert un_mentions("WHO staff") == ["WHO"]
    assert un_mentions("who cares") == []
    assert un_mentions("fun in the sun") == []


def test_more_disclaimer_and_pseudonym_wordings():
    assert "disclaimer-reliance" in concerns(display_name="Jo", bio="Comms @ UNHCR. Likes ≠ endorsements.")
    assert "disclaimer-reliance" in concerns(display_name="Jo", bio="Comms @ UNHCR. Personal views.")
    assert "disclaimer-reliance" not in concerns(display_name="Jo", bio="Comms @ UNHCR. Personal page.")
    posts = ("Another UN recruitment stitched up by the Director.",)
    assert "pseudonymous-un-commentary" in concerns(display_name="Corridor Cat", bio="Throwaway account.", posts=posts)
    assert "pseudonymous-un-commentary" in concerns(display_name="Chat", bio="Ce n'est pas mon vrai nom.", posts=posts)


def test_a_packs_organisation_names_and_domains_extend_the_account_rules():
    from selfaudit.analysis.accounts import Organisation

    org = Organisation(names=("Harbour Development Bank",), domains=("hdbank.example",))
    view = AccountView(platform="x", handle="@lena", display_name="Lena", bio="Economist, Harbour Development Bank",
                       email="lena@mail.hdbank.example")
    assert {f.concern for f in judge_account(view)} == set()
    assert {f.concern for f in judge_account(view, org=org)} == {"un-affiliation", "professional-email"}
