"""Who did what to whom in real news phrasing: each pattern on sentences written for the
project (detect/dyads.py, detect/arguments.py)."""

from __future__ import annotations

import pytest


def texts(entities) -> list[str]:
    return [e.entity_text for e in entities]


def one(coder, text: str, event: str):
    found = [e for e in coder.code(text) if e.event == event]
    assert found, f"no {event} in {text!r}"
    return found[0]


def words(entities) -> set[str]:
    out = set()
    for e in entities:
        for w in e.entity_text.lower().split():
            for suffix in ("'s", "’s", "'", "’"):
                w = w.removesuffix(suffix)
            out.add(w)
    return out


# (sentence, event type, words the actor must contain (None: no actor), recipient word)
ROLE_CASES = [
    # passive with no by-agent: the agent inside the event it happened in
    ("Two farmers were killed in police firing near the market on Sunday.", "ASSAULT",
     "police", "farmers"),
    ("Fourteen people have been killed in army shelling since Monday.", "ASSAULT",
     "army", "people"),
    # passive with a by-agent
    ("Three journalists were detained by soldiers at the checkpoint.", "COERCE",
     "soldiers", "journalists"),
    # instruments are no actors; their user is, when named
    ("A Turkish drone strike killed four fighters near the border.", "ASSAULT",
     "turkish", "fighters"),
    ("A bomb planted by militants killed two policemen.", "ASSAULT", "militants", "policemen"),
    ("A car bomb killed four policemen near the dam.", "ASSAULT", None, "policemen"),
    ("The police fired about 30 rounds, killing three villagers.", "ASSAULT", "police",
     "villagers"),
    # nominalisations: the possessor and the of-phrase of an arrest or a killing suffer it
    ("The governor's assassination shocked the province.", "ASSAULT", None, "governor"),
    ("The arrest of the opposition leader by border guards drew protests.", "COERCE",
     "guards", "leader"),
    # reported speech: the reported event's doer, not the speaker
    ("The minister said the militia attacked the convoy.", "ASSAULT", "militia", "convoy"),
    ("The government accused the rebels of attacking the convoy.", "ACCUSE", "government",
     "rebels"),
    # events done together: one actor, the other party the recipient
    ("Kenya and Uganda agreed to hold joint patrols.", "AGREE", "kenya", "uganda"),
    ("The minister discussed trade with his Chilean counterpart.", "CONSULT", "minister",
     "counterpart"),
    ("Chile and Peru signed a fishing agreement in Lima.", "SUPPORT", "chile", "peru"),
    ("Ghana and Togo have restored diplomatic ties.", "SUPPORT", "ghana", "togo"),
    # light verbs and prepositional targets
    ("The envoy held talks with the rebel commander in Doha.", "CONSULT", "envoy", "commander"),
    ("The army launched an attack on rebel positions.", "ASSAULT", "army", "positions"),
    ("The ministry has opened an investigation into the bank.", "ACCUSE", "ministry", "bank"),
    # control verbs and demands: who is asked
    ("The president urged the protesters to leave the square.", "REQUEST", "president",
     "protesters"),
    ("The mayor demanded that the contractor repay the money.", "REQUEST", "mayor",
     "contractor"),
    # what was agreed or refused: the complement's recipient
    ("France agreed to send doctors to Haiti.", "AGREE", "france", "haiti"),
    ("The city refused to meet with the strikers.", "REJECT", "city", "strikers"),
    # who is willing, and whose commitment it is
    ("Austria is willing to provide shelter to the flood victims.", "AGREE", "austria", "victims"),
    ("The coast guard reiterated its commitment to support the fishermen.", "SUPPORT", "guard",
     "fishermen"),
    # the target of an event noun the verb acts on
    ("The ministry lifted its blockade of the port city.", "RETREAT", "ministry", "city"),
    ("The government will not lift the ban on foreign newspapers.", "REJECT", "government",
     "newspapers"),
    ("The mayor cancelled his planned visit to the harbour town.", "REJECT", "mayor", "town"),
    ("The rebels threatened to halt peace talks with the government.", "THREATEN", "rebels",
     "government"),
    ("The agency refused to answer a request from the senators.", "REJECT", "agency",
     "senators"),
    ("The abbot began mediation between the rival herders.", "CONSULT", "abbot", "herders"),
    ("Fifty fighters surrendered to the army on Monday.", "RETREAT", "fighters", "army"),
    # a thing acted on: the party it goes to, comes from or is shared with
    ("The airline suspended all flights to Belarus.", "SANCTION", "airline", "belarus"),
    ("The company established trade ties with the Faroe Islands.", "SUPPORT", "company",
     "faroe"),
    # possessor of the affected thing
    ("The artillery shelled the rebels' positions overnight.", "ASSAULT", "artillery", "rebels"),
    # an event condemned whose doer is not named: the event itself
    ("The bishop condemned the bombing.", "ACCUSE", "bishop", "bombing"),
    ("The council rejected the appeal of the two teachers.", "REJECT", "council", "teachers"),
    # issue 12, third round: lower-cased police reports; the user of rounds fired
    ("one person was killed in police firing.", "ASSAULT", "police", "person"),
    ("the police fired about 40 rounds killing two persons.", "ASSAULT", "police", "persons"),
    ("mrs gandhi's assassination shocked the nation.", "ASSAULT", None, "gandhi"),
    # who is asked stays the recipient of a request
    ("The president urged the rebels to withdraw from the town.", "REQUEST", "president",
     "rebels"),
    # one's own forces moved: the party they leave or go to
    ("The UN withdrew its peacekeepers from Chad after the attack.", "SANCTION", "un", "chad"),
    ("Norway sent 200 troops to Mali.", "MOBILIZE", "norway", "mali"),
    # the parties of an event noun the verb acts on
    ("The mediator ended talks between the government and the rebels.", "SANCTION",
     "mediator", "rebels"),
    ("The army rejected any cooperation with the war crimes court.", "REJECT", "army",
     "court"),
    ("The airline announced a suspension of flights to Belarus.", "SANCTION", "airline",
     "belarus"),
    # whom an inquiry is about
    ("Police launched an investigation into claims that two guards beat inmates.", "ACCUSE",
     "police", "guards"),
    ("The agency opened an inquiry into whether the mayor took bribes.", "ACCUSE", "agency",
     "mayor"),
    # whom aid is for, from its purpose clause
    ("Japan gave 20 million dollars to help flood victims in Peru.", "AID", "japan", "victims"),
    ("Japan donated tents to assist Kenya with its flood relief.", "AID",
     "japan", "kenya"),
    # the owner of the thing acted on
    ("The senator criticised the government's handling of the crisis.", "ACCUSE", "senator",
     "government"),
    ("The bank froze the minister's accounts.", "SANCTION", "bank", "minister"),
    ("The president defended the army's actions in the north.", "SUPPORT", "president",
     "army"),
    ("The government rejected the rebels' offer of talks.", "REJECT", "government", "rebels"),
    # whoever made a demand or proposal that is met or refused
    ("The company accepted the main demands by the dockworkers.", "CONCEDE", "company",
     "dockworkers"),
    ("The mayor conceded to the demands of the striking bus conductors.", "CONCEDE",
     "mayor", "conductors"),
    ("The court rejected the request of the two journalists.", "REJECT", "court",
     "journalists"),
    # a mediation is done to the parties of the dispute it is meant to settle
    ("The abbot began a mediation effort to settle the feud between the city council and "
     "the unions.", "CONSULT", "abbot", "unions"),
    # the doer of a going or giving up named by a noun; who is to do a requested act is asked
    ("The withdrawal of US troops from the valley began on Monday.", "RETREAT", "troops",
     "valley"),
    ("the withdrawal of troops from the valley began on monday.", "RETREAT", "troops",
     "valley"),
    ("The islanders demanded the withdrawal of all naval vessels.", "REQUEST", "islanders",
     "vessels"),
    ("The UN demanded an Israeli withdrawal from the town.", "REQUEST", "un", "israeli"),
    # accused of doing: the accused did it (as alleged); who died in an attack suffered it
    ("Kenya accused Uganda of shelling its border villages.", "ASSAULT", "uganda", "villages"),
    ("The government blamed the rebels for attacking the convoy.", "ASSAULT", "rebels",
     "convoy"),
    ("Three soldiers died in a rebel ambush.", "ASSAULT", "rebel", "soldiers"),
    # blame: said to be, or held, responsible for an event
    ("The police said the smugglers were responsible for the ambush.", "ACCUSE",
     "police", "smugglers"),
    ("The ministry held the rebels responsible for the bombing.", "ACCUSE", "ministry",
     "rebels"),
    # an honour bestowed
    ("The country awarded its highest medal to the former president.", "SUPPORT", "country",
     "president"),
    # talks between two parties: one the actor, the other the recipient
    ("The talks between Israel and Hamas resumed in Cairo.", "CONSULT", "israel", "hamas"),
    # a light verb in the passive; an armed operation against someone
    ("Joint exercises were staged by British marines and Omani forces.", "COOPERATE",
     "marines", "forces"),
    ("The navy launched a military operation against the pirates.", "ASSAULT", "navy",
     "pirates"),
    # the object of an agreed act done to people
    ("Portugal agreed to accept 80 asylum seekers from the island.", "AGREE", "portugal",
     "seekers"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event", "actor", "recipient"), ROLE_CASES)
def test_roles_from_sentence_structure(coder, text, event, actor, recipient):
    ev = one(coder, text, event)
    if actor is None:
        assert ev.actor == [], texts(ev.actor)
    else:
        assert actor in words(ev.actor), texts(ev.actor)
    assert recipient in words(ev.recipient), texts(ev.recipient)
    assert not words(ev.actor) & words(ev.recipient) - {"the"}


def test_instrument_is_neither_actor_nor_recipient(coder):
    ev = one(coder, "Riot police opened fire on the crowd outside the stadium.", "ASSAULT")
    assert "police" in words(ev.actor)
    assert "fire" not in words(ev.recipient) and "crowd" in words(ev.recipient)


def test_a_thing_is_no_recipient_beside_a_party(coder):
    ev = one(coder, "The airline suspended all flights to Belarus.", "SANCTION")
    assert texts(ev.recipient) == ["Belarus"]


def test_counts_of_casualties_are_recipients(coder):
    ev = one(coder, "At least 12 people were killed and 30 wounded when a rocket hit the market.",
             "ASSAULT")  # fmt: skip
    assert ev.actor == [] and "30" in words(ev.recipient)


def test_the_agent_of_an_attack_noun_and_what_it_struck(coder):
    ev = one(coder, "A rebel attack on a police station killed five officers.", "ASSAULT")
    assert texts(ev.actor) == ["rebel"]
    assert {"officers", "station"} <= words(ev.recipient)


def test_a_car_bomb_with_no_user_leaves_a_reason(coder):
    ev = one(coder, "A car bomb killed four policemen near the dam.", "ASSAULT")
    assert "instrument" in ev.reasons.get("actor", "")


def test_a_name_of_punctuation_only_does_not_crash_surname_matching():
    # lower-cased wire copy: a title read as a name may leave only a full stop
    from eventcoder.actors.resolve import ActorCoder, Coded

    earlier = Coded("Ali Hassan", 0, 10, name="Ali Hassan", code="IRQ", sector="REL",
                    kind="person")  # fmt: skip
    title = Coded("lt. gen. jon smith", 20, 38, name=".", kind="person")
    ActorCoder()._from_memory(title, [], [earlier])
    assert title.code is None and title.name == "."


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("the us demanded that syria withdraw its troops.", "USA"),
        ("the u.s. rejected the demands of the kidnappers.", "USA"),
        ("the un condemned the attack on the convoy.", "UNO"),
    ],
)
def test_capitals_only_names_in_lower_cased_text(coder, text, code):
    ev = coder.code(text)[0]
    assert ev.actor[0].code == code


