"""The rule detector, modality and dedup on sentences written for these tests."""

from __future__ import annotations

import pytest

from eventcoder.detect import Lexicon


@pytest.fixture(scope="module")
def full(coder):
    """A coder that keeps unrealised events, so their modality can be checked."""
    return coder.variant(include_unrealised=True)


def texts(entities) -> list[str]:
    return [e.entity_text for e in entities]


def only(events, event_type):
    found = [e for e in events if e.event == event_type]
    assert len(found) == 1, [(e.event, e.event_text) for e in events]
    return found[0]


def test_subject_and_object_fill_actor_and_recipient(coder):
    ev = only(coder.code("Police arrested three opposition activists in Lagos."), "COERCE")
    assert ev.mode == "arrest" and ev.modality == "asserted"
    assert texts(ev.actor) == ["Police"]
    assert texts(ev.recipient) == ["three opposition activists"]
    assert ev.event_text == ["arrested"]
    assert ev.cameo == "173" and ev.quad_code == 4


def test_passive_by_agent_is_the_actor(coder):
    ev = only(coder.code("Two journalists were detained by security forces."), "COERCE")
    assert texts(ev.actor) == ["security forces"]
    assert texts(ev.recipient) == ["Two journalists"]


def test_a_call_for_a_protest_is_a_request_not_a_protest(coder):
    events = coder.code(
        "The opposition leader urged supporters to stage a rally against the government."
    )
    assert [e.event for e in events] == ["REQUEST"]
    ev = events[0]
    assert ev.modality == "called-for"
    assert texts(ev.recipient) == ["the government"]
    assert "PROTEST" in ev.reasons["recipient"]


def test_negated_attack_is_not_an_attack(coder, full):
    text = "The army did not attack the village."
    assert coder.code(text) == []
    ev = only(full.code(text), "ASSAULT")
    assert ev.modality == "negated"
    assert ev.modality_cue is not None and ev.modality_cue.text == "not"


def test_stated_refusal_to_withdraw_is_a_reject_by_the_speaker(coder):
    ev = only(
        coder.code("The defence minister said the army will not withdraw from the border town."),
        "REJECT",
    )
    assert ev.modality == "asserted" and ev.mode == "yield"
    assert texts(ev.actor) == ["The defence minister"]
    assert "refusal" in ev.reasons["event"]


def test_future_meeting_is_agree(full):
    ev = only(full.code("The two presidents will meet in Geneva next month."), "AGREE")
    assert ev.modality == "future"


def test_conditional_attack_is_hypothetical(coder, full):
    text = "If the rebels attack the capital, the government will fall."
    assert not [e for e in coder.code(text) if e.event == "ASSAULT"]
    assert only(full.code(text), "ASSAULT").modality == "hypothetical"


def test_rumoured_event_is_reported_unconfirmed(coder, full):
    text = "Militants allegedly kidnapped two aid workers near the border."
    assert coder.code(text) == []
    ev = only(full.code(text), "ASSAULT")
    assert ev.modality == "reported-unconfirmed" and ev.mode == "abduct"


def test_accusation_inside_reported_speech(coder):
    ev = only(
        coder.code("The border has been violated by enemy troops, the foreign minister said."),
        "ACCUSE",
    )
    assert texts(ev.actor) == ["the foreign minister"]
    assert texts(ev.recipient) == ["enemy troops"]


def test_participles_used_as_adjectives_are_not_events(coder):
    assert coder.code("The Iran-backed militias remain powerful in the south.") == []


def test_event_nouns_need_an_anchor(coder):
    ev = only(coder.code("Protests erupted in Basra on Friday."), "PROTEST")
    assert ev.event_text == ["Protests"]
    assert coder.code("She wrote a book about protests and their history.") == []


def test_compound_actor_stays_one_event(coder):
    events = coder.code(
        "Sairoon and Fatih passed a resolution calling for the expulsion of foreign forces."
    )
    ev = only(events, "REQUEST")
    assert texts(ev.actor) == ["Sairoon", "Fatih"]
    assert texts(ev.recipient) == ["foreign forces"]
    assert ev.mode == "yield"


