"""The HTML reports: self-contained, cited, French by default and English on demand."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from skillgraph.build import BuildReport
from skillgraph.commands.report import app
from skillgraph.gaps.coverage import coverage
from skillgraph.errors import ReportError, UnknownIdentifier
from skillgraph.gaps.model import ID, GapModel, load_model
from skillgraph.report import (
    ProfileResult,
    hr_report,
    load_recommendations,
    report_pairs,
    training_report,
)

STRASBOURG = "m2-strasbourg-reglementation-droit-pharmaceutique"
RA = ID + "job-family/regulatory-affairs"
URL = re.compile(r"https?://", re.I)

runner = CliRunner()


@pytest.fixture(scope="module")
def model(store: ox.Store) -> GapModel:
    return load_model(store)


@pytest.fixture(scope="module")
def french(model: GapModel, store: ox.Store) -> str:
    return training_report(model, programme=STRASBOURG, store=store)


@pytest.fixture(scope="module")
def english(model: GapModel, store: ox.Store) -> str:
    return training_report(model, programme=STRASBOURG, lang="en", store=store)


class _Collector(HTMLParser):
    """Headings, external references and anything a browser would fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.fetches: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3", "h4"):
            self._in = tag
            self.headings.append("")
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith("#"):
                self.fetches.append(f"{tag} {name}={value}")
        if tag in ("link", "script", "img", "iframe"):
            self.fetches.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.headings[-1] += data


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def test_report_is_self_contained_without_any_url(french: str, english: str) -> None:
    for html in (french, english):
        assert not URL.search(html)
        parsed = _parse(html)
        assert parsed.fetches == []  # no stylesheet, script, image or link to fetch
        assert html.count("<svg") >= 2  # the phase chart and the heatmap, inline
        assert "<style>" in html


def test_report_cites_the_source_lines_of_every_gap(model: GapModel, french: str) -> None:
    report = coverage(model, ID + "programme/" + STRASBOURG, RA)
    assert report.gaps
    for gap in report.gaps:
        first, last = gap.requirement.lines
        expected = f"ligne {first}" if first == last else f"lignes {first}–{last}"
        assert f"étude AEC 2020, {expected}" in french


def test_report_content_for_a_committee(french: str) -> None:
    headings = _parse(french).headings
    assert headings[0].startswith("Rapport de couverture")
    assert headings.index("Synthèse") < headings.index("Méthode")
    for expected in ("Lacunes (11)", "Comparaison avec les formations de même type",
                     "Recommandations de l'étude aux organismes de formation", "Méthode"):
        assert any(h.startswith(expected) for h in headings), expected
    assert "Université de Strasbourg" in french and "Master 2" in french
    assert "53\u00a0%" in french and "58\u00a0%" in french  # guaranteed and possible
    assert "Choix exclusif" in french
    assert "1er rang sur 8" in french
    # where else a gap is taught: a device-regulation module of another programme
    assert "Aspects réglementaires des DM" in french
    # the study's recommendations to training bodies for regulatory-affairs masters
    assert "Modules santé digitale et gestion des données de santé en Affaires Réglementaires" in french
    assert "UX/UI" not in french.split('id="recommendations"')[1].split('id="method"')[0]
    assert "essentielle 3, importante 2, complémentaire 1" in french
    assert '<html lang="fr">' in french
    assert "{{" not in french and "{%" not in french


def test_english_switches_every_heading(french: str, english: str) -> None:
    fr, en = _parse(french).headings, _parse(english).headings
    assert len(fr) == len(en)
    assert en[0].startswith("Coverage report") and "Summary" in en and "Method" in en
    assert "Comparison with programmes of the same type" in en
    french_words = ("Synthèse", "Lacunes", "Méthode", "Formation", "Recommandations", "Couverture du métier")
    assert not [h for h in en if any(h.startswith(w) for w in french_words)]
    assert '<html lang="en">' in english and "AEC 2020 study, lines" in english
    assert "ranks 1st of 8" in english


def test_report_for_a_programme_type(model: GapModel, store: ox.Store) -> None:
    seen: list[tuple[int, int]] = []
    html = training_report(model, programme_type="master2", store=store,
                           progress=lambda done, total, _: seen.append((done, total)))
    assert seen[-1] == (8, 8)
    assert html.count('class="programme"') == 8
    assert "8 formation(s) « Master 2 »" in html
    assert not URL.search(html)


