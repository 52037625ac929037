"""The store holder follows the release in service and reads the gap model once per release."""

from __future__ import annotations

from pathlib import Path

from skillgraph.build import build
from skillgraph.server.holder import StoreHolder

from ..conftest import DATA, ONTOLOGY


def test_the_gap_model_is_read_once_per_release(tmp_path: Path) -> None:
    root = tmp_path / "store"
    build(ONTOLOGY, DATA, root)
    holder = StoreHolder(root)
    first = holder.model()
    assert holder.model() is first
    build(ONTOLOGY, DATA, root)  # a new release is switched in
    second = holder.model()
    assert second is not first and holder.model() is second
    assert len(second.families) == len(first.families) == 10
