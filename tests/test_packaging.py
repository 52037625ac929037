"""A wheel built from the repository carries the ontology, data and queries, and works outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("skillgraph-*.whl")
    return path


@pytest.mark.slow
def test_wheel_carries_ontology_data_queries_and_types(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "skillgraph/_resources/ontology/skillgraph.ttl",
        "skillgraph/_resources/ontology/shapes.ttl",
        "skillgraph/_resources/data/jobcards/regulatory-affairs.yaml",
        "skillgraph/_resources/data/sources/aec-2020.txt",
        "skillgraph/_resources/api/queries/regulatory-masters-device-digital.rq",
        "skillgraph/mapping.yaml",
        "skillgraph/py.typed",
    ):
        assert needed in names


@pytest.mark.slow
def test_installed_wheel_builds_and_queries_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)], check=True)
    script = (
        "import skillgraph.resources as r, pathlib, sys;"
        "from skillgraph.build import build;"
        "d = r.resource_dir('data'); assert str(d).startswith(sys.argv[1]), d;"
        "rep = build(r.resource_dir('ontology'), d, pathlib.Path('store'));"
        "print(rep.triples['study'])"
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", script, str(target)],
        cwd=work,
        env={**os.environ, "PYTHONPATH": str(target)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) > 5000
