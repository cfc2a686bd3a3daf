"""End to end on the example article (Kurdistan 24, 2020-01-14); skips without ../shared."""

from __future__ import annotations

import json

from .conftest import EXAMPLE, need_shared


def find(events, event_type, actor_word=None):
    out = [e for e in events if e.event == event_type]
    if actor_word is not None:
        out = [
            e
            for e in out
            if any(actor_word in (a.name or "") + " " + a.entity_text for a in e.actor)
        ]
    return out


def test_sadr_calls_for_a_march_a_request_not_a_protest(example_events):
    [req] = find(example_events, "REQUEST", "Sadr")
    assert req.modality == "called-for"
    assert "called" in req.event_text
    assert req.mentions >= 3  # lede, "Sadr's call", "called for by Mr. Sadr"
    recipients = " ".join(r.entity_text for r in req.recipient)
    assert "US" in recipients


def test_no_protest_is_coded_from_the_call(example_events):
    for ev in find(example_events, "PROTEST"):
        assert "march" not in ev.event_text and "protest" not in ev.event_text


def test_meeting_is_one_consult_with_sadr(example_events):
    [meet] = find(example_events, "CONSULT")
    assert any("Sadr" in a.entity_text for a in meet.actor)
    assert meet.event_text == ["met"]
    assert meet.mentions == 2  # the lede's "Following a meeting" is the same meeting


def test_amiri_supports_the_call(example_events):
    [sup] = find(example_events, "SUPPORT", "Amiri")
    assert any("Sadr" in r.entity_text for r in sup.recipient)


def test_sadr_accuses_the_invading_forces(example_events):
    [acc] = find(example_events, "ACCUSE", "Sadr")
    assert acc.event_text == ["violated"]
    assert [r.entity_text for r in acc.recipient] == ["forces"]


def test_parliament_blocs_request_expulsion_of_foreign_forces(example_events):
    [req] = find(example_events, "REQUEST", "Sairoon")
    assert [a.entity_text for a in req.actor] == ["Sairoon", "Fatih"]
    assert {r.entity_text for r in req.recipient} == {"foreign forces", "Americans"}


def test_drone_strike_kills_soleimani_and_the_kataib_leader(example_events):
    [hit] = find(example_events, "ASSAULT")
    assert hit.mode == "drone"
    assert [a.entity_text for a in hit.actor] == ["an American drone"]
    victims = [r.entity_text for r in hit.recipient]
    assert len(victims) == 2
    assert "Soleimani" in victims[0] and "Hizbollah" in victims[1]


def test_us_refuses_to_leave_iraq(example_events):
    rejects = find(example_events, "REJECT")
    speakers = " ".join(a.entity_text for e in rejects for a in e.actor)
    assert "Esper" in speakers and "Milley" in speakers
    for ev in rejects:
        assert ev.modality == "asserted" and ev.mode == "yield"


def test_no_retreat_from_the_rumoured_letter(example_events):
    assert find(example_events, "RETREAT") == []
    assert all(e.modality != "reported-unconfirmed" for e in example_events)


def test_october_protests_are_coded_against_the_government(example_events):
    protests = find(example_events, "PROTEST")
    assert len(protests) == 1
    assert [r.entity_text for r in protests[0].recipient] == ["government"]


def test_nothing_comes_from_boilerplate(example_events, example_text):
    start = example_text.index("Editing by")
    for ev in example_events:
        assert "Read More" not in ev.text and ev.sentence_start < start
        for ent in ev.actor + ev.recipient:
            assert "John J. Catherine" not in ent.entity_text


def test_no_event_told_twice(example_events):
    keys = [(e.event, e.sentence_start, tuple(e.event_text)) for e in example_events]
    assert len(keys) == len(set(keys))
    assert len({e.id for e in example_events}) == len(example_events)


def test_cli_codes_the_example_as_jsonl(run_cli):
    need_shared(EXAMPLE)
    result = run_cli("code", EXAMPLE, "--date", "2020-01-14", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["doc_id"] == "kurdistan24-sadr-march" for r in rows)
    assert {"REQUEST", "CONSULT", "ASSAULT", "REJECT", "SUPPORT"} <= {r["event"] for r in rows}


def codes(entities):
    return {(e.code, e.sector) for e in entities}


def test_actors_get_the_right_countries(example_events):
    [req] = find(example_events, "REQUEST", "Sadr")
    assert req.actor[0].name == "Muqtada al-Sadr" and (req.actor[0].code, req.actor[0].sector) == (
        "IRQ",
        "REL",
    )
    assert "USA" in {r.code for r in req.recipient}
    [sup] = find(example_events, "SUPPORT", "Amiri")
    assert sup.actor[0].code == "IRQ"
    [hit] = find(example_events, "ASSAULT")
    assert codes(hit.actor) == {("USA", "MIL")}
    assert [r.code for r in hit.recipient] == ["IRN", "IRQ"]
    assert hit.recipient[0].name == "Qasem Soleimani" and hit.recipient[0].sector == "MIL"
    rejects = find(example_events, "REJECT")
    speakers = {(a.name, a.code, a.sector) for e in rejects for a in e.actor}
    assert ("Mark Esper", "USA", "GOV") in speakers and ("Mark Milley", "USA", "MIL") in speakers
    [meet] = find(example_events, "CONSULT")
    assert {a.code for a in meet.actor} == {"IRQ"}  # "Iran-backed" names a backer
    [acc] = find(example_events, "ACCUSE", "Sadr")
    assert codes(acc.recipient) == {("USA", "MIL")}  # "invading forces" = the US troops
    [protest] = find(example_events, "PROTEST")
    assert codes(protest.actor) == {("IRQ", "CVL")}


def test_dates_resolved_from_the_text(example_events):
    [req] = find(example_events, "REQUEST", "Sadr")
    assert req.date == "2020-01-14" and req.date_info.text == "on Tuesday"
    [meet] = find(example_events, "CONSULT")
    assert meet.date == "2020-01-13"  # "a day after" the Tuesday statement
    esper = [
        e for e in find(example_events, "REJECT") if any(a.name == "Mark Esper" for a in e.actor)
    ]
    assert esper and esper[0].date == "2020-01-07"
    [protest] = find(example_events, "PROTEST")
    assert (protest.date, protest.date_info.precision) == ("2019-10", "month")
    assert not [e for e in find(example_events, "PROTEST") if e.date == "2020-01-14"]


def test_places_of_the_example(example_events):
    [meet] = find(example_events, "CONSULT")
    assert (meet.event_loc.resolved_place, meet.event_loc.geonameid) == ("Qom", 119208)
    assert meet.event_loc.country_code == "IRN"
    [protest] = find(example_events, "PROTEST")
    assert (protest.event_loc.country_code, protest.event_loc.precision) == ("IRQ", "country")
    fallback = [
        e for e in example_events if e.event_loc and e.event_loc.reason == "dateline fallback"
    ]
    assert fallback and all(e.event_loc.geonameid == 95446 for e in fallback)  # Erbil
