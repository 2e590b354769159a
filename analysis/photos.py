"""Findings from pictures and places: positions, text in images, faces (#13).

Rules (one place):

- A precise position (EXIF GPS, a check-in's coordinates, Instagram's
  ``exif_data``) on a post made **after the appointment**, or one whose post,
  place name or picture text names a work site (duty station, compound,
  warehouse, convoy, official trip ...), is ``security-risk`` with the
  position as evidence; its severity comes from the pack's policy (high).
- Any other position (a pre-appointment holiday photo, or no appointment date
  given) is at most a **low** ``security-risk`` note: "remove the location".
- Text recognised in a picture is judged exactly like a post's text (the same
  :class:`~selfaudit.analysis.judge.PostJudge`); document markings such as
  "INTERNAL - DO NOT DISTRIBUTE" are ``confidential-info`` even when the judge
  is unsure.
- Several faces in one picture together with words about beneficiaries,
  refugees, children, patients or colleagues raise ``privacy-of-others``.

Every media finding's explanation carries ``origin: "media"``, the stored
file name (``media``), the position (``lat``/``lon``) when known and an OCR
excerpt (``ocr``), so reports and ``export findings`` can show them. A
``security-risk`` finding without a position takes the town its post or picture
text names (:mod:`selfaudit.analysis.placenames`, ``position_source`` "named
in the text"); a named town alone never raises one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from selfaudit.analysis.judge import Judgement, PostJudge
from selfaudit.analysis.longtext import judge_capped
from selfaudit.analysis.media import FACTS_VERSION, analyze_image
from selfaudit.analysis.pack import Pack
from selfaudit.analysis.placenames import place_evidence
from selfaudit.analysis.places import Position, positions_of
from selfaudit.analysis.severity import SeverityPolicy, action_for, certainty, severity_for, timing_of

from selfaudit.store import Store

__all__ = ["SITE_WORDS", "PEOPLE_WORDS", "CONFIDENTIAL_MARKS", "MediaView", "site_words", "media_findings",
           "analyze_pictures"]

SITE_WORDS = re.compile(
    r"\b(warehouses?|compounds?|duty station|depots?|convoys?|checkpoints?|mission (?:base|hq|office)|base camp|"
    r"field (?:visit|trip|mission)|official (?:trip|travel|visit|mission)|our (?:office|base|hq)|headquarters|"
    r"staff (?:house|residence|quarters)|entrep[oô]ts?|enceinte|lieu d'affectation|mission officielle|convois?|"
    r"almac[eé]n(?:es)?|recinto|lugar de destino|viaje oficial|convoyes?)\b"
    r"|مستودع|مجمع|قافلة|склад|колонна|командировк|仓库|营地|车队", re.IGNORECASE)
"""Words that tie a position to UN premises, assets or official travel (EN, FR, ES, AR, RU, ZH)."""

PEOPLE_WORDS = re.compile(
    r"\b(beneficiar(?:y|ies)|refugees?|children|kids|patients?|survivors?|colleagues?|displaced|orphans?|"
    r"b[eé]n[eé]ficiaires?|r[eé]fugi[eé]s?|enfants|coll[eè]gues|beneficiarios?|refugiados?|ni[nñ]os|pacientes|"
    r"colegas)\b|لاجئ|أطفال|مرضى|беженц|дет(?:и|ей)|пациент|коллег|难民|儿童|病人|同事", re.IGNORECASE)
"""Words about the people whose privacy the guidelines protect."""

CONFIDENTIAL_MARKS = re.compile(
    r"\b(internal\W{1,3}do not (?:distribute|circulate)|do not distribute|not for (?:distribution|circulation)|"
    r"strictly confidential|confidential|restricted|for internal use only|draft decision|"
    r"diffusion restreinte|confidentiel|ne pas diffuser|no distribuir|confidencial|uso interno)\b"
    r"|سري|конфиденциально|для служебного пользования|机密|内部", re.IGNORECASE)
"""Document markings that make a picture of a page ``confidential-info`` whatever else it says."""

_OCR_EXCERPT = 280


@dataclass(frozen=True, slots=True)
class MediaView:
    """One stored picture of a post, with the facts analysis found in it."""

    file: str
    facts: Mapping[str, Any]


def site_words(*texts: str | None) -> list[str]:
    """The work-site words found in the texts, in order, without repeats."""
    out: list[str] = []
    for text in texts:
        for m in SITE_WORDS.finditer(text or ""):
            word = m.group(0).lower()
            if word not in out:
                out.append(word)
    return out


def _fmt(pos: Position) -> str:
    return f"{abs(pos.lat):.5f}°{'N' if pos.lat >= 0 else 'S'}, {abs(pos.lon):.5f}°{'E' if pos.lon >= 0 else 'W'}"


def _where(pos: Position) -> str:
    return {"exif": "the photo's GPS tag", "facebook place": "the check-in",
            "instagram exif_data": "the photo's location in the export"}.get(pos.source, "the post's location")


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _OCR_EXCERPT else flat[: _OCR_EXCERPT - 1].rstrip() + "…"


def _finding(j: Judgement, pack: Pack, *, timing: str | None, kind: str | None, affiliated: bool,
             policy: SeverityPolicy, extra: Mapping[str, Any]) -> dict[str, Any]:
    concern = pack.concern(j.concern)
    severity = severity_for(j.concern, base=concern.severity_base, timing=timing, affiliated=affiliated,
                            policy=policy, score=j.score)
    return {"concern": j.concern, "severity": severity, "score": j.score, "certainty": certainty(j.score),
            "timing": timing,
            "explanation": {"reason": j.reason, "triggers": list(j.triggers), "exemplar": j.exemplar,
                            "evidence": list(j.evidence), "origin": "media", **extra},
            "action": action_for(concern.action, kind=kind, severity=severity), "pack": pack.id}


def _position_finding(post: Mapping[str, Any], pos: Position, media: str | None, words: list[str], pack: Pack, *,
                      timing: str | None, affiliated: bool, policy: SeverityPolicy) -> dict[str, Any]:
    where = f"{_where(pos)} ({_fmt(pos)}{f', {pos.name}' if pos.name else ''})"
    extra: dict[str, Any] = {"lat": pos.lat, "lon": pos.lon, "position_source": pos.source}
    if media:
        extra["media"] = media
    if pos.name:
        extra["place"] = pos.name
    if words or timing == "post-appointment":
        why = (f"it names a work site ({', '.join(f'“{w}”' for w in words[:3])})" if words
               else "it was posted after your appointment")
        reason = (f"This post gives away a precise position: {where}; {why}. Anyone can use it to find the "
                  "place (the guidelines warn about official travel and locations). Delete it, or re-upload the "
                  "picture without its location.")
        j = Judgement(concern="security-risk", score=0.9 if words else 0.8, triggers=tuple(words[:3]), reason=reason,
                      evidence=(where,))
        return _finding(j, pack, timing=timing, kind=post.get("kind"), affiliated=affiliated, policy=policy,
                        extra=extra)
    reason = (f"This post carries a precise position: {where}. It was posted before your appointment and names no "
              "work site, so it is only a note: remove the location from the post (or re-upload the picture "
              "without it) if you do not want it public.")
    return {"concern": "security-risk", "severity": "low", "score": 0.5, "certainty": "possible", "timing": timing,
            "explanation": {"reason": reason, "triggers": [], "exemplar": "", "evidence": [where], "origin": "media",
                            "note": "location", **extra},
            "action": "edit", "pack": pack.id}


def _ocr_findings(post: Mapping[str, Any], view: MediaView, judged: Sequence[Judgement], pack: Pack, *,
                  timing: str | None, affiliated: bool, policy: SeverityPolicy) -> list[dict[str, Any]]:
    text = str(view.facts.get("ocr") or "")
    excerpt = _excerpt(text)
    found = {j.concern: j for j in judged}
    mark = CONFIDENTIAL_MARKS.search(text)
    prior = found.get("confidential-info")
    if mark and (prior is None or prior.score < 0.8):
        found["confidential-info"] = Judgement(
            concern="confidential-info", score=0.9, triggers=(mark.group(0),),
            reason=f"The picture shows a document marked “{mark.group(0)}”: posting it discloses information "
                   "that was not made public. Delete the post.",
            evidence=(excerpt,))
    out = []
    for j in found.values():
        reason = j.reason if j.reason.startswith("The picture") else f"Text in the picture: {j.reason}"
        out.append(_finding(Judgement(j.concern, j.score, j.triggers, j.exemplar, reason, (excerpt, *j.evidence)),
                            pack, timing=timing, kind=post.get("kind"), affiliated=affiliated, policy=policy,
                            extra={"media": view.file, "ocr": excerpt}))
    return out


def _faces_finding(post: Mapping[str, Any], view: MediaView, words: list[str], pack: Pack, *, timing: str | None,
                   affiliated: bool, policy: SeverityPolicy) -> dict[str, Any]:
    n = int(view.facts.get("faces") or 0)
    reason = (f"The picture shows {n} faces and the post speaks of {', '.join(f'“{w}”' for w in words[:3])}: "
              "identifiable people the guidelines ask you to protect. Remove the picture or blur the faces, "
              "unless each person agreed.")
    j = Judgement(concern="privacy-of-others", score=0.75, triggers=tuple(words[:3]), reason=reason,
                  evidence=(f"{n} faces detected",))
    return _finding(j, pack, timing=timing, kind=post.get("kind"), affiliated=affiliated, policy=policy,
                    extra={"media": view.file, "faces": n})


def media_findings(posts: Sequence[tuple[Mapping[str, Any], Sequence[MediaView]]], *, pack: Pack,
                   judge: PostJudge | None, appointment_date: dt.date | None, affiliated: Callable[[int], bool],
                   policy: SeverityPolicy | None = None) -> dict[int, list[dict[str, Any]]]:
    """Media findings per post id.

    Args:
        posts: each post (store row: ``id, kind, text, created_at, extra, account_id``) with its pictures.
        pack: the policy pack (concern titles, actions, severity).
        judge: judges recognised text like a post (None: only document markings are caught).
        appointment_date: splits before/after (None: positions are only low notes unless a site is named).
        affiliated: whether an account id shows UN affiliation.
        policy: severity exceptions (from the pack when None).

    Returns:
        ``{post_id: [finding, ...]}`` for every post given (an empty list clears old media findings).
    """
    policy = policy or SeverityPolicy.from_pack(pack.severity)
    ocr_texts = [(i, k, str(v.facts.get("ocr") or "")) for i, (_, views) in enumerate(posts)
                 for k, v in enumerate(views) if v.facts.get("ocr")]
    judged: dict[tuple[int, int], list[Judgement]] = {}
    if judge is not None and ocr_texts:
        results = judge_capped(judge, [t for _, _, t in ocr_texts], kinds=[posts[i][0].get("kind") for i, _, _ in ocr_texts])
        judged = {(i, k): list(r) for (i, k, _), r in zip(ocr_texts, results, strict=True)}
    out: dict[int, list[dict[str, Any]]] = {}
    for i, (post, views) in enumerate(posts):
        timing = timing_of(post.get("created_at"), appointment_date)
        aff = affiliated(int(post.get("account_id") or 0))
        extra = post.get("extra") if isinstance(post.get("extra"), Mapping) else {}
        ocr_all = "\n".join(str(v.facts.get("ocr") or "") for v in views)
        found: list[dict[str, Any]] = []
        positions: list[tuple[Position, str | None]] = [(p, None) for p in positions_of(extra)]
        for v in views:
            if v.facts.get("lat") is not None and v.facts.get("lon") is not None:
                positions.insert(0, (Position(float(v.facts["lat"]), float(v.facts["lon"]), "exif"), v.file))
        if positions:
            pos, media = positions[0]
            words = site_words(post.get("text"), pos.name, str(extra.get("place") or ""), ocr_all)
            found.append(_position_finding(post, pos, media or (views[0].file if views else None), words, pack,
                                           timing=timing, affiliated=aff, policy=policy))
        for k, v in enumerate(views):
            if v.facts.get("ocr"):
                found += _ocr_findings(post, v, judged.get((i, k), []), pack, timing=timing, affiliated=aff,
                                       policy=policy)
            people = [m.group(0).lower() for m in PEOPLE_WORDS.finditer(f"{post.get('text') or ''}\n{v.facts.get('ocr') or ''}")]
            if int(v.facts.get("faces") or 0) >= 2 and people:
                found.append(_faces_finding(post, v, list(dict.fromkeys(people)), pack, timing=timing,
                                            affiliated=aff, policy=policy))
        best: dict[str, dict[str, Any]] = {}
        for f in found:  # one finding per concern per post: the strongest
            if f["concern"] not in best or f["score"] > best[f["concern"]]["score"]:
                best[f["concern"]] = f
        risk = best.get("security-risk")
        if risk is not None and risk["explanation"].get("lat") is None:  # no GPS: the town the words name, if any
            named = place_evidence(post.get("text"), ocr_all)
            risk["explanation"].update(named or {})
        out[int(post["id"])] = list(best.values())
    return out


def analyze_pictures(store: Store, posts: Sequence[Mapping[str, Any]], *, pack: Pack, judge: PostJudge | None,
                     appointment_date: dt.date | None, affiliated: Callable[[int], bool],
                     progress: Callable[[int, int], None] | None = None) -> tuple[int, int]:
    """Read the facts of new pictures, then write the media findings of every post with a picture or a position.

    Args:
        store: a writable store.
        posts: the store's posts (``iter_posts`` rows).
        pack, judge, appointment_date, affiliated: as for :func:`media_findings`.
        progress: ``(done, total)`` while pictures are read.

    Returns:
        ``(pictures analysed now, media findings written)``.
    """
    todo = store.media_to_analyze(FACTS_VERSION)
    batch: dict[str, dict[str, Any]] = {}
    for n, row in enumerate(todo, start=1):
        try:
            data = store.media_path(row["file"]).read_bytes()
            facts = analyze_image(data, name=row["file"]).as_dict()
        except OSError as exc:
            facts = {"notes": [f"{row['file']}: cannot be read from the data folder ({exc.strerror})"],
                     "version": FACTS_VERSION}
        batch[row["file"]] = facts
        if len(batch) >= 50 or n == len(todo):
            store.set_media_facts(batch, version=FACTS_VERSION)
            batch = {}
            if progress:
                progress(n, len(todo))
    views: dict[int, list[MediaView]] = {}
    for row in store.media():
        views.setdefault(int(row["post_id"]), []).append(MediaView(row["file"], row["facts"] or {}))
    chosen = [(p, views.get(int(p["id"]), [])) for p in posts
              if int(p["id"]) in views or positions_of(p.get("extra") if isinstance(p.get("extra"), Mapping) else {})]
    results = media_findings(chosen, pack=pack, judge=judge, appointment_date=appointment_date, affiliated=affiliated)
    store.replace_media_findings(pack.id, results)
    return len(todo), sum(len(v) for v in results.values())
