"""Issue 12, eighth round: event types of news English that the rules missed or mistyped,
each pattern on sentences written for the project (invented people and places), with the
sentences that must stay as they were beside them."""

from __future__ import annotations

import pytest

from .sentence_types import reported

# (sentence, the type it reports)
TYPE_CASES = [
    # an insult as the complement's adjective ("called him a stupid man")
    ("The mayor called the transport minister a very stupid man.", "ACCUSE"),
    ("The senator called the ceasefire a historic step.", "SUPPORT"),
    # offers spurned, deals cancelled
    ("Kardan spurned repeated offers of talks from the council this spring.", "REJECT"),
    ("The governor said he cancelled the arms deal after the raid.", "REJECT"),
    # forces intensified
    ("The militia has intensified its forces in several districts of Orlek.", "MOBILIZE"),
    # leave given for an act: the permission is the event, not the act permitted
    ("The ministry said it would allow the Red Cross to deliver medicine to the camps.", "AGREE"),
    ("The governor gave approval for the agency to deliver food to the valley.", "CONCEDE"),
    ("A tribunal has given authorization for the banker to be extradited to Norland.", "CONCEDE"),
    # sentences sought by a prosecutor
    ("Prosecutors are seeking a life sentence for the former mayor on fraud charges.", "ACCUSE"),
    # a party defended against criticism
    (
        "The chief judge is defending county magistrates against criticism that they free "
        "violent suspects.",
        "SUPPORT",
    ),
    # criticism faced from someone: who criticises acts
    (
        "The junta faces growing criticism from rights groups over its treatment of prisoners.",
        "ACCUSE",
    ),
    # information handed to another government
    ("The bank gave the tax records of its clients to the Dravian authorities.", "COOPERATE"),
    # called out for something
    ("The envoy called out the ministry for its silence on the killings.", "ACCUSE"),
    # a meeting walked out of or left
    ("Opposition senators walked out of the talks with the governor on Friday.", "REJECT"),
    ("The delegation stormed out of the meeting after an hour.", "REJECT"),
    ("Opposition senators abruptly left a meeting with the governor on Friday.", "REJECT"),
    # more funding announced
    ("Lumia on Monday announced a fourfold increase in funding to fight malaria in Kolm.", "AID"),
    # captives "held" by someone released (promised: AGREE)
    ("The gang freed three shepherds held in a cave for a month.", "RETREAT"),
    ("The militia will release the shepherds held at its base, a spokesman said.", "AGREE"),
    # civilians clashing with police riot (armed sides that clash still fight)
    ("Protesters clashed with police in the capital on Friday.", "PROTEST"),
    # a plan or a law challenged is objected to (the plan's own act is no event)
    ("The mayor of Orlek challenged the province's plan to close three rural schools.", "ACCUSE"),
    ("The bar association challenged the new press law in court.", "ACCUSE"),
    # an armed group storming a place attacks it (police who storm a building raid it)
    ("Gunmen stormed a hotel in the capital of Kolm on Sunday.", "ASSAULT"),
]


@pytest.mark.parametrize(("text", "event"), TYPE_CASES)
def test_event_type(coder, text, event):
    assert reported(coder, text) == event


# sentences that keep their old reading (or none)
KEPT_CASES = [
    ("The minister called the ambassador to discuss the border dispute.", "CONSULT"),
    ("The board gave its approval to the merger with Varnia Steel.", "SUPPORT"),
    ("Police searched the house of the suspect in Orlek.", "COERCE"),
    ("The government cancelled the summit with Varnia.", "REJECT"),
    ("The charity gave details of its budget on Monday.", "NONE"),
    ("The army defended the town against the rebels.", "NONE"),
    ("Masked men stormed the embassy of Orlek at dawn.", "COERCE"),
    ("Riot police stormed a protest camp in Orlek on Sunday.", "COERCE"),
    ("Dock workers walked out on Monday.", "PROTEST"),
    ("Rebels clashed with government troops near the border.", "ASSAULT"),
    ("The prime minister left the summit on Friday for a visit to the troops.", "NONE"),
    ("The auditors challenged the ministry's figures on Monday.", "ACCUSE"),
    ("The finance minister met the striking nurses on Monday.", "CONSULT"),
]


@pytest.mark.parametrize(("text", "event"), KEPT_CASES)
def test_kept_reading(coder, text, event):
    assert reported(coder, text) == event


def test_criticism_faced_comes_from_the_critic(coder):
    ev = next(e for e in coder.code("The junta faces growing criticism from rights groups.")
              if e.event == "ACCUSE")  # fmt: skip
    assert [a.entity_text for a in ev.actor] == ["rights groups"]
    assert [r.entity_text for r in ev.recipient] == ["The junta"]


def _parsed(words, heads, deps, pos):
    """A hand-parsed sentence (the parser's mistakes are not reproducible on demand)."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos)


def test_an_insult_in_apposition_to_the_complement_is_the_complement():
    from eventcoder.detect.complements import complement_words

    # "called Kolm's envoy to Norland a very stupid guy", the parser making "guy" an
    # apposition of the complement "envoy"
    doc = _parsed(
        ["The", "senator", "called", "Kolm", "'s", "envoy", "to", "Norland", "a", "very", "stupid", "guy", "."],
        [1, 2, 2, 5, 3, 2, 5, 6, 11, 10, 11, 5, 2],
        ["det", "nsubj", "ROOT", "poss", "case", "oprd", "prep", "pobj", "det", "advmod",
         "amod", "appos", "punct"],
        ["DET", "NOUN", "VERB", "PROPN", "PART", "NOUN", "ADP", "PROPN", "DET", "ADV", "ADJ",
         "NOUN", "PUNCT"],
    )  # fmt: skip
    assert {t.text for t in complement_words(doc[2])} == {"envoy", "guy", "stupid"}


def test_a_relative_clause_under_a_noun_root_is_the_main_clause():
    from eventcoder.detect.salience import circumstance_clause

    # "The Aid Agency (TAA) is sending food.": the parser hung the main verb under the name
    words = ["The", "Aid", "Agency", "(", "TAA", ")", "is", "sending", "food", "."]
    deps = ["det", "compound", "ROOT", "punct", "nsubj", "punct", "aux", "relcl", "dobj", "punct"]
    heads = [2, 2, 2, 4, 7, 4, 7, 2, 7, 7]
    pos = ["DET", "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "AUX", "VERB", "NOUN", "PUNCT"]
    assert circumstance_clause(_parsed(words, heads, deps, pos)[7], set()) is None
    # a real relative clause under a verb root stays a circumstance
    words = ["Police", "held", "the", "man", "who", "stole", "food", "."]
    deps = ["nsubj", "ROOT", "det", "dobj", "nsubj", "relcl", "dobj", "punct"]
    heads = [1, 1, 3, 1, 5, 3, 5, 1]
    pos = ["NOUN", "VERB", "DET", "NOUN", "PRON", "VERB", "NOUN", "PUNCT"]
    doc = _parsed(words, heads, deps, pos)
    clause = circumstance_clause(doc[5], set())
    assert clause is not None and clause.i == 5