def test_meeting_partner_is_the_recipient(coder):
    # PLOVER's dyad: the one who meets is the actor, the one met with the recipient
    ev = only(coder.code("Macron met with Merkel in Berlin on Tuesday."), "CONSULT")
    assert texts(ev.actor) == ["Macron"]
    assert texts(ev.recipient) == ["Merkel"]


def test_assault_mode_from_the_weapon(coder):
    ev = only(coder.code("A drone strike killed two militants in the valley."), "ASSAULT")
    assert ev.mode == "drone"
    assert set(ev.event_text) == {"killed", "strike"}


def test_same_event_told_twice_comes_out_once(coder):
    events = coder.code(
        "Rebels attacked an army base near the city on Sunday.\n\n"
        "The government condemned the violence.\n\n"
        "The rebels attacked the army base after nightfall, officials said."
    )
    ev = only(events, "ASSAULT")
    assert ev.mentions == 2 and len(ev.other_sentences) == 1
    assert only(events, "ACCUSE").mentions == 1


def test_user_lexicon_adds_a_trigger(coder, tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("verbs:\n  snub:\n    - {event: ACCUSE, mode: disapprove}\n", encoding="utf-8")
    mine = coder.variant(config={"detect": {"lexicon": str(extra)}})
    assert only(mine.code("The president snubbed the ambassador."), "ACCUSE").mode == "disapprove"


def test_lexicon_rejects_unknown_event_types(tmp_path):
    with pytest.raises(ValueError, match="not a PLOVER event type"):
        Lexicon.from_data({"verbs": {"zap": [{"event": "ZAP"}]}})


def test_every_event_carries_evidence_offsets(coder):
    text = "Police arrested three opposition activists in Lagos."
    ev = coder.code(text)[0]
    assert text[ev.sentence_start : ev.sentence_end] == ev.text
    for span in ev.triggers:
        assert text[span.start : span.end] == span.text
    for ent in ev.actor + ev.recipient:
        assert text[ent.start : ent.end] == ent.entity_text


def test_announced_future_sanction_is_a_threat(coder):
    ev = only(
        coder.code("The farmers' union said it would blockade the capital next week."), "THREATEN"
    )
    assert "a threat" in ev.reasons["event"]
    ev = only(
        coder.code("Nigeria will withdraw its peacekeepers unless the rebels accept a truce."),
        "THREATEN",
    )
    assert ev.modality_cue is not None and ev.modality_cue.text == "unless"


def test_stated_must_is_a_demand_by_the_speaker(coder):
    ev = only(
        coder.code("The minister said Turkey must release the detained journalists."), "REQUEST"
    )
    assert texts(ev.actor) == ["The minister"]
    assert texts(ev.recipient) == ["Turkey"]
    assert ev.mode == "yield"  # what is demanded: a release


def test_intransitive_meeting_of_one_body_is_not_a_consultation(coder):
    assert not [e for e in coder.code("The cabinet met on Sunday.") if e.event == "CONSULT"]
    assert only(coder.code("Both leaders met on Sunday."), "CONSULT")


def test_what_is_promised_refused_or_threatened_is_not_a_separate_event(coder):
    events = coder.code("The governor refused to meet the visiting trade delegation.")
    ev = only(events, "REJECT")
    assert not [e for e in events if e.event == "CONSULT"]
    assert ev.mode == "meet" and texts(ev.recipient) == ["the visiting trade delegation"]
    events = coder.code("The government rejected calls by the opposition for early elections.")
    ev = only(events, "REJECT")
    assert texts(ev.recipient) == ["the opposition"]  # rejecting a demand targets its maker
    events = coder.code("Iran threatened to shell the border towns.")
    assert [e.event for e in events] == ["THREATEN"]
    assert events[0].mode == "violence"


def test_protest_verb_by_a_government_is_an_accusation(coder):
    assert only(coder.code("The foreign ministry protested the arrest of its diplomat."), "ACCUSE")
    assert only(coder.code("Students protested the tuition increase in Santiago."), "PROTEST")


def test_a_protests_stated_aim_is_part_of_the_protest(coder):
    events = coder.code("Thousands of farmers marched in Paris to demand higher milk prices.")
    assert [e.event for e in events] == ["PROTEST"]
    assert texts(events[0].actor) == ["Thousands of farmers"]


def test_topic_and_instrument_objects_are_not_recipients(coder):
    ev = only(coder.code("The envoys met in Doha to discuss the crisis."), "CONSULT")
    assert ev.recipient == []
    ev = only(coder.code("Police fired tear gas at demonstrators in Kisumu."), "ASSAULT")
    assert texts(ev.recipient) == ["demonstrators"] and ev.mode == "crowd-control"


def test_nobody_killed_is_negated(coder):
    assert coder.code("No one was killed in the incident.") == []


def test_on_and_off_in_the_lexicon_are_words_not_booleans(coder):
    """YAML 1.1 reads ``on``/``off`` as booleans; the lexicon must read them as words."""
    lex = Lexicon.load()
    assert "on" in lex.preps_for("SANCTION")
    ev = only(coder.code("The teachers' union called off its strike on Monday."), "CONCEDE")
    assert set(ev.event_text) >= {"called", "off"}
    assert "Monday" not in texts(ev.recipient)  # a date is never a party


def test_user_lexicon_on_off_words_survive_loading():
    lex = Lexicon.from_data({"verbs": {"switch": [{"event": "COERCE", "needs": {"prt": ["off"]}}]}})
    assert lex.verbs["switch"][0].needs == {"prt": ["off"]}
    lex = Lexicon.from_data({"verbs": {"switch": [{"event": "COERCE", "needs": {"prt": [False]}}]}})
    assert lex.verbs["switch"][0].needs == {"prt": ["off"]}


def test_partitive_object_stands_for_its_noun(coder):
    events = coder.code("Norway suspended part of its development aid to Malawi.")
    assert [e.event for e in events] == ["SANCTION"]  # the aid suspended is no AID event
    ev = only(coder.code("Sudan lifted the state of emergency in the western region."), "CONCEDE")
    assert "lifted" in ev.event_text
    ev = only(coder.code("The rebels freed dozens of prisoners on Sunday."), "RETREAT")
    assert ev.mode == "release"


@pytest.mark.parametrize(
    ("text", "event", "mode"),
    [
        ("The prosecutor dropped all charges against the opposition leader.", "CONCEDE", None),
        ("The president granted amnesty to hundreds of political prisoners.", "CONCEDE", None),
        ("The government backed down after a week of strikes.", "CONCEDE", None),
        ("The candidate recognized his defeat on Monday.", "CONCEDE", None),
        ("The court acquitted the activist of all charges.", "CONCEDE", None),
        ("Rebels handed over their weapons to peacekeepers.", "RETREAT", "disarm"),
        ("The army returned the disputed territory to its neighbour.", "RETREAT", "withdraw"),
        ("The two sides exchanged prisoners at the border.", "RETREAT", "release"),
        ("Both armies ceased hostilities at midnight.", "RETREAT", "ceasefire"),
        ("The country pulled out of the nuclear talks.", "SANCTION", "withdraw"),
        ("The government withheld aid payments to the region.", "SANCTION", "discontinue"),
        ("The country closed its embassy in the capital.", "SANCTION", "discontinue"),
        ("The two navies began joint exercises in the gulf.", "COOPERATE", None),
        ("The agencies shared evidence with their foreign partners.", "COOPERATE", None),
        ("The minister defended Ukraine against the criticism.", "SUPPORT", None),
        ("Troops stayed on high alert along the frontier.", "MOBILIZE", "troops"),
        ("Police stepped up security around the stadium.", "MOBILIZE", "police"),
        ("Security forces stormed the offices of the opposition party.", "COERCE", "seize"),
    ],
)
def test_general_phrasings_of_the_weaker_types(coder, text, event, mode):
    ev = only(coder.code(text), event)
    assert ev.mode == mode


def test_game_and_debt_senses_do_not_spill(coder):
    assert not [e for e in coder.code("The national team won the cup after two games.")]
    ev = only(coder.code("Creditors wrote off the debt."), "AID")
    assert "wrote" in ev.event_text
    # an ordinary closing or stopping is no event
    assert not coder.code("The shop closed its doors at six and the rain stopped.")


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of students staged demonstrations on Saturday to demand political reforms.",
        "Farmers blocked roads in the capital demanding higher prices.",
        "Activists held rallies against the leader, saying he must resign.",
        "Thousands demonstrated in the city calling for independence.",
    ],
)
def test_a_protests_demand_is_its_topic_not_a_request(coder, text):
    assert [e.event for e in coder.code(text)] == ["PROTEST"]


