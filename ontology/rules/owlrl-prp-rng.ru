# OWL 2 RL prp-rng: the object of an object property is in its range.
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
INSERT { ?y a ?class } WHERE { ?p rdfs:range ?class . ?x ?p ?y . FILTER (!isLiteral(?y) && isIRI(?class)) }
