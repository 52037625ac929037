"""What the pages say, checked against the graph: the gap model, the coverage and benchmark
functions and the named queries (never against numbers written in the test)."""

from __future__ import annotations

import re
import unicodedata
from html import escape as html_escape

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from skillgraph.catalogue import load_catalogue
from skillgraph.gaps.benchmark import benchmark
from skillgraph.gaps.coverage import coverage
from skillgraph.gaps.model import ID, GapModel, short
from skillgraph.resources import resource_dir
from skillgraph.server.web import explore

from tests.conftest import select

from .pagecheck import parse

FAMILIES = ["data-jobs", "market-access", "marketing-sales", "medical-affairs", "project-manager", "quality",
            "regulatory-affairs", "software-developer", "technical-jobs", "ux-ui-designer"]
STRASBOURG = "m2-strasbourg-reglementation-droit-pharmaceutique"
CATALOGUE = load_catalogue(resource_dir("api") / "queries")


def _named(store: ox.Store, name: str, **params: str) -> list[dict[str, str]]:
    query = CATALOGUE[name]
    solutions = store.query(query.text, substitutions=query.substitutions(params), use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


def test_the_family_list_is_every_family_of_the_graph(web: TestClient, gap_model: GapModel) -> None:
    assert sorted(short(f) for f in gap_model.families) == FAMILIES
    links = {url for tag, _, url in parse(web.get("/metiers").text).urls if url.startswith("/metiers/")}
    assert links == {f"/metiers/{f}" for f in FAMILIES}


@pytest.mark.parametrize("family", FAMILIES)
def test_family_card_skills_are_the_graphs(web: TestClient, gap_model: GapModel, store: ox.Store, family: str) -> None:
    page = parse(web.get(f"/metiers/{family}").text)
    iri = f"{ID}job-family/{family}"
    requirements = gap_model.families[iri].requirements
    assert sorted(page.data["data-skill"]) == sorted(short(r.skill) for r in requirements)
    assert {s.rsplit("/", 1)[-1] for s in (r["skill"] for r in _named(store, "job-family-skills", jobFamily=family))} == set(
        page.data["data-skill"])
    assert page.text.count("nouvelle pour les SMT") == sum(r.new_for_smt for r in requirements)
    # Every requirement shows its source lines, linked to the study's text.
    for r in requirements:
        assert (f"/sources/aec-2020/{r.lines[0]}-{r.lines[1]}") in {u for _, _, u in page.urls}


@pytest.mark.parametrize("family", FAMILIES)
def test_family_card_ranks_its_programmes_by_coverage(web: TestClient, gap_model: GapModel, family: str) -> None:
    page = parse(web.get(f"/metiers/{family}").text)
    iri = f"{ID}job-family/{family}"
    preparing = [p for p, prog in gap_model.programmes.items() if iri in prog.prepares_for]
    shown = page.data["data-programme"]
    assert sorted(shown) == sorted(short(p) for p in preparing)
    scores = [coverage(gap_model, f"{ID}programme/{p}", iri).overall for p in shown]
    keys = [(-s.guaranteed, -s.possible) for s in scores]
    assert keys == sorted(keys)


def test_family_card_text_is_the_study_card(web: TestClient, store: ox.Store) -> None:
    page = parse(web.get("/metiers/regulatory-affairs").text)
    rows = _named(store, "job-card", jobFamily="regulatory-affairs", lang="fr")
    texts = [r["text"] for r in rows if not r["section"].endswith("hasPhaseInvolvement")]
    assert texts
    for text in texts:
        assert " ".join(text.split()) in page.text
    english = parse(web.get("/metiers/regulatory-affairs", params={"lang": "en"}).text)
    for row in _named(store, "job-card", jobFamily="regulatory-affairs", lang="en")[:5]:
        assert " ".join(row["text"].split()) in english.text


def test_interpretations_are_flagged_with_their_note(web: TestClient, store: ox.Store) -> None:
    page = web.get(f"/formations/{STRASBOURG}").text
    notes = [r["note"] for r in _named(store, "citations", under=f"{ID}programme/{STRASBOURG}") if "note" in r]
    assert notes
    assert page.count('class="interp"') >= len(notes)
    assert "The study analyses these as" in page


def test_unknown_ids_answer_404_pages(web: TestClient) -> None:
    for url in ("/metiers/no-such-family", "/formations/no-such-programme", f"/formations/{STRASBOURG}?metier=nope",
                "/sources/aec-2020/0-2", "/sources/aec-2020/9-2", "/sources/nope/1-2"):
        response = web.get(url)
        assert response.status_code == 404, url
        assert parse(response.text).headings[0][1] == "Page introuvable"


@pytest.mark.parametrize(
    ("params", "expected"),
    [({}, lambda p: True), ({"type": "Master2"}, lambda p: p.type == "Master2"),
     ({"ville": "Paris"}, lambda p: "Paris" in p.cities),
     ({"type": "UniversityDiploma", "ville": "Toulouse"}, lambda p: p.type == "UniversityDiploma" and "Toulouse" in p.cities)],
    ids=["all", "master2", "paris", "du-toulouse"],
)
def test_programme_list_filters(web: TestClient, gap_model: GapModel, params: dict[str, str], expected) -> None:  # type: ignore[no-untyped-def]
    shown = parse(web.get("/formations", params=params).text).data["data-programme"]
    wanted = sorted(short(i) for i, p in gap_model.programmes.items() if expected(p))
    assert wanted and sorted(shown) == wanted


def test_every_programme_page_shows_its_modules_coverage_gaps_and_peers(web: TestClient, gap_model: GapModel) -> None:
    for iri, programme in gap_model.programmes.items():
        page = parse(web.get(f"/formations/{short(iri)}").text)
        options = [m for g in programme.groups for ms in g.options.values() for m in ms]
        assert sorted(page.data["data-module"]) == sorted(short(m) for m in programme.core + options), iri
        family = sorted(programme.prepares_for)[0] if programme.prepares_for else sorted(gap_model.families)[0]
        report = coverage(gap_model, iri, family)
        assert page.data["data-skill"] == [short(r.requirement.skill) for r in report.gaps], iri
        assert sorted(page.data["data-phase"]) == sorted(short(p) for p in report.by_phase)
        peers = benchmark(gap_model, iri, family)
        assert [p for p in page.data["data-programme"]] == [short(p.programme) for p in peers.peers]
        assert f"{round(report.overall.guaranteed * 100)} %" in page.text and f"{round(report.overall.possible * 100)} %" in page.text


def test_strasbourg_shows_its_exclusive_choice(web: TestClient, gap_model: GapModel) -> None:
    page = parse(web.get(f"/formations/{STRASBOURG}").text)
    report = coverage(gap_model, f"{ID}programme/{STRASBOURG}", f"{ID}job-family/regulatory-affairs")
    assert report.overall.guaranteed < report.overall.possible
    assert "Choix exclusif" in page.text and "au choix" in page.text
    for option in report.chosen_options:
        assert gap_model.label(option) in page.text


def test_programme_scored_against_another_family(web: TestClient, gap_model: GapModel) -> None:
    page = parse(web.get(f"/formations/{STRASBOURG}", params={"metier": "quality"}).text)
    report = coverage(gap_model, f"{ID}programme/{STRASBOURG}", f"{ID}job-family/quality")
    assert page.data["data-skill"] == [short(r.requirement.skill) for r in report.gaps]
    assert "ne prépare pas à ce métier" in page.text


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [("DONNEES", "fr", "/metiers/data-jobs"), ("data scientist", "fr", "/metiers/data-jobs"),
     ("qualite", "fr", "/metiers/quality"), ("Regulatory", "en", "/metiers/regulatory-affairs")],
    ids=["accents-folded", "job-leads-to-family", "family", "english"],
)
def test_search(web: TestClient, text: str, lang: str, expected: str) -> None:
    page = parse(web.get("/explorer", params={"q": text, "lang": lang}).text)
    assert expected in {u for _, _, u in page.urls}


