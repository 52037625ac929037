"""The ROME 4.0 files, the IRIs the project mints for ROME codes, and the checks every ROME reader shares.

The checks report a malformed code or flag, or a code the referential files do not define, as a problem of the file.
"""

from __future__ import annotations

import re

from rdflib.namespace import SKOS

from ._csv import NTriplesWriter, Table

__all__ = [
    "ALT",
    "APPELLATIONS",
    "BROADER",
    "COHERENCE",
    "COMPETENCES",
    "CONCEPT",
    "CONTEXTS",
    "DEFINITION",
    "FICHES",
    "IN_SCHEME",
    "LINKS",
    "MOBILITIES",
    "OGR",
    "PREF",
    "ROME",
    "ROME_CODE",
    "SAVOIRS",
    "TEXTS",
    "TREE",
    "TYPE",
    "State",
    "add_flags",
    "check_code",
    "iri",
    "known_fiche",
    "known_item",
    "term",
]

_DIR = "rome_4.0_v460/"
FICHES = _DIR + "unix_referentiel_code_rome_v460_utf8.csv"
APPELLATIONS = _DIR + "unix_referentiel_appellation_v460_utf8.csv"
COMPETENCES = _DIR + "unix_referentiel_competence_v460_utf8.csv"
SAVOIRS = _DIR + "unix_referentiel_savoir_v460_utf8.csv"
CONTEXTS = _DIR + "unix_referentiel_contexte_travail_v460_utf8.csv"
LINKS = _DIR + "unix_liens_rome_referentiels_v460_utf8.csv"
COHERENCE = _DIR + "unix_coherence_item_v460_utf8.csv"
MOBILITIES = _DIR + "unix_rubrique_mobilite_v460_utf8.csv"
TEXTS = _DIR + "unix_texte_v460_utf8.csv"
TREE = "derived/rome4_competence_tree_with_ogr_codes.csv"

#: Base of the IRIs the project mints for ROME codes.
ROME = "https://w3id.org/skillgraph/rome/"

TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
CONCEPT = f"<{SKOS.Concept}>"
PREF = f"<{SKOS.prefLabel}>"
ALT = f"<{SKOS.altLabel}>"
DEFINITION = f"<{SKOS.definition}>"
IN_SCHEME = f"<{SKOS.inScheme}>"
BROADER = f"<{SKOS.broader}>"


def term(value: object) -> str:
    """The N-Triples form of an IRI (an ``SG`` term, a SKOS property)."""
    return f"<{value}>"


ROME_CODE = re.compile(r"^[A-N]\d{4}$")
OGR = re.compile(r"^\d{1,7}$")
_FLAGS = {"O": True, "N": False, "": None}


def iri(kind: str, code: str) -> str:
    """The N-Triples form of the IRI the project mints for the ROME code ``code`` of a ``kind`` (fiche, savoir, …)."""
    return f"<{ROME}{kind}/{code}>"


class State:
    """What the files read so far define, for the files that refer to it."""

    def __init__(self) -> None:
        self.fiches: dict[str, str] = {}  # code ROME -> its OGR code
        self.items: dict[str, str] = {}  # OGR code -> IRI (compétence, macro, savoir, contexte)
        self.macros: dict[str, str] = {}  # OGR code of a macro-compétence -> its functional code
        self.appellations: dict[str, str] = {}  # OGR code -> code ROME
        self.links: set[tuple[str, str]] = set()  # (code ROME, OGR code of an item)


# -- checks ---------------------------------------------------------------------------------------
def check_code(table: Table, line: int, record: str | None, column: str, value: str, pattern: re.Pattern[str], what: str) -> str | None:
    """``value`` stripped if it matches ``pattern``; else None, and a problem of ``table``."""
    value = value.strip()
    if pattern.match(value):
        return value
    table.problem(line, record, column, f"'{value}' is not a {what}")
    return None


def _flag(table: Table, line: int, record: str, column: str, value: str) -> bool | None:
    value = value.strip()
    if value in _FLAGS:
        return _FLAGS[value]
    table.problem(line, record, column, f"'{value}' is not a flag (O, N or empty)")
    return None


def add_flags(out: NTriplesWriter, table: Table, line: int, record: str, subject: str, row: dict[str, str], columns: dict[str, object]) -> None:
    """The boolean triples of ``row``'s flag columns (O, N or empty), ``columns`` giving each its predicate."""
    for column, predicate in columns.items():
        value = _flag(table, line, record, column, row[column])
        if value is not None:
            out.boolean(subject, term(predicate), value)


def known_fiche(table: Table, state: State, line: int, record: str | None, column: str, value: str) -> str | None:
    """``value`` stripped if it is the code of a fiche of the fiches file; else None, and a problem of ``table``."""
    code = check_code(table, line, record, column, value, ROME_CODE, "ROME code")
    if code is not None and code not in state.fiches:
        table.problem(line, record, column, f"unknown fiche '{code}' (not in {FICHES})")
        return None
    return code


def known_item(table: Table, state: State, line: int, record: str | None, column: str, value: str) -> str | None:
    """``value`` stripped if it is the OGR code of an item of the referential files; else None, and a problem of ``table``."""
    code = check_code(table, line, record, column, value, OGR, "OGR code")
    if code is not None and code not in state.items:
        table.problem(line, record, column, f"unknown item '{code}' (not a compétence, savoir or contexte of the referential files)")
        return None
    return code