def test_the_pronoun_us_is_no_country():
    from eventcoder.knowledge import Countries

    table = Countries()
    assert table.get("us") is None and table.get("us.") is None
    assert table.get("the us") is not None and table.get("US") is not None


# Event types news English states in ways the lexicon missed (issue 12, type misses): each
# (sentence, event type) is a general pattern, on sentences written for the project.
TYPE_CASES = [
    # release and return: people, or what was seized, set free; what was taken given back
    ("The navy released the seized fishing boat after a week.", "RETREAT"),
    ("Four sailors were released from captivity on Friday.", "RETREAT"),
    ("The court freed a former mayor jailed during the riots.", "RETREAT"),
    ("The ministry returned a stolen painting to the museum in Rome.", "RETREAT"),
    # money and training given
    ("Norway gave 40 million crowns to the relief fund.", "AID"),
    ("The agency provided $3 million in emergency funds to the flood victims.", "AID"),
    ("The army is training Malian soldiers at a camp near the capital.", "AID"),
    # legal action against someone
    ("The union filed charges against the mining company.", "ACCUSE"),
    ("The association filed a complaint against the city council.", "ACCUSE"),
    ("A magistrate issued an arrest warrant for the ferry owner.", "COERCE"),
    # concessions: dropping a probe, revoking an order, lifting a boycott, lower tariffs
    ("The prosecutor dropped the investigation into the senator.", "CONCEDE"),
    ("The court revoked the detention order against the journalist.", "CONCEDE"),
    ("The players lifted their boycott of the tournament.", "CONCEDE"),
    ("Washington reduced tariffs on imported steel.", "CONCEDE"),
    ("The cabinet rolled back tariffs on imported timber.", "CONCEDE"),
    ("The rebels complied with the demand to leave the buffer zone.", "CONCEDE"),
    # ceasefires however spelt
    ("The junta announced a cessation of hostilities in the delta.", "RETREAT"),
    ("The general announced a week-long cease-fire with the rebels.", "RETREAT"),
    ("Both armies observed the cease-fire along the river.", "RETREAT"),
    # force and restriction
    ("The governor declared a state of siege in the northern district.", "COERCE"),
    ("Border guards apprehended a smuggler near the river.", "COERCE"),
    ("Navy patrol boats forced the trawler to sail into the harbour.", "COERCE"),
    ("The rebels captured the central mosque and the town hall.", "ASSAULT"),
    ("The artillery intensified its bombardment of the eastern suburbs.", "ASSAULT"),
    ("The hackers launched cyber warfare against the bank.", "COERCE"),  # PLOVER COERCE cyber
    ("A coalition strike on a village market killed 12 people.", "ASSAULT"),
    # support pledged is support; a failed agreement is a rejection (as PLOVER codes it)
    ("The senator pledged her party's full support for the mayor.", "SUPPORT"),
    ("The two unions failed to reach agreement on the pay scale.", "REJECT"),
    ("The two air forces began a fresh series of joint exercises over the desert.", "COOPERATE"),
    ("The charity suspended grain deliveries to the camps.", "SANCTION"),
    ("Students burned the national flag outside the embassy.", "PROTEST"),
    # a retreat or concession announced for the future is a promise (AGREE, as PLOVER codes it)
    ("The rebels said they will release the two kidnapped engineers.", "AGREE"),
    ("The kingdom is willing to withdraw its troops from the islands.", "AGREE"),
    ("The council said it would lift the ban on street vendors next month.", "AGREE"),
    # issue 12, third round: people released whatever their role; legal action; human shields
    ("The guerrillas freed a Colombian sergeant on Sunday.", "RETREAT"),
    ("The rebels released the kidnapped nurse.", "RETREAT"),
    ("The junta let free dozens of political prisoners.", "RETREAT"),
    ("The tenants' association launched legal action against the landlord.", "ACCUSE"),
    ("The gang held 40 farm workers as human shields.", "ASSAULT"),
    ("The militia used residents as human shields.", "ASSAULT"),
    ("Norway is willing to provide a loan guarantee to Malawi.", "AGREE"),
    ("Ireland is ready to contribute medics to the monitoring mission in Cyprus.", "AGREE"),
    # a ceasefire broken is an attack (CAMEO 196); strikes and raids by armed forces
    ("The rebels violated the ceasefire in the north.", "ASSAULT"),
    ("The two armies breached the truce near the river.", "ASSAULT"),
    ("The navy carried out strikes against pirate bases on the coast.", "ASSAULT"),
    ("Warplanes carried out a raid on a bandit hideout in the hills.", "ASSAULT"),
    ("The two navies staged joint war games off the cape.", "COOPERATE"),
    ("The navy will begin a fresh military operation against the pirates next week.",
     "THREATEN"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event"), TYPE_CASES)
def test_news_phrasings_of_event_types(coder, text, event):
    assert event in [e.event for e in coder.code(text)]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The agency released its annual report on Monday.", "RETREAT"),
        ("The company released a new phone in March.", "RETREAT"),
        ("The band released its second album last year.", "RETREAT"),
        ("The troops returned fire after the ambush.", "RETREAT"),
        ("The academy trains students capable of launching cyber warfare.", "ASSAULT"),
        ("The dockers' strike on Monday closed the port.", "ASSAULT"),
        ("The ministry failed to deliver the promised aid.", "REJECT"),
        ("The ministry failed to deliver the promised aid.", "AID"),
        ("The government let free elections go ahead.", "RETREAT"),
        ("Dock workers carried out a strike at the port.", "ASSAULT"),
        ("Police carried out a raid on the house.", "ASSAULT"),
        ("The company violated the ban on night shifts.", "ASSAULT"),
        ("The team played football games on Sunday.", "COOPERATE"),
        ("The hospital carried out a complex operation on the patient.", "ASSAULT"),
        ("The minister said the army was responsible for security in the north.", "ACCUSE"),
        ("The country awarded a contract to the company.", "SUPPORT"),
        ("The team held the trophy as fans cheered.", "ASSAULT"),
    ],
)
def test_the_new_phrasings_keep_their_limits(coder, text, absent):
    assert absent not in [e.event for e in coder.code(text)]


