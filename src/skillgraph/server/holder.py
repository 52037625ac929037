"""Keep the store of the release in service open, and follow ``current`` when a build switches it.

With a remote store (``SKILLGRAPH_REMOTE_QUERY_URL``) the release in service is the one pushed
last, read from the remote meta graph at most once per ``remote_release_ttl`` seconds, so a
rebuild pushed from another machine is noticed and the gap model read again.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..errors import StoreError
from ..remote import RemoteEndpoint, RemoteStore, endpoint_from, read_release
from ..store import current_release, open_store

if TYPE_CHECKING:
    from ..gaps.model import GapModel
    from ..settings import Settings

__all__ = ["RemoteStoreHolder", "StoreHolder", "open_holder"]


class StoreHolder:
    """Gives each request the store of the release that is current when the request starts."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._lock = threading.Lock()
        self._path: Path | None = None
        self._store: ox.Store | None = None
        self._model: tuple[ox.Store, GapModel] | None = None

    @property
    def root(self) -> Path:
        return self._root

    def current(self) -> Path:
        """The release in service now (workers open it themselves)."""
        return current_release(self._root)

    def get(self) -> ox.Store:
        path = current_release(self._root)
        with self._lock:
            if path != self._path or self._store is None:
                # Readers holding the previous store keep it until they finish: it is immutable.
                self._store = open_store(self._root)
                self._path = path
            return self._store

    def model(self) -> GapModel:
        """The gap model of the release in service, read once per release (it is immutable)."""
        from ..gaps.model import load_model

        store = self.get()
        with self._lock:
            if self._model is None or self._model[0] is not store:
                self._model = (store, load_model(store))
            return self._model[1]

    @property
    def release(self) -> Path | None:
        return self._path


class RemoteStoreHolder(StoreHolder):
    """Gives each request a `RemoteStore` bound to the release pushed last to the remote store."""

    def __init__(self, root: Path, endpoint: RemoteEndpoint, ttl: float) -> None:
        super().__init__(root)
        self._endpoint = endpoint
        self._ttl = ttl
        self._checked = float("-inf")
        self._remote: RemoteStore | None = None

    def current(self) -> str:  # type: ignore[override]
        """The release key the query workers open (`RemoteStore.from_key`)."""
        return self.get().key()

    def get(self) -> RemoteStore:  # type: ignore[override]
        with self._lock:
            now = time.monotonic()
            if self._remote is None or now - self._checked >= self._ttl:
                release = read_release(self._endpoint)
                self._checked = now
                if self._remote is None or release != self._remote.release():
                    # One object per release: the gap model cache (keyed by the object) follows.
                    self._remote = RemoteStore(self._endpoint, release)
            return self._remote

    @property
    def release(self) -> Path | None:
        # A Path only so that callers read ``.name`` as for a local release.
        return Path(self._remote.release()) if self._remote is not None else None


def open_holder(settings: Settings) -> StoreHolder:
    """The holder of the store the settings name: remote when a query URL is set, else local."""
    endpoint = endpoint_from(settings)
    if endpoint is None:
        return StoreHolder(settings.store_dir)
    if settings.allow_updates:
        raise StoreError("SPARQL updates are not served for a remote store: update it directly, or unset SKILLGRAPH_ALLOW_UPDATES")
    return RemoteStoreHolder(settings.store_dir, endpoint, settings.remote_release_ttl)
