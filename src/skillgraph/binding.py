"""Bind query parameters as typed terms joined into the query as inline VALUES blocks.

Two uses. The SPARQL 1.1 Protocol has no way to send pyoxigraph's ``substitutions=``, so a
query for a remote server carries its parameters this way. And pyoxigraph's join planner does
not see a substituted variable as bound: a named query whose header says ``binding: values``
(measured faster so, see docs/architecture.md) is bound this way on the embedded store too.

Each parameter is joined into the query as a one-row inline ``VALUES (?var …) { (term …) }``
block, its term written by pyoxigraph (the N-Triples form, escaped by the library) from a typed
`pyoxigraph.NamedNode` or `pyoxigraph.Literal`, never pasted by hand; the query text around
the blocks is kept as it is.

Where the blocks go: SPARQL evaluates every group on its own, so a block at the top of the
WHERE clause does not reach a FILTER inside a UNION branch or a nested group (it would see the
variable unbound). A block is therefore joined into the top-level WHERE group (so every row
binds the parameter, as a substitution does) and into every other group that names the
variable itself — in a triple pattern, a FILTER, an expression or a GRAPH name. A subquery
that does not project the variable keeps its own, unrelated variable and gets no block. The
query may not assign a parameter itself (``BIND … AS ?var`` or ``VALUES ?var``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox

from .errors import QueryError
from .sparql_text import token_spans

__all__ = ["bind_values", "with_base"]

_VARNAME = re.compile(r"[?$]([A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)")


@dataclass
class _Frame:
    kind: str  # "group", "data" (VALUES rows), "template" (CONSTRUCT), "wrapper" ({ SELECT … })
    end: int  # offset just after the opening brace
    scope: frozenset[str]  # parameters visible here (a subquery sees only those it projects)
    top: bool = False
    named: set[str] = field(default_factory=set)


def bind_values(query: str, substitutions: Mapping[ox.Variable, ox.NamedNode | ox.Literal]) -> str:
    """``query`` with ``substitutions`` joined in as inline VALUES blocks (see the module)."""
    if not substitutions:
        return query
    terms = {var.value: _term(var, term) for var, term in substitutions.items()}
    text, inserts = _plan(query, frozenset(terms))
    out = []
    last = 0
    for position, names in inserts:
        header = " ".join(str(ox.Variable(n)) for n in names)
        row = " ".join(terms[n] for n in names)
        # Only library-written terms and variable names go in; the query text around is kept as is.
        out += [text[last:position], " VALUES (", header, ") { (", row, ") } "]
        last = position
    out.append(text[last:])
    return "".join(out)


@lru_cache(maxsize=256)
def _plan(query: str, params: frozenset[str]) -> tuple[str, tuple[tuple[int, tuple[str, ...]], ...]]:
    """Where the blocks go, and which parameters each binds; the same for every value, so a
    named query is read once (a plan is ~0.3 ms, the join of the values some µs)."""
    text, toks = token_spans(query)
    inserts: list[tuple[int, frozenset[str]]] = []
    stack: list[_Frame] = []
    pending_scope: frozenset[str] | None = None  # set by a subquery's SELECT, for its WHERE group
    in_values = False
    seen_top = False
    for i, (kind, value, offset) in enumerate(toks):
        word = value.upper() if kind == "word" else ""
        if value == "{":
            previous = toks[i - 1][1].upper() if i else ""
            following = toks[i + 1][1].upper() if i + 1 < len(toks) else ""
            scope = stack[-1].scope if stack else params
            if in_values:
                frame = _Frame("data", offset + 1, scope)
                in_values = False
            elif previous == "CONSTRUCT":
                frame = _Frame("template", offset + 1, scope)
            elif following == "SELECT":
                frame = _Frame("wrapper", offset + 1, scope)
            else:
                if pending_scope is not None:
                    scope, pending_scope = pending_scope, None
                frame = _Frame("group", offset + 1, scope, top=not seen_top)
                seen_top = True
            stack.append(frame)
        elif value == "}" and stack:
            frame = stack.pop()
            if frame.kind == "group":
                wanted = frame.scope if frame.top else frame.named & frame.scope
                if wanted:
                    inserts.append((frame.end, wanted))
        elif word == "VALUES":
            in_values = True
        elif word == "SELECT" and stack:
            pending_scope = _projected(toks, i, params) & stack[-1].scope
        elif kind == "word" and value[0] in "?$":
            name = _name(value)
            if name in params:
                assigned = in_values or (i > 0 and toks[i - 1][1].upper() == "AS")
                if assigned and (not stack or name in stack[-1].scope):
                    raise QueryError(f"the query assigns ?{name} itself; it cannot also be a parameter")
                if stack and stack[-1].kind == "group":
                    stack[-1].named.add(name)
    if not seen_top:
        raise QueryError("the query has no WHERE group to bind its parameters in")
    return text, tuple((position, tuple(sorted(names))) for position, names in sorted(inserts))


def _term(var: ox.Variable, term: object) -> str:
    if isinstance(term, ox.NamedNode | ox.Literal):
        return str(term)  # the N-Triples form, escaped by pyoxigraph
    raise QueryError(f"parameter ?{var.value}: only an IRI or a literal can be joined into a query, not {term!r}")


def _name(token: str) -> str:
    match = _VARNAME.match(token)
    return match.group(1) if match else ""


def _projected(toks: list[tuple[str, str, int]], start: int, params: frozenset[str]) -> frozenset[str]:
    """Parameters a subquery projects: ``*``, or a variable outside parentheses or after AS."""
    depth = 0
    names: set[str] = set()
    for j in range(start + 1, len(toks)):
        kind, value, _ = toks[j]
        if value == "{" or (kind == "word" and value.upper() == "WHERE"):
            break
        if value == "*" and depth == 0:
            return params
        depth += {"(": 1, ")": -1}.get(value, 0)
        if kind == "word" and value[0] in "?$" and (depth == 0 or toks[j - 1][1].upper() == "AS"):
            names.add(_name(value))
    return frozenset(names) & params


def with_base(query: str, base_iri: str) -> str:
    """``query`` resolving its relative IRIs against ``base_iri``, as pyoxigraph's ``base_iri=``.

    A BASE declaration first in the prologue (the IRI written by pyoxigraph); a BASE of the
    query's own comes later and wins, as it does in the embedded store.
    """
    return "BASE " + str(ox.NamedNode(base_iri)) + "\n" + query
