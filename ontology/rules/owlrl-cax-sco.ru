# OWL 2 RL cax-sco: an instance of a class is an instance of its superclasses.
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
INSERT { ?x a ?super } WHERE { ?x a ?class . ?class rdfs:subClassOf+ ?super . FILTER (isIRI(?super)) }
