"""The ROME 4.0 referential items: compétences and macro-compétences (with the tree up to objectif, enjeu and
domaine), savoirs and contextes de travail, the items a fiche links to.
"""

from __future__ import annotations

import re

from ..namespace import SG
from . import Sources
from ._csv import NTriplesWriter
from .rome_codes import (
    BROADER,
    COMPETENCES,
    CONCEPT,
    CONTEXTS,
    DEFINITION,
    IN_SCHEME,
    OGR,
    PREF,
    SAVOIRS,
    TREE,
    TYPE,
    State,
    add_flags,
    check_code,
    iri,
    term,
)

__all__ = ["competences", "contexts", "savoirs", "tree"]

_MACRO_CODE = re.compile(r"^(\d)([A-Z])(\d)(\d\d)$")
_KINDS = {"Savoir-faire": term(SG.SavoirFaire), "Savoir-être professionnel": term(SG.SavoirEtre)}


def competences(sources: Sources, out: NTriplesWriter, state: State) -> None:
    """Compétences and macro-compétences (one file, ``nature`` tells them apart)."""
    table = sources.table(
        COMPETENCES,
        ["code_ogr", "nature", "libelle_competence", "definition", "code_ogr_macro_comp", "code_macro_comp",
         "cat_comp", "sous_cat_comp", "transition_eco", "transition_num"],
    )
    parents: list[tuple[int, str, str]] = []
    for line, row in table:
        ogr = check_code(table, line, None, "code_ogr", row["code_ogr"], OGR, "OGR code")
        if ogr is None:
            continue
        nature = row["nature"].strip()
        if nature == "Compétence":
            subject = iri("competence", ogr)
            out.add(subject, TYPE, term(SG.RomeCompetence))
            parents.append((line, ogr, row["code_ogr_macro_comp"]))
        elif nature == "Macro-compétence":
            subject = iri("macro-competence", ogr)
            out.add(subject, TYPE, term(SG.RomeMacroCompetence))
            functional = check_code(table, line, ogr, "code_macro_comp", row["code_macro_comp"], _MACRO_CODE,
                               "functional macro-compétence code (e.g. 1A101)")
            if functional is not None:
                out.string(subject, term(SG.romeCode), functional)
                state.macros[ogr] = functional
        else:
            table.problem(line, ogr, "nature", f"unknown nature '{nature}' (expected Compétence or Macro-compétence)")
            continue
        if ogr in state.items:
            table.problem(line, ogr, "code_ogr", f"item '{ogr}' is defined twice")
            continue
        state.items[ogr] = subject
        out.add(subject, TYPE, CONCEPT)
        out.add(subject, IN_SCHEME, term(SG.RomeCompetences))
        out.string(subject, term(SG.ogrCode), ogr)
        out.text(subject, PREF, row["libelle_competence"], "fr")
        out.text(subject, DEFINITION, row["definition"], "fr")
        kind = row["cat_comp"].strip()
        if kind in _KINDS:
            out.add(subject, term(SG.competenceKind), _KINDS[kind])
        elif kind:
            table.problem(line, ogr, "cat_comp", f"unknown category '{kind}' (expected {' or '.join(_KINDS)})")
        out.text(subject, term(SG.competenceSubcategory), row["sous_cat_comp"], "fr")
        add_flags(out, table, line, ogr, subject, row, {"transition_eco": SG.ecologicalTransition, "transition_num": SG.digitalTransition})
    for line, ogr, macro in parents:
        macro = macro.strip()
        if macro not in state.macros:
            table.problem(line, ogr, "code_ogr_macro_comp", f"'{macro}' is not a macro-compétence of this file")
            continue
        out.add(iri("competence", ogr), BROADER, iri("macro-competence", macro))
    table.problems.raise_if_any()


def savoirs(sources: Sources, out: NTriplesWriter, state: State) -> None:
    table = sources.table(
        SAVOIRS,
        ["code_ogr_savoir", "libelle_savoir", "categorie_savoir", "sous_categorie_savoir", "transition_eco", "transition_num"],
    )
    for line, row in table:
        ogr = check_code(table, line, None, "code_ogr_savoir", row["code_ogr_savoir"], OGR, "OGR code")
        if ogr is None:
            continue
        if ogr in state.items:
            table.problem(line, ogr, "code_ogr_savoir", f"item '{ogr}' is defined twice")
            continue
        subject = state.items[ogr] = iri("savoir", ogr)
        out.add(subject, TYPE, term(SG.RomeSavoir))
        out.add(subject, TYPE, CONCEPT)
        out.add(subject, IN_SCHEME, term(SG.RomeSavoirs))
        out.string(subject, term(SG.ogrCode), ogr)
        out.text(subject, PREF, row["libelle_savoir"], "fr")
        out.text(subject, term(SG.knowledgeCategory), row["categorie_savoir"], "fr")
        out.text(subject, term(SG.knowledgeSubcategory), row["sous_categorie_savoir"], "fr")
        add_flags(out, table, line, ogr, subject, row, {"transition_eco": SG.ecologicalTransition, "transition_num": SG.digitalTransition})


def contexts(sources: Sources, out: NTriplesWriter, state: State) -> None:
    table = sources.table(CONTEXTS, ["code_ogr", "libelle_cont_travail", "libelle_type_cont_trav"])
    for line, row in table:
        ogr = check_code(table, line, None, "code_ogr", row["code_ogr"], OGR, "OGR code")
        if ogr is None:
            continue
        if ogr in state.items:
            table.problem(line, ogr, "code_ogr", f"item '{ogr}' is defined twice")
            continue
        subject = state.items[ogr] = iri("context", ogr)
        out.add(subject, TYPE, term(SG.RomeWorkContext))
        out.add(subject, TYPE, CONCEPT)
        out.add(subject, IN_SCHEME, term(SG.RomeWorkContexts))
        out.string(subject, term(SG.ogrCode), ogr)
        out.text(subject, PREF, row["libelle_cont_travail"], "fr")
        out.text(subject, term(SG.workContextType), row["libelle_type_cont_trav"], "fr")


def tree(sources: Sources, out: NTriplesWriter, state: State) -> None:
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
        subject = iri(kind, code)
        out.add(subject, TYPE, term(cls))
        out.add(subject, TYPE, CONCEPT)
        out.add(subject, IN_SCHEME, term(SG.RomeCompetences))
        out.string(subject, term(SG.romeCode), code)
        out.text(subject, PREF, label, "fr")
        if broader is not None:
            out.add(subject, BROADER, broader)

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
        node(line, "enjeu", SG.RomeCompetenceStake, stake, row["enjeu"], "enjeu", iri("domaine", domain))
        node(line, "objectif", SG.RomeCompetenceObjective, objective, row["objectif"], "objectif", iri("enjeu", stake))
        if macro not in placed:
            placed.add(macro)
            out.add(iri("macro-competence", macro), BROADER, iri("objectif", objective))
