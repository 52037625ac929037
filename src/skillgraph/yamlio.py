"""Strict YAML reading: duplicate keys are refused and every value keeps its line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import DataProblem, YamlSyntaxError

__all__ = ["LineIndex", "dotted", "line_of", "read_yaml"]

_CONSTRUCTOR = yaml.constructor.SafeConstructor()

#: Maps a path inside the document, as a tuple of keys and list indexes, to its 1-based line.
LineIndex = dict[tuple[str | int, ...], int]


def read_yaml(path: Path) -> tuple[Any, LineIndex]:
    """Parse one YAML document; return the plain Python value and the line of each node."""
    try:
        text = path.read_text(encoding="utf-8")
        node = _compose(text)
    except UnicodeDecodeError as exc:
        raise YamlSyntaxError([DataProblem(path, None, None, None, f"not UTF-8 text: {exc}")]) from exc
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise YamlSyntaxError([DataProblem(path, line, None, None, f"invalid YAML: {exc.problem}")]) from exc
    if node is None:
        raise YamlSyntaxError([DataProblem(path, 1, None, None, "the file is empty")])
    lines: LineIndex = {}
    return _build(path, node, (), lines), lines


def _compose(text: str) -> yaml.Node | None:
    """Compose with libyaml (20× faster: the build reads ~1 MB of YAML) when PyYAML has it.

    On a syntax error the pure-Python parser runs again for its message, which names the
    character or alias at fault where libyaml's does not.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is None:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    try:
        return yaml.compose(text, Loader=fast)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


def _build(path: Path, node: yaml.Node, at: tuple[str | int, ...], lines: LineIndex) -> Any:
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            if not isinstance(key, str | int | bool):
                raise YamlSyntaxError(
                    [DataProblem(path, key_node.start_mark.line + 1, None, None, "mapping keys must be plain scalars")]
                )
            key = str(key)
            if key in result:
                first = lines[(*at, key)]
                raise YamlSyntaxError(
                    [
                        DataProblem(
                            path,
                            key_node.start_mark.line + 1,
                            None,
                            dotted((*at, key)),
                            f"duplicate key '{key}' (first defined on line {first})",
                        )
                    ]
                )
            result[key] = _build(path, value_node, (*at, key), lines)
            # A field's line is its key's line, which is where a reader looks for it.
            lines[(*at, key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(path, item, (*at, i), lines) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        # Resolve the tag the way SafeLoader would (int, bool, date...) for this one scalar.
        return _CONSTRUCTOR.construct_object(node)
    return node


def dotted(at: tuple[str | int, ...]) -> str:
    """A path as a reader writes it: ``requirements[3].skill``."""
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def line_of(lines: LineIndex, at: tuple[str | int, ...]) -> int:
    """The line of a path, or of its closest enclosing value (a missing field has no line)."""
    for end in range(len(at), -1, -1):
        if at[:end] in lines:
            return lines[at[:end]]
    return 1