def test_a_failed_agreement_is_rejected_by_both_sides(coder):
    ev = one(coder, "Kenya and Uganda failed to reach agreement on the border.", "REJECT")
    assert "kenya" in words(ev.actor) and "uganda" in words(ev.recipient)


def test_a_declared_state_of_siege_is_no_recipient(coder):
    ev = one(coder, "The junta declared a state of siege, arresting dozens of opponents.",
             "COERCE")  # fmt: skip
    assert "state" not in words(ev.recipient) and "opponents" in words(ev.recipient)


@pytest.mark.parametrize(
    "text",
    [
        "The coach agreed to resign on Friday.",
        "Japan gave 20 million dollars to the relief fund.",
    ],
)
def test_dates_and_sums_are_no_recipients(coder, text):
    for ev in coder.code(text):
        assert not words(ev.recipient) & {"friday", "million", "dollars"}, texts(ev.recipient)


def test_own_troops_are_no_recipient(coder):
    ev = one(coder, "Chad is willing to withdraw its troops from the lake islands.", "AGREE")
    assert "troops" not in words(ev.recipient)


@pytest.mark.parametrize(
    ("text", "event", "own"),
    [
        ("Bolivia mobilized the army near the salt flats.", "MOBILIZE", "army"),
        (
            "The gunmen said they will lay down their weapons once the amnesty begins.",
            "AGREE",
            "weapons",
        ),
        ("Zambia agreed to open its borders for grain lorries.", "AGREE", "borders"),
        ("The governor abandoned his plan of closing rural clinics.", "CONCEDE", "his"),
    ],
)
def test_the_actors_own_forces_and_things_are_no_recipient(coder, text, event, own):
    ev = one(coder, text, event)
    assert own not in words(ev.recipient), texts(ev.recipient)


