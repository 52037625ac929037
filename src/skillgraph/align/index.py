"""The reference concepts found in a folder (or read from a concept list), by scheme, ranked on demand."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import AlignmentError
from ..models.alignment import ReferenceScheme
from .concept import ReferenceConcept
from .matcher import _TextIndex
from .readers import _FILES, _NEEDS, _READERS, _base_name, _read_rows

__all__ = ["ReferenceIndex", "default_reference_dir"]


class ReferenceIndex:
    """The concepts of the reference classifications found in a folder, ranked on demand."""

    def __init__(self, concepts: dict[ReferenceScheme, dict[str, ReferenceConcept]], folder: Path | None = None):
        self.folder = folder
        self._concepts = concepts
        self._text: dict[ReferenceScheme, _TextIndex] = {}

    # -- construction --

    @classmethod
    def from_files(
        cls,
        folder: Path | str | Sequence[Path | str] | None = None,
        schemes: Iterable[ReferenceScheme | str] | None = None,
    ) -> ReferenceIndex:
        """Read the reference files under ``folder`` (one folder or several; default: `default_reference_dir`).

        ``schemes`` limits what is read (by default every scheme whose files are present).
        Raises `AlignmentError` when a folder is missing or a requested scheme has no file.
        """
        if folder is None:
            roots = [default_reference_dir()]
        elif isinstance(folder, (str, Path)):
            roots = [Path(folder)]
        else:
            roots = [Path(f) for f in folder]
        found: dict[str, list[tuple[Path, Path]]] = defaultdict(list)
        for root in roots:
            if not root.is_dir():
                raise AlignmentError(f"reference folder not found: {root}")
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                base = _base_name(path)
                for kind, pattern in _FILES.items():
                    if pattern.match(base):
                        found[kind].append((root, path))
        wanted = [ReferenceScheme(s) for s in schemes] if schemes is not None else None
        if wanted is None:
            wanted = [s for s, needs in _NEEDS.items() if found.get(needs[0])]
        concepts: dict[ReferenceScheme, dict[str, ReferenceConcept]] = {}
        where = ", ".join(str(r) for r in roots)
        for scheme in wanted:
            if not found.get(_NEEDS[scheme][0]):
                raise AlignmentError(f"no {scheme.value} file under {where} (expected {_FILES[_NEEDS[scheme][0]].pattern})")
            concepts[scheme] = _READERS[scheme](found)
        return cls(concepts, roots[0] if len(roots) == 1 else None)

    @classmethod
    def from_concept_list(cls, path: Path | str) -> ReferenceIndex:
        """Read a concept list written by `write_concept_list` (scheme, target, labels, version)."""
        concepts: dict[ReferenceScheme, dict[str, ReferenceConcept]] = defaultdict(dict)
        source = Path(path)
        for row in _read_rows(source):
            scheme = ReferenceScheme(row["scheme"])
            concepts[scheme][row["target"]] = ReferenceConcept(
                scheme,
                row["target"],
                label_fr=row.get("label_fr") or None,
                label_en=row.get("label_en") or None,
                parent=row.get("parent") or None,
                version=row.get("version") or None,
                origin=row.get("origin") or source.name,
            )
        return cls(dict(concepts), source.parent)

    # -- access --

    @property
    def schemes(self) -> list[ReferenceScheme]:
        return list(self._concepts)

    def concepts(self, scheme: ReferenceScheme | str) -> list[ReferenceConcept]:
        return list(self._scheme(scheme).values())

    def get(self, scheme: ReferenceScheme | str, target: str) -> ReferenceConcept | None:
        return self._scheme(scheme).get(target)

    def __contains__(self, item: tuple[ReferenceScheme | str, str]) -> bool:
        scheme, target = item
        return ReferenceScheme(scheme) in self._concepts and target in self._concepts[ReferenceScheme(scheme)]

    def _scheme(self, scheme: ReferenceScheme | str) -> dict[str, ReferenceConcept]:
        key = ReferenceScheme(scheme)
        if key not in self._concepts:
            where = f" under {self.folder}" if self.folder else ""
            raise AlignmentError(f"no {key.value} concepts loaded{where}")
        return self._concepts[key]

    def text_index(self, scheme: ReferenceScheme | str) -> _TextIndex:
        key = ReferenceScheme(scheme)
        if key not in self._text:
            self._text[key] = _TextIndex(self.concepts(key))
        return self._text[key]


def default_reference_dir() -> Path:
    """``SKILLGRAPH_REFERENCE_DIR``, else ``reference/`` at the top of the checkout."""
    env = os.environ.get("SKILLGRAPH_REFERENCE_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "reference"
