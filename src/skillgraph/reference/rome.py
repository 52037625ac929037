"""ROME 4.0 v4.60 (France Travail) -> the graph ``https://w3id.org/skillgraph/graph/rome``.

Fiches (with their parent fiche, transition and status flags, definition and access texts),
appellations, compétences and macro-compétences (with the tree up to objectif, enjeu and
domaine), savoirs, contextes de travail, the fiche → item links with the cœur de métier
flags, and the mobilities between fiches. ROME publishes codes: the IRIs are the project's
(``https://w3id.org/skillgraph/rome/…``, see ``ontology/reference.ttl``).

Referential integrity is checked: every code a file refers to must be defined by the
referential files, and a cœur de métier flag must qualify a link the fiche has.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rdflib.namespace import SKOS

from ..namespace import SG
from . import DatasetInfo, Sources
from ._csv import NTriplesWriter, Table, literal

__all__ = ["FILES", "INFO", "ROME", "convert"]

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

FILES = (FICHES, COMPETENCES, SAVOIRS, CONTEXTS, APPELLATIONS, LINKS, COHERENCE, MOBILITIES, TEXTS, TREE)

INFO = DatasetInfo(
    title_fr="ROME 4.0 v4.60 – Répertoire opérationnel des métiers et des emplois (France Travail)",
    title_en="ROME 4.0 v4.60 – French classification of occupations and jobs (France Travail)",
    publisher="France Travail",
    version="ROME 4.0 version 4.60 (18/09/2025)",
    licence="https://spdx.org/licenses/etalab-2.0.html",
    rights="ROME 4.0, France Travail, Licence Ouverte / Etalab 2.0.",
    source="France Travail open data « Toutes les données du ROME », ROME 4.0 v4.60",
)

#: Base of the IRIs the project mints for ROME codes.
ROME = "https://w3id.org/skillgraph/rome/"

_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_CONCEPT = f"<{SKOS.Concept}>"
_PREF = f"<{SKOS.prefLabel}>"
_ALT = f"<{SKOS.altLabel}>"
_DEFINITION = f"<{SKOS.definition}>"
_IN_SCHEME = f"<{SKOS.inScheme}>"
_BROADER = f"<{SKOS.broader}>"


def _p(term: object) -> str:
    return f"<{term}>"


_ROME_CODE = re.compile(r"^[A-N]\d{4}$")
_OGR = re.compile(r"^\d{1,7}$")
_MACRO_CODE = re.compile(r"^(\d)([A-Z])(\d)(\d\d)$")
_FLAGS = {"O": True, "N": False, "": None}
_KINDS = {"Savoir-faire": _p(SG.SavoirFaire), "Savoir-être professionnel": _p(SG.SavoirEtre)}
_CORE = {"Principale": _p(SG.coreItem), "Émergente": _p(SG.emergingItem), "": None}


def _iri(kind: str, code: str) -> str:
    return f"<{ROME}{kind}/{code}>"


class _State:
    """What the files read so far define, for the files that refer to it."""

    def __init__(self) -> None:
        self.fiches: dict[str, str] = {}  # code ROME -> its OGR code
        self.items: dict[str, str] = {}  # OGR code -> IRI (compétence, macro, savoir, contexte)
        self.macros: dict[str, str] = {}  # OGR code of a macro-compétence -> its functional code
        self.appellations: dict[str, str] = {}  # OGR code -> code ROME
        self.links: set[tuple[str, str]] = set()  # (code ROME, OGR code of an item)


def convert(sources: Sources, out: NTriplesWriter) -> None:
    """Write the ROME graph's triples."""
    state = _State()
    _fiches(sources, out, state)
    _competences(sources, out, state)
    _savoirs(sources, out, state)
    _contexts(sources, out, state)
    _appellations(sources, out, state)
    _links(sources, out, state)
    _coherence(sources, out, state)
    _mobilities(sources, out, state)
    _texts(sources, out, state)
    _tree(sources, out, state)


# -- checks ---------------------------------------------------------------------------------------
def _code(table: Table, line: int, record: str | None, column: str, value: str, pattern: re.Pattern[str], what: str) -> str | None:
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


def _flags(out: NTriplesWriter, table: Table, line: int, record: str, subject: str, row: dict[str, str], columns: dict[str, object]) -> None:
    for column, predicate in columns.items():
        value = _flag(table, line, record, column, row[column])
        if value is not None:
            out.boolean(subject, _p(predicate), value)