@pytest.mark.parametrize(
    ("text", "event", "recipient"),
    [
        ("The chairwoman issued an ultimatum to her board colleagues.", "THREATEN", "colleagues"),
        ("The museum returned a stolen painting to its owner.", "RETREAT", "owner"),
    ],
)
def test_a_party_with_a_possessive_pronoun_stays_the_recipient(coder, text, event, recipient):
    assert recipient in words(one(coder, text, event).recipient)


def test_a_summoned_envoy_stays_the_recipient(coder):
    ev = one(coder, "The ministry summoned the Dutch ambassador to the foreign ministry.",
             "ACCUSE")  # fmt: skip
    assert "ambassador" in words(ev.recipient)


def test_the_artillery_shelled_the_owner_and_what_it_struck(coder):
    ev = one(coder, "The artillery shelled the rebels' convoy.", "ASSAULT")
    assert {"rebels", "convoy"} <= words(ev.recipient)


def test_who_asked_is_not_the_recipient_of_aid(coder):
    ev = one(coder, "The army is training Malian pilots at the request of Mali's government.",
             "AID")  # fmt: skip
    assert "pilots" in words(ev.recipient) and "government" not in words(ev.recipient)


def test_the_conditions_of_a_deal_name_no_party(coder):
    ev = one(coder, "The union rejected the conditions of the deal.", "REJECT")
    assert "the deal" not in texts(ev.recipient)  # no maker: a deal is no party


