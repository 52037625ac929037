"""Per-client time budget: one greedy client cannot starve the others of query workers.

Each client — an API key sent as ``X-API-Key`` (one of the configured keys), otherwise the
client's address — has an account of worker-seconds that refills at a steady rate up to its
budget (``client_budget_seconds`` every ``client_budget_window`` seconds), and may have at most
``client_max_concurrent`` queries in flight. A query is admitted while the account is above
zero; the worker time it really used is charged when it ends (so one query may take the account
below zero, and the client then waits longer). Past either limit the answer is ``429`` at once,
with ``Retry-After`` saying when enough budget is back; other clients are not affected.

The middleware also sets the `context.RequestContext` the executor reads: the client, the
worker time to charge, and a probe that tells whether the client has hung up.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

from .context import DisconnectProbe, RequestContext, request_context
from .errors import send_error

__all__ = ["BudgetMiddleware", "ClientBudget", "Refusal", "client_key_hash"]

#: Paths whose requests run queries in the worker pool; everything else is not metered.
_METERED = ("/sparql", "/api/")
#: Accounts kept before idle, fully refilled ones are forgotten (they equal a fresh account).
_PRUNE_ABOVE = 1024


@dataclass
class _Account:
    balance: float
    updated: float
    running: int = 0


@dataclass(frozen=True)
class Refusal:
    """Why a client's query is refused now, and in how many seconds to retry."""

    code: str
    message: str
    retry_after: int


class ClientBudget:
    """Worker-seconds and concurrent queries per client (``seconds`` or ``max_concurrent`` 0: off)."""

    def __init__(
        self, seconds: float, window: float, max_concurrent: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._seconds = seconds
        self._rate = seconds / window if window > 0 else 0.0
        self._max_concurrent = max_concurrent
        self._clock = clock
        self._accounts: dict[str, _Account] = {}

    def _account(self, client: str) -> _Account:
        now = self._clock()
        account = self._accounts.get(client)
        if account is None:
            account = self._accounts[client] = _Account(self._seconds, now)
        else:
            account.balance = min(self._seconds, account.balance + (now - account.updated) * self._rate)
            account.updated = now
        return account

    def balance(self, client: str) -> float:
        """Worker-seconds the client may still use now (negative: in debt)."""
        return self._account(client).balance

    def admit(self, client: str) -> Refusal | None:
        """Take one query slot for ``client``, or say why not; pair with `release`."""
        if len(self._accounts) > _PRUNE_ABOVE:
            self._prune()
        account = self._account(client)
        if self._max_concurrent and account.running >= self._max_concurrent:
            return Refusal(
                "too_many_queries",
                f"this client already has {account.running} queries running (at most {self._max_concurrent}); "
                "wait for one to finish",
                1,
            )
        if self._seconds and account.balance <= 0:
            wait = max(1, math.ceil(-account.balance / self._rate)) if self._rate else 1
            return Refusal(
                "budget_exhausted",
                f"this client used its query time ({self._seconds:g} worker-seconds every "
                f"{self._seconds / self._rate:g} s); retry in {wait} s",
                wait,
            )
        account.running += 1
        return None

    def release(self, client: str, worker_seconds: float) -> None:
        """End a query admitted by `admit`, charging the worker time it used."""
        account = self._account(client)
        account.running = max(0, account.running - 1)
        if self._seconds:
            account.balance -= worker_seconds

    def _prune(self) -> None:
        for client in list(self._accounts):
            account = self._account(client)
            if account.running == 0 and account.balance >= self._seconds:
                del self._accounts[client]

    def __len__(self) -> int:
        return len(self._accounts)


def client_key_hash(key: str) -> str:
    """How an API key appears in logs and accounts: never the key itself."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


class BudgetMiddleware:
    """Pure ASGI middleware: identifies the client of a query request, applies its budget, and
    sets the request context (client, worker time, hang-up probe) for the executor."""

    def __init__(self, app: ASGIApp, budget: ClientBudget, api_keys: Sequence[str] = ()) -> None:
        self.app = app
        self.budget = budget
        self.api_keys = [key.encode("utf-8") for key in api_keys]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(_METERED):
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        key = dict(scope.get("headers") or []).get(b"x-api-key")
        if key is not None:
            if not any(hmac.compare_digest(key, known) for known in self.api_keys):
                await send_error(send, 401, "unknown_api_key", "the X-API-Key header holds no key of this service")
                return
            state["api_key"] = client_key_hash(key.decode("latin-1"))
            client = "key:" + state["api_key"]
        else:
            client = "address:" + (scope.get("client") or ("?",))[0]
        refusal = self.budget.admit(client)
        if refusal is not None:
            await send_error(send, 429, refusal.code, refusal.message, {"Retry-After": str(refusal.retry_after)})
            return
        probe = DisconnectProbe(receive)
        context = RequestContext(client, probe.disconnected)
        token = request_context.set(context)
        try:
            await self.app(scope, probe.receive, send)
        finally:
            request_context.reset(token)
            self.budget.release(client, context.worker_seconds)
