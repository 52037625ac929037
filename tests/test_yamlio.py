from pathlib import Path

import pytest

from skillgraph.errors import YamlSyntaxError
from skillgraph.yamlio import dotted, line_of, read_yaml


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "file.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_values_and_lines(tmp_path: Path) -> None:
    value, lines = read_yaml(_write(tmp_path, "a: 1\nb:\n  - x: yes\n  - x: 2020-09-01\n"))
    assert value["a"] == 1 and value["b"][0]["x"] is True
    assert lines[("b", 1, "x")] == 4
    assert line_of(lines, ("b", 1, "missing")) == 4


def test_duplicate_key_names_file_line_and_field(tmp_path: Path) -> None:
    path = _write(tmp_path, "id: a\nitems:\n  - skill: x\n    skill: y\n")
    with pytest.raises(YamlSyntaxError) as info:
        read_yaml(path)
    problem = info.value.problems[0]
    assert (problem.file, problem.line, problem.field) == (path, 4, "items[0].skill")
    assert "duplicate key 'skill' (first defined on line 3)" in str(info.value)


def test_syntax_error_has_line(tmp_path: Path) -> None:
    with pytest.raises(YamlSyntaxError) as info:
        read_yaml(_write(tmp_path, "a: [1, 2\nb: 3\n"))
    assert info.value.problems[0].line is not None
    assert "invalid YAML" in str(info.value)


def test_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(YamlSyntaxError, match="empty"):
        read_yaml(_write(tmp_path, "# nothing\n"))


def test_dotted() -> None:
    assert dotted(("requirements", 3, "skill")) == "requirements[3].skill"


def test_libyaml_and_pure_python_read_the_shipped_data_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    from skillgraph.resources import resource_dir

    paths = sorted(resource_dir("data").rglob("*.yaml"))
    fast = [read_yaml(path) for path in paths]
    monkeypatch.setattr(yaml, "CSafeLoader", None, raising=False)
    assert [read_yaml(path) for path in paths] == fast


@pytest.mark.parametrize(
    ("text", "named"), [("\tb: 1\n", "'\\t'"), ("a: *nowhere\n", "'nowhere'")], ids=["tab", "alias"]
)
def test_syntax_error_message_names_what_is_at_fault(tmp_path: Path, text: str, named: str) -> None:
    # libyaml's messages do not name the character or alias: the pure-Python parser's are kept.
    with pytest.raises(YamlSyntaxError) as info:
        read_yaml(_write(tmp_path, text))
    assert named in str(info.value)