def test_a_possessive_pronoun_is_no_owner(coder):
    ev = one(coder, "The ministry lifted its blockade of the port city.", "RETREAT")
    assert "its" not in words(ev.recipient) and "city" in words(ev.recipient)


def test_the_target_of_a_condemned_attack_is_not_accused(coder):
    ev = one(coder, "The bishop condemned the attack on a church.", "ACCUSE")
    assert "church" not in words(ev.recipient)


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        ("99 persons have been killed in police firing in the district.", "police", "persons"),
        ("The arrest of the mayor by federal agents angered residents.", "agents", "mayor"),
        ("the arrest of the mayor by federal agents angered residents.", "agents", "mayor"),
        ("an israeli air strike killed three militants in gaza.", "israeli", "militants"),
        ("The killing of the journalist by soldiers sparked protests.", "soldiers", "journalist"),
        ("the minister said the rebels attacked the convoy.", "rebels", "convoy"),
        ("the police fired on the crowd, killing six people.", "police", "crowd"),
    ],
)
def test_the_issue_examples_cased_and_lower_cased(coder, text, actor, recipient):
    ev = next(e for e in coder.code(text) if e.event in ("ASSAULT", "COERCE"))
    assert actor in words(ev.actor) and recipient in words(ev.recipient)
    assert not {"rounds", "firing", "strike"} & words(ev.actor)


def test_who_makes_a_call_is_not_called_on(coder):
    """The maker of a demand is the recipient of what is done to it, never of the demand."""
    events = coder.code(
        "Following the cardinal's call for a march against the mining law, the unions "
        "welcomed the plan.",
        date="2024-03-02",
    )
    [req] = [e for e in events if e.event == "REQUEST"]
    assert "cardinal" in words(req.actor) and "cardinal" not in words(req.recipient)


def test_an_adjective_or_an_event_is_never_who_is_asked(coder):
    """'a peaceful and united protest that condemns X': neither 'united' (tagged a proper noun
    by the parser) nor the protest is who is asked; those called on are."""
    ev = one(
        coder,
        "The bishop called on the farmers to hold a large, peaceful, and united protest that "
        "condemns the new land law.",
        "REQUEST",
    )
    assert "farmers" in words(ev.recipient)
    assert not {"united", "protest"} & words(ev.recipient)


@pytest.mark.parametrize(
    "text",
    [
        "The league called for the government to withdraw its troops from the border.",
        "The bishops called for the rebels to release the hostages.",
    ],
)
def test_a_call_for_someone_to_act_is_a_request_not_the_act(coder, text):
    """'called for X to do Y' (the parser makes 'for' the clause's marker): a REQUEST; the act
    asked for has not happened and is not coded as asserted."""
    events = coder.code(text, date="2024-03-02")
    assert [e.event for e in events] == ["REQUEST"]
    assert events[0].modality == "called-for"


