"""Reading a profile: CSV or JSON text to profile lines (person, skill text, level), with the line of each.

Anything malformed raises a `DataError` naming the file, the line, the person and the field.
"""

from __future__ import annotations

import csv
import io
import json
import json.decoder
import json.scanner
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import DataError, DataProblem
from .levels import parse_level
from .matching import fold

__all__ = ["DEFAULT_PERSON", "ProfileLine", "parse_profile", "read_profile"]

#: The person of the lines that name nobody.
DEFAULT_PERSON = "(unnamed)"

_COLUMNS = {
    "person": ("person", "personne", "nom", "name", "membre", "member"),
    "skill": ("skill", "competence", "skills", "competences"),
    "level": ("level", "niveau"),
}
_COLUMN_OF = {alias: column for column, aliases in _COLUMNS.items() for alias in aliases}


# --- profile lines ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileLine:
    """One line of a profile as read: where it is, who, what, how well (``level`` 0..4 or None)."""

    line: int | None
    person: str | None
    skill: str
    level: int | None
    field: str = "skill"  # the path of the skill field (JSON: ``people[0].skills[2].skill``)


def _problem(source: Path, line: int | None, message: str, field: str | None = None, record: str | None = None) -> DataError:
    return DataError([DataProblem(source, line, record, field, message)])


