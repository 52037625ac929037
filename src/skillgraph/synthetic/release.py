"""Write a synthetic graph into a new store release, next to the graphs in service."""

from __future__ import annotations

from pathlib import Path

from ..store import Release, current_release, publish, release_lock
from .generate import SYNTHETIC_GRAPH, synthesize

__all__ = ["write_synthetic"]


def write_synthetic(root: Path, multiple: int, seed: int = 0) -> tuple[Path, int]:
    """Copy the release in service, replace its synthetic graph by ``multiple`` × the study
    (see `synthesize`), and publish it. Returns the new release and the quads generated.

    The study must have been built into ``root`` first; any error leaves the release in
    service untouched.
    """
    with release_lock(root):
        release = Release(root, copy_of=current_release(root))
        try:
            release.store.clear_graph(SYNTHETIC_GRAPH)
            quads = list(synthesize(release.store, multiple, seed))
            release.store.bulk_extend(quads)
        except BaseException:
            release.discard()
            raise
        return publish(release), len(quads)
