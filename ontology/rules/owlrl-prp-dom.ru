# OWL 2 RL prp-dom: the subject of a property is in its domain.
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
INSERT { ?x a ?class } WHERE { ?p rdfs:domain ?class . ?x ?p ?y . FILTER (isIRI(?class)) }
