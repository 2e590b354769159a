"""The one-sentence reason a person reads next to each finding."""

from __future__ import annotations

from selfaudit.analysis.judge import _reason


def test_reason_names_the_trigger_words_or_the_nearest_example(mini_pack) -> None:
    concern = next(c for c in mini_pack.concerns if c.id == "partisan-politics")
    with_words = _reason(concern, ("vote", "party"), "original")
    assert "“vote”" in with_words and "“party”" in with_words and "pack" not in with_words
    liked = _reason(concern, (), "like", "Everyone out for the Lantern Party rally on Friday! " * 3)
    assert liked.startswith("This liked post is close in meaning to known examples")
    assert "“Everyone out for the Lantern Party rally" in liked and liked.endswith("…”.")
    assert "pack" not in liked


def test_reason_names_what_the_post_does(mini_pack) -> None:
    from selfaudit.analysis.stance import cues_in

    concern = next(c for c in mini_pack.concerns if c.id == "partisan-politics")
    cues = cues_in("Proud supporter here: vote for Okafor on Sunday!")
    assert "call-to-vote" in cues and "report-style" not in cues
    reason = _reason(concern, ("vote for",), "original", "", (("call-to-vote", cues["call-to-vote"]),))
    assert "tells people how to vote" in reason and "“vote for Okafor”" in reason


def test_stance_cues_tell_reporting_from_taking_sides() -> None:
    from selfaudit.analysis.stance import cues_in

    assert "report-style" in cues_in("Turnout was 61%, official results by midnight.")
    assert not {"call-to-vote", "first-person-side"} & set(cues_in("Turnout was 61%, official results by midnight."))
    assert "live-movement" in cues_in("Convoy leaves the compound at 05:30 tomorrow")
    assert "live-movement" not in cues_in("Back home after two weeks in the north, what a trip")
    assert "insult" in cues_in("@dan shut up you braindead moron")
    assert "condemn-quote" in cues_in("A man called me a parasite on the bus today. Not acceptable.")


def test_guess_lang_and_exemplar_in_the_posts_language(mini_pack, hash_embedder) -> None:
    import numpy as np
    from selfaudit.analysis.heads import fit_heads
    from selfaudit.analysis.judge import PostJudge, guess_lang

    assert [guess_lang(t) for t in ("Je pense que la pluie est là pour la semaine", "Hoy es un día muy bueno para la playa",
                                    "Rain all day here", "今天下雨了", "اليوم ممطر جدا", "Сегодня идёт дождь")] == \
        ["fr", "es", "en", "zh", "ar", "ru"]
    heads = fit_heads(mini_pack, hash_embedder)
    langs = tuple("fr" if i % 2 else "zh" for i in range(len(heads.train_texts)))
    judge = PostJudge(mini_pack, hash_embedder, heads=heads.__class__(**{**heads.__dict__, "train_langs": langs}))
    j = [c.id for c in mini_pack.post_concerns].index("partisan-politics")
    pos = np.flatnonzero(heads.train_pos[:, j] == 1)
    zh_pos = next(int(i) for i in pos if langs[i] == "zh")
    fr_pos = next(int(i) for i in pos if langs[i] == "fr")
    vector = heads.train_vectors[zh_pos]
    assert judge._exemplar(vector, j, "fr", zh_pos) in {heads.train_texts[int(i)] for i in pos if langs[i] == "fr"}
    assert judge._exemplar(vector, j, "zh", zh_pos) == heads.train_texts[zh_pos]
    assert judge._exemplar(heads.train_vectors[fr_pos], j, "fr", fr_pos) == heads.train_texts[fr_pos]


def test_constructing_a_judge_fits_nothing_and_writes_nothing(mini_pack, hash_embedder, tmp_path, monkeypatch) -> None:
    import pytest
    from selfaudit.analysis.heads import fit_heads
    from selfaudit.analysis.judge import PostJudge

    heads = fit_heads(mini_pack, hash_embedder)
    calls = hash_embedder.calls
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    judge = PostJudge(mini_pack, hash_embedder, heads=heads)
    assert judge.heads is heads and hash_embedder.calls == calls
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(TypeError):
        PostJudge(mini_pack, hash_embedder)  # type: ignore[call-arg]  # heads are not optional


def test_make_judge_loads_or_fits_the_heads_once(mini_pack, hash_embedder, tmp_path) -> None:
    from selfaudit.analysis.judge import make_judge

    first = make_judge(mini_pack, hash_embedder, cache_dir=tmp_path)
    assert first.heads.model_id == "pack" and len(list(tmp_path.glob("*.npz"))) == 1
    calls = hash_embedder.calls
    again = make_judge(mini_pack, hash_embedder, cache_dir=tmp_path)
    assert hash_embedder.calls == calls and again.heads.concern_ids == first.heads.concern_ids


def test_a_precise_two_part_cue_alone_puts_its_concern_worth_a_look(mini_pack, hash_embedder) -> None:
    import numpy as np
    from selfaudit.analysis.heads import fit_heads
    from selfaudit.analysis.judge import FLAG_AT, PostJudge
    from selfaudit.analysis.severity import STRONG_AT
    from selfaudit.analysis.stance import CUE_FLOOR

    judge = PostJudge(mini_pack, hash_embedder, heads=fit_heads(mini_pack, hash_embedder))
    unfloored = PostJudge(mini_pack, hash_embedder, heads=judge.heads)
    unfloored._floors = []
    texts = ["As a UNICEF staff member I ask you to back my cousin's GoFundMe 🙏 gofund.me/abc",
             "Lovely walk by the lake this morning with the dog"]
    j = [c.id for c in mini_pack.post_concerns].index("un-name-emblem")
    floored, plain = judge.scores(texts), unfloored.scores(texts)
    assert FLAG_AT <= CUE_FLOOR < STRONG_AT
    assert floored[0, j] == max(plain[0, j], CUE_FLOOR)
    assert np.array_equal(floored[1], plain[1])  # no cue, no change
    found = {f.concern: f for f in judge.judge(texts[:1])[0]}
    assert "uses the UN's name to sell or raise money" in found["un-name-emblem"].reason
