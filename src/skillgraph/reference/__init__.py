"""Reference graphs (opt-in): ESCO v1.1.1, ROME 4.0 v4.60 and the ESCO–ROME crosswalk.

``import_reference`` holds the build lock, reads the official CSV files (compressed, as
shipped in the checkout's ``reference/`` folder) and converts them to N-Triples in a temporary
folder, then writes a new release that starts as a copy of the release in service, replaces
the named graphs ``https://w3id.org/skillgraph/graph/{esco,rome,crosswalk}`` in it (cleared,
then bulk-loaded) and publishes it.
A bad file raises `DataError` (file, line, column) before any release is written; any other
failure discards the new release, so the release in service never changes halfway.
Re-importing replaces each graph wholesale: the import is idempotent.

The vocabulary is ``ontology/reference.ttl``; ``docs/reference-graphs.md`` explains the
modelling, and ``reference/README.md`` the origin and licence of every file.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError
from ..store import Release, current_release, publish, release_lock
from ._csv import NTriplesWriter, Table, find_source, literal

__all__ = [
    "GRAPHS",
    "PARTS",
    "ImportReport",
    "Progress",
    "default_source_dir",
    "import_reference",
]

#: The named graph of each part.
GRAPHS: dict[str, str] = {
    "esco": "https://w3id.org/skillgraph/graph/esco",
    "rome": "https://w3id.org/skillgraph/graph/rome",
    "crosswalk": "https://w3id.org/skillgraph/graph/crosswalk",
}
PARTS: tuple[str, ...] = tuple(GRAPHS)

#: ``progress(done, total, what)``: bytes of the compressed files read so far, their total,
#: and what is being done (a file being read, a graph being loaded).
Progress = Callable[[int, int, str], None]

_CHECKOUT = Path(__file__).resolve().parents[3]
_DATASET = "https://w3id.org/skillgraph/id/dataset"
_FILE = "https://w3id.org/skillgraph/id/reference-file/"
_DCT = "http://purl.org/dc/terms/"
_VOID = "http://rdfs.org/ns/void#"
_PROV = "http://www.w3.org/ns/prov#"
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def default_source_dir() -> Path:
    """The checkout's ``reference/`` folder (a wheel does not carry it: pass ``--from``)."""
    return _CHECKOUT / "reference"


@dataclass(frozen=True)
class ImportReport:
    """What an import did: the new release, quads per graph, records per file, seconds per step."""

    release: Path
    quads: dict[str, int]
    rows: dict[str, int]
    timings: dict[str, float]

    @property
    def total_seconds(self) -> float:
        return sum(self.timings.values())


@dataclass
class Sources:
    """The source files of an import: opens them as `Table`s and keeps count for progress."""

    folder: Path
    progress: Progress | None = None
    total: int = 0
    done: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    read: list[tuple[str, Table]] = field(default_factory=list)

    def plan(self, relpaths: Iterable[str]) -> None:
        """Check every file is there, before anything is read, and size the progress bar."""
        for relpath in relpaths:
            self.total += find_source(self.folder, relpath).stat().st_size

    def table(self, relpath: str, columns: Sequence[str], **options: object) -> Table:
        path = find_source(self.folder, relpath)
        start = self.done
        size = path.stat().st_size

        def report(position: int) -> None:
            self.done = start + min(position, size)
            if self.progress is not None:
                self.progress(self.done, self.total, f"reading {relpath}")

        table = Table(path, columns, on_progress=report, **options)  # type: ignore[arg-type]
        self.read.append((relpath, table))
        return table

    def finish(self) -> None:
        for relpath, table in self.read:
            self.rows[relpath] = table.rows


@dataclass(frozen=True)
class DatasetInfo:
    """How a reference graph describes itself (VoID / Dublin Core, inside the graph)."""

    title_fr: str
    title_en: str
    publisher: str
    version: str
    licence: str
    rights: str
    source: str


def describe(out: NTriplesWriter, part: str, info: DatasetInfo, sources: Sources) -> None:
    """The dataset node of a reference graph: title, publisher, licence, attribution, files."""
    node = f"<{_DATASET}/{part}>"
    out.add(f"<{_DATASET}>", f"<{_VOID}subset>", node)
    out.add(node, _RDF_TYPE, f"<{_VOID}Dataset>")
    out.add(node, f"<{_DCT}title>", literal(info.title_fr, "fr"))
    out.add(node, f"<{_DCT}title>", literal(info.title_en, "en"))
    out.add(node, f"<{_DCT}publisher>", literal(info.publisher))
    out.add(node, f"<{_DCT}hasVersion>", literal(info.version))
    out.add(node, f"<{_DCT}license>", f"<{info.licence}>")
    out.add(node, f"<{_DCT}rights>", literal(info.rights, "en"))
    out.add(node, f"<{_DCT}source>", literal(info.source))
    out.add(node, f"<{_VOID}sparqlGraphEndpoint>", f"<{GRAPHS[part]}>")
    for relpath, table in sources.read:
        entity = f"<{_FILE}{relpath}>"
        out.add(node, f"<{_PROV}wasDerivedFrom>", entity)
        out.add(entity, _RDF_TYPE, f"<{_PROV}Entity>")
        out.add(entity, f"<{_DCT}identifier>", literal(relpath))
        out.add(entity, f"<{_DCT}hasVersion>", literal("sha256:" + table.sha256))
        out.add(entity, f"<{_VOID}entities>", literal(str(table.rows), datatype="http://www.w3.org/2001/XMLSchema#integer"))