def read_profile(path: Path) -> list[ProfileLine]:
    """The lines of a CSV or JSON profile file (by suffix; otherwise by content)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _problem(path, None, f"cannot read the profile: {exc.strerror}") from exc
    suffix = path.suffix.lower()
    fmt = "csv" if suffix in {".csv", ".tsv", ".txt"} else "json" if suffix == ".json" else None
    return parse_profile(data, fmt, path)


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse_profile(data: bytes | str, fmt: str | None = None, source: Path | str = "<profile>") -> list[ProfileLine]:
    """The lines of a profile given as text: ``fmt`` is ``csv``, ``json`` or None (guess from content)."""
    source = Path(source)
    text = _decode(data)
    if not text.strip():
        raise _problem(source, None, "the profile is empty (expected a CSV header or a JSON document)")
    if fmt is None:
        fmt = "json" if text.lstrip()[:1] in "[{" else "csv"
    if fmt == "csv":
        return _parse_csv(text, source)
    if fmt == "json":
        return _parse_json(text, source)
    raise ValueError(f"unknown profile format '{fmt}' (csv or json)")


def _parse_csv(text: str, source: Path) -> list[ProfileLine]:
    first = next(line for line in text.splitlines() if line.strip())
    delimiter = max((",", ";", "\t"), key=lambda d: (first.count(d), d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    out: list[ProfileLine] = []
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = _header(row, line, source)
                continue
            while len(row) > len(header) and not row[-1].strip():
                row = row[:-1]
            if len(row) != len(header):
                who = row[header.index("person")].strip() if "person" in header and len(row) > header.index("person") else ""
                raise _problem(
                    source, line, f"{len(row)} fields where the header has {len(header)} ({', '.join(header)})",
                    record=who or None,
                )
            values = dict(zip(header, (cell.strip() for cell in row), strict=True))
            person = values.get("person") or None
            if not values["skill"]:
                raise _problem(source, line, "empty skill", "skill", person)
            try:
                level = parse_level(values.get("level"))
            except ValueError as exc:
                raise _problem(source, line, str(exc), "level", person) from exc
            out.append(ProfileLine(line, person, values["skill"], level))
    except csv.Error as exc:
        raise _problem(source, reader.line_num or None, f"not valid CSV: {exc}") from exc
    return out


def _header(row: list[str], line: int, source: Path) -> list[str]:
    header = []
    for cell in row:
        name = fold(cell).replace(" ", "_")
        column = _COLUMN_OF.get(name)
        if column is None:
            raise _problem(source, line, f"unknown column '{cell.strip()}' (expected skill, and optionally person and level)", cell.strip())
        if column in header:
            raise _problem(source, line, f"column '{column}' appears twice", column)
        header.append(column)
    if "skill" not in header:
        raise _problem(source, line, "missing column 'skill' (the header must name skill, and optionally person and level)", "skill")
    return header


class _Lined(dict):  # type: ignore[type-arg]
    line: int


class _LinedStr(str):
    line: int


class _LinedList(list):  # type: ignore[type-arg]
    line: int
    lines: list[int]  # the line each element starts on


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int) -> None:
        self.key, self.line = key, line


def _json_load(text: str) -> Any:
    """``json.loads`` that remembers the line of every object and string (for error messages)."""
    decoder = json.JSONDecoder(object_pairs_hook=lambda pairs: pairs)

    def parse_object(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo=None):  # type: ignore[no-untyped-def]
        s, end = s_and_end
        pairs, new_end = json.decoder.JSONObject(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo)
        line = s.count("\n", 0, end) + 1
        obj = _Lined()
        for key, value in pairs:
            if key in obj:
                raise _DuplicateKey(key, line)
            obj[key] = value
        obj.line = line
        return obj, new_end

    def parse_string(s, end, strict=True):  # type: ignore[no-untyped-def]
        value, new_end = json.decoder.scanstring(s, end, strict)
        lined = _LinedStr(value)
        lined.line = s.count("\n", 0, end) + 1
        return lined, new_end

    def parse_array(s_and_end, scan_once, _w=None):  # type: ignore[no-untyped-def]
        s, end = s_and_end
        starts: list[int] = []

        def recording(string: str, idx: int) -> Any:
            starts.append(idx)
            return scan_once(string, idx)

        values, new_end = json.decoder.JSONArray(s_and_end, recording)
        lined = _LinedList(values)
        lined.line = s.count("\n", 0, end) + 1
        lined.lines = [s.count("\n", 0, i) + 1 for i in starts]
        return lined, new_end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.parse_array = parse_array  # type: ignore[attr-defined]
    decoder.parse_string = parse_string  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder.decode(text)


def _line(value: Any, default: int | None) -> int | None:
    return getattr(value, "line", default)


def _element_lines(values: list[Any]) -> list[int | None]:
    lines = getattr(values, "lines", None)
    return list(lines) if lines is not None and len(lines) == len(values) else [None] * len(values)


def _parse_json(text: str, source: Path) -> list[ProfileLine]:
    try:
        document = _json_load(text)
    except json.JSONDecodeError as exc:
        raise _problem(source, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})") from exc
    except _DuplicateKey as exc:
        raise _problem(source, exc.line, f"key '{exc.key}' appears twice in one object", str(exc.key)) from exc
    out: list[ProfileLine] = []
    if isinstance(document, list):
        for i, (item, line) in enumerate(zip(document, _element_lines(document), strict=True)):
            out.append(_json_item(item, f"[{i}]", None, source, ("person", "skill", "level"), line))
        return out
    if not isinstance(document, dict):
        raise _problem(source, 1, "expected a list of items, an object with 'skills' or an object with 'people'")
    if "people" in document:
        _only(document, ("people",), "", source)
        people = document["people"]
        if not isinstance(people, list):
            raise _problem(source, _line(document, 1), "'people' must be a list of {person, skills}", "people")
        for i, (member, line) in enumerate(zip(people, _element_lines(people), strict=True)):
            out.extend(_json_person(member, f"people[{i}].", source, required=True, line=line))
        return out
    if "skills" in document:
        return _json_person(document, "", source, required=False)
    raise _problem(source, _line(document, 1), "expected a list of items, an object with 'skills' or an object with 'people'")


def _only(obj: dict, allowed: tuple[str, ...], path: str, source: Path) -> None:  # type: ignore[type-arg]
    for key in obj:
        if key not in allowed:
            raise _problem(
                source, _line(key, _line(obj, None)), f"unknown key '{key}' (allowed: {', '.join(allowed)})", f"{path}{key}",
                obj.get("person") if isinstance(obj.get("person"), str) else None,
            )


def _json_person(member: Any, path: str, source: Path, required: bool, line: int | None = None) -> list[ProfileLine]:
    line = _line(member, line)
    if not isinstance(member, dict):
        raise _problem(source, line, "a person must be an object {person, skills}", path.rstrip(".") or None)
    _only(member, ("person", "skills"), path, source)
    person = member.get("person")
    if person is not None and not isinstance(person, str):
        raise _problem(source, _line(person, line), "person must be a string", f"{path}person")
    person = person.strip() if person else None
    if required and not person:
        raise _problem(source, line, "every member of 'people' needs a person (a name)", f"{path}person")
    skills = member.get("skills", [])
    if not isinstance(skills, list):
        raise _problem(source, _line(skills, line), "skills must be a list", f"{path}skills", person)
    lines = [
        _json_item(item, f"{path}skills[{i}]", person, source, ("skill", "level"), item_line or line)
        for i, (item, item_line) in enumerate(zip(skills, _element_lines(skills), strict=True))
    ]
    if not lines:  # a declared member without skills is part of the team
        lines.append(ProfileLine(line, person or DEFAULT_PERSON, "", None, field=f"{path}skills"))
    return lines


def _json_item(item: Any, path: str, person: str | None, source: Path, allowed: tuple[str, ...], line: int | None) -> ProfileLine:
    if isinstance(item, str):
        if not item.strip():
            raise _problem(source, line, "empty skill", path, person)
        return ProfileLine(line, person, item.strip(), None, field=path)
    if not isinstance(item, dict):
        raise _problem(source, line, "an item must be an object {skill, level} or a string", path, person)
    _only(item, allowed, f"{path}.", source)
    if "person" in item:
        value = item["person"]
        if value is not None and not isinstance(value, str):
            raise _problem(source, line, "person must be a string", f"{path}.person")
        person = value.strip() if value else None
    skill = item.get("skill")
    if skill is None:
        raise _problem(source, line, "missing skill", f"{path}.skill", person)
    if not isinstance(skill, str) or not skill.strip():
        raise _problem(source, _line(skill, line), "skill must be a non-empty string", f"{path}.skill", person)
    try:
        level = parse_level(item.get("level"))
    except ValueError as exc:
        raise _problem(source, _line(item.get("level"), line), str(exc), f"{path}.level", person) from exc
    return ProfileLine(line, person, skill.strip(), level, field=f"{path}.skill")
