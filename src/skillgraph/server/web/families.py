"""Job families: the list (``/metiers``) and each family's card (``/metiers/{id}``): mission,
activities, profile, skills by phase and kind (new-for-SMT marked), challenges, ESCO / ROME
alignments, the programmes that prepare for it ranked by coverage, and the source of every line."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from ...errors import UnknownIdentifier
from ...gaps.coverage import Score, coverage
from ...gaps.model import ID, Alignment, GapModel, Requirement, short
from .data import SiteData, site_data
from .i18n import Translator
from .rendering import not_found, page_lang, render_page, start_timer

__all__ = ["SECTIONS_EN", "TEXTS", "CardSkills", "card_sections", "family_skills", "ranked_programmes", "router"]

SG = "https://w3id.org/skillgraph/ontology#"
FAMILY = f"{ID}job-family/"
KIND_ORDER = ("SavoirFaire", "SavoirEtre", "Savoir")
_CARD_SECTIONS = ("summary", "mission", "activity", "profileSought", "challenge", "recruitmentNote", "hasJob")

TEXTS = {
    "fr": {
        "families_title": "Familles de métiers",
        "families_lead": "Les familles de métiers de l'étude, avec les compétences qu'elles doivent acquérir pour les SMT.",
        "family": "Famille de métiers",
        "n_requirements": "Compétences",
        "n_new": "Nouvelles pour les SMT",
        "phases": "Phases",
        "n_programmes": "Formations qui y préparent",
        "card": "Fiche métier",
        "skills": "Compétences par phase et par nature",
        "skills_lead": "{n} compétences, dont {new} nouvelles pour les SMT. Une compétence sans phase propre vaut pour toutes les phases du métier.",
        "all_phases": "Toutes les phases du métier",
        "new_for_smt": "nouvelle pour les SMT",
        "skill": "Compétence",
        "importance": "Importance",
        "topics": "Thèmes",
        "section": "Rubrique de la fiche",
        "source": "Source",
        "weight_3": "essentielle",
        "weight_2": "importante",
        "weight_1": "complémentaire",
        "alignments": "Correspondances ESCO et ROME",
        "alignments_lead": "Correspondances établies par les curateurs (relation SKOS, confiance). Les référentiels complets se chargent avec « skillgraph import ».",
        "scheme": "Référentiel",
        "code": "Code",
        "relation": "Relation",
        "confidence": "Confiance",
        "no_alignment": "Aucune correspondance.",
        "programmes": "Formations qui préparent à ce métier",
        "programmes_lead": "Classées par couverture garantie (modules obligatoires), puis possible (meilleur choix d'options).",
        "programme": "Formation",
        "type": "Type",
        "guaranteed": "Garantie",
        "possible": "Possible",
        "rank": "Rang",
        "no_programme": "L'étude ne recense aucune formation qui prépare à ce métier.",
        "unknown_family": "La famille de métiers",
        "EscoOccupations": "ESCO (profession)",
        "RomeFiches": "ROME 4.0 (fiche)",
        "RomeAppellations": "ROME 4.0 (appellation)",
    },
    "en": {
        "families_title": "Job families",
        "families_lead": "The job families of the study, with the skills they must acquire for SMT.",
        "family": "Job family",
        "n_requirements": "Skills",
        "n_new": "New for SMT",
        "phases": "Phases",
        "n_programmes": "Programmes preparing for it",
        "card": "Job card",
        "skills": "Skills by phase and kind",
        "skills_lead": "{n} skills, {new} of them new for SMT. A skill with no phase of its own counts in every phase of the family.",
        "all_phases": "Every phase of the family",
        "new_for_smt": "new for SMT",
        "skill": "Skill",
        "importance": "Importance",
        "topics": "Topics",
        "section": "Card section",
        "source": "Source",
        "weight_3": "essential",
        "weight_2": "important",
        "weight_1": "complementary",
        "alignments": "ESCO and ROME alignments",
        "alignments_lead": "Mappings made by the curators (SKOS relation, confidence). The full classifications load with “skillgraph import”.",
        "scheme": "Classification",
        "code": "Code",
        "relation": "Relation",
        "confidence": "Confidence",
        "no_alignment": "No alignment.",
        "programmes": "Programmes preparing for this job family",
        "programmes_lead": "Ranked by guaranteed coverage (mandatory modules), then possible coverage (best choice of options).",
        "programme": "Programme",
        "type": "Type",
        "guaranteed": "Guaranteed",
        "possible": "Possible",
        "rank": "Rank",
        "no_programme": "The study lists no programme preparing for this job family.",
        "unknown_family": "The job family",
        "EscoOccupations": "ESCO (occupation)",
        "RomeFiches": "ROME 4.0 (fiche)",
        "RomeAppellations": "ROME 4.0 (appellation)",
    },
}


#: The study's card headings a skill is listed under (French, verbatim in the data), in English.
#: A heading missing here is shown in French, marked ``lang="fr"``.
SECTIONS_EN = {
    "Compétences transverses clés": "Key cross-functional skills",
    "Transverses": "Cross-functional",
    "Métiers": "Job-specific",
    "Autres compétences": "Other skills",
    "Savoir faire": "Know-how",
    "Savoir être": "Soft skills",
    "Analyses qualitatives et quantitatives": "Qualitative and quantitative analyses",
    "Développement d’ouvrages / produits": "Development of works / products",
    "Peut également avoir des compétences juridiques (notamment dans les plus petites entreprises)":
        "May also have legal skills (especially in the smallest companies)",
    "Veille, analyse et gestion documentaire": "Monitoring, analysis and document management",
    "Compétences liées au développement des SMT": "Skills for developing SMT",
    "Mission": "Mission",
    "Conception d’ouvrages / produits": "Design of works / products",
    "Maîtrise des logiciels": "Command of software",
    "Résolution de problèmes complexes": "Complex problem solving",
}


@dataclass
class CardSkills:
    """A family's requirements grouped for the card: (phases, kind) -> requirements in card order."""

    groups: list[tuple[tuple[str, ...], list[tuple[str, list[Requirement]]]]]
    total: int
    new: int


