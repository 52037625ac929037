# OWL 2 RL cls-hv2 (through cax-sco): a member of a class that is a subclass of
# "onProperty p hasValue v" has p v (e.g. every sg:Skill is skos:inScheme sg:SkillScheme).
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
INSERT { ?x ?p ?v } WHERE { ?x a ?class . ?class rdfs:subClassOf* ?r . ?r owl:hasValue ?v ; owl:onProperty ?p }
