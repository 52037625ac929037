"""The command line, in process (CliRunner): build, validate, query, export, queries, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from typer.testing import CliRunner

from skillgraph.build import BuildReport
from skillgraph.cli import app

runner = CliRunner()


def test_build_then_query_table(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = runner.invoke(app, ["build", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "built" in result.output and "triples" in result.output
    query = "PREFIX sg: <https://w3id.org/skillgraph/ontology#> SELECT (COUNT(?f) AS ?n) WHERE { ?f a sg:JobFamily }"
    result = runner.invoke(app, ["query", query, "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[2].strip() == "10"


def test_query_json_csv_and_file(built: tuple[Path, BuildReport], tmp_path: Path) -> None:
    store = str(built[0])
    text = "PREFIX sg: <https://w3id.org/skillgraph/ontology#> SELECT ?p WHERE { ?p a sg:Phase } ORDER BY ?p"
    result = runner.invoke(app, ["query", text, "-f", "json", "--store", store])
    assert len(json.loads(result.stdout)["results"]["bindings"]) == 5
    path = tmp_path / "phases.rq"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["query", str(path), "-f", "csv", "--store", store])
    assert result.stdout.splitlines()[0] == "p" and len(result.stdout.splitlines()) == 6


def test_named_query_with_parameter(built: tuple[Path, BuildReport]) -> None:
    result = runner.invoke(
        app, ["query", "-n", "regulatory-masters-device-digital", "-p", "programmeType=UniversityDiploma", "-f", "csv", "--store", str(built[0])]
    )
    assert result.exit_code == 0, result.output
    assert len(result.stdout.strip().splitlines()) == 3


def test_queries_lists_the_catalogue() -> None:
    result = runner.invoke(app, ["queries"])
    assert result.exit_code == 0 and "regulatory-masters-device-digital:" in result.output


@pytest.mark.parametrize(
    ("fmt", "syntax"),
    [("turtle", ox.RdfFormat.TURTLE), ("ntriples", ox.RdfFormat.N_TRIPLES), ("jsonld", ox.RdfFormat.JSON_LD)],
)
def test_export_round_trips(built: tuple[Path, BuildReport], tmp_path: Path, fmt: str, syntax: ox.RdfFormat) -> None:
    out = tmp_path / f"graph.{fmt}"
    result = runner.invoke(app, ["export", "-f", fmt, "-g", "study", "-o", str(out), "--store", str(built[0])])
    assert result.exit_code == 0, result.output
    assert len(list(ox.parse(path=str(out), format=syntax))) == built[1].triples["study"]


def test_export_turtle_is_readable_by_rdflib(built: tuple[Path, BuildReport]) -> None:
    result = runner.invoke(app, ["export", "-g", "ontology", "--store", str(built[0])])
    assert len(Graph().parse(data=result.stdout, format="turtle")) == built[1].triples["ontology"]


def test_validate_ok() -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0 and result.output.startswith("ok:")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "SELECT WHERE {", "--store", "{store}"], "error: "),
        (["query", "-n", "nope", "--store", "{store}"], "error: no named query 'nope'"),
        (["query", "-n", "job-family-skills", "-p", "lang=de", "--store", "{store}"], "error: parameter 'lang'"),
        (["query", "ASK {}", "--store", "{empty}"], "error: "),
        (["validate", "--data", "{empty}"], "error: "),
    ],
)
def test_errors_print_error_and_exit_1(built: tuple[Path, BuildReport], tmp_path: Path, args: list[str], message: str) -> None:
    args = [a.replace("{store}", str(built[0])).replace("{empty}", str(tmp_path / "nothing")) for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)


def test_bad_data_error_names_file_record_and_field(data_copy: Path) -> None:
    path = data_copy / "jobcards" / "market-access.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("hard_to_recruit: false", "hard_to_recruit: maybe", 1), encoding="utf-8")
    result = runner.invoke(app, ["validate", "--data", str(data_copy)])
    assert result.exit_code == 1
    assert "market-access.yaml:" in result.stderr and "record 'market-access'" in result.stderr
    assert "field 'hard_to_recruit'" in result.stderr
