"""The fixed texts of the home page's headline gaps (``headlines.py``), in French and English.

``{key}_title`` and ``{key}_detail`` take the graph's figures; ``{key}_translation`` is the English
rendering of the study's words (the page always quotes them in French, as written);
``{key}_why`` says why the graph's figure may differ from the study's — shown only when it does.
"""

from __future__ import annotations

__all__ = ["TEXTS"]

TEXTS = {
    "fr": {
        "gaps_title": "Les écarts relevés par l'étude, recalculés sur le graphe",
        "gaps_lead": "Chaque chiffre est calculé sur le graphe par une requête nommée, à côté de ce qu'en dit l'étude ; "
                     "quand ils diffèrent, la page dit pourquoi.",
        "study_says": "Ce que dit l'étude",
        "also_lines": " ; voir aussi",
        "agrees": "L'étude dit la même chose : {study_count} sur {study_total}.",
        "differs": "L'étude dit {study_count} sur {study_total} ; le graphe trouve {count} sur {total}.",
        "why": "Pourquoi :",
        "programmes_list": "Les {total} formations, une par ligne ({count} dans l'écart)",
        "programmes_caption": "{title} — détail par formation",
        "col_programme": "Formation",
        "col_providers": "Établissement(s)",
        "in_gap": "écart",
        "status_mandatory": "obligatoire",
        "status_elective": "optionnel",
        "status_exclusive-choice": "au choix exclusif",
        "status_taught": "enseigné",
        "status_none": "non enseigné",
        "see_matrix": "Ces formations dans la matrice de couverture",
        "see_family": "Fiche métier : {family}",
        "see_query": "La question en données (API)",
        "device_title": "{count} des {total} Master 2 en affaires réglementaires n'enseignent pas la réglementation "
                        "des dispositifs médicaux",
        "device_detail": "Seuls {guaranteed} sur {total} l'enseignent dans un module obligatoire ; {choice} ne la propose "
                         "qu'au sein d'un choix exclusif ({choice_names}) : ses diplômés ne l'ont pas forcément suivie.",
        "device_translation": "4 of the 8 Master 2 analysed offer a module on medical-device regulation. However, "
                              "students of the University of Strasbourg's Master 2 must choose between medical devices "
                              "and pharmaceutical products, which does not suit the double competence",
        "device_why": "les données curées ne lisent pas le tableau de l'étude comme sa phrase : voir les lignes citées "
                      "et les interprétations signalées sur chaque formation.",
        "digital_title": "{count} des {total} Master 2 en affaires réglementaires n'enseignent pas la santé digitale",
        "digital_detail": "Formation qui l'enseigne : {teaching}.",
        "digital_translation": "As for expertise in digital health, only one of the regulatory-affairs Masters analysed "
                               "offers a dedicated module.",
        "digital_why": "les données curées ne lisent pas le tableau de l'étude comme sa phrase : voir les lignes citées "
                       "et les interprétations signalées sur chaque formation.",
        "uxui_title": "{count} des {total} formations de designer UX/UI n'ont aucun module sur le système de santé",
        "uxui_detail": "Formations initiales et continues ; l'étude n'en détaille que {modules} modules en tout, "
                       "le plus souvent elle ne donne que leur nom.",
        "uxui_translation": "UX/UI designer trainings are spreading widely in France, in initial or continuing "
                            "education. However, none of them includes a specialisation in health",
        "uxui_why": "l'étude compte 15 formations initiales dans 14 établissements et 17 formations continues ; "
                    "elle ne dit pas quel établissement en propose deux, et un titre de formation continue est "
                    "illisible dans son texte : le graphe retient une formation par établissement et les titres "
                    "lisibles.",
        "engineers_title": "{count} des {total} formations d'ingénieur recensées n'enseignent pas à la fois le "
                           "développement du médicament et l'ingénierie du dispositif médical",
        "engineers_detail": "Dans les modules que l'étude détaille, {one_side} n'en enseignent qu'un des deux côtés.",
        "engineers_translation": "Engineers of drug companies rather come from chemistry and/or biology engineering "
                                 "schools, whereas engineers of medical-device companies rather went to a biomedical "
                                 "engineering school. So these two worlds are kept apart from training onwards.",
        "engineers_why": "l'étude présente ses deux masters en partenariat comme transverses (médicament, dispositif "
                         "médical et numérique), mais n'en détaille que quelques cours donnés en exemple ; le graphe "
                         "ne compte que ces modules, et ceux de chaque master relèvent d'un seul côté (voir le "
                         "tableau). « Numérique et Santé » est un parcours optionnel pour des élèves ingénieurs en "
                         "biotechnologie : le volet médicament relève de leur école, pas des modules du parcours.",
    },
    "en": {
        "gaps_title": "The study's headline gaps, recomputed on the graph",
        "gaps_lead": "Every figure is computed on the graph by a named query, next to what the study says; "
                     "when they differ, the page says why.",
        "study_says": "What the study says",
        "also_lines": "; see also",
        "agrees": "The study says the same: {study_count} of {study_total}.",
        "differs": "The study says {study_count} of {study_total}; the graph finds {count} of {total}.",
        "why": "Why:",
        "programmes_list": "The {total} programmes, one per row ({count} in the gap)",
        "programmes_caption": "{title} — by programme",
        "col_programme": "Programme",
        "col_providers": "Provider(s)",
        "in_gap": "gap",
        "status_mandatory": "mandatory",
        "status_elective": "elective",
        "status_exclusive-choice": "exclusive choice only",
        "status_taught": "taught",
        "status_none": "not taught",
        "see_matrix": "These programmes in the coverage matrix",
        "see_family": "Job family card: {family}",
        "see_query": "The question as data (API)",
        "device_title": "{count} of the {total} regulatory-affairs Master 2 teach no medical-device regulation",
        "device_detail": "Only {guaranteed} of {total} teach it in a mandatory module; {choice} offers it only inside "
                         "an exclusive choice ({choice_names}): its graduates have not necessarily taken it.",
        "device_translation": "4 of the 8 Master 2 analysed offer a module on medical-device regulation. However, "
                              "students of the University of Strasbourg's Master 2 must choose between medical devices "
                              "and pharmaceutical products, which does not suit the double competence",
        "device_why": "the curated data do not read the study's table as its sentence does: see the cited lines and "
                      "the interpretations flagged on each programme.",
        "digital_title": "{count} of the {total} regulatory-affairs Master 2 teach no digital health",
        "digital_detail": "The programme that teaches it: {teaching}.",
        "digital_translation": "As for expertise in digital health, only one of the regulatory-affairs Masters analysed "
                               "offers a dedicated module.",
        "digital_why": "the curated data do not read the study's table as its sentence does: see the cited lines and "
                       "the interpretations flagged on each programme.",
        "uxui_title": "{count} of the {total} UX/UI designer trainings have no module on the health system",
        "uxui_detail": "Initial and continuing trainings; the study details only {modules} modules of them in all, "
                       "most often it gives only their name.",
        "uxui_translation": "UX/UI designer trainings are spreading widely in France, in initial or continuing "
                            "education. However, none of them includes a specialisation in health",
        "uxui_why": "the study counts 15 initial trainings in 14 establishments and 17 continuing ones; it does not "
                    "say which establishment offers two, and one continuing training's title is illegible in its "
                    "text: the graph keeps one training per establishment and the legible titles.",
        "engineers_title": "{count} of the {total} engineering programmes found do not teach both drug development "
                           "and medical-device engineering",
        "engineers_detail": "In the modules the study details, {one_side} teach only one of the two sides.",
        "engineers_translation": "Engineers of drug companies rather come from chemistry and/or biology engineering "
                                 "schools, whereas engineers of medical-device companies rather went to a biomedical "
                                 "engineering school. So these two worlds are kept apart from training onwards.",
        "engineers_why": "the study presents its two partnership masters as transverse (drug, medical device and "
                         "digital), but details only a few example courses of each; the graph counts only these "
                         "modules, and each master's fall on one side only (see the table). “Numérique et Santé” is "
                         "an optional track for biotechnology engineering students: its drug side is their school's, "
                         "not the track's modules.",
    },
}
