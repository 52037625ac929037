"""The static assets of the SPARQL query page (``/explorer/sparql``, rendered by ``web/explore.py``):
its script, its style sheet and the site's icon, mounted at ``/static`` by the application.

Everything is served by the app: no CDN, no external font, nothing fetched from another host.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["STATIC_DIR"]

#: The query page's script, its style sheet and the icon.
STATIC_DIR = Path(__file__).parent / "static"
