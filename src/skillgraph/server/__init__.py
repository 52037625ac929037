"""The HTTP service: a SPARQL 1.1 Protocol endpoint over the store."""

from .app import create_app

__all__ = ["create_app"]
