"""``/api/alerts`` and ``/api/welfare``: the watchlist's alerts and welfare checks (``sitrep.alerts``).

Private: every alert names a watch item, so reading needs a token with ``read-private``, and
every answer carries ``Cache-Control: no-store`` (``pages.SecurityHeaders``; ``PRIVATE_PATHS``).

- ``GET /api/alerts``: alerts, newest change first (``since``, ``open``).
- ``GET /api/alerts/feed.atom``: an Atom feed of the alerts as CAP 1.2 messages.
- ``GET /api/alerts/{alert_id}``: one alert with its deliveries and welfare check.
- ``GET /api/welfare``: the duty-of-care view (who is accounted for, who is escalated).
- ``GET /api/welfare/{token}``: a one-time welfare link: a page with a button, answering nothing
  (so a link scanner cannot answer); ``POST`` to the same path records the answer. No token:
  the link is the credential (random, single use, expiring, kept hashed).
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response

from ...alerts import answer_link, atom_feed, get_alert, list_alerts, peek_link, welfare_status
from ...alerts.welfare import ANSWERS
from ...errors import NotFoundError
from ...settings import Settings
from ..params import AppState, app_state
from ..responses import JSONBody
from .admin import admit

router = APIRouter()
AlertId = Annotated[str, PathParam(description="the alert's id", max_length=64)]
Token = Annotated[str, PathParam(description="the one-time token of a welfare link", max_length=100)]


def _settings(request: Request) -> Settings:
    value: Settings = getattr(request.app.state, "settings", None) or Settings()
    return value


@router.get("/api/alerts", summary="Alerts for the watchlist (a token with read-private)")
def alerts(
    state: Annotated[AppState, Depends(app_state)],
    authorization: Annotated[str | None, Header()] = None,
    since: Annotated[
        str | None, Query(description="changed at or after (ISO 8601 UTC)", max_length=40)
    ] = None,
    open: Annotated[bool, Query(description="only alerts not cancelled")] = False,  # noqa: A002
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> Response:
    """``{"alerts": [...], "count"}``, newest change first."""
    admit(state, authorization, "read-private")
    with state.reads() as store:
        found = list_alerts(store, since=since, open_only=open, limit=limit)
    return JSONBody({"alerts": [a.to_dict() for a in found], "count": len(found)})


@router.get("/api/alerts/feed.atom", summary="The alerts as an Atom feed of CAP 1.2 messages (read-private)")
def alerts_feed(
    request: Request,
    state: Annotated[AppState, Depends(app_state)],
    authorization: Annotated[str | None, Header()] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Response:
    """Atom 1.0; each entry's content is the alert's current CAP message."""
    admit(state, authorization, "read-private")
    settings = _settings(request)
    with state.reads() as store:
        found = list_alerts(store, limit=limit)
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = atom_feed(found, settings.alerts_sender, str(request.url), now)
    return Response(body, media_type="application/atom+xml")


@router.get("/api/alerts/{alert_id}", summary="One alert with its deliveries (a token with read-private)")
def alert(
    alert_id: AlertId,
    state: Annotated[AppState, Depends(app_state)],
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    """The alert, its deliveries (tries, latency) and its welfare check."""
    admit(state, authorization, "read-private")
    with state.reads() as store:
        return JSONBody(get_alert(store, alert_id))


@router.get("/api/welfare", summary="Duty of care: who is accounted for, per alert (read-private)")
def welfare(
    request: Request,
    state: Annotated[AppState, Depends(app_state)],
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    """``{"checks": [{alert_id, item_id, name, state, ...}], "count", "counts"}`` (state: safe,
    help, waiting, escalated)."""
    admit(state, authorization, "read-private")
    with state.reads() as store:
        rows = welfare_status(store, _settings(request))
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["state"]] = counts.get(r["state"], 0) + 1
    return JSONBody({"checks": rows, "count": len(rows), "counts": counts})


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>sitrep welfare check</title></head>
<body><main>{body}</main></body></html>
"""


GONE = "<p>This link has been used or has expired.</p>"  # an unknown, used or expired link


def _page(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(_PAGE.format(body=body), status_code=status)


@router.get("/api/welfare/{token}", summary="A welfare link: a page with a button (answers nothing)")
def welfare_page(token: Token, state: Annotated[AppState, Depends(app_state)]) -> Response:
    """The confirm page; its button POSTs the answer."""
    try:
        with state.reads() as store:
            link = peek_link(store, token)
    except NotFoundError:
        return _page(GONE, 404)
    label = html.escape(ANSWERS[link.answer])
    return _page(f'<h1>{label}?</h1><form method="post"><button type="submit">Send: {label}</button></form>')


@router.post("/api/welfare/{token}", summary="Answer a welfare check through its one-time link")
def welfare_answer(token: Token, state: Annotated[AppState, Depends(app_state)]) -> Response:
    """Record the link's answer (once per check; later posts get 404)."""
    try:
        with state.writes() as store:
            check = answer_link(store, token)
    except NotFoundError:
        return _page(GONE, 404)
    assert check.answer is not None
    return _page(f"<p>Thank you. Recorded: {html.escape(ANSWERS[check.answer])}.</p>")
