"""The catalogue of named SPARQL queries: one ``.rq`` file per question in ``api/queries/``.

A file starts with a header of ``#+ `` lines holding YAML (summary, description, tags,
params, binding); the rest is the query. Parameters are typed RDF terms, checked, then bound
through pyoxigraph's ``substitutions=``; a query whose header says ``binding: values`` has them
joined in as an inline VALUES block written by pyoxigraph instead (`skillgraph.binding`),
because pyoxigraph's join planner does not see a substituted variable as bound and that
query was measured faster so (docs/architecture.md, "Binding form").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pyoxigraph as ox
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .binding import bind_values
from .errors import CatalogueError, QueryError

__all__ = ["BoundQuery", "NamedQuery", "Param", "load_catalogue"]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class Param(BaseModel):
    """A parameter of a named query: a SPARQL variable bound to a typed term."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    type: Literal["iri", "string", "integer", "decimal", "boolean", "language"]
    description: str | None = None
    prefix: str | None = None
    default: str | int | float | bool | None = None
    enum: list[str] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Param:
        if self.type == "iri" and not self.prefix:
            raise ValueError(f"parameter '{self.name}': an iri parameter needs a prefix")
        if self.enum is not None and self.default is not None and str(self.default) not in self.enum:
            raise ValueError(f"parameter '{self.name}': default '{self.default}' is not among {self.enum}")
        return self

    def term(self, value: str | int | float | bool) -> ox.NamedNode | ox.Literal:
        """The RDF term for a value given by a user; `QueryError` names what is wrong."""
        text = str(value).strip()
        if self.enum is not None and text not in self.enum:
            raise QueryError(f"parameter '{self.name}': '{text}' is not one of {self.enum}")
        if self.type == "iri":
            if not _ID.match(text):
                raise QueryError(f"parameter '{self.name}': '{text}' is not an identifier (letters, digits, . _ -)")
            return ox.NamedNode(f"{self.prefix}{text}")
        if self.type == "string":
            return ox.Literal(text)
        if self.type == "language":
            if not re.match(r"^[a-z]{2}$", text):
                raise QueryError(f"parameter '{self.name}': '{text}' is not a two-letter language code")
            return ox.Literal(text)
        if self.type == "boolean":
            if text.lower() not in {"true", "false"}:
                raise QueryError(f"parameter '{self.name}': '{text}' is not true or false")
            return ox.Literal(text.lower(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
        pattern, datatype = (r"^[+-]?\d+$", "integer") if self.type == "integer" else (r"^[+-]?\d+(\.\d+)?$", "decimal")
        if not re.match(pattern, text):
            raise QueryError(f"parameter '{self.name}': '{text}' is not a valid {self.type}")
        return ox.Literal(text, datatype=ox.NamedNode(f"http://www.w3.org/2001/XMLSchema#{datatype}"))


class _Header(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    summary: str
    description: str = ""
    tags: list[str] = Field(default_factory=list)
    params: list[Param] = Field(default_factory=list)
    requires: list[Literal["esco", "rome", "crosswalk"]] = Field(default_factory=list)
    binding: Literal["substitutions", "values"] = "substitutions"


@dataclass(frozen=True)
class BoundQuery:
    """A named query ready to run: its text and the substitutions to pass with it."""

    text: str
    substitutions: dict[ox.Variable, ox.NamedNode | ox.Literal]


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    summary: str
    description: str
    tags: tuple[str, ...]
    params: tuple[Param, ...]
    text: str
    requires: tuple[str, ...] = ()  # reference graphs (skillgraph import) the answer needs
    binding: Literal["substitutions", "values"] = "substitutions"

    def substitutions(self, values: dict[str, str]) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
        """Typed terms for every parameter: given values, else defaults; unknown names refused."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise QueryError(f"query '{self.name}' has no parameter {', '.join(unknown)} (it has: {', '.join(known) or 'none'})")
        bound: dict[ox.Variable, ox.NamedNode | ox.Literal] = {}
        for param in self.params:
            value = values.get(param.name, param.default)
            if value is None:
                raise QueryError(f"query '{self.name}': parameter '{param.name}' is required")
            bound[ox.Variable(param.name)] = param.term(value)
        return bound

    def bind(self, values: dict[str, str]) -> BoundQuery:
        """The query with its parameters bound in the form its header asks for."""
        substitutions = self.substitutions(values)
        if self.binding == "values":
            return BoundQuery(bind_values(self.text, substitutions), {})
        return BoundQuery(self.text, substitutions)


def load_catalogue(queries_dir: Path) -> dict[str, NamedQuery]:
    """Read and parse every ``*.rq``; a bad header or query names its file (fail fast at start-up)."""
    catalogue: dict[str, NamedQuery] = {}
    for path in sorted(queries_dir.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header_lines = [line[3:] for line in text.splitlines() if line.startswith("#+ ")]
        try:
            header = _Header.model_validate(yaml.safe_load("\n".join(header_lines)) or {})
        except (yaml.YAMLError, ValidationError) as exc:
            raise CatalogueError(f"{path}: bad query header: {exc}") from exc
        try:
            ox.Store().query(text)
            if header.binding == "values":
                # Where the blocks go is decided once here: a query that cannot take them fails at start-up.
                bind_values(text, {ox.Variable(p.name): ox.Literal("") for p in header.params})
        except SyntaxError as exc:
            raise CatalogueError(f"{path}: {exc}") from exc
        except QueryError as exc:
            raise CatalogueError(f"{path}: binding: values: {exc}") from exc
        catalogue[path.stem] = NamedQuery(
            name=path.stem,
            path=path,
            summary=header.summary,
            description=header.description.strip(),
            tags=tuple(header.tags),
            params=tuple(header.params),
            text=text,
            requires=tuple(header.requires),
            binding=header.binding,
        )
    return catalogue
