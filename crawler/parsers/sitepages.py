"""A site's own pages beyond its feed: About, Now, Contact and the other pages its navigation links to.

A personal site often says where its author works only on its About page,
linked from the navigation and in no feed or sitemap. These pure functions
pick the pages worth reading from the links of the site's home page: on the
site (same origin, under the root's path), not listings (tags, categories,
archives, pagination), feeds or files; About / Now / Contact first, so that a
page limit never cuts them.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from selfaudit.crawler.parsers.web import canonical_url, in_scope

__all__ = ["own_pages", "page_priority"]

# "about", "about-me", "now", "contact", "bio", "cv", and the same in a few languages
_FIRST = re.compile(r"^(about(-me|-us)?|now|contact(-me)?|bio|cv|resume|a-propos|qui-suis-je|uber-mich|ueber-mich|"
                    r"acerca(-de-mi)?|sobre(-mi)?|chi-sono|contacto|kontakt)$", re.IGNORECASE)
_LISTING = re.compile(r"/(tag|tags|category|categories|author|page|archive|archives|search|feed|comments|wp-json|"
                      r"wp-admin|wp-login\.php|login|signin|cart)(/|$)", re.IGNORECASE)
_FILE = re.compile(r"\.(xml|rss|atom|json|jpe?g|png|gif|webp|svg|pdf|zip|gz|mp[34]|css|js|ico|txt)$", re.IGNORECASE)


def page_priority(url: str) -> int:
    """0 for an About / Now / Contact page (read first), 1 for any other page."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    last = re.sub(r"\.(html?|php)$", "", segments[-1]) if segments else ""
    return 0 if _FIRST.match(last) else 1


def own_pages(links: list[str], *, root: str) -> list[str]:
    """The site's own pages among ``links`` (canonical, once each), About / Now / Contact first.

    Args:
        links: absolute URLs linked from the site's home page.
        root: the configured site root; pages stay under its origin and path.
    """
    home = canonical_url(root)
    out: dict[str, None] = {}
    for url in links:
        canon = canonical_url(url)
        path = urlsplit(canon).path or "/"
        if canon == home or not in_scope(canon, root) or _LISTING.search(path) or _FILE.search(path):
            continue
        if urlsplit(canon).query:  # ?p=12, ?replytocom=...: another view of a page already linked
            continue
        out[canon] = None
    return sorted(out, key=page_priority)