def _known_fiche(table: Table, state: _State, line: int, record: str | None, column: str, value: str) -> str | None:
    code = _code(table, line, record, column, value, _ROME_CODE, "ROME code")
    if code is not None and code not in state.fiches:
        table.problem(line, record, column, f"unknown fiche '{code}' (not in {FICHES})")
        return None
    return code


def _known_item(table: Table, state: _State, line: int, record: str | None, column: str, value: str) -> str | None:
    code = _code(table, line, record, column, value, _OGR, "OGR code")
    if code is not None and code not in state.items:
        table.problem(line, record, column, f"unknown item '{code}' (not a compétence, savoir or contexte of the referential files)")
        return None
    return code


# -- files ----------------------------------------------------------------------------------------
def _fiches(sources: Sources, out: NTriplesWriter, state: _State) -> None:
    table = sources.table(
        FICHES,
        ["code_rome", "code_ogr", "libelle_rome", "transition_eco", "transition_num", "transition_demo",
         "emploi_reglemente", "emploi_cadre", "code_rome_parent"],
    )
    parents: list[tuple[int, str, str]] = []
    for line, row in table:
        code = _code(table, line, None, "code_rome", row["code_rome"], _ROME_CODE, "ROME code")
        ogr = _code(table, line, row["code_rome"], "code_ogr", row["code_ogr"], _OGR, "OGR code")
        if code is None or ogr is None:
            continue
        if code in state.fiches:
            table.problem(line, code, "code_rome", f"fiche '{code}' is defined twice")
            continue
        state.fiches[code] = ogr
        subject = _iri("fiche", code)
        out.add(subject, _TYPE, _p(SG.RomeFiche))
        out.add(subject, _TYPE, _CONCEPT)
        out.add(subject, _IN_SCHEME, _p(SG.RomeFiches))
        out.string(subject, _p(SG.romeCode), code)
        out.string(subject, _p(SG.ogrCode), ogr)
        out.text(subject, _PREF, row["libelle_rome"], "fr")
        if row["transition_eco"].strip():
            out.string(subject, _p(SG.ecologicalTransitionCategory), row["transition_eco"].strip())
        _flags(out, table, line, code, subject, row, {
            "transition_num": SG.digitalTransition, "transition_demo": SG.demographicTransition,
            "emploi_reglemente": SG.regulatedJob, "emploi_cadre": SG.managerialJob,
        })
        parents.append((line, code, row["code_rome_parent"]))
    for line, code, parent in parents:
        parent_code = _known_fiche(table, state, line, code, "code_rome_parent", parent)
        if parent_code is not None and parent_code != code:
            out.add(_iri("fiche", code), _p(SG.parentFiche), _iri("fiche", parent_code))
            out.add(_iri("fiche", code), _BROADER, _iri("fiche", parent_code))
    table.problems.raise_if_any()


def _competences(sources: Sources, out: NTriplesWriter, state: _State) -> None:
    """Compétences and macro-compétences (one file, ``nature`` tells them apart)."""
    table = sources.table(
        COMPETENCES,
        ["code_ogr", "nature", "libelle_competence", "definition", "code_ogr_macro_comp", "code_macro_comp",
         "cat_comp", "sous_cat_comp", "transition_eco", "transition_num"],
    )
    parents: list[tuple[int, str, str]] = []
    for line, row in table:
        ogr = _code(table, line, None, "code_ogr", row["code_ogr"], _OGR, "OGR code")
        if ogr is None:
            continue
        nature = row["nature"].strip()
        if nature == "Compétence":
            subject = _iri("competence", ogr)
            out.add(subject, _TYPE, _p(SG.RomeCompetence))
            parents.append((line, ogr, row["code_ogr_macro_comp"]))
        elif nature == "Macro-compétence":
            subject = _iri("macro-competence", ogr)
            out.add(subject, _TYPE, _p(SG.RomeMacroCompetence))
            functional = _code(table, line, ogr, "code_macro_comp", row["code_macro_comp"], _MACRO_CODE,
                               "functional macro-compétence code (e.g. 1A101)")
            if functional is not None:
                out.string(subject, _p(SG.romeCode), functional)
                state.macros[ogr] = functional
        else:
            table.problem(line, ogr, "nature", f"unknown nature '{nature}' (expected Compétence or Macro-compétence)")
            continue
        if ogr in state.items:
            table.problem(line, ogr, "code_ogr", f"item '{ogr}' is defined twice")
            continue
        state.items[ogr] = subject
        out.add(subject, _TYPE, _CONCEPT)
        out.add(subject, _IN_SCHEME, _p(SG.RomeCompetences))
        out.string(subject, _p(SG.ogrCode), ogr)
        out.text(subject, _PREF, row["libelle_competence"], "fr")
        out.text(subject, _DEFINITION, row["definition"], "fr")
        kind = row["cat_comp"].strip()
        if kind in _KINDS:
            out.add(subject, _p(SG.competenceKind), _KINDS[kind])
        elif kind:
            table.problem(line, ogr, "cat_comp", f"unknown category '{kind}' (expected {' or '.join(_KINDS)})")
        out.text(subject, _p(SG.competenceSubcategory), row["sous_cat_comp"], "fr")
        _flags(out, table, line, ogr, subject, row, {"transition_eco": SG.ecologicalTransition, "transition_num": SG.digitalTransition})
    for line, ogr, macro in parents:
        macro = macro.strip()
        if macro not in state.macros:
            table.problem(line, ogr, "code_ogr_macro_comp", f"'{macro}' is not a macro-compétence of this file")
            continue
        out.add(_iri("competence", ogr), _BROADER, _iri("macro-competence", macro))
    table.problems.raise_if_any()


