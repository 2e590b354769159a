"""Pictures (#13): analysis time per 1,000 photos of 1-4 MP (target < 2 min) and report size with 200 thumbnails (< 10 MB).

Photos are generated (gradient, shapes, sensor noise, GPS in EXIF; no text, so
OCR is not run: the "without OCR-heavy content" case of the target). 40
distinct photos are made (not timed) and ``analyze_image`` (metadata, decode
with JPEG draft scaling, faces, text test) runs 1,000 times over them. The
report part stores 200 distinct photos with one media finding each and times
``build_report``. Run: ``python -m bench bench_media``.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from pathlib import Path

N_IMAGES = int(os.environ.get("SELFAUDIT_BENCH_IMAGES", "1000"))
N_DISTINCT = 40
N_THUMBS = 200


def _photos(n: int, seed: int) -> list[bytes]:
    from selfaudit.sandbox.pictures import bench_photo

    rng = random.Random(seed)
    return [bench_photo(seed + i, megapixels=rng.uniform(1.0, 4.0)) for i in range(n)]


def _analysis() -> None:
    from selfaudit.analysis.media import analyze_image, faces_available, ocr_available

    photos = _photos(N_DISTINCT, 1)
    analyze_image(photos[0])  # load the cascade once, as a real run does
    started, cpu = time.perf_counter(), time.process_time()
    ocr_runs = faces = 0
    for i in range(N_IMAGES):
        facts = analyze_image(photos[i % N_DISTINCT])
        ocr_runs += facts.texty
        faces += facts.faces or 0
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    per_1000 = took / N_IMAGES * 1000
    mb = sum(len(p) for p in photos) / len(photos) / 2**20
    print(f"media analysis: {N_IMAGES} photos of 1-4 MP (avg {mb:.2f} MB JPEG) in {took:.1f} s = "
          f"{per_1000:.0f} s per 1,000 ({'meets' if per_1000 < 120 else 'MISSES'} the < 120 s target; "
          f"CPU {cpu / N_IMAGES * 1000:.0f} s per 1,000 over all threads, so wall time depends on how busy the "
          f"machine is: load {os.getloadavg()[0]:.1f}); "
          f"faces={'on' if faces_available() else 'off'}, OCR={'available' if ocr_available() else 'missing'}, "
          f"OCR run on {ocr_runs}, faces found {faces}")


def _report() -> None:
    from selfaudit.reports.build import build_report

    from selfaudit.store import Store

    photos = _photos(N_THUMBS, 1000)
    with tempfile.TemporaryDirectory() as tmp:
        with Store.open(Path(tmp) / "data" / "selfaudit.db") as store:
            store.upsert_posts([{"platform": "x", "account": "ana", "native_id": str(i), "kind": "original",
                                 "text": f"Photo {i} from the trip", "created_at": f"20{15 + i % 10}-05-01T10:00:00Z",
                                 "source": "archive"} for i in range(N_THUMBS)])
            store.add_media([{"platform": "x", "account": "ana", "native_id": str(i), "origin": f"m/{i}", "data": d}
                             for i, d in enumerate(photos)])
            ids = {p["native_id"]: p["id"] for p in store.iter_posts()}
            rows = store.media()
            store.set_media_facts({r["file"]: {"lat": 10.0 + int(r["origin"][2:]) % 50,
                                               "lon": 20.0 + int(r["origin"][2:]) % 90} for r in rows}, version=1)
            store.replace_media_findings("un-secretariat", {
                ids[r["origin"][2:]]: [{"concern": "security-risk", "severity": "high", "score": 0.8,
                                        "timing": "post-appointment", "action": "edit",
                                        "explanation": {"reason": "The photo's GPS tag gives the place away.",
                                                        "origin": "media", "media": r["file"], "lat": 10.0, "lon": 20.0}}]
                for r in rows})
            started = time.perf_counter()
            result = build_report(store, html_path=Path(tmp) / "r.html", appointment_date="2018-01-01")
            took = time.perf_counter() - started
        size = result.html_bytes / 2**20
        thumbs = result.html_path.read_text().count('src="data:image/jpeg;base64,')
        print(f"report with {thumbs} thumbnails: {size:.2f} MB ({'meets' if size < 10 else 'MISSES'} the < 10 MB target), "
              f"built in {took:.1f} s")


def main() -> None:
    _analysis()
    _report()


if __name__ == "__main__":
    main()
