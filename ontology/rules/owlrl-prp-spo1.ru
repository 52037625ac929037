# OWL 2 RL prp-spo1: a statement with a property holds for its superproperties.
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
INSERT { ?x ?super ?y } WHERE { ?p rdfs:subPropertyOf+ ?super . ?x ?p ?y }
