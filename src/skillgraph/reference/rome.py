"""ROME 4.0 v4.60 (France Travail) -> the graph ``https://w3id.org/skillgraph/graph/rome``.

Fiches (with their parent fiche, transition and status flags, definition and access texts),
appellations, compétences and macro-compétences (with the tree up to objectif, enjeu and
domaine), savoirs, contextes de travail, the fiche → item links with the cœur de métier
flags, and the mobilities between fiches. ROME publishes codes: the IRIs are the project's
(``https://w3id.org/skillgraph/rome/…``, see ``ontology/reference.ttl``).

Referential integrity is checked: every code a file refers to must be defined by the
referential files, and a cœur de métier flag must qualify a link the fiche has.

This module reads the fiche files; :mod:`.rome_items` reads the referential items and
:mod:`.rome_codes` holds the file names, IRIs and checks both share.
"""

from __future__ import annotations

from collections import defaultdict

from ..namespace import SG
from . import DatasetInfo, Sources
from ._csv import NTriplesWriter, literal
from .rome_codes import (
    ALT,
    APPELLATIONS,
    BROADER,
    COHERENCE,
    COMPETENCES,
    CONCEPT,
    CONTEXTS,
    DEFINITION,
    FICHES,
    IN_SCHEME,
    LINKS,
    MOBILITIES,
    OGR,
    PREF,
    ROME,
    ROME_CODE,
    SAVOIRS,
    TEXTS,
    TREE,
    TYPE,
    State,
    add_flags,
    check_code,
    iri,
    known_fiche,
    known_item,
    term,
)
from .rome_items import competences, contexts, savoirs, tree

__all__ = ["FILES", "INFO", "ROME", "convert"]

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

_CORE = {"Principale": term(SG.coreItem), "Émergente": term(SG.emergingItem), "": None}


def convert(sources: Sources, out: NTriplesWriter) -> None:
    """Write the ROME graph's triples."""
    state = State()
    _fiches(sources, out, state)
    competences(sources, out, state)
    savoirs(sources, out, state)
    contexts(sources, out, state)
    _appellations(sources, out, state)
    _links(sources, out, state)
    _coherence(sources, out, state)
    _mobilities(sources, out, state)
    _texts(sources, out, state)
    tree(sources, out, state)


# -- files ----------------------------------------------------------------------------------------
def _fiches(sources: Sources, out: NTriplesWriter, state: State) -> None:
    table = sources.table(
        FICHES,
        ["code_rome", "code_ogr", "libelle_rome", "transition_eco", "transition_num", "transition_demo",
         "emploi_reglemente", "emploi_cadre", "code_rome_parent"],
    )
    parents: list[tuple[int, str, str]] = []
    for line, row in table:
        code = check_code(table, line, None, "code_rome", row["code_rome"], ROME_CODE, "ROME code")
        ogr = check_code(table, line, row["code_rome"], "code_ogr", row["code_ogr"], OGR, "OGR code")
        if code is None or ogr is None:
            continue
        if code in state.fiches:
            table.problem(line, code, "code_rome", f"fiche '{code}' is defined twice")
            continue
        state.fiches[code] = ogr
        subject = iri("fiche", code)
        out.add(subject, TYPE, term(SG.RomeFiche))
        out.add(subject, TYPE, CONCEPT)
        out.add(subject, IN_SCHEME, term(SG.RomeFiches))
        out.string(subject, term(SG.romeCode), code)
        out.string(subject, term(SG.ogrCode), ogr)
        out.text(subject, PREF, row["libelle_rome"], "fr")
        if row["transition_eco"].strip():
            out.string(subject, term(SG.ecologicalTransitionCategory), row["transition_eco"].strip())
        add_flags(out, table, line, code, subject, row, {
            "transition_num": SG.digitalTransition, "transition_demo": SG.demographicTransition,
            "emploi_reglemente": SG.regulatedJob, "emploi_cadre": SG.managerialJob,
        })
        parents.append((line, code, row["code_rome_parent"]))
    for line, code, parent in parents:
        parent_code = known_fiche(table, state, line, code, "code_rome_parent", parent)
        if parent_code is not None and parent_code != code:
            out.add(iri("fiche", code), term(SG.parentFiche), iri("fiche", parent_code))
            out.add(iri("fiche", code), BROADER, iri("fiche", parent_code))
    table.problems.raise_if_any()


