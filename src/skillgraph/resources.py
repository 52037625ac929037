"""Where the shipped ontology, data and queries are, in a wheel or in a checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["resource_dir"]

_CHECKOUT = Path(__file__).resolve().parents[2]


def resource_dir(name: str) -> Path:
    """The folder ``ontology``, ``data`` or ``api``.

    A wheel carries them under ``skillgraph/_resources``; an editable install or a checkout
    reads them at the top of the repository, so that curators see their edits at once.
    """
    if name not in {"ontology", "data", "api"}:
        raise ValueError(f"unknown resource folder '{name}'")
    packaged = Path(str(resources.files(__package__).joinpath("_resources", name)))
    if packaged.is_dir():
        return packaged
    return _CHECKOUT / name
