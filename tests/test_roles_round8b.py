"""Issue 12, eighth round (second pass): recipients of news English the rules missed where the
event type was already right, each pattern on sentences written for the project (invented
people and bodies; real places where the gazetteer must know them)."""

from __future__ import annotations

import pytest

from tests.test_roles import one, words

# (sentence, event type, a word the recipient must contain, a word it must not contain)
FOUNDED_CASES = [
    # a thing being set up is no party yet; the place it is set up in is served
    ("The regional council agreed to set up a new cancer research centre in Bologna.",
     "AGREE", "bologna", "centre"),
    ("The Danish government has agreed to establish three mobile clinics in Greenland.",
     "AGREE", "greenland", "clinics"),
    ("The ministry agreed on Monday to build a desalination plant in Tunisia.", "AGREE",
     "tunisia", "plant"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event", "recipient", "not_recipient"), FOUNDED_CASES)
def test_what_is_set_up_somewhere_serves_that_place(coder, text, event, recipient, not_recipient):
    ev = one(coder, text, event)
    got = words(ev.recipient)
    assert recipient in got and not_recipient not in got, (text, got)


def test_a_party_named_for_the_new_thing_keeps_the_recipient(coder):
    text = "The charity agreed to set up a school for refugees from Sudan in Chad."
    ev = one(coder, text, "AGREE")
    assert "refugees" in words(ev.recipient), [a.entity_text for a in ev.recipient]


MEETING_CASES = [
    # a meeting held or attended in a place with no other party named: the place hosts it
    ("The foreign minister attended a regional security summit in Nairobi on Friday.",
     "nairobi"),
    ("The envoy held several meetings in Kandahar and Herat last week.", "kandahar"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "recipient"), MEETING_CASES)
def test_a_meeting_with_no_party_named_is_aimed_at_its_place(coder, text, recipient):
    ev = one(coder, text, "CONSULT")
    assert recipient in words(ev.recipient), (text, [a.entity_text for a in ev.recipient])


def test_a_meeting_with_a_party_keeps_the_party(coder):
    text = "The foreign minister held talks with the Kenyan president in Nairobi on Friday."
    ev = one(coder, text, "CONSULT")
    got = words(ev.recipient)
    assert "president" in got and "nairobi" not in got, got


# (sentence, a word the recipient must contain, a word it must not contain)
PROTEST_CASES = [
    # what a protest is against is its recipient; where it is held is only its place
    ("Hundreds of students held a rally at the university against the new fees law.", "law",
     "university"),
    ("Nurses staged a protest outside the hospital against the pension reform.", "reform",
     "hospital"),
    # a protest's clash is with whoever the with-phrase names
    ("Students clashed with police outside the parliament on Monday.", "police", "parliament"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "recipient", "not_recipient"), PROTEST_CASES)
def test_a_protest_is_aimed_at_what_it_is_against(coder, text, recipient, not_recipient):
    ev = one(coder, text, "PROTEST")
    got = words(ev.recipient)
    assert recipient in got and not_recipient not in got, (text, got)


def test_the_party_awaited_in_a_conjoined_condition_clause(coder):
    text = (
        "The dockers will not end their strike before the contract is signed and the "
        "transport minister is dismissed."
    )
    ev = one(coder, text, "REJECT")
    assert "minister" in words(ev.recipient), [a.entity_text for a in ev.recipient]


# (sentence, event type, a word the recipient must contain, a word it must not contain)
OFFER_CASES = [
    # whoever made the offer or proposal answered is the recipient, not the offer
    ("Hill farmers rejected a land swap proposal by the provincial governor on Friday.",
     "REJECT", "governor", "proposal"),
    ("The union has turned down repeated offers of a pay rise by the company this year.",
     "REJECT", "company", "rise"),
    ("The opposition accepted a proposal from the African Union mediators.", "AGREE",
     "mediators", "proposal"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event", "recipient", "not_recipient"), OFFER_CASES)
def test_the_maker_of_an_answered_offer_is_the_recipient(
    coder, text, event, recipient, not_recipient
):
    ev = one(coder, text, event)
    got = words(ev.recipient)
    assert recipient in got and not_recipient not in got, (text, got)


def test_an_inquiry_with_no_party_named_is_aimed_at_where_it_happened(coder):
    text = "The commission said it will investigate attacks on aid convoys in eastern Chad."
    ev = one(coder, text, "ACCUSE")
    got = words(ev.recipient)
    assert "chad" in got and "attacks" not in got, got


def test_a_person_inside_the_inquiry_keeps_the_place_out(coder):
    text = "The prosecutor will investigate the murder of Judge Marco Bellini in Palermo."
    ev = one(coder, text, "ACCUSE")
    assert "palermo" not in words(ev.recipient), [a.entity_text for a in ev.recipient]


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("The army gave permission for the Red Cross to visit the prisoners.", "cross"),
        ("The ministry gave approval for the charity to deliver food next week.", "charity"),
    ],
)
def test_a_permission_given_is_aimed_at_whom_it_lets_act(coder, text, recipient):
    ev = one(coder, text, "CONCEDE")
    got = words(ev.recipient)
    assert recipient in got and "permission" not in got and "approval" not in got, got


def test_troops_sent_to_join_a_force_serve_its_country(coder):
    text = "Ghana has agreed to commit 500 soldiers to the regional security force in Mali."
    ev = one(coder, text, "AGREE")
    got = words(ev.recipient)
    assert "mali" in got and "force" not in got, got
