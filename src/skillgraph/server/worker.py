"""What a query worker process does: evaluate one query against a release, within a row cap.

Runs in a separate process (see `executor`), so that a query past its time limit can be
killed and its CPU freed; the evaluation itself is a plain function, testable in process.
"""

from __future__ import annotations

import json
import logging
import resource
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..remote import KEY_PREFIX as REMOTE_KEY
from ..remote import RemoteStore
from ..query import GRAPH_FORMATS, RESULT_FORMATS, Answer, run_query, serialize
from .negotiation import GRAPH_TYPES, RESULT_TYPES, choose

__all__ = ["Failure", "Job", "Success", "evaluate", "serve_forever"]


@dataclass(frozen=True)
class Job:
    """One query to answer; picklable, sent from the server to a worker."""

    release: str
    query: str
    accept: str | None
    max_rows: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    substitutions: dict[str, ox.NamedNode | ox.Literal] = field(default_factory=dict)
    offers: str = "auto"  # "auto": by the kind of query; "rows": plain rows for the REST API
    base_iri: str | None = None


@dataclass(frozen=True)
class Success:
    media: str
    body: bytes
    rows: int


@dataclass(frozen=True)
class Failure:
    status: int
    code: str
    message: str


_log = logging.getLogger("skillgraph.server")
_stores: dict[str, ox.Store | RemoteStore] = {}


def _store(release: str) -> ox.Store | RemoteStore:
    if release not in _stores:
        _stores.clear()  # a new release is in service: let the old one go
        # A remote release key: the worker makes the HTTP call itself, so a query past its time
        # limit is still stopped by killing the worker.
        remote = release.startswith(REMOTE_KEY)
        _stores[release] = RemoteStore.from_key(release) if remote else ox.Store.read_only(release)
    return _stores[release]


def evaluate(job: Job) -> Success | Failure:
    """Answer a job; every error becomes a `Failure`, never an exception."""
    try:
        answer = run_query(
            _store(job.release),
            job.query,
            default_graphs=list(job.default_graphs) or None,
            named_graphs=list(job.named_graphs) or None,
            substitutions={ox.Variable(k): v for k, v in job.substitutions.items()} or None,
            base_iri=job.base_iri,
        )
        if job.offers == "rows":
            return _rows(answer, job.max_rows)
        offers = GRAPH_TYPES if answer.kind == "graph" else RESULT_TYPES
        media = choose(job.accept, offers)
        if media is None:
            return Failure(406, "not_acceptable", f"this result can be sent as one of: {', '.join(offers)}")
        if answer.kind == "ask":
            return Success(media, serialize(answer, offers[media]), 1)
        return _capped(answer, offers[media], media, job.max_rows)
    except QueryError as exc:
        return Failure(400, "malformed_query", str(exc))
    except OSError as exc:
        return Failure(503, "store_unavailable", f"the store cannot be read: {exc}")
    except StoreError as exc:
        # A remote store down or refusing: the client gets no URL, the worker's log has it.
        _log.error("remote store unavailable: %s", exc)
        return Failure(503, "store_unavailable", "the graph cannot be read right now")
    except MemoryError:
        return Failure(503, "out_of_memory", "the query needed more memory than a worker may use")


def _too_many(max_rows: int) -> Failure:
    return Failure(
        422,
        "row_limit",
        f"the answer has more than {max_rows} rows, the limit of this endpoint; "
        "add LIMIT/OFFSET to page through it (nothing was truncated: no partial answer is sent)",
    )


def _capped(answer: Answer, fmt: str, media: str, max_rows: int) -> Success | Failure:
    """Serialise a SELECT or graph answer if it has at most ``max_rows`` rows or triples."""
    if answer.kind == "graph":
        triples = []
        for triple in answer.value:
            triples.append(triple)
            if len(triples) > max_rows:
                return _too_many(max_rows)
        return Success(media, ox.serialize(triples, format=GRAPH_FORMATS[fmt]) or b"", len(triples))
    variables = [v.value for v in answer.value.variables]  # type: ignore[union-attr]
    bindings = []
    for solution in answer.value:
        bindings.append({name: _json_term(solution[name]) for name in variables if solution[name] is not None})
        if len(bindings) > max_rows:
            return _too_many(max_rows)
    # Rows are counted before anything is sent; pyoxigraph then writes the negotiated format.
    document = json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}).encode("utf-8")
    if fmt == "json":
        return Success(media, document, len(bindings))
    parsed = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON)
    return Success(media, parsed.serialize(format=RESULT_FORMATS[fmt]) or b"", len(bindings))


def _rows(answer: Answer, max_rows: int) -> Success | Failure:
    """Plain JSON rows ({variable: value}) for the REST API."""
    if answer.kind != "select":
        return Failure(500, "not_a_select", "a named query must be a SELECT")
    variables = [v.value for v in answer.value.variables]
    rows = []
    for solution in answer.value:
        rows.append({name: _plain(solution[name]) for name in variables})
        if len(rows) > max_rows:
            return _too_many(max_rows)
    return Success("application/json", json.dumps({"vars": variables, "rows": rows}).encode("utf-8"), len(rows))


_NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#integer": int,
    "http://www.w3.org/2001/XMLSchema#decimal": float,
    "http://www.w3.org/2001/XMLSchema#double": float,
}


def _plain(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in _NUMERIC:
            try:
                return _NUMERIC[datatype](term.value)
            except ValueError:
                return term.value
        if datatype == "http://www.w3.org/2001/XMLSchema#boolean":
            return term.value == "true"
        return term.value
    return term.value  # type: ignore[attr-defined]


def _json_term(term: object) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {"subject": _json_term(term.subject), "predicate": _json_term(term.predicate), "object": _json_term(term.object)},
        }
    raise TypeError(f"unexpected term {term!r}")


def _address_space() -> int:
    """Bytes of address space this process holds now (its virtual size)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _limit_memory(allowance_mb: int) -> None:
    """Let the process grow by ``allowance_mb`` over what it holds once started, no more.

    ``RLIMIT_AS`` counts address space, not resident memory: a started worker already holds
    several hundred MB of it (libraries, thread arenas, the store's maps) that it never
    touches, and that share varies with the machine. Counting the allowance from the started
    footprint keeps the same room for queries everywhere. Past it an allocation fails:
    Python raises `MemoryError`, the Rust engine aborts the process.
    """
    try:
        base = _address_space()
    except OSError:
        base = 0  # no /proc: the allowance becomes an absolute limit
    limit = base + allowance_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def serve_forever(conn: Connection, memory_limit_mb: int, release: str | None) -> None:
    """Worker process entry point: answer jobs until the server closes the pipe.

    Says "ready" once imported and the release opened, so that a query's time limit never
    counts the worker's start-up; ``memory_limit_mb`` (0: none) is the memory a query may
    take on top of that started footprint.
    """
    if release is not None:
        try:
            _store(release)
        except OSError:
            pass  # reported on the first job that needs it
    if memory_limit_mb > 0:
        _limit_memory(memory_limit_mb)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(evaluate(job))

