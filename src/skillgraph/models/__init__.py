"""Pydantic models of the curated YAML files, one module per kind of file."""

from .alignment import *  # noqa: F403
from .alignment import __all__ as _alignment
from .catalogue import *  # noqa: F403
from .catalogue import __all__ as _catalogue
from .common import *  # noqa: F403
from .common import __all__ as _common
from .curricula import *  # noqa: F403
from .curricula import __all__ as _curricula
from .jobcards import *  # noqa: F403
from .jobcards import __all__ as _jobcards
from .reference import *  # noqa: F403
from .reference import __all__ as _reference

__all__ = [*_alignment, *_catalogue, *_common, *_curricula, *_jobcards, *_reference]
