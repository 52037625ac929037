"""The coverage matrix and its heatmap: the study's conclusions in one table, exports, pictures."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from skillgraph.build import BuildReport
from skillgraph.commands.report import app
from skillgraph.gaps.matrix import (
    CoverageMatrix,
    UnknownIdentifier,
    coverage_matrix,
    heatmap,
    resolve_programme_type,
)
from skillgraph.gaps.model import ID, GapModel, load_model

RA = ID + "job-family/regulatory-affairs"
STRASBOURG = ID + "programme/m2-strasbourg-reglementation-droit-pharmaceutique"

runner = CliRunner()


@pytest.fixture(scope="module")
def model(store: ox.Store) -> GapModel:
    return load_model(store)


@pytest.fixture(scope="module")
def matrix(model: GapModel) -> CoverageMatrix:
    return coverage_matrix(model, "all")


@pytest.fixture(scope="module")
def masters(model: GapModel) -> CoverageMatrix:
    return coverage_matrix(model, "all", programme_types=["master2"])


def test_one_row_per_family_and_every_ratio_in_0_1(model: GapModel, matrix: CoverageMatrix) -> None:
    assert len(matrix.families) == len(model.families) == 10
    assert len(matrix.programmes) == len(model.programmes) == 42
    assert len(matrix.cells) == 420
    for cell in matrix.cells.values():
        assert cell.guaranteed is not None and cell.possible is not None
        assert 0.0 <= cell.guaranteed <= cell.possible <= 1.0


def test_columns_are_grouped_by_programme_type(matrix: CoverageMatrix) -> None:
    groups = matrix.groups()
    kinds = [kind for kind, _ in groups]
    assert len(kinds) == len(set(kinds)), "a programme type appears in two separate column groups"
    assert kinds[0] == "Master2" and len(groups[0][1]) == 8


def test_strasbourg_has_the_best_possible_coverage_of_the_regulatory_masters(masters: CoverageMatrix) -> None:
    row = {c.programme: c for c in masters.row(RA) if c.prepares}
    assert len(row) == 8
    best = max(row.values(), key=lambda c: c.possible or 0)
    assert best.programme == STRASBOURG
    assert all(c.possible < best.possible for p, c in row.items() if p != STRASBOURG)  # type: ignore[operator]
    # the exclusive choice between devices and pharmaceutical law: not guaranteed to every graduate
    assert best.guaranteed < best.possible  # type: ignore[operator]
    assert all(c.guaranteed == c.possible for p, c in row.items() if p != STRASBOURG)


def test_preparing_scope_scores_only_programmes_preparing_for_the_family(model: GapModel) -> None:
    matrix = coverage_matrix(model, "preparing")
    assert len(matrix.families) == 10
    for cell in matrix.cells.values():
        assert (cell.guaranteed is not None) == cell.prepares
    scored = {c.programme for c in matrix.row(RA) if c.guaranteed is not None}
    assert len(scored) == 10  # 8 Master 2 and 2 DU
    assert all(0 <= c.guaranteed <= 1 for c in matrix.cells.values() if c.guaranteed is not None)


def test_json_and_csv_exports(matrix: CoverageMatrix) -> None:
    data = json.loads(matrix.to_json())
    assert len(data["families"]) == 10 and len(data["cells"]) == 420
    cell = next(c for c in data["cells"] if c["family"] == "regulatory-affairs"
                and c["programme"] == "m2-strasbourg-reglementation-droit-pharmaceutique")
    assert cell["prepares"] is True and cell["guaranteed"] < cell["possible"]
    assert {p["type"] for p in data["programmes"]} >= {"Master2", "InitialTraining", "ContinuingTraining"}
    rows = list(csv.DictReader(io.StringIO(matrix.to_csv())))
    assert len(rows) == 420
    assert all(0 <= float(r["guaranteed"]) <= 1 for r in rows)
    english = json.loads(matrix.to_json("en"))
    assert "Regulatory affairs" in {f["label"] for f in english["families"]}


def test_heatmap_svg_and_png_are_deterministic(masters: CoverageMatrix) -> None:
    svg = heatmap(masters, "svg")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert heatmap(masters, "svg") == svg
    png = heatmap(masters, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert heatmap(masters, "png") == png
    assert heatmap(masters, "svg", lang="en") != svg  # the labels follow the language
    assert b"Date" not in svg  # no creation date in the metadata


def test_heatmap_of_the_whole_matrix(matrix: CoverageMatrix) -> None:
    png = heatmap(matrix, "png", value="possible")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000


def test_bad_arguments_are_refused(model: GapModel, masters: CoverageMatrix) -> None:
    with pytest.raises(UnknownIdentifier, match="programme type 'licence'"):
        coverage_matrix(model, programme_types=["licence"])
    with pytest.raises(ValueError, match="svg' or 'png"):
        heatmap(masters, "gif")
    assert resolve_programme_type("master2") == resolve_programme_type("Master2") == "Master2"


def test_cli_matrix_formats(built: tuple[Path, BuildReport], tmp_path: Path) -> None:
    store = str(built[0])
    result = runner.invoke(app, ["matrix", "--format", "csv", "-t", "master2", "--store", store])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1 + 10 * 8
    out = tmp_path / "heatmap.png"
    result = runner.invoke(app, ["matrix", "--format", "png", "-t", "master2", "-o", str(out), "--store", store])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:4] == b"\x89PNG"
    result = runner.invoke(app, ["matrix", "-t", "licence", "--store", store])
    assert result.exit_code == 1 and "error: unknown programme type 'licence'" in result.stderr
