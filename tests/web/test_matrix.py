"""The coverage matrix page and its cell detail, in process: numbers checked against the gap gap_model,
filters, downloads, errors, both languages, contrast of the heat scale."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from skillgraph.gaps.coverage import coverage
from skillgraph.gaps.matrix import coverage_matrix
from skillgraph.gaps.model import ID, GapModel, short
from skillgraph.server.web import STATIC_DIR
from skillgraph.server.web.matrix import heat_level

STRASBOURG = "m2-strasbourg-reglementation-droit-pharmaceutique"


class _Page(HTMLParser):
    """The matrix cells (family, programme, class, link, text), column ids, form state, alerts."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[tuple[str, str], dict[str, str]] = {}
        self.columns: list[str] = []
        self.checked: list[tuple[str, str]] = []
        self.selected: list[str] = []
        self.alerts: list[str] = []
        self.links: dict[str, str] = {}
        self._cell: dict[str, str] | None = None
        self._alert = False
        self._link: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "td" and "data-family" in a:
            self._cell = {"class": a.get("class", ""), "text": "", "href": "", "aria": ""}
            self.cells[(a["data-family"], a["data-programme"])] = self._cell
        elif tag == "th" and a.get("id", "").startswith("col-"):
            self.columns.append(a["id"][4:])
        elif tag == "a" and self._cell is not None:
            self._cell["href"], self._cell["aria"] = a.get("href", ""), a.get("aria-label", "")
        elif tag == "input" and "checked" in a:
            self.checked.append((a["name"], a["value"]))
        elif tag == "option" and "selected" in a:
            self.selected.append(a["value"])
        elif a.get("role") == "alert":
            self._alert = True
        if tag == "a" and a.get("id"):
            self.links[a["id"]] = a.get("href", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._cell = None
        if tag == "div":
            self._alert = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell["text"] += data
        if self._alert and data.strip():
            self.alerts.append(data.strip())


def _page(client: TestClient, url: str, status: int = 200) -> _Page:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    parsed = _Page()
    parsed.feed(response.text)
    return parsed


def test_every_cell_shows_the_models_guaranteed_coverage(web: TestClient, gap_model: GapModel) -> None:
    page = _page(web, "/couverture")
    expected = coverage_matrix(gap_model, "all")
    assert page.columns == [short(p) for p in expected.programmes]
    assert len(page.cells) == len(expected.families) * len(expected.programmes) == 420
    for (family, programme), cell in expected.cells.items():
        shown = page.cells[(short(family), short(programme))]
        assert cell.guaranteed is not None and cell.possible is not None
        number = re.match(r"\d+", shown["text"])
        assert number and int(number.group()) == round(cell.guaranteed * 100), (family, programme)
        assert f"heat-{heat_level(cell.guaranteed)}" in shown["class"].split()
        assert ("prepares" in shown["class"].split()) == cell.prepares
        assert shown["href"] == f"/couverture/{short(programme)}/{short(family)}"
        if cell.possible > cell.guaranteed + 1e-9:  # the possible coverage, in brackets, only when higher
            assert f"({round(cell.possible * 100)})" in shown["text"]
        else:
            assert "(" not in shown["text"]


def test_possible_value_and_preparing_scope(web: TestClient, gap_model: GapModel) -> None:
    page = _page(web, "/couverture?value=possible&scope=preparing")
    expected = coverage_matrix(gap_model, "preparing")
    assert page.columns == [short(p) for p in expected.programmes]
    for (family, programme), cell in expected.cells.items():
        shown = page.cells[(short(family), short(programme))]
        if cell.possible is None:
            assert shown["text"].strip() == "–" and "unscored" in shown["class"]
        else:
            assert int(re.match(r"\d+", shown["text"]).group()) == round(cell.possible * 100)  # type: ignore[union-attr]
    assert ("value", "possible") in page.checked and ("scope", "preparing") in page.checked


@pytest.mark.parametrize("query, keep", [
    ("city=Lyon", lambda p: "Lyon" in p.cities),
    ("city=compiegne", lambda p: "Compiègne" in p.cities),
    ("programme_type=master2&programme_type=university-diploma", lambda p: p.type in {"Master2", "UniversityDiploma"}),
    ("programme_type=master2&city=Lyon", lambda p: p.type == "Master2" and "Lyon" in p.cities),
], ids=["city", "city-accents", "two-kinds", "kind-and-city"])
def test_filters_keep_the_matching_programmes(web: TestClient, gap_model: GapModel, query: str, keep) -> None:  # type: ignore[no-untyped-def]
    page = _page(web, "/couverture?" + query)
    wanted = {short(iri) for iri, p in gap_model.programmes.items() if keep(p)}
    assert wanted and set(page.columns) == wanted
    assert {programme for _, programme in page.cells} == wanted


def test_topic_filter_and_form_state(web: TestClient, gap_model: GapModel) -> None:
    page = _page(web, "/couverture?topic=medical-device-regulation&programme_type=master2")
    device = ID + "topic/medical-device-regulation"
    for programme in page.columns:
        modules = [m for m in gap_model.modules.values() if m.programme == ID + "programme/" + programme]
        assert any(device in gap_model.ancestors.get(t, {t}) for m in modules for t in m.topics) or any(
            device in gap_model.ancestors.get(t, {t}) for m in modules for s in m.skills for t in gap_model.skills[s].topics)
    assert STRASBOURG in page.columns and "m2-reims-chimie-substances-naturelles-medicament" not in page.columns
    assert ("programme_type", "master2") in page.checked
    assert "medical-device-regulation" in page.selected


def test_no_programme_left_says_so(web: TestClient) -> None:
    response = web.get("/couverture?city=Reims&topic=ux-ui-design")
    assert response.status_code == 200
    assert "Aucune formation ne correspond à ces filtres." in response.text and 'id="matrix"' not in response.text


@pytest.mark.parametrize("query, word", [("city=Atlantis", "Atlantis"), ("topic=astrology", "astrology"),
                                         ("programme_type=licence", "licence")],
                         ids=["city", "topic", "kind"])
def test_unknown_filter_is_shown_in_the_page(web: TestClient, query: str, word: str) -> None:
    page = _page(web, "/couverture?" + query, status=422)
    assert page.alerts and word in page.alerts[0]
    assert len(page.columns) == 42  # the unfiltered matrix stays usable


def test_downloads_carry_the_filters(web: TestClient) -> None:
    page = _page(web, "/couverture?city=Lyon&programme_type=master2&value=possible")
    csv_response = web.get(page.links["download-csv"])
    assert csv_response.status_code == 200 and csv_response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(csv_response.text)))
    assert {r["programme"] for r in rows} == set(page.columns)
    for row in rows:
        number = int(re.match(r"\d+", page.cells[(row["family"], row["programme"])]["text"]).group())  # type: ignore[union-attr]
        assert number == round(float(row["possible"]) * 100)
    svg = web.get(page.links["download-svg"])
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    png = web.get(page.links["download-png"])
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert "value=possible" in page.links["download-svg"]