def test_a_separate_call_beside_a_protest_is_kept(coder):
    events = coder.code("Protesters marched after the president called for calm.")
    assert sorted(e.event for e in events) == ["PROTEST", "REQUEST"]


def test_a_mislemmatised_light_verb_still_anchors_its_noun(coder):
    # the tagger lemmatises "staged" as "stag"; the inflection still gives "stage"
    only(coder.code("Students staged demonstrations on Saturday."), "PROTEST")


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("The minister allowed the opposition to hold a rally in the capital.", "CONCEDE"),
        ("The government received a team of observers from the regional bloc.", "RETREAT"),
        ("The imam started mediating between the two villages.", "CONSULT"),
        ("Government troops captured the rebel stronghold after a week of fighting.", "ASSAULT"),
        ("Dock workers stopped work on Monday over the new pay rules.", "PROTEST"),
        ("The country contributed troops to the regional force.", "AID"),
        ("The bloc tightened sanctions on the regime.", "SANCTION"),
    ],
)
def test_more_general_phrasings(coder, text, event):
    only(coder.code(text), event)


def test_a_law_that_allows_something_is_no_concession(coder):
    events = coder.code("The new law allows police to search homes without a warrant.")
    assert "CONCEDE" not in [e.event for e in events]


# ------------------------------------------------------------------ salience (main/background)
def test_event_in_a_relative_clause_is_background(coder):

    text = "Serbia lifted the night curfew in the town, where 28 people were killed in riots."
    events = {e.event: e for e in coder.code(text)}
    assert events["CONCEDE"].salience == "main"
    assert events["ASSAULT"].salience == "background"
    reason = events["ASSAULT"].reasons["salience"]
    assert "'killed' sits in a relative clause" in reason
    assert "salience" not in events["CONCEDE"].reasons
    main_only = coder.variant(main_events_only=True).code(text)
    assert [e.event for e in main_only] == ["CONCEDE"]


