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

import bz2
import csv
import gzip
import io
import lzma
import math
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import SkillgraphError
from .models.alignment import AlignmentFile, ReferenceScheme
from .models.common import Label

if TYPE_CHECKING:
    from .loader import LoadedFile

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


class AlignmentError(SkillgraphError):
    """The reference files cannot be read, or the alignment does not match them."""


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


# -- reference concepts --------------------------------------------------------------------------


@dataclass
class ReferenceConcept:
    """One concept of a reference classification, with what the matcher compares."""

    scheme: ReferenceScheme
    target: str
    label_fr: str | None = None
    label_en: str | None = None
    alt_labels: list[str] = field(default_factory=list)
    description: str | None = None
    description_lang: str | None = None
    parent: str | None = None
    kind: str | None = None
    version: str | None = None
    origin: str | None = None

    @property
    def label(self) -> str:
        return self.label_fr or self.label_en or self.target

    def fields(self) -> Iterator[tuple[str, str]]:
        """(field name, text) pairs: preferred labels, alternative labels, description."""
        seen: set[str] = set()
        for name, values in (
            ("prefLabel", [self.label_fr, self.label_en]),
            ("altLabel", self.alt_labels),
            ("description", [self.description]),
        ):
            for value in values:
                if value and value not in seen:
                    seen.add(value)
                    yield name, value


@dataclass(frozen=True)
class Candidate:
    """A ranked reference concept: its score in [0, 1] and the field that matched best."""

    scheme: ReferenceScheme
    target: str
    label: str
    label_en: str | None
    score: float
    field: str
    matched_text: str
    cosine: float
    ratio: float
    parent: str | None = None
    version: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "scheme": self.scheme.value,
            "target": self.target,
            "label": self.label,
            "label_en": self.label_en,
            "score": round(self.score, 4),
            "field": self.field,
            "matched_text": self.matched_text,
            "cosine": round(self.cosine, 4),
            "ratio": round(self.ratio, 4),
            "parent": self.parent,
            "version": self.version,
        }


# -- reading the official layouts ------------------------------------------------------------------

_COMPRESSED = {".gz": gzip.decompress, ".xz": lzma.decompress, ".bz2": bz2.decompress}
_FILES: dict[str, re.Pattern[str]] = {
    "esco-occupations": re.compile(r"^occupations_(fr|en)\.csv$"),
    "esco-skills": re.compile(r"^skills_(fr|en)\.csv$"),
    "esco-skills-fr-merged": re.compile(r"^esco_v[\d.]+_skills_fr_merged\.csv$"),
    "rome-fiches": re.compile(r"^unix_referentiel_code_rome_v\d+_utf8\.csv$"),
    "rome-appellations": re.compile(r"^unix_referentiel_appellation_v\d+_utf8\.csv$"),
    "rome-competences": re.compile(r"^unix_referentiel_competence_v\d+_utf8\.csv$"),
    "rome-savoirs": re.compile(r"^unix_referentiel_savoir_v\d+_utf8\.csv$"),
    "rome-texts": re.compile(r"^unix_texte_v\d+_utf8\.csv$"),
}
_NEEDS: dict[ReferenceScheme, tuple[str, ...]] = {
    ReferenceScheme.esco_occupation: ("esco-occupations",),
    ReferenceScheme.esco_skill: ("esco-skills", "esco-skills-fr-merged"),
    ReferenceScheme.rome_fiche: ("rome-fiches", "rome-appellations", "rome-texts"),
    ReferenceScheme.rome_appellation: ("rome-appellations",),
    ReferenceScheme.rome_competence: ("rome-competences",),
    ReferenceScheme.rome_savoir: ("rome-savoirs",),
}
_VERSION = re.compile(r"v(\d+(?:\.\d+)+)")
_Found = dict[str, list[tuple[Path, Path]]]  # kind of file -> (root folder, file)


def _base_name(path: Path) -> str:
    name = path.name
    for suffix in _COMPRESSED:
        if name.endswith(".csv" + suffix):
            return name[: -len(suffix)]
    return name


