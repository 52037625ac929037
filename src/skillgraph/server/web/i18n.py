"""The fixed texts of the web pages, in French (the default, as the study) and English.

Data labels never live here: they come from the graph in the page's language. A page module
with texts of its own passes them to `render_page(texts=...)`; they are merged over these.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["DEFAULT_LANG", "LANGS", "UI_TEXTS", "Translator"]

LANGS = ("fr", "en")
DEFAULT_LANG = "fr"

UI_TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "site_name": "skillgraph",
        "tagline": "Compétences et formations pour les solutions multi-technologiques de santé (SMT)",
        "skip": "Aller au contenu",
        "nav_label": "Navigation principale",
        "nav_home": "Accueil",
        "nav_families": "Métiers",
        "nav_programmes": "Formations",
        "nav_matrix": "Couverture",
        "nav_gaps": "Outil d'écarts",
        "nav_explore": "Explorer",
        "switch_lang": "English",
        "switch_lang_label": "Read this page in English",
        "footer_source": "Données tirées de l'étude « {title} » ({creator}, {year}) pour l'EDEC Industries de santé ; "
                         "chaque fait renvoie aux lignes de l'étude dont il est tiré.",
        "footer_release": "Version du graphe : {release}",
        "footer_api": "API et point d'accès SPARQL",
        "source_lines": "lignes {first}–{last}",
        "source_line": "ligne {first}",
        "source_title": "Source : étude AEC 2020, {lines}",
        "interpretation": "interprétation",
        "interpretation_title": "Interprétation des curateurs : {note}",
        "not_found_title": "Page introuvable",
        "not_found": "{what} « {id} » n'existe pas dans le graphe.",
        "back_home": "Retour à l'accueil",
        "percent": "{value}\u00a0%",  # non-breaking: « 0 % » never splits across lines
        "yes": "oui",
        "no": "non",
        "none": "aucun",
        "colon": "\u00a0:",  # French puts a (non-breaking) space before a colon, English does not
        "list_sep": "\u00a0; ",  # between labels that may hold commas
        "not_given": "non indiqué par l'étude",
    },
    "en": {
        "site_name": "skillgraph",
        "tagline": "Skills and training for multi-technology health solutions (SMT)",
        "skip": "Skip to content",
        "nav_label": "Main navigation",
        "nav_home": "Home",
        "nav_families": "Job families",
        "nav_programmes": "Programmes",
        "nav_matrix": "Coverage",
        "nav_gaps": "Gap tool",
        "nav_explore": "Explore",
        "switch_lang": "Français",
        "switch_lang_label": "Lire cette page en français",
        "footer_source": "Data from the study “{title}” ({creator}, {year}) for the EDEC health industries programme; "
                         "every fact links to the lines of the study it is read from.",
        "footer_release": "Graph release: {release}",
        "footer_api": "API and SPARQL endpoint",
        "source_lines": "lines {first}–{last}",
        "source_line": "line {first}",
        "source_title": "Source: AEC 2020 study, {lines}",
        "interpretation": "interpretation",
        "interpretation_title": "Curators' interpretation: {note}",
        "not_found_title": "Page not found",
        "not_found": "{what} “{id}” is not in the graph.",
        "back_home": "Back to the home page",
        "percent": "{value}%",
        "yes": "yes",
        "no": "no",
        "none": "none",
        "colon": ":",
        "list_sep": "; ",
        "not_given": "not given by the study",
    },
}


class Translator:
    """``t("key", name=value)``: the text of ``key`` in the page's language, formatted.

    A missing key raises `KeyError` rather than showing the key: a test renders every page in
    both languages, so a forgotten translation fails the suite, not a user.
    """

    def __init__(self, lang: str, extra: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self.lang = lang
        self._texts: dict[str, str] = dict(UI_TEXTS[lang])
        if extra:
            self._texts.update(extra[lang])

    def __call__(self, key: str, **values: object) -> str:
        text = self._texts[key]
        return text.format(**values) if values else text

    def percent(self, share: float) -> str:
        """A share 0..1 as a whole percentage in the page's typography (« 53 % », "53%")."""
        return self("percent", value=round(share * 100))
