"""Issue 12, seventh round: recipients of news English the rules missed where the event type
was already right, each pattern on sentences written for the project (invented people; real
places where the gazetteer must know them)."""

from __future__ import annotations

import pytest

from tests.test_roles import one, words

# (sentence, event type, a word the recipient must contain, a word of the event's place)
AREA_CASES = [
    # the area a measure covers is whom it is aimed at, and still where it happened
    ("Provincial officials ordered a dusk-to-dawn curfew in the town of Mardin after the riots.",
     "COERCE", "mardin", "mardin"),
    ("Governor Ruiz declared a state of emergency in Oaxaca late on Monday.", "COERCE",
     "oaxaca", "oaxaca"),
    ("The junta lifted the night curfew in Bamako on Thursday.", "CONCEDE", "bamako",
     "bamako"),
    ("The president said he will extend the nightly curfew in Lagos by a week.", "THREATEN",
     "lagos", "lagos"),
    ("The army declared martial law in three northern provinces of Kenya.", "COERCE",
     "kenya", "kenya"),
    # forces placed on alert somewhere, or sent somewhere: the place
    ("Peruvian border units remained on high alert in Tacna after the skirmish.", "MOBILIZE",
     "tacna", "tacna"),
    # refuge sought in a country asks that country
    ("Nearly 9,000 Sudanese villagers have sought refuge in Chad since March.", "REQUEST",
     "chad", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event", "recipient", "place"), AREA_CASES)
def test_the_place_an_event_is_aimed_at_is_its_recipient(coder, text, event, recipient, place):
    ev = one(coder, text, event)
    assert recipient in words(ev.recipient), (text, [r.entity_text for r in ev.recipient])
    if place is not None:
        assert ev.event_loc is not None and place in ev.event_loc.extracted_place.lower()


@pytest.mark.parametrize(
    ("text", "event", "recipient"),
    [
        # a partitive area takes its place name along
        ("Officials imposed a curfew in parts of Punjab to halt the looting.", "COERCE", "punjab"),
        # a brigade put on alert to fly somewhere
        ("Defence chiefs put a paratroop battalion on alert, ready to be flown into Chad.", "MOBILIZE",
         "chad"),
        ("About 300 families crossed into Uganda seeking asylum last month.", "REQUEST", "uganda"),
        # the country a peacekeeping force serves
        ("The alliance agreed to prolong its peacekeeping mission in Kosovo by a year.", "AGREE",
         "kosovo"),
    ],
)  # fmt: skip
def test_areas_forces_and_refuge(coder, text, event, recipient):
    ev = one(coder, text, event)
    assert recipient in words(ev.recipient), (text, [r.entity_text for r in ev.recipient])


def test_the_measure_itself_is_no_recipient(coder):
    ev = one(coder, "The cabinet put the capital on lockdown for two weeks.", "COERCE")
    assert words(ev.recipient) & {"capital"}
    assert "lockdown" not in words(ev.recipient)


def test_the_actor_keeps_the_country_of_the_place_aimed_at(coder):
    ev = one(coder, "The regional governor declared a state of emergency in Oaxaca.", "COERCE")
    assert ev.actor and ev.actor[0].code == "MEX", ev.actor


def test_a_named_party_of_a_mobilisation_is_kept(coder):
    ev = one(coder, "Nigeria sent 500 soldiers into Niger on Friday.", "MOBILIZE")
    assert words(ev.recipient) == {"niger"}, ev.recipient


def test_a_meeting_place_stays_a_place(coder):
    ev = one(
        coder, "Envoys of the two rival factions sat down for talks in Geneva this week.", "CONSULT"
    )
    assert "geneva" not in words(ev.recipient)


def test_a_place_aimed_at_is_coded_to_its_country(coder):
    ev = one(coder, "Sudan's cabinet on Monday lifted the state of emergency in West Darfur.",
             "CONCEDE")  # fmt: skip
    assert [r.code for r in ev.recipient] == ["SDN"], ev.recipient
    ev = one(coder, "Governor Ruiz declared a state of emergency in Oaxaca late on Monday.",
             "COERCE")  # fmt: skip
    assert [r.code for r in ev.recipient] == ["MEX"], ev.recipient


def test_the_area_a_measure_covers_is_its_people_and_named_once(coder):
    text = "Turkish police imposed a curfew in the town of Silopi in southeastern Turkey."
    ev = one(coder, text, "COERCE")
    assert [(r.entity_text, r.sector) for r in ev.recipient] == [("the town of Silopi", "CVL")]


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("Dock workers called off their strike after reaching a deal with the port authority.",
         "authority"),
        ("Teachers suspended their boycott of classes following an agreement with the education "
         "ministry.", "ministry"),
        ("Bus drivers in Accra ended a three-day strike after the transport ministry agreed to "
         "raise wages.", "ministry"),
    ],
)  # fmt: skip
def test_an_ended_strike_gives_way_to_the_other_side_of_the_deal(coder, text, recipient):
    ev = one(coder, text, "CONCEDE")
    assert words(ev.recipient) & {recipient}, (text, [r.entity_text for r in ev.recipient])
    assert not words(ev.recipient) & {"strike", "boycott", "classes"}


