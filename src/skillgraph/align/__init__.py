"""Candidate matcher: rank ESCO and ROME 4.0 concepts for a label of the study, in French or English.

The matcher proposes; a curator decides. Each mapping in ``data/alignment/*.yaml`` that was taken
from this matcher is recorded with ``method: matcher-reviewed`` after its labels and description
were read (see docs/alignment.md).

How a label is compared with a reference concept:

* text is normalised: Unicode NFKD with the combining marks dropped (accent-insensitive), case
  folded, anything that is not a letter or a digit is a separator;
* it is tokenised, French and English stop words are removed, and a light plural / feminine
  suffix stripping makes *données* meet *donnée* and *ingénieure* meet *ingénieur*;
* every field of a concept (preferred labels in French and English, each alternative label,
  the description) gets a TF-IDF vector (sublinear term frequency, smoothed inverse document
  frequency over the concepts of the scheme); the query's cosine with each field is computed
  through an inverted index;
* for the best-scoring concepts, each label is also compared with ``difflib``'s ratio (whole
  label and each masculine / feminine form of "ingénieur/ingénieure"-style labels);
* a label field scores ``weight × (0.7 × cosine + 0.3 × ratio)``, a description
  ``weight × cosine``; the concept's score is its best field, and that field is reported.

``ReferenceIndex.from_files(folder)`` reads the official CSV layouts (plain ``.csv`` or
compressed ``.csv.gz`` / ``.csv.xz`` / ``.csv.bz2``) found anywhere under the folder, by file
name: ESCO ``occupations_{fr,en}.csv``, ``skills_{fr,en}.csv``,
``esco_v*_skills_fr_merged.csv``; ROME 4.0 ``unix_referentiel_code_rome_v*_utf8.csv``,
``unix_referentiel_appellation_v*``, ``unix_referentiel_competence_v*``,
``unix_referentiel_savoir_v*`` and ``unix_texte_v*`` (fiche definitions). Only the files a
scheme needs are read.
"""

from __future__ import annotations

from ..errors import AlignmentError
from .check import (
    CheckProblem,
    alignment_of,
    alignment_schemes,
    check_alignment,
    concept_labels,
    labels_of,
    load_alignment,
    write_concept_list,
)
from .concept import ReferenceConcept
from .index import ReferenceIndex, default_reference_dir
from .matcher import Candidate, rank_candidates
from .text import normalise, tokens

__all__ = [
    "AlignmentError",
    "Candidate",
    "CheckProblem",
    "ReferenceConcept",
    "ReferenceIndex",
    "alignment_of",
    "alignment_schemes",
    "check_alignment",
    "concept_labels",
    "default_reference_dir",
    "labels_of",
    "load_alignment",
    "normalise",
    "rank_candidates",
    "tokens",
    "write_concept_list",
]
