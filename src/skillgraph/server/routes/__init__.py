"""API routes beyond SPARQL and named queries (one router per module)."""
