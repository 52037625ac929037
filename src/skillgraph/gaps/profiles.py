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

import csv
import io
import json
import json.decoder
import json.scanner
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from ..errors import DataError, DataProblem, ExternalIdNotSupported, SkillgraphError, UnknownIdentifier
from .model import ID, GapModel, short

__all__ = ["AMBIGUITY_MARGIN", "DEFAULT_LEVEL", "DEFAULT_MIN_LEVEL", "DEFAULT_PERSON", "LEVELS", "MATCH_THRESHOLD", "Holding", "LineOutcome", "Match", "MatchReport", "Matcher", "Profile", "ProfileLine", "fold", "is_external_id", "load_profile", "map_external_id", "match_lines", "parse_level", "parse_profile", "profile_from_text", "read_profile"]

#: Confidence below which a line is reported unmatched.
MATCH_THRESHOLD = 0.6
#: A fuzzy match closer than this to the next candidate (another skill or topic) is ambiguous: unmatched.
AMBIGUITY_MARGIN = 0.02
#: Level of a line that gives none: the person says they have the skill (intermediate).
DEFAULT_LEVEL = 2
#: Level from which a skill counts as held by the gap analysis.
DEFAULT_MIN_LEVEL = 2
#: The person of the lines that name nobody.
DEFAULT_PERSON = "(unnamed)"

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

_COLUMNS = {
    "person": ("person", "personne", "nom", "name", "membre", "member"),
    "skill": ("skill", "competence", "skills", "competences"),
    "level": ("level", "niveau"),
}
_COLUMN_OF = {alias: column for column, aliases in _COLUMNS.items() for alias in aliases}

_STOP_WORDS = frozenset(
    "a au aux avec ce ces d dans de des du en et l la le les leur leurs ou par pour sa se ses son sur un une "
    "etre avoir savoir the of and to in on for an with or its be have has as at by is are".split()
)
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "’": "'", "‘": "'"})
_ESCO = re.compile(r"^https?://data\.europa\.eu/esco/", re.IGNORECASE)
_ROME = re.compile(r"^(?:rome[:\s-]*)?([A-N]\d{4}|\d{3,7})$|^https://w3id\.org/skillgraph/rome/", re.IGNORECASE)




def fold(text: str) -> str:
    """Text for comparison: no accents (NFKD), case-folded, punctuation as spaces, single spaces."""
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _tokens(folded: str) -> tuple[str, ...]:
    out = []
    for token in folded.split():
        if len(token) < 2 or token in _STOP_WORDS:
            continue
        if len(token) > 4 and token[-1] in "sx":
            token = token[:-1]
        out.append(token)
    return tuple(dict.fromkeys(out))


def _same_token(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and SequenceMatcher(None, a, b).ratio() >= 0.8)


def _token_score(query: Sequence[str], label: Sequence[str]) -> float:
    if not query or not label:
        return 0.0
    recall = sum(any(_same_token(q, t) for t in label) for q in query) / len(query)
    precision = sum(any(_same_token(q, t) for q in query) for t in label) / len(label)
    if recall == 0 or precision == 0:
        return 0.0
    return 5 * precision * recall / (4 * precision + recall)


def is_external_id(text: str) -> bool:
    """Whether the text is an ESCO URI or a ROME code (handled by :func:`map_external_id`)."""
    text = text.strip()
    return bool(_ESCO.match(text) or _ROME.match(text))


def map_external_id(model: GapModel, identifier: str) -> list[tuple[str, float]]:
    """The internal skills an external identifier stands for, with the alignment's confidence.

    ESCO skill URIs (``http://data.europa.eu/esco/skill/…``) and ROME 4.0 compétence / savoir
    codes map through the curated alignment (``data/alignment/``). An ESCO occupation or a ROME
    fiche names a job, not a skill: it is refused here (it works where a job family is asked).
    """
    identifier = identifier.strip()
    code = _ROME.match(identifier)
    if code and code.group(1):
        identifier = code.group(1).upper()  # "rome:h1507" and "H1507" are one code
    found = model.skills_for_external(identifier)
    if found:
        return [(a.concept, a.confidence) for a in found if a.concept in model.skills]
    if model.family_for_external(identifier):
        raise ExternalIdNotSupported(f"'{identifier}' names an occupation, not a skill: give it as the job family instead")
    raise ExternalIdNotSupported(f"no skill of the graph is aligned with '{identifier}' (see data/alignment/)")


