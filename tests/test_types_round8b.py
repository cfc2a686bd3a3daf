"""Issue 12, eighth round (b): more event types of news English, each pattern on sentences
written for the project (invented people and places), with the sentences that must keep
their reading beside them."""

from __future__ import annotations

import pytest

from .sentence_types import reported

# (sentence, the type it reports)
TYPE_CASES = [
    # aid agencies expelled: relations reduced (CAMEO 1663), not a deportation
    ("The junta expelled twelve humanitarian workers employed by a Swiss charity.", "SANCTION"),
    ("The regime expelled foreign aid workers from the northern provinces last month.", "SANCTION"),
    # a mandate handed over is authority conceded
    ("Queen Ilse gave her chief adviser a mandate to assemble a coalition.", "CONCEDE"),
    # a party said to be unwelcome is turned away by the speaker
    (
        "The foreign minister said the Varnian envoy would not be welcome in Orlek until he "
        "apologised.",
        "REJECT",
    ),
    # an act said to be out of the question is refused by the speaker
    ("The governor said that lifting the curfew was out of the question.", "REJECT"),
    ("The minister said that withdrawing the troops is out of question.", "REJECT"),
    # a party said in the writer's voice to be responsible for violence did it
    ("The Varnian army has been responsible for mass killings in the north.", "ASSAULT"),
    ("The Orlek cartel was responsible for dozens of abductions on the coast road.", "ASSAULT"),
]


@pytest.mark.parametrize(("text", "event"), TYPE_CASES)
def test_event_type(coder, text, event):
    assert reported(coder, text) == event


# sentences that keep their old reading (or none)
KEPT_CASES = [
    ("Kolm expelled two journalists from the country on Monday.", "COERCE"),
    ("Kolm expelled the Varnian ambassador on Monday.", "SANCTION"),
    # "declined comment" / "demonstrates that": no rejection, no street protest
    ("The spokesman declined comment on the talks.", "NONE"),
    ("The spokesman declined the invitation to the summit.", "REJECT"),
    ("The audit demonstrates that the ministry ignored the warnings.", "NONE"),
    ("Opposition supporters demonstrated in the capital on Sunday.", "PROTEST"),
    # no party unwelcome, or welcome after all
    ("The mayor said the rain was not welcome after the drought.", "NONE"),
    ("The mayor said the Varnian delegation would be welcome in the city.", "NONE"),
    ("The governor said that lifting the curfew was under discussion.", "CONCEDE"),
    # a duty is no deed; said by someone it is blame; denied it is nothing
    ("The ministry is responsible for the security of the border.", "NONE"),
    ("The ministry said the rebels were responsible for the bombing.", "ACCUSE"),
    ("Officials in Orlek insist the militia was not responsible for any shooting.", "NONE"),
    # an act one "stopped short of" is not done (the other act of the sentence is told)
    ("The senator praised the deal but stopped short of endorsing the new tariffs.", "SUPPORT"),
    ("Varnia stopped short of recognising the breakaway republic.", "NONE"),
    ("The convoy stopped short of the border.", "NONE"),
    ("By all accounts the Kolm militia was not responsible for any shooting that week.", "NONE"),
]


def test_a_meal_with_someone_is_a_meeting_where_with_hangs_on_the_meal(coder):
    text = "The governor is ending a three-day visit to Orlek, where he had dinner with the mayor."
    events = [e for e in coder.code(text) if e.event == "CONSULT"]
    assert events and [r.entity_text for r in events[0].recipient] == ["the mayor"]


def test_the_speaker_turns_the_unwelcome_party_away(coder):
    text = "The foreign minister said the Varnian envoy would not be welcome in Orlek."
    ev = next(e for e in coder.code(text) if e.event == "REJECT")
    assert [a.entity_text for a in ev.actor] == ["The foreign minister"]
    assert [r.entity_text for r in ev.recipient] == ["the Varnian envoy"]


@pytest.mark.parametrize(("text", "event"), KEPT_CASES)
def test_kept_reading(coder, text, event):
    assert reported(coder, text) == event


def test_the_speaker_rules_the_act_out(coder):
    text = "The minister said that withdrawing the troops is out of the question."
    ev = next(e for e in coder.code(text) if e.event == "REJECT")
    assert [a.entity_text for a in ev.actor] == ["The minister"]


def test_an_act_stopped_short_of_is_no_event(coder):
    text = "The senator praised the deal but stopped short of endorsing the new tariffs."
    supports = [e for e in coder.code(text) if e.event == "SUPPORT"]
    assert [[r.entity_text for r in e.recipient] for e in supports] == [["the deal"]]
