"""Live input: watch RSS/Atom feeds (``watch``) through a careful HTTP fetcher (``fetch``)."""

from __future__ import annotations

from .fetch import Fetched, Fetcher, FetchError
from .watch import PollReport, poll_once, read_opml, watch

__all__ = ["FetchError", "Fetched", "Fetcher", "PollReport", "poll_once", "read_opml", "watch"]
