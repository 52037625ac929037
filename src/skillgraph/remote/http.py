"""HTTP to a remote SPARQL store, on the standard library: where it is, and one request.

Every failure becomes a `RemoteStoreError` naming the URL and, when the server answered, its
status and its own message (shortened), so that a person can tell "not reachable" from
"refused my credentials" from "did not like my query".
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from urllib.parse import urlencode
from collections.abc import Sequence
from dataclasses import dataclass
from http.client import HTTPResponse
from typing import IO

from ..errors import RemoteStoreError

__all__ = ["KEY_PREFIX", "RemoteEndpoint", "form", "send"]

#: Start of the release key a server gives its query workers for a remote store.
KEY_PREFIX = "remote:"
_MESSAGE_CHARS = 1000


@dataclass(frozen=True)
class RemoteEndpoint:
    """A remote store: its query endpoint, its Graph Store Protocol endpoint, credentials."""

    query_url: str
    store_url: str | None = None
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0

    def key(self, release: str) -> str:
        """A picklable text naming this endpoint and a release, for the query workers.

        It holds the credentials: it is only passed to the server's own worker processes.
        """
        fields = {"query_url": self.query_url, "store_url": self.store_url, "user": self.user,
                  "password": self.password, "timeout": self.timeout, "release": release}
        return KEY_PREFIX + json.dumps(fields, sort_keys=True)

    @staticmethod
    def from_key(key: str) -> tuple[RemoteEndpoint, str]:
        fields = json.loads(key[len(KEY_PREFIX):])
        release = fields.pop("release")
        return RemoteEndpoint(**fields), release

    def headers(self) -> dict[str, str]:
        if self.user is None:
            return {}
        pair = f"{self.user}:{self.password or ''}".encode()
        return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}


# No redirects followed silently with a body, and proxies from the environment as usual.
_OPENER = urllib.request.build_opener()


def send(
    endpoint: RemoteEndpoint,
    method: str,
    url: str,
    *,
    body: bytes | IO[bytes] | None = None,
    headers: dict[str, str] | None = None,
    length: int | None = None,
) -> HTTPResponse:
    """One request; the open response on a 2xx status, else `RemoteStoreError`.

    A file body is streamed (``length`` bytes), never read into memory.
    """
    all_headers = {**endpoint.headers(), **(headers or {})}
    if length is not None:
        all_headers["Content-Length"] = str(length)
    request = urllib.request.Request(url, data=body, headers=all_headers, method=method)  # type: ignore[arg-type]
    try:
        return _OPENER.open(request, timeout=endpoint.timeout)  # type: ignore[no-any-return]
    except urllib.error.HTTPError as exc:
        message = _message(exc)
        raise RemoteStoreError(f"{_where(url)} answered {exc.code} {exc.reason}: {message}", status=exc.code) from exc
    except urllib.error.URLError as exc:
        raise RemoteStoreError(f"{_where(url)}: cannot reach the remote store: {exc.reason}") from exc
    except (TimeoutError, OSError) as exc:
        raise RemoteStoreError(f"{_where(url)}: no answer from the remote store: {exc}") from exc


def form(pairs: Sequence[tuple[str, str]]) -> bytes:
    """An ``application/x-www-form-urlencoded`` body."""
    return urlencode(list(pairs)).encode("ascii")


def _where(url: str) -> str:
    # Only the endpoint: a GSP URL's ?graph= is named by the caller when it matters.
    return url.split("?", 1)[0]


def _message(exc: urllib.error.HTTPError) -> str:
    try:
        raw = exc.read(_MESSAGE_CHARS * 4)
    except OSError:
        return "(no message)"
    text = raw.decode("utf-8", errors="replace").strip()
    text = " ".join(text.split())
    return (text[:_MESSAGE_CHARS] + "…") if len(text) > _MESSAGE_CHARS else (text or "(no message)")
