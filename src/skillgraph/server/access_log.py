"""Structured access log: one JSON line per request (method, path, query hash, status, time, rows,
client address and the hash of its API key)."""

from __future__ import annotations

import json
import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["AccessLogMiddleware"]

_log = logging.getLogger("skillgraph.access")


class AccessLogMiddleware:
    """Pure ASGI middleware, so that streaming and disconnects pass through untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            state = scope.get("state", {})
            _log.info(
                json.dumps(
                    {
                        "method": scope["method"],
                        "path": scope["path"],
                        "query_hash": state.get("query_hash"),
                        "status": status,
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                        "rows": state.get("rows"),
                        "client": (scope.get("client") or ("?",))[0],
                        "api_key": state.get("api_key"),  # a hash (budget.client_key_hash), never the key
                    }
                )
            )