def _savoirs(sources: Sources, out: NTriplesWriter, state: _State) -> None:
    table = sources.table(
        SAVOIRS,
        ["code_ogr_savoir", "libelle_savoir", "categorie_savoir", "sous_categorie_savoir", "transition_eco", "transition_num"],
    )
    for line, row in table:
        ogr = _code(table, line, None, "code_ogr_savoir", row["code_ogr_savoir"], _OGR, "OGR code")
        if ogr is None:
            continue
        if ogr in state.items:
            table.problem(line, ogr, "code_ogr_savoir", f"item '{ogr}' is defined twice")
            continue
        subject = state.items[ogr] = _iri("savoir", ogr)
        out.add(subject, _TYPE, _p(SG.RomeSavoir))
        out.add(subject, _TYPE, _CONCEPT)
        out.add(subject, _IN_SCHEME, _p(SG.RomeSavoirs))
        out.string(subject, _p(SG.ogrCode), ogr)
        out.text(subject, _PREF, row["libelle_savoir"], "fr")
        out.text(subject, _p(SG.knowledgeCategory), row["categorie_savoir"], "fr")
        out.text(subject, _p(SG.knowledgeSubcategory), row["sous_categorie_savoir"], "fr")
        _flags(out, table, line, ogr, subject, row, {"transition_eco": SG.ecologicalTransition, "transition_num": SG.digitalTransition})


def _contexts(sources: Sources, out: NTriplesWriter, state: _State) -> None:
    table = sources.table(CONTEXTS, ["code_ogr", "libelle_cont_travail", "libelle_type_cont_trav"])
    for line, row in table:
        ogr = _code(table, line, None, "code_ogr", row["code_ogr"], _OGR, "OGR code")
        if ogr is None:
            continue
        if ogr in state.items:
            table.problem(line, ogr, "code_ogr", f"item '{ogr}' is defined twice")
            continue
        subject = state.items[ogr] = _iri("context", ogr)
        out.add(subject, _TYPE, _p(SG.RomeWorkContext))
        out.add(subject, _TYPE, _CONCEPT)
        out.add(subject, _IN_SCHEME, _p(SG.RomeWorkContexts))
        out.string(subject, _p(SG.ogrCode), ogr)
        out.text(subject, _PREF, row["libelle_cont_travail"], "fr")
        out.text(subject, _p(SG.workContextType), row["libelle_type_cont_trav"], "fr")


def _appellations(sources: Sources, out: NTriplesWriter, state: _State) -> None:
    table = sources.table(
        APPELLATIONS,
        ["code_ogr", "libelle_appellation_long", "libelle_appellation_court", "code_rome", "transition_eco",
         "transition_num", "transition_demo", "emploi_reglemente", "emploi_cadre", "classification", "peu_usite"],
    )
    for line, row in table:
        ogr = _code(table, line, None, "code_ogr", row["code_ogr"], _OGR, "OGR code")
        fiche = _known_fiche(table, state, line, row["code_ogr"], "code_rome", row["code_rome"])
        if ogr is None or fiche is None:
            continue
        if ogr in state.appellations:
            table.problem(line, ogr, "code_ogr", f"appellation '{ogr}' is defined twice")
            continue
        state.appellations[ogr] = fiche
        subject = _iri("appellation", ogr)
        out.add(subject, _TYPE, _p(SG.RomeAppellation))
        out.add(subject, _TYPE, _CONCEPT)
        out.add(subject, _IN_SCHEME, _p(SG.RomeAppellations))
        out.string(subject, _p(SG.ogrCode), ogr)
        long_label, short_label = row["libelle_appellation_long"].strip(), row["libelle_appellation_court"].strip()
        out.text(subject, _PREF, long_label, "fr")
        if short_label and short_label != long_label:
            out.add(subject, _ALT, literal(short_label, "fr"))
        out.add(subject, _p(SG.appellationOf), _iri("fiche", fiche))
        out.add(subject, _BROADER, _iri("fiche", fiche))
        if row["transition_eco"].strip():
            out.string(subject, _p(SG.ecologicalTransitionCategory), row["transition_eco"].strip())
        _flags(out, table, line, ogr, subject, row, {
            "transition_num": SG.digitalTransition, "transition_demo": SG.demographicTransition,
            "emploi_reglemente": SG.regulatedJob, "emploi_cadre": SG.managerialJob, "peu_usite": SG.rarelyUsed,
        })
        classification = row["classification"].strip()
        if classification in ("PRINCIPALE", "SYNONYME"):
            out.boolean(subject, _p(SG.principalAppellation), classification == "PRINCIPALE")
        else:
            table.problem(line, ogr, "classification", f"unknown classification '{classification}' (expected PRINCIPALE or SYNONYME)")


