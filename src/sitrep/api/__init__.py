"""The REST API over the store, and the map page: ``create_app`` (see ``app.py``) and ``serve``."""

from .app import create_app, serve

__all__ = ["create_app", "serve"]
