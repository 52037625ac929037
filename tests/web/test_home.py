"""The home page's headline gaps: the figures are the graph's (recomputed here from the gap model,
independently of the named queries the page reads), the study's words are quoted from the lines
cited, and the page says whether the study agrees."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from skillgraph.catalogue import load_catalogue
from skillgraph.gaps.model import ID, GapModel, short
from skillgraph.resources import resource_dir
from skillgraph.server.web import headline_texts
from skillgraph.server.web.data import SiteData
from skillgraph.server.web.headlines import Headline, headlines
from skillgraph.server.web.sources import source_lines

from .pagecheck import parse

CATALOGUE = load_catalogue(resource_dir("api") / "queries")
STUDY = resource_dir("data") / "sources" / "aec-2020.txt"
KEYS = ["device", "digital", "uxui", "engineers"]
_RANK = {1: "mandatory", 2: "elective", 3: "exclusive-choice", 9: "none"}


def _topic_status(model: GapModel, programme: str, topic: str) -> str:
    """How a programme teaches a topic, by the gap model: a core module (mandatory or elective),
    only a module of an exclusive option, or none."""
    ranks = [
        3 if m.option else (1 if m.status == "mandatory" else 2)
        for m in model.modules.values()
        if m.programme == programme and any(f"{ID}topic/{topic}" in model.ancestors.get(t, {t}) for t in m.topics)
    ]
    return _RANK[min(ranks, default=9)]


def _preparing(model: GapModel, family: str, kind: str | None = None) -> list[str]:
    return [p for p, prog in model.programmes.items()
            if f"{ID}job-family/{family}" in prog.prepares_for and (kind is None or prog.type == kind)]


# What each headline is, said with the gap model alone: the programmes asked about, and those in the gap.
EXPECTED: dict[str, Callable[[GapModel], tuple[list[str], set[str]]]] = {
    "device": lambda m: (ps := _preparing(m, "regulatory-affairs", "Master2"),
                         {p for p in ps if _topic_status(m, p, "medical-device-regulation") == "none"}),
    "digital": lambda m: (ps := _preparing(m, "regulatory-affairs", "Master2"),
                          {p for p in ps if _topic_status(m, p, "digital-health") == "none"}),
    "uxui": lambda m: (ps := _preparing(m, "ux-ui-designer"),
                       {p for p in ps if _topic_status(m, p, "health-system") == "none"}),
    "engineers": lambda m: (ps := _preparing(m, "technical-jobs"),
                            {p for p in ps if "none" in (_topic_status(m, p, "drug-development"),
                                                         _topic_status(m, p, "medical-device-engineering"))}),
}


@pytest.fixture(scope="module")
def site(store: ox.Store, gap_model: GapModel) -> SiteData:
    return SiteData(store, gap_model, CATALOGUE, "test")


def _articles(html: str) -> dict[str, dict[str, str]]:
    """Each headline article's data attributes, by key."""
    found = {}
    for match in re.finditer(r"<article class=\"headline\"[^>]*>", html):
        attrs = dict(re.findall(r'data-([\w-]+)="([^"]*)"', match.group(0)))
        found[attrs["headline"]] = attrs
    return found


def _section(html: str, key: str) -> str:
    start = html.index(f'id="ecart-{key}"')
    return html[start:html.index("</article>", start)]


def _folded(text: str) -> str:
    return " ".join(text.split())


def test_the_home_page_shows_every_headline_in_the_studys_order(web: TestClient) -> None:
    assert list(_articles(web.get("/").text)) == KEYS


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("key", KEYS)
def test_headline_figures_are_the_graphs(web: TestClient, gap_model: GapModel, key: str, lang: str) -> None:
    asked, gap = EXPECTED[key](gap_model)
    assert asked, key
    html = web.get("/", params={"lang": lang}).text
    shown = _articles(html)[key]
    assert (int(shown["count"]), int(shown["total"])) == (len(gap), len(asked))
    section = parse(_section(html, key))
    assert sorted(section.data["data-programme"]) == sorted(short(p) for p in asked)
    in_gap = {p for p, flag in zip(section.data["data-programme"], section.data["data-in-gap"], strict=True) if flag == "true"}
    assert in_gap == {short(p) for p in gap}
    # The figures are in the heading, and every programme links to its page.
    heading = section.headings[0][1]
    of = " des " if lang == "fr" else " of the "
    assert heading.startswith(f"{len(gap)}{of}{len(asked)} "), heading
    assert {f"/formations/{short(p)}" for p in asked} <= {u for _, _, u in section.urls}


