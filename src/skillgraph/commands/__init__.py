"""Sub-commands of ``skillgraph`` beyond the core (one typer app per module)."""
