"""Text normalisation for the candidate matcher: accent- and case-insensitive forms, content words.

French and English stop words are dropped and a light plural / feminine suffix stripping makes
*données* meet *donnée* and *ingénieure* meet *ingénieur*.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise", "tokens"]


# -- text normalisation ------------------------------------------------------------------------

_STOP_WORDS = frozenset(
    """
    a au aux avec ce ces cet cette d dans de des du e elle elles en est et etc eu g i ie il ils
    l la le les leur leurs lui m ma mais me meme mes n ne ni nos notre nous on ou par pas pour
    qu que qui s sa sans se ses son sont sur ta te tel telle tels telles tes toi ton tous tout
    toute toutes tu un une vos votre vous y afin ainsi notamment entre lors dont via
    avoir etre faire savoir maitriser connaitre connaissance notion capable capacite bon bonne
    parfaite
    an and are as at be been being by can for from has have how in into is it its of on or
    such than that the their them these they this those to was were which who with within
    also other etc eg know knowledge master able good
    """.split()
)
_SEPARATORS = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Accent- and case-insensitive form: NFKD without combining marks, case folded, one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_SEPARATORS.split(stripped.casefold().replace("œ", "oe").replace("æ", "ae"))).strip()


def _stem(token: str) -> str:
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        token = token[:-1]
    if len(token) > 4 and token.endswith("e"):
        token = token[:-1]
    return token


def tokens(text: str) -> list[str]:
    """The content words of a text: normalised, stop words removed, lightly stemmed."""
    return [_stem(t) for t in normalise(text).split() if (t not in _STOP_WORDS and len(t) > 1) or t.isdigit()]
