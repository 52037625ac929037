"""The coverage matrix in the browser: numbers as the API says, a filter, a click through to the
gaps, a download, the keyboard, and a tablet."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import fetch_json, horizontal_overflow, query_string, tab_reaches

pytestmark = pytest.mark.browser

STRASBOURG = "m2-strasbourg-reglementation-droit-pharmaceutique"


def _cell(page: Any, family: str, programme: str) -> Any:
    return page.locator(f'td[data-family="{family}"][data-programme="{programme}"]')


def test_matrix_shows_what_the_api_computes(page: Any, server: str) -> None:
    page.goto(server + "/couverture")
    assert page.locator("h1").inner_text() == "Matrice de couverture"
    api = fetch_json(server + "/coverage/matrix")
    assert page.locator("th[id^=col-]").count() == len(api["programmes"])
    for cell in api["cells"][::37]:  # a spread of cells over the whole table
        shown = _cell(page, cell["family"], cell["programme"]).inner_text().split("(")[0].strip()
        assert shown.rstrip("◆").strip() == str(round(cell["guaranteed"] * 100)), cell


def test_filter_then_click_through_to_the_gaps(page: Any, server: str) -> None:
    page.goto(server + "/couverture")
    page.select_option("#f-city", "Strasbourg")
    page.check('input[name=programme_type][value=master2]')
    with page.expect_navigation():
        page.click("#apply-filters")
    assert "city=Strasbourg" in page.url
    api = fetch_json(server + "/coverage/matrix?" + query_string({"city": "Strasbourg", "programme_type": "master2"}))
    columns = [c.get_attribute("id")[4:] for c in page.locator("th[id^=col-]").all()]
    assert columns == [p["id"] for p in api["programmes"]] == [STRASBOURG]

    with page.expect_navigation():
        _cell(page, "regulatory-affairs", STRASBOURG).locator("a").click()
    assert page.url.endswith(f"/couverture/{STRASBOURG}/regulatory-affairs")
    detail = fetch_json(server + "/coverage?" + query_string({"programme": STRASBOURG, "family": "regulatory-affairs"}))
    shares = [float(x) for x in page.locator("#overall dd").evaluate_all("els => els.map(e => e.dataset.share)")]
    assert shares == pytest.approx([detail["overall"]["guaranteed"], detail["overall"]["possible"]], abs=1e-4)
    assert page.locator("#gaps > li").count() == len(detail["gaps"])
    assert detail["family_label"] in page.locator("h1").inner_text()


def test_csv_download_is_the_filtered_matrix(page: Any, server: str) -> None:
    page.goto(server + "/couverture?city=Lyon")
    with page.expect_download() as info:
        page.click("#download-csv")
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    columns = {c.get_attribute("id")[4:] for c in page.locator("th[id^=col-]").all()}
    assert rows and {r["programme"] for r in rows} == columns


def test_keyboard_reaches_the_filters_downloads_and_cells(page: Any, server: str) -> None:
    page.goto(server + "/couverture?programme_type=master2")
    first_cell = "table.matrix tbody td a"
    missing = tab_reaches(page, ["#f-city", "#f-topic", "#apply-filters", "#download-csv", "#download-png", first_cell])
    assert not missing
    page.locator(first_cell).first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/couverture/" in page.url


def test_english_switch(page: Any, server: str) -> None:
    page.goto(server + "/couverture")
    with page.expect_navigation():
        page.click("a.lang-switch")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Coverage matrix"


def test_tablet_matrix_scrolls_inside_its_region(tablet_page: Any, server: str) -> None:
    tablet_page.goto(server + "/couverture")
    assert horizontal_overflow(tablet_page) == 0
    region = tablet_page.locator(".matrix-scroll")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    assert tablet_page.locator("#apply-filters").is_visible()