def test_report_without_recommendations_leaves_the_section_out(model: GapModel) -> None:
    html = training_report(model, programme=STRASBOURG)
    assert 'id="recommendations"' not in html and 'id="method"' in html


def test_recommendations_are_read_from_the_store(store: ox.Store) -> None:
    recommendations = load_recommendations(store)
    assert len(recommendations) == 7
    regulatory = [r for r in recommendations if RA in r.families]
    assert len(regulatory) == 2 and all("Master2" in r.programme_types for r in regulatory)
    assert all(r.lines[0] <= r.lines[1] for r in recommendations)


def test_report_arguments_are_checked(model: GapModel) -> None:
    with pytest.raises(ReportError):
        training_report(model)
    with pytest.raises(ReportError):
        training_report(model, programme=STRASBOURG, programme_type="master2")
    with pytest.raises(UnknownIdentifier, match="unknown programme"):
        training_report(model, programme="m2-nowhere")
    with pytest.raises(ReportError, match="no programme of type"):
        report_pairs(model, programme_type="master2", family="ux-ui-designer")
    assert len(report_pairs(model, programme="master-numerique-sante")) == 2


def test_hr_report_from_a_profile_structure(model: GapModel) -> None:
    profile = ProfileResult.model_validate({
        "title": "Équipe affaires réglementaires",
        "family": "regulatory-affairs",
        "phases": [
            {"phase": "conception", "gaps": [
                {"skill": "digital-health-ecosystem", "importance": "essential", "lines": [8092, 8094],
                 "coverage": 0.5,
                 "recommended": [{"programme": STRASBOURG, "module": "strasbourg-m2-esante-production",
                                  "reason": "module obligatoire d'e-santé"}]},
            ]},
            {"phase": "evaluation", "gaps": []},
        ],
    })
    html = hr_report(model, profile)
    assert "étude AEC 2020, lignes 8092–8094" in html and "module obligatoire d'e-santé" in unescape(html)
    assert "E-santé et production dans l’industrie pharmaceutique" in html
    assert not URL.search(html) and _parse(html).fetches == []
    english = hr_report(model, profile, lang="en")
    assert "Skills to develop" in english and "Method" in _parse(english).headings
    with pytest.raises(ValidationError):
        ProfileResult.model_validate({"title": "x", "phases": [{"phase": "conception", "gaps": [
            {"skill": "digital-health-ecosystem", "importance": 4, "lines": [1, 2]}]}]})
    with pytest.raises(UnknownIdentifier, match="unknown skill"):
        hr_report(model, {"title": "x", "phases": [{"phase": "conception", "gaps": [
            {"skill": "no-such-skill", "importance": 1, "lines": [1, 2]}]}]})


def test_cli_training_and_coverage(built: tuple[Path, BuildReport], tmp_path: Path) -> None:
    store = str(built[0])
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["training", "--programme", STRASBOURG, "--lang", "en", "-o", str(out), "--store", store])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Coverage report" in html and not URL.search(html)
    result = runner.invoke(app, ["training", "--programme-type", "university-diploma", "-o", str(out), "--store", store])
    assert result.exit_code == 0, result.output
    assert "2/2" in result.stderr  # rich progress over the two programmes
    result = runner.invoke(app, ["coverage", "--programme", STRASBOURG, "--family", "regulatory-affairs",
                                 "--format", "json", "--store", store])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["overall"]["guaranteed"] < answer["overall"]["possible"]
    assert answer["chosen_options"] == ["strasbourg-m2-option-dm"]
    assert list(answer["by_phase"]) == ["conception", "realisation", "evaluation", "commercialisation"]
    result = runner.invoke(app, ["coverage", "--programme", STRASBOURG, "--family", "regulatory-affairs", "--store", store])
    assert result.exit_code == 0 and "overall" in result.stdout and "8108-8112" in result.stdout
    result = runner.invoke(app, ["training", "--store", store])
    assert result.exit_code == 1 and result.stderr == "error: give either a programme or a programme type\n"
    result = runner.invoke(app, ["coverage", "--programme", "m2-nowhere", "--family", "quality", "--store", store])
    assert result.exit_code == 1 and "error: unknown programme 'm2-nowhere'" in result.stderr
