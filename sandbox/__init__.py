"""A local social web for the demo and the crawler tests: Mastodon, AT Protocol and a blog on one port.

URL layout (everything on ``http://127.0.0.1:PORT``):

- Mastodon: ``/.well-known/webfinger``, ``/api/v1/accounts/lookup``, ``/api/v1/accounts/:id[/statuses]``,
  ``/api/v1/statuses/:id``; ActivityPub ``/users/<name>`` (actor, with ``Accept: application/activity+json``),
  ``/users/<name>/outbox[?page=true]``, ``/users/<name>/statuses/<id>[/activity]``; HTML ``/@<name>[/<id>]``.
- AT Protocol: ``/.well-known/atproto-did``, ``/.well-known/did.json`` (the did:web account),
  PLC directory ``/plc/<did>``, PDS ``/xrpc/com.atproto.*``, AppView ``/xrpc/app.bsky.*``.
- Website: ``/blog/`` (pages, ``/blog/feed/`` RSS, ``/blog/feed/atom/``, ``/blog/wp-json/wp/v2/posts``),
  ``/sitemap.xml``, ``/robots.txt`` (disallows ``/blog/private/``).
- Link-in-bio: ``/links/talia/`` (built by JavaScript), ``/lt/talia`` (Next.js ``__NEXT_DATA__``).
- Fault pages (when switched on): ``/blog/hostile/``, ``/blog/huge/``, ``/blog/legacy/``,
  ``/blog/legacy-mislabelled/``.
- Copies that outlive a deletion (``copies.py``): a web archive ``/cdx/search/cdx?url=...&output=json`` and
  ``/web/<timestamp>/<url>``, ``/api/v1/statuses/:id/reblogged_by``, ``/xrpc/app.bsky.feed.getQuotes``.
- Control: ``/_sandbox/truth.json`` (expected audit), ``/_sandbox/specs`` (handle specs),
  ``POST /_sandbox/delete?id=<key or native id>`` (the post disappears: 404/410, RecordNotFound). Never faulted.
"""

from selfaudit.sandbox.faults import PROFILES, FaultConfig, parse_faults
from selfaudit.sandbox.persona import Persona, build_persona
from selfaudit.sandbox.server import Sandbox
from selfaudit.sandbox.truth import truth

__all__ = ["Sandbox", "FaultConfig", "PROFILES", "parse_faults", "Persona", "build_persona", "truth"]
