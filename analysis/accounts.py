"""Account judgements: rules over the profile, helped by the post judgements.

These are deterministic, explainable rules (the cases in concerns.md): UN
system entity names and e-mail domains, "views are my own" disclaimers,
pseudonym markers, and entity names in handles or display names. The post
judgements (embedding heads) supply the partisan posts and the UN commentary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from selfaudit.values import is_un_host, un_work_emails

__all__ = ["AccountFinding", "AccountView", "Organisation", "judge_account", "un_email", "un_mentions"]

# UN system entities: acronyms matched as whole tokens (case-sensitive where they are common words).
_ACRONYMS = (
    "UNICEF UNHCR UNDP WFP OHCHR UNFPA UNU OCHA UNOPS UNEP UNESCO FAO ILO IOM UNRWA UNAIDS UNIDO UNCTAD UNODC "
    "ITU WIPO WMO IFAD IAEA UNITAR UNV UNMISS MONUSCO MINUSMA MINUSCA MINUSTAH UNIFIL UNAMA UNAMI UNSMIL UNFICYP "
    "UNDSS DPPA UNOG UNON UNOV ESCAP ESCWA ECLAC UNECE UNSSC UNWomen UNHabitat UNOCHA UNMIK UNMIL UNTSO UNDOF UNISFA"
).split()
_CASE_SENSITIVE = {"WHO", "UN", "ONU", "ООН", "ITU", "ILO", "IOM", "FAO", "UNU", "UNV"}
_NAMES = (
    r"United\s+Nations|Nations\s+Unies|Naciones\s+Unidas|Organizaci[oó]n\s+de\s+las\s+Naciones|"
    r"World\s+Food\s+Programme|World\s+Health\s+Organi[sz]ation|UN\s+Women|UN[- ]Habitat|"
    r"Programme\s+alimentaire\s+mondial|Programa\s+Mundial\s+de\s+Alimentos|"
    r"Организаци[яи]\s+Объедин[её]нных\s+Наций|ЮНИСЕФ|ПРООН|УВКБ|"
    r"الأمم\s*المتحدة|اليونيسف|المفوضية\s+السامية|برنامج\s+الأغذية\s+العالمي|"
    r"联合国|聯合國|世界粮食计划署|世卫组织"
)
_ENTITY = re.compile(
    rf"(?<![\w.-])(?:{'|'.join(_ACRONYMS)})(?![\w-]|\.\w)|{_NAMES}|(?<![\w.])(?:UN|WHO|ONU|ООН)(?![\w.@-])|🇺🇳",
    re.IGNORECASE,
)
_CASE_RE = re.compile(r"^(?:" + "|".join(sorted(_CASE_SENSITIVE, key=len, reverse=True)) + r")$", re.IGNORECASE)
_NOT_AFFILIATED = re.compile(
    r"not\s+affiliated|no\s+affiliation|unaffiliated|non\s+affili[ée]|sans\s+lien\s+avec|sin\s+afiliaci[oó]n|"
    r"no\s+(?:est[aá]|estamos)\s+afiliad|не\s+связан|не\s+аффилирован|غير\s+تابع|لا\s+ينتمي|与联合国无关|非官方附属|"
    r"\bModel\s+UN\b|\bMUN\b",
    re.IGNORECASE,
)
_STAFF_PATH = re.compile(r"/(people|staff|team|our-team|experts?|authors?|bio|profile|who-we-are)/", re.IGNORECASE)
_DISCLAIMER = re.compile(
    r"views?\s+(?:are\s+|expressed\s+(?:here\s+)?(?:are\s+)?)?(?:my\s+own|mine|my\s+own\s+only|personal)|(?:my\s+)?own\s+views|"
    r"opinions?\s+(?:are\s+|expressed\s+(?:here\s+)?(?:are\s+)?)?(?:my\s+own|mine|personal)|"
    r"(?:tweets?|posts?|toots?|skeets?)\s+(?:are\s+)?(?:my\s+own|personal|mine)|"
    r"\b(?:RTs?|retweets?|reposts?|likes?|shares?|boosts?)\s*(?:≠|!=|=/=|are\s+not|is\s+not|aren'?t|isn'?t|do\s+not\s+(?:mean|equal)|not)\s*(?:an?\s+)?endorse|"
    r"personal\s+(?:views|opinions)|not\s+speaking\s+(?:for|on\s+behalf\s+of)\s+(?:my\s+employer|the\s+UN|any)|"
    r"(?:do(?:es)?\s+not|don'?t)\s+(?:necessarily\s+)?(?:reflect|represent)\s+(?:th(?:ose|e\s+views)\s+of|my\s+employer)|"
    r"speaking\s+for\s+myself|opinions?\s+(?:sont\s+)?personnelles|n'engagent\s+que\s+moi|propos\s+personnels|"
    r"opiniones\s+(?:son\s+)?(?:propias|personales|m[ií]as)|a\s+t[ií]tulo\s+personal|"
    r"(?:мнени[ея]|взгляды)\s*(?:[—-]\s*)?(?:мои|личн|мо[её])|личное\s+мнение|не\s+отража|"
    r"الآراء\s+(?:الواردة\s+)?(?:شخصية|تعبر)|آرائي\s+الشخصية|آراء\s+شخصية|"
    r"仅代表个人|个人观点|不代表(?:所在|本人|雇主|机构)",
    re.IGNORECASE,
)
_PSEUDONYM = re.compile(
    r"\banon(?:ymous|ymously)?\b|pseudonym|not\s+(?:using\s+)?my\s+real\s+name|real\s+name\s+withheld|"
    r"not\s+who\s+you\s+think|sources?\s+protected|for\s+obvious\s+reasons|\bgossip\b|\binsider\b|\bwhistle\s*-?blow|"
    r"\bthrowaway\b|\bburner\b|\balt\s+account\b|\bunmasked\b|pas\s+mon\s+vrai\s+nom|no\s+es\s+mi\s+nombre\s+real|"
    r"не\s+настоящее\s+имя|ليس\s+اسمي\s+الحقيقي|不是真名|lanceu(?:r|se)\s+d'alerte|"
    r"anonyme|pseudonyme|an[oó]nimo|seud[oó]nimo|аноним|псевдоним|مجهول|اسم\s+مستعار|匿名|化名|笔名",
    re.IGNORECASE,
)
_UN_TALK = re.compile(
    r"\b(?:SRSG|DSRSG|USG|ASG|SG|RC|HC|P-\d|D-\d|HQ|Fifth\s+Committee|Security\s+Council|peacekeep\w*|"
    r"the\s+mission|mission\s+leadership|recruitment|agency\s+heads?|cluster|country\s+office|head\s+of\s+office|"
    r"department\s+head|the\s+Rep)\b",
    re.IGNORECASE,
)
_INSTITUTIONAL = re.compile(
    r"\b(?:official|updates?|news|office|team|region(?:al)?|district|country|mission|peacekeeping|programme|"
    r"youth|voices|field|officiel(?:le)?|oficial|официальн\w*)\b|🇺🇳",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class AccountView:
    """What the account rules look at: the latest profile, pages, and judged posts."""

    platform: str
    handle: str
    display_name: str = ""
    bio: str = ""
    links: tuple[str, ...] = ()
    email: str | None = None
    pages: tuple[str, ...] = ()
    posts: tuple[str, ...] = ()
    post_concerns: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True)
class AccountFinding:
    """One account concern with its evidence."""

    concern: str
    score: float
    reason: str
    evidence: tuple[str, ...] = field(default_factory=tuple)


def _split_handle(handle: str) -> list[str]:
    handle = handle.lstrip("@").split("@")[0]
    handle = re.sub(r"\.(bsky\.social|blog|com|org|net)$", "", handle)
    return re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+", handle.replace("_", " ").replace(".", " ").replace("-", " "))


@dataclass(frozen=True)
class Organisation:
    """Extra names and e-mail domains a pack adds to the built-in UN system ones (another organisation's pack)."""

    names: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()

    @property
    def pattern(self) -> re.Pattern[str] | None:
        if not self.names:
            return None
        return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in self.names) + r")(?!\w)", re.IGNORECASE)


