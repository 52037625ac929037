"""ESCO v1.1.1 (European Commission) -> the graph ``https://w3id.org/skillgraph/graph/esco``.

Occupations (labels fr + en), skills (English file, French labels from the derived merge),
essential / optional occupation–skill relations in both directions, the occupation and skill
pillars' broader relations, ISCO-08 groups and skill groups. ESCO URIs are kept as published;
the terms are those of the ESCO model (see ``ontology/reference.ttl``).
"""

from __future__ import annotations

from rdflib.namespace import SKOS

from ..namespace import SG
from . import DatasetInfo, Sources
from ._csv import NTriplesWriter, Table, literal, split_multi

__all__ = ["FILES", "INFO", "convert"]

OCCUPATIONS_EN = "esco_v1.1.1/en/occupations_en.csv"
OCCUPATIONS_FR = "esco_v1.1.1/fr/occupations_fr.csv"
SKILLS_EN = "esco_v1.1.1/en/skills_en.csv"
SKILLS_FR = "derived/esco_v1.1.1_skills_fr_merged.csv"
RELATIONS = "esco_v1.1.1/relations/occupationSkillRelations.csv"
BROADER_OCCUPATIONS = "esco_v1.1.1/relations/broaderRelationsOccPillar.csv"
BROADER_SKILLS = "esco_v1.1.1/relations/broaderRelationsSkillPillar.csv"
ISCO_EN = "esco_v1.1.1/en/ISCOGroups_en.csv"
ISCO_FR = "esco_v1.1.1/fr/ISCOGroups_fr.csv"
GROUPS_EN = "esco_v1.1.1/en/skillGroups_en.csv"
GROUPS_FR = "esco_v1.1.1/fr/skillGroups_fr.csv"

FILES = (
    OCCUPATIONS_EN, OCCUPATIONS_FR, SKILLS_EN, SKILLS_FR, RELATIONS,
    BROADER_OCCUPATIONS, BROADER_SKILLS, ISCO_EN, ISCO_FR, GROUPS_EN, GROUPS_FR,
)


INFO = DatasetInfo(
    title_fr="ESCO v1.1.1 – professions, aptitudes et compétences (Commission européenne)",
    title_en="ESCO v1.1.1 – occupations, skills and competences (European Commission)",
    publisher="European Commission",
    version="ESCO v1.1.1",
    licence="http://data.europa.eu/eli/dec/2011/833/oj",
    rights="This service uses the ESCO classification of the European Commission. "
    "Reuse under Commission Decision 2011/833/EU.",
    source="https://esco.ec.europa.eu/en/use-esco/download",
)


_ESCO = "http://data.europa.eu/esco/"
_MODEL = _ESCO + "model#"
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_CONCEPT = f"<{SKOS.Concept}>"
_PREF = f"<{SKOS.prefLabel}>"
_ALT = f"<{SKOS.altLabel}>"
_DEFINITION = f"<{SKOS.definition}>"
_SCOPE = f"<{SKOS.scopeNote}>"
_NOTATION = f"<{SKOS.notation}>"
_IN_SCHEME = f"<{SKOS.inScheme}>"
_BROADER = f"<{SKOS.broader}>"
_DESCRIPTION = "<http://purl.org/dc/terms/description>"
_OCCUPATION = f"<{_MODEL}Occupation>"
_SKILL = f"<{_MODEL}Skill>"
_ESSENTIAL = (f"<{_MODEL}relatedEssentialSkill>", f"<{_MODEL}isEssentialSkillFor>")
_OPTIONAL = (f"<{_MODEL}relatedOptionalSkill>", f"<{_MODEL}isOptionalSkillFor>")
_SKILL_TYPE = f"<{_MODEL}skillType>"
_REUSE_LEVEL = f"<{_MODEL}skillReuseLevel>"
_ISCO_MEMBER = f"<{_MODEL}memberOfISCOGroup>"
_SKILL_TYPES = {
    "skill/competence": f"<{_ESCO}skill-type/skill>",
    "knowledge": f"<{_ESCO}skill-type/knowledge>",
}
_REUSE_LEVELS = {
    level: f"<{_ESCO}skill-reuse-level/{level}>"
    for level in ("transversal", "cross-sector", "sector-specific", "occupation-specific")
}


def convert(sources: Sources, out: NTriplesWriter) -> None:
    """Write the ESCO graph's triples."""
    _concepts(sources, out, OCCUPATIONS_EN, "en", "occupation/", (_OCCUPATION, _CONCEPT), occupation=True)
    _concepts(sources, out, OCCUPATIONS_FR, "fr", "occupation/", (), occupation=True)
    _skills(sources, out)
    _skills_fr(sources, out)
    _relations(sources, out)
    _broader(sources, out, BROADER_OCCUPATIONS)
    _broader(sources, out, BROADER_SKILLS)
    _concepts(sources, out, ISCO_EN, "en", "isco/", (f"<{SG.IscoGroup}>", _CONCEPT))
    _concepts(sources, out, ISCO_FR, "fr", "isco/", ())
    _concepts(sources, out, GROUPS_EN, "en", ("skill/", "isced-f/"), (f"<{SG.EscoSkillGroup}>", _CONCEPT))
    _concepts(sources, out, GROUPS_FR, "fr", ("skill/", "isced-f/"), ())


def _uri(table: Table, line: int, record: str | None, column: str, value: str, kinds: str | tuple[str, ...] = "") -> str | None:
    """``<uri>`` for an ESCO URI of one of the expected kinds, or None after recording the problem."""
    kinds = (kinds,) if isinstance(kinds, str) else kinds
    if any(value.startswith(_ESCO + k) for k in kinds) and len(value) > len(_ESCO) and NTriplesWriter.valid_iri(value):
        return "<" + value + ">"
    expected = " or ".join(_ESCO + k + "…" for k in kinds)
    table.problem(line, record, column, f"'{value}' is not an ESCO URI ({expected})")
    return None


