"""Every error a user can cause, in one place.

The CLI prints these as one line (``error: message``) and exits 1; anything
else is a bug and shows a traceback only with ``--debug``::

    SelfAuditError
    ├── ConfigError        bad or missing selfaudit.toml, bad option values
    ├── HandleError        a handle spec that cannot be understood
    ├── StoreError         the SQLite store cannot be opened or migrated
    ├── CrawlError         a crawl could not run at all
    ├── ArchiveError       an export archive that cannot be read safely
    ├── AnalysisError      the policy pack or a model cannot be used
    ├── ReportError        the report or PDF cannot be written
    └── DecisionError      a decision on a finding that cannot be recorded
"""

from __future__ import annotations

__all__ = [
    "SelfAuditError",
    "ConfigError",
    "HandleError",
    "StoreError",
    "CrawlError",
    "ArchiveError",
    "AnalysisError",
    "ReportError",
    "DecisionError",
]


class SelfAuditError(Exception):
    """Base class of the errors a user can act on."""


class ConfigError(SelfAuditError):
    """The configuration file or an option is invalid."""


class HandleError(SelfAuditError):
    """A handle spec is not in a form selfaudit understands."""


class StoreError(SelfAuditError):
    """The store cannot be opened, read or migrated."""


class CrawlError(SelfAuditError):
    """A crawl could not be started or run."""


class ArchiveError(SelfAuditError):
    """An export archive is broken, unknown or unsafe."""


class AnalysisError(SelfAuditError):
    """The policy pack or an embedding model cannot be used."""


class ReportError(SelfAuditError):
    """The report cannot be rendered or written."""


class DecisionError(SelfAuditError):
    """A decision on a finding cannot be recorded (unknown finding or action, no reason to keep)."""
