"""Refuse queries and updates that would make the server reach the network (SERVICE, LOAD).

The embedded engine fetches any URL named by ``SERVICE`` or ``LOAD``: a server-side request
forgery. The text is scanned as SPARQL tokens (`skillgraph.sparql_text`), so no spelling,
comment or escape hides the keyword. A target that is an allow-listed IRI is let through; a
variable or prefixed-name target never is.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..sparql_text import keyword_targets

__all__ = ["refusal"]

_NETWORK = {"SERVICE", "LOAD"}


def refusal(query: str, allowed: Iterable[str]) -> str | None:
    """Why the query must be refused, or None when it reaches no endpoint outside ``allowed``."""
    allow = set(allowed)
    for keyword, target in keyword_targets(query, _NETWORK):
        if target not in allow:
            return (
                f"{keyword} {target or '(nothing)'} is refused: this endpoint does not reach other servers "
                "unless they are in its allow-list"
            )
    return None
