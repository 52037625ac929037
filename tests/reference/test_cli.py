"""``skillgraph import …`` (the typer app of skillgraph.commands.reference), in process."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from skillgraph.commands.reference import app
from skillgraph.reference import GRAPHS

from .conftest import graph_sizes, rewrite_slice

runner = CliRunner()


def test_all_imports_the_three_graphs_and_prints_counts_and_time(tmp_path: Path, slices: Path) -> None:
    store = tmp_path / "store"
    result = runner.invoke(app, ["all", "--from", str(slices), "--store", str(store)])
    assert result.exit_code == 0, result.output
    sizes = graph_sizes(store)
    for part, graph in GRAPHS.items():
        assert f"{part}: {sizes[graph]:,} quads in <{graph}>" in result.stdout
    assert "records from 22 files" in result.stdout and "load " in result.stdout


def test_one_part(tmp_path: Path, slices: Path) -> None:
    store = tmp_path / "store"
    result = runner.invoke(app, ["crosswalk", "--from", str(slices), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert set(graph_sizes(store)) == {GRAPHS["crosswalk"]}
    for command in ("esco", "rome"):
        assert runner.invoke(app, [command, "--from", str(slices), "--store", str(store)]).exit_code == 0
    assert set(graph_sizes(store)) == set(GRAPHS.values())


def test_a_bad_file_is_an_error_line_and_exit_code_1(tmp_path: Path, slices: Path) -> None:
    rewrite_slice(slices, "rome_4.0_v460/unix_coherence_item_v460_utf8.csv", lambda t: t.replace('"coeur_metier"', '"coeur"', 1))
    result = runner.invoke(app, ["rome", "--from", str(slices), "--store", str(tmp_path / "store")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "unix_coherence_item_v460_utf8.csv.xz:1, field 'coeur_metier': missing column" in result.stderr


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["esco", "--from", str(tmp_path / "nowhere"), "--store", str(tmp_path / "store")])
    assert result.exit_code == 1 and "no reference folder" in result.stderr


def test_help_lists_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("esco", "rome", "crosswalk", "all"):
        assert command in result.stdout