# issue 12, fifth round: sentences with no event before (each a pattern of news English)
TYPE_CASES_5 = [
    # a threat or a promise with a condition was still made
    ("The militia threatened to shell the port if the navy enters the bay.", "THREATEN"),
    ("The mayor issued an ultimatum to the squatters warning of eviction if they stay.",
     "THREATEN"),
    ("Norway is willing to withdraw its engineers from the region if asked to do so.", "AGREE"),
    # what a court throws out or strikes down
    ("The board dismissed the petition filed by the tenants' association.", "REJECT"),
    ("The appeals court quashed the demolition orders issued by the city planner.", "REJECT"),
    ("The supreme court overturned the ruling of the lower court.", "REJECT"),
    # a war stopped, a deadline set, a warrant issued
    ("The two governments agreed to stop the war within a month.", "AGREE"),
    ("The mayor said the city will never stop its war on the drug gangs.", "REJECT"),
    ("The regulator set a 10-day deadline for the bank to reply.", "THREATEN"),
    ("A court issued a search warrant against the two bankers.", "COERCE"),
    # meals and demands met
    ("The senator had lunch with the Kenyan foreign minister in Nairobi.", "CONSULT"),
    ("The governor met the demands of the striking nurses.", "CONCEDE"),
    ("The envoy expressed his deep respect for the Mongolian government.", "SUPPORT"),
    # released people named with their title, ships seized
    ("The rebels released Corporal Juan Ruiz Moreno on Monday.", "RETREAT"),
    ("The coast guard released a fishing boat it seized last week.", "RETREAT"),
    # aid received: the giver acts
    ("The flooded province received food aid from the Red Cross.", "AID"),
    ("The militia has received financial support from a Gulf state.", "AID"),
    # an event noun told as something that took place
    ("The general took power following mass protests against the king.", "PROTEST"),
    ("The offensive on the northern town has displaced 20,000 people.", "ASSAULT"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event"), TYPE_CASES_5)
def test_fifth_round_phrasings_of_event_types(coder, text, event):
    assert event in [e.event for e in coder.code(text, date="2024-03-02")]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a condition on a plain act still makes it hypothetical
        ("The army would attack the town if the rebels refused.", "ASSAULT"),
        ("The army would attack the town if the rebels refused.", "THREATEN"),
        # meeting needs or targets is no meeting
        ("The agency met the needs of the displaced families.", "CONSULT"),
        ("The factory met its production targets in May.", "CONSULT"),
        # respect for something in general is no praise given
        ("The court stressed that respect for the law is essential.", "SUPPORT"),
        # a ship that is no seized one is no release
        ("The company released a ship design it developed last year.", "RETREAT"),
    ],
)
def test_fifth_round_phrasings_keep_their_limits(coder, text, absent):
    assert absent not in [e.event for e in coder.code(text, date="2024-03-02")]


def test_a_clause_of_its_own_is_another_event(coder):
    """'After X allowed ..., Y lifted ...': two events, the main one Y's (not merged because
    both are concessions)."""
    events = coder.code(
        "After the army allowed farmers to return, the rebels lifted their blockade of the town.",
        date="2024-03-02",
    )
    main = [e for e in events if e.salience == "main"]
    assert main and "rebels" in words(main[0].actor) and "army" not in words(main[0].actor)


def test_aid_received_is_given_by_the_from_phrase(coder):
    ev = one(coder, "The flooded province received food aid from the Red Cross.", "AID")
    assert "cross" in words(ev.actor) and "province" in words(ev.recipient)
    ev = one(coder, "The camp received $2 million in emergency funds.", "AID")
    assert ev.actor == [] and "camp" in words(ev.recipient)


def test_a_conditional_threat_keeps_its_target(coder):
    ev = one(coder, "The militia threatened to shell the port if the navy enters the bay.",
             "THREATEN")  # fmt: skip
    assert ev.modality == "asserted" and "port" in words(ev.recipient)


def test_a_seizure_that_killed_was_an_attack(coder):
    ev = one(coder, "Gunmen stormed a police station in the east, killing five officers.",
             "ASSAULT")  # fmt: skip
    assert "gunmen" in words(ev.actor) and {"station", "officers"} <= words(ev.recipient)
    events = coder.code("Police raided the house, arresting five suspects.", date="2024-03-02")
    assert "ASSAULT" not in [e.event for e in events]


def test_a_count_or_a_weapon_does_not_split_one_attack(coder):
    """'nine were killed and 15 injured after a truck bomb struck the market': one attack, the
    market among what it struck (the clause after 'after' has no party of its own as doer)."""
    ev = one(coder, "Nine people were killed and 15 injured after a truck bomb struck the market.",
             "ASSAULT")  # fmt: skip
    assert "market" in words(ev.recipient) and "people" in words(ev.recipient)