def test_a_deeper_clause_is_background_to_the_main_one(coder):
    text = (
        "Georgia's president resigned on Sunday as the opposition threatened to storm his office."
    )
    events = {e.event: e for e in coder.code(text)}
    assert events["RETREAT"].salience == "main"
    assert events["THREATEN"].salience == "background"
    assert "the sentence reports 'resigned' (RETREAT)" in events["THREATEN"].reasons["salience"]


@pytest.mark.parametrize(
    "text",
    [
        "The former dictator, who seized power in a 1974 coup, died in hospital on Tuesday.",
        "Trade has fallen by half since the sanctions were imposed in 2014.",
    ],
)
def test_circumstances_told_in_passing_are_background_even_alone(coder, text):

    events = coder.code(text)
    assert events and {e.salience for e in events} == {"background"}
    assert coder.variant(main_events_only=True).code(text) == []


def test_coordinated_events_are_both_main(coder):
    text = "Students condemned the corruption and demanded the resignation of the minister."
    events = coder.code(text)
    assert {e.event for e in events} == {"ACCUSE", "REQUEST"}
    assert {e.salience for e in events} == {"main"}


def test_a_negated_main_event_does_not_push_a_real_one_into_the_background(coder):
    from eventcoder.detect.salience import clause_depth

    text = "The army did not attack the village, but rebels said they kidnapped two aid workers."
    events = coder.code(text)
    assert [(e.event, e.salience) for e in events] == [("ASSAULT", "main")]  # kidnapped
    doc = coder.nlp("Police said troops shelled the town.")
    assert [clause_depth(t) for t in doc if t.text in ("said", "shelled")] == [0, 1]


