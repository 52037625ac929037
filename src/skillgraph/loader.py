"""Read the curated data folder into validated models, naming file, line, record and field on error.

Run ``python -m skillgraph.loader DATA_DIR`` to check a data folder without building.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import DataError, DataProblem, SchemaError, YamlSyntaxError
from .mapping import load_mapping
from .yamlio import LineIndex, dotted, line_of, read_yaml

__all__ = ["LoadedFile", "load_data"]


@dataclass(frozen=True)
class LoadedFile:
    """One data file, its validated model and the line of every value in it."""

    path: Path
    relpath: str
    model: BaseModel
    lines: LineIndex


def load_data(data_dir: Path) -> list[LoadedFile]:
    """Validate every data file; raise one `DataError` listing every problem found."""
    if not data_dir.is_dir():
        raise DataError([DataProblem(data_dir, None, None, None, "data folder not found")])
    mapping = load_mapping()
    loaded: list[LoadedFile] = []
    syntax: list[DataProblem] = []
    schema: list[DataProblem] = []
    for path, model_name in _discover(data_dir, mapping.files):
        model_type = mapping.models[model_name].model
        try:
            raw, lines = read_yaml(path)
        except DataError as exc:
            syntax.extend(exc.problems)
            continue
        try:
            instance = model_type.model_validate(raw)
        except ValidationError as exc:
            schema.extend(_problems(path, raw, lines, exc))
            continue
        loaded.append(LoadedFile(path, path.relative_to(data_dir).as_posix(), instance, lines))
    if syntax and schema:
        raise DataError([*syntax, *schema])
    if syntax:
        raise YamlSyntaxError(syntax)
    if schema:
        raise SchemaError(schema)
    return loaded


def _discover(data_dir: Path, rules: Any) -> Iterator[tuple[Path, str]]:
    for rule in rules:
        yield from ((path, rule.model) for path in sorted(data_dir.glob(rule.pattern)))


def _problems(path: Path, raw: Any, lines: LineIndex, exc: ValidationError) -> Iterator[DataProblem]:
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        yield DataProblem(
            file=path,
            line=line_of(lines, loc),
            record=_record_of(raw, loc),
            field=dotted(loc) or None,
            message=_message(error),
        )


def _message(error: Any) -> str:
    if error["type"] == "missing":
        return "required field is missing"
    if error["type"] == "extra_forbidden":
        return "unknown field"
    return str(error["msg"])



def _record_of(raw: Any, loc: tuple[Any, ...]) -> str | None:
    """The id of the innermost record (a mapping with an ``id``) that contains the error."""
    found: str | None = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
    node = raw
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found = node["id"]
    return found



def _main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else Path("data")
    from .mapper import map_data  # local: the CLI check also resolves references

    try:
        files = load_data(data_dir)
        graph, _ = map_data(files)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{len(files)} files, {len(graph)} triples: ok")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