_NO_ORG = Organisation()


def un_mentions(text: str, org: Organisation = _NO_ORG) -> list[str]:
    """UN system names in a text (``UN``/``WHO`` only in capitals), plus the pack's organisation names."""
    out = []
    for m in _ENTITY.finditer(text or ""):
        word = m.group(0)
        if _CASE_RE.match(word) and word != word.upper():
            continue
        out.append(word)
    extra = org.pattern
    if extra is not None:
        out += [m.group(0) for m in extra.finditer(text or "")]
    return out


def un_email(text: str | None, org: Organisation = _NO_ORG) -> list[str]:
    """E-mail addresses at a UN system domain (or one of its subdomains), or at the pack's organisation domains."""
    return un_work_emails(text, org.domains)


def _un_staff_link(url: str, org: Organisation = _NO_ORG) -> bool:
    parts = urlsplit(url if "//" in url else f"https://{url}")
    host = (parts.hostname or "").lower()
    return is_un_host(host, org.domains) and bool(_STAFF_PATH.search(parts.path + "/"))


def _handle_entities(view: AccountView) -> list[str]:
    tokens = _split_handle(view.handle)
    found = [t for t in tokens if t.upper() in _ACRONYMS and (t.upper() not in _CASE_SENSITIVE or t.isupper())]
    low = view.handle.lstrip("@").lower()
    found += [a for a in _ACRONYMS if len(a) >= 4 and low.startswith(a.lower()) and a not in found]
    if "UN" in tokens and len(tokens) > 1:
        found.append("UN")
    return found


