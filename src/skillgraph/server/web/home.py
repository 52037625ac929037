"""The home page (dashboard): what the graph holds, the study's headline gaps, entry points."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from ...gaps.model import ID, short
from . import headline_texts
from .data import SiteData, site_data
from .headlines import headlines
from .i18n import Translator
from .rendering import page_lang, render_page, start_timer

__all__ = ["TEXTS", "router"]

_TEXTS = {
    "fr": {
        "home_title": "Compétences et formations pour les SMT",
        "home_lead": "Ce que les métiers des industries de santé doivent ajouter pour développer des solutions "
                     "multi-technologiques (médicament, logiciel, dispositif médical), et ce que les formations "
                     "françaises en enseignent — d'après l'étude de 2020 pour l'EDEC Industries de santé.",
        "holds": "Ce que contient le graphe",
        "n_families": "familles de métiers",
        "n_skills": "compétences",
        "n_programmes": "formations",
        "n_modules": "modules",
        "n_phases": "phases de développement",
        "n_sources": "document source",
        "n_facts": "faits cités ({interpreted} interprétés)",
        "entry_points": "Par où commencer",
        "for_hr": "Équipes RH",
        "for_hr_text": "Les compétences qu'un métier doit ajouter pour les SMT, phase par phase ; les écarts d'un profil.",
        "for_training": "Organismes de formation",
        "for_training_text": "La couverture d'un métier par une formation, garantie ou au choix, et ses lacunes.",
        "for_research": "Chercheurs",
        "for_research_text": "Recherche dans le graphe, requêtes nommées et point d'accès SPARQL 1.1.",
        "go_families": "Fiches métiers",
        "go_gaps": "Outil d'écarts",
        "go_programmes": "Formations",
        "go_matrix": "Matrice de couverture",
        "go_explore": "Explorer le graphe",
        "go_sparql": "Requêtes SPARQL",
    },
    "en": {
        "home_title": "Skills and training for SMT",
        "home_lead": "What health-industry jobs must add to develop multi-technology solutions (drug, software, "
                     "medical device), and what French training programmes teach of it — from the 2020 study "
                     "for the EDEC health industries programme.",
        "holds": "What the graph holds",
        "n_families": "job families",
        "n_skills": "skills",
        "n_programmes": "programmes",
        "n_modules": "modules",
        "n_phases": "development phases",
        "n_sources": "source document",
        "n_facts": "cited facts ({interpreted} interpreted)",
        "entry_points": "Where to start",
        "for_hr": "HR teams",
        "for_hr_text": "The skills a job must add for SMT, phase by phase; the gaps of a profile.",
        "for_training": "Training bodies",
        "for_training_text": "How a programme covers a job family, guaranteed or by choice, and its gaps.",
        "for_research": "Researchers",
        "for_research_text": "Search the graph, named queries and the SPARQL 1.1 endpoint.",
        "go_families": "Job family cards",
        "go_gaps": "Gap tool",
        "go_programmes": "Programmes",
        "go_matrix": "Coverage matrix",
        "go_explore": "Explore the graph",
        "go_sparql": "SPARQL queries",
    },
}

#: The page's texts, the headline gaps' included.
TEXTS = {lang: {**texts, **headline_texts.TEXTS[lang]} for lang, texts in _TEXTS.items()}

router = APIRouter(include_in_schema=False, dependencies=[Depends(start_timer)])


@router.get("/", response_class=HTMLResponse)
def home(request: Request, data: Annotated[SiteData, Depends(site_data)]) -> HTMLResponse:
    """The dashboard: what the graph holds, the study's headline gaps recomputed, where to start."""
    model = data.model
    lang = page_lang(request)
    documents = data.rows("source-documents", lang=lang)
    figures = {
        "n_families": len(model.families),
        "n_skills": len(model.skills),
        "n_programmes": len(model.programmes),
        "n_modules": len(model.modules),
        "n_phases": len(model.phase_order),
        "n_sources": len(documents),
    }
    facts = sum(d["directFacts"] + d["interpretedFacts"] for d in documents)
    interpreted = sum(d["interpretedFacts"] for d in documents)
    return render_page(
        request,
        "home.html.j2",
        data,
        title=Translator(lang, TEXTS)("home_title"),
        texts=TEXTS,
        figures=figures,
        facts=facts,
        interpreted=interpreted,
        headlines=headlines(data, lang),
        short=short,
        family_iri=lambda family: f"{ID}job-family/{family}",
    )
