"""``make eval``: honest scores of the classifier on the shared dev sets and on our test sets.

The heads learn from the policy pack only, so no dev post is ever training
data. Prints per-concern precision/recall/F1, macro-F1 over the post concerns,
the false-flag rate on clean posts, English vs other-language macro-F1, and
account-concern scores. The shared folder is ``../shared`` next to the repo
root, or ``$SELFAUDIT_SHARED``.

Usage: ``python -m selfaudit.analysis.evaluate [--embedder SPEC] [--pack REF] [--json]``
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["bands", "evaluate", "evaluate_test", "main", "prf", "score_set", "shared_dir", "section_figures"]


def shared_dir() -> Path:
    """Where the shared reference folder is (``$SELFAUDIT_SHARED`` or ``../shared``)."""
    env = os.environ.get("SELFAUDIT_SHARED")
    return Path(env) if env else Path(__file__).resolve().parent.parent.parent / "shared"


def prf(gold: Sequence[set[str]], pred: Sequence[set[str]], concern: str) -> tuple[float, float, float, int]:
    """Precision, recall, F1 and support of one concern (F1 is 0 when undefined)."""
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if concern in g and concern in p)
    fp = sum(1 for g, p in zip(gold, pred, strict=True) if concern not in g and concern in p)
    fn = sum(1 for g, p in zip(gold, pred, strict=True) if concern in g and concern not in p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp + fn


def _macro(gold: Sequence[set[str]], pred: Sequence[set[str]], concerns: Iterable[str]) -> float:
    scores = [prf(gold, pred, c)[2] for c in concerns if any(c in g for g in gold)]
    return sum(scores) / len(scores) if scores else 0.0


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _per_lang(records: Sequence[Mapping[str, Any]], gold: Sequence[set[str]], pred: Sequence[set[str]],
              concerns: Sequence[str]) -> dict[str, float]:
    langs = sorted({str(r.get("lang") or "?") for r in records})
    out = {}
    for lang in langs:
        idx = [i for i, r in enumerate(records) if r.get("lang") == lang]
        out[lang] = _macro([gold[i] for i in idx], [pred[i] for i in idx], concerns)
    return out


def score_set(records: Sequence[Mapping[str, Any]], pred: Sequence[set[str]], concerns: Sequence[str]) -> dict[str, Any]:
    """Labelled-set metrics: per concern, macro-F1, per-language macro-F1, clean posts flagged."""
    gold = [set(r.get("labels") or []) for r in records]
    clean = [i for i, g in enumerate(gold) if not g]
    return {
        "posts": len(records),
        "per_concern": {c: dict(zip(("precision", "recall", "f1", "support"), prf(gold, pred, c), strict=True))
                        for c in concerns},
        "macro_f1": _macro(gold, pred, concerns),
        "macro_f1_by_lang": _per_lang(records, gold, pred, concerns),
        "clean_flag_rate": sum(1 for i in clean if pred[i]) / max(len(clean), 1),
        "clean_flag_by_lang": {lang: _share([pred[i] for i in clean if records[i].get("lang") == lang])
                               for lang in sorted({str(records[i].get("lang")) for i in clean})},
    }


def _share(preds: Sequence[set[str]], concern: str | None = None) -> float:
    hits = [bool(p) if concern is None else concern in p for p in preds]
    return sum(hits) / len(hits) if hits else 0.0


_OFFENSIVE = {"offensive-conduct", "unbefitting-conduct"}


def section_figures(records: Sequence[Mapping[str, Any]], pred: Sequence[set[str]]) -> dict[str, Any]:
    """The test set's own checks, by ``group``: ordinary, parallel, political, offensive."""
    by: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        by.setdefault(str(r.get("group") or ""), []).append(i)
    out: dict[str, Any] = {}
    ordinary = [i for g, idx in by.items() if g.startswith("ordinary") for i in idx]
    if ordinary:
        langs = sorted({str(records[i].get("lang")) for i in ordinary})
        out["ordinary_flagged_by_lang"] = {lang: _share([pred[i] for i in ordinary if records[i].get("lang") == lang])
                                           for lang in langs}
        out["ordinary_posts"] = len(ordinary)
        plain = [i for i in ordinary if not records[i].get("labels")]
        out["ordinary_clean_flagged_by_lang"] = {
            lang: _share([pred[i] for i in plain if records[i].get("lang") == lang])
            for lang in sorted({str(records[i].get("lang")) for i in plain})}
    # Neutral news and travel sentences: "parallel" ones are translations of each other (same ``pair``).
    par = [i for g in ("parallel", "travel_news") for i in by.get(g, []) if not records[i].get("labels")]
    if par:
        groups: dict[str, list[int]] = {}
        for i in par:
            if records[i].get("pair"):
                groups.setdefault(str(records[i].get("pair")), []).append(i)
        agree = [len({frozenset(pred[i]) for i in idx}) == 1 for idx in groups.values() if len(idx) > 1]
        vs_en = []
        for idx in groups.values():
            en = [i for i in idx if records[i].get("lang") == "en"]
            if en:
                vs_en += [pred[i] == pred[en[0]] for i in idx if i != en[0]]
        out["parallel"] = {
            "sentences": len(par), "groups": len(groups),
            "flagged_any": _share([pred[i] for i in par]),
            "flagged_partisan": _share([pred[i] for i in par], "partisan-politics"),
            "flagged_security": _share([pred[i] for i in par], "security-risk"),
            "flagged_by_lang": {lang: _share([pred[i] for i in par if records[i].get("lang") == lang])
                                for lang in sorted({str(records[i].get("lang")) for i in par})},
            "all_languages_agree": sum(agree) / len(agree) if agree else None,
            "translation_agrees_with_english": sum(vs_en) / len(vs_en) if vs_en else None,
        }
    pol = by.get("political", [])
    if pol:
        truth = ["partisan-politics" in (records[i].get("labels") or []) for i in pol]
        guess = ["partisan-politics" in pred[i] for i in pol]
        pos = [g for t, g in zip(truth, guess, strict=True) if t]
        neg = [g for t, g in zip(truth, guess, strict=True) if not t]
        out["political"] = {"posts": len(pol), "accuracy": sum(t == g for t, g in zip(truth, guess, strict=True)) / len(pol),
                            "partisan_found": sum(pos) / max(len(pos), 1), "neutral_flagged": sum(neg) / max(len(neg), 1)}
    off = by.get("offensive", [])
    if off:
        res = {}
        for lang in sorted({str(records[i].get("lang")) for i in off}):
            idx = [i for i in off if records[i].get("lang") == lang]
            bad = [i for i in idx if set(records[i].get("labels") or []) & _OFFENSIVE]
            ok = [i for i in idx if not records[i].get("labels")]
            res[lang] = {"recall": sum(1 for i in bad if pred[i] & _OFFENSIVE) / max(len(bad), 1),
                         "inoffensive_flagged": sum(1 for i in ok if pred[i] & _OFFENSIVE) / max(len(ok), 1),
                         "offensive": len(bad), "inoffensive": len(ok)}
        out["offensive"] = res
    return out