# --- matching -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """What one profile line was matched to.

    ``iri`` is the matched skill (or topic, ``kind == "topic"``); ``label`` the label (or id) it
    matched, in ``lang``; ``confidence`` 0..1; ``method`` id | label-exact | label-fuzzy.
    """

    iri: str
    kind: str
    label: str
    lang: str | None
    confidence: float
    method: str

    @property
    def id(self) -> str:
        return short(self.iri)


@dataclass(frozen=True)
class _Target:
    iri: str
    kind: str
    labels: tuple[tuple[str, str, str, tuple[str, ...]], ...]  # (lang, label, folded, tokens)


class Matcher:
    """Matches free text to the skills and topics of a model (build once, match many lines)."""

    def __init__(self, model: GapModel, threshold: float = MATCH_THRESHOLD) -> None:
        if not 0 <= threshold <= 1:
            raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
        self.model = model
        self.threshold = threshold
        topics = {iri for iri in model.labels if iri.startswith(ID + "topic/")}
        topics |= set(model.ancestors)
        self._by_iri: dict[str, _Target] = {}
        for kind, iris in (("skill", sorted(model.skills)), ("topic", sorted(topics))):
            for iri in iris:
                labels = tuple(
                    (lang, text, fold(text), _tokens(fold(text)))
                    for lang, text in sorted(model.labels.get(iri, {}).items())
                )
                self._by_iri.setdefault(iri, _Target(iri, kind, labels))
        self._by_id: dict[str, _Target] = {}
        for target in self._by_iri.values():  # skills first: a skill id wins over a topic id
            self._by_id.setdefault(short(target.iri), target)
            self._by_id.setdefault(f"{target.kind}/{short(target.iri)}", target)

    def match(self, text: str) -> tuple[Match | None, str | None, tuple[Match, ...]]:
        """(match, reason when unmatched, nearest other candidates) for one line's text."""
        text = text.strip()
        if not text:
            return None, "empty skill", ()
        if is_external_id(text):
            try:
                iris = map_external_id(self.model, text)
            except ExternalIdNotSupported as exc:
                return None, str(exc), ()
            if not iris:
                return None, f"no skill of the graph is aligned with '{text}'", ()
            iri, confidence = iris[0]
            target = self._by_iri[iri]
            return Match(target.iri, target.kind, text, None, confidence, "external"), None, ()
        target = self._by_iri.get(text) or self._by_id.get(text.lower())
        if target is None and text.startswith(ID):
            target = self._by_id.get(text[len(ID):])
        if target is not None:
            return Match(target.iri, target.kind, short(target.iri), None, 1.0, "id"), None, ()
        if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
            return None, f"no skill or topic has the IRI <{text}>", ()
        folded = fold(text)
        if not folded:
            return None, "no letters or digits to match", ()
        for target in self._by_iri.values():
            for lang, label, label_folded, _ in target.labels:
                if folded == label_folded:
                    return Match(target.iri, target.kind, label, lang, 1.0, "label-exact"), None, ()
        candidates = sorted(self._fuzzy(folded), key=lambda m: (-m.confidence, m.kind != "skill", m.iri))
        if not candidates:
            return None, "no label shares a word with it", ()
        best, others = candidates[0], tuple(candidates[1:4])
        if best.confidence < self.threshold:
            return None, f"best candidate '{best.label}' scores {best.confidence:.2f}, below {self.threshold:.2f}", tuple(candidates[:3])
        if others and best.confidence - others[0].confidence < AMBIGUITY_MARGIN:
            return None, (
                f"ambiguous: '{best.label}' and '{others[0].label}' score {best.confidence:.2f} and "
                f"{others[0].confidence:.2f}; name the skill by its id or its full label"
            ), tuple(candidates[:3])
        return best, None, others

    def _fuzzy(self, folded: str) -> Iterable[Match]:
        tokens = _tokens(folded)
        for target in self._by_iri.values():
            best: tuple[float, str, str] | None = None
            for lang, label, label_folded, label_tokens in target.labels:
                score = max(_token_score(tokens, label_tokens), SequenceMatcher(None, folded, label_folded).ratio())
                if best is None or score > best[0]:
                    best = (score, label, lang)
            if best is not None and best[0] > 0.3:
                yield Match(target.iri, target.kind, best[1], best[2], round(min(best[0], 0.99), 3), "label-fuzzy")


