"""Spiders: one per source; thin, parsing lives in ``selfaudit.crawler.parsers``."""