def _lookalike(view: AccountView) -> list[str]:
    """Entity names that make a personal account look institutional."""
    evidence = []
    for word in un_mentions(view.display_name):
        rest = view.display_name.replace(word, " ")
        if word.upper() != "UN" or _INSTITUTIONAL.search(rest) or "🇺🇳" in view.display_name:
            evidence.append(f"display name: {view.display_name}")
            break
    handle_hits = _handle_entities(view)
    if handle_hits and (set(handle_hits) != {"UN"} or _INSTITUTIONAL.search(" ".join(_split_handle(view.handle)))):
        evidence.append(f"handle: {view.handle}")
    return evidence


def judge_account(view: AccountView, *, partisan: str = "partisan-politics", commentary: Sequence[str] = (
    "workplace-grievance", "confidential-info", "unauthorized-statement"), org: Organisation = _NO_ORG) -> list[AccountFinding]:
    """Account concerns for one account (UN pack ids); ``org`` adds a pack's own organisation names and domains."""
    profile_text = "\n".join([view.display_name or "", view.bio or ""])
    negated = bool(_NOT_AFFILIATED.search(profile_text))
    out: list[AccountFinding] = []

    affil: list[str] = []
    if not negated:
        affil += [f"bio/name mentions {w}" for w in dict.fromkeys(un_mentions(profile_text, org))]
        affil += [f"handle names {w}" for w in _handle_entities(view)]
    affil += [f"staff page link {u}" for u in view.links if _un_staff_link(u, org)]
    affil += [f"work address in bio {e}" for e in un_email(view.bio, org)]
    affil += [f"page mentions {w}" for page in view.pages for w in un_mentions(page, org)[:1] if re.search(
        r"\b(work|worked|working|officer|staff|specialist|consultant|analyst|join(?:ed)?)\b", page, re.IGNORECASE)]
    affiliated = bool(affil)
    if affiliated:
        out.append(AccountFinding("un-affiliation", 0.9, "Your profile shows that you work for the UN system.", tuple(affil[:4])))

    lookalike = _lookalike(view) if not negated else []
    if lookalike:
        out.append(AccountFinding(
            "institutional-lookalike", 0.85,
            "Your personal account uses a UN entity name in a way that makes it look like an official account.",
            tuple(lookalike)))

    emails = list(dict.fromkeys(un_email(view.email, org) + un_email(view.bio, org) + [e for p in view.pages for e in un_email(p, org)]))
    if emails:
        out.append(AccountFinding("professional-email", 0.95, "A UN work e-mail address is used on or for this personal account.", tuple(emails)))

    disclaimer = _DISCLAIMER.search(profile_text)
    if affiliated and disclaimer:
        out.append(AccountFinding(
            "disclaimer-reliance", 0.85,
            "Your profile relies on a 'views are my own' disclaimer, which does not exempt you from the rules.",
            (disclaimer.group(0),)))

    partisan_posts = [t for t, cs in zip(view.posts, view.post_concerns, strict=False) if partisan in cs]
    if affiliated and partisan_posts:
        out.append(AccountFinding(
            "affiliation-with-partisanship", 0.85,
            "The account shows UN affiliation and also carries partisan political posts.",
            tuple(p[:120] for p in partisan_posts[:3])))

    marker = _PSEUDONYM.search(profile_text)
    talk = [t for t, cs in zip(view.posts, view.post_concerns, strict=False)
            if cs.intersection(commentary) or un_mentions(t) or _UN_TALK.search(t)] if marker and not lookalike else []
    if marker and (talk or un_mentions(view.bio) or _UN_TALK.search(view.bio)) and not lookalike:
        out.append(AccountFinding(
            "pseudonymous-un-commentary", 0.8,
            "The account hides who you are and comments on the UN; the rules still apply to it.",
            (marker.group(0), *(t[:120] for t in talk[:2]))))
    return out


def affiliated(findings: Iterable[AccountFinding]) -> bool:
    """Whether the account findings include UN affiliation."""
    return any(f.concern == "un-affiliation" for f in findings)
