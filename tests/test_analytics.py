"""Graph analytics on the shipped data: bridges, clusters, similarity, mobility, and their commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from skillgraph.analytics import (
    UnknownIdentifier,
    bridging_skills,
    common_skills,
    family_similarity,
    family_skill_graph,
    mobility_paths,
    skill_clusters,
)
from skillgraph.build import BuildReport
from skillgraph.commands.analytics import app
from skillgraph.gaps.model import GapModel, load_model, short

from .conftest import DATA

runner = CliRunner()
COMMON = {"results-oriented", "development-process-oriented", "end-user-oriented"}


@pytest.fixture(scope="module")
def model(store: ox.Store) -> GapModel:
    return load_model(store)


def test_graph_is_bipartite_weighted_and_flags_the_common_skills(model: GapModel) -> None:
    graph = family_skill_graph(model)
    families = [n for n, d in graph.nodes(data=True) if d["kind"] == "family"]
    skills = [n for n, d in graph.nodes(data=True) if d["kind"] == "skill"]
    assert len(families) == 10 and len(skills) == len(model.skills)
    assert all(graph.nodes[n]["kind"] != graph.nodes[m]["kind"] for n, m in graph.edges)
    assert {d["weight"] for *_, d in graph.edges(data=True)} <= {1, 2, 3}
    assert {graph.nodes[s]["id"] for s in skills if graph.nodes[s]["common"]} == COMMON
    assert {short(s) for s in common_skills(model)} == COMMON
    assert graph.nodes["https://w3id.org/skillgraph/id/job-family/quality"]["label"] == "Qualité"


def test_digital_health_ecosystem_bridges_at_least_three_families(model: GapModel) -> None:
    found = {b.skill.id: b for b in bridging_skills(model)}
    bridge = found["digital-health-ecosystem"]
    assert bridge.family_count >= 3 and len(bridge.families) == bridge.family_count
    assert {"medical-affairs", "regulatory-affairs", "market-access"} <= {f.id for f in bridge.families}
    assert bridge.betweenness > 0 and not bridge.common
    assert "écosystème" in bridge.skill.label and [t.id for t in bridge.topics] == ["digital-health"]
    # Without the common skills they are absent; the ranking puts the widest bridge first.
    assert not COMMON & set(found)
    assert next(iter(found)) == "digital-health-ecosystem"
    assert all(b.family_count >= 2 for b in found.values())


def test_common_skills_bridge_every_family_when_included(model: GapModel) -> None:
    found = bridging_skills(model, include_common=True, lang="en")
    top = found[:3]
    assert {b.skill.id for b in top} == COMMON and all(b.common and b.family_count == 10 for b in top)
    assert bridging_skills(model, min_families=11, include_common=True) == []
    ecosystem = next(b for b in found if b.skill.id == "digital-health-ecosystem")
    assert ecosystem.skill.label.startswith("Have a vision")


def test_analytics_are_reproducible(model: GapModel, store: ox.Store) -> None:
    again = load_model(store)
    assert bridging_skills(model) == bridging_skills(again)
    assert skill_clusters(model) == skill_clusters(again)
    assert family_similarity(model) == family_similarity(again)
    assert mobility_paths(model, "medical-affairs", "data-jobs") == mobility_paths(again, "medical-affairs", "data-jobs")


_DUMP = """
import json, sys
from pathlib import Path
from skillgraph import analytics as a
from skillgraph.gaps.model import load_model
from skillgraph.store import open_store
m = load_model(open_store(Path(sys.argv[1])))
out = [x.model_dump() for x in a.bridging_skills(m) + a.skill_clusters(m) + a.family_similarity(m)]
out.append(a.mobility_paths(m, "medical-affairs", "data-jobs").model_dump())
print(json.dumps(out, sort_keys=True))
"""


def test_analytics_do_not_depend_on_hash_order(built: tuple[Path, BuildReport]) -> None:
    # Set iteration order changes with PYTHONHASHSEED: two processes must still agree.
    outputs = {
        subprocess.run(
            [sys.executable, "-c", _DUMP, str(built[0])],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True, text=True, check=True, timeout=120,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1 and json.loads(outputs.pop())


def test_clusters_partition_the_skills_and_name_their_families(model: GapModel) -> None:
    clusters = skill_clusters(model)
    members = [s.id for c in clusters for s in c.skills]
    assert len(members) == len(set(members)) == len(model.skills) - len(COMMON)
    assert [c.index for c in clusters] == list(range(1, len(clusters) + 1))
    assert [len(c.skills) for c in clusters] == sorted((len(c.skills) for c in clusters), reverse=True)
    data = next(c for c in clusters if any(s.id == "programming" for s in c.skills))
    assert [f.id for f in data.main_families] == ["data-jobs"]
    assert all(0 < f.share <= 1 for c in clusters for f in c.families)
    assert any(len(c.families) > 1 for c in clusters)  # shared skills pull families together


def test_similarity_of_every_pair_sorted(model: GapModel) -> None:
    pairs = family_similarity(model)
    assert len(pairs) == 45
    assert all(0 <= p.skills <= 1 and 0 <= p.topics <= 1 and p.first.id < p.second.id for p in pairs)
    assert [p.topics for p in pairs] == sorted((p.topics for p in pairs), reverse=True)
    # Few skills are literally shared: most pairs share none, yet many meet on topics.
    assert sum(p.skills == 0 for p in pairs) > sum(p.topics == 0 for p in pairs)
    pair = next(p for p in pairs if (p.first.id, p.second.id) == ("marketing-sales", "project-manager"))
    assert [s.id for s in pair.shared_skills] == ["health-product-communication-regulation"]
    # The common skills add the same to every pair: with them, no pair is unrelated.
    assert min(p.skills for p in family_similarity(model, include_common=True)) > 0


def test_mobility_medical_affairs_to_data_jobs(model: GapModel) -> None:
    path = mobility_paths(model, "medical-affairs", "data-jobs")
    target = model.families["https://w3id.org/skillgraph/id/job-family/data-jobs"]
    assert {s.skill.id for s in path.shared} | {s.skill.id for s in path.to_acquire} == {short(r.skill) for r in target.requirements}
    assert {s.skill.id for s in path.shared if s.common} == COMMON
    programming = next(s for s in path.to_acquire if s.skill.id == "programming")
    assert programming.lines == (8700, 8700) and programming.importance.id == "Essential"
    assert programming.importance.label == "Essentielle"
    assert [p.id for p in programming.phases] == ["conception", "realisation", "evaluation", "commercialisation"]
    lines = (DATA / "sources" / "aec-2020.txt").read_text(encoding="utf-8").splitlines()
    for skill in path.to_acquire:
        first, last = skill.lines
        assert 1 <= first <= last <= len(lines) and "".join(lines[first - 1 : last]).strip()
    assert [s.weight for s in path.to_acquire] == sorted((s.weight for s in path.to_acquire), reverse=True)
    assert 0 < path.held_share < 0.5
    assert path.path[0].id == "medical-affairs" and path.path[-1].id == "data-jobs"
    assert path.path_cost <= path.direct_cost
    # Stepping stones: each step closer than the direct move.
    assert path.gentle_path[0].id == "medical-affairs" and path.gentle_path[-1].id == "data-jobs"
    assert min(s.similarity for s in path.gentle_steps) >= path.similarity.topics
    ethics = next(s for s in path.to_acquire if s.skill.id == "ethics-health-regulation")
    assert [t.id for t in ethics.familiar_topics] == ["regulation"]


def test_unknown_family_is_named(model: GapModel) -> None:
    with pytest.raises(UnknownIdentifier, match="'biostatistician'") as caught:
        mobility_paths(model, "biostatistician", "data-jobs")
    assert caught.value.parameter == "source" and "data-jobs" in caught.value.known
    with pytest.raises(UnknownIdentifier, match="'nope'"):
        mobility_paths(model, "quality", "nope")


# -- the commands -------------------------------------------------------------------------


def test_cli_bridges_table_json_csv(built: tuple[Path, BuildReport]) -> None:
    store = str(built[0])
    table = runner.invoke(app, ["bridges", "--store", store])
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[2].startswith("digital-health-ecosystem")
    assert "écosystème" in table.stdout
    data = json.loads(runner.invoke(app, ["bridges", "-f", "json", "--include-common", "--store", store]).stdout)
    assert {b["skill"]["id"] for b in data[:3]} == COMMON
    csv_out = runner.invoke(app, ["bridges", "--format", "csv", "--min-families", "3", "--lang", "en", "--store", store]).stdout
    assert csv_out.splitlines()[0] == "skill,label,families,betweenness,common,family ids"
    assert len(csv_out.splitlines()) == 3 and "digital-health ecosystem" in csv_out


def test_cli_clusters_similarity_mobility(built: tuple[Path, BuildReport]) -> None:
    store = str(built[0])
    clusters = runner.invoke(app, ["clusters", "--store", store])
    assert clusters.exit_code == 0 and clusters.stdout.startswith("cluster 1:")
    similarity = runner.invoke(app, ["similarity", "-f", "csv", "--store", store])
    assert similarity.exit_code == 0 and len(similarity.stdout.splitlines()) == 46
    mobility = runner.invoke(app, ["mobility", "medical-affairs", "data-jobs", "--store", store])
    assert mobility.exit_code == 0, mobility.output
    assert "to-acquire | programming" in mobility.stdout and "8700-8700" in mobility.stdout
    assert "Affaires Médicales →" in mobility.stdout
    body = json.loads(runner.invoke(app, ["mobility", "medical-affairs", "data-jobs", "-f", "json", "--store", store]).stdout)
    assert body["target"]["id"] == "data-jobs" and body["to_acquire"]


def test_cli_errors(built: tuple[Path, BuildReport], tmp_path: Path) -> None:
    unknown = runner.invoke(app, ["mobility", "biostatistician", "data-jobs", "--store", str(built[0])])
    assert unknown.exit_code == 1 and unknown.stderr.startswith("error: unknown job family 'biostatistician'")
    missing = runner.invoke(app, ["bridges", "--store", str(tmp_path / "none")])
    assert missing.exit_code == 1 and missing.stderr.startswith("error: ")