def test_english_page(web: TestClient, gap_model: GapModel) -> None:
    response = web.get("/couverture?lang=en")
    assert response.status_code == 200 and '<html lang="en">' in response.text
    assert "guaranteed coverage of job families (rows) by programmes (columns), in %" in response.text
    assert gap_model.label(ID + "job-family/regulatory-affairs", "en") in response.text
    assert "Matrice de couverture" not in response.text


def test_cell_detail_matches_the_coverage_model(web: TestClient, gap_model: GapModel) -> None:
    url = f"/couverture/{STRASBOURG}/regulatory-affairs"
    response = web.get(url)
    assert response.status_code == 200
    report = coverage(gap_model, ID + "programme/" + STRASBOURG, ID + "job-family/regulatory-affairs")
    shares = re.findall(r'data-share="([0-9.]+)"', response.text)
    assert [float(s) for s in shares] == pytest.approx([report.overall.guaranteed, report.overall.possible], abs=1e-4)
    gaps = re.findall(r'<li data-requirement="([^"]+)"', response.text)
    assert gaps == [r.requirement.iri for r in report.gaps] and gaps
    assert len(re.findall(r'<tr data-status="', response.text)) == len(report.requirements)
    assert "prépare à ce métier" in response.text  # Strasbourg prepares for regulatory affairs
    english = web.get(url + "?lang=en")
    assert "Coverage of “Regulatory affairs”" in english.text


@pytest.mark.parametrize("url", ["/couverture/no-such-programme/regulatory-affairs", f"/couverture/{STRASBOURG}/no-such-family"],
                         ids=["programme", "family"])
def test_cell_detail_of_unknown_ids_is_404(web: TestClient, url: str) -> None:
    response = web.get(url)
    assert response.status_code == 404 and "no-such" in response.text


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_heat_scale_text_contrast_is_at_least_4_5() -> None:
    css = (STATIC_DIR / "matrix.css").read_text(encoding="utf-8")
    steps = re.findall(r"\.heat-(\d) \{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6}); \}", css)
    assert [int(s[0]) for s in steps] == list(range(10))
    for step, background, text in steps:
        high, low = sorted((_luminance(background), _luminance(text)), reverse=True)
        assert (high + 0.05) / (low + 0.05) >= 4.5, step


@pytest.mark.parametrize("share, level", [(0.0, 0), (0.099, 0), (0.1, 1), (0.53, 5), (0.999, 9), (1.0, 9)])
def test_heat_level(share: float, level: int) -> None:
    assert heat_level(share) == level
