# OWL 2 RL prp-spo2: property chains of two and three links (the lengths the ontology uses).
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
INSERT { ?x ?p ?z } WHERE {
  {
    ?p owl:propertyChainAxiom ?l .
    ?l rdf:first ?p1 ; rdf:rest ?l2 . ?l2 rdf:first ?p2 ; rdf:rest rdf:nil .
    ?x ?p1 ?y . ?y ?p2 ?z .
  } UNION {
    ?p owl:propertyChainAxiom ?l .
    ?l rdf:first ?p1 ; rdf:rest ?l2 . ?l2 rdf:first ?p2 ; rdf:rest ?l3 . ?l3 rdf:first ?p3 ; rdf:rest rdf:nil .
    ?x ?p1 ?y . ?y ?p2 ?w . ?w ?p3 ?z .
  }
}
