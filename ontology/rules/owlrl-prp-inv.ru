# OWL 2 RL prp-inv1 / prp-inv2: inverse properties.
PREFIX owl: <http://www.w3.org/2002/07/owl#>
INSERT { ?y ?q ?x } WHERE { { ?p owl:inverseOf ?q } UNION { ?q owl:inverseOf ?p } ?x ?p ?y . FILTER (!isLiteral(?y)) }
