"""Security headers on every response, and the API's documentation pages without inline script.

``SecurityHeaders`` (pure ASGI middleware) adds a Content-Security-Policy that allows no inline
script and no framing, ``nosniff``, no referrer, and drops any ``Server`` banner. ``/docs`` and
``/redoc`` are our own small pages over the bundled Swagger UI and ReDoc: FastAPI's pages start
Swagger UI with an inline script, which the policy refuses.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
    " connect-src 'self'; worker-src 'self' blob:; font-src 'self'; base-uri 'self'; form-action 'none';"
    " object-src 'none'; frame-ancestors 'none'"
)
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"geolocation=(), camera=(), microphone=()"),
)
_OURS = {name for name, _ in HEADERS} | {b"server"}
# personal data, reviewers, alerts and welfare answers: no cache may keep them
PRIVATE_PATHS = ("/api/watchlist", "/api/reviews", "/api/alerts", "/api/welfare")
WELFARE_PATH = "/api/welfare/"  # its confirm page posts a form to itself
CSP_WELFARE = CSP.replace("form-action 'none'", "form-action 'self'")
NO_STORE = (b"cache-control", b"no-store")


class SecurityHeaders:
    """Adds ``HEADERS`` to every HTTP response and removes ``Server``; ``no-store`` on private paths."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        path = str(scope.get("path", ""))
        private = path.startswith(PRIVATE_PATHS)
        drop = _OURS | {NO_STORE[0]} if private else _OURS
        extra = [*HEADERS, NO_STORE] if private else list(HEADERS)
        if path.startswith(WELFARE_PATH):
            extra = [(b"content-security-policy", CSP_WELFARE.encode()) if k == HEADERS[0][0] else (k, v)
                     for k, v in extra]  # fmt: skip

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in drop]
                message["headers"] = kept + extra
            await send(message)

        await self.app(scope, receive, with_headers)


SWAGGER_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>sitrep API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/static/favicon.svg">
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">
</head><body><div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/docs/swagger.js"></script>
</body></html>
"""

REDOC_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>sitrep API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/static/favicon.svg">
</head><body><redoc spec-url="/openapi.json"></redoc>
<script src="/static/vendor/redoc/redoc.standalone.js"></script>
</body></html>
"""
