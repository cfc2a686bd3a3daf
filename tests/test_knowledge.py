"""One ``Knowledge`` per coder, handed to every stage: what a user gives one stage reaches the
others, and two coders with different knowledge do not share it."""

from __future__ import annotations

import dataclasses

from eventcoder import Coder
from eventcoder.actors import code_mention
from eventcoder.knowledge import Knowledge, norm
from eventcoder.records import Article

TALKS = "The talks about Basra ended on Monday."


def _places(coder: Coder, text: str) -> list[str]:
    return [p.extracted_place for p in coder.process(Article(id="t", text=text)).places]


def _user_kb(tmp_path) -> str:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "actors:\n"
        "  - {name: Basra, kind: org, code: IRQ, sector: BUS}\n"
        "  - {name: Zorblax Front, aliases: [Zorblax], kind: org, code: NOR, sector: REB}\n",
        encoding="utf-8",
    )
    return str(path)


def test_the_actors_and_places_stages_share_the_coders_knowledge(coder):
    actors, places = coder.pipeline.get("actors"), coder.pipeline.get("places")
    assert actors.knowledge is coder.knowledge and places.knowledge is coder.knowledge
    assert actors.coder.knowledge is coder.knowledge


def test_a_user_kb_changes_place_recognition_and_mentions(coder, tmp_path):
    stages = ["clean", "annotate", "places"]
    stock = Coder(stages=stages, nlp=coder.nlp, knowledge=coder.knowledge)
    assert _places(stock, TALKS) == ["Basra"]
    mine = Coder(
        stages=stages,
        nlp=coder.nlp,
        knowledge=coder.knowledge,
        config={"actors": {"extra_kb": _user_kb(tmp_path)}},
    )
    assert mine.knowledge is not coder.knowledge
    assert mine.knowledge.gazetteer is coder.knowledge.gazetteer  # the loaded tables are shared
    assert _places(mine, TALKS) == []  # the KB says "Basra" is an organisation
    assert _places(stock, TALKS) == ["Basra"]  # and the other coder is untouched
    assert mine.code_mention("Zorblax Front").code == "NOR"
    assert coder.code_mention("Zorblax Front").code is None


def test_kb_files_from_the_environment_reach_code_mention(coder, tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_KB", _user_kb(tmp_path))
    assert code_mention("Zorblax", nlp=coder.nlp).code == "NOR"
    assert Knowledge().is_org("Basra")
    monkeypatch.delenv("EVENTCODER_KB")
    assert not Knowledge().is_org("Basra")


class _Moved:
    """The shipped gazetteer, except that Mosul lies in France."""

    def __init__(self, real) -> None:
        self.real = real

    def lookup(self, name: str):
        found = self.real.lookup(name)
        if norm(name) != "mosul":
            return found
        return [dataclasses.replace(p, country="FRA") for p in found]

    def __getattr__(self, name: str):
        return getattr(self.real, name)


def test_a_gazetteer_given_to_the_places_stage_reaches_the_actors(coder):
    moved = _Moved(coder.knowledge.gazetteer)
    mine = Coder(nlp=coder.nlp, knowledge=coder.knowledge, config={"places": {"gaz": moved}})
    assert mine.knowledge.gazetteer is moved
    assert mine.pipeline.get("actors").knowledge.gazetteer is moved
    text = "Police in Mosul arrested ten protesters on Monday."
    [stock] = coder.code(text, date="2024-03-04")
    [event] = mine.code(text, date="2024-03-04")
    assert stock.actor[0].code == "IRQ" and stock.event_loc.country_code == "IRQ"
    assert event.actor[0].code == "FRA"  # "Police in Mosul": the country of the place
    assert event.event_loc.country_code == "FRA"


def test_the_detect_modality_and_dedup_stages_read_the_coders_word_lists(coder):
    knowledge = coder.knowledge
    assert coder.pipeline.get("detect").lexicon.words is knowledge.detect_words
    assert coder.pipeline.get("dedup").words is knowledge.dedup_words
    assert "will" in knowledge.detect_words.future_aux  # data/detect_words.yaml was read


def test_a_coders_own_detect_words_change_how_it_reads(coder):
    """A ``Knowledge`` whose future auxiliaries leave out "will" codes "will withdraw" as a
    withdrawal that happened; the coder with the shipped lists reads a promise (AGREE)."""
    k = coder.knowledge
    words = dataclasses.replace(k.detect_words, future_aux=k.detect_words.future_aux - {"will"})
    mine = Knowledge(
        kb=k.kb, countries=k.countries, roles=k.roles, gazetteer=k.gazetteer,
        abbreviations=k.abbreviations, actor_words=k.actor_words, place_words=k.place_words,
        detect_words=words,
    )  # fmt: skip
    text = "The rebels will withdraw from the northern town."
    stock = Coder(nlp=coder.nlp, knowledge=k, include_unrealised=True)
    changed = Coder(nlp=coder.nlp, knowledge=mine, include_unrealised=True)
    assert changed.pipeline.get("detect").lexicon.words is words
    assert [(e.event, e.modality) for e in stock.code(text)] == [("AGREE", "future")]
    assert [(e.event, e.modality) for e in changed.code(text)] == [("RETREAT", "asserted")]
