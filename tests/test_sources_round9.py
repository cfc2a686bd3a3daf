"""Who did it and what it was, ninth round (detect/condemned.py, detect/first_to.py,
detect/joint.py for captions). Sentences written for the project; the names are invented."""

from __future__ import annotations

import pytest

from .test_roles import one, texts, words


def types(coder, text: str) -> list[str]:
    return [e.event for e in coder.code(text)]


# ---------------------------------------------------------------- rejection with condemnation
@pytest.mark.parametrize(
    "text",
    [
        "The Nordic Council on Monday voiced its firm rejection and condemnation of Kordova's new "
        "border law.",
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
    text = "The farmers' union voiced its rejection and condemnation of the Kordovan minister's tariff plan."
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
        ("The northern militia became the first faction to comply with the truce terms.", "CONCEDE",
         "The northern militia"),
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
    # the first name acts, the other is the other party (one actor, one recipient), each once
    assert [n for n in texts(ev.actor) if "Ana Lind" in n] == texts(ev.actor)
    assert len(ev.actor) == 1
    assert any("Paul Oster" in n for n in texts(ev.recipient))
    assert "caption" in ev.actor[0].reason


def test_a_verb_left_before_a_joined_clause_is_no_caption(coder):
    ev = one(coder, "The envoy left, and the rebels attacked the town.", "ASSAULT")
    assert texts(ev.actor) == ["the rebels"]


# ---------------------------------------------------------------- donors (detect/donors.py)
def found(coder, text: str, finder):
    """The candidates a finder of the rule detector (``donor``, ``critical_of``) finds in
    ``text``, called the way ``RuleDetector.sentence`` calls ``blame``."""
    from eventcoder.detect.rules import RuleDetector
    from eventcoder.records import Article

    doc = coder.process(Article(id="t", text=text))
    detector = RuleDetector(doc.lexicon)
    out = []
    for sent in doc.sentences:
        for tok in sent.span:
            cand = finder(sent, tok, doc.lexicon, detector.args, detector._candidate)
            if cand is not None:
                out.append(cand)
    return out


def found_aid(coder, text: str):
    from eventcoder.detect.donors import donor

    return found(coder, text, donor)


def arg_texts(args) -> list[str]:
    return [" ".join(t.text for t in sorted(a.tokens, key=lambda t: t.i)) for a in args]


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        ("Norway is the largest donor of humanitarian aid in Varnia.", "Norway", "Varnia"),
        ("Norway is the largest single donor of food aid to the refugees, the minister said.",
         "Norway", "the refugees"),
        ("Kordova remains one of the biggest donors.", "Kordova", None),
        ("The EU's aid package to Varnia includes food and medicine.", "The EU 's", "Varnia"),
        ("An assistance package from Kordova arrived in the port on Monday.", "Kordova", None),
        ("Norway marked the anniversary with a contribution of 30 million euros to the Red Cross.",
         "Norway", "the Red Cross"),
    ],
)  # fmt: skip
def test_a_donor_or_an_owned_aid_package_gives_aid(coder, text, actor, recipient):
    (cand,) = found_aid(coder, text)
    assert cand.event == "AID"
    assert arg_texts(cand.actor_args) == [actor]
    assert arg_texts(cand.recipient_args) == ([recipient] if recipient else [])


@pytest.mark.parametrize(
    "text",
    [
        "Rebels attacked the UN's aid convoy.",  # hit, not given
        "Rebels looted the UN's aid package in the port.",  # the package is no subject
        "The donors met in Oslo on Monday.",  # no copula names a giver
        "It is the largest donor in the region.",  # a pronoun names no one
        "The town received a grant of 5 million euros.",  # received, not given
        "Varnia got a grant of 5 million euros.",
        "Kordova made a contribution to the debate.",  # no sum
    ],
)
def test_no_aid_given_where_no_giver_is_named(coder, text):
    assert found_aid(coder, text) == []


# ---------------------------------------------------------------- "in a bid to" (detect/purpose.py)
@pytest.mark.parametrize(
    "text",
    [
        "The Kordovan government has sent a team of engineers into Varnia in a rush to "
        "investigate the collapse of the dam.",
        "Kordova dispatched four inspectors to the port in an effort to investigate the blast.",
    ],
)
def test_sent_in_a_bid_to_investigate_is_an_investigation(coder, text):
    assert "AID" not in types(coder, text)
    ev = one(coder, text, "ACCUSE")
    assert ev.mode == "investigate"
    assert ev.actor


def test_sent_in_a_bid_to_help_stays_aid(coder):
    text = "Kordova sent 200 doctors to Varnia in a bid to contain the outbreak."
    assert types(coder, text) == ["AID"]


# ---------------------------------------------------------------- "critical of" (detect/critical_of.py)
def found_criticism(coder, text: str):
    from eventcoder.detect.critical_of import critical_of

    return found(coder, text, critical_of)


