"""Public timetables and opening hours are travel facts, not movements to protect (issue 10)."""

from __future__ import annotations


def test_public_timetables_are_not_movements_to_protect() -> None:
    from selfaudit.analysis.stance import impersonal_schedule

    for text in ("Buses to the coast leave from the central station every hour between 6 a.m. and 10 p.m.",
                 "El paso fronterizo abre todos los días de 8:00 a 18:00; lleve pasaporte y visado.",
                 "Автобусы на побережье отправляются с центрального вокзала каждый час с 6:00 до 22:00.",
                 "前往海边的巴士每小时从中央车站发车，时间为早上6点到晚上10点。"):
        assert impersonal_schedule(text), text
    for text in ("every day I leave the compound at 6pm sharp and walk down Airport Road",
                 "Le cortège du Représentant spécial quitte la résidence tous les jours à 8h10 pile",
                 "我们团队这周都住在湖景酒店，每天早上7点出发去现场",
                 "The UN office opens daily at 8, guards change at 18:00 by the back gate",
                 "Rain all day here"):
        assert not impersonal_schedule(text), text


def test_timetables_raise_only_the_security_threshold(mini_pack, hash_embedder) -> None:
    from selfaudit.analysis.heads import fit_heads
    from selfaudit.analysis.judge import PostJudge
    from selfaudit.analysis.stance import SCHEDULE_RAISE

    judge = PostJudge(mini_pack, hash_embedder, heads=fit_heads(mini_pack, hash_embedder))
    lift = judge._raise(["The museum opens daily from 9 to 5.", "Convoy leaves the compound at 05:30 tomorrow"])
    ids = [c.id for c in mini_pack.post_concerns]
    assert lift is not None and lift[0, ids.index("security-risk")] == SCHEDULE_RAISE
    assert lift[0].sum() == SCHEDULE_RAISE and not lift[1].any()
    assert judge._raise(["Rain all day here"]) is None