def test_a_strike_ended_with_no_deal_named_has_no_recipient(coder):
    ev = one(coder, "Miners ended their strike on Monday after nine days.", "CONCEDE")
    assert not ev.recipient


def test_who_is_guilty_of_an_act_did_it(coder):
    ev = one(coder, "The militia and the army are guilty of violating the truce, monitors said.",
             "ASSAULT")  # fmt: skip
    # both did it, each to the other (detect/joint.py): the first acts, the other receives
    assert "militia" in words(ev.actor) and "army" in words(ev.recipient), (ev.actor, ev.recipient)


def test_an_act_ordered_done_to_someone_is_the_orderers(coder):
    ev = one(coder, "A judge in Quito ordered four former ministers jailed pending trial.",
             "COERCE")  # fmt: skip
    assert "judge" in words(ev.actor) and "ministers" in words(ev.recipient)
    assert "ministers" not in words(ev.actor)


def test_an_ended_boycott_keeps_its_own_target(coder):
    text = "After Chile lifted its tariffs, the union ended its boycott of Chilean growers."
    ev = next(e for e in coder.code(text) if e.event == "CONCEDE" and e.salience == "main")
    assert "growers" in words(ev.recipient) and "chile" not in words(ev.recipient)


def test_an_act_ordered_done_with_the_participle_apart(coder):
    text = "A judge ordered six former members of the cabinet in Murcia jailed while they wait."
    ev = one(coder, text, "COERCE")
    assert "judge" in words(ev.actor) and "members" in words(ev.recipient)


def test_an_act_ordered_done_in_a_small_clause(coder):
    text = "A magistrate has ordered seven ex-directors of the state bank in Bari jailed while they are questioned."
    ev = one(coder, text, "COERCE")
    assert "magistrate" in words(ev.actor) and ev.recipient
    assert not words(ev.actor) & {"directors", "ex-directors", "ex"}


@pytest.mark.parametrize(
    ("text", "event", "recipient"),
    [
        ("Police in Kenya have issued an arrest warrant for businessman Peter Otieno.",
         "COERCE", "otieno"),
        ("A court has set a 30-day deadline for the ministry to answer the complaint.",
         "THREATEN", "ministry"),
        ("The minister sent a letter to the head of the IMF threatening to halt all payments.",
         "THREATEN", "imf"),
        ("Auditors opened a probe into the 40 million pesos paid out by the health ministry.",
         "ACCUSE", "ministry"),
        ("The committee opened an inquiry into the transfer of funds from the budget of the "
         "health ministry.", "ACCUSE", "ministry"),
        ("The government cut tariffs on $40 billion of Brazil's exports.", "CONCEDE", "brazil"),
        ("Canada slapped sanctions for the rigged vote, among them visa bans, on ten "
         "Belarusian officials.", "SANCTION", "officials"),
    ],
)  # fmt: skip
def test_recipients_named_inside_the_events_phrases(coder, text, event, recipient):
    ev = one(coder, text, event)
    assert recipient in words(ev.recipient), (text, [r.entity_text for r in ev.recipient])


def test_the_victim_of_a_killing_investigated_is_not_investigated(coder):
    text = "Police have launched an investigation into the killing of journalist Maria Soto."
    ev = one(coder, text, "ACCUSE")
    assert all("investigate" not in r.reason or "whose" not in r.reason for r in ev.recipient)
    assert not any(r.entity_text == "journalist Maria Soto" for r in ev.recipient)


