"""HTTP errors of the service and the handlers that turn errors into JSON answers."""

from __future__ import annotations

import logging
import uuid

from fastapi import Request
from fastapi.responses import JSONResponse

__all__ = ["ProtocolError", "protocol_error_handler", "store_error_handler"]

_log = logging.getLogger("skillgraph.server")


class ProtocolError(Exception):
    """A request the endpoint refuses: status, a stable code, and a message for people."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


async def protocol_error_handler(request: Request, exc: ProtocolError) -> JSONResponse:
    return JSONResponse({"error": exc.code, "message": exc.message}, status_code=exc.status)


async def store_error_handler(request: Request, exc: Exception) -> JSONResponse:
    incident = uuid.uuid4().hex[:12]
    _log.error("store unavailable [%s]: %s", incident, exc)
    return JSONResponse(
        {"error": "store_unavailable", "message": str(exc), "incident": incident}, status_code=503
    )

