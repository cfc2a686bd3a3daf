"""Issue 12, ninth round: recipients (target spans) of news English the rules missed where the
event type was already right, each pattern on sentences written for the project (invented
people and bodies; real places where the gazetteer must know them)."""

from __future__ import annotations

import pytest

from tests.test_roles import one, texts, words

# (sentence, event type, actor word, recipient word)
CAPTION_CASES = [
    # a photo caption's position words break the coordination of the two people named
    ("Trade Minister Alda Verrick, left, and Finance Minister Joss Harlan, right, hold a news "
     "conference in Wellington on Monday.", "CONSULT", "verrick", "harlan"),
    ("Chancellor Petra Lindqvist, second left, and Prime Minister Olav Brandt, left, attended a "
     "cabinet meeting in Oslo on Friday.", "CONSULT", "lindqvist", "brandt"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event", "actor", "recipient"), CAPTION_CASES)
def test_people_named_with_positions_in_a_caption_act_together(
    coder, text, event, actor, recipient
):
    ev = one(coder, text, event)
    assert actor in words(ev.actor), (text, texts(ev.actor))
    assert recipient in words(ev.recipient), (text, texts(ev.recipient))
    assert "conference" not in words(ev.recipient)


def test_a_caption_with_one_person_changes_nothing(coder):
    text = "Foreign Minister Alda Verrick, left, met the Chilean ambassador in Wellington."
    ev = one(coder, text, "CONSULT")
    assert "ambassador" in words(ev.recipient), texts(ev.recipient)


# (sentence, event type, actor word, recipient word)
DANGLING_CASES = [
    # "X and Y negotiators": the small parser hangs Y beside X instead of coordinating them
    ("UK and Norway negotiators agreed to extend the fishing accord.", "AGREE", "uk", "norway"),
    ("UK and EU negotiators held talks in Brussels.", "CONSULT", "uk", "eu"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event", "actor", "recipient"), DANGLING_CASES)
def test_a_modifier_left_with_a_dangling_and_names_the_other_side(
    coder, text, event, actor, recipient
):
    ev = one(coder, text, event)
    assert actor in words(ev.actor), (text, texts(ev.actor))
    assert recipient in words(ev.recipient), (text, texts(ev.recipient))


# (sentence, actor word, recipient word)
MUTUAL_CASES = [
    # both sides of a fight named together with no one else struck: each aims at the other
    ("The Boravian army and the Tessar rebels were guilty of violating the truce last week.",
     "army", "rebels"),
    ("Over the weekend Armenia and Azerbaijan fired across the ceasefire line.", "armenia",
     "azerbaijan"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "actor", "recipient"), MUTUAL_CASES)
def test_two_sides_breaking_a_truce_fight_each_other(coder, text, actor, recipient):
    ev = one(coder, text, "ASSAULT")
    assert actor in words(ev.actor), (text, texts(ev.actor))
    assert recipient in words(ev.recipient), (text, texts(ev.recipient))
    assert recipient not in words(ev.actor)


def test_allies_striking_a_third_party_keep_it(coder):
    text = "Kenyan and Somali troops attacked the militant camp near the border."
    ev = one(coder, text, "ASSAULT")
    assert "camp" in words(ev.recipient), texts(ev.recipient)


# (sentence, event type, recipient word)
FORCE_CASES = [
    # whose troops make up a force set up or agreed on take part in it
    ("The regional bloc agreed to deploy a stabilisation mission made up of Kenyan and Ghanaian "
     "soldiers.", "AGREE", "ghanaian"),
    ("The summit agreed to create a joint force composed of Malian and Nigerien troops.",
     "AGREE", "nigerien"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event", "recipient"), FORCE_CASES)
def test_the_nations_whose_troops_make_up_a_force(coder, text, event, recipient):
    ev = one(coder, text, event)
    assert recipient in words(ev.recipient), (text, texts(ev.recipient))


def test_a_force_of_a_number_of_troops_names_no_one(coder):
    ev = one(coder, "The union agreed to set up a force of 3,000 troops.", "AGREE")
    assert not ev.recipient, texts(ev.recipient)