def _read_rows(path: Path) -> list[dict[str, str]]:
    """The records of a CSV file, plain or compressed, UTF-8 (with or without BOM) or cp1252."""
    raw = path.read_bytes()
    for suffix, decompress in _COMPRESSED.items():
        if path.name.endswith(suffix):
            try:
                raw = decompress(raw)
            except (OSError, EOFError, lzma.LZMAError) as exc:
                raise AlignmentError(f"{path}: cannot decompress: {exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader]
    except csv.Error as exc:
        raise AlignmentError(f"{path}: not a CSV file: {exc}") from exc


def _lines(value: str) -> list[str]:
    return [part.strip() for part in value.splitlines() if part.strip()]


def _language(path: Path) -> str:
    match = re.search(r"_(fr|en)\.csv", _base_name(path))
    return match.group(1) if match else "en"


def _esco_version(path: Path, columns: Iterable[str]) -> str | None:
    """The ESCO version of a file: from its path (esco_v1.1.1/…), else v1.2 when it has naceCode."""
    match = _VERSION.search(path.as_posix())
    if match:
        return match.group(1)
    return "1.2" if "naceCode" in columns else None


def _version_key(version: str | None) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split(".")) if version else (0,)


class ReferenceIndex:
    """The concepts of the reference classifications found in a folder, ranked on demand."""

    def __init__(self, concepts: dict[ReferenceScheme, dict[str, ReferenceConcept]], folder: Path | None = None):
        self.folder = folder
        self._concepts = concepts
        self._text: dict[ReferenceScheme, _TextIndex] = {}

    # -- construction --

    @classmethod
    def from_files(
        cls,
        folder: Path | str | Sequence[Path | str] | None = None,
        schemes: Iterable[ReferenceScheme | str] | None = None,
    ) -> ReferenceIndex:
        """Read the reference files under ``folder`` (one folder or several; default: `default_reference_dir`).

        ``schemes`` limits what is read (by default every scheme whose files are present).
        Raises `AlignmentError` when a folder is missing or a requested scheme has no file.
        """
        if folder is None:
            roots = [default_reference_dir()]
        elif isinstance(folder, (str, Path)):
            roots = [Path(folder)]
        else:
            roots = [Path(f) for f in folder]
        found: dict[str, list[tuple[Path, Path]]] = defaultdict(list)
        for root in roots:
            if not root.is_dir():
                raise AlignmentError(f"reference folder not found: {root}")
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                base = _base_name(path)
                for kind, pattern in _FILES.items():
                    if pattern.match(base):
                        found[kind].append((root, path))
        wanted = [ReferenceScheme(s) for s in schemes] if schemes is not None else None
        if wanted is None:
            wanted = [s for s, needs in _NEEDS.items() if found.get(needs[0])]
        concepts: dict[ReferenceScheme, dict[str, ReferenceConcept]] = {}
        where = ", ".join(str(r) for r in roots)
        for scheme in wanted:
            if not found.get(_NEEDS[scheme][0]):
                raise AlignmentError(f"no {scheme.value} file under {where} (expected {_FILES[_NEEDS[scheme][0]].pattern})")
            concepts[scheme] = _READERS[scheme](found)
        return cls(concepts, roots[0] if len(roots) == 1 else None)

    @classmethod
    def from_concept_list(cls, path: Path | str) -> ReferenceIndex:
        """Read a concept list written by `write_concept_list` (scheme, target, labels, version)."""
        concepts: dict[ReferenceScheme, dict[str, ReferenceConcept]] = defaultdict(dict)
        source = Path(path)
        for row in _read_rows(source):
            scheme = ReferenceScheme(row["scheme"])
            concepts[scheme][row["target"]] = ReferenceConcept(
                scheme,
                row["target"],
                label_fr=row.get("label_fr") or None,
                label_en=row.get("label_en") or None,
                parent=row.get("parent") or None,
                version=row.get("version") or None,
                origin=row.get("origin") or source.name,
            )
        return cls(dict(concepts), source.parent)

    # -- access --

    @property
    def schemes(self) -> list[ReferenceScheme]:
        return list(self._concepts)

    def concepts(self, scheme: ReferenceScheme | str) -> list[ReferenceConcept]:
        return list(self._scheme(scheme).values())

    def get(self, scheme: ReferenceScheme | str, target: str) -> ReferenceConcept | None:
        return self._scheme(scheme).get(target)

    def __contains__(self, item: tuple[ReferenceScheme | str, str]) -> bool:
        scheme, target = item
        return ReferenceScheme(scheme) in self._concepts and target in self._concepts[ReferenceScheme(scheme)]

    def _scheme(self, scheme: ReferenceScheme | str) -> dict[str, ReferenceConcept]:
        key = ReferenceScheme(scheme)
        if key not in self._concepts:
            where = f" under {self.folder}" if self.folder else ""
            raise AlignmentError(f"no {key.value} concepts loaded{where}")
        return self._concepts[key]

    def text_index(self, scheme: ReferenceScheme | str) -> _TextIndex:
        key = ReferenceScheme(scheme)
        if key not in self._text:
            self._text[key] = _TextIndex(self.concepts(key))
        return self._text[key]


