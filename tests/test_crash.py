"""Crash-safe data: a build or import killed with SIGKILL at any point leaves ``current`` on an
intact release that answers, the next writer sweeps the leftovers and succeeds, and a server
answering during rebuilds sees the old graph or the new one, never a mix."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from skillgraph.build import BuildReport, build
from skillgraph.store import current_release, load_into_new_release, open_store

from .conftest import DATA, ONTOLOGY

STUDY = "https://w3id.org/skillgraph/graph/study"
STUDY_COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{STUDY}> {{ ?s ?p ?o }} }}"

# Run in a child process: the CLI with one step replaced by a SIGKILL of the process itself,
# so that the crash happens at a known point of the write.
_DRIVER = r'''
import os, signal, sys
import pyoxigraph as ox

point, args = sys.argv[1], sys.argv[2:]


def die(*_args, **_kwargs):
    os.kill(os.getpid(), signal.SIGKILL)


if point == "mid-write":
    import skillgraph.build as b

    def partial(store, checked):
        # The ontology graph is written, then the process dies before the study graph.
        data = checked.ontology.serialize(format="nt", encoding="utf-8")
        store.bulk_load(data, ox.RdfFormat.N_TRIPLES, to_graph=b.GRAPHS["ontology"])
        die()

    b._write = partial
elif point == "switching":
    import skillgraph.store as s

    real = os.replace

    def replace(src, dst, *rest, **kw):
        if os.path.basename(str(src)).startswith(".current-"):
            die()  # the new link is made, not yet switched
        return real(src, dst, *rest, **kw)

    s.os.replace = replace
elif point == "unpublished":
    import skillgraph.reference as r

    r.publish = die  # the imported release is complete, never switched to
elif point == "pruning":
    import skillgraph.store as s

    s._prune = die  # switched, old releases not pruned yet
from skillgraph.cli import app

app(args)
'''

_POINTS = [
    ("mid-write", "build", False),
    ("switching", "build", False),
    ("unpublished", "import", False),
    ("pruning", "import", True),
]


def _copy(built: tuple[Path, BuildReport], tmp_path: Path) -> Path:
    root = tmp_path / "store"
    shutil.copytree(built[0], root, symlinks=True)
    return root


def _count(root: Path) -> int:
    solution = next(iter(open_store(root).query(STUDY_COUNT)))
    return int(solution["n"].value)


def _leftovers(root: Path) -> list[str]:
    served = current_release(root).name
    newer = [p.name for p in (root / "releases").iterdir() if p.name > served]
    return newer + [p.name for p in root.glob(".current-*")] + [p.name for p in root.glob(".import-*")]


def _next_writer(root: Path, tmp_path: Path) -> None:
    """The next writer after a crash (a load: it takes the same lock as build and import)."""
    mine = tmp_path / "mine.nt"
    mine.write_text("<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n", encoding="utf-8")
    load_into_new_release(root, mine, "http://example.org/mine")


@pytest.mark.slow
@pytest.mark.parametrize(("point", "command", "switched"), _POINTS, ids=[p[0] for p in _POINTS])
def test_a_writer_killed_at_a_known_point_leaves_an_intact_release(
    built: tuple[Path, BuildReport], tmp_path: Path, point: str, command: str, switched: bool
) -> None:
    root = _copy(built, tmp_path)
    before, expected = current_release(root), _count(root)
    args = ["build", "--store", str(root)] if command == "build" else ["import", "crosswalk", "--store", str(root)]
    done = subprocess.run([sys.executable, "-c", _DRIVER, point, *args], capture_output=True, timeout=120, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()[-2000:]
    assert (current_release(root) != before) is switched
    assert _count(root) == expected  # the release in service is whole and answers
    if not switched:
        assert _leftovers(root), "the crash point left nothing behind: it no longer tests anything"
    _next_writer(root, tmp_path)
    assert _leftovers(root) == [] and _count(root) == expected
    assert len(list((root / "releases").iterdir())) <= 3


@pytest.mark.slow
def test_a_build_killed_at_random_moments_then_a_build_that_succeeds(built: tuple[Path, BuildReport], tmp_path: Path) -> None:
    root = _copy(built, tmp_path)
    expected = _count(root)
    command = [sys.executable, "-m", "skillgraph", "build", "--store", str(root)]
    for delay in random.Random(7).sample([0.8, 1.6, 2.4, 3.2, 3.6, 4.0], 2):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert _count(root) == expected
    done = subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert _leftovers(root) == [] and _count(root) == expected


_DECLARED = """
SELECT ?declared (COUNT(*) AS ?n) WHERE {
  GRAPH <https://w3id.org/skillgraph/graph/meta> {
    <https://w3id.org/skillgraph/id/dataset/study> <http://rdfs.org/ns/void#triples> ?declared }
  GRAPH <https://w3id.org/skillgraph/graph/study> { ?s ?p ?o }
} GROUP BY ?declared
"""


@pytest.mark.slow
def test_readers_see_the_old_graph_or_the_new_one_never_a_mix(
    built: tuple[Path, BuildReport], data_copy: Path, tmp_path: Path
) -> None:
    from .server.test_limits import _get, _serve

    providers = data_copy / "providers.yaml"
    text = providers.read_text(encoding="utf-8")
    assert "cities: [Paris, Nantes]" in text
    providers.write_text(text.replace("cities: [Paris, Nantes]", "cities: [Paris]", 1), encoding="utf-8")
    root = _copy(built, tmp_path)  # the shipped data
    server = _serve(root, tmp_path / "server.log", {"SKILLGRAPH_QUERY_WORKERS": "2"})
    base = next(server)
    seen: list[tuple[int, int, int]] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            status, body, _ = _get(base, _DECLARED)
            rows = body["results"]["bindings"] if status == 200 else []
            seen.append((status, *(int(rows[0][k]["value"]) for k in ("declared", "n"))) if rows else (status, -1, -2))
            time.sleep(0.05)

    readers = [threading.Thread(target=read) for _ in range(2)]
    counts = {_count(root)}
    try:
        for reader in readers:
            reader.start()
        for data in (data_copy, DATA):
            counts.add(build(ONTOLOGY, data, root).triples["study"])
            time.sleep(0.5)
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=30)
        server.close()
    assert len(counts) == 2  # two different graphs
    assert len(seen) > 20
    assert all(status == 200 and declared == n and n in counts for status, declared, n in seen), seen
    assert {n for _, _, n in seen} == counts  # the readers saw both