def test_a_date_after_on_is_no_one_sanctioned(coder):
    text = "Canada imposed sanctions for the rigged vote, with visa curbs and frozen accounts, on Friday."
    events = [e for e in coder.code(text) if e.event == "SANCTION"]
    assert events and not words(events[0].recipient) & {"friday", "monday"}


@pytest.mark.parametrize(
    ("text", "actor", "place"),
    [
        ("The opposition blogger Ali Musa was arrested on Friday in Chad for insulting the "
         "president.", "chad", "chad"),
        ("Three foreign journalists have been expelled from Laos amid a row over a documentary.",
         "laos", None),
    ],
)  # fmt: skip
def test_an_arrest_with_no_doer_named_is_the_states_where_it_was_made(coder, text, actor, place):
    ev = next(e for e in coder.code(text) if e.event in ("COERCE", "SANCTION"))
    assert actor in words(ev.actor), ev.actor
    if place is not None:
        assert ev.event_loc is not None and place in ev.event_loc.extracted_place.lower()


def test_an_arrest_by_named_police_keeps_them(coder):
    ev = one(coder, "Two activists were arrested in Paris by French police.", "COERCE")
    assert "police" in words(ev.actor) and "paris" not in words(ev.actor)


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("The tribunal revoked its decision on the custody of opposition leader Luis Vera.",
         "vera"),
        ("The president revoked the decision on the suspension of the newspaper.", "newspaper"),
    ],
)  # fmt: skip
def test_whom_a_decision_undone_names_is_the_recipient(coder, text, recipient):
    ev = one(coder, text, "CONCEDE")
    assert recipient in words(ev.recipient), (text, [r.entity_text for r in ev.recipient])


def test_where_a_thing_happened_is_not_whose_it_is(coder):
    text = "The tribunal dropped its investigation of abuses committed in Mali, a probe aimed at the army."
    ev = one(coder, text, "CONCEDE")
    assert "mali" not in words(ev.recipient), ev.recipient


@pytest.mark.parametrize(
    ("text", "event", "actor"),
    [
        ("Davao City--Police have opened an inquiry into a fire at the port.", "ACCUSE", "police"),
        ("Nakuru: The county council has refused a permit for the teachers' march.", "REJECT",
         "council"),
    ],
)  # fmt: skip
def test_a_dateline_is_no_actor(coder, text, event, actor):
    ev = one(coder, text, event)
    assert actor in words(ev.actor) and not words(ev.actor) & {"davao", "nakuru"}, ev.actor


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("About 900 miners stopped work in a strike for higher pay on Monday at the Mutanda "
         "copper mine.", "mine"),
        ("Two thousand dockers walked out on Friday in response to Maersk's decision to cut "
         "shifts.", "maersk"),
    ],
)  # fmt: skip
def test_a_strike_names_its_employer(coder, text, recipient):
    ev = one(coder, text, "PROTEST")
    assert recipient in words(ev.recipient), (text, [r.entity_text for r in ev.recipient])


def test_a_strike_in_a_city_has_no_employer(coder):
    ev = one(coder, "Teachers went on strike in Nairobi on Monday.", "PROTEST")
    assert not ev.recipient


def test_coordinated_owners_after_of_are_the_two_sides(coder):
    ev = one(coder, "The navies of Chile and Peru held joint naval exercises off the coast in May.",
             "COOPERATE")  # fmt: skip
    assert "chile" in words(ev.actor) and "peru" not in words(ev.actor)
    assert "peru" in words(ev.recipient)


def test_whom_the_doer_joined_for_talks_is_the_partner(coder):
    text = "The foreign minister of Kenya joined her Ugandan counterpart Grace Opio for talks with donors."
    ev = one(coder, text, "CONSULT")
    assert "opio" in words(ev.recipient), ev.recipient


def test_whom_a_threat_noun_presses_is_who_must_act_first(coder):
    text = "The Kenyan leader's threats that he would shut the border unless Uganda paid its debts alarmed traders."
    ev = one(coder, text, "THREATEN")
    assert "uganda" in words(ev.recipient), ev.recipient


def test_whom_a_deployment_is_meant_to_counter_is_its_recipient(coder):
    text = "The army deployed two brigades to the border to deter an attack by Eritrea."
    ev = one(coder, text, "MOBILIZE")
    assert "eritrea" in words(ev.recipient), ev.recipient
