from __future__ import annotations

from selfaudit.analysis.rules import compile_lexicon, infer_kind, strip_endorsement_prefix


def test_whole_words_in_latin_scripts():
    lex = compile_lexicon(["vote", "party"])
    assert lex.find("Go vote for the party!") == ["vote", "party"]
    assert lex.find("Devoted to partying all night") == []


def test_multiword_terms_tolerate_spacing_and_case():
    lex = compile_lexicon(["internal memo"])
    assert lex.find("The INTERNAL  memo leaked") == ["INTERNAL  memo"]


def test_cjk_and_arabic_match_inside_words():
    lex = compile_lexicon(["选举", "الانتخابات"])
    assert lex.find("明天的选举很重要") == ["选举"]
    assert lex.find("وبالانتخابات القادمة") == ["الانتخابات"]


def test_regex_terms():
    lex = compile_lexicon([r"re:\b\d{1,2}:\d{2}\b"])
    assert lex.find("leaving at 05:30 sharp") == ["05:30"]
    assert lex.count("no time here") == 0


def test_hashtags_are_not_split_words():
    lex = compile_lexicon(["vote"])
    assert lex.find("#vote2024 is trending") == []


def test_kind_from_prefix():
    assert infer_kind("RT @party: Vote Blue on Sunday") == "repost"
    assert infer_kind("Liked @someone: great rally") == "like"
    assert infer_kind("Agree. QT @news: results are in") == "quote"
    assert infer_kind("Plain post") == "original"
    assert infer_kind("RT @x: y", "reply") == "reply"
    assert strip_endorsement_prefix("RT @party: Vote Blue") == "Vote Blue"


def test_embedding_text_splits_tags_and_drops_prefixes():
    from selfaudit.analysis.rules import embedding_text

    assert embedding_text("RT @BlueParty: Join us https://blue.example/join #VoteBlueNow") == "Join us blue.example #Vote Blue Now"
    assert embedding_text("thanks @maria_lopez.bsky.social") == "thanks maria lopez"
    assert embedding_text("") == ""


def test_embedding_text_drops_reply_addressing_and_user_placeholders():
    """The handles a reply opens with and ``@USER`` placeholders say nothing about the post."""
    from selfaudit.analysis.rules import embedding_text

    assert embedding_text("@USER @USER thank you so much") == "thank you so much"
    assert embedding_text("@ana@mastodon.social: merci beaucoup") == "merci beaucoup"
    assert embedding_text("@张三 你好") == "你好"
    assert embedding_text("RT @x: @USER hello") == "hello"
    assert embedding_text("thanks @USER for this") == "thanks for this"
    assert embedding_text("lunch with @maria_lopez today") == "lunch with maria lopez today"  # a name in the text stays
    assert embedding_text("@USER") == "@USER"  # nothing else to judge: the text as written
