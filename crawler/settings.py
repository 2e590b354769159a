"""Scrapy settings: polite and locked down by default.

``scrapy crawl`` reads the module constants; the CLI builds the same thing
from :class:`selfaudit.config.Settings` with :func:`scrapy_settings`, the one
place where selfaudit configuration becomes Scrapy configuration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from selfaudit import __version__
from selfaudit.browser import CHROMIUM_ARGS, chromium_executable
from selfaudit.urlpolicy import names_loopback

if TYPE_CHECKING:
    from selfaudit.config import Settings

__all__ = ["USER_AGENT", "scrapy_settings"]

BOT_NAME = "selfaudit"
SPIDER_MODULES = ["selfaudit.crawler.spiders"]
NEWSPIDER_MODULE = "selfaudit.crawler.spiders"

USER_AGENT = f"selfaudit/{__version__} (private self-audit of the user's own accounts; +https://github.com/selfaudit)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5  # ±50 %, as RANDOMIZE_DOWNLOAD_DELAY did
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
# getPosts with 25 at:// URIs is ~3 kB; the default 2083 would silently drop it
URLLENGTH_LIMIT = 16384
RETRY_ENABLED = True
RETRY_TIMES = 6
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408]
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
WARN_ON_GENERATOR_RETURN_VALUE = False  # it reads every callback's source at start-up: slow, and ruff covers it
# file:// and data: are off: a hostile page must not read local files.
DOWNLOAD_HANDLERS: dict[str, Any] = {"file": None, "data": None, "s3": None, "ftp": None}
# host names are checked again once resolved (selfaudit.urlpolicy); the crawl child installs it
TWISTED_DNS_RESOLVER = "selfaudit.crawler.resolver.PolicyResolver"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"

DOWNLOADER_MIDDLEWARES = {
    "selfaudit.crawler.middlewares.urlpolicy.UrlPolicyMiddleware": 50,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "selfaudit.crawler.middlewares.robots.WaitingRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "selfaudit.crawler.middlewares.backoff.BackoffRetryMiddleware": 550,
    "selfaudit.crawler.middlewares.retry_after.RetryAfterMiddleware": 560,
    "selfaudit.crawler.middlewares.malformed.MalformedJsonMiddleware": 570,
}
ITEM_PIPELINES = {
    "selfaudit.crawler.pipelines.validate.ValidatePipeline": 100,
    "selfaudit.crawler.pipelines.store.StorePipeline": 800,
    "selfaudit.crawler.pipelines.media.MediaPipeline": 850,
}
EXTENSIONS = {"scrapy.extensions.telnet.TelnetConsole": None}

# Playwright is wired per request (meta["playwright"]); only JS-shell pages use it.
# The same Chromium and flags as the PDF report (selfaudit.browser); the CLI re-checks it per crawl.
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_LAUNCH_OPTIONS = {"headless": True, "args": list(CHROMIUM_ARGS), "timeout": 30_000,
                             **({"executable_path": _exe} if (_exe := chromium_executable()) else {})}
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000
PLAYWRIGHT_ABORT_REQUEST = "selfaudit.crawler.playwright_guard.abort_request"
# no service workers (they bypass page routes), no downloads, the honest User-Agent for every page
PLAYWRIGHT_CONTEXTS = {"default": {"service_workers": "block", "accept_downloads": False, "user_agent": USER_AGENT}}

# selfaudit's own keys (read by spiders and pipelines through crawler.settings)
SELFAUDIT_DB = ""
SELFAUDIT_FULL = False
SELFAUDIT_BIO_HOPS = 1
SELFAUDIT_PAGE_LIMIT = 200
SELFAUDIT_JAVASCRIPT = True
SELFAUDIT_PLC_URL = "https://plc.directory"
SELFAUDIT_APPVIEW_URL = "https://public.api.bsky.app"
SELFAUDIT_COMMIT_EVERY = 200
SELFAUDIT_RUN_ID = 0
SELFAUDIT_MAX_RETRY_AFTER = 300.0
# all 429 waits of one host together; past it the host's requests fail at once (#14)
SELFAUDIT_MAX_WAIT_PER_HOST = 600.0
# loopback targets only when the run names a loopback server itself (the sandbox, tests)
SELFAUDIT_ALLOW_LOOPBACK = False


def playwright_handlers() -> dict[str, str]:
    """Download handlers that let requests with ``meta["playwright"]`` use Chromium."""
    handler = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
    return {"http": handler, "https": handler, "file": None, "data": None, "s3": None, "ftp": None}  # type: ignore[dict-item]


def scrapy_settings(settings: Settings, *, fast: bool | None = None, full: bool = False,
                    run_id: int = 0) -> dict[str, Any]:
    """Scrapy settings for one crawl, from selfaudit settings.

    Args:
        settings: the resolved selfaudit settings.
        fast: lift the polite delays (``--fast``); defaults to ``[crawl] fast``.
        full: force a full pass over every account (enables ``gone_at`` marking).
        run_id: the store's crawl-run id the pipeline reports into.

    Returns:
        A dict for ``scrapy.settings.Settings.setdict`` on top of this module.
    """
    crawl = settings.crawl
    fast = crawl.fast if fast is None else fast
    out: dict[str, Any] = {
        "SELFAUDIT_DB": str(settings.db_path),
        "SELFAUDIT_FULL": full,
        "SELFAUDIT_RUN_ID": run_id,
        "SELFAUDIT_BIO_HOPS": crawl.bio_link_hops,
        "SELFAUDIT_PAGE_LIMIT": crawl.page_limit,
        "SELFAUDIT_JAVASCRIPT": crawl.javascript,
        "SELFAUDIT_PLC_URL": settings.bluesky.plc_url.rstrip("/"),
        "SELFAUDIT_APPVIEW_URL": (settings.bluesky.appview_url or "").rstrip("/"),
        "SELFAUDIT_ALLOW_LOOPBACK": names_loopback(
            [settings.bluesky.plc_url, settings.bluesky.appview_url, settings.verify.wayback_url,
             *(u for spec in settings.accounts for u in (spec.url, spec.service_url))]),
        "ROBOTSTXT_OBEY": crawl.obey_robots,
        "DOWNLOAD_TIMEOUT": crawl.timeout,
        "DOWNLOAD_DELAY": crawl.download_delay,
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrency_per_host,
    }
    if crawl.user_agent:
        out["USER_AGENT"] = crawl.user_agent
        out["PLAYWRIGHT_CONTEXTS"] = {"default": {**PLAYWRIGHT_CONTEXTS["default"], "user_agent": crawl.user_agent}}
    if crawl.javascript:
        from selfaudit.browser import BrowserMissing, launch_options

        try:
            out["PLAYWRIGHT_LAUNCH_OPTIONS"] = launch_options()
            out["DOWNLOAD_HANDLERS"] = playwright_handlers()
        except BrowserMissing:  # pages that need JavaScript are then read as they come
            out["SELFAUDIT_JAVASCRIPT"] = False
    if fast:
        out.update({
            "DOWNLOAD_DELAY": 0.0, "DOWNLOAD_DELAY_JITTER": 0.0, "AUTOTHROTTLE_ENABLED": False,
            "CONCURRENT_REQUESTS_PER_DOMAIN": max(crawl.concurrency_per_host, 8), "CONCURRENT_REQUESTS": 16,
            "SELFAUDIT_MAX_RETRY_AFTER": 2.0, "SELFAUDIT_MAX_WAIT_PER_HOST": 20.0, "SELFAUDIT_BACKOFF_BASE": 0.05,
        })
    return out
