"""Who did it and what it was, ninth round (detect/condemned.py, detect/first_to.py,
detect/captions.py). Sentences written for the project; the names are invented."""

from __future__ import annotations

import pytest

from .test_roles import one, texts


def types(coder, text: str) -> list[str]:
    return [e.event for e in coder.code(text)]


# ---------------------------------------------------------------- rejection with condemnation
@pytest.mark.parametrize(
    "text",
    [
        "After a meeting in Dakar, the Arab League expressed its total rejection and strong "
        "condemnation of the Varnian minister's remarks.",
        "The Kordovan foreign ministry rejected and condemned the raid on its embassy.",
        "Kordova's parliament announced its firm rejection and condemnation of the blockade.",
    ],
)
def test_a_rejection_joined_with_a_condemnation_is_disapproval(coder, text):
    assert "REJECT" not in types(coder, text)
    ev = one(coder, text, "ACCUSE")
    assert ev.mode == "disapprove"
    assert "joined with" in ev.reasons["event"]
    assert ev.actor


def test_the_condemned_party_is_the_recipient(coder):
    text = (
        "The Arab League expressed its rejection and condemnation of the Varnian minister's plan."
    )
    ev = one(coder, text, "ACCUSE")
    assert any("minister" in r.lower() for r in texts(ev.recipient))


@pytest.mark.parametrize(
    "text",
    [
        "The council voiced its rejection of the peace plan.",
        "Ruritania announced its rejection and dismissal of the offer.",
    ],
)
def test_a_rejection_alone_stays_a_refusal(coder, text):
    assert types(coder, text)[0] == "REJECT"
    assert "ACCUSE" not in types(coder, text)


# ---------------------------------------------------------------- "X is the first to ..."
@pytest.mark.parametrize(
    ("text", "event", "actor"),
    [
        ("Varnia became the first state to recognise the new government.", "SUPPORT", "Varnia"),
        ("The Kordovan army was the last to withdraw its troops from the valley.", "RETREAT",
         "The Kordovan army"),
        ("The rebel group is the first to comply with the order to leave the zone.", "CONCEDE",
         "The rebel group"),
        ("Ruritania was the only country to send troops to the border.", "MOBILIZE", "Ruritania"),
    ],
)  # fmt: skip
def test_the_one_ranked_first_did_the_act(coder, text, event, actor):
    ev = one(coder, text, event)
    assert texts(ev.actor) == [actor]
    assert "to " in ev.actor[0].reason and "its doer" in ev.actor[0].reason


def test_no_rank_no_doer_from_the_copula(coder):
    # "the first time to ...": "it" ranks nothing, no actor is made up
    events = coder.code("It was the first time to sign such a deal.")
    assert all(not e.actor for e in events)


# ---------------------------------------------------------------- photo captions
def test_a_caption_position_word_does_not_lose_the_first_name(coder):
    text = (
        "Kordovan Foreign Minister Ana Lind, left, and Varnian Trade Minister Paul Oster hold "
        "talks in Marlo on Monday."
    )
    ev = one(coder, text, "CONSULT")
    names = texts(ev.actor)
    assert any("Ana Lind" in n for n in names)
    assert any("Paul Oster" in n for n in names)
    assert "caption" in next(a for a in ev.actor if "Lind" in a.entity_text).reason


def test_a_verb_left_before_a_joined_clause_is_no_caption(coder):
    ev = one(coder, "The envoy left, and the rebels attacked the town.", "ASSAULT")
    assert texts(ev.actor) == ["the rebels"]
