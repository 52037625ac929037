"""The scale-out path: the graph on a remote SPARQL 1.1 server (Oxigraph server, Virtuoso,
GraphDB, Neptune…) instead of the embedded store.

Modules: `http` (where the server is, one request, errors), `store` (`RemoteStore`, the
`pyoxigraph.Store` calls skillgraph makes, over the SPARQL 1.1 Protocol; parameters joined in
by `skillgraph.binding`), `push` (a local release's graphs to the server with the Graph Store
Protocol). How to deploy it: docs/deployment.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .http import KEY_PREFIX, RemoteEndpoint
from .push import PushReport, push_release
from .store import RemoteStore, read_release

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = ["KEY_PREFIX", "PushReport", "RemoteEndpoint", "RemoteStore", "endpoint_from", "push_release", "read_release"]


def endpoint_from(settings: Settings) -> RemoteEndpoint | None:
    """The remote store the settings name (``SKILLGRAPH_REMOTE_QUERY_URL``), or None for the embedded one."""
    if not settings.remote_query_url:
        return None
    return RemoteEndpoint(
        query_url=settings.remote_query_url,
        store_url=settings.remote_store_url,
        user=settings.remote_user,
        password=settings.remote_password.get_secret_value() if settings.remote_password else None,
        timeout=settings.remote_timeout,
    )
