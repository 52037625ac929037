"""The declarative YAML -> RDF mapping (``mapping.yaml``), read and checked once."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator
from rdflib import URIRef

from . import models

__all__ = ["FieldRule", "FileRule", "Mapping", "ModelRule", "load_mapping"]

Conversion = Literal["text", "literal", "ref", "node", "enum", "range", "inline", "iri"]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _FieldSpec(_Spec):
    predicate: str | None = None
    as_: Conversion = Field(alias="as")
    target: str | None = None
    values: dict[str, str] | None = None
    predicates: tuple[str, str] | None = None
    ordered: bool = False
    datatype: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> _FieldSpec:
        needs = {"ref": "target", "enum": "values", "range": "predicates"}
        if self.as_ in needs and getattr(self, needs[self.as_]) is None:
            raise ValueError(f"'as: {self.as_}' needs '{needs[self.as_]}'")
        return self


class _ModelSpec(_Spec):
    container: bool = False
    class_: str | None = Field(default=None, alias="class")
    iri: str | None = None
    fields: dict[str, _FieldSpec]


class _FileSpec(_Spec):
    pattern: str
    model: str


class _MappingSpec(_Spec):
    base: str
    prefixes: dict[str, str]
    files: list[_FileSpec]
    models: dict[str, _ModelSpec]


@dataclass(frozen=True)
class FieldRule:
    name: str
    conversion: Conversion
    predicate: URIRef | None
    target: str | None = None
    values: dict[str, URIRef] = field(default_factory=dict)
    predicates: tuple[URIRef, URIRef] | None = None
    ordered: bool = False
    datatype: URIRef | None = None


@dataclass(frozen=True)
class ModelRule:
    name: str
    model: type[BaseModel]
    container: bool
    rdf_class: URIRef | None
    iri: str | None
    fields: tuple[FieldRule, ...]


@dataclass(frozen=True)
class FileRule:
    pattern: str
    model: str


@dataclass(frozen=True)
class Mapping:
    base: str
    files: tuple[FileRule, ...]
    models: dict[str, ModelRule]

    def rule_for(self, instance: BaseModel) -> ModelRule:
        return self.models[type(instance).__name__]


def _expand(curie: str, prefixes: dict[str, str]) -> URIRef:
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in prefixes:
        raise ValueError(f"mapping.yaml: unknown prefix in '{curie}'")
    return URIRef(prefixes[prefix] + local)


@cache
def load_mapping() -> Mapping:
    """Read ``mapping.yaml`` and check it against the models; cached for the process."""
    text = resources.files(__package__).joinpath("mapping.yaml").read_text(encoding="utf-8")
    # libyaml when PyYAML has it: the pure-Python parser takes a tenth of the build on this file.
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    spec = _MappingSpec.model_validate(raw)
    rules: dict[str, ModelRule] = {}
    for name, model_spec in spec.models.items():
        model = getattr(models, name, None)
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            raise ValueError(f"mapping.yaml: no model named '{name}'")
        known = set(model.model_fields) | set(model.model_computed_fields)
        fields: list[FieldRule] = []
        for fname, fspec in model_spec.fields.items():
            if fname not in known:
                raise ValueError(f"mapping.yaml: model '{name}' has no field '{fname}'")
            fields.append(
                FieldRule(
                    name=fname,
                    conversion=fspec.as_,
                    predicate=_expand(fspec.predicate, spec.prefixes) if fspec.predicate else None,
                    target=fspec.target,
                    values={k: _expand(v, spec.prefixes) for k, v in (fspec.values or {}).items()},
                    predicates=tuple(_expand(p, spec.prefixes) for p in fspec.predicates)  # type: ignore[arg-type]
                    if fspec.predicates
                    else None,
                    ordered=fspec.ordered,
                    datatype=_expand(fspec.datatype, spec.prefixes) if fspec.datatype else None,
                )
            )
            if fspec.as_ == "enum":
                _check_enum(name, fname, model, fspec.values or {})
        rules[name] = ModelRule(
            name=name,
            model=model,
            container=model_spec.container,
            rdf_class=_expand(model_spec.class_, spec.prefixes) if model_spec.class_ else None,
            iri=model_spec.iri,
            fields=tuple(fields),
        )
    for rule in rules.values():
        for f in rule.fields:
            if f.target and f.target not in rules:
                raise ValueError(f"mapping.yaml: {rule.name}.{f.name} targets unknown model '{f.target}'")
    for f in spec.files:
        if f.model not in rules:
            raise ValueError(f"mapping.yaml: file pattern '{f.pattern}' names unknown model '{f.model}'")
    return Mapping(
        base=spec.base,
        files=tuple(FileRule(f.pattern, f.model) for f in spec.files),
        models=rules,
    )


def _check_enum(model_name: str, fname: str, model: type[BaseModel], values: dict[str, str]) -> None:
    """Every value of the model's enum must be mapped, so no value silently drops out."""
    annotation = model.model_fields[fname].annotation if fname in model.model_fields else None
    enum_type = next((a for a in getattr(annotation, "__args__", (annotation,)) if isinstance(a, type) and issubclass(a, Enum)), None)
    if enum_type is None:
        return
    missing = {e.value for e in enum_type} - set(values)
    if missing:
        raise ValueError(f"mapping.yaml: {model_name}.{fname} does not map {sorted(missing)}")
