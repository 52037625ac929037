"""Request size limits: 414 for an oversized URL, 413 for an oversized body, without buffering it.

A pure ASGI middleware, so it sees the request before FastAPI reads the body: a declared
``Content-Length`` over the limit is refused at once, and a chunked body is counted as it
arrives and cut off as soon as it passes the limit.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import send_error

__all__ = ["RequestLimitMiddleware"]


class _TooLarge(Exception):
    """Raised from ``receive`` when a streamed body passes the limit."""


class RequestLimitMiddleware:
    def __init__(self, app: ASGIApp, max_body: int, max_url: int) -> None:
        self.app = app
        self.max_body = max_body
        self.max_url = max_url

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        url_length = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"") + 1
        if url_length > self.max_url:
            await send_error(send, 414, "uri_too_long", f"the URL is longer than {self.max_url} bytes; send the query by POST")
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await send_error(send, 413, "body_too_large", f"the request body is larger than {self.max_body} bytes")
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await send_error(send, 413, "body_too_large", f"the request body is larger than {self.max_body} bytes")

