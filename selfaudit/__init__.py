"""selfaudit: a private, offline social-media self-audit for people who join the United Nations."""

__version__ = "0.1.0"
