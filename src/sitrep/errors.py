"""Errors raised by the sitrep library.

Bugs and bad configuration are exceptions; a bad *document* is not (its stage returns
``records.Rejected`` and the batch goes on, unless ``strict`` is set).

    SitrepError                 base: every error the library raises on purpose
    ├── ConfigError             a setting or option is invalid (bad date, unknown format, bad file)
    ├── NotFoundError           a named record (an event, an article) is not in the store
    ├── AccessError             a request without the right token (access.py: 401 or 403)
    ├── SourceError             an input location cannot be read at all
    │   └── ParseError          a document cannot be parsed (raised only in strict mode)
    ├── ResourceError           a model or the gazetteer is missing; says how to install/build it
    ├── Busy                    a costly answer is already being made; try again (the API: 503)
    └── StoreError              the database cannot be opened, migrated or written
        ├── MigrationError      a schema migration failed
        └── QueryTimeout        a read ran past its time limit (the API answers 503)
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base of all sitrep errors. ``hint`` says what the user can do about it."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class ConfigError(SitrepError):
    """A setting, option or config file is invalid."""


class NotFoundError(SitrepError):
    """A record asked for by id is not in the store."""


class SourceError(SitrepError):
    """An input location cannot be read."""


class ParseError(SourceError):
    """A document cannot be parsed (raised instead of a Rejected in strict mode)."""


class ResourceError(SitrepError):
    """A model or data file the pipeline needs is missing."""


class StoreError(SitrepError):
    """The store cannot be opened, migrated or written."""


class MigrationError(StoreError):
    """A schema migration failed."""


class Busy(SitrepError):
    """A costly answer (a report's figures) is already being made by this process: try again."""


class QueryTimeout(StoreError):
    """A statement ran past the connection's time limit (``limit_statements``) and was stopped."""