def _read_esco_occupations(found: _Found) -> dict[str, ReferenceConcept]:
    out: dict[str, ReferenceConcept] = {}
    files = []
    for root, path in found["esco-occupations"]:
        rows = _read_rows(path)
        files.append((_version_key(_esco_version(Path(root.name) / path.relative_to(root), rows[0] if rows else {})), root, path, rows))
    # Oldest version first: the project aligns with ESCO v1.1.1; concepts only in a later file
    # are added with that version recorded.
    for _, root, path, rows in sorted(files, key=lambda item: (item[0], item[2].as_posix())):
        version = _esco_version(Path(root.name) / path.relative_to(root), rows[0] if rows else {})
        lang = _language(path)
        for row in rows:
            uri = row.get("conceptUri", "")
            if not uri:
                continue
            concept = out.setdefault(
                uri,
                ReferenceConcept(ReferenceScheme.esco_occupation, uri, version=version, origin=path.relative_to(root).as_posix()),
            )
            _merge_esco(concept, lang, row.get("preferredLabel", ""), row.get("altLabels", ""), row.get("description", ""))
            concept.kind = concept.kind or row.get("code") or None
    return out


def _merge_esco(concept: ReferenceConcept, lang: str, label: str, alt: str, description: str) -> None:
    attr = "label_fr" if lang == "fr" else "label_en"
    if label and not getattr(concept, attr):
        setattr(concept, attr, label)
    for value in _lines(alt):
        if value not in concept.alt_labels:
            concept.alt_labels.append(value)
    # French first (the study is French); an English description fills in where French is missing.
    if description and (concept.description is None or (lang == "fr" and concept.description_lang != "fr")):
        concept.description = description
        concept.description_lang = lang


def _read_esco_skills(found: _Found) -> dict[str, ReferenceConcept]:
    out: dict[str, ReferenceConcept] = {}

    def concept_for(uri: str, root: Path, path: Path) -> ReferenceConcept:
        return out.setdefault(uri, ReferenceConcept(ReferenceScheme.esco_skill, uri, origin=path.relative_to(root).as_posix()))

    for root, path in found["esco-skills"]:
        lang = _language(path)
        for row in _read_rows(path):
            uri = row.get("conceptUri", "")
            if uri:
                concept = concept_for(uri, root, path)
                _merge_esco(concept, lang, row.get("preferredLabel", ""), row.get("altLabels", ""), row.get("description", ""))
                concept.kind = concept.kind or row.get("skillType") or None
    for root, path in found.get("esco-skills-fr-merged", []):
        for row in _read_rows(path):
            uri = row.get("conceptUri", "")
            if uri:
                concept = concept_for(uri, root, path)
                _merge_esco(concept, "fr", row.get("preferredLabel_fr", ""), row.get("altLabels_fr", ""), row.get("description_fr", ""))
                if row.get("preferredLabel_en") and not concept.label_en:
                    concept.label_en = row["preferredLabel_en"]
                concept.kind = concept.kind or row.get("skillType") or None
    return out


def _rome_texts(found: _Found) -> dict[str, str]:
    texts: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for _root, path in found.get("rome-texts", []):
        for row in _read_rows(path):
            if row.get("libelle_type_texte") == "definition":
                position = int(row.get("position_phrase") or 0)
                texts[row.get("code_rome", "")].append((position, row.get("libelle_texte", "").replace("''", "'")))
    return {code: " ".join(text for _, text in sorted(parts)) for code, parts in texts.items()}


