"""Downloader middlewares: back-off retries and ``Retry-After`` for 429."""
