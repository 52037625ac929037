"""A malformed reference file is named with its line and column, and nothing is published."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from skillgraph.errors import DataError, StoreError
from skillgraph.reference import ImportReport, import_reference
from skillgraph.store import current_release, release_lock

from .conftest import copy_store, graph_sizes, rewrite_slice

COHERENCE = "rome_4.0_v460/unix_coherence_item_v460_utf8.csv"
MOBILITIES = "rome_4.0_v460/unix_rubrique_mobilite_v460_utf8.csv"
OCCUPATIONS = "esco_v1.1.1/en/occupations_en.csv"
RELATIONS = "esco_v1.1.1/relations/occupationSkillRelations.csv"
MAPPING = "crosswalk_esco_rome/FR_20230607_mapping_esco_rome.csv"


def _line(number: int, change: Callable[[str], str]) -> Callable[[str], str]:
    """Edit the physical line ``number`` (1-based) of a file."""

    def edit(text: str) -> str:
        lines = text.split("\n")
        lines[number - 1] = change(lines[number - 1])
        return "\n".join(lines)

    return edit


def _unclose_first_multiline_field(text: str) -> str:
    """Drop the closing quote of the first quoted field of the first record (ESCO altLabels)."""
    start = text.index("\r\n") + 2
    opening = text.index(',"', start) + 1
    closing = text.index('",', opening + 1)
    return text[:closing] + text[closing + 1 :]


CASES = [
    # (id, file, edit, line, column, message)
    ("missing-column", COHERENCE, lambda t: t.replace('"coeur_metier"', '"coeur"', 1), 1, "coeur_metier", "missing column"),
    ("broken-quote", COHERENCE, _line(4, lambda s: s.replace('","', ',"', 1)), 4, "code_rome", "malformed CSV"),
    ("unterminated-quote", COHERENCE, lambda t: t.rstrip("\n")[:-1] + "\n", 98, "coeur_metier", "unexpected end of data"),
    ("broken-multiline-quote", OCCUPATIONS, _unclose_first_multiline_field, 2, "altLabels", "malformed CSV"),
    ("short-row", MOBILITIES, _line(3, lambda s: s.rsplit(",", 1)[0]), 3, "numero_ordre", "2 fields where the header has 3"),
    ("bad-flag", COHERENCE, _line(2, lambda s: s.rsplit(",", 1)[0] + ',"Secondaire"'), 2, "coeur_metier", "unknown value 'Secondaire'"),
    ("unknown-fiche", MOBILITIES, _line(2, lambda s: s.replace('"H1102"', '"N9999"')), 2, "code_rome_cible", "unknown fiche 'N9999'"),
    ("bad-rank", MOBILITIES, _line(2, lambda s: s.rsplit(",", 1)[0] + ',"first"'), 2, "numero_ordre", "'first' is not a rank"),
    ("bad-relation", RELATIONS, lambda t: t.replace(",essential,", ",mandatory,", 1), 2, "relationType", "unknown relation type 'mandatory'"),
    ("bad-uri", RELATIONS, lambda t: t.replace("http://data.europa.eu/esco/skill/", "http://example.org/skill/", 1), 2, "skillUri", "is not an ESCO URI"),
    ("bad-mapping", MAPPING, lambda t: t.replace("skos:exactMatch", "skos:sameAs", 1), None, "mapping relation", "unknown relation 'skos:sameAs'"),
]


@pytest.mark.parametrize(("relpath", "edit", "line", "column", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_malformed_file_is_named_with_line_and_column_and_nothing_changes(
    imported: tuple[Path, ImportReport], slices: Path, tmp_path: Path,
    relpath: str, edit: Callable[[str], str], line: int | None, column: str, message: str,
) -> None:
    root = copy_store(imported[0], tmp_path / "store")
    in_service, sizes = current_release(root), graph_sizes(root)
    rewrite_slice(slices, relpath, edit)
    with pytest.raises(DataError) as caught:
        import_reference(root, slices)
    problem = caught.value.problems[0]
    assert problem.file == slices / (relpath + ".xz")
    assert problem.field == column and message in problem.message
    if line is not None:
        assert problem.line == line
    else:
        assert problem.line is not None and problem.line > 15  # after the mapping's metadata header
    text = str(caught.value)
    assert re.search(rf"{re.escape(relpath)}\.xz:{problem.line}\b", text) and f"'{column}'" in text
    # Nothing was published, nothing was left behind.
    assert current_release(root) == in_service and graph_sizes(root) == sizes
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".import-")) == []
    assert len(list((root / "releases").iterdir())) == len(list((imported[0] / "releases").iterdir()))


def test_bytes_not_in_the_encoding_are_located(slices: Path, tmp_path: Path) -> None:
    path = slices / (COHERENCE + ".xz")
    import lzma

    data = lzma.decompress(path.read_bytes()).replace("Émergente".encode(), "Émergente".encode("cp1252"), 1)
    path.write_bytes(lzma.compress(data))
    with pytest.raises(DataError, match=r"unix_coherence_item_v460_utf8\.csv\.xz:\d+, field 'coeur_metier': byte 0xc9 is not utf-8"):
        import_reference(tmp_path / "store", slices, parts=("rome",))


def test_a_missing_file_is_named_before_anything_is_read(slices: Path, tmp_path: Path) -> None:
    (slices / (MOBILITIES + ".xz")).unlink()
    with pytest.raises(DataError, match=r"unix_rubrique_mobilite_v460_utf8\.csv\.xz: file not found"):
        import_reference(tmp_path / "store", slices)
    assert not (tmp_path / "store" / "current").exists()


def test_a_missing_reference_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no reference folder"):
        import_reference(tmp_path / "store", tmp_path / "nowhere")


def test_a_coherence_flag_needs_a_link(slices: Path, tmp_path: Path) -> None:
    """A cœur de métier flag on an item the fiche does not list (unix_liens_rome_referentiels) is refused."""

    def drop_first_item_link(text: str) -> str:
        lines = text.split("\n")
        index = next(i for i, line in enumerate(lines) if re.match(r'^"[A-N]\d{4}","5"', line))
        return "\n".join(lines[:index] + lines[index + 1 :])

    rewrite_slice(slices, "rome_4.0_v460/unix_liens_rome_referentiels_v460_utf8.csv", drop_first_item_link)
    with pytest.raises(DataError, match=r"unix_coherence_item_v460_utf8\.csv\.xz:\d+, record '[A-N]\d{4}', field 'code_ogr': item '\d+' is not linked"):
        import_reference(tmp_path / "store", slices, parts=("rome",))


def test_many_problems_are_reported_together(slices: Path, tmp_path: Path) -> None:
    rewrite_slice(slices, MOBILITIES, lambda t: t.replace('"1"', '"x"').replace('"2"', '"y"'))
    with pytest.raises(DataError) as caught:
        import_reference(tmp_path / "store", slices, parts=("rome",))
    assert len(caught.value.problems) >= 2 and {p.field for p in caught.value.problems} == {"numero_ordre"}


def test_an_import_is_refused_while_a_build_holds_the_lock(tmp_path: Path, slices: Path) -> None:
    root = tmp_path / "store"
    with release_lock(root), pytest.raises(StoreError, match="another build is running"):
        import_reference(root, slices)