# ------------------------------------------------------------------ negating verbs, demands
def test_failing_or_refraining_is_no_event(coder):
    assert coder.code("The army refrained from attacking the town.") == []
    assert coder.code("The agency failed to deliver the vaccines on time.") == []
    # except an agreement the parties failed to reach: a rejection, as PLOVER's gold codes it
    events = coder.code("The two unions failed to reach agreement on the pay scale on Sunday.")
    assert [(e.event, e.modality) for e in events] == [("REJECT", "asserted")]
    assert "failed" in events[0].reasons["event"]


def test_must_on_a_cooperative_verb_is_one_demand_not_also_the_act(coder):
    events = coder.code(
        "The rebels announced that the president must agree to constitutional changes."
    )
    assert [(e.event, e.modality) for e in events] == [("REQUEST", "called-for")]


def test_a_reminder_that_someone_must_act_is_a_demand_by_its_issuer(coder):
    events = coder.code(
        "The president issued a stern reminder to Iraq that it must cooperate with inspectors."
    )
    assert [e.event for e in events] == ["REQUEST"]
    assert events[0].actor[0].entity_text == "The president"


def test_a_press_release_is_no_release(coder):
    text = (
        "The army is holding refugees as human shields, according to a press release by the rebels."
    )
    assert "RETREAT" not in {e.event for e in coder.code(text)}
    events = coder.code("Coast guards announced the release of the fishermen on Friday.")
    assert [e.event for e in events] == ["RETREAT"]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # a deal or accord reached is finalised: SUPPORT (CAMEO 057), as the manual files it
        ("The two parties struck a deal on Sunday to share power.", "SUPPORT"),
        ("The factions reached an accord to end the fighting.", "SUPPORT"),
        ("Israel and the Palestinians reached a consensus to exchange information on water.",
         "AGREE"),
        ("Denmark accepted a formula for ending its fisheries dispute with its partners.", "AGREE"),
    ],
)  # fmt: skip
def test_deals_accords_and_consensus_are_agreements(coder, text, event):
    assert [e.event for e in coder.code(text)] == [event]


def test_a_deal_mentioned_in_passing_is_no_event_and_strikes_still_attack(coder):
    assert coder.code("Under the 2015 deal, Iran limited its enrichment of uranium.") == []
    assert [e.event for e in coder.code("Rebels struck the town with rockets.")] == ["ASSAULT"]


def test_a_diplomatic_protest_is_an_accusation_a_street_protest_a_protest(coder):
    lodged = coder.code("Serbia lodged an official protest with Albania on Monday.")
    assert [(e.event, e.mode) for e in lodged] == [("ACCUSE", "disapprove")]
    said = coder.code("The opposition protested that the vote had been rigged.")
    assert [e.event for e in said] == ["ACCUSE"]
    street = coder.code("Thousands protested in the capital against the vote.")
    assert [e.event for e in street] == ["PROTEST"]


@pytest.mark.parametrize(
    "text",
    [
        "Malaria kills more than 400,000 people a year.",
        "A magnitude 6.4 earthquake struck off the coast of Sumatra early on Wednesday.",
        "Floods have destroyed about 12,000 homes in the delta.",
        "Japan has no plans to send troops to the region, the chief cabinet secretary said.",
        "It is unclear whether the president will attend the summit.",
        "The army did not attack the town, a spokesman insisted.",
    ],
)
def test_no_event_without_an_actor_a_plan_or_a_fact(coder, text):
    assert coder.code(text) == []


