"""Issue 12, seventh round: event types of news English that the rules missed or mistyped,
each pattern on sentences written for the project (invented people and places), with the
sentences that must stay as they were beside them."""

from __future__ import annotations

import pytest

from .sentence_types import reported

# (sentence, the type it reports)
TYPE_CASES = [
    # verbs of reproach
    ("The opposition leader faulted the governor's handling of the floods.", "ACCUSE"),
    ("Farm unions lambasted the new water tariffs on Monday.", "ACCUSE"),
    ("The senator hit out at the central bank over rising prices.", "ACCUSE"),
    ("The coach lashed out at referees after the final.", "ACCUSE"),
    # firing across a line, an assault begun, hostilities that broke out
    ("Militiamen fired across the border into Varnia overnight.", "ASSAULT"),
    ("Rebels commenced an assault on the garrison town of Orlek.", "ASSAULT"),
    ("Hostilities broke out along the northern frontier on Friday.", "ASSAULT"),
    ("A strike on a fuel depot in Sarvan wounded four guards, the army said.", "ASSAULT"),
    # released on bail; goods taken from their owner given back
    ("A magistrate in Tolmar released the two journalists on bail.", "RETREAT"),
    ("Customs officers returned the confiscated statues to the museum in Lima.", "RETREAT"),
    ("Park rangers returned the stolen tortoises to the reserve.", "RETREAT"),
    # asylum: refugees taken in, admitted, accepted
    ("Norland took in 3,000 refugees last year.", "AID"),
    ("Delmora admitted 500 asylum-seekers on Friday.", "AID"),
    # money raised for someone; aid that arrived; donations that poured in
    ("The singer raised money for families who lost their homes in the fire.", "AID"),
    ("Emergency aid arrived in the port city of Kessa on Sunday.", "AID"),
    ("Donations poured in from across the country after the mudslide.", "AID"),
    ("The relief aid came from donors in Canada, the charity said.", "AID"),
    ("Peacekeepers from Ghana began deploying in the north on Tuesday.", "AID"),
    # a curfew's hours eased; relief let in
    ("The army eased curfew hours in three suburbs of Kalmar.", "CONCEDE"),
    ("The junta allowed relief supplies into the besieged town.", "RETREAT"),
    # a deal agreed (concluded) is SUPPORT; agreeing to one stays AGREE
    ("Ruritania and Oldavia agreed a new trade deal on Monday.", "SUPPORT"),
    ("Ruritania agreed to a fisheries deal proposed by Oldavia.", "AGREE"),
    # improved cooperation and ties; an action defended
    ("Brazil and Chile strengthened their cooperation on border security.", "COOPERATE"),
    ("The two neighbours deepened ties during the premier's tour.", "SUPPORT"),
    ("The spokesman defended the ministry's handling of the outbreak.", "SUPPORT"),
    # a concession or retreat decided is a concession made; other future cooperation is a promise
    ("The mayor decided to relax lockdown hours in the old town.", "CONCEDE"),
    ("The cabinet decided to withdraw the troops from the border zone.", "CONCEDE"),
    ("The cabinet decided to send aid to the flood victims.", "AGREE"),
    ("The government will lift the curfew next week.", "AGREE"),
    # a permission not given is a refusal
    ("The city council did not give permission for the opposition rally.", "REJECT"),
    ("The mayor did not grant permission for the march.", "REJECT"),
    # what an authority orders of those under it is that act; other orders are requests
    ("The information ministry ordered three internet providers to block the website.", "COERCE"),
    ("Two radio stations were ordered to suspend broadcasts on Monday.", "COERCE"),
    ("The president ordered the army to arrest the rebel leaders.", "COERCE"),
    ("A magistrate ordered the bank's chairman to testify before the inquiry.", "REQUEST"),
    # a number before "of" quantifies its noun as "dozens of" does
    ("Rebels freed 11 of the 30 hostages on Sunday.", "RETREAT"),
    # driven out of a country: a person deported, an agency expelled
    ("Soldiers forced the opposition leader out of the country.", "COERCE"),
    ("The junta forced the refugee agency out of the country.", "SANCTION"),
    # an authorised release, as an ordered one
    ("The minister authorized the release of the prisoners.", "RETREAT"),
    # hacking is coercion (PLOVER COERCE cyber), not force; an armed attack stays ASSAULT
    ("A hacking group tied to Norland's army mounted cyber attacks on Estolia's banks.", "COERCE"),
    ("Norland has waged cyber warfare against its neighbour for years.", "COERCE"),
    ("Rebels launched an attack on the army base.", "ASSAULT"),
    ("In a radio interview the mayor launched a stinging attack on his own party.", "ACCUSE"),
    # what someone is called: reproach or commendation, not a phone call
    ("The foreign ministry called the decision unacceptable.", "ACCUSE"),
    ("The president called the opposition leader a liar on Tuesday.", "ACCUSE"),
    ("The opposition labelled the vote illegal.", "ACCUSE"),
    ("The envoy called the accord historic.", "SUPPORT"),
    ("The president called Erdogan on Friday.", "CONSULT"),
    # civilian observers sent are a help given, not a mobilisation
    ("The African Union deployed 40 observers to monitor the election.", "AID"),
    # a delegation led to a place is a visit (a future one is a promise)
    ("The senator led a trade delegation to Beijing last week.", "CONSULT"),
    ("The minister will lead a delegation on a visit to Oslo.", "AGREE"),
]


@pytest.mark.parametrize(("text", "event"), TYPE_CASES)
def test_event_type(coder, text, event):
    assert reported(coder, text) == event


# sentences that keep their old reading (or none)
KEPT_CASES = [
    ("The charity reinforced its message about safe drinking water.", "NONE"),
    ("Army units reinforced positions around the capital.", "MOBILIZE"),
    ("Dock workers began a strike on Monday.", "PROTEST"),
    ("Train drivers staged a strike on the city's metro lines.", "PROTEST"),
    ("The council raised taxes for the second year.", "NONE"),
    ("The minister admitted mistakes in the census.", "CONCEDE"),
    ("Police released the names of the victims on Friday.", "NONE"),
    ("Exports to Oldavia expanded sharply last year.", "NONE"),
    ("Voters forced the mayor out of office.", "NONE"),
    ("The government released 20 of its reports on Monday.", "NONE"),
    ("The minister called the situation stable.", "NONE"),
    ("The general led the troops to the border.", "NONE"),
]


@pytest.mark.parametrize(("text", "event"), KEPT_CASES)
def test_kept_reading(coder, text, event):
    assert reported(coder, text) == event


def test_an_ordered_act_is_done_by_who_ordered_it_to_its_target(coder):
    ev = next(e for e in coder.code("The president ordered the army to arrest the rebel leaders.")
              if e.event == "COERCE")  # fmt: skip
    assert ev.mode == "arrest"
    assert [a.entity_text for a in ev.actor] == ["The president"]
    assert [r.entity_text for r in ev.recipient] == ["the rebel leaders"]
    assert "commands COERCE" in ev.reasons["event"]


def test_a_decided_concession_says_why_it_is_no_promise(coder):
    ev = next(e for e in coder.code("The cabinet decided to withdraw the troops from the border zone.")
              if e.event == "CONCEDE")  # fmt: skip
    assert "decided" in ev.reasons["event"] and ev.mode is None


def test_a_visit_led_goes_to_the_place_not_to_the_delegation(coder):
    ev = next(e for e in coder.code("The senator led a trade delegation to Beijing last week.")
              if e.event == "CONSULT")  # fmt: skip
    assert [r.entity_text for r in ev.recipient] == ["Beijing"]
