"""``GET /api/taxonomy``: ACLED's event types and their sub-event types, as ``taxonomy`` names them.

The dashboard's review form offers every sub-type from here (the filters only know the sub-types
the store holds), so a sub-type is still named in one place, ``sitrep.taxonomy``.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from ... import taxonomy as T
from ..responses import JSONBody

router = APIRouter()


@router.get("/api/taxonomy", summary="Event types and their sub-event types (ACLED's order)")
def taxonomy() -> Response:
    """``{"event_types": [{"event_type", "sub_event_types": [...]}]}``, in ACLED's order."""
    order: dict[str, list[str]] = {}
    for s in T.SUB_TYPES:
        order.setdefault(s.event_type, []).append(s.name)
    rows = [{"event_type": t, "sub_event_types": subs} for t, subs in order.items()]
    return JSONBody({"event_types": rows})
