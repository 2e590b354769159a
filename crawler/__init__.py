"""Scrapy project that gathers a user's own public posts into the selfaudit store."""
