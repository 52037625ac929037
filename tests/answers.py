"""Answers compared across binding forms and stores: the named-query cases and a comparable form."""

from __future__ import annotations

import pyoxigraph as ox

__all__ = ["case_id", "comparable", "named_cases"]


def named_cases() -> list[tuple[str, dict[str, str]]]:
    """Every named query of the catalogue with its defaults, then with each other allowed value
    of each enumerated or boolean parameter (the sample parameters of its header)."""
    from skillgraph.catalogue import load_catalogue
    from skillgraph.resources import resource_dir

    cases: list[tuple[str, dict[str, str]]] = []
    for name, query in load_catalogue(resource_dir("api") / "queries").items():
        cases.append((name, {}))
        for param in query.params:
            others = param.enum or (["true", "false"] if param.type == "boolean" else [])
            for value in others:
                if value != str(param.default).lower():
                    cases.append((name, {param.name: value}))
    return cases


def case_id(case: tuple[str, dict[str, str]]) -> str:
    name, values = case
    return name + "".join(f"[{k}={v}]" for k, v in values.items())


def comparable(solutions: object) -> tuple[list[str], list[tuple[str, ...]]]:
    """Variables and rows of a SELECT answer, as a sorted multiset of N-Triples cells.

    GROUP_CONCAT leaves the order of its parts to the engine (two stores built alike may
    differ), so a cell made of " | " or ", " separated parts compares as its sorted parts.
    """
    names = [v.value for v in solutions.variables]  # type: ignore[attr-defined]
    rows = []
    for row in solutions:  # type: ignore[attr-defined]
        cells = []
        for name in names:
            term = row[name]
            if not isinstance(term, ox.Literal):
                cells.append("" if term is None else str(term))
                continue
            text = term.value
            for separator in (" | ", ", "):
                if separator in text:
                    text = separator.join(sorted(text.split(separator)))
            cells.append(str(ox.Literal(text, language=term.language) if term.language
                             else ox.Literal(text, datatype=term.datatype)))
        rows.append(tuple(cells))
    return names, sorted(rows)
