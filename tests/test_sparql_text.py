import pytest

from skillgraph.server.guard import refusal
from skillgraph.sparql_text import has_dataset_clause, keyword_targets


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", [("SERVICE", "http://x/")]),
        ("select * { service silent <http://x/> {} }", [("SERVICE", "http://x/")]),
        ("SELECT * { \\u0053ERVICE <http://x/> {} }", [("SERVICE", "http://x/")]),
        ("SELECT * { \\U00000053ervice <http://x/> {} }", [("SERVICE", "http://x/")]),
        ("SELECT * { SERVICE\n# hidden?\n<http://x/> {} }", [("SERVICE", "http://x/")]),
        ("SELECT * { SeRvIcE ?x {} }", [("SERVICE", "?x")]),
        ("PREFIX e: <http://e/> SELECT * { SERVICE e:x {} }", [("SERVICE", "e:x")]),
        ("LOAD SILENT <http://evil/> INTO GRAPH <g>", [("LOAD", "http://evil/")]),
        ("SELECT * { # SERVICE <x>\n ?s ?p \"SERVICE <y>\" }", []),
        ("SELECT ?service { ?service ?p ex:SERVICE . ?s ?p '''SERVICE''' }", []),
        ("SELECT * { ?s <http://a/SERVICE> ?o }", []),
    ],
)
def test_service_and_load_targets(query: str, expected: list[tuple[str, str]]) -> None:
    assert keyword_targets(query, {"SERVICE", "LOAD"}) == expected


def test_refusal_honours_the_allow_list() -> None:
    query = "SELECT * { SERVICE <http://allowed/sparql> { ?s ?p ?o } }"
    assert refusal(query, ["http://allowed/sparql"]) is None
    assert "refused" in (refusal(query, []) or "")
    assert refusal("SELECT * { SERVICE ?e { } }", ["http://allowed/sparql"]) is not None


@pytest.mark.parametrize(
    ("query", "expected"),
    [("SELECT * FROM <g> { ?s ?p ?o }", True), ("SELECT * from named <g> { }", True),
     ("SELECT * { ?s <http://x/FROM> 'FROM' } # FROM", False)],
)
def test_dataset_clause(query: str, expected: bool) -> None:
    assert has_dataset_clause(query) is expected
