"""Turn validated data files into RDF by following the declared mapping (``mapping.yaml``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from string import Formatter
from typing import Any

from pydantic import BaseModel
from rdflib import RDF, XSD, Graph, Literal, URIRef

from .errors import DataProblem, ReferenceError_, SchemaError
from .loader import LoadedFile
from .mapping import FieldRule, Mapping, ModelRule, load_mapping
from .namespace import SG
from .yamlio import dotted, line_of

__all__ = ["Origins", "map_data"]

#: Where each node came from: IRI -> "data/file.yaml:line (record id)".
Origins = dict[URIRef, str]

Path_ = tuple[str | int, ...]


@dataclass
class _Pending:
    """A reference to check once every record is known."""

    target: str
    iri: URIRef
    ident: str
    file: LoadedFile
    at: Path_
    record: str | None


@dataclass
class _State:
    mapping: Mapping
    graph: Graph = field(default_factory=Graph)
    origins: Origins = field(default_factory=dict)
    defined: dict[str, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    pending: list[_Pending] = field(default_factory=list)
    problems: list[DataProblem] = field(default_factory=list)


def map_data(files: list[LoadedFile]) -> tuple[Graph, Origins]:
    """Map every file; raise `ReferenceError_` for unknown ids, `SchemaError` for clashing ones."""
    state = _State(load_mapping())
    for loaded in files:
        _map_instance(state, loaded, loaded.model, (), parent=None, record=None, index=None, fname=None)
    if state.problems:
        raise SchemaError(state.problems)
    unknown = [
        DataProblem(
            p.file.path,
            line_of(p.file.lines, p.at),
            p.record,
            dotted(p.at),
            f"unknown {_kind(p.target)} '{p.ident}'",
        )
        for p in state.pending
        if p.iri not in state.defined[p.target]
    ]
    if unknown:
        raise ReferenceError_(unknown)
    return state.graph, state.origins


def _map_instance(
    state: _State,
    loaded: LoadedFile,
    instance: BaseModel,
    at: Path_,
    *,
    parent: URIRef | None,
    record: str | None,
    index: int | None,
    fname: str | None,
) -> URIRef | None:
    rule = state.mapping.rule_for(instance)
    record = getattr(instance, "id", None) or record
    if rule.container:
        subject = None
    else:
        subject = _iri(state.mapping, rule, instance, parent, index, fname)
        if subject in state.origins:
            state.problems.append(
                DataProblem(
                    loaded.path,
                    line_of(loaded.lines, at),
                    record,
                    dotted(at) or None,
                    f"duplicate identifier: {subject} is already defined at {state.origins[subject]}",
                )
            )
            return subject
        state.origins[subject] = f"{loaded.relpath}:{line_of(loaded.lines, at)}" + (f" ({record})" if record else "")
        state.defined[rule.name].add(subject)
        if rule.rdf_class is not None:
            state.graph.add((subject, RDF.type, rule.rdf_class))
    for frule in rule.fields:
        value = getattr(instance, frule.name)
        if value is None:
            continue
        items = value if isinstance(value, list | tuple) and frule.conversion != "range" else [value]
        is_list = isinstance(value, list)
        for i, item in enumerate(items):
            item_at = (*at, frule.name, i) if is_list else (*at, frule.name)
            _map_value(state, loaded, subject, frule, item, item_at, record, i if is_list else None)
    return subject


def _map_value(
    state: _State,
    loaded: LoadedFile,
    subject: URIRef | None,
    frule: FieldRule,
    value: Any,
    at: Path_,
    record: str | None,
    index: int | None,
) -> None:
    conv = frule.conversion
    if conv == "node":
        child = _map_instance(state, loaded, value, at, parent=subject, record=record, index=index, fname=frule.name)
        if subject is not None and child is not None and frule.predicate is not None:
            state.graph.add((subject, frule.predicate, child))
            if frule.ordered and index is not None:
                state.graph.add((child, SG.position, Literal(index + 1)))
        return
    if conv == "inline":
        inline_rule = state.mapping.rule_for(value)
        for sub in inline_rule.fields:
            sub_value = getattr(value, sub.name)
            if sub_value is not None:
                _map_value(state, loaded, subject, sub, sub_value, (*at, sub.name), record, None)
        return
    if subject is None or frule.predicate is None and conv != "range":
        raise ValueError(f"mapping.yaml: field '{frule.name}' cannot be written without a subject and predicate")
    graph = state.graph
    if conv == "text":
        graph.add((subject, frule.predicate, Literal(value.fr, lang="fr")))
        if value.en:
            graph.add((subject, frule.predicate, Literal(value.en, lang="en")))
    elif conv == "literal":
        graph.add((subject, frule.predicate, _literal(value, frule.datatype)))
    elif conv == "iri":
        graph.add((subject, frule.predicate, URIRef(str(value))))
    elif conv == "enum":
        key = value.value if isinstance(value, Enum) else str(value)
        graph.add((subject, frule.predicate, frule.values[key]))
    elif conv == "range":
        first_p, last_p = frule.predicates  # type: ignore[misc]
        graph.add((subject, first_p, Literal(value[0])))
        graph.add((subject, last_p, Literal(value[1])))
    elif conv == "ref":
        target_rule = state.mapping.models[frule.target]  # type: ignore[index]
        target = URIRef(state.mapping.base + target_rule.iri.format(id=value))  # type: ignore[union-attr]
        graph.add((subject, frule.predicate, target))
        state.pending.append(_Pending(frule.target, target, value, loaded, at, record))  # type: ignore[arg-type]


def _iri(mapping: Mapping, rule: ModelRule, instance: BaseModel, parent: URIRef | None, index: int | None, fname: str | None) -> URIRef:
    if rule.iri is None:
        if parent is None:
            raise ValueError(f"mapping.yaml: model '{rule.name}' needs an IRI template at top level")
        suffix = fname if index is None else f"{fname}/{index + 1}"
        return URIRef(f"{parent}/{suffix}")
    values: dict[str, Any] = {}
    for _, name, _, _ in Formatter().parse(rule.iri):
        if name is None:
            continue
        if name == "parent":
            values[name] = str(parent)
        elif name == "index":
            values[name] = (index or 0) + 1
        else:
            attr = getattr(instance, name)
            values[name] = attr.value if isinstance(attr, Enum) else attr
    text = rule.iri.format(**values)
    return URIRef(text if text.startswith("http") else mapping.base + text)


def _literal(value: Any, datatype: URIRef | None) -> Literal:
    if datatype is not None:
        return Literal(str(value), datatype=datatype)
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, float):
        return Literal(Decimal(str(value)), datatype=XSD.decimal)
    if isinstance(value, date):
        return Literal(value, datatype=XSD.date)
    return Literal(str(value))




def _kind(model_name: str) -> str:
    return {"JobCard": "job family", "SourceDocument": "source document"}.get(
        model_name, "".join(" " + c.lower() if c.isupper() else c for c in model_name).strip()
    )
