# Each alignment also states its SKOS mapping directly (e.g. family skos:closeMatch ESCO
# occupation), so that SKOS-aware tools and simple queries see it without the alignment node.
PREFIX sg: <https://w3id.org/skillgraph/ontology#>
INSERT { ?concept ?mapping ?target }
WHERE {
  ?alignment a sg:Alignment ; sg:alignedConcept ?concept ; sg:alignmentTarget ?target ;
             sg:matchRelation/sg:skosProperty ?mapping .
}
