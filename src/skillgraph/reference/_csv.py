"""Streaming reader of the reference CSV files (plain, ``.gz`` or ``.xz``) and an N-Triples writer.

The reader decompresses and decodes line by line, hands the lines to the ``csv`` module
(ESCO's multi-valued fields are newline-separated inside quotes, so one record may span
several lines) and yields each record with the line it starts on. Anything wrong — a file
that is missing, a header without a needed column, bytes that are not in the encoding, a
broken quote, a record with too few or too many fields — raises `DataError` naming the
file, the line and the column.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import lzma
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from ..errors import DataError, DataProblem

__all__ = ["MAX_PROBLEMS", "NTriplesWriter", "Problems", "Table", "find_source", "literal", "split_multi"]

#: Problems gathered in one file before the import stops.
MAX_PROBLEMS = 20

_SUFFIXES = (".xz", ".gz", "")
# One record's field can be large (ESCO descriptions) but a runaway quote must stop early.
csv.field_size_limit(1 << 20)


def find_source(folder: Path, relpath: str) -> Path:
    """The file ``relpath`` under ``folder``, compressed (``.xz``, ``.gz``) or plain."""
    for suffix in _SUFFIXES:
        candidate = folder / (relpath + suffix)
        if candidate.is_file():
            return candidate
    raise DataError([DataProblem(folder / (relpath + ".xz"), None, None, None, "file not found (nor .gz, nor plain .csv)")])


class Problems:
    """Collects the problems of one file; raises once there are too many or at the end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[DataProblem] = []

    def add(self, line: int | None, record: str | None, field: str | None, message: str) -> None:
        self.items.append(DataProblem(self.path, line, record, field, message))
        if len(self.items) >= MAX_PROBLEMS:
            self.raise_if_any()

    def raise_if_any(self) -> None:
        if self.items:
            raise DataError(self.items)


class Table:
    """One CSV file read as ``(line, record)`` pairs, ``record`` a dict of the needed columns.

    ``columns`` are the columns the importer reads: each must be in the header (others are
    ignored). ``header_first`` names the first column of the header when lines of metadata
    come before it (the official ESCO–ROME mapping). ``on_progress`` is called now and then
    with the number of bytes of the (compressed) file read so far.
    """

    def __init__(
        self,
        path: Path,
        columns: Sequence[str],
        *,
        encoding: str = "utf-8",
        header_first: str | None = None,
        on_progress: Callable[[int], None] | None = None,
    ) -> None:
        self.path = path
        self.columns = tuple(columns)
        self.encoding = encoding
        self.header_first = header_first
        self.on_progress = on_progress
        self.problems = Problems(path)
        self.rows = 0
        self.metadata: list[list[str]] = []
        self.header: list[str] = []
        self.sha256 = ""

    # -- public -----------------------------------------------------------------------------
    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        digest = hashlib.sha256()
        try:
            raw = open(self.path, "rb")  # noqa: SIM115 - closed in finally
        except OSError as exc:
            raise DataError([DataProblem(self.path, None, None, None, f"cannot read: {exc.strerror or exc}")]) from exc
        stream = _decompressor(self.path, raw)
        try:
            yield from self._records(stream, raw, digest)
        except (lzma.LZMAError, gzip.BadGzipFile, EOFError, OSError) as exc:
            raise DataError([DataProblem(self.path, None, None, None, f"cannot decompress: {exc}")]) from exc
        finally:
            stream.close()
            raw.close()
        self.sha256 = digest.hexdigest()
        self.problems.raise_if_any()

    def problem(self, line: int, record: str | None, field: str | None, message: str) -> None:
        """Record a problem with a value (the importer's checks)."""
        self.problems.add(line, record, field, message)

    # -- internals ---------------------------------------------------------------------------
    def _records(self, stream: IO[bytes], raw: IO[bytes], digest: Any) -> Iterator[tuple[int, dict[str, str]]]:
        pending: list[str] = []
        counter = [0]

        def lines() -> Iterator[str]:
            for chunk in stream:
                counter[0] += 1
                digest.update(chunk)
                try:
                    text = chunk.decode(self.encoding)
                except UnicodeDecodeError as exc:
                    prefix = chunk[: exc.start].decode(self.encoding, errors="replace")
                    field, _ = _locate("".join(pending) + prefix)
                    raise DataError(
                        [DataProblem(self.path, counter[0], None, self._name(field), f"byte 0x{chunk[exc.start]:02x} is not {self.encoding}")]
                    ) from exc
                if counter[0] == 1 and text.startswith("\ufeff"):
                    text = text[1:]
                pending.append(text)
                yield text

        reader = csv.reader(lines(), strict=True)
        header = self.header = self._header(reader, pending, counter)
        index = {name: i for i, name in enumerate(header)}
        missing = [c for c in self.columns if c not in index]
        if missing:
            raise DataError(
                [DataProblem(self.path, counter[0], None, c, f"missing column (the header has {', '.join(header)})") for c in missing]
            )
        wanted = [(c, index[c]) for c in self.columns]
        width = len(header)
        while True:
            pending.clear()
            start = counter[0] + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                field, offset = _locate("".join(pending))
                raise DataError([DataProblem(self.path, start + offset, None, self._name(field, header), f"malformed CSV: {exc}")]) from exc
            if not row or row == [""]:
                continue
            if len(row) != width:
                where = header[len(row)] if len(row) < width else header[-1]
                what = "is missing" if len(row) < width else "is followed by extra fields"
                self.problems.add(start, row[0] if row else None, where,
                                  f"{len(row)} fields where the header has {width}: column '{where}' {what}")
                continue
            self.rows += 1
            if self.on_progress is not None and self.rows % 4096 == 0:
                self.on_progress(raw.tell())
            yield start, {c: row[i] for c, i in wanted}
        if self.on_progress is not None:
            self.on_progress(raw.tell())

    def _header(self, reader: Iterator[list[str]], pending: list[str], counter: list[int]) -> list[str]:
        while True:
            pending.clear()
            try:
                row = next(reader)
            except StopIteration:
                raise DataError([DataProblem(self.path, counter[0] or None, None, None, "no header line")]) from None
            except csv.Error as exc:
                raise DataError([DataProblem(self.path, counter[0], None, None, f"malformed CSV header: {exc}")]) from exc
            if self.header_first is None or (row and row[0].strip() == self.header_first):
                return [name.strip() for name in row]
            self.metadata.append(row)
            if len(self.metadata) > 100:
                raise DataError([DataProblem(self.path, counter[0], None, self.header_first, "no header line starting with this column")])

    def _name(self, field: int, header: Sequence[str] | None = None) -> str:
        header = header or self.header or self.columns
        return header[field] if 0 <= field < len(header) else f"column {field + 1}"


