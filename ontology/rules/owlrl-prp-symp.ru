# OWL 2 RL prp-symp: symmetric properties.
PREFIX owl: <http://www.w3.org/2002/07/owl#>
INSERT { ?y ?p ?x } WHERE { ?p a owl:SymmetricProperty . ?x ?p ?y . FILTER (!isLiteral(?y)) }
