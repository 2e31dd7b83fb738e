"""The map dashboard: static HTML/JS/CSS served by the API app, reading only the public API.

The third-party map code and the country outlines are not committed: ``scripts/install_web.sh``
copies pinned npm packages into ``static/vendor/`` at install time.
"""

from __future__ import annotations

from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"

#: Vendored files the page loads, relative to ``STATIC_DIR`` (installed by scripts/install_web.sh).
VENDOR_ASSETS = (
    "vendor/leaflet/leaflet.js",
    "vendor/leaflet/leaflet.css",
    "vendor/markercluster/leaflet.markercluster.js",
    "vendor/markercluster/MarkerCluster.css",
    "vendor/markercluster/MarkerCluster.Default.css",
    "vendor/topojson-client/topojson-client.min.js",
    "vendor/world-atlas/countries-50m.json",
    "vendor/swagger-ui/swagger-ui-bundle.js",
    "vendor/swagger-ui/swagger-ui.css",
    "vendor/redoc/redoc.standalone.js",
)

__all__ = ["STATIC_DIR", "VENDOR_ASSETS", "missing_assets"]


def missing_assets(static_dir: Path = STATIC_DIR) -> list[str]:
    """The vendored map assets that are not installed (empty when the page can run)."""
    return [rel for rel in VENDOR_ASSETS if not (static_dir / rel).is_file()]
