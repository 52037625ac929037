"""The exceptions of skillgraph, in one hierarchy.

    SkillgraphError
    ├── DataError            a curated data file is wrong
    │   ├── YamlSyntaxError      not YAML, or a duplicate key
    │   ├── SchemaError          a record breaks its model (missing field, bad value)
    │   └── ReferenceError_      a record names an id that no file defines
    ├── OntologyError        the ontology, shapes, rules or checks cannot be read
    ├── CatalogueError       a named query (api/queries/*.rq) has a bad header or query
    ├── ValidationFailed     the built graph violates the SHACL shapes
    ├── StoreError           the on-disk store is missing, locked or unreadable
    │   └── RemoteStoreError     a remote SPARQL store cannot be reached or refused a request
    ├── QueryError           a SPARQL query cannot be parsed or evaluated
    ├── UnknownIdentifier    a caller named a family, programme, phase, topic... the graph lacks
    ├── ExternalIdNotSupported  an external identifier (ESCO, ROME) with no mapping to use
    ├── ReportError          a report or benchmark that cannot be made as asked
    └── AlignmentError       the reference files cannot be read, or the alignment does not match them

Every error names the thing at fault and where it is (file, line, record, field). Errors
are translated for people only at the edges: the CLI prints ``error: …`` and exits 1, the
HTTP API answers with a status code and a JSON body.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "AlignmentError",
    "CatalogueError",
    "ExternalIdNotSupported",
    "ReportError",
    "UnknownIdentifier",
    "DataError",
    "DataProblem",
    "OntologyError",
    "QueryError",
    "ReferenceError_",
    "RemoteStoreError",
    "SchemaError",
    "SkillgraphError",
    "StoreError",
    "ValidationFailed",
    "Violation",
    "YamlSyntaxError",
]


class SkillgraphError(Exception):
    """Base class of every error skillgraph raises on purpose."""


@dataclass(frozen=True)
class DataProblem:
    """One problem in one data file: where it is and what is wrong."""

    file: Path
    line: int | None
    record: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = str(self.file) + (f":{self.line}" if self.line else "")
        parts = [where]
        if self.record:
            parts.append(f"record '{self.record}'")
        if self.field:
            parts.append(f"field '{self.field}'")
        return ", ".join(parts) + f": {self.message}"


class DataError(SkillgraphError):
    """One or more data files are wrong; ``problems`` lists each one."""

    def __init__(self, problems: Sequence[DataProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class YamlSyntaxError(DataError):
    """A file is not valid YAML or repeats a key in one mapping."""


class SchemaError(DataError):
    """A record is missing a field, has an unknown one, or a value of the wrong type."""


class ReferenceError_(DataError):  # noqa: N801 - the builtin name is taken
    """A record refers to an identifier that no data file defines."""


class OntologyError(SkillgraphError):
    """The ontology or the SHACL shapes cannot be parsed."""


class CatalogueError(SkillgraphError):
    """A named query file cannot be used: its header or its SPARQL is malformed."""


@dataclass(frozen=True)
class Violation:
    """One SHACL result, traced back to the data file its focus node came from."""

    focus: str
    path: str | None
    value: str | None
    message: str
    severity: str
    origin: str | None

    def __str__(self) -> str:
        path = f" path {self.path}" if self.path else ""
        value = f" value {self.value}" if self.value else ""
        origin = f" (from {self.origin})" if self.origin else ""
        return f"{self.severity}: {self.focus}{path}{value}: {self.message}{origin}"


class ValidationFailed(SkillgraphError):
    """The graph violates the shapes; nothing was published."""

    def __init__(self, violations: Sequence[Violation]) -> None:
        self.violations = tuple(violations)
        lines = [f"the graph violates the SHACL shapes ({len(self.violations)} results):"]
        lines += [f"  {v}" for v in self.violations]
        super().__init__("\n".join(lines))


class StoreError(SkillgraphError):
    """The store is missing, cannot be opened, or cannot be switched."""


class RemoteStoreError(StoreError):
    """A remote SPARQL store (``SKILLGRAPH_REMOTE_*``) cannot be reached or answered an error;
    the message names the URL and the server's own message, ``status`` is the HTTP status
    (None when the server could not be reached)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class QueryError(SkillgraphError):
    """A SPARQL query is malformed or fails; the message is the parser's."""


class UnknownIdentifier(SkillgraphError, LookupError):
    """A caller named an identifier (job family, programme, phase, topic, person...) that the
    graph or the profile does not hold; ``parameter`` is the request parameter it came in."""

    def __init__(self, kind: str, value: str, known: Iterable[str] = (), parameter: str | None = None) -> None:
        self.kind = kind
        self.value = value
        self.known = sorted(known)
        self.parameter = parameter or kind
        close = difflib.get_close_matches(value, self.known, n=3, cutoff=0.5)
        if close:
            hint = f" (did you mean {', '.join(repr(c) for c in close)}?)"
        elif self.known and len(self.known) <= 20:
            hint = f" (known: {', '.join(self.known)})"
        else:
            hint = ""
        super().__init__(f"unknown {kind} '{value}'{hint}")


class ExternalIdNotSupported(SkillgraphError):
    """An external identifier (ESCO URI, ROME code) that cannot be mapped to the graph's skills."""


class ReportError(SkillgraphError, ValueError):
    """A report or a benchmark that cannot be made as asked (no programme, or an ambiguous family)."""


class AlignmentError(SkillgraphError):
    """The reference files cannot be read, or the alignment does not match them."""