def _read_rome_fiches(found: _Found) -> dict[str, ReferenceConcept]:
    out: dict[str, ReferenceConcept] = {}
    for root, path in found["rome-fiches"]:
        for row in _read_rows(path):
            code = row.get("code_rome", "")
            if code and code not in out:
                parent = row.get("code_rome_parent") or None
                out[code] = ReferenceConcept(
                    ReferenceScheme.rome_fiche,
                    code,
                    label_fr=row.get("libelle_rome") or None,
                    parent=parent if parent != code else None,
                    kind="fiche métier" if parent in (None, code) else "fiche emploi-métier",
                    origin=path.relative_to(root).as_posix(),
                )
    for _root, path in found.get("rome-appellations", []):
        for row in _read_rows(path):
            concept = out.get(row.get("code_rome", ""))
            label = row.get("libelle_appellation_long", "")
            if concept is not None and label and label not in concept.alt_labels:
                concept.alt_labels.append(label)
    for code, text in _rome_texts(found).items():
        if code in out:
            out[code].description = text
    return out


def _read_rome_appellations(found: _Found) -> dict[str, ReferenceConcept]:
    out: dict[str, ReferenceConcept] = {}
    for root, path in found["rome-appellations"]:
        for row in _read_rows(path):
            code = row.get("code_ogr", "")
            if code and code not in out:
                short = row.get("libelle_appellation_court", "")
                long = row.get("libelle_appellation_long", "")
                out[code] = ReferenceConcept(
                    ReferenceScheme.rome_appellation,
                    code,
                    label_fr=long or short or None,
                    alt_labels=[short] if short and short != long else [],
                    parent=row.get("code_rome") or None,
                    origin=path.relative_to(root).as_posix(),
                )
    return out


def _read_rome_competences(found: _Found) -> dict[str, ReferenceConcept]:
    out: dict[str, ReferenceConcept] = {}
    for root, path in found["rome-competences"]:
        for row in _read_rows(path):
            code = row.get("code_ogr", "")
            if code and code not in out:
                kind = " / ".join(v for v in (row.get("nature"), row.get("cat_comp"), row.get("sous_cat_comp")) if v)
                out[code] = ReferenceConcept(
                    ReferenceScheme.rome_competence,
                    code,
                    label_fr=row.get("libelle_competence") or None,
                    description=row.get("definition") or None,
                    parent=row.get("code_ogr_macro_comp") or None,
                    kind=kind or None,
                    origin=path.relative_to(root).as_posix(),
                )
    return out


def _read_rome_savoirs(found: _Found) -> dict[str, ReferenceConcept]:
    out: dict[str, ReferenceConcept] = {}
    for root, path in found["rome-savoirs"]:
        for row in _read_rows(path):
            code = row.get("code_ogr_savoir", "")
            if code and code not in out:
                kind = " / ".join(v for v in (row.get("categorie_savoir"), row.get("sous_categorie_savoir")) if v)
                out[code] = ReferenceConcept(
                    ReferenceScheme.rome_savoir,
                    code,
                    label_fr=row.get("libelle_savoir") or None,
                    kind=kind or None,
                    origin=path.relative_to(root).as_posix(),
                )
    return out


_READERS = {
    ReferenceScheme.esco_occupation: _read_esco_occupations,
    ReferenceScheme.esco_skill: _read_esco_skills,
    ReferenceScheme.rome_fiche: _read_rome_fiches,
    ReferenceScheme.rome_appellation: _read_rome_appellations,
    ReferenceScheme.rome_competence: _read_rome_competences,
    ReferenceScheme.rome_savoir: _read_rome_savoirs,
}