def _predict(records: Sequence[Mapping[str, Any]], judge: Any) -> list[dict[str, float]]:
    """Flagged concern -> calibrated score, per post."""
    from selfaudit.analysis.classify import classify_post_lines

    inputs = [{k: v for k, v in p.items() if k in ("id", "text", "kind")} for p in records]
    return [{c["id"]: float(c["score"]) for c in o["concerns"]} for o in classify_post_lines(inputs, judge, appointment_date=None)]


def bands(records: Sequence[Mapping[str, Any]], scored: Sequence[Mapping[str, float]]) -> dict[str, float]:
    """Precision of strong findings (the main list) and of "worth a look" ones, and clean posts with a strong one."""
    from selfaudit.analysis.severity import STRONG_AT

    gold = [set(r.get("labels") or []) for r in records]
    strong = [(c in g) for g, s in zip(gold, scored, strict=True) for c, v in s.items() if v >= STRONG_AT]
    maybe = [(c in g) for g, s in zip(gold, scored, strict=True) for c, v in s.items() if v < STRONG_AT]
    clean = [s for g, s in zip(gold, scored, strict=True) if not g]
    return {"strong": len(strong), "strong_precision": sum(strong) / max(len(strong), 1),
            "possible": len(maybe), "possible_precision": sum(maybe) / max(len(maybe), 1),
            "clean_strong_rate": sum(1 for s in clean if any(v >= STRONG_AT for v in s.values())) / max(len(clean), 1)}


