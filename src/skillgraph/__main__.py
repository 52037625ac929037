"""``python -m skillgraph`` runs the command line."""

from .cli import app

app()
