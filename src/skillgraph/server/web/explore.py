"""Explore: search across job families, jobs, skills, topics and programmes (``/explorer``), and
the SPARQL query page with the named-query catalogue (``/explorer/sparql``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from ...gaps.coverage import module_covers
from ...gaps.model import GapModel, short
from .data import SiteData, site_data
from .i18n import Translator
from .rendering import page_lang, render_page, start_timer

__all__ = ["TEXTS", "Hit", "router", "search"]

SG = "https://w3id.org/skillgraph/ontology#"
_MAX_TEXT = 200
_MAX_LINKS = 8

TEXTS = {
    "fr": {
        "explore_title": "Explorer le graphe",
        "explore_lead": "Chercher un métier, une compétence, une thématique ou une formation par un mot de son libellé, "
                        "ou les formations d'un établissement ou d'une ville (français ou anglais, sans tenir compte "
                        "des accents ni des majuscules).",
        "search_label": "Rechercher",
        "search_button": "Chercher",
        "results": "Résultats pour « {text} »",
        "n_results": "{n} résultat(s)",
        "no_result": "Aucun résultat pour « {text} ».",
        "too_short": "Saisir au moins deux caractères.",
        "family_of": "famille : {family}",
        "by_provider": "établissement : {names}",
        "by_city": "ville : {names}",
        "needed_by": "Demandée par :",
        "taught_in": "Enseignée dans {n} formation(s) :",
        "topic_in": "Traitée dans {n} formation(s) :",
        "not_taught": "enseignée dans aucune formation recensée",
        "and_more": "et {n} autre(s)",
        "catalogue": "Requêtes nommées",
        "catalogue_lead": "Les questions du catalogue (api/queries) : chacune est une route REST typée et se charge "
                          "dans la page de requêtes SPARQL.",
        "query": "Requête",
        "summary": "Question",
        "params": "Paramètres",
        "open": "Ouvrir",
        "open_in_editor": "Ouvrir {name} dans la page SPARQL",
        "sparql_page": "Page de requêtes SPARQL",
        "sparql_title": "Requêtes SPARQL",
        "sparql_lead": "Écrire une requête SPARQL 1.1 sur tout le graphe, ou choisir une requête nommée du catalogue.",
        "sparql_noscript": "Cette page a besoin de JavaScript. Le point d'accès SPARQL reste utilisable à l'adresse /sparql, "
                           "et chaque requête nommée à l'adresse /api/<nom>.",
        "examples": "Exemples",
        "examples_intro": "Requêtes nommées du catalogue : en choisir une charge son texte dans l'éditeur.",
        "chosen_query": "Requête choisie :",
        "run_rest": "Exécuter en REST",
        "editor_label": "Requête SPARQL",
        "editor_hint": "Ctrl+Entrée pour exécuter",
        "run": "Exécuter",
        "sparql_results": "Résultats",
    },
    "en": {
        "explore_title": "Explore the graph",
        "explore_lead": "Find a job family, a job, a skill, a topic or a programme by a word of its label, or the "
                        "programmes of a provider or a city (French or English, ignoring accents and case).",
        "search_label": "Search",
        "search_button": "Search",
        "results": "Results for “{text}”",
        "n_results": "{n} result(s)",
        "no_result": "Nothing found for “{text}”.",
        "too_short": "Type at least two characters.",
        "family_of": "family: {family}",
        "by_provider": "provider: {names}",
        "by_city": "city: {names}",
        "needed_by": "Needed by:",
        "taught_in": "Taught in {n} programme(s):",
        "topic_in": "Covered in {n} programme(s):",
        "not_taught": "taught in no programme of the study",
        "and_more": "and {n} more",
        "catalogue": "Named queries",
        "catalogue_lead": "The questions of the catalogue (api/queries): each is a typed REST route and loads in the "
                          "SPARQL query page.",
        "query": "Query",
        "summary": "Question",
        "params": "Parameters",
        "open": "Open",
        "open_in_editor": "Open {name} in the SPARQL page",
        "sparql_page": "SPARQL query page",
        "sparql_title": "SPARQL queries",
        "sparql_lead": "Write a SPARQL 1.1 query over the whole graph, or pick a named query of the catalogue.",
        "sparql_noscript": "This page needs JavaScript. The SPARQL endpoint is still at /sparql, and every named query "
                           "at /api/<name>.",
        "examples": "Examples",
        "examples_intro": "Named queries of the catalogue: choosing one loads its text into the editor.",
        "chosen_query": "Chosen query:",
        "run_rest": "Run as REST",
        "editor_label": "SPARQL query",
        "editor_hint": "Ctrl+Enter to run",
        "run": "Run",
        "sparql_results": "Results",
    },
}


@dataclass
class Hit:
    """A search result and the pages it leads to."""

    kind: str  # JobFamily | Job | Skill | Topic | Programme
    kind_label: str
    id: str
    label: str
    family: str | None = None  # a job's family id
    families: list[str] = field(default_factory=list)  # a skill's families (IRIs)
    programmes: list[str] = field(default_factory=list)  # programmes that teach a skill or topic (IRIs)
    providers: list[str] = field(default_factory=list)  # a programme found by its providers: their labels
    cities: list[str] = field(default_factory=list)  # a programme found by its city


def _programmes_teaching_skill(model: GapModel, skill: str) -> list[str]:
    found = set()
    for family in model.families.values():
        for requirement in family.requirements:
            if requirement.skill == skill:
                found |= {m.programme for m in model.modules.values() if module_covers(model, m, requirement) > 0}
                return sorted(found, key=lambda p: model.label(p).casefold())
    return []


def _programmes_covering_topic(model: GapModel, topic: str) -> list[str]:
    found = {m.programme for m in model.modules.values() if any(topic in model.ancestors.get(t, {t}) for t in m.topics)}
    return sorted(found, key=lambda p: model.label(p).casefold())


def _lines(value: str | None) -> list[str]:
    return value.splitlines() if value else []


def search(data: SiteData, text: str, lang: str) -> list[Hit]:
    """The search answer (named query ``search``) with, for skills and topics, where they lead, and for
    programmes found by a provider or a city, which."""
    model = data.model
    hits = []
    for row in data.rows("search", text=text, lang=lang):
        kind = row["kind"].removeprefix(SG)
        hit = Hit(kind, row["kindLabel"], row["id"], row["label"], row.get("family"),
                  providers=_lines(row.get("providers")), cities=_lines(row.get("cities")))
        if kind == "Skill":
            hit.families = model.by_label(
                (f for f, fam in model.families.items() if any(r.skill == row["entity"] for r in fam.requirements)), lang)
            hit.programmes = _programmes_teaching_skill(model, row["entity"])
        elif kind == "Topic":
            hit.programmes = _programmes_covering_topic(model, row["entity"])
        hits.append(hit)
    return hits


router = APIRouter(include_in_schema=False, dependencies=[Depends(start_timer)])


@router.get("/explorer", response_class=HTMLResponse)
def explore(
    request: Request,
    data: Annotated[SiteData, Depends(site_data)],
    q: Annotated[str, Query(max_length=_MAX_TEXT)] = "",
) -> HTMLResponse:
    """Search the graph; the named-query catalogue."""
    lang = page_lang(request)
    text = " ".join(q.split())
    hits = search(data, text, lang) if len(text) >= 2 else []
    return render_page(
        request,
        "explore.html.j2",
        data,
        title=Translator(lang, TEXTS)("explore_title"),
        texts=TEXTS,
        text=text,
        hits=hits,
        max_links=_MAX_LINKS,
        catalogue=sorted(data.catalogue.values(), key=lambda query: query.name),
        short=short,
    )


@router.get("/explorer/sparql", response_class=HTMLResponse)
def sparql_page(
    request: Request,
    data: Annotated[SiteData, Depends(site_data)],
    requete: Annotated[str, Query(max_length=_MAX_TEXT)] = "",
) -> HTMLResponse:
    """The SPARQL query page: editor, the named queries as forms, results as tables, downloads.
    ``?requete=NAME`` opens a named query of the catalogue (its script loads it)."""
    return render_page(
        request, "sparql.html.j2", data, title=Translator(page_lang(request), TEXTS)("sparql_title"), texts=TEXTS,
        chosen=data.catalogue.get(requete),
    )