@pytest.mark.parametrize(
    ("text", "lang"), [("xylophone", "fr"), ("xylophone", "en")],
    ids=["no-match-fr", "no-match-en"],
)
def test_search_without_match_says_so(web: TestClient, store: ox.Store, text: str, lang: str) -> None:
    assert _named(store, "search", text=text, lang=lang) == []  # the graph has no such label
    html = web.get("/explorer", params={"q": text, "lang": lang}).text
    page = parse(html)
    said = explore.TEXTS[lang]["no_result"].format(text=text)
    assert said in page.text
    assert re.search(r'<p role="status">' + re.escape(html_escape(said, quote=True)) + "</p>", html), "said as a status"
    assert 'class="results"' not in html and "data-hit" not in html


def _folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def _programmes_by_provider_or_city(store: ox.Store, text: str) -> dict[str, set[str]]:
    """Programme id -> how it is found ("provider", "city"), from the graph's triples folded here."""
    rows = select(store, """SELECT ?p ?provider ?city WHERE { ?p a sg:Programme .
        { ?p sg:providedBy/rdfs:label ?provider } UNION { ?p sg:city ?city } }""")
    found: dict[str, set[str]] = {}
    for row in rows:
        for via in ("provider", "city"):
            if via in row and _folded(text) in _folded(row[via]):
                found.setdefault(short(row["p"]), set()).add(via)
    return found


