"""Spiders: one per source; thin, parsing lives in ``crawler.parsers``."""