def _labels(out: NTriplesWriter, subject: str, pref: str, alts: str, lang: str) -> None:
    pref = pref.strip()
    out.text(subject, _PREF, pref, lang)
    for alt in dict.fromkeys(split_multi(alts)):
        if alt != pref:
            out.add(subject, _ALT, literal(alt, lang))


def _concepts(
    sources: Sources,
    out: NTriplesWriter,
    relpath: str,
    lang: str,
    kinds: str | tuple[str, ...],
    types: tuple[str, ...],
    *,
    occupation: bool = False,
) -> None:
    """Occupations, ISCO groups and skill groups: labels in ``lang``; types, codes and schemes once (English file)."""
    columns = ["conceptUri", "preferredLabel", "altLabels", "description"]
    if occupation:
        columns += ["scopeNote", "definition"]
    english = bool(types)
    if english:
        columns += ["inScheme", "code"]
        if occupation:
            columns.append("iscoGroup")
    table = sources.table(relpath, columns)
    for line, row in table:
        subject = _uri(table, line, None, "conceptUri", row["conceptUri"], kinds)
        if subject is None:
            continue
        _labels(out, subject, row["preferredLabel"], row["altLabels"], lang)
        out.text(subject, _DESCRIPTION, row["description"], lang)
        if occupation:
            out.text(subject, _DEFINITION, row["definition"], lang)
            out.text(subject, _SCOPE, row["scopeNote"], lang)
        if not english:
            continue
        for kind in types:
            out.add(subject, _TYPE, kind)
        if row["code"].strip():
            out.string(subject, _NOTATION, row["code"].strip())
        for scheme in split_multi(row["inScheme"]):
            target = _uri(table, line, row["conceptUri"], "inScheme", scheme, "concept-scheme/")
            if target is not None:
                out.add(subject, _IN_SCHEME, target)
        if occupation:
            isco = row["iscoGroup"].strip()
            if isco.isdigit() and len(isco) == 4:
                out.add(subject, _ISCO_MEMBER, f"<{_ESCO}isco/C{isco}>")
            else:
                table.problem(line, row["conceptUri"], "iscoGroup", f"'{isco}' is not a 4-digit ISCO-08 unit group")


def _skills(sources: Sources, out: NTriplesWriter) -> None:
    table = sources.table(
        SKILLS_EN,
        ["conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "scopeNote", "definition", "inScheme", "description"],
    )
    for line, row in table:
        subject = _uri(table, line, None, "conceptUri", row["conceptUri"], "skill/")
        if subject is None:
            continue
        out.add(subject, _TYPE, _SKILL)
        out.add(subject, _TYPE, _CONCEPT)
        _labels(out, subject, row["preferredLabel"], row["altLabels"], "en")
        for column, mapping, predicate in (("skillType", _SKILL_TYPES, _SKILL_TYPE), ("reuseLevel", _REUSE_LEVELS, _REUSE_LEVEL)):
            value = row[column].strip()
            if value in mapping:
                out.add(subject, predicate, mapping[value])
            elif value:
                table.problem(line, row["conceptUri"], column, f"unknown value '{value}' (expected one of {', '.join(mapping)})")
        out.text(subject, _DEFINITION, row["definition"], "en")
        out.text(subject, _SCOPE, row["scopeNote"], "en")
        out.text(subject, _DESCRIPTION, row["description"], "en")
        for scheme in split_multi(row["inScheme"]):
            target = _uri(table, line, row["conceptUri"], "inScheme", scheme, "concept-scheme/")
            if target is not None:
                out.add(subject, _IN_SCHEME, target)


def _skills_fr(sources: Sources, out: NTriplesWriter) -> None:
    """French labels of the skills (derived file: official French collections first, see reference/README.md)."""
    table = sources.table(SKILLS_FR, ["conceptUri", "preferredLabel_fr", "altLabels_fr", "description_fr"])
    for line, row in table:
        subject = _uri(table, line, None, "conceptUri", row["conceptUri"], "skill/")
        if subject is None:
            continue
        _labels(out, subject, row["preferredLabel_fr"], row["altLabels_fr"], "fr")
        out.text(subject, _DESCRIPTION, row["description_fr"], "fr")


def _relations(sources: Sources, out: NTriplesWriter) -> None:
    table = sources.table(RELATIONS, ["occupationUri", "relationType", "skillUri"])
    for line, row in table:
        occupation = _uri(table, line, None, "occupationUri", row["occupationUri"], "occupation/")
        skill = _uri(table, line, row["occupationUri"], "skillUri", row["skillUri"], "skill/")
        kind = row["relationType"].strip()
        predicates = {"essential": _ESSENTIAL, "optional": _OPTIONAL}.get(kind)
        if predicates is None:
            table.problem(line, row["occupationUri"], "relationType", f"unknown relation type '{kind}' (expected essential or optional)")
            continue
        if occupation is None or skill is None:
            continue
        out.add(occupation, predicates[0], skill)
        out.add(skill, predicates[1], occupation)


def _broader(sources: Sources, out: NTriplesWriter, relpath: str) -> None:
    table = sources.table(relpath, ["conceptUri", "broaderUri"])
    for line, row in table:
        narrower = _uri(table, line, None, "conceptUri", row["conceptUri"], ("occupation/", "isco/", "skill/", "isced-f/"))
        broader = _uri(table, line, row["conceptUri"], "broaderUri", row["broaderUri"], ("occupation/", "isco/", "skill/", "isced-f/"))
        if narrower is not None and broader is not None:
            out.add(narrower, _BROADER, broader)

