"""Issue 12, eighth round: actors and recipients of news English the rules missed where the
event type was already right, each pattern on sentences written for the project (invented
people; real places where the gazetteer must know them)."""

from __future__ import annotations

import pytest

from tests.test_roles import one, words

# (sentence, event type, a word the actor must contain)
CUSTODY_CASES = [
    ("Mirza Khan, a union organiser, was beaten and tortured in a military prison in Pakistan.",
     "ASSAULT", "pakistan"),
    ("A schoolteacher died in jail in Tanzania after torture, his family said.", "ASSAULT",
     "tanzania"),
    ("The poet died in custody in Eritrea due to repeated torture.", "ASSAULT", "eritrea"),
    ("The blogger says he was tortured in a detention camp in Xinjiang.", "ASSAULT", "xinjiang"),
    ("Two aid workers were released from captivity in Yemen on Friday.", "RETREAT", "yemen"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event", "actor"), CUSTODY_CASES)
def test_harm_in_detention_with_no_doer_is_the_holding_states(coder, text, event, actor):
    ev = one(coder, text, event)
    assert actor in words(ev.actor), (text, [a.entity_text for a in ev.actor])


@pytest.mark.parametrize(
    ("text", "event", "actor"),
    [
        # a named doer stays the doer
        ("Guards tortured the student in a jail in Kenya.", "ASSAULT", "guards"),
        # a release after someone's decision is that decider's
        ("Two aid workers were freed from a prison in Yemen after the governor pardoned them.",
         "RETREAT", "governor"),
    ],
)  # fmt: skip
def test_a_named_doer_is_kept(coder, text, event, actor):
    ev = one(coder, text, event)
    assert actor in words(ev.actor), (text, [a.entity_text for a in ev.actor])


def test_a_jail_with_no_place_names_no_state(coder):
    ev = one(coder, "The activist was tortured in a secret jail, his lawyer said.", "ASSAULT")
    assert not ev.actor, [a.entity_text for a in ev.actor]