def _decompressor(path: Path, raw: IO[bytes]) -> IO[bytes]:
    if path.suffix == ".xz":
        return lzma.open(raw, "rb")  # type: ignore[return-value]
    if path.suffix == ".gz":
        return gzip.open(raw, "rb")  # type: ignore[return-value]
    return raw


def _locate(text: str) -> tuple[int, int]:
    """Where a CSV record goes wrong: (field index, line offset from the record's first line).

    Replays the record the way the ``csv`` module reads it; a quoted field that is never
    closed, or that is closed and then followed by something else than a comma, is blamed
    on the field and the line where its opening quote stands.
    """
    field = line = 0
    quote_field = quote_line = 0
    in_quotes = False
    at_start = True
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if in_quotes:
            if c == '"':
                if i + 1 < n and text[i + 1] == '"':
                    i += 2
                    continue
                in_quotes = False
                if i + 1 < n and text[i + 1] not in ",\r\n":
                    return quote_field, quote_line
            elif c == "\n":
                line += 1
        elif c == '"' and at_start:
            in_quotes, quote_field, quote_line = True, field, line
        elif c == ",":
            field += 1
            at_start = True
            i += 1
            continue
        elif c == "\n":
            line += 1
        at_start = False
        i += 1
    if in_quotes:
        return quote_field, quote_line
    return field, line


def split_multi(value: str) -> list[str]:
    """ESCO's multi-valued cells: one value per line (``inScheme`` also ends lines with a comma)."""
    out = []
    for part in value.split("\n"):
        part = part.strip().rstrip(",").strip()
        if part:
            out.append(part)
    return out


# -- N-Triples ----------------------------------------------------------------------------------
_ESCAPE = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]+$")
_XSD = "http://www.w3.org/2001/XMLSchema#"


def literal(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    """An N-Triples literal (plain string, language-tagged or typed)."""
    body = '"' + text.translate(_ESCAPE) + '"'
    if lang is not None:
        return body + "@" + lang
    if datatype is not None:
        return body + "^^<" + datatype + ">"
    return body


class NTriplesWriter:
    """Writes triples as N-Triples lines; IRIs are checked, literals escaped."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.count = 0

    @staticmethod
    def valid_iri(value: str) -> bool:
        return bool(_IRI.match(value))

    @staticmethod
    def iri(value: str) -> str:
        if not _IRI.match(value):
            raise ValueError(f"'{value}' is not an absolute IRI")
        return "<" + value + ">"

    def add(self, subject: str, predicate: str, obj: str) -> None:
        """Terms already in N-Triples form (``<iri>`` or a `literal`)."""
        self.handle.write(f"{subject} {predicate} {obj} .\n")
        self.count += 1

    def text(self, subject: str, predicate: str, value: str, lang: str) -> None:
        """A language-tagged literal, skipped when empty."""
        value = value.strip()
        if value:
            self.add(subject, predicate, literal(value, lang))

    def boolean(self, subject: str, predicate: str, value: bool) -> None:
        self.add(subject, predicate, literal("true" if value else "false", datatype=_XSD + "boolean"))

    def integer(self, subject: str, predicate: str, value: int) -> None:
        self.add(subject, predicate, literal(str(value), datatype=_XSD + "integer"))

    def string(self, subject: str, predicate: str, value: str) -> None:
        self.add(subject, predicate, literal(value))

