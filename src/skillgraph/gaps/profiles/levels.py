"""Levels of a profile line: 0 to 4, from a number or a French or English word."""

from __future__ import annotations

from typing import Any

from .matching import fold

__all__ = ["DEFAULT_LEVEL", "DEFAULT_MIN_LEVEL", "LEVELS", "parse_level"]

#: Level of a line that gives none: the person says they have the skill (intermediate).
DEFAULT_LEVEL = 2
#: Level from which a skill counts as held by the gap analysis.
DEFAULT_MIN_LEVEL = 2

_LEVEL_WORDS: dict[int, tuple[str, ...]] = {
    0: ("aucun", "aucune", "non", "none", "no", "nul", "nulle"),
    1: ("debutant", "debutante", "notions", "notion", "sensibilise", "sensibilisation", "initie", "novice",
        "beginner", "basic", "basics", "awareness", "elementaire"),
    2: ("intermediaire", "operationnel", "operationnelle", "pratique", "moyen", "intermediate", "working",
        "practitioner"),
    3: ("avance", "avancee", "confirme", "confirmee", "maitrise", "autonome", "advanced", "proficient",
        "confirmed"),
    4: ("expert", "experte", "expertise", "referent", "referente", "master"),
}
#: Level words (folded: no accents, lower case) -> level 0..4.
LEVELS: dict[str, int] = {word: level for level, words in _LEVEL_WORDS.items() for word in words}


def parse_level(value: Any) -> int | None:
    """A level 0..4 from a number, a digit string or a word of :data:`LEVELS`; None when blank.

    Raises ``ValueError`` with a message for anything else."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"level must be 0-4 or a word, got {value!r}")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        if 0 <= value <= 4:
            return value
        raise ValueError(f"level must be between 0 and 4, got {value}")
    if isinstance(value, str):
        text = fold(value)
        if not text:
            return None
        if text.isdigit():
            return parse_level(int(text))
        if text in LEVELS:
            return LEVELS[text]
        if text.replace(" ", "") in LEVELS:
            return LEVELS[text.replace(" ", "")]
        raise ValueError(f"unknown level '{value}': use 0-4 or a word such as débutant, intermédiaire, avancé, expert")
    raise ValueError(f"level must be 0-4 or a word, got {value!r}")
