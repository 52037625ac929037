"""SPARQL updates, when enabled: applied to a copy of the release in service, then switched."""

from __future__ import annotations

from pathlib import Path

from starlette.concurrency import run_in_threadpool

from ..store import Release, current_release, publish, release_lock
from .errors import ProtocolError

__all__ = ["apply_update"]


def _apply(root: Path, text: str, using: list[str], using_named: list[str]) -> Path:
    if using or using_named:
        # The protocol's USING parameters would rewrite the update's dataset; not supported.
        raise ProtocolError(400, "unsupported_parameter", "using-graph-uri / using-named-graph-uri are not supported")
    with release_lock(root):
        release = Release(root, copy_of=current_release(root))
        try:
            release.store.update(text)
        except SyntaxError as exc:
            release.discard()
            raise ProtocolError(400, "malformed_update", str(exc)) from exc
        except OSError as exc:
            release.discard()
            raise ProtocolError(400, "update_failed", str(exc)) from exc
        return publish(release)


async def apply_update(root: Path, text: str, using: list[str], using_named: list[str]) -> Path:
    """Apply ``text`` atomically: readers see the old graph or the new one, never a mix."""
    return await run_in_threadpool(_apply, root, text, using, using_named)

