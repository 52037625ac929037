"""Readers of the official ESCO and ROME 4.0 CSV layouts (plain or compressed), one per scheme.

Used by `ReferenceIndex.from_files`: the file name patterns, what each scheme needs, and the
reader that turns those files into reference concepts.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import lzma
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from ..errors import AlignmentError
from ..models.alignment import ReferenceScheme
from .concept import ReferenceConcept

__all__: list[str] = []  # private to the align package: used by .index

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