@pytest.mark.parametrize(
    ("text", "actor", "recipient", "triggers"),
    [
        ("The Varnian president has been sharply critical of the Kordovan army.",
         "The Varnian president", "the Kordovan army", ["critical"]),
        ("Two Kordovan watchdogs published a study sharply critical of the Varnian police.",
         "Two Kordovan watchdogs", "the Varnian police", ["published", "critical"]),
        ("Kordova's statement critical of the blockade was read out on Monday.", "Kordova",
         "the blockade", ["critical"]),
    ],
)  # fmt: skip
def test_critical_of_someone_is_disapproval(coder, text, actor, recipient, triggers):
    (cand,) = found_criticism(coder, text)
    assert (cand.event, cand.mode) == ("ACCUSE", "disapprove")
    assert arg_texts(cand.actor_args) == [actor]
    assert arg_texts(cand.recipient_args) == [recipient]
    assert [t.text for t in cand.triggers] == triggers


@pytest.mark.parametrize(
    "text",
    [
        "Talks between Kordova and Varnia are at a critical stage.",  # crucial, no "of"
        "The minister said it was critical to reopen the border.",
    ],
)
def test_critical_without_of_is_no_criticism(coder, text):
    assert found_criticism(coder, text) == []


# ---------------------------------------------------------------- aid as the subject (detect/aid_backs.py)
@pytest.mark.parametrize(
    "text",
    [
        "Kordovan aid has supported 40,000 farmers across the Varnian highlands.",
        "The Kordovan grant backed 300 village clinics in Varnia.",
    ],
)
def test_aid_that_supports_people_is_aid(coder, text):
    assert "SUPPORT" not in types(coder, text)
    ev = one(coder, text, "AID")
    assert "material aid" in ev.reasons["event"]


def test_a_party_that_supports_a_policy_stays_support(coder):
    assert types(coder, "Kordova supported the Varnian reforms.") == ["SUPPORT"]


# ---------------------------------------------------------------- bills (detect/bills.py)
@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Two Kordovan senators introduced a bill last week that would sanction Varnian officials "
         "involved in the border raid.", "Two Kordovan senators"),
        ("Kordovan lawmakers introduced legislation that would impose sanctions on Varnian banks.",
         "Kordovan lawmakers"),
    ],
)  # fmt: skip
def test_a_bill_put_forward_that_would_sanction_is_a_threat(coder, text, actor):
    ev = one(coder, text, "THREATEN")
    assert texts(ev.actor) == [actor]
    assert ev.modality == "asserted"
    assert "would impose: a threat" in ev.reasons["event"]


def test_a_bill_passed_is_no_threat_of_its_sponsors(coder):
    put_forward = "The Kordovan parliament introduced a bill that would sanction Varnian banks."
    passed = "The Kordovan parliament passed a bill that would sanction Varnian banks."
    assert "THREATEN" in types(coder, put_forward)
    assert "THREATEN" not in types(coder, passed)


def test_a_rank_with_a_passive_infinitive_names_no_doer(coder):
    """ "the last country to be invaded": the ranked one suffered the act."""
    for ev in coder.code("Kordova was the last country to be invaded."):
        assert "kordova" not in words(ev.actor), texts(ev.actor)


def test_only_a_when_clause_tells_how_fighting_began(coder):
    text = "Clashes erupted after soldiers shot a protester, when rebels attacked a checkpoint."
    doers = [texts(e.actor) for e in coder.code(text) if e.event == "ASSAULT"]
    assert ["rebels"] in doers and ["soldiers"] in doers, doers


@pytest.mark.parametrize(
    "text",
    [
        "The Kordovan aid programme to Varnia was cancelled after the coup.",
        "The senators condemned a donation of $2 million to the militia.",
    ],
)
def test_aid_named_but_not_given_is_no_aid(coder, text):
    assert "AID" not in types(coder, text)


def test_a_study_critical_of_the_police_names_no_critic(coder):
    assert "ACCUSE" not in types(coder, "The study was critical of the police.")
    assert "ACCUSE" in types(coder, "The minister was critical of the police.")


# ---------------------------------------------------------------- began when (detect/began_when.py)
@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Fighting broke out when rebels attacked a checkpoint near Marlo.", "rebels"),
        ("The hostilities began on Friday, when the Tirva Front launched a mortar attack on army "
         "posts.", "the Tirva Front"),
    ],
)  # fmt: skip
def test_the_when_clause_says_who_began_it(coder, text, actor):
    events = [e for e in coder.code(text) if e.event == "ASSAULT"]
    assert events and all(texts(e.actor) == [actor] for e in events)
    assert len([e for e in events if e.salience == "main"]) == 1


def test_an_event_with_no_when_clause_keeps_no_actor(coder):
    ev = one(coder, "Clashes erupted in Marlo on Monday.", "ASSAULT")
    assert ev.actor == []


@pytest.mark.parametrize(
    ("text", "giver"),
    [
        ("The Kordovan government's aid package backed 300 village clinics.", "government"),
        ("The grant from Norway supported 40 rural schools.", "norway"),
    ],
)
def test_aid_that_backs_people_is_aid_by_its_giver(coder, text, giver):
    """One AID event, its giver the owner or the 'from' party, not the grant or package."""
    found = [e for e in coder.code(text) if e.event in ("AID", "SUPPORT")]
    assert [e.event for e in found] == ["AID"], [e.event for e in found]
    assert giver in words(found[0].actor), texts(found[0].actor)