def test_a_circumstance_does_not_outrank_what_the_sentence_reports(coder):
    events = coder.code(
        "Shortly after the blasts on Friday, the police said the gangs were responsible.",
        date="2024-03-02",
    )
    ranked = sorted(events, key=lambda e: -e.confidence)
    assert ranked[0].event == "ACCUSE"


def test_held_responsible_is_not_part_of_the_name(coder):
    """'held the rebels responsible': the recipient reads 'the rebels' (the adjective of
    blame is no part of their phrase)."""
    ev = one(coder, "The government held the rebels responsible for the bombing.", "ACCUSE")
    assert texts(ev.recipient) == ["the rebels"]


# issue 12, fifth round: recipients named away from the trigger
TARGET_CASES_5 = [
    # an object pronoun stands for the linked clause's object
    ("The artillery hit rebel trenches on the ridge and destroyed them.", "ASSAULT", "trenches"),
    ("The kidnappers kept 30 miners in the tunnel and used them as human shields.",
     "ASSAULT", "miners"),
    # whom a refusal or a strike presses
    ("The dock workers said they will not end the strike until the port authority meets "
     "their demands.", "REJECT", "authority"),
    ("The pilots will not end the strike until their pay claims have been met by the "
     "transport ministry.", "REJECT", "ministry"),
    # the enemy of a mobilisation
    ("The king mobilized the army for a war against the northern tribes.", "MOBILIZE", "tribes"),
    # where aid goes, named as a place
    ("Sweden gave 12 million crowns to promote rural schooling in Laos.", "AID",
     "laos"),
    ("The agency has provided 9 million dollars this year for drought aid in Haiti.", "AID",
     "haiti"),
    # the party in the clause of the thing acted on
    ("The governor lifted travel restrictions imposed on the former mayor.", "CONCEDE",
     "mayor"),
    ("The bishops condemned the threats made by the loggers.", "ACCUSE", "loggers"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event", "recipient"), TARGET_CASES_5)
def test_fifth_round_recipients(coder, text, event, recipient):
    ev = one(coder, text, event)
    assert recipient in words(ev.recipient)


@pytest.mark.parametrize(
    ("text", "event", "absent"),
    [
        # a pronoun of another number, or a person, keeps its own reading
        ("The police stopped the bus and shot them.", "ASSAULT", "bus"),
        # a place where the giver sits is not where the aid goes
        ("The embassy in Kenya gave 3 million euros to the flood victims.", "AID", "kenya"),
    ],
)
def test_fifth_round_recipients_keep_their_limits(coder, text, event, absent):
    found = [e for e in coder.code(text, date="2024-03-02") if e.event == event]
    assert all(absent not in words(e.recipient) for e in found)


# issue 12, fifth round: confusions that follow a general distinction of English
DISTINCTION_CASES_5 = [
    # a phone call whose purpose is the caller's own act is no request to the one called
    ("The prime minister called his Kenyan counterpart on Wednesday to congratulate him.",
     "CONSULT", "REQUEST"),
    ("The president called the emir to discuss the gas pipeline.", "CONSULT", "REQUEST"),
    # a scathing attack is made of words (ACCUSE), not of force
    ("The former premier launched a scathing attack on the intelligence chiefs.", "ACCUSE",
     "ASSAULT"),
    ("The senator led the verbal attacks on the new labour law.", "ACCUSE", "ASSAULT"),
    # 'offered criticism/condolences' is the noun's event, not a promise
    ("The auditors offered sharp criticism of the board's handling of the pension fund.",
     "ACCUSE", "AGREE"),
    # property given back, the 'to' inside the object's phrase
    ("The auction house returned three looted statues to the Consulate of Cambodia.",
     "RETREAT", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event", "absent"), DISTINCTION_CASES_5)
def test_fifth_round_distinctions(coder, text, event, absent):
    found = [e.event for e in coder.code(text, date="2024-03-02")]
    assert event in found and absent not in found


@pytest.mark.parametrize(
    "text",
    [
        "The bishops called on the government to explain its decision.",
        "The minister called the rebels to lay down their arms.",
        "The militants launched an attack on the police station.",
    ],
)
def test_fifth_round_distinctions_keep_requests_and_attacks(coder, text):
    found = [e.event for e in coder.code(text, date="2024-03-02")]
    assert found and found[0] in ("REQUEST", "ASSAULT")


def test_a_date_after_call_is_no_call_on(coder):
    """'called X on Saturday': 'on' a date is no 'call on' (no request to anyone)."""
    ev = one(coder, "The president called the Nigerian leader on Saturday to discuss trade.",
             "CONSULT")  # fmt: skip
    assert "leader" in words(ev.recipient)


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("Fiji is sending soldiers to join the UN peacekeeping mission in Lebanon.",
         "lebanon"),
        ("Six hundred Fijian troops were sent to the island as peacekeeping forces.", None),
        ("Uruguayan peacekeepers began deploying to the border villages on Friday.", None),
    ],
)  # fmt: skip
def test_troops_sent_to_keep_the_peace_are_aid(coder, text, recipient):
    """CAMEO 074 (provide peacekeeping) is AID in PLOVER's table, not a show of force; the
    troops or the force are no recipient, the country they serve in is."""
    events = coder.code(text, date="2024-03-02")
    assert "MOBILIZE" not in [e.event for e in events]
    ev = one(coder, text, "AID")
    assert not {"troops", "soldiers", "forces", "force"} & words(ev.recipient)
    if recipient:
        assert recipient in words(ev.recipient)


def test_troops_deployed_without_peacekeeping_stay_a_mobilisation(coder):
    events = coder.code("The army deployed troops along the border with Iraq.", date="2024-03-02")
    assert [e.event for e in events] == ["MOBILIZE"]


@pytest.mark.parametrize(
    ("text", "event", "recipient"),
    [
        ("The port refused to allow a Liberian tanker to dock on Sunday.", "REJECT", "tanker"),
        ("The junta agreed to allow Red Cross doctors wider access to the prisons.", "AGREE",
         "doctors"),
        ("Peru refuses to remove the ban on Chilean fishing boats.", "REJECT",
         "boats"),
    ],
)  # fmt: skip
def test_who_is_let_do_something_is_the_recipient(coder, text, event, recipient):
    assert recipient in words(one(coder, text, event).recipient)


# issue 12, fifth round: more phrasings with no event before
@pytest.mark.parametrize(
    ("text", "event", "recipient"),
    [
        # a verdict of guilt is a conviction (PLOVER SANCTION convict)
        ("A court in Lille found the mayor guilty of taking bribes.", "SANCTION", "mayor"),
        # the cause of a death: "died as a result of / due to torture"
        ("The activist died as a result of the torture he suffered in prison.", "ASSAULT",
         "activist"),
        ("The detainee died in a police cell due to torture.", "ASSAULT", "detainee"),
        # a request granted or approved is a concession
        ("The mayor approved a request from the fire brigade for two new trucks.",
         "CONCEDE", "brigade"),
        # borders closed restrict movement
        ("The militia closed all crossing points into the mining town.", "COERCE", "town"),
        # aid flown in
        ("The relief group flew 4 tonnes of blankets into Nepal.", "AID", "nepal"),
        # an invitation received: who invited is the actor
        ("The president received an invitation from the Chilean leader to attend the summit.",
         "AGREE", "president"),
    ],
)  # fmt: skip
def test_fifth_round_more_phrasings(coder, text, event, recipient):
    assert recipient in words(one(coder, text, event).recipient)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The inspectors found the bridge safe for traffic.", "SANCTION"),
        ("The pilot flew the plane to Lisbon.", "AID"),
        ("The museum closed its doors for the winter.", "COERCE"),
        ("The old man died as a result of heart failure.", "ASSAULT"),
    ],
)
def test_fifth_round_more_phrasings_keep_their_limits(coder, text, absent):
    assert absent not in [e.event for e in coder.code(text, date="2024-03-02")]


