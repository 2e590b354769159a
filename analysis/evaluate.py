"""``make eval``: honest scores of the classifier on the shared dev sets.

The heads learn from the policy pack only, so no dev post is ever training
data. Prints per-concern precision/recall/F1, macro-F1 over the post concerns,
the false-flag rate on clean posts, English vs other-language macro-F1, and
account-concern scores. The shared folder is ``../shared`` next to the repo
root, or ``$SELFAUDIT_SHARED``.

Usage: ``python -m analysis.evaluate [--embedder SPEC] [--pack REF] [--json]``
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

__all__ = ["evaluate", "main", "prf", "shared_dir"]


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


def evaluate(*, pack_ref: str | None = None, embedder_spec: str | None = None, shared: Path | None = None) -> dict[str, Any]:
    """Run the classifier over the dev sets and compute the metrics."""
    from analysis.commands import build_judge
    from analysis.pack import ACCOUNT_CONCERNS
    from analysis.pipeline import classify_post_lines, classify_profile_lines

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
        "seconds_fit": t1 - t0,
        "seconds_classify": t2 - t1,
    }


def _table(title: str, rows: Mapping[str, Mapping[str, float]]) -> str:
    lines = [title, f"{'concern':32} {'prec':>6} {'recall':>6} {'F1':>6} {'n':>4}"]
    for cid, m in rows.items():
        lines.append(f"{cid:32} {m['precision']:6.2f} {m['recall']:6.2f} {m['f1']:6.2f} {int(m['support']):4d}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluate", description=__doc__.split("\n")[0])
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
    print(f"pack {r['pack']} ({r['pack_digest']}), embedder {r['embedder']}, {r['posts']} dev posts")
    print(_table("Post concerns", r["per_concern"]))
    print(f"macro-F1 (post concerns)      {r['macro_f1']:.3f}")
    print(f"clean posts flagged           {r['clean_flag_rate']:.1%}")
    print(f"macro-F1 English / other      {r['macro_f1_en']:.3f} / {r['macro_f1_non_en']:.3f}")
    print(_table("Account concerns", r["account_per_concern"]))
    print(f"account macro-F1              {r['account_macro_f1']:.3f}")
    print(f"time: fit/load {r['seconds_fit']:.1f} s, classify {r['seconds_classify']:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