def _appellations(sources: Sources, out: NTriplesWriter, state: State) -> None:
    table = sources.table(
        APPELLATIONS,
        ["code_ogr", "libelle_appellation_long", "libelle_appellation_court", "code_rome", "transition_eco",
         "transition_num", "transition_demo", "emploi_reglemente", "emploi_cadre", "classification", "peu_usite"],
    )
    for line, row in table:
        ogr = check_code(table, line, None, "code_ogr", row["code_ogr"], OGR, "OGR code")
        fiche = known_fiche(table, state, line, row["code_ogr"], "code_rome", row["code_rome"])
        if ogr is None or fiche is None:
            continue
        if ogr in state.appellations:
            table.problem(line, ogr, "code_ogr", f"appellation '{ogr}' is defined twice")
            continue
        state.appellations[ogr] = fiche
        subject = iri("appellation", ogr)
        out.add(subject, TYPE, term(SG.RomeAppellation))
        out.add(subject, TYPE, CONCEPT)
        out.add(subject, IN_SCHEME, term(SG.RomeAppellations))
        out.string(subject, term(SG.ogrCode), ogr)
        long_label, short_label = row["libelle_appellation_long"].strip(), row["libelle_appellation_court"].strip()
        out.text(subject, PREF, long_label, "fr")
        if short_label and short_label != long_label:
            out.add(subject, ALT, literal(short_label, "fr"))
        out.add(subject, term(SG.appellationOf), iri("fiche", fiche))
        out.add(subject, BROADER, iri("fiche", fiche))
        if row["transition_eco"].strip():
            out.string(subject, term(SG.ecologicalTransitionCategory), row["transition_eco"].strip())
        add_flags(out, table, line, ogr, subject, row, {
            "transition_num": SG.digitalTransition, "transition_demo": SG.demographicTransition,
            "emploi_reglemente": SG.regulatedJob, "emploi_cadre": SG.managerialJob, "peu_usite": SG.rarelyUsed,
        })
        classification = row["classification"].strip()
        if classification in ("PRINCIPALE", "SYNONYME"):
            out.boolean(subject, term(SG.principalAppellation), classification == "PRINCIPALE")
        else:
            table.problem(line, ogr, "classification", f"unknown classification '{classification}' (expected PRINCIPALE or SYNONYME)")


def _links(sources: Sources, out: NTriplesWriter, state: State) -> None:
    """unix_liens_rome_referentiels: bloc 5 (compétences, savoirs) and 6 (contextes) -> sg:item.

    Bloc 1 (the fiche's own OGR code) and bloc 2 (its appellations) repeat the referential
    files; they are checked against them.
    """
    table = sources.table(LINKS, ["code_rome", "code_compo_bloc", "code_ogr"])
    for line, row in table:
        fiche = known_fiche(table, state, line, None, "code_rome", row["code_rome"])
        block = row["code_compo_bloc"].strip()
        ogr = check_code(table, line, row["code_rome"], "code_ogr", row["code_ogr"], OGR, "OGR code")
        if fiche is None or ogr is None:
            continue
        if block in ("5", "6"):
            if known_item(table, state, line, fiche, "code_ogr", ogr) is not None and (fiche, ogr) not in state.links:
                state.links.add((fiche, ogr))
                out.add(iri("fiche", fiche), term(SG.item), state.items[ogr])
        elif block == "2":
            if state.appellations.get(ogr) != fiche:
                table.problem(line, fiche, "code_ogr", f"appellation '{ogr}' is not attached to fiche '{fiche}' in {APPELLATIONS}")
        elif block == "1":
            if state.fiches[fiche] != ogr:
                table.problem(line, fiche, "code_ogr", f"'{ogr}' is not the OGR code of fiche '{fiche}' ({state.fiches[fiche]})")
        else:
            table.problem(line, fiche, "code_compo_bloc", f"unknown bloc '{block}' (expected 1, 2, 5 or 6)")


def _coherence(sources: Sources, out: NTriplesWriter, state: State) -> None:
    """unix_coherence_item: the cœur de métier flag of a fiche's item (Principale / Émergente)."""
    table = sources.table(COHERENCE, ["code_rome", "code_ogr", "coeur_metier"])
    for line, row in table:
        fiche = known_fiche(table, state, line, None, "code_rome", row["code_rome"])
        ogr = known_item(table, state, line, row["code_rome"], "code_ogr", row["code_ogr"])
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
            out.add(iri("fiche", fiche), predicate, state.items[ogr])


def _mobilities(sources: Sources, out: NTriplesWriter, state: State) -> None:
    table = sources.table(MOBILITIES, ["code_rome", "code_rome_cible", "numero_ordre"])
    seen: set[tuple[str, str]] = set()
    for line, row in table:
        source = known_fiche(table, state, line, None, "code_rome", row["code_rome"])
        target = known_fiche(table, state, line, row["code_rome"], "code_rome_cible", row["code_rome_cible"])
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
        node = iri("mobility", f"{source}-{target}")
        out.add(iri("fiche", source), term(SG.mobilityTo), iri("fiche", target))
        out.add(iri("fiche", source), term(SG.mobility), node)
        out.add(node, TYPE, term(SG.RomeMobility))
        out.add(node, term(SG.mobilityTarget), iri("fiche", target))
        out.integer(node, term(SG.mobilityRank), int(rank))


def _texts(sources: Sources, out: NTriplesWriter, state: State) -> None:
    """unix_texte: the sentences of a fiche's definition and access text, in order, one per line.

    The file doubles every apostrophe (``l''entretien``, an SQL escape); it is undone here.
    """
    table = sources.table(TEXTS, ["code_rome", "libelle_type_texte", "position_phrase", "libelle_texte"])
    predicates = {"definition": DEFINITION, "acces_metier": term(SG.accessToJob)}
    texts: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for line, row in table:
        fiche = known_fiche(table, state, line, None, "code_rome", row["code_rome"])
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
        out.add(iri("fiche", fiche), predicates[kind], literal(text, "fr"))
