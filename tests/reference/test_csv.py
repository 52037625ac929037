"""The streaming CSV reader: compression, encodings, multi-line records, metadata headers, locations."""

from __future__ import annotations

import gzip
import lzma
from pathlib import Path

import pyoxigraph as ox
import pytest

from skillgraph.errors import DataError
from skillgraph.reference._csv import NTriplesWriter, Table, _locate, find_source, literal, split_multi

ESCO_LIKE = (
    'conceptUri,preferredLabel,altLabels\r\n'
    'http://data.europa.eu/esco/skill/a,pharmacy law,"pharmacy laws\npharmacy law\nlegal ""framework"""\r\n'
    'http://data.europa.eu/esco/skill/b,botany,\r\n'
)


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    data = text.encode(encoding)
    if path.suffix == ".xz":
        path.write_bytes(lzma.compress(data))
    elif path.suffix == ".gz":
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".csv.gz", ".csv.xz"])
def test_plain_gzip_and_xz_read_alike_with_multiline_fields(tmp_path: Path, suffix: str) -> None:
    path = _write(tmp_path / f"skills{suffix}", ESCO_LIKE)
    table = Table(path, ["conceptUri", "altLabels"])
    records = list(table)
    assert [line for line, _ in records] == [2, 5]
    assert split_multi(records[0][1]["altLabels"]) == ["pharmacy laws", "pharmacy law", 'legal "framework"']
    assert records[1][1] == {"conceptUri": "http://data.europa.eu/esco/skill/b", "altLabels": ""}
    assert table.rows == 2 and len(table.sha256) == 64


def test_find_source_prefers_compressed_files(tmp_path: Path) -> None:
    _write(tmp_path / "a.csv", "x\n")
    assert find_source(tmp_path, "a.csv") == tmp_path / "a.csv"
    _write(tmp_path / "a.csv.xz", "x\n")
    assert find_source(tmp_path, "a.csv") == tmp_path / "a.csv.xz"
    with pytest.raises(DataError, match=r"b\.csv\.xz: file not found"):
        find_source(tmp_path, "b.csv")


def test_a_cp1252_file_is_read_with_its_encoding(tmp_path: Path) -> None:
    """ROME's unix_arborescence_secteur_naf is cp1252 despite its name: the encoding is a parameter."""
    path = _write(tmp_path / "naf.csv", '"code_secteur_naf","libelle_secteur_naf"\n"A","Activités fabriquées"\n', "cp1252")
    assert [r for _, r in Table(path, ["libelle_secteur_naf"], encoding="cp1252")] == [{"libelle_secteur_naf": "Activités fabriquées"}]
    with pytest.raises(DataError, match=r"naf\.csv:2, field 'libelle_secteur_naf': byte 0xe9 is not utf-8"):
        list(Table(path, ["libelle_secteur_naf"]))


def test_a_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = _write(tmp_path / "bom.csv", "\ufeffcode,label\n1,un\n")
    assert list(Table(path, ["code"])) == [(2, {"code": "1"})]


def test_metadata_lines_before_the_header_are_kept(tmp_path: Path) -> None:
    text = "Mapping project name,ESCO - ROME\nMapping project version,V1.4\n\nclassification 1 ID,mapping relation\nx,skos:exactMatch\n"
    table = Table(_write(tmp_path / "m.csv", text), ["mapping relation"], header_first="classification 1 ID")
    assert list(table) == [(5, {"mapping relation": "skos:exactMatch"})]
    assert ["Mapping project version", "V1.4"] in table.metadata
    missing = Table(_write(tmp_path / "n.csv", "a,b\n"), ["b"], header_first="classification 1 ID")
    with pytest.raises(DataError, match="no header line"):
        list(missing)


def test_an_empty_file_has_no_header(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"empty\.csv: no header line"):
        list(Table(_write(tmp_path / "empty.csv", ""), ["a"]))


def test_a_corrupt_archive_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv.xz"
    path.write_bytes(b"not xz at all")
    with pytest.raises(DataError, match=r"bad\.csv\.xz: cannot decompress"):
        list(Table(path, ["a"]))


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ('"A1101,"23376",""\n', (0, 0)),  # quote closed too early, then junk: blamed on the opening field
        ('a,b,"never closed\nmore\n', (2, 0)),  # runaway quote: the field and line where it opens
        ('a,"ok\nstill ok",c,"x"y\n', (3, 1)),
        ("a,b,c\n", (2, 1)),
    ],
)
def test_locate_finds_the_field_and_line_of_a_bad_quote(record: str, expected: tuple[int, int]) -> None:
    assert _locate(record) == expected


def test_split_multi_reads_esco_lists() -> None:
    assert split_multi("http://a,\nhttp://b\n") == ["http://a", "http://b"]
    assert split_multi("") == []


def test_the_writer_escapes_literals_and_checks_iris(tmp_path: Path) -> None:
    path = tmp_path / "out.nt"
    with open(path, "w", encoding="utf-8") as handle:
        out = NTriplesWriter(handle)
        s = out.iri("https://example.org/s")
        out.add(s, "<https://example.org/p>", literal('a "quoted"\\ text\r\non two lines', "fr"))
        out.boolean(s, "<https://example.org/b>", True)
        out.integer(s, "<https://example.org/i>", 3)
        out.text(s, "<https://example.org/t>", "   ", "en")  # empty: skipped
    assert out.count == 3
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    values = {q.predicate.value: q.object.value for q in store}
    assert values["https://example.org/p"] == 'a "quoted"\\ text\r\non two lines'
    assert values["https://example.org/b"] == "true" and values["https://example.org/i"] == "3"
    for bad in ("not an iri", "http://exa mple.org", "http://example.org/<x>"):
        assert not NTriplesWriter.valid_iri(bad)
        with pytest.raises(ValueError):
            NTriplesWriter.iri(bad)