def _links(sources: Sources, out: NTriplesWriter, state: _State) -> None:
    """unix_liens_rome_referentiels: bloc 5 (compétences, savoirs) and 6 (contextes) -> sg:item.

    Bloc 1 (the fiche's own OGR code) and bloc 2 (its appellations) repeat the referential
    files; they are checked against them.
    """
    table = sources.table(LINKS, ["code_rome", "code_compo_bloc", "code_ogr"])
    for line, row in table:
        fiche = _known_fiche(table, state, line, None, "code_rome", row["code_rome"])
        block = row["code_compo_bloc"].strip()
        ogr = _code(table, line, row["code_rome"], "code_ogr", row["code_ogr"], _OGR, "OGR code")
        if fiche is None or ogr is None:
            continue
        if block in ("5", "6"):
            if _known_item(table, state, line, fiche, "code_ogr", ogr) is not None and (fiche, ogr) not in state.links:
                state.links.add((fiche, ogr))
                out.add(_iri("fiche", fiche), _p(SG.item), state.items[ogr])
        elif block == "2":
            if state.appellations.get(ogr) != fiche:
                table.problem(line, fiche, "code_ogr", f"appellation '{ogr}' is not attached to fiche '{fiche}' in {APPELLATIONS}")
        elif block == "1":
            if state.fiches[fiche] != ogr:
                table.problem(line, fiche, "code_ogr", f"'{ogr}' is not the OGR code of fiche '{fiche}' ({state.fiches[fiche]})")
        else:
            table.problem(line, fiche, "code_compo_bloc", f"unknown bloc '{block}' (expected 1, 2, 5 or 6)")


def _coherence(sources: Sources, out: NTriplesWriter, state: _State) -> None:
    """unix_coherence_item: the cœur de métier flag of a fiche's item (Principale / Émergente)."""
    table = sources.table(COHERENCE, ["code_rome", "code_ogr", "coeur_metier"])
    for line, row in table:
        fiche = _known_fiche(table, state, line, None, "code_rome", row["code_rome"])
        ogr = _known_item(table, state, line, row["code_rome"], "code_ogr", row["code_ogr"])
        flag = row["coeur_metier"].strip()
        if flag not in _CORE:
            table.problem(line, row["code_rome"], "coeur_metier", f"unknown value '{flag}' (expected Principale, Émergente or empty)")
            continue
        if fiche is None or ogr is None:
            continue
        if (fiche, ogr) not in state.links:
            table.problem(line, fiche, "code_ogr", f"item '{ogr}' is not linked to fiche '{fiche}' in {LINKS}")
            continue
        predicate = _CORE[flag]
        if predicate is not None:
            out.add(_iri("fiche", fiche), predicate, state.items[ogr])


def _mobilities(sources: Sources, out: NTriplesWriter, state: _State) -> None:
    table = sources.table(MOBILITIES, ["code_rome", "code_rome_cible", "numero_ordre"])
    seen: set[tuple[str, str]] = set()
    for line, row in table:
        source = _known_fiche(table, state, line, None, "code_rome", row["code_rome"])
        target = _known_fiche(table, state, line, row["code_rome"], "code_rome_cible", row["code_rome_cible"])
        rank = row["numero_ordre"].strip()
        if not rank.isdigit() or int(rank) < 1:
            table.problem(line, row["code_rome"], "numero_ordre", f"'{rank}' is not a rank (1, 2, …)")
            continue
        if source is None or target is None:
            continue
        if (source, target) in seen:
            table.problem(line, source, "code_rome_cible", f"mobility {source} -> {target} is listed twice")
            continue
        seen.add((source, target))
        node = _iri("mobility", f"{source}-{target}")
        out.add(_iri("fiche", source), _p(SG.mobilityTo), _iri("fiche", target))
        out.add(_iri("fiche", source), _p(SG.mobility), node)
        out.add(node, _TYPE, _p(SG.RomeMobility))
        out.add(node, _p(SG.mobilityTarget), _iri("fiche", target))
        out.integer(node, _p(SG.mobilityRank), int(rank))