@pytest.mark.parametrize(
    ("text", "lang"), [("strasbourg", "fr"), ("Lyon", "fr"), ("universite", "fr"), ("University of Strasbourg", "en"),
                       ("paristech", "en")],
    ids=["city-and-provider", "city", "provider-accents-folded", "provider-english", "provider-word"],
)
def test_search_finds_programmes_by_provider_or_city(web: TestClient, store: ox.Store, text: str, lang: str) -> None:
    expected = _programmes_by_provider_or_city(store, text)
    assert expected, "the graph has programmes for this provider or city"
    rows = _named(store, "search", text=text, lang=lang)
    assert {r["id"]: set(r["matchedBy"].split()) - {"label"} for r in rows if "label" not in r["matchedBy"]} == {
        p: via for p, via in expected.items() if p not in {r["id"] for r in rows if "label" in r["matchedBy"]}}
    page = parse(web.get("/explorer", params={"q": text, "lang": lang}).text)
    links = {u for _, _, u in page.urls}
    assert {f"/formations/{p}" for p in expected} <= links
    assert sorted(page.data["data-found-by"]) == sorted(" ".join(v for v in ("provider", "city") if v in via) for via in expected.values())


def test_search_says_which_provider_and_city_matched(web: TestClient) -> None:
    page = parse(web.get("/explorer", params={"q": "strasbourg"}).text)
    assert "établissement : Université de Strasbourg, ville : Strasbourg" in page.text
    english = parse(web.get("/explorer", params={"q": "strasbourg", "lang": "en"}).text)
    assert "provider: University of Strasbourg, city: Strasbourg" in english.text


def test_search_of_a_skill_says_who_needs_it_and_who_teaches_it(web: TestClient, gap_model: GapModel) -> None:
    skill = f"{ID}skill/gdpr-cybersecurity-law"
    page = parse(web.get("/explorer", params={"q": gap_model.label(skill)}).text)
    links = {u for _, _, u in page.urls}
    needing = {short(f) for f, fam in gap_model.families.items() if any(r.skill == skill for r in fam.requirements)}
    assert needing and {f"/metiers/{f}" for f in needing} <= links


def test_search_text_is_bounded(web: TestClient) -> None:
    assert web.get("/explorer", params={"q": "x" * 201}).status_code == 422


def test_explore_lists_the_whole_catalogue(web: TestClient) -> None:
    page = parse(web.get("/explorer").text)
    links = {u for _, _, u in page.urls}
    for name in CATALOGUE:
        assert f"/explorer/sparql?requete={name}" in links and f"/api/{name}" in links


def test_home_figures_are_the_graphs(web: TestClient, gap_model: GapModel, store: ox.Store) -> None:
    page = parse(web.get("/").text)
    documents = _named(store, "source-documents", lang="fr")
    for figure, text in [(len(gap_model.families), "familles de métiers"), (len(gap_model.skills), "compétences"),
                         (len(gap_model.programmes), "formations"), (len(gap_model.phase_order), "phases de développement"),
                         (len(documents), "document source")]:
        assert f"{figure} {text}" in page.text
    assert documents[0]["title"] in page.text  # the footer's attribution


def test_source_page_shows_the_cited_lines(web: TestClient) -> None:
    lines = (resource_dir("data") / "sources" / "aec-2020.txt").read_text(encoding="utf-8").splitlines()
    page = web.get("/sources/aec-2020/7052-7053").text
    for n in (7052, 7053):
        assert f'id="L{n}"' in page
        assert parse(f"<p>{lines[n - 1]}</p>").text in parse(page).text
    assert 'id="L7054"' not in page
