"""Analysis throughput: 10,000 posts against the bare embedding rate, and a re-run.

Targets (issue 6): the first analysis runs at >= 0.8x the bare embedding rate
of the default model measured in the same run; a second analysis of the same,
unchanged store is >= 20x faster than the first. Model load and head fitting
(once per pack and model, cached on disk) are timed separately.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
import time
from pathlib import Path

N_POSTS = 10_000
_WORDS = {
    "en": "the team visited a school today with new kits and long meetings about budget field trip market coffee rain road "
          "friends dinner music election results report office weekend mountains river family volunteers training".split(),
    "fr": "l'équipe a visité une école aujourd'hui avec des kits réunion budget terrain marché café pluie route amis "
          "dîner musique élection rapport bureau week-end montagne rivière famille bénévoles formation".split(),
    "es": "el equipo visitó una escuela hoy con nuevos materiales reunión presupuesto campo mercado café lluvia camino "
          "amigos cena música elección informe oficina fin de semana montaña río familia voluntarios".split(),
    "ru": "команда посетила школу сегодня новые наборы встреча бюджет поле рынок кофе дождь дорога друзья ужин музыка "
          "выборы отчёт офис выходные горы река семья волонтёры обучение".split(),
    "ar": "زار الفريق مدرسة اليوم مع مستلزمات جديدة اجتماع ميزانية ميدان سوق قهوة مطر طريق أصدقاء عشاء موسيقى "
          "انتخابات تقرير مكتب عطلة جبال نهر عائلة متطوعون تدريب".split(),
    "zh": "团队 今天 访问 学校 新的 物资 会议 预算 实地 市场 咖啡 下雨 道路 朋友 晚餐 音乐 选举 报告 办公室 周末 山 河 家人 志愿者 培训".split(),
}


def synthetic_posts(n: int, *, seed: int = 7) -> list[str]:
    """Distinct posts of 20-40 words in the six UN languages (mostly English, as in real histories)."""
    rng = random.Random(seed)
    langs = ["en"] * 5 + ["fr", "es", "ru", "ar", "zh"]
    out = []
    for i in range(n):
        words = _WORDS[rng.choice(langs)]
        sep = "" if words is _WORDS["zh"] else " "
        out.append(sep.join(rng.choice(words) for _ in range(rng.randint(20, 40))) + f" #{i}")
    return out


def main() -> None:
    from selfaudit.analysis.embedders import CachedEmbedder, make_embedder
    from selfaudit.analysis.judge import make_judge
    from selfaudit.analysis.pack import load_pack
    from selfaudit.analysis.pipeline import analyze

    from selfaudit.store import Store

    texts = synthetic_posts(N_POSTS)
    pack = load_pack()
    embedder = make_embedder("default")
    t = time.perf_counter()
    embedder.encode(texts[:64])
    load = time.perf_counter() - t
    print(f"model {embedder.name}: load + warm-up {load:.1f} s")

    t = time.perf_counter()
    embedder.encode(texts)
    bare = time.perf_counter() - t
    print(f"bare embedding: {N_POSTS} posts in {bare:.1f} s = {N_POSTS / bare:.0f} posts/s")

    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.db") as store:
        t = time.perf_counter()
        judge = make_judge(pack, CachedEmbedder(embedder, store), cache_dir=Path(tmp) / "heads")
        heads_s = time.perf_counter() - t
        how = "shipped trained model loaded" if judge.heads.model_id != "pack" else "fitted (cached on disk afterwards)"
        print(f"heads for pack {pack.id}: {how} in {heads_s:.1f} s")
        store.add_profile({"platform": "x", "account": "bench", "display_name": "Bench", "bio": "Analyst at UNDP"})
        base = dt.datetime(2015, 1, 1, tzinfo=dt.UTC)
        store.upsert_posts(
            {"platform": "x", "account": "bench", "native_id": str(i), "kind": "original", "source": "archive",
             "created_at": (base + dt.timedelta(hours=6 * i)).isoformat(), "text": text}
            for i, text in enumerate(texts)
        )
        kwargs = {"appointment_date": dt.date(2020, 1, 1), "pack": pack, "embedder": embedder, "judge": judge}
        first = analyze(store, **kwargs)
        second = analyze(store, **kwargs)
    rate = first.judged / first.seconds
    print(f"first analysis: {first.judged} posts in {first.seconds:.1f} s = {rate:.0f} posts/s "
          f"({rate / (N_POSTS / bare):.2f}x the bare embedding rate; target >= 0.8x); {first.post_findings} findings")
    total = load + heads_s + first.seconds
    print(f"judgement, {N_POSTS:,} posts end to end (model load + heads + first analysis): {total:.1f} s "
          f"(target <= 60 s on this 2-core machine: {'met' if total <= 60 else 'NOT met'})")
    print(f"second analysis: {second.judged} judged, {second.skipped} unchanged in {second.seconds:.2f} s "
          f"({first.seconds / max(second.seconds, 1e-9):.0f}x faster; target >= 20x)")


if __name__ == "__main__":
    main()
