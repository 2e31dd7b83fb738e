"""The response classes of the API: JSON that encodes dates and keeps non-ASCII text readable."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from fastapi.responses import Response

GEOJSON_MEDIA_TYPE = "application/geo+json"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"


class JSONBody(Response):
    """JSON response that also encodes dates and keeps non-ASCII text readable."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        """Serialise ``content`` to UTF-8 JSON."""
        return json.dumps(content, ensure_ascii=False, default=_json_default).encode("utf-8")


def _json_default(value: Any) -> Any:
    """Encode what ``json`` cannot: dates, sets/tuples and anything else as text."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)