def import_reference(
    store_dir: Path,
    source_dir: Path | None = None,
    parts: Sequence[str] = PARTS,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the reference graphs ``parts`` from ``source_dir`` into a new release of ``store_dir``.

    The new release holds every other graph of the one in service (the study graphs, graphs
    loaded with ``skillgraph load``, the parts not re-imported); it is empty besides the
    imported graphs when nothing was built yet.
    """
    from . import crosswalk, esco, rome

    modules = {"esco": esco, "rome": rome, "crosswalk": crosswalk}
    unknown = [p for p in parts if p not in modules]
    if unknown:
        raise ValueError(f"unknown reference part(s) {unknown}; choose among {list(PARTS)}")
    parts = [p for p in PARTS if p in parts]
    folder = source_dir if source_dir is not None else default_source_dir()
    if not folder.is_dir():
        raise StoreError(f"{folder}: no reference folder (pass --from DIR, the folder of the reference CSV files)")
    timings: dict[str, float] = {}
    rows: dict[str, int] = {}
    with release_lock(store_dir), tempfile.TemporaryDirectory(prefix=".import-", dir=store_dir) as tmp:
        triples: dict[str, Path] = {}
        everything = Sources(folder, progress)
        everything.plan(f for p in parts for f in modules[p].FILES)
        for part in parts:
            started = time.perf_counter()
            sources = Sources(folder, progress, total=everything.total, done=everything.done)
            triples[part] = Path(tmp) / f"{part}.nt"
            with open(triples[part], "w", encoding="utf-8", newline="\n") as handle:
                out = NTriplesWriter(handle)
                modules[part].convert(sources, out)
                describe(out, part, modules[part].INFO, sources)
            sources.finish()
            everything.done = sources.done
            rows.update(sources.rows)
            timings[f"read {part}"] = time.perf_counter() - started

        started = time.perf_counter()
        release = _new_release(store_dir, {GRAPHS[p] for p in parts}, Path(tmp))
        try:
            quads: dict[str, int] = {}
            for part in parts:
                if progress is not None:
                    progress(everything.total, everything.total, f"loading {part} into the store")
                graph = ox.NamedNode(GRAPHS[part])
                release.store.clear_graph(graph)
                try:
                    release.store.bulk_load(path=str(triples[part]), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
                except SyntaxError as exc:  # a bug of the converter, not of the data
                    raise StoreError(f"{part}: the converted N-Triples do not parse: {exc}") from exc
                quads[part] = _count(release.store, graph)
        except BaseException:
            release.discard()
            raise
        path = publish(release)
        timings["load"] = time.perf_counter() - started
    return ImportReport(path, quads, rows, timings)


def _new_release(root: Path, replaced: set[str], tmp: Path) -> Release:
    """A new release holding every graph of the one in service except those being replaced.

    Usually a copy of the release in service (`Release` ``copy_of``: hard links, instant),
    whose replaced graphs the caller then clears. Deleting quads one by one is slow, though
    (about 25 s for the 570,000 quads of ESCO), so when the graphs to replace outweigh the
    graphs to keep — re-importing everything, say — the release starts empty and the kept
    graphs are copied into it instead. Either way it ends up with the same content.
    """
    base = _in_service(root)
    if base is None:
        return Release(root)
    current = ox.Store.read_only(str(base))
    sizes: dict[ox.NamedNode | ox.DefaultGraph, int] = {
        row["g"]: int(row["n"].value)  # type: ignore[index,union-attr]
        for row in current.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")  # type: ignore[union-attr]
    }
    default = sum(1 for _ in current.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    if default:
        sizes[ox.DefaultGraph()] = default
    to_clear = sum(n for g, n in sizes.items() if isinstance(g, ox.NamedNode) and g.value in replaced)
    to_keep = sum(sizes.values()) - to_clear
    if to_clear <= to_keep:
        return Release(root, copy_of=base)
    release = Release(root)
    try:
        for graph in sizes:
            if isinstance(graph, ox.NamedNode) and graph.value in replaced:
                continue
            dump = tmp / "kept.nt"
            current.dump(output=str(dump), format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
            release.store.bulk_load(path=str(dump), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
            dump.unlink()
    except BaseException:
        release.discard()
        raise
    return release


def _in_service(root: Path) -> Path | None:
    """The release in service, or None for a store where nothing was built yet."""
    if not (root / "current").is_symlink():
        return None
    return current_release(root)


_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _count(store: ox.Store, graph: ox.NamedNode) -> int:
    # The graph is the query's dataset (a typed option), not text pasted into the query.
    solutions = store.query(_COUNT, default_graph=[graph])
    for row in solutions:  # type: ignore[union-attr]
        return int(row["n"].value)
    return 0