def test_dir() -> Path:
    """Our own test set (written apart from the training corpus; never trained or tuned on)."""
    return Path(__file__).resolve().parent / "corpus" / "test"


def evaluate_test(judge: Any, folder: Path | None = None) -> dict[str, dict[str, Any]]:
    """Metrics on each test set (one file each, by file stem); empty when there is none."""
    concerns = [c.id for c in judge.pack.post_concerns]
    out: dict[str, dict[str, Any]] = {}
    for f in sorted((folder or test_dir()).glob("*.jsonl")):
        records = _read(f)
        scored = _predict(records, judge)
        pred = [set(s) for s in scored]
        out[f.stem] = {**score_set(records, pred, concerns), "sections": section_figures(records, pred),
                       "bands": bands(records, scored)}
    return out


def evaluate(*, pack_ref: str | None = None, embedder_spec: str | None = None, shared: Path | None = None) -> dict[str, Any]:
    """Run the classifier over the dev sets and compute the metrics."""
    from selfaudit.analysis.classify import classify_post_lines, classify_profile_lines
    from selfaudit.analysis.judge import build_judge
    from selfaudit.analysis.pack import ACCOUNT_CONCERNS

    shared = shared or shared_dir()
    posts = _read(shared / "eval" / "dev_posts.jsonl")
    profiles = _read(shared / "eval" / "dev_profiles.jsonl")
    t0 = time.perf_counter()
    judge = build_judge(pack_ref, embedder_spec)
    t1 = time.perf_counter()
    inputs = [{k: v for k, v in p.items() if k not in ("labels", "why", "lang")} for p in posts]
    out = list(classify_post_lines(inputs, judge, appointment_date=None))
    t2 = time.perf_counter()
    gold = [set(p["labels"]) for p in posts]
    pred = [{c["id"] for c in o["concerns"]} for o in out]
    scored = [{c["id"]: float(c["score"]) for c in o["concerns"]} for o in out]
    concerns = [c.id for c in judge.pack.post_concerns]
    per = {c: dict(zip(("precision", "recall", "f1", "support"), prf(gold, pred, c), strict=True)) for c in concerns}
    clean = [i for i, g in enumerate(gold) if not g]
    en = [i for i, p in enumerate(posts) if p.get("lang") == "en"]
    other = [i for i, p in enumerate(posts) if p.get("lang") != "en"]

    acc_inputs = [{k: v for k, v in p.items() if k not in ("labels", "why")} for p in profiles]
    acc_out = list(classify_profile_lines(acc_inputs, judge))
    acc_gold = [set(p["labels"]) for p in profiles]
    acc_pred = [{c["id"] for c in o["concerns"]} for o in acc_out]
    acc_ids = [c for c in ACCOUNT_CONCERNS if any(c == x.id for x in judge.pack.account_concerns)]
    return {
        "pack": judge.pack.id,
        "pack_digest": judge.pack.digest,
        "embedder": judge.embedder.name,
        "posts": len(posts),
        "per_concern": per,
        "macro_f1": _macro(gold, pred, concerns),
        "clean_flag_rate": sum(1 for i in clean if pred[i]) / max(len(clean), 1),
        "macro_f1_en": _macro([gold[i] for i in en], [pred[i] for i in en], concerns),
        "macro_f1_non_en": _macro([gold[i] for i in other], [pred[i] for i in other], concerns),
        "account_per_concern": {c: dict(zip(("precision", "recall", "f1", "support"), prf(acc_gold, acc_pred, c), strict=True))
                                for c in acc_ids},
        "account_macro_f1": _macro(acc_gold, acc_pred, acc_ids),
        "macro_f1_by_lang": _per_lang(posts, gold, pred, concerns),
        "seconds_fit": t1 - t0,
        "seconds_classify": t2 - t1,
        "model": judge.heads.model_id,
        "bands": bands(posts, scored),
        "test": evaluate_test(judge),
    }


