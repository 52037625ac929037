"""Keep the store of the release in service open, and follow ``current`` when a build switches it."""

from __future__ import annotations

import threading
from pathlib import Path

from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..store import current_release, open_store

if TYPE_CHECKING:
    from ..gaps.model import GapModel

__all__ = ["StoreHolder"]


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