# --- profile lines ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileLine:
    """One line of a profile as read: where it is, who, what, how well (``level`` 0..4 or None)."""

    line: int | None
    person: str | None
    skill: str
    level: int | None
    field: str = "skill"  # the path of the skill field (JSON: ``people[0].skills[2].skill``)


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


def _problem(source: Path, line: int | None, message: str, field: str | None = None, record: str | None = None) -> DataError:
    return DataError([DataProblem(source, line, record, field, message)])


def read_profile(path: Path) -> list[ProfileLine]:
    """The lines of a CSV or JSON profile file (by suffix; otherwise by content)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _problem(path, None, f"cannot read the profile: {exc.strerror}") from exc
    suffix = path.suffix.lower()
    fmt = "csv" if suffix in {".csv", ".tsv", ".txt"} else "json" if suffix == ".json" else None
    return parse_profile(data, fmt, path)


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse_profile(data: bytes | str, fmt: str | None = None, source: Path | str = "<profile>") -> list[ProfileLine]:
    """The lines of a profile given as text: ``fmt`` is ``csv``, ``json`` or None (guess from content)."""
    source = Path(source)
    text = _decode(data)
    if not text.strip():
        raise _problem(source, None, "the profile is empty (expected a CSV header or a JSON document)")
    if fmt is None:
        fmt = "json" if text.lstrip()[:1] in "[{" else "csv"
    if fmt == "csv":
        return _parse_csv(text, source)
    if fmt == "json":
        return _parse_json(text, source)
    raise ValueError(f"unknown profile format '{fmt}' (csv or json)")


def _parse_csv(text: str, source: Path) -> list[ProfileLine]:
    first = next(line for line in text.splitlines() if line.strip())
    delimiter = max((",", ";", "\t"), key=lambda d: (first.count(d), d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    out: list[ProfileLine] = []
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = _header(row, line, source)
                continue
            while len(row) > len(header) and not row[-1].strip():
                row = row[:-1]
            if len(row) != len(header):
                who = row[header.index("person")].strip() if "person" in header and len(row) > header.index("person") else ""
                raise _problem(
                    source, line, f"{len(row)} fields where the header has {len(header)} ({', '.join(header)})",
                    record=who or None,
                )
            values = dict(zip(header, (cell.strip() for cell in row), strict=True))
            person = values.get("person") or None
            if not values["skill"]:
                raise _problem(source, line, "empty skill", "skill", person)
            try:
                level = parse_level(values.get("level"))
            except ValueError as exc:
                raise _problem(source, line, str(exc), "level", person) from exc
            out.append(ProfileLine(line, person, values["skill"], level))
    except csv.Error as exc:
        raise _problem(source, reader.line_num or None, f"not valid CSV: {exc}") from exc
    return out


def _header(row: list[str], line: int, source: Path) -> list[str]:
    header = []
    for cell in row:
        name = fold(cell).replace(" ", "_")
        column = _COLUMN_OF.get(name)
        if column is None:
            raise _problem(source, line, f"unknown column '{cell.strip()}' (expected skill, and optionally person and level)", cell.strip())
        if column in header:
            raise _problem(source, line, f"column '{column}' appears twice", column)
        header.append(column)
    if "skill" not in header:
        raise _problem(source, line, "missing column 'skill' (the header must name skill, and optionally person and level)", "skill")
    return header


class _Lined(dict):  # type: ignore[type-arg]
    line: int


class _LinedStr(str):
    line: int


class _LinedList(list):  # type: ignore[type-arg]
    line: int
    lines: list[int]  # the line each element starts on


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int) -> None:
        self.key, self.line = key, line


def _json_load(text: str) -> Any:
    """``json.loads`` that remembers the line of every object and string (for error messages)."""
    decoder = json.JSONDecoder(object_pairs_hook=lambda pairs: pairs)

    def parse_object(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo=None):  # type: ignore[no-untyped-def]
        s, end = s_and_end
        pairs, new_end = json.decoder.JSONObject(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo)
        line = s.count("\n", 0, end) + 1
        obj = _Lined()
        for key, value in pairs:
            if key in obj:
                raise _DuplicateKey(key, line)
            obj[key] = value
        obj.line = line
        return obj, new_end

    def parse_string(s, end, strict=True):  # type: ignore[no-untyped-def]
        value, new_end = json.decoder.scanstring(s, end, strict)
        lined = _LinedStr(value)
        lined.line = s.count("\n", 0, end) + 1
        return lined, new_end

    def parse_array(s_and_end, scan_once, _w=None):  # type: ignore[no-untyped-def]
        s, end = s_and_end
        starts: list[int] = []

        def recording(string: str, idx: int) -> Any:
            starts.append(idx)
            return scan_once(string, idx)

        values, new_end = json.decoder.JSONArray(s_and_end, recording)
        lined = _LinedList(values)
        lined.line = s.count("\n", 0, end) + 1
        lined.lines = [s.count("\n", 0, i) + 1 for i in starts]
        return lined, new_end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.parse_array = parse_array  # type: ignore[attr-defined]
    decoder.parse_string = parse_string  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder.decode(text)


def _line(value: Any, default: int | None) -> int | None:
    return getattr(value, "line", default)


def _element_lines(values: list[Any]) -> list[int | None]:
    lines = getattr(values, "lines", None)
    return list(lines) if lines is not None and len(lines) == len(values) else [None] * len(values)


def _parse_json(text: str, source: Path) -> list[ProfileLine]:
    try:
        document = _json_load(text)
    except json.JSONDecodeError as exc:
        raise _problem(source, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})") from exc
    except _DuplicateKey as exc:
        raise _problem(source, exc.line, f"key '{exc.key}' appears twice in one object", str(exc.key)) from exc
    out: list[ProfileLine] = []
    if isinstance(document, list):
        for i, (item, line) in enumerate(zip(document, _element_lines(document), strict=True)):
            out.append(_json_item(item, f"[{i}]", None, source, ("person", "skill", "level"), line))
        return out
    if not isinstance(document, dict):
        raise _problem(source, 1, "expected a list of items, an object with 'skills' or an object with 'people'")
    if "people" in document:
        _only(document, ("people",), "", source)
        people = document["people"]
        if not isinstance(people, list):
            raise _problem(source, _line(document, 1), "'people' must be a list of {person, skills}", "people")
        for i, (member, line) in enumerate(zip(people, _element_lines(people), strict=True)):
            out.extend(_json_person(member, f"people[{i}].", source, required=True, line=line))
        return out
    if "skills" in document:
        return _json_person(document, "", source, required=False)
    raise _problem(source, _line(document, 1), "expected a list of items, an object with 'skills' or an object with 'people'")


def _only(obj: dict, allowed: tuple[str, ...], path: str, source: Path) -> None:  # type: ignore[type-arg]
    for key in obj:
        if key not in allowed:
            raise _problem(
                source, _line(key, _line(obj, None)), f"unknown key '{key}' (allowed: {', '.join(allowed)})", f"{path}{key}",
                obj.get("person") if isinstance(obj.get("person"), str) else None,
            )


def _json_person(member: Any, path: str, source: Path, required: bool, line: int | None = None) -> list[ProfileLine]:
    line = _line(member, line)
    if not isinstance(member, dict):
        raise _problem(source, line, "a person must be an object {person, skills}", path.rstrip(".") or None)
    _only(member, ("person", "skills"), path, source)
    person = member.get("person")
    if person is not None and not isinstance(person, str):
        raise _problem(source, _line(person, line), "person must be a string", f"{path}person")
    person = person.strip() if person else None
    if required and not person:
        raise _problem(source, line, "every member of 'people' needs a person (a name)", f"{path}person")
    skills = member.get("skills", [])
    if not isinstance(skills, list):
        raise _problem(source, _line(skills, line), "skills must be a list", f"{path}skills", person)
    lines = [
        _json_item(item, f"{path}skills[{i}]", person, source, ("skill", "level"), item_line or line)
        for i, (item, item_line) in enumerate(zip(skills, _element_lines(skills), strict=True))
    ]
    if not lines:  # a declared member without skills is part of the team
        lines.append(ProfileLine(line, person or DEFAULT_PERSON, "", None, field=f"{path}skills"))
    return lines


def _json_item(item: Any, path: str, person: str | None, source: Path, allowed: tuple[str, ...], line: int | None) -> ProfileLine:
    if isinstance(item, str):
        if not item.strip():
            raise _problem(source, line, "empty skill", path, person)
        return ProfileLine(line, person, item.strip(), None, field=path)
    if not isinstance(item, dict):
        raise _problem(source, line, "an item must be an object {skill, level} or a string", path, person)
    _only(item, allowed, f"{path}.", source)
    if "person" in item:
        value = item["person"]
        if value is not None and not isinstance(value, str):
            raise _problem(source, line, "person must be a string", f"{path}.person")
        person = value.strip() if value else None
    skill = item.get("skill")
    if skill is None:
        raise _problem(source, line, "missing skill", f"{path}.skill", person)
    if not isinstance(skill, str) or not skill.strip():
        raise _problem(source, _line(skill, line), "skill must be a non-empty string", f"{path}.skill", person)
    try:
        level = parse_level(item.get("level"))
    except ValueError as exc:
        raise _problem(source, _line(item.get("level"), line), str(exc), f"{path}.level", person) from exc
    return ProfileLine(line, person, skill.strip(), level, field=f"{path}.skill")


# --- profiles and reports -----------------------------------------------------------------------


@dataclass(frozen=True)
class Holding:
    """A skill or topic a person holds, at a level (0..4; lines without one count as :data:`DEFAULT_LEVEL`)."""

    iri: str
    kind: str  # skill | topic
    level: int
    line: int | None


@dataclass
class Profile:
    """People -> the skills and topics they hold (keyed by IRI). Team files have several people."""

    people: dict[str, dict[str, Holding]] = field(default_factory=dict)
    source: str = "<profile>"

    @property
    def persons(self) -> list[str]:
        return list(self.people)

    @property
    def is_empty(self) -> bool:
        return not any(self.people.values())

    def holdings(self, person: str | None = None, min_level: int = DEFAULT_MIN_LEVEL) -> list[Holding]:
        """What ``person`` holds at ``min_level`` or above; for ``None``, the whole team (the best level of anyone)."""
        if person is not None and person not in self.people:
            raise UnknownIdentifier("person", person, self.people)
        members = [self.people[person]] if person is not None else list(self.people.values())
        best: dict[str, Holding] = {}
        for member in members:
            for holding in member.values():
                if holding.level >= min_level and (holding.iri not in best or holding.level > best[holding.iri].level):
                    best[holding.iri] = holding
        return list(best.values())


@dataclass(frozen=True)
class LineOutcome:
    """What became of one input line: matched (with its :class:`Match`) or unmatched (with the reason)."""

    line: int | None
    person: str
    text: str
    level: int | None
    match: Match | None
    reason: str | None = None
    alternatives: tuple[Match, ...] = ()

    @property
    def status(self) -> str:
        return "matched" if self.match is not None else "unmatched"


@dataclass
class MatchReport:
    """Every input line with its outcome, in input order."""

    source: str
    threshold: float
    outcomes: list[LineOutcome] = field(default_factory=list)

    @property
    def matched(self) -> list[LineOutcome]:
        return [o for o in self.outcomes if o.match is not None]

    @property
    def unmatched(self) -> list[LineOutcome]:
        return [o for o in self.outcomes if o.match is None]

    def as_dict(self, model: GapModel | None = None, lang: str = "fr") -> dict[str, Any]:
        def match(m: Match) -> dict[str, Any]:
            out: dict[str, Any] = {
                "iri": m.iri, "id": m.id, "kind": m.kind, "matched_label": m.label, "lang": m.lang,
                "confidence": m.confidence, "method": m.method,
            }
            if model is not None:
                out["label"] = model.label(m.iri, lang)
            return out

        return {
            "source": self.source,
            "threshold": self.threshold,
            "matched": len(self.matched),
            "unmatched": len(self.unmatched),
            "lines": [
                {
                    "line": o.line, "person": o.person, "text": o.text, "level": o.level, "status": o.status,
                    "match": match(o.match) if o.match else None, "reason": o.reason,
                    "alternatives": [match(a) for a in o.alternatives],
                }
                for o in self.outcomes
            ],
        }

    def format(self, model: GapModel | None = None, lang: str = "fr") -> str:
        """A human-readable report: a summary line, then one line per input line."""
        lines = [f"profile {self.source}: {len(self.outcomes)} lines, {len(self.matched)} matched, {len(self.unmatched)} unmatched"]
        for o in self.outcomes:
            where = f"line {o.line}" if o.line else "line ?"
            level = f" [level {o.level}]" if o.level is not None else ""
            if o.match is not None:
                label = model.label(o.match.iri, lang) if model is not None else o.match.label
                lines.append(
                    f"  {where}: {o.person}: '{o.text}'{level} -> {o.match.kind} {o.match.id} «{label}» "
                    f"({o.match.method}, {o.match.confidence:.2f})"
                )
            else:
                near = f"; nearest: {', '.join(f'{a.id} ({a.confidence:.2f})' for a in o.alternatives)}" if o.alternatives else ""
                lines.append(f"  {where}: {o.person}: '{o.text}'{level} -> UNMATCHED: {o.reason}{near}")
        return "\n".join(lines)


def match_lines(
    model: GapModel, lines: Iterable[ProfileLine], threshold: float = MATCH_THRESHOLD, source: str = "<profile>",
    matcher: Matcher | None = None,
) -> tuple[Profile, MatchReport]:
    """Match read lines to the graph: the :class:`Profile` of the matched ones and the report of all."""
    matcher = matcher or Matcher(model, threshold)
    profile = Profile(source=source)
    report = MatchReport(source, matcher.threshold)
    for item in lines:
        person = item.person or DEFAULT_PERSON
        held = profile.people.setdefault(person, {})
        if not item.skill:  # a declared member without skills (JSON)
            continue
        found, reason, alternatives = matcher.match(item.skill)
        report.outcomes.append(LineOutcome(item.line, person, item.skill, item.level, found, reason, alternatives))
        if found is None:
            continue
        level = DEFAULT_LEVEL if item.level is None else item.level
        previous = held.get(found.iri)
        if previous is None or level > previous.level:
            held[found.iri] = Holding(found.iri, found.kind, level, item.line)
    return profile, report


def profile_from_text(
    model: GapModel, data: bytes | str, fmt: str | None = None, source: Path | str = "<profile>",
    threshold: float = MATCH_THRESHOLD,
) -> tuple[Profile, MatchReport]:
    """Read (CSV or JSON text) and match a profile."""
    return match_lines(model, parse_profile(data, fmt, source), threshold, str(source))


def load_profile(model: GapModel, path: Path, threshold: float = MATCH_THRESHOLD) -> tuple[Profile, MatchReport]:
    """Read and match a profile file (``.csv`` or ``.json``)."""
    return match_lines(model, read_profile(path), threshold, str(path))
