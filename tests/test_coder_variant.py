"""``Coder.variant``: other options, the same loaded spaCy pipeline, tables and classifier."""

from __future__ import annotations

import pytest

from eventcoder import Coder
from eventcoder.coder import DEFAULT_STAGES
from eventcoder.knowledge import Knowledge

#: An actor only the user's KB knows, a negated event, a background event and places.
TEXT = (
    "The Northern Front attacked an army checkpoint near Aleppo on Monday.\n\n"
    "Police did not arrest the protesters in Homs. Students who had marched in Damascus "
    "condemned the government on Tuesday."
)
DATE = "2021-03-10"


@pytest.fixture(scope="module")
def user_kb(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("kb") / "mine.csv"
    path.write_text(
        "name,aliases,code,sector,other_sectors,kind,wikidata\nNorthern Front,NF,SYR,REB,,org,\n",
        encoding="utf-8",
    )
    return str(path)


def summary(events):
    return sorted((e.event, e.modality, e.salience, [a.code for a in e.actor]) for e in events)


def test_a_variant_codes_as_a_fresh_coder_with_the_same_options(coder, user_kb):
    options = {
        "stages": [s for s in DEFAULT_STAGES if s != "places"],
        "include_unrealised": True,
        "main_events_only": True,
        "config": {"actors": {"extra_kb": user_kb}},
        "time_budget": 600.0,
    }
    fresh = Coder(nlp=coder.nlp, **options)  # its own tables, built from the files again
    variant = coder.variant(**options)
    expected = fresh.code(TEXT, date=DATE, doc_id="t")
    assert variant.code(TEXT, date=DATE, doc_id="t") == expected
    assert variant.pipeline.names == fresh.pipeline.names
    assert variant.options == {**coder.options, **options}
    # every option took effect: the user's actor, the negated arrest, no background, no places
    assert expected != coder.code(TEXT, date=DATE, doc_id="t")
    assert ("ASSAULT", "asserted", "main", ["SYR"]) in summary(expected)
    assert any(e.modality == "negated" for e in expected)
    assert all(e.salience == "main" and e.event_loc is None for e in expected)


def test_a_variant_shares_what_is_loaded_and_leaves_its_parent_as_it_was(coder, user_kb):
    before = coder.code(TEXT, date=DATE, doc_id="t")
    options, names = dict(coder.options), coder.pipeline.names
    mine = coder.variant(config={"actors": {"extra_kb": user_kb}})
    unrealised = mine.variant(include_unrealised=True)
    for made in (mine, unrealised):
        assert made.nlp is coder.nlp
        assert made.knowledge.gazetteer is coder.knowledge.gazetteer
        assert made.knowledge.countries is coder.knowledge.countries
    assert unrealised.knowledge is mine.knowledge  # the same user KB: the same tables
    assert mine.knowledge.kb.index.get("Northern Front") is not None
    assert coder.knowledge.kb.index.get("Northern Front") is None
    assert summary(unrealised.code(TEXT, date=DATE)) != summary(mine.code(TEXT, date=DATE))
    # config replaces the parent's: back to the shipped KB, coding as the first coder does
    assert mine.variant(config=None).code(TEXT, date=DATE, doc_id="t") == before
    assert coder.code(TEXT, date=DATE, doc_id="t") == before
    assert coder.options == options and coder.pipeline.names == names
    assert coder.knowledge.extra_kb is None


def test_a_variant_takes_only_the_options_of_a_coder(coder):
    with pytest.raises(TypeError, match="nlp"):
        coder.variant(nlp=None)
    with pytest.raises(TypeError, match="include_unrealized"):
        coder.variant(include_unrealized=True)


def test_knowledge_with_changes_shares_tables_loaded_later_by_either():
    parent = Knowledge()
    child = parent.with_changes(extra_kb=[])
    assert child.countries is parent.countries  # loaded by the child, kept by the parent too
    assert parent.roles is child.roles
    assert child.gazetteer_loaded is parent.gazetteer_loaded is False
