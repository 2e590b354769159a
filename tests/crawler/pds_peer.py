"""A real Bluesky PDS for the crawler's integration test: install, start, seed, stop.

The server is ``@atproto/pds`` from the npm registry, run by the shared
``peers/bluesky-pds/start_pds.sh`` (which also fetches Node 22 from npm when
the system node is older). The install is cached under the project's ignored
``.peers/`` folder; the state (SQLite, blobs, PLC op log) lives in a fresh
temporary folder per session. Everything here talks XRPC with the stdlib, so
the test checks the crawler against what the server says, not against itself.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Peer", "PeerError", "Xrpc", "XrpcError", "seed_accounts", "start_peer", "stop_peer", "tiny_png"]

REPO = Path(__file__).resolve().parents[2]
PEERS = Path(os.environ.get("SELFAUDIT_PEERS_DIR") or REPO / ".peers")  # the install cache (ignored by git)
PASSWORD = "hunter2-local-only"  # what the shared seed.py gives its accounts
INSTALL_TIMEOUT = 900.0  # a cold npm install of Node 22 + the PDS takes ~2-4 min
LOCK_TIMEOUT = 900.0


class PeerError(RuntimeError):
    """The PDS could not be installed, started or seeded."""


class XrpcError(RuntimeError):
    """An XRPC call answered with an HTTP error."""

    def __init__(self, status: int, body: str, nsid: str) -> None:
        super().__init__(f"{nsid}: HTTP {status}: {body[:300]}")
        self.status = status
        self.body = body


def shared_dir() -> Path:
    """The read-only shared folder (``$SELFAUDIT_SHARED``, else ``../shared`` next to the repo)."""
    env = os.environ.get("SELFAUDIT_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def free_port() -> int:
    """A free loopback TCP port (the PDS binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Xrpc:
    """Plain XRPC over HTTP: what the crawler is compared against."""

    def __init__(self, base: str, *, timeout: float = 30.0) -> None:
        self.base = base.rstrip("/")
        self.timeout = timeout

    def call(self, nsid: str, *, params: dict[str, Any] | None = None, body: Any = None, token: str | None = None,
             data: bytes | None = None, content_type: str = "application/json") -> Any:
        url = f"{self.base}/xrpc/{nsid}"
        if params:
            url += "?" + urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
        headers = {"Content-Type": content_type} if (body is not None or data is not None) else {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        payload = json.dumps(body).encode() if body is not None else data
        method = "POST" if payload is not None else "GET"
        request = urllib.request.Request(url, data=payload, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raise XrpcError(exc.code, exc.read().decode("utf-8", "replace"), nsid) from None
        return json.loads(raw) if raw else {}

    def get(self, nsid: str, **params: Any) -> Any:
        return self.call(nsid, params=params)

    def post(self, nsid: str, body: Any, *, token: str | None = None) -> Any:
        return self.call(nsid, body=body, token=token)

    def list_all(self, repo: str, collection: str, *, max_pages: int = 200) -> list[dict[str, Any]]:
        """Every record of a collection, following the cursor (bounded)."""
        out: list[dict[str, Any]] = []
        cursor = None
        for _ in range(max_pages):
            page = self.get("com.atproto.repo.listRecords", repo=repo, collection=collection, limit=100, cursor=cursor)
            out.extend(page.get("records") or [])
            cursor = page.get("cursor")
            if not cursor or not page.get("records"):
                return out
        raise PeerError(f"listRecords {collection} did not end within {max_pages} pages")

    def get_record(self, uri: str) -> dict[str, Any] | None:
        """A record by ``at://`` URI, or None when the server no longer has it."""
        did, collection, rkey = uri.removeprefix("at://").split("/")
        try:
            return dict(self.get("com.atproto.repo.getRecord", repo=did, collection=collection, rkey=rkey))
        except XrpcError as exc:
            if exc.status in (400, 404):
                return None
            raise


@dataclass(slots=True)
class Peer:
    """A running PDS + PLC pair on loopback."""

    pds_url: str
    plc_url: str
    state_dir: Path
    script: Path
    env: dict[str, str]
    pid: int
    start_seconds: float
    log: str = ""
    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def xrpc(self) -> Xrpc:
        return Xrpc(self.pds_url)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return f"(no {path.name})"


@contextlib.contextmanager
def _install_lock(timeout: float) -> Any:
    """One install at a time in ``.peers/`` (two test runs must not run npm in the same folder)."""
    PEERS.mkdir(parents=True, exist_ok=True)
    with open(PEERS / "pds.lock", "w") as fh:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise PeerError(f"another PDS install held {PEERS / 'pds.lock'} for {timeout:.0f}s") from None
                time.sleep(0.5)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def start_peer(*, state_dir: Path, timeout: float = INSTALL_TIMEOUT) -> Peer:
    """Install (cached in ``.peers/pds``) and start a fresh PDS + PLC on free loopback ports.

    Raises:
        PeerError: with the script's output and the server log when anything fails.
    """
    script = shared_dir() / "peers" / "bluesky-pds" / "start_pds.sh"
    if not script.is_file():
        raise PeerError(f"{script} is missing: set SELFAUDIT_SHARED to the shared folder")
    pds_port, plc_port = free_port(), free_port()
    while plc_port == pds_port:
        plc_port = free_port()
    env = {**os.environ, "PDS_DIR": str(PEERS / "pds"), "STATE_DIR": str(state_dir), "FRESH": "1",
           "PDS_PORT": str(pds_port), "PLC_PORT": str(plc_port), "LOG_LEVEL": "warn"}
    started = time.monotonic()
    with _install_lock(LOCK_TIMEOUT):
        try:
            proc = subprocess.run(["bash", str(script), "start"], env=env, capture_output=True, text=True,
                                  timeout=timeout, check=False, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as exc:
            _kill_from_pidfile(state_dir)
            raise PeerError(f"start_pds.sh did not finish in {timeout:.0f}s (install or start hung):\n"
                            f"{(exc.stdout or '')[-3000:]!s}\n{_tail(state_dir / 'pds.log')}") from None
    output = (proc.stdout or "") + (proc.stderr or "")
    if proc.returncode != 0:
        _kill_from_pidfile(state_dir)
        raise PeerError(f"start_pds.sh failed (exit {proc.returncode}); the PDS needs npm (registry reachable), "
                        f"g++ and make for its first install (after an interrupted install, remove {PEERS / 'pds'}):\n"
                        f"{output[-4000:]}\n--- pds.log ---\n"
                        f"{_tail(state_dir / 'pds.log')}")
    pid = int((state_dir / "pds.pid").read_text().strip())
    return Peer(pds_url=f"http://127.0.0.1:{pds_port}", plc_url=f"http://127.0.0.1:{plc_port}", state_dir=state_dir,
                script=script, env=env, pid=pid, start_seconds=time.monotonic() - started, log=output)


def _kill_from_pidfile(state_dir: Path) -> None:
    try:
        pid = int((state_dir / "pds.pid").read_text().strip())
    except (OSError, ValueError):
        return
    _stop_pid(pid)


def _stop_pid(pid: int, *, grace: float = 10.0) -> None:
    if not _alive(pid):
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.1)
    if _alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def stop_peer(peer: Peer) -> None:
    """Stop the node process (the script's ``stop``, then by PID if it is still there)."""
    with contextlib.suppress(subprocess.TimeoutExpired, OSError):
        subprocess.run(["bash", str(peer.script), "stop"], env=peer.env, capture_output=True, timeout=20,
                       check=False, stdin=subprocess.DEVNULL)
    _stop_pid(peer.pid, grace=5.0)


# ------------------------------------------------------------------ seeding
def tiny_png() -> bytes:
    """A valid 2x2 red PNG (the PDS sniffs uploaded blobs)."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + tag + data + zlib.crc32(tag + data).to_bytes(4, "big")
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    header = (2).to_bytes(4, "big") + (2).to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _facet(text: str, needle: str, feature: dict[str, Any]) -> dict[str, Any]:
    """A facet over the first ``needle`` in ``text``, with UTF-8 byte offsets."""
    start = len(text[: text.index(needle)].encode("utf-8"))
    return {"index": {"byteStart": start, "byteEnd": start + len(needle.encode("utf-8"))}, "features": [feature]}


def seed_accounts(peer: Peer, *, posts: int, out_dir: Path, timeout: float = 600.0) -> dict[str, Any]:
    """Seed alice.test and bob.test with the shared ``seed.py``, then add the cases it lacks.

    Returns:
        What the test needs to know about the extras: their URIs and expected values.
    """
    seed_py = shared_dir() / "peers" / "bluesky-pds" / "seed.py"
    try:
        proc = subprocess.run([sys.executable, str(seed_py), "--pds", peer.pds_url, "--plc", peer.plc_url,
                               "--posts", str(posts), "--out", str(out_dir)], capture_output=True, text=True,
                              timeout=timeout, check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise PeerError(f"seed.py did not finish in {timeout:.0f}s\n{_tail(peer.state_dir / 'pds.log')}") from None
    if proc.returncode != 0:
        raise PeerError(f"seed.py failed (exit {proc.returncode}):\n{(proc.stdout + proc.stderr)[-4000:]}")
    return _seed_extras(peer.xrpc)


def _seed_extras(x: Xrpc) -> dict[str, Any]:
    """What ``seed.py`` does not cover: embeds, image alt, mentions, tags, foreign replies, offsets, gone subjects."""
    sess = {h: x.post("com.atproto.server.createSession", {"identifier": h, "password": PASSWORD})
            for h in ("alice.test", "bob.test")}
    alice, bob = sess["alice.test"], sess["bob.test"]

    def create(who: dict[str, Any], collection: str, record: dict[str, Any]) -> dict[str, str]:
        out = x.post("com.atproto.repo.createRecord", {"repo": who["did"], "collection": collection,
                                                       "record": {"$type": collection, **record}},
                     token=who["accessJwt"])
        return {"uri": out["uri"], "cid": out["cid"]}

    now = "2026-01-15T10:00:00.000Z"
    website = "https://alice.example.test/"
    x.post("com.atproto.repo.putRecord", {
        "repo": alice["did"], "collection": "app.bsky.actor.profile", "rkey": "self",
        "record": {"$type": "app.bsky.actor.profile", "displayName": "Alice Example ✿",
                   "description": "Gardening, Rust and trains. Blog: https://blog.example.test/alice\nViews my own.",
                   "website": website, "createdAt": now}}, token=alice["accessJwt"])

    blob = x.call("com.atproto.repo.uploadBlob", data=tiny_png(), content_type="image/png",
                  token=bob["accessJwt"])["blob"]
    bob_img = create(bob, "app.bsky.feed.post", {
        "text": "Bob's garden today", "createdAt": now, "langs": ["en"],
        "embed": {"$type": "app.bsky.embed.images",
                  "images": [{"alt": "A red tomato on the vine", "image": blob, "aspectRatio": {"width": 2, "height": 2}}]}})
    bob_gone = create(bob, "app.bsky.feed.post", {"text": "bob post that will be deleted", "createdAt": now})

    card_text = "Reading this 📚 https://news.example.test/story"
    card = create(alice, "app.bsky.feed.post", {
        "text": card_text, "createdAt": "2025-06-01T08:30:00.000Z", "langs": ["en"],
        "facets": [_facet(card_text, "https://news.example.test/story",
                          {"$type": "app.bsky.richtext.facet#link", "uri": "https://news.example.test/story"})],
        "embed": {"$type": "app.bsky.embed.external",
                  "external": {"uri": "https://news.example.test/story", "title": "A story", "description": "About it"}}})
    blob2 = x.call("com.atproto.repo.uploadBlob", data=tiny_png(), content_type="image/png",
                   token=alice["accessJwt"])["blob"]
    image = create(alice, "app.bsky.feed.post", {
        "text": "My seedlings 🌱", "createdAt": "2025-06-02T09:00:00.000Z", "langs": ["en"],
        "embed": {"$type": "app.bsky.embed.images", "images": [{"alt": "Tray of basil seedlings", "image": blob2}]}})
    mention_text = "Héllo @bob.test, see #Gardening today"
    mention = create(alice, "app.bsky.feed.post", {
        "text": mention_text, "createdAt": "2025-06-03T10:00:00.000Z", "langs": ["fr", "en"],
        "facets": [_facet(mention_text, "@bob.test", {"$type": "app.bsky.richtext.facet#mention", "did": bob["did"]}),
                   _facet(mention_text, "#Gardening", {"$type": "app.bsky.richtext.facet#tag", "tag": "Gardening"})]})
    reply = create(alice, "app.bsky.feed.post", {
        "text": "Lovely tomato, Bob!", "createdAt": "2025-06-04T11:00:00.000Z",
        "reply": {"root": bob_img, "parent": bob_img}})
    offset = create(alice, "app.bsky.feed.post", {
        "text": "Posted from a +02:00 clock", "createdAt": "2021-03-04T05:06:07.123456+02:00"})
    create(alice, "app.bsky.feed.like", {"subject": bob_img, "createdAt": now})
    create(alice, "app.bsky.feed.repost", {"subject": bob_img, "createdAt": now})
    gone_like = create(alice, "app.bsky.feed.like", {"subject": bob_gone, "createdAt": now})
    x.post("com.atproto.repo.deleteRecord", {"repo": bob["did"], "collection": "app.bsky.feed.post",
                                             "rkey": bob_gone["uri"].rsplit("/", 1)[1]}, token=bob["accessJwt"])
    return {"alice": alice, "bob": bob, "website": website, "card": card["uri"], "image": image["uri"],
            "mention": mention["uri"], "reply": reply["uri"], "offset": offset["uri"], "bob_img": bob_img["uri"],
            "gone_like": gone_like["uri"]}
