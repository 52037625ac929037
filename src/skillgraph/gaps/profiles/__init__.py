"""Profiles of a person or a team, read from CSV or JSON and matched to the skills of the graph.

A profile says what people already know. Each line (CSV row, JSON item) names

* ``person`` — optional; a team file has several people. Lines without a person belong to
  :data:`DEFAULT_PERSON`;
* ``skill`` — what the person knows: a **skill** of the graph (its id such as
  ``digital-health-ecosystem``, its full IRI, or its French or English label), or a **topic**
  (``drug-regulation``, ``Réglementation du médicament``…) when a person knows a field rather than
  one of the study's skill lines. Knowing a topic gives the topic's share of every skill about it,
  with the rule of :mod:`skillgraph.gaps.coverage` (a narrower topic counts for its broader ones);
* ``level`` — optional, 0 to 4 or a word (:data:`LEVELS`):

  ===== ==================================================================================
  level words (French / English, accents and case ignored)
  ===== ==================================================================================
  0     aucun, aucune, non, none, no, nul
  1     débutant, notions, sensibilisé, initié, novice, beginner, basic, awareness
  2     intermédiaire, opérationnel, pratique, moyen, intermediate, working, practitioner
  3     avancé, confirmé, maîtrise, autonome, advanced, proficient, confirmed
  4     expert, expertise, référent, master
  ===== ==================================================================================

  A line without a level counts as :data:`DEFAULT_LEVEL` (2, intermediate: the person says they
  have the skill). The gap analysis counts a skill as held from :data:`DEFAULT_MIN_LEVEL` (2): a
  beginner still has the gap, and training is recommended for it.

**Matching** (:class:`Matcher`), in order:

1. ``id`` — the text is a skill or topic id (``digital-health-ecosystem``), its IRI, or its path
   (``skill/…``, ``topic/…``); confidence 1. An id that is both a skill and a topic is the skill.
2. ``label-exact`` — the text equals a French or English label, ignoring accents (Unicode NFKD),
   case, punctuation and spacing; confidence 1.
3. ``label-fuzzy`` — the best of two standard-library similarities against every fr and en label:
   the whole-string :class:`difflib.SequenceMatcher` ratio, and a token overlap (small French and
   English stop words dropped, plurals trimmed, two tokens equal when their SequenceMatcher ratio
   is ≥ 0.8) scored as an F2-measure of the share of the text's tokens found in the label
   (recall, weighted 4×) and the share of the label's tokens found in the text (precision).
   Fuzzy confidences are capped at 0.99 so that only ``id`` and ``label-exact`` reach 1.

A line whose best confidence is below the threshold (:data:`MATCH_THRESHOLD`, 0.6, a parameter),
or whose best fuzzy candidate is within :data:`AMBIGUITY_MARGIN` (0.02) of the next one (``santé``
alone is as close to *Santé digitale* as to *Économie de la santé*), is **unmatched**: it is kept in the :class:`MatchReport` with the reason and the nearest
candidates, never silently dropped. ESCO skill URIs and ROME codes go through
:func:`map_external_id`, the extension point that maps external identifiers to internal skills;
it refuses them for now ("not supported yet"), so such lines are reported unmatched with that
message.

**Formats.** CSV: a header row with the columns ``skill`` (required; alias ``compétence``),
``person`` (aliases ``personne``, ``nom``, ``name``) and ``level`` (alias ``niveau``); separator
``,``, ``;`` or tab (the most frequent in the header). JSON: a list of items
``{"person"?, "skill", "level"?}``, or one person ``{"person"?, "skills": [...]}``, or a team
``{"people": [{"person", "skills": [...]}, ...]}``, where ``skills`` holds items ``{"skill",
"level"?}`` or plain strings. Files are UTF-8 (a BOM is accepted); a file that is not valid UTF-8
is read as Windows-1252, the encoding of French Excel exports.

**Errors.** An empty file, a missing or unknown column, a row with the wrong number of fields, bad
JSON, an unknown key, a missing or empty skill or an unreadable level raise a
:class:`~skillgraph.errors.DataError` whose :class:`~skillgraph.errors.DataProblem` names the
file, the line, the person (record) and the field. A header-only CSV, ``[]`` or a person with no
skills is a valid, empty profile: it has every gap.
"""

from __future__ import annotations

from ...errors import ExternalIdNotSupported  # noqa: F401 - importable from here, as before the split
from .levels import DEFAULT_LEVEL, DEFAULT_MIN_LEVEL, LEVELS, parse_level
from .matching import AMBIGUITY_MARGIN, MATCH_THRESHOLD, Match, Matcher, fold, is_external_id, map_external_id
from .profile import Holding, Profile, load_profile, match_lines, profile_from_text
from .reading import DEFAULT_PERSON, ProfileLine, parse_profile, read_profile
from .report import LineOutcome, MatchReport

__all__ = ["AMBIGUITY_MARGIN", "DEFAULT_LEVEL", "DEFAULT_MIN_LEVEL", "DEFAULT_PERSON", "LEVELS", "MATCH_THRESHOLD", "Holding", "LineOutcome", "Match", "MatchReport", "Matcher", "Profile", "ProfileLine", "fold", "is_external_id", "load_profile", "map_external_id", "match_lines", "parse_level", "parse_profile", "profile_from_text", "read_profile"]
