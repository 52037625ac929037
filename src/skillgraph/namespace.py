"""The skillgraph ontology namespace, closed: a term not defined in ``ontology/`` fails."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

__all__ = ["ID", "SG"]

#: Base of the IRIs of the data (job families, skills, programmes...).
ID = Namespace("https://w3id.org/skillgraph/id/")


class SG(DefinedNamespace):
    """Terms of ``ontology/skillgraph.ttl``; kept in step by ``tests/test_namespace.py``."""

    _fail = True
    _NS = Namespace("https://w3id.org/skillgraph/ontology#")

    Audience: URIRef
    CardStatement: URIRef
    CardType: URIRef
    ChoiceOption: URIRef
    Citation: URIRef
    CommonRequirementSet: URIRef
    CompaniesAudience: URIRef
    Company: URIRef
    Complementary: URIRef
    ContinuingTraining: URIRef
    DataPoint: URIRef
    DirectReading: URIRef
    Elective: URIRef
    EngineeringSchool: URIRef
    EngineeringTrack: URIRef
    Essential: URIRef
    ExclusiveChoice: URIRef
    FunctionCard: URIRef
    HealthAuthoritiesAudience: URIRef
    Importance: URIRef
    Important: URIRef
    InitialTraining: URIRef
    InterpretedReading: URIRef
    Job: URIRef
    JobCardType: URIRef
    JobFamily: URIRef
    JobFamilyCard: URIRef
    JobFamilyScheme: URIRef
    JobSpecificScope: URIRef
    Mandatory: URIRef
    Master1And2: URIRef
    Master2: URIRef
    Module: URIRef
    ModuleStatus: URIRef
    Occupation: URIRef
    Organisation: URIRef
    Phase: URIRef
    PhaseInvolvement: URIRef
    PhaseScheme: URIRef
    PrivateSchool: URIRef
    Programme: URIRef
    ProgrammeFocus: URIRef
    ProgrammeType: URIRef
    ProjectionAssumption: URIRef
    ProjectionSeries: URIRef
    ProviderType: URIRef
    Quantity: URIRef
    ReadingStatus: URIRef
    Recommendation: URIRef
    Requirement: URIRef
    Savoir: URIRef
    SavoirEtre: URIRef
    SavoirFaire: URIRef
    Skill: URIRef
    SkillKind: URIRef
    SkillScheme: URIRef
    SkillScope: URIRef
    Solution: URIRef
    SolutionCategory: URIRef
    SourceDocument: URIRef
    TherapeuticArea: URIRef
    Topic: URIRef
    TopicScheme: URIRef
    TrainingBodiesAudience: URIRef
    TrainingBody: URIRef
    TrainingProvider: URIRef
    TransversalScope: URIRef
    University: URIRef
    UniversityDiploma: URIRef
    activity: URIRef
    appliesToJob: URIRef
    approval: URIRef
    audience: URIRef
    cardSection: URIRef
    cardType: URIRef
    careerOutcome: URIRef
    category: URIRef
    challenge: URIRef
    citation: URIRef
    city: URIRef
    country: URIRef
    coversSkill: URIRef
    coversTopic: URIRef
    dataPoint: URIRef
    developedBy: URIRef
    device: URIRef
    digitalTherapeutic: URIRef
    drug: URIRef
    durationDays: URIRef
    durationHours: URIRef
    durationText: URIRef
    durationYears: URIRef
    employees: URIRef
    firstLine: URIRef
    focusTopic: URIRef
    foundingYear: URIRef
    french: URIRef
    group: URIRef
    hardToRecruit: URIRef
    hasChoiceGroup: URIRef
    hasFocus: URIRef
    hasJob: URIRef
    hasModule: URIRef
    hasOption: URIRef
    hasPhaseInvolvement: URIRef
    hasRequirement: URIRef
    hasTopic: URIRef
    importance: URIRef
    inDocument: URIRef
    interpretationNote: URIRef
    jobFamily: URIRef
    lastLine: URIRef
    level: URIRef
    maxChoices: URIRef
    minChoices: URIRef
    mission: URIRef
    moduleStatus: URIRef
    needsSkill: URIRef
    newForSMT: URIRef
    newToPharma: URIRef
    objective: URIRef
    offersModule: URIRef
    optionModule: URIRef
    order: URIRef
    page: URIRef
    partOf: URIRef
    partner: URIRef
    phase: URIRef
    position: URIRef
    preparesFor: URIRef
    profileSought: URIRef
    programmeType: URIRef
    providedBy: URIRef
    providerType: URIRef
    readingStatus: URIRef
    recruitmentNote: URIRef
    requiredBy: URIRef
    requiresSkill: URIRef
    section: URIRef
    skillKind: URIRef
    skillScope: URIRef
    smtShare: URIRef
    software: URIRef
    summary: URIRef
    takesPartIn: URIRef
    targetsJobFamily: URIRef
    targetsProgrammeType: URIRef
    targetsTopic: URIRef
    text: URIRef
    textFile: URIRef
    therapeuticArea: URIRef
    turnover: URIRef
    unit: URIRef
    unitCount: URIRef
    value: URIRef
    weight: URIRef
    year: URIRef
