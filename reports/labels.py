"""Plain-language labels for ids used in the report (concerns, platforms, kinds, timings).

Actions and their how-to lines live in ``selfaudit.reports.actions``.

Ids are the contract in ``shared/concerns.md``; the words here are for a reader who has
never seen the contract. Unknown ids fall back to a readable form of the id.
"""

from __future__ import annotations

__all__ = [
    "ACCOUNT_CONCERNS",
    "CONCERNS",
    "KINDS",
    "PLATFORMS",
    "SEVERITY_LABELS",
    "SEVERITY_RANK",
    "TIMINGS",
    "label",
]

CONCERNS: dict[str, tuple[str, str]] = {
    "partisan-politics": ("Partisan politics", "Taking sides for or against a party, candidate, campaign or government."),
    "confidential-info": ("Confidential information", "Official information that has not been made public."),
    "security-risk": ("Security risk", "Details that could endanger people, premises or operations, such as travel plans or locations."),
    "privacy-of-others": ("Privacy of others", "Identifiable information or images of beneficiaries, colleagues or partners shared without permission."),
    "un-name-emblem": ("UN name or emblem", "The UN name, emblem, title or work used for personal or third-party interests."),
    "workplace-grievance": ("Workplace grievance", "Airing grievances against the Organization, managers or colleagues in public."),
    "offensive-conduct": ("Offensive conduct", "Harassment, hate speech, demeaning remarks, threats or obscene content."),
    "unauthorized-statement": ("Speaking for the UN", "Announcing UN positions or speaking on the UN's behalf without authorization."),
    "unbefitting-conduct": ("Unbefitting conduct", "Conduct that reflects badly on the Organization."),
}

ACCOUNT_CONCERNS: dict[str, tuple[str, str]] = {
    "un-affiliation": ("Shows UN affiliation", "The profile shows that you work for the UN. Not a problem alone, but it makes every other post count more."),
    "affiliation-with-partisanship": ("UN affiliation together with partisan posts", "The account shows UN affiliation and also carries partisan political posts."),
    "disclaimer-reliance": ("Relies on a disclaimer", "A \u201cviews are my own\u201d disclaimer does not exempt you from the standards of conduct."),
    "professional-email": ("Work e-mail on a personal account", "A UN work e-mail address is used for, or shown on, this personal account."),
    "pseudonymous-un-commentary": ("Pseudonymous comments on the UN", "An account under a pseudonym or false name that comments on the UN."),
    "institutional-lookalike": ("Looks like an official UN account", "A personal account that presents itself like an institutional one."),
}

PLATFORMS = {
    "mastodon": "Mastodon", "bluesky": "Bluesky", "web": "Website", "x": "X (Twitter)",
    "facebook": "Facebook", "instagram": "Instagram", "linkedin": "LinkedIn", "threads": "Threads",
}

KINDS = {
    "original": "Post", "reply": "Reply", "repost": "Repost", "quote": "Quote post",
    "like": "Like", "page": "Web page",
}

SEVERITY_LABELS = {"high": "High", "medium": "Medium", "low": "Low", "info": "Info"}
SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2, "info": 3}

TIMINGS = {
    "pre-appointment": "Before appointment",
    "post-appointment": "After appointment",
    "unknown": "Timing unknown",
}


def label(table: dict[str, str] | dict[str, tuple[str, str]], key: str | None) -> str:
    """Human label for ``key`` in ``table``; an unknown id becomes ``Capitalised words``."""
    if key is None:
        return "Unknown"
    value = table.get(key)
    if isinstance(value, tuple):
        return value[0]
    if value:
        return value
    return key.replace("-", " ").replace("_", " ").capitalize()
