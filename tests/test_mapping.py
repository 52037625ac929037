from skillgraph import models
from skillgraph.mapping import load_mapping


def test_mapping_covers_every_record_model() -> None:
    mapping = load_mapping()
    record_models = {name for name in models.__all__ if isinstance(getattr(models, name), type)
                     and issubclass(getattr(models, name), models.Record)}
    assert record_models - {"Record"} <= set(mapping.models)


def test_every_top_level_model_has_a_file_pattern() -> None:
    mapping = load_mapping()
    patterns = {rule.model for rule in mapping.files}
    assert {"JobCard", "CurriculumFile", "SkillFile", "CatalogueFile", "CompanyFile", "WorkforceFile"} <= patterns


def test_models_with_ids_have_iri_templates() -> None:
    for rule in load_mapping().models.values():
        if "id" in rule.model.model_fields and not rule.container:
            assert rule.iri and "{id}" in rule.iri, rule.name
