"""HTTP errors of the service and the handlers that turn errors into JSON answers."""

from __future__ import annotations

import json
import logging
import uuid

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.types import Send

__all__ = ["ProtocolError", "internal_error_handler", "protocol_error_handler", "send_error", "store_error_handler"]

_log = logging.getLogger("skillgraph.server")


class ProtocolError(Exception):
    """A request the endpoint refuses: status, a stable code, and a message for people."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


#: Seconds a client is asked to wait before retrying a request the service could not take now.
_RETRY_AFTER = "2"


async def protocol_error_handler(request: Request, exc: ProtocolError) -> JSONResponse:
    headers = {"Retry-After": _RETRY_AFTER} if exc.status in (429, 503) else None
    return JSONResponse({"error": exc.code, "message": exc.message}, status_code=exc.status, headers=headers)


async def store_error_handler(request: Request, exc: Exception) -> JSONResponse:
    incident = uuid.uuid4().hex[:12]
    _log.error("store unavailable [%s]: %s", incident, exc)
    # The store's path stays in the log: the client gets the incident id to quote.
    return JSONResponse(
        {"error": "store_unavailable", "message": "the graph cannot be read right now", "incident": incident},
        status_code=503,
    )


async def internal_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """The edge of the service: a bug answers 500 with an incident id, never a trace or a path."""
    incident = uuid.uuid4().hex[:12]
    _log.error("internal error [%s] on %s %s", incident, request.method, request.url.path, exc_info=exc)
    return JSONResponse(
        {"error": "internal_error", "message": "the request failed; quote the incident id", "incident": incident},
        status_code=500,
    )



async def send_error(send: Send, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
    """Answer from an ASGI middleware, before the application runs, in the same JSON shape."""
    body = json.dumps({"error": code, "message": message}).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), (b"connection", b"close")]
    raw += [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
