# Attach the study's common transverse skills to every job family.
# Why: the study says every job family, traditional or new, needs these skills
# ("Tous ces métiers / familles de métiers ... ont besoin de compétences transverses
# communes"); the data states them once (data/common-skills.yaml), the build applies them.
PREFIX sg: <https://w3id.org/skillgraph/ontology#>
INSERT { ?family sg:hasRequirement ?requirement }
WHERE {
  ?set a sg:CommonRequirementSet ; sg:hasRequirement ?requirement .
  ?family a sg:JobFamily .
}
