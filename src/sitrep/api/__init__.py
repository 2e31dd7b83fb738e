"""Read-only REST API over the store, and the map page (see ``app.py``)."""

from .app import create_app, serve

__all__ = ["create_app", "serve"]
