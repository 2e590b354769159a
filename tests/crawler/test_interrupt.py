"""SIGTERM to ``selfaudit crawl``: the child stops too, the run is marked interrupted, no job file is left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from selfaudit.store import Store
from tests.crawler.loopsite import REPO, Site, html, serve


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigterm_stops_the_child_and_records_the_run(tmp_path: Path) -> None:
    site = Site(routes={"/blog/": html("<p>slow</p>")}, delays={"/blog/": 30.0})
    temp = tmp_path / "tmp"
    temp.mkdir()
    with serve(site):
        config = tmp_path / "selfaudit.toml"
        config.write_text(f'accounts = ["{site.base}/blog/"]\n[crawl]\nbio_link_hops = 0\njavascript = false\n'
                          "obey_robots = false\n", encoding="utf-8")
        env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(REPO)}
        proc = subprocess.Popen([sys.executable, "-m", "selfaudit.app", "crawl", "--fast", "--config", str(config),
                                 "--data", str(tmp_path / "d")], cwd=REPO, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        child = None
        for _ in range(600):  # up to a minute for the child to start and ask for the slow page
            kids = _children(proc.pid)
            if kids and "/blog/" in site.log:
                child = kids[0]
                break
            time.sleep(0.1)
        assert child is not None, "the crawl child never started"
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert "error:" in out and "interrupted" in out and "Traceback" not in out, out
    for _ in range(100):
        if not _alive(child):
            break
        time.sleep(0.1)
    assert not _alive(child), "the crawl child outlived the CLI"
    assert not list(temp.glob("selfaudit-crawl-*")), "the job folder was left behind"
    with Store.open(tmp_path / "d" / "selfaudit.db") as store:
        assert store.runs(kind="crawl")[0]["status"] == "interrupted"