def family_skills(model: GapModel, family_iri: str) -> CardSkills:
    """The requirements by phase group (the family's own phases first: () means every phase), then kind."""
    family = model.families[family_iri]
    by_phases: dict[tuple[str, ...], dict[str, list[Requirement]]] = defaultdict(lambda: defaultdict(list))
    for requirement in sorted(family.requirements, key=lambda r: (r.lines, r.iri)):
        phases = tuple(model.in_phase_order(requirement.phases))
        by_phases[phases][model.skills[requirement.skill].kind].append(requirement)
    groups = [
        (phases, [(kind, kinds[kind]) for kind in sorted(kinds, key=lambda k: (KIND_ORDER + (k,)).index(k))])
        for phases, kinds in sorted(by_phases.items(), key=lambda item: [model.phase_rank(p) for p in item[0]])
    ]
    return CardSkills(groups, len(family.requirements), sum(r.new_for_smt for r in family.requirements))


def ranked_programmes(model: GapModel, family_iri: str) -> list[tuple[str, Score]]:
    """The programmes that prepare for the family, best guaranteed then possible coverage first."""
    scored = [(p, coverage(model, p, family_iri).overall) for p, prog in model.programmes.items() if family_iri in prog.prepares_for]
    return sorted(scored, key=lambda item: (-item[1].guaranteed, -item[1].possible, model.label(item[0]).casefold()))


def card_sections(data: SiteData, family_id: str, lang: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """The card's text (named query ``job-card``), by section in card order, phases left out
    (the skills table shows them)."""
    sections: dict[str, tuple[str, list[dict[str, Any]]]] = {}
    for row in data.rows("job-card", jobFamily=family_id, lang=lang):
        name = row["section"].removeprefix(SG)
        if name in _CARD_SECTIONS:
            sections.setdefault(name, (row.get("sectionLabel", name), []))[1].append(row)
    return [sections[name] for name in _CARD_SECTIONS if name in sections]


def _alignments(model: GapModel, family_iri: str) -> list[Alignment]:
    return sorted((a for a in model.alignments if a.concept == family_iri), key=lambda a: (a.scheme, -a.confidence, a.code))


router = APIRouter(include_in_schema=False, dependencies=[Depends(start_timer)])


@router.get("/metiers", response_class=HTMLResponse)
def families(request: Request, data: Annotated[SiteData, Depends(site_data)]) -> HTMLResponse:
    """Every job family with its number of skills, new skills, phases and programmes."""
    model = data.model
    lang = page_lang(request)
    rows = [
        (
            iri,
            family_skills(model, iri),
            model.in_phase_order(model.families[iri].phases),
            sum(iri in p.prepares_for for p in model.programmes.values()),
        )
        for iri in model.by_label(model.families, lang)
    ]
    return render_page(
        request, "families.html.j2", data, title=Translator(lang, TEXTS)("families_title"), texts=TEXTS,
        rows=rows, short=short,
    )


@router.get("/metiers/{family_id}", response_class=HTMLResponse)
def family_card(request: Request, family_id: str, data: Annotated[SiteData, Depends(site_data)]) -> HTMLResponse:
    """The card of one job family."""
    model = data.model
    lang = page_lang(request)
    iri = FAMILY + family_id
    if iri not in model.families:
        error = UnknownIdentifier("job family", family_id, (short(f) for f in model.families), "family_id")
        return not_found(request, data, Translator(lang, TEXTS)("unknown_family"), error)
    return render_page(
        request,
        "family.html.j2",
        data,
        title=model.label(iri, lang),
        texts=TEXTS,
        family=iri,
        family_id=family_id,
        sections=card_sections(data, family_id, lang),
        skills=family_skills(model, iri),
        phases=model.in_phase_order(model.families[iri].phases),
        alignments=_alignments(model, iri),
        programmes=ranked_programmes(model, iri),
        sections_en=SECTIONS_EN,
        short=short,
        SG=SG,
    )