def test_insisting_on_something_is_still_a_demand_and_gunmen_still_kill(coder):
    events = coder.code("The opposition insisted that the president must resign.")
    assert [(e.event, e.modality) for e in events] == [("REQUEST", "called-for")]
    assert [e.event for e in coder.code("Gunmen killed five villagers on Monday.")] == ["ASSAULT"]


def test_a_reduced_relative_clause_is_background_unless_the_parse_has_no_main_verb(coder):
    deployed = coder.code("The mission has about 12,000 peacekeepers deployed in the country.")
    assert [(e.event, e.salience) for e in deployed] == [("MOBILIZE", "background")]
    rally = coder.code(
        "Thousands were converging on Thursday for a rally in Lagos to protest the law."
    )
    assert ("PROTEST", "main") in {(e.event, e.salience) for e in rally}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The opposition leader was placed under house arrest on Friday.", ("COERCE", "arrest")),
        ("The minister has been put under investigation for fraud.", ("ACCUSE", "investigate")),
        ("NATO deployed 2,000 peacekeepers in Kosovo on Monday.", ("AID", None)),
        ("Russia deployed troops along the border.", ("MOBILIZE", "troops")),
    ],
)
def test_put_under_arrest_or_investigation_and_peacekeepers_as_aid(coder, text, expected):
    assert [(e.event, e.mode) for e in coder.code(text)] == [expected]


def test_a_storm_tearing_through_a_town_is_no_attack(coder):
    assert coder.code("A storm tore through the coastal town overnight.") == []


#: Wire phrasings and the PLOVER type each reports (one event per sentence).
WIRE_PHRASINGS = [
    ("Ethnic Albanians have sworn to fight until they gain control of the villages.", "THREATEN"),
    ("Police opened fire on the demonstrators on Monday night.", "ASSAULT"),
    ("A newspaper has violated a ban by the general.", "REJECT"),
    ("The government imposed a ban on rallies.", "COERCE"),
    ("Rebels dismissed an appeal from the president to lay down their arms.", "REJECT"),
    ("The United States recognised the new government in Kabul.", "SUPPORT"),
    ("China provided Pakistan with a $2 billion loan.", "AID"),
    ("The Red Cross delivered 40 tonnes of blankets to the flooded valley.", "AID"),
    ("The prime minister stepped down after losing a confidence vote.", "RETREAT"),
    ("Saudi Arabia granted Sudan $500 million in emergency assistance.", "AID"),
    ("A car bomb ripped through a crowded market.", "ASSAULT"),
    ("The union turned down the government's pay offer.", "REJECT"),
    ("Delegations from the two Koreas sat down for negotiations at the border.", "CONSULT"),
    ("Egypt brokered a truce between Hamas and Israel.", "CONSULT"),
    ("Moscow warned of a tough response to any expansion of NATO.", "THREATEN"),
    ("Authorities placed the city under a strict lockdown after the riots.", "COERCE"),
    ("Border guards turned back hundreds of asylum seekers.", "REJECT"),
    ("The government restored internet access in the restive region.", "CONCEDE"),
    ("The bank cut off credit to the state oil company.", "SANCTION"),
    ("The country conducted a nuclear test.", "MOBILIZE"),
    ("Students occupied the university administration building.", "PROTEST"),
    ("Soldiers occupied the radio station.", "COERCE"),
    ("The president gave the militias 48 hours to disarm.", "THREATEN"),
    ("The donors cancelled Mozambique's debt.", "AID"),
    ("The UN agency resettled 5,000 refugees.", "AID"),
]


@pytest.mark.parametrize(("text", "expected"), WIRE_PHRASINGS)
def test_wire_phrasings_are_coded_as_the_manual_says(coder, text, expected):
    assert [e.event for e in coder.code(text)] == [expected]
