"""The API's routes, one module per resource (each an ``APIRouter``)."""

from .admin import router as admin
from .advisories import router as advisories
from .alerts import router as alerts
from .articles import router as articles
from .events import router as events
from .feeds import router as feeds
from .places import router as places
from .report import router as report
from .review import router as review
from .risk import router as risk
from .stats import router as stats
from .taxonomy import router as taxonomy
from .watchlist import router as watchlist

__all__ = [
    "admin",
    "advisories",
    "alerts",
    "articles",
    "events",
    "feeds",
    "places",
    "report",
    "review",
    "risk",
    "stats",
    "taxonomy",
    "watchlist",
]
