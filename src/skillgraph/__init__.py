"""skillgraph: a competency and training-gap knowledge graph for the French health industries."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
