"""``skillgraph build``, ``load`` and ``query`` with a remote store set (SKILLGRAPH_REMOTE_*)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillgraph.build import BuildReport
from skillgraph.cli import app
from skillgraph.remote import RemoteStore, push_release
from skillgraph.store import GRAPHS, Release, current_release, publish

from .conftest import OxigraphServer, free_port, start_oxigraph

runner = CliRunner()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[OxigraphServer]:
    own = start_oxigraph(tmp_path / "oxigraph")
    yield own
    own.stop()


def test_build_pushes_every_graph_then_query_reads_the_remote_store(
    server: OxigraphServer, tmp_path: Path, built: tuple[Path, BuildReport]
) -> None:
    env = server.env(tmp_path / "store")
    result = runner.invoke(app, ["build"], env=env)
    assert result.exit_code == 0, result.output
    release = current_release(tmp_path / "store")
    assert f"pushed release {release.name} to {server.base}/store" in result.output
    remote = RemoteStore(server.endpoint)
    assert remote.release() == release.name
    assert {g.value for g in remote.named_graphs()} == {g.value for g in GRAPHS.values()}

    args = ["query", "-n", "job-card", "-p", "jobFamily=quality", "-f", "csv"]
    far = runner.invoke(app, args, env=env)
    near = runner.invoke(app, [*args, "--store", str(built[0])], env={"SKILLGRAPH_REMOTE_QUERY_URL": ""})
    assert far.exit_code == near.exit_code == 0, far.output + near.output
    assert sorted(far.output.splitlines()) == sorted(near.output.splitlines()) and len(far.output.splitlines()) > 5

    bad = runner.invoke(app, ["query", "SELECT * WHERE { ?s ?p }"], env=env)
    assert bad.exit_code == 1 and "error: the remote store rejected the query: " in bad.output


def test_a_failed_build_pushes_nothing(server: OxigraphServer, tmp_path: Path, data_copy: Path) -> None:
    card = data_copy / "jobcards" / "quality.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("skill: ", "skill: no-such-", 1), encoding="utf-8")
    result = runner.invoke(app, ["build", "--data", str(data_copy)], env=server.env(tmp_path / "store"))
    assert result.exit_code == 1 and "error:" in result.output and "pushed" not in result.output
    assert list(RemoteStore(server.endpoint).named_graphs()) == []  # the server holds no graph at all


def test_load_pushes_the_loaded_graph_and_a_new_release(
    server: OxigraphServer, tmp_path: Path, built: tuple[Path, BuildReport]
) -> None:
    env = server.env(tmp_path / "store")
    staged = publish(Release(tmp_path / "store", copy_of=built[1].release))  # as if built here
    push_release(server.endpoint, staged, [g.value for g in GRAPHS.values()])
    first = RemoteStore(server.endpoint).release()
    mine = tmp_path / "mine.ttl"
    mine.write_text("<http://example.org/a> <http://example.org/b> 'c' .\n", encoding="utf-8")
    result = runner.invoke(app, ["load", str(mine), "--graph", "http://example.org/g"], env=env)
    assert result.exit_code == 0, result.output
    remote = RemoteStore(server.endpoint)
    assert remote.release() != first and "http://example.org/g" in {g.value for g in remote.named_graphs()}
    answer = runner.invoke(app, ["query", "ASK { <http://example.org/a> ?p 'c' }"], env=env)
    assert answer.output.strip() == "true"  # in the union default graph of the remote store


def test_a_store_that_is_down_is_an_error_naming_its_url(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    result = runner.invoke(app, ["query", "ASK {}"], env={"SKILLGRAPH_REMOTE_QUERY_URL": url})
    assert result.exit_code == 1 and f"error: {url}: cannot reach the remote store" in result.output


def test_a_push_without_a_store_url_says_which_setting_is_missing(
    tmp_path: Path, server: OxigraphServer, built: tuple[Path, BuildReport]
) -> None:
    env = {**server.env(tmp_path / "store"), "SKILLGRAPH_REMOTE_STORE_URL": ""}
    publish(Release(tmp_path / "store", copy_of=built[1].release))
    mine = tmp_path / "mine.nt"
    mine.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n", encoding="utf-8")
    result = runner.invoke(app, ["load", str(mine), "--graph", "http://example.org/g"], env=env)
    assert result.exit_code == 1 and "set SKILLGRAPH_REMOTE_STORE_URL" in result.output