@pytest.mark.parametrize("key", KEYS)
def test_headline_quotes_the_study_at_the_lines_it_cites(web: TestClient, site: SiteData, key: str) -> None:
    headline = next(h for h in headlines(site, "fr") if h.key == key)
    statement = headline.statement
    quoted = _folded(" ".join(text for _, text in source_lines(STUDY, *statement.quote)))
    assert _folded(statement.text) in quoted
    for first, last in statement.more:
        source_lines(STUDY, first, last)  # raises past the end of the study
    for lang in ("fr", "en"):
        section = _section(web.get("/", params={"lang": lang}).text, key)
        assert _folded(statement.text) in _folded(parse(section).text)
        links = {u for _, _, u in parse(section).urls}
        for first, last in (statement.quote, *statement.more):
            assert f"/sources/aec-2020/{first}-{last}" in links
    # English readers get a translation next to the study's French words; French readers do not.
    translation = _folded(headline_texts.TEXTS["en"][f"{key}_translation"])
    assert translation in _folded(parse(_section(web.get("/", params={"lang": "en"}).text, key)).text)
    assert translation not in _folded(parse(_section(web.get("/", params={"lang": "fr"}).text, key)).text)


@pytest.mark.parametrize("key", KEYS)
def test_the_page_says_whether_the_study_agrees_and_why_not(web: TestClient, site: SiteData, key: str) -> None:
    headline = next(h for h in headlines(site, "fr") if h.key == key)
    agrees = (headline.count, headline.total) == (headline.statement.count, headline.statement.total)
    assert headline.agrees is agrees
    text = parse(_section(web.get("/").text, key)).text
    study = f"{headline.statement.count} sur {headline.statement.total}"
    if agrees:
        assert f"L'étude dit la même chose : {study}." in text and "Pourquoi" not in text
    else:
        assert f"L'étude dit {study} ; le graphe trouve {headline.count} sur {headline.total}." in text
        assert "Pourquoi :" in text
    flipped = dataclasses.replace(headline, statement=dataclasses.replace(headline.statement, count=headline.count + 1))
    assert not flipped.agrees


@pytest.mark.parametrize("key", KEYS)
def test_headline_links_lead_to_the_details(web: TestClient, site: SiteData, key: str) -> None:
    headline: Headline = next(h for h in headlines(site, "fr") if h.key == key)
    links = {u for _, _, u in parse(_section(web.get("/").text, key)).urls}
    assert {headline.matrix, f"/metiers/{headline.family}", headline.query} <= links
    # The named query's REST answer holds the programmes asked about (or, for a "lacking" question, those in the gap).
    answer = web.get(headline.query).json()
    assert answer["total"] == (headline.count if "lacking" in headline.query else headline.total)
    # The matrix opens on the kinds of these programmes.
    kinds = {site.model.programmes[r.programme].type for r in headline.rows}
    assert parse_qs(urlsplit(headline.matrix).query)["programme_type"] == sorted(kinds)
    assert web.get(headline.matrix).status_code == 200


@pytest.mark.parametrize(
    ("family", "first", "second"),
    [("technical-jobs", "drug-development", "medical-device-engineering"),
     ("regulatory-affairs", "drug-regulation", "medical-device-regulation"),
     ("regulatory-affairs", "medical-device-regulation", "digital-health"),
     ("ux-ui-designer", "ux-ui-design", "health-system")],
    ids=["engineers-drug-device", "regulatory-drug-device", "regulatory-device-digital", "uxui-design-health"],
)
def test_two_topics_query_agrees_with_the_gap_model(site: SiteData, family: str, first: str, second: str) -> None:
    rows = site.rows("programmes-teaching-two-topics", jobFamily=family, firstTopic=first, secondTopic=second, lang="en")
    model = site.model
    assert sorted(r["programme"] for r in rows) == sorted(_preparing(model, family))
    for row in rows:
        expected = (_topic_status(model, row["programme"], first), _topic_status(model, row["programme"], second))
        assert (row["firstTopicTaught"], row["secondTopicTaught"]) == expected, row["programme"]
        assert row["both"] is ("none" not in expected)
        assert "firstModuleLabel" not in row or expected[0] != "none"  # a programme's focus has no module
