"""ASGI middleware of the app: request body limits and security headers."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi import Request, Response

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; connect-src 'self'; font-src 'self'; "
    "frame-ancestors 'none'"
)


class BodyLimit:
    """Pure ASGI middleware: a request body over ``limit`` bytes gets a 413, whether it
    announces its length or streams it in chunks."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.limit
            except ValueError:
                await self._reply(send, 400, "invalid Content-Length header")
                return
            if too_big:
                await self._reply(send, 413, f"request body larger than {self.limit} bytes")
                return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.limit:
                await self._reply(send, 413, f"request body larger than {self.limit} bytes")
                return
            chunks.append(body)
            more = message.get("more_body", False)
        replay = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

        async def replay_receive() -> dict:
            if replay:
                return replay.pop()
            return await receive()

        await self.app(scope, replay_receive, send)

    @staticmethod
    async def _reply(send: Callable, status: int, detail: str) -> None:
        body = json.dumps({"detail": detail}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())],
            }
        )  # fmt: skip
        await send({"type": "http.response.body", "body": body})


#: Host names a server on a loopback interface answers to (DNS-rebinding protection).
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")


def split_host(header: str) -> tuple[str, str | None]:
    """A ``Host`` header's host and port (``[::1]:8000`` -> ``("[::1]", "8000")``)."""
    header = header.strip().lower()
    if header.startswith("["):
        end = header.find("]")
        if end < 0:
            return header, None
        rest = header[end + 1 :]
        if rest and not rest.startswith(":"):  # "[::1]8000": no host of ours
            return header, None
        return header[: end + 1], rest[1:] if rest else None
    if header.count(":") == 1:
        name, port = header.split(":")
        return name, port
    return header, None


def host_name(header: str) -> str:
    """The host of a ``Host`` header without its port (``[::1]:8000`` -> ``[::1]``)."""
    return split_host(header)[0]


class HostCheck:
    """Pure ASGI middleware: a request whose ``Host`` header names none of ``allowed`` gets a
    400, so a page on another site whose name was re-bound to 127.0.0.1 cannot read or write
    a server on this machine. With ``port`` (the port served) the header must name that port
    or none (``localhost:8000`` or ``localhost``, not ``localhost:9999``)."""

    def __init__(self, app: Any, allowed: tuple[str, ...], port: int | None = None) -> None:
        self.app = app
        self.allowed = tuple(a.lower() for a in allowed)
        self.port = port

    def accepts(self, header: str) -> bool:
        name, port = split_host(header)
        if name not in self.allowed:
            return False
        return port is None or self.port is None or port == str(self.port)

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] in ("http", "websocket"):
            host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            if not self.accepts(host):
                shown = host[:100] or "(none)"
                forms = ", ".join(self.allowed)
                if self.port is not None:
                    forms += f" (port {self.port} or none)"
                await BodyLimit._reply(
                    send, 400, f"Host header {shown!r} not accepted: this server answers to "
                    f"{forms} only",
                )  # fmt: skip
                return
        await self.app(scope, receive, send)


async def security_headers(request: Request, call_next: Callable) -> Response:
    """Content-Security-Policy and friends on every response."""
    response = await call_next(request)
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response
