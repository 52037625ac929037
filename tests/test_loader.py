from pathlib import Path

import pytest
import yaml

from skillgraph.errors import SchemaError, YamlSyntaxError
from skillgraph.loader import load_data
from skillgraph.mapping import load_mapping

from .conftest import DATA

DATA_FILES = sorted(p for rule in load_mapping().files for p in DATA.glob(rule.pattern))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(DATA).as_posix())
def test_every_shipped_file_validates(path: Path, tmp_path: Path) -> None:
    # Each file alone: copy it where the layout expects it and load that folder.
    target = tmp_path / path.relative_to(DATA)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(path.read_bytes())
    (loaded,) = load_data(tmp_path)
    assert loaded.relpath == path.relative_to(DATA).as_posix()


def test_every_data_file_is_claimed_by_the_layout() -> None:
    unclaimed = sorted(p.relative_to(DATA).as_posix() for p in DATA.rglob("*.yaml") if p not in DATA_FILES)
    assert unclaimed == []


def test_missing_field_names_file_record_field_and_line(data_copy: Path) -> None:
    path = data_copy / "jobcards" / "regulatory-affairs.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    del raw["requirements"][2]["importance"]
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_data(data_copy)
    (problem,) = info.value.problems
    assert problem.file == path
    assert problem.record == "regulatory-affairs"
    assert problem.field == "requirements.2.importance".replace(".2.", "[2].")
    assert problem.message == "required field is missing"
    assert problem.line is not None and path.read_text().splitlines()[problem.line - 1].lstrip().startswith("- skill")


def test_unknown_field_and_bad_enum_are_both_reported(data_copy: Path) -> None:
    path = data_copy / "skills.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("kind: savoir-faire", "kind: savoir-vivre", 1).replace("scope: transversal", "scope: transversal\n    colour: blue", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_data(data_copy)
    messages = {(p.field.rsplit(".", 1)[-1], p.message.split(" ")[0]) for p in info.value.problems}
    assert ("colour", "unknown") in messages
    assert any(p.field.endswith(".kind") and "savoir-faire" in p.message for p in info.value.problems)
    assert all(p.record for p in info.value.problems)


def test_duplicate_key_in_data_is_refused(data_copy: Path) -> None:
    path = data_copy / "phases.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    order: 1\n", "    order: 1\n    order: 2\n", 1), encoding="utf-8")
    with pytest.raises(YamlSyntaxError, match=r"phases\.yaml:\d+.*duplicate key 'order'"):
        load_data(data_copy)


def test_missing_data_folder(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="data folder not found"):
        load_data(tmp_path / "nope")