def _texts(sources: Sources, out: NTriplesWriter, state: _State) -> None:
    """unix_texte: the sentences of a fiche's definition and access text, in order, one per line.

    The file doubles every apostrophe (``l''entretien``, an SQL escape); it is undone here.
    """
    table = sources.table(TEXTS, ["code_rome", "libelle_type_texte", "position_phrase", "libelle_texte"])
    predicates = {"definition": _DEFINITION, "acces_metier": _p(SG.accessToJob)}
    texts: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for line, row in table:
        fiche = _known_fiche(table, state, line, None, "code_rome", row["code_rome"])
        kind = row["libelle_type_texte"].strip()
        position = row["position_phrase"].strip()
        if kind not in predicates:
            table.problem(line, row["code_rome"], "libelle_type_texte", f"unknown text type '{kind}' (expected {' or '.join(predicates)})")
        elif not position.isdigit():
            table.problem(line, row["code_rome"], "position_phrase", f"'{position}' is not a position")
        elif fiche is not None and row["libelle_texte"].strip():
            texts[(fiche, kind)].append((int(position), row["libelle_texte"].strip().replace("''", "'")))
    for (fiche, kind), sentences in texts.items():
        text = "\n".join(sentence for _, sentence in sorted(sentences))
        out.add(_iri("fiche", fiche), predicates[kind], literal(text, "fr"))


def _tree(sources: Sources, out: NTriplesWriter, state: _State) -> None:
    """The competence tree (derived file): macro-compétence -> objectif -> enjeu -> domaine.

    Codes come from the macro-compétence's functional code: ``1A101`` is in domaine ``1``,
    enjeu ``1A`` and objectif ``1A1``.
    """
    table = sources.table(
        TREE,
        ["code_domaine_competence", "domaine_competence", "enjeu", "objectif",
         "code_fonctionnel_macro_competence", "code_ogr_macro_competence"],
    )
    nodes: dict[tuple[str, str], str] = {}  # (kind, code) -> label
    placed: set[str] = set()

    def node(line: int, kind: str, cls: object, code: str, label: str, column: str, broader: str | None) -> None:
        label = label.strip()
        known = nodes.get((kind, code))
        if known is not None:
            if known != label:
                table.problem(line, code, column, f"{kind} '{code}' is named '{label}' here and '{known}' before")
            return
        nodes[(kind, code)] = label
        subject = _iri(kind, code)
        out.add(subject, _TYPE, _p(cls))
        out.add(subject, _TYPE, _CONCEPT)
        out.add(subject, _IN_SCHEME, _p(SG.RomeCompetences))
        out.string(subject, _p(SG.romeCode), code)
        out.text(subject, _PREF, label, "fr")
        if broader is not None:
            out.add(subject, _BROADER, broader)

    for line, row in table:
        macro = row["code_ogr_macro_competence"].strip()
        if macro not in state.macros:
            table.problem(line, None, "code_ogr_macro_competence", f"'{macro}' is not a macro-compétence of {COMPETENCES}")
            continue
        functional = row["code_fonctionnel_macro_competence"].strip()
        match = _MACRO_CODE.match(functional)
        if match is None or functional != state.macros[macro] or match.group(1) != row["code_domaine_competence"].strip():
            table.problem(line, macro, "code_fonctionnel_macro_competence",
                          f"'{functional}' does not agree with the macro-compétence's code '{state.macros[macro]}' and its domaine")
            continue
        domain, stake, objective = functional[:1], functional[:2], functional[:3]
        node(line, "domaine", SG.RomeCompetenceDomain, domain, row["domaine_competence"], "domaine_competence", None)
        node(line, "enjeu", SG.RomeCompetenceStake, stake, row["enjeu"], "enjeu", _iri("domaine", domain))
        node(line, "objectif", SG.RomeCompetenceObjective, objective, row["objectif"], "objectif", _iri("enjeu", stake))
        if macro not in placed:
            placed.add(macro)
            out.add(_iri("macro-competence", macro), _BROADER, _iri("objectif", objective))
