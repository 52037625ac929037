"""The three scales of the benchmark, each built into its own store folder in a subprocess
(so that its wall time and peak memory, ``ru_maxrss``, are its own):

- ``study``: the study graph alone (``skillgraph build``);
- ``reference``: study + full ESCO + ROME + crosswalk (``skillgraph import all``);
- ``synthetic``: the study plus seeded copies, ``multiple`` × the study (``python -m skillgraph.synthetic``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from skillgraph.store import current_release

__all__ = ["Scale", "Step", "prepare_scales", "timed_step"]


@dataclass(frozen=True)
class Step:
    """One build or import step: its command, wall time and peak memory."""

    name: str
    command: str
    seconds: float
    peak_mb: float


@dataclass(frozen=True)
class Scale:
    name: str
    store: Path
    quads: int
    steps: tuple[Step, ...]

    @property
    def release(self) -> Path:
        return current_release(self.store)


_CHILD = """
import resource, subprocess, sys, json, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rc": done.returncode, "seconds": seconds, "peak_kb": peak, "stderr": done.stderr.decode()[-2000:]}))
"""


def timed_step(name: str, command: list[str]) -> Step:
    """Run ``command`` in a fresh process; its wall time and its own peak resident memory
    (``ru_maxrss`` of the children of a small watcher, so earlier steps never count)."""
    out = subprocess.run([sys.executable, "-c", _CHILD, *command], capture_output=True, check=True, text=True)
    measured = json.loads(out.stdout.strip().splitlines()[-1])
    if measured["rc"] != 0:
        raise RuntimeError(f"{name} failed ({measured['rc']}): {measured['stderr']}")
    shown = " ".join(Path(c).name if i == 0 else c for i, c in enumerate(command))
    return Step(name, shown, round(measured["seconds"], 2), round(measured["peak_kb"] / 1024, 1))


def _quads(store: Path) -> int:
    import pyoxigraph as ox

    return len(ox.Store.read_only(str(current_release(store))))


def _skillgraph() -> str:
    return str(Path(sys.executable).parent / "skillgraph")


def prepare_scales(work: Path, multiple: int, seed: int, names: tuple[str, ...], study_store: Path | None = None) -> list[Scale]:
    """Build the requested scales under ``work`` (emptied first); with ``study_store``, the
    study scale is that store, read only and copied for the others, its build not timed."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    if study_store is None:
        study = work / "study"
        steps: tuple[Step, ...] = (timed_step("build study", [_skillgraph(), "build", "--store", str(study)]),)
    else:
        study, steps = study_store, ()
    scales = []
    if "study" in names:
        scales.append(Scale("study", study, _quads(study), steps))
    if "reference" in names:
        reference = work / "reference"
        shutil.copytree(study, reference, symlinks=True)
        imported = timed_step("import all", [_skillgraph(), "import", "all", "--store", str(reference)])
        scales.append(Scale("reference", reference, _quads(reference), (*steps, imported)))
    if "synthetic" in names:
        synthetic = work / "synthetic"
        shutil.copytree(study, synthetic, symlinks=True)
        made = timed_step(
            f"synthetic x{multiple}",
            [sys.executable, "-m", "skillgraph.synthetic", str(synthetic), "--multiple", str(multiple), "--seed", str(seed)],
        )
        scales.append(Scale(f"synthetic x{multiple}", synthetic, _quads(synthetic), (*steps, made)))
    return scales

