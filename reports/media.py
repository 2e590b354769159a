"""Pictures and places in the report: data-URI thumbnails, the OCR excerpt, positions and an outline map (#13).

Everything stays inside the private file: thumbnails are small JPEGs without
metadata embedded as ``data:`` URIs (the page's CSP allows ``img-src data:``
and nothing else), and the map is inline SVG drawn from a coarse built-in
outline of the continents: no tiles, no remote image, ever.

:func:`load_media` reads the store (called by ``build.py``); the view
functions are pure.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from selfaudit.analysis.media import thumbnail_jpeg
from selfaudit.analysis.placenames import NAMED_SOURCE
from selfaudit.analysis.places import positions_of

__all__ = ["MAX_THUMBS", "load_media", "media_view", "places_view", "WORLD"]

MAX_THUMBS = 1000
"""Most thumbnails one report embeds (about 5 KB each)."""

_Row = dict[str, Any]

# Coarse outlines (lon, lat) of the continents, drawn by hand from a globe: enough to see where, never a map to navigate.
WORLD: tuple[tuple[tuple[float, float], ...], ...] = (
    ((-168, 65), (-160, 70), (-140, 70), (-120, 72), (-95, 72), (-80, 73), (-65, 60), (-55, 52), (-66, 45), (-76, 35),
     (-81, 25), (-90, 30), (-97, 26), (-97, 20), (-88, 15), (-83, 9), (-78, 8), (-92, 15), (-105, 20), (-112, 30),
     (-118, 34), (-124, 40), (-125, 49), (-135, 58), (-150, 60), (-165, 60)),
    ((-73, 78), (-60, 82), (-30, 83), (-20, 75), (-40, 65), (-50, 62), (-55, 70)),
    ((-78, 8), (-72, 12), (-62, 10), (-50, 0), (-35, -7), (-40, -22), (-48, -28), (-58, -38), (-65, -42), (-68, -55),
     (-74, -50), (-72, -35), (-70, -18), (-81, -5), (-80, 1)),
    ((-10, 36), (-9, 43), (-2, 44), (-5, 48), (2, 51), (8, 54), (10, 58), (5, 62), (15, 69), (25, 71), (40, 68),
     (60, 70), (80, 73), (110, 77), (140, 73), (180, 72), (180, 68), (170, 65), (160, 60), (135, 55), (140, 50),
     (130, 42), (122, 40), (122, 30), (110, 20), (106, 10), (104, 1), (100, 3), (98, 16), (92, 22), (88, 22),
     (80, 15), (77, 8), (72, 20), (67, 25), (58, 24), (55, 17), (43, 13), (35, 30), (36, 36), (28, 41), (22, 37),
     (15, 38), (12, 44), (8, 44), (3, 43), (-5, 36)),
    ((-17, 21), (-10, 30), (-5, 36), (10, 37), (20, 32), (32, 31), (35, 28), (43, 12), (51, 12), (40, -5), (40, -15),
     (35, -25), (20, -35), (18, -30), (12, -18), (13, -5), (9, 4), (-8, 4), (-15, 11)),
    ((-5, 50), (1, 51), (0, 53), (-2, 56), (-5, 58), (-6, 55), (-3, 54)),
    ((44, -25), (50, -15), (49, -12), (43, -17)),
    ((95, 5), (105, -6), (115, -8), (120, -9), (125, -8), (118, -3), (110, -2), (104, 2)),
    ((130, 31), (135, 34), (141, 38), (142, 45), (140, 41), (133, 33)),
    ((114, -22), (122, -18), (130, -12), (137, -12), (142, -11), (146, -19), (153, -26), (150, -37), (140, -38),
     (130, -32), (115, -34)),
    ((166, -46), (174, -41), (178, -37), (172, -35), (168, -44)),
)


def _data_uri(jpeg: bytes) -> str:
    return "data:image/jpeg;base64," + base64.b64encode(jpeg).decode("ascii")


def load_media(store: Any, post_ids: Iterable[int]) -> _Row:
    """What the report shows of pictures: thumbnails of the flagged posts' pictures and every geotagged post.

    Args:
        store: an open store (read-only is enough).
        post_ids: the flagged posts (only their pictures get thumbnails).

    Returns:
        ``{"thumbs": {file: data URI}, "by_post": {post_id: [media row]}, "places": [place row],
        "located": {post_id}}``.
    """
    wanted = set(post_ids)
    rows = store.media()
    by_post: dict[int, list[_Row]] = {}
    for r in rows:
        by_post.setdefault(int(r["post_id"]), []).append(r)
    thumbs: dict[str, str] = {}
    for r in rows:
        if int(r["post_id"]) in wanted and r["file"] not in thumbs and len(thumbs) < MAX_THUMBS:
            try:
                jpeg = thumbnail_jpeg(store.media_path(r["file"]).read_bytes())
            except OSError:
                jpeg = None
            if jpeg:
                thumbs[r["file"]] = _data_uri(jpeg)
    named: dict[int, _Row] = {}  # only posts with a finding: a town named in an unflagged post is not mapped
    for f in store.findings():
        ex = f.get("explanation") if isinstance(f.get("explanation"), dict) else {}
        if f.get("post_id") and ex.get("position_source") == NAMED_SOURCE and ex.get("lat") is not None:
            named.setdefault(int(f["post_id"]), ex)
    places: list[_Row] = []
    for post in store.iter_posts():
        pid = int(post["id"])
        spot = next(((f["lat"], f["lon"], "GPS in the photo") for m in by_post.get(pid, [])
                     if (f := m.get("facts") or {}).get("lat") is not None and f.get("lon") is not None), None)
        if spot is None and (pos := positions_of(post.get("extra") if isinstance(post.get("extra"), Mapping) else {})):
            spot = (pos[0].lat, pos[0].lon, pos[0].name or "a check-in")
        precise = spot is not None
        if spot is None and (ex := named.get(pid)):
            spot = (ex["lat"], ex["lon"], f"{ex.get('place') or 'a town'}, {NAMED_SOURCE} (the town, not the spot)")
        if spot:
            places.append({"post_id": pid, "lat": float(spot[0]), "lon": float(spot[1]), "what": spot[2],
                           "created_at": post.get("created_at"), "platform": post.get("platform"),
                           "precise": precise})
    return {"thumbs": thumbs, "by_post": by_post, "places": places, "located": {p["post_id"] for p in places}}


def _position(lat: Any, lon: Any, *, digits: int = 5) -> str:
    lat, lon = float(lat), float(lon)
    return f"{abs(lat):.{digits}f}°{'N' if lat >= 0 else 'S'}, {abs(lon):.{digits}f}°{'E' if lon >= 0 else 'W'}"


def media_view(post_id: Any, findings: list[_Row], media: _Row | None) -> _Row:
    """The picture part of one post card: thumbnails, OCR excerpt, position, and the two filter facets."""
    media = media or {}
    rows = (media.get("by_post") or {}).get(post_id, [])
    thumbs = media.get("thumbs") or {}
    extras = [f.get("explanation") or {} for f in findings if (f.get("explanation") or {}).get("origin") == "media"]
    pictures = []
    for r in rows:
        facts = r.get("facts") or {}
        about = next((e for e in extras if e.get("media") == r["file"]), {})
        pictures.append({
            "src": thumbs.get(r["file"], ""),
            "file": r["file"],
            "ocr": str(about.get("ocr") or "")[:400],
            "position": _position(facts["lat"], facts["lon"]) if facts.get("lat") is not None else "",
            "faces": int(facts.get("faces") or 0),
            "notes": [str(n) for n in facts.get("notes") or []][:3],
        })
    located = (any(e.get("lat") is not None for e in extras) or any(p["position"] for p in pictures)
               or post_id in (media.get("located") or ()))
    where = next((f"{_position(e['lat'], e['lon'])}{', ' + str(e['place']) if e.get('place') else ''}"
                  for e in extras if e.get("lat") is not None and e.get("position_source") != NAMED_SOURCE), "")
    town = next((e for f in findings if (e := f.get("explanation") or {}).get("position_source") == NAMED_SOURCE
                 and e.get("lat") is not None), None)
    if not where and town:
        where = f"{town.get('place') or _position(town['lat'], town['lon'], digits=2)} ({NAMED_SOURCE}: the town, not the spot)"
        located = True
    return {"pictures": pictures, "where": where, "has_media": "yes" if rows else "no",
            "has_location": "yes" if located else "no"}


def _xy(lat: float, lon: float) -> tuple[float, float]:
    return round((lon + 180) * 2, 1), round((90 - lat) * 2, 1)


def places_view(places: list[_Row], appointment: dt.date | None) -> _Row | None:
    """The outline map (SVG paths and points) and the list of geotagged posts, split by the appointment date."""
    if not places:
        return None
    outlines = [" ".join(f"{'M' if i == 0 else 'L'}{x},{y}" for i, (x, y) in
                         enumerate(_xy(lat, lon) for lon, lat in poly)) + " Z" for poly in WORLD]
    points = []
    for p in sorted(places, key=lambda p: str(p.get("created_at") or "")):
        day = str(p.get("created_at") or "")[:10]
        when = "unknown"
        if appointment and day:
            when = "before" if day < appointment.isoformat() else "after"
        x, y = _xy(p["lat"], p["lon"])
        digits = 5 if p.get("precise", True) else 2  # a named town is not a GPS fix: no false precision
        points.append({"x": x, "y": y, "when": when, "date": day or "undated",
                       "position": _position(p["lat"], p["lon"], digits=digits), "precise": digits == 5,
                       "what": str(p.get("what") or ""), "platform": str(p.get("platform") or "")})
    return {"outlines": outlines, "points": points, "named": sum(not p["precise"] for p in points),
            "after": sum(p["when"] == "after" for p in points), "before": sum(p["when"] == "before" for p in points),
            "appointment": appointment.isoformat() if appointment else ""}
