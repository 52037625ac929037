"""Gap analysis that people can act on: coverage, profiles, recommendations."""
