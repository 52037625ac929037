"""Logging for ``skillgraph serve``: uvicorn's own set-up plus the application's loggers.

Without it the JSON access lines (``skillgraph.access``, INFO) and the server's warnings
(timeouts, refused tokens) had no handler under uvicorn and were dropped. The access log goes
to standard output, one JSON object per line, so a collector can read it as is; uvicorn's own
access log is switched off by the CLI, since it would repeat each line without the query hash.
"""

from __future__ import annotations

import copy
from typing import Any

from uvicorn.config import LOGGING_CONFIG

__all__ = ["log_config"]


def log_config() -> dict[str, Any]:
    """A `logging.config.dictConfig` mapping for uvicorn's ``log_config``."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["json_line"] = {"format": "%(message)s"}
    config["handlers"]["skillgraph_access"] = {
        "class": "logging.StreamHandler",
        "formatter": "json_line",
        "stream": "ext://sys.stdout",
    }
    config["loggers"]["skillgraph.access"] = {"handlers": ["skillgraph_access"], "level": "INFO", "propagate": False}
    config["loggers"]["skillgraph"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config
