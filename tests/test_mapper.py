from pathlib import Path

import pytest

from skillgraph.errors import ReferenceError_, SchemaError
from skillgraph.loader import load_data
from skillgraph.mapper import map_data


def test_unknown_skill_reference_names_file_record_field(data_copy: Path) -> None:
    path = data_copy / "jobcards" / "quality.yaml"
    text = path.read_text(encoding="utf-8")
    first_skill = next(line for line in text.splitlines() if line.strip().startswith("- skill:"))
    path.write_text(text.replace(first_skill, first_skill.split(":")[0] + ": no-such-skill", 1), encoding="utf-8")
    with pytest.raises(ReferenceError_) as info:
        map_data(load_data(data_copy))
    (problem,) = info.value.problems
    assert (problem.file, problem.record, problem.field) == (path, "quality", "requirements[0].skill")
    assert problem.message == "unknown skill 'no-such-skill'"
    assert path.read_text().splitlines()[problem.line - 1].strip() == "- skill: no-such-skill"


def test_duplicate_identifier_across_files(data_copy: Path) -> None:
    target = data_copy / "curricula" / "zz-copy.yaml"
    target.write_text((data_copy / "curricula" / "m2-lyon-pharmacie-industrielle-affaires-technico-reglementaires.yaml").read_text())
    with pytest.raises(SchemaError, match="duplicate identifier.*already defined at curricula/m2-lyon"):
        map_data(load_data(data_copy))


def test_origins_point_to_file_and_line(data_copy: Path) -> None:
    _, origins = map_data(load_data(data_copy))
    origin = next(v for k, v in origins.items() if str(k).endswith("/job-family/regulatory-affairs"))
    lines = (data_copy / "jobcards" / "regulatory-affairs.yaml").read_text().splitlines()
    first = next(i for i, line in enumerate(lines, 1) if line and not line.startswith("#"))
    assert origin == f"jobcards/regulatory-affairs.yaml:{first} (regulatory-affairs)"