def default_reference_dir() -> Path:
    """``SKILLGRAPH_REFERENCE_DIR``, else ``reference/`` at the top of the checkout."""
    env = os.environ.get("SKILLGRAPH_REFERENCE_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "reference"


# -- ranking ---------------------------------------------------------------------------------------

_FIELD_WEIGHT = {"prefLabel": 1.0, "altLabel": 0.9, "description": 0.6}
_COSINE_SHARE = 0.7
_FUZZY_POOL = 300


class _TextIndex:
    """TF-IDF vectors of every field of every concept of one scheme, with an inverted index."""

    def __init__(self, concepts: list[ReferenceConcept]) -> None:
        self.concepts = concepts
        self.entries: list[tuple[int, str, str, str]] = []  # concept, field, text, normalised text
        self.by_concept: list[list[int]] = [[] for _ in concepts]
        entry_tokens: list[list[str]] = []
        df: dict[str, int] = defaultdict(int)
        for i, concept in enumerate(concepts):
            seen: set[str] = set()
            for name, text in concept.fields():
                toks = tokens(text)
                if not toks:
                    continue
                self.by_concept[i].append(len(self.entries))
                self.entries.append((i, name, text, " ".join(toks)))
                entry_tokens.append(toks)
                seen.update(toks)
            for tok in seen:
                df[tok] += 1
        n = len(concepts)
        self.idf = {tok: math.log((1 + n) / (1 + count)) + 1.0 for tok, count in df.items()}
        self.default_idf = math.log(1 + n) + 1.0
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for e, toks in enumerate(entry_tokens):
            for tok, weight in self._vector(toks).items():
                self.postings[tok].append((e, weight))

    def _vector(self, toks: list[str]) -> dict[str, float]:
        counts: dict[str, int] = defaultdict(int)
        for tok in toks:
            counts[tok] += 1
        vec = {tok: (1 + math.log(c)) * self.idf.get(tok, self.default_idf) for tok, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {tok: v / norm for tok, v in vec.items()}

    def rank(self, label: str, limit: int) -> list[Candidate]:
        query_tokens = tokens(label)
        if not query_tokens:
            return []
        query = self._vector(query_tokens)
        query_norm = " ".join(query_tokens)
        cosines: dict[int, float] = defaultdict(float)
        for tok, weight in query.items():
            for entry, w in self.postings.get(tok, ()):
                cosines[entry] += weight * w
        # Best cosine-only score per concept decides the pool that gets the (slower) fuzzy ratio.
        best: dict[int, float] = defaultdict(float)
        for entry, cos in cosines.items():
            concept, name = self.entries[entry][0], self.entries[entry][1]
            best[concept] = max(best[concept], _FIELD_WEIGHT[name] * cos)
        pool = sorted(best, key=lambda c: -best[c])[: max(_FUZZY_POOL, limit)]
        results: list[Candidate] = []
        for concept_id in pool:
            top: tuple[float, str, str, float, float] | None = None
            for entry in self.by_concept[concept_id]:
                _, name, text, normalised = self.entries[entry]
                cos = cosines.get(entry, 0.0)
                if name == "description":
                    ratio = 0.0
                    score = _FIELD_WEIGHT[name] * cos
                else:
                    ratio = _ratio(query_norm, normalised, text)
                    score = _FIELD_WEIGHT[name] * (_COSINE_SHARE * cos + (1 - _COSINE_SHARE) * ratio)
                if top is None or score > top[0]:
                    top = (score, name, text, cos, ratio)
            if top is None:
                continue
            concept = self.concepts[concept_id]
            results.append(
                Candidate(
                    scheme=concept.scheme,
                    target=concept.target,
                    label=concept.label,
                    label_en=concept.label_en,
                    score=min(top[0], 1.0),
                    field=top[1],
                    matched_text=top[2],
                    cosine=top[3],
                    ratio=top[4],
                    parent=concept.parent,
                    version=concept.version,
                )
            )
        results.sort(key=lambda c: (-c.score, c.label, c.target))
        return results[:limit]


def _ratio(query_norm: str, normalised: str, text: str) -> float:
    """difflib ratio of the query with the label and with each of its "/"-separated forms."""
    forms = {normalised}
    if "/" in text:
        forms.update(" ".join(tokens(part)) for part in text.split("/") if tokens(part))
    best = 0.0
    for form in forms:
        matcher = SequenceMatcher(None, query_norm, form, autojunk=False)
        if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
            best = max(best, matcher.ratio())
    return best


def rank_candidates(label: str, scheme: ReferenceScheme | str, index: ReferenceIndex, limit: int = 10) -> list[Candidate]:
    """The ``limit`` concepts of ``scheme`` closest to ``label`` (French or English), best first."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    return index.text_index(scheme).rank(label, limit)


# -- the curated alignment against the reference files ------------------------------------------


@dataclass(frozen=True)
class CheckProblem:
    """A mapping whose target is not in the reference files, or whose label differs from theirs."""

    file: str
    mapping: str
    scheme: ReferenceScheme
    target: str
    kind: str  # "missing" or "label"
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.mapping}: {self.message}"


def load_alignment(data_dir: Path) -> list[tuple[str, AlignmentFile]]:
    """The validated alignment files of a data folder, with their paths relative to it."""
    from .loader import load_data

    return alignment_of(load_data(data_dir))


def alignment_of(files: Iterable[LoadedFile]) -> list[tuple[str, AlignmentFile]]:
    """The alignment files among loaded data files."""
    return [(f.relpath, f.model) for f in files if isinstance(f.model, AlignmentFile)]


def alignment_schemes(alignment: Iterable[tuple[str, AlignmentFile]]) -> set[ReferenceScheme]:
    return {m.scheme for _, file in alignment for m in file.mappings}


def _canon(label: str) -> str:
    return " ".join(label.replace("’", "'").split())


def check_alignment(alignment: Iterable[tuple[str, AlignmentFile]], index: ReferenceIndex) -> list[CheckProblem]:
    """Every mapping's target must exist in ``index`` and its ``target_label`` must be the reference label.

    French: the concept's French preferred label (or its English one when the reference has no
    French label). English, when given: the concept's English preferred label, when the reference
    has one. Labels are compared exactly, but for white space and typographic apostrophes.
    """
    problems: list[CheckProblem] = []
    for relpath, file in alignment:
        for m in file.mappings:
            concept = index.get(m.scheme, m.target)
            if concept is None:
                hint = ""
                if m.scheme is ReferenceScheme.esco_occupation:
                    hint = " (a concept added after ESCO v1.1.1? add a folder with the ESCO v1.2 occupations_fr.csv)"
                problems.append(
                    CheckProblem(relpath, m.id, m.scheme, m.target, "missing", f"{m.scheme.value} {m.target} is not in the reference files{hint}")
                )
                continue
            expected_fr = concept.label_fr or concept.label_en
            if expected_fr and _canon(m.target_label.fr) != _canon(expected_fr):
                problems.append(
                    CheckProblem(relpath, m.id, m.scheme, m.target, "label", f"label '{m.target_label.fr}' differs from the reference label '{expected_fr}' ({m.target})")
                )
            if m.target_label.en and concept.label_en and _canon(m.target_label.en) != _canon(concept.label_en):
                problems.append(
                    CheckProblem(relpath, m.id, m.scheme, m.target, "label", f"English label '{m.target_label.en}' differs from the reference label '{concept.label_en}' ({m.target})")
                )
    return problems


_LIST_COLUMNS = ("scheme", "target", "label_fr", "label_en", "version", "parent", "origin")


def write_concept_list(index: ReferenceIndex, targets: Iterable[tuple[ReferenceScheme, str]], path: Path) -> int:
    """Write the reference concepts ``targets`` (scheme, target) with their labels to a CSV file.

    The file is what `ReferenceIndex.from_concept_list` reads: a small, complete extract of the
    concepts an alignment uses, taken from the official files. Returns the number of rows.
    """
    rows = []
    for scheme, target in sorted(set(targets), key=lambda t: (t[0].value, t[1])):
        concept = index.get(scheme, target)
        if concept is None:
            raise AlignmentError(f"{scheme.value} {target} is not in the reference files")
        rows.append([scheme.value, target, concept.label_fr or "", concept.label_en or "", concept.version or "", concept.parent or "", concept.origin or ""])
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(_LIST_COLUMNS)
        writer.writerows(rows)
    return len(rows)


def concept_labels(data_dir: Path) -> dict[str, dict[str, Label]]:
    """The labels of the study's job families, jobs and skills: {"family"|"job"|"skill": {id: label}}."""
    from .loader import load_data

    return labels_of(load_data(data_dir))


def labels_of(files: Iterable[LoadedFile]) -> dict[str, dict[str, Label]]:
    """The labels of the job families, jobs and skills among loaded data files."""
    from .models.jobcards import JobCard
    from .models.reference import SkillFile

    labels: dict[str, dict[str, Label]] = {"family": {}, "job": {}, "skill": {}}
    for loaded in files:
        model = loaded.model
        if isinstance(model, JobCard):
            labels["family"][model.id] = model.label
            for job in model.jobs:
                labels["job"][job.id] = job.label
        elif isinstance(model, SkillFile):
            for skill in model.skills:
                labels["skill"][skill.id] = skill.label
    return labels
