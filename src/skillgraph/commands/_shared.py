"""What every sub-command shares: the error exit, the store and gap model, terminal tables."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    import pyoxigraph as ox

    from ..gaps.model import GapModel
    from ..remote import RemoteStore
    from ..settings import Settings

__all__ = ["Lang", "csv_text", "fail", "open_backend", "open_model", "open_release", "percent", "push_if_remote", "table"]

class Lang(str, Enum):
    """The language of labels and texts (French first)."""

    fr = "fr"
    en = "en"


_WIDTH = 60  # longest cell of a table; labels of the study run to 200 characters


def fail(exc: Exception) -> typer.Exit:
    """Print ``error: …`` on standard error; the caller raises the returned exit (code 1)."""
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(1)


def open_release(store: Path | None) -> ox.Store:
    """The store of the release in service (``--store`` or the settings; remote when set)."""
    from ..settings import Settings

    return open_backend(Settings(**({"store_dir": store} if store else {})))  # type: ignore[return-value]


def open_backend(settings: Settings) -> ox.Store | RemoteStore:
    """The graph the settings name: the remote store when ``SKILLGRAPH_REMOTE_QUERY_URL`` is
    set (docs/deployment.md), else the local release in service."""
    from ..remote import RemoteStore, endpoint_from
    from ..store import open_store

    endpoint = endpoint_from(settings)
    return RemoteStore(endpoint) if endpoint is not None else open_store(settings.store_dir)


def push_if_remote(settings: Settings, release: Path, graphs: Sequence[str]) -> None:
    """With a remote store set, push ``graphs`` of the new local ``release`` (and its meta graph)."""
    from ..remote import endpoint_from, push_release
    from ..store import release_lock

    endpoint = endpoint_from(settings)
    if endpoint is None:
        return
    with release_lock(settings.store_dir):  # two local pushes never interleave
        report = push_release(endpoint, release, graphs)
    sent = sum(report.triples.values())
    typer.echo(f"pushed release {report.release} to {endpoint.store_url}: {sent} triples in {len(report.triples)} graphs, {report.seconds:.2f}s")


def open_model(store: Path | None) -> GapModel:
    """The gap model of the release in service (imports here keep ``--help`` fast)."""
    from ..gaps.model import load_model

    return load_model(open_release(store))


def percent(value: float) -> str:
    return f"{round(value * 100)} %"


def _cell(value: Any, width: int) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _numeric(text: str) -> bool:
    # Numbers are right-aligned so that digits line up; years (4 digits) and names stay left.
    try:
        float(text)
    except ValueError:
        return False
    return not (text.isdigit() and len(text) == 4)


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], width: int = _WIDTH) -> str:
    """A plain-text table: long cells cut with an ellipsis, numbers right-aligned."""
    cells = [[_cell(c, width) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    lines = [" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(),
             "-+-".join("-" * w for w in widths)]
    lines += [
        " | ".join(c.rjust(w) if _numeric(c) else c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in cells
    ]
    return "\n".join(lines) + "\n"


def csv_text(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()