def test_borders_closed_restrict_movement(coder):
    """'closed its borders with X', 'closed the crossing points into the town': restrict
    movement (CAMEO 191, COERCE in PLOVER's table); the neighbours are the recipients."""
    ev = one(coder, "Armenia closed its southern borders with Iran and Georgia.", "COERCE")
    assert {"iran", "georgia"} <= words(ev.recipient)
    assert "COERCE" in [
        e.event
        for e in coder.code(
            "The militia closed all crossing points into the mining town.", date="2024-03-02"
        )
    ]


def test_a_role_adjective_does_not_make_a_thing_a_party(coder):
    """'boycott all official contact with the US': 'official' is a role word but an adjective
    here; the thing is dropped once the US is named."""
    ev = one(coder, "Palestinian leaders said they would boycott all official contact with the "
                    "United States.", "THREATEN")  # fmt: skip
    assert "contact" not in words(ev.recipient) and "states" in words(ev.recipient)


def test_a_known_event_after_following_is_no_news(coder):
    """'following the partial peace deal': a definite event noun the reader knows of is no
    event the sentence reports ('following mass protests' is)."""
    events = coder.code(
        "The president, following the partial peace deal, has taken steps to open the press.",
        date="2024-03-02",
    )
    assert "AGREE" not in [e.event for e in events]


def test_what_a_refusal_awaits_has_not_happened(coder):
    """'will not end the strike until the ministry meets their demands': the ministry has not
    met them (no CONCEDE); 'fought until the rebels surrendered' did happen."""
    events = coder.code(
        "The nurses will not end the strike until the health ministry meets their demands.",
        date="2024-03-02",
    )
    assert "CONCEDE" not in [e.event for e in events]
    assert "REJECT" in [e.event for e in events]
    events = coder.code("The army fought until the rebels surrendered.", date="2024-03-02")
    assert "RETREAT" in [e.event for e in events]
