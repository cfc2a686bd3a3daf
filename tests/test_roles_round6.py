"""Issue 12, sixth round: event types and recipients of news English, each pattern on
sentences written for the project (invented people and places)."""

from __future__ import annotations

import pytest

from tests.test_roles import one, words

# (sentence, event type, a word the recipient must contain)
PARTNER_CASES = [
    # a number of something is a party, not an amount
    ("Customs officers have opened smuggling probes against dozens of shipping agents.",
     "ACCUSE", "agents"),
    # the event noun a verb acts on through its preposition has partners too
    ("Mongolia reneged on its grazing accord with Kazakhstan.", "REJECT", "kazakhstan"),
    ("Uruguay withdrew from the river pact with Paraguay.", "SANCTION", "paraguay"),
    # who made the thing a verb trigger's noun acts on
    ("The ethics board dismissed the complaint lodged by the mayor over the zoning vote.",
     "REJECT", "mayor"),
    # a party word before an abstract noun: the council's decision
    ("Regional deputies rejected the Osaka council plan on Friday.", "REJECT", "council"),
    # an agreement with someone to do something
    ("Nepal's water minister agreed with her Indian counterpart to build two dams.",
     "AGREE", "counterpart"),
    ("Norway agreed with Sweden to open a joint ferry line.", "AGREE", "sweden"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event", "recipient"), PARTNER_CASES)
def test_partners_and_makers_are_recipients(coder, text, event, recipient):
    ev = one(coder, text, event)
    assert recipient in words(ev.recipient), (text, [r.entity_text for r in ev.recipient])


def test_a_date_or_sum_after_against_is_still_no_party(coder):
    ev = one(coder, "The auditors opened an investigation on Tuesday.", "ACCUSE")
    assert not ev.recipient
