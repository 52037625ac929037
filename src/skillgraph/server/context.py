"""What the query executor needs to know about the request it serves, without being handed it.

The SPARQL endpoint and the REST routes call `QueryExecutor.run(job)`; the per-request facts
the executor also needs — who the client is, whether it has hung up, and where to add the
worker time it used — travel in a context variable set by `budget.BudgetMiddleware`. A context
variable follows the request's task through every await, and is absent outside a request
(tests and tools calling the executor directly get no probe and no accounting).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass

import anyio
from starlette.types import Message, Receive

__all__ = ["DisconnectProbe", "RequestContext", "current_request", "request_context"]


class DisconnectProbe:
    """Wraps the ASGI ``receive`` so that the client's hang-up can be checked without blocking.

    A message read by a check (a body part the application has not asked for yet) is kept and
    handed to the application on its next ``receive``: checking never steals the body.
    """

    def __init__(self, receive: Receive) -> None:
        self._receive = receive
        self._pending: list[Message] = []
        self._gone = False

    async def receive(self) -> Message:
        if self._pending:
            return self._pending.pop(0)
        message = await self._receive()
        if message["type"] == "http.disconnect":
            self._gone = True
        return message

    async def disconnected(self) -> bool:
        """True once the client has closed the connection; returns at once either way."""
        if self._gone:
            return True
        message: Message = {}
        with anyio.CancelScope() as scope:
            scope.cancel()  # only take a message that is already there
            message = await self._receive()
        if message.get("type") == "http.disconnect":
            self._gone = True
        elif message:
            self._pending.append(message)
        return self._gone


@dataclass(eq=False)
class RequestContext:
    """One request as the executor sees it."""

    client: str
    disconnected: Callable[[], Awaitable[bool]] | None = None
    worker_seconds: float = 0.0


request_context: ContextVar[RequestContext | None] = ContextVar("skillgraph_request", default=None)


def current_request() -> RequestContext | None:
    """The request being served by this task, if any."""
    return request_context.get()