def _table(title: str, rows: Mapping[str, Mapping[str, float]]) -> str:
    lines = [title, f"{'concern':32} {'prec':>6} {'recall':>6} {'F1':>6} {'n':>4}"]
    for cid, m in rows.items():
        lines.append(f"{cid:32} {m['precision']:6.2f} {m['recall']:6.2f} {m['f1']:6.2f} {int(m['support']):4d}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m selfaudit.analysis.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--pack", default=None, help="pack id or path (default: un-secretariat)")
    parser.add_argument("--embedder", default=None, help="embedder spec (default: the product default)")
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    args = parser.parse_args(argv)
    from selfaudit.errors import SelfAuditError

    try:
        r = evaluate(pack_ref=args.pack, embedder_spec=args.embedder)
    except (SelfAuditError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(r, indent=2))
        return 0
    print(f"pack {r['pack']} ({r['pack_digest']}), embedder {r['embedder']}, model {r['model']}")
    print(f"DEV SET (../shared/eval, {r['posts']} posts)")
    print(_table("Post concerns", r["per_concern"]))
    print(f"macro-F1 (post concerns)      {r['macro_f1']:.3f}")
    print(f"clean posts flagged           {r['clean_flag_rate']:.1%}")
    print(f"macro-F1 English / other      {r['macro_f1_en']:.3f} / {r['macro_f1_non_en']:.3f}")
    print("macro-F1 by language          " + _langs(r["macro_f1_by_lang"], "{:.3f}"))
    _print_bands(r["bands"])
    print(_table("Account concerns", r["account_per_concern"]))
    print(f"account macro-F1              {r['account_macro_f1']:.3f}")
    print(f"time: fit/load {r['seconds_fit']:.1f} s, classify {r['seconds_classify']:.1f} s")
    for name, t in r["test"].items():
        _print_test(name, t)
    return 0


def _print_bands(b: Mapping[str, float]) -> None:
    print(f"main list (strong, >= 0.6): {int(b['strong'])} findings, precision {b['strong_precision']:.2f}; "
          f"worth a look (0.5-0.6): {int(b['possible'])}, precision {b['possible_precision']:.2f}; "
          f"clean posts with a strong finding {b['clean_strong_rate']:.1%}")


def _langs(values: Mapping[str, float], fmt: str) -> str:
    return "  ".join(f"{k} {fmt.format(v)}" for k, v in values.items())


def _print_test(name: str, t: Mapping[str, Any]) -> None:
    print()
    print(f"TEST SET {name} (analysis/corpus/test/{name}.jsonl, {t['posts']} posts; never trained or tuned on)")
    print(_table("Post concerns", t["per_concern"]))
    print(f"macro-F1 (post concerns)      {t['macro_f1']:.3f}")
    print("macro-F1 by language          " + _langs(t["macro_f1_by_lang"], "{:.3f}"))
    print(f"clean posts flagged           {t['clean_flag_rate']:.1%}   by language: "
          + _langs(t["clean_flag_by_lang"], "{:.0%}"))
    _print_bands(t["bands"])
    sec = t["sections"]
    if "ordinary_flagged_by_lang" in sec:
        print(f"ordinary posts flagged ({sec['ordinary_posts']}), target <= 10% each: "
              + _langs(sec["ordinary_flagged_by_lang"], "{:.0%}"))
        print("  of them unlabelled (clean) ones flagged:  " + _langs(sec["ordinary_clean_flagged_by_lang"], "{:.0%}"))
    if "parallel" in sec:
        p = sec["parallel"]
        print(f"neutral news and travel sentences ({p['sentences']}): flagged {p['flagged_any']:.0%}, "
              f"partisan {p['flagged_partisan']:.0%} (<= 5%), security {p['flagged_security']:.0%} (<= 5%); "
              "by language: " + _langs(p["flagged_by_lang"], "{:.0%}"))
        if p["translation_agrees_with_english"] is not None:
            print(f"  translations ({p['groups']} groups): agree with English {p['translation_agrees_with_english']:.0%} "
                  f"(>= 90%), all six agree {p['all_languages_agree']:.0%}")
    if "political" in sec:
        p = sec["political"]
        print(f"partisan vs neutral political posts ({p['posts']}): accuracy {p['accuracy']:.2f} (>= 0.75), "
              f"partisan found {p['partisan_found']:.0%}, neutral flagged partisan {p['neutral_flagged']:.0%}")
    if "offensive" in sec:
        print("offensive vs inoffensive (offensive or unbefitting flagged), target recall >= 0.70, inoffensive <= 10%:")
        for lang, o in sec["offensive"].items():
            print(f"  {lang}: recall {o['recall']:.2f} ({o['offensive']}), inoffensive flagged {o['inoffensive_flagged']:.0%} "
                  f"({o['inoffensive']})")


if __name__ == "__main__":
    raise SystemExit(main())
