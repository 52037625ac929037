"""The on-disk store: immutable releases and an atomically switched ``current`` link.

Layout under the store folder::

    releases/<stamp>/   one pyoxigraph store per successful build, never changed after
    current             symbolic link to the release in service
    .build.lock         held while a build writes, so two builds never interleave

A build writes a new release and only then repoints ``current`` (``os.replace`` of a
link is atomic on POSIX), so a failed or killed build leaves the served graph untouched
and readers see the old graph or the new one, never a mix. What a killed build leaves
(a half-written release, a temporary link or folder) is swept by the next one.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from .errors import StoreError

__all__ = ["GRAPHS", "Release", "current_release", "load_into_new_release", "open_store", "publish", "release_lock"]

#: The named graphs of a release.
GRAPHS = {
    "ontology": ox.NamedNode("https://w3id.org/skillgraph/graph/ontology"),
    "study": ox.NamedNode("https://w3id.org/skillgraph/graph/study"),
    "inferred": ox.NamedNode("https://w3id.org/skillgraph/graph/inferred"),
    "meta": ox.NamedNode("https://w3id.org/skillgraph/graph/meta"),
}

_KEEP_RELEASES = 3


class Release:
    """A release folder being written; `publish` makes it current.

    With ``copy_of``, the release starts as a copy (an Oxigraph backup: hard links where it
    can) of that release, so graphs can be added without touching the one in service.
    """

    def __init__(self, root: Path, copy_of: Path | None = None) -> None:
        self.root = root
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + f"-{time.time_ns() % 1_000_000_000:09d}"
        self.path = root / "releases" / stamp
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if copy_of is not None:
            ox.Store.read_only(str(copy_of)).backup(str(self.path))
        self.store = ox.Store(str(self.path))

    def discard(self) -> None:
        del self.store
        shutil.rmtree(self.path, ignore_errors=True)


@contextmanager
def release_lock(root: Path) -> Iterator[None]:
    """Hold the build lock; refuse at once if another build holds it."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".build.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise StoreError(f"{root}: another build is running") from exc
        _sweep(root)
        yield


def publish(release: Release) -> Path:
    """Flush the release, point ``current`` at it, and prune old releases."""
    release.store.flush()
    del release.store
    link = release.root / "current"
    tmp = release.root / f".current-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(Path("releases") / release.path.name, tmp)
    os.replace(tmp, link)
    _prune(release.root, keep=release.path.name)
    return release.path


def load_into_new_release(root: Path, source: Path, graph: str, fmt: ox.RdfFormat | None = None) -> tuple[Path, int]:
    """Copy the release in service, load an RDF file into ``graph`` (replacing it), publish.

    Returns the new release and the number of quads loaded. A file that does not parse
    changes nothing, and the error names the file with the parser's line and column.
    """
    with release_lock(root):
        release = Release(root, copy_of=current_release(root))
        try:
            target = ox.NamedNode(graph)
            release.store.clear_graph(target)
            before = len(release.store)
            try:
                release.store.bulk_load(path=str(source), format=fmt or _guess_format(source), to_graph=target)
            except SyntaxError as exc:
                raise StoreError(f"{source}: {exc}") from exc
            except OSError as exc:
                raise StoreError(f"{source}: {exc.strerror or exc}") from exc
            loaded = len(release.store) - before
        except BaseException:
            release.discard()
            raise
        return publish(release), loaded


def _guess_format(path: Path) -> ox.RdfFormat:
    suffixes = "".join(path.suffixes[-1:]).lower().lstrip(".")
    found = ox.RdfFormat.from_extension(suffixes) if suffixes else None
    if found is None:
        raise StoreError(f"{path}: cannot tell the RDF syntax from the file name; give --format")
    return found


def current_release(root: Path) -> Path:
    """The release in service; `StoreError` when nothing has been built yet."""
    link = root / "current"
    if not link.is_symlink():
        raise StoreError(f"{root}: no graph has been built yet (run 'skillgraph build')")
    target = link.resolve()
    if not target.is_dir():
        raise StoreError(f"{root}: 'current' points to a missing release {target}")
    return target


def open_store(root: Path) -> ox.Store:
    """Open the release in service, read-only (several processes may share it)."""
    path = current_release(root)
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store: {exc}") from exc


def _sweep(root: Path) -> None:
    """Remove what a writer killed halfway left behind; called with the build lock held.

    Every writer holds the lock and publishes its release last, so under the lock a release
    newer than ``current`` is a half-written one (with no ``current`` yet, every release is),
    and a ``.current-*`` link or ``.import-*`` folder belongs to no running writer. The lock
    itself needs no sweeping: the kernel drops a dead process's ``flock``.
    """
    link = root / "current"
    served = Path(os.readlink(link)).name if link.is_symlink() else None
    releases = root / "releases"
    if releases.is_dir():
        for path in releases.iterdir():
            if path.is_dir() and (served is None or path.name > served):
                shutil.rmtree(path, ignore_errors=True)
    for leftover in root.glob(".current-*"):
        leftover.unlink(missing_ok=True)
    for leftover in root.glob(".import-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _prune(root: Path, keep: str) -> None:
    releases = sorted(p for p in (root / "releases").iterdir() if p.is_dir())
    # Keep the newest few: a server started on an older release may still be reading it.
    for old in releases[:-_KEEP_RELEASES]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)
