"""Actor coding on sentences written for these tests."""

from __future__ import annotations

import pytest

from eventcoder import Coder
from eventcoder.actors import code_mention


def actors(events, event_type, role="actor"):
    ev = next(e for e in events if e.event == event_type)
    return [(e.name or e.entity_text, e.code, e.sector) for e in getattr(ev, role)]


def test_demonym_and_role_word(coder):
    events = coder.code("Iraqi police arrested two journalists in Basra.")
    assert actors(events, "COERCE") == [("Iraqi police", "IRQ", "COP")]
    assert actors(events, "COERCE", "recipient")[0][2] == "JRN"


def test_backer_is_not_the_country(coder):
    events = coder.code(
        "Iraqi militia groups met in Najaf.\n\nIran-backed militias attacked a US base on Sunday."
    )
    [(name, code, sector)] = actors(events, "ASSAULT")
    assert code == "IRQ" and sector == "REB"  # from the earlier Iraqi militias, not Iran
    reason = next(e for e in events if e.event == "ASSAULT").actor[0].reason
    assert "backer" in reason and "nearest earlier REB" in reason


def test_capital_as_metonym_is_the_government(coder):
    events = coder.code("Washington condemned the missile test.")
    assert actors(events, "ACCUSE") == [("United States", "USA", "GOV")]


def test_title_and_apposition_give_country_and_sector(coder):
    events = coder.code("US Secretary of State Jane Roe met with Chinese officials in Beijing.")
    got = actors(events, "CONSULT")
    assert got[0][1:] == ("USA", "GOV") and got[0][0] == "Jane Roe"
    assert got[1] == ("Chinese officials", "CHN", "GOV")


def test_former_role_is_eli(coder):
    events = coder.code("A former defence minister, John Doe, criticised the army.")
    [(name, code, sector)] = actors(events, "ACCUSE")
    assert sector == "ELI"


def test_knowledge_base_wins_over_the_ner_label(coder):
    events = coder.code("Asa’ib Ahl al-Haq fighters attacked the convoy.")
    [(name, code, sector)] = actors(events, "ASSAULT")
    assert (code, sector) == ("IRQ", "REB")


def test_surname_and_pronoun_coreference(coder):
    events = coder.code(
        "Senior cleric Ali Hassan condemned the arrests in Karbala.\n\n"
        "Hassan later met with Iraqi tribal leaders.\n\nHe urged them to stay calm."
    )
    consult = actors(events, "CONSULT")
    assert consult[0][0] == "Ali Hassan" and consult[0][2] == "REL"
    request = actors(events, "REQUEST")
    assert request[0][0] == "Ali Hassan"


def test_unknown_country_stays_empty_with_a_reason(coder):
    events = coder.code("Gunmen kidnapped two engineers.")
    ent = next(e for e in events if e.event == "ASSAULT").actor[0]
    assert ent.code is None and ent.sector == "REB"
    assert "nothing in the text says which" in ent.reason


def test_user_knowledge_base(coder, tmp_path):
    kb = tmp_path / "mine.csv"
    kb.write_text(
        "name,aliases,code,sector,other_sectors,kind,wikidata\nNorthern Front,NF,SYR,REB,,org,\n",
        encoding="utf-8",
    )
    mine = Coder(nlp=coder.nlp, config={"actors": {"extra_kb": str(kb)}})
    events = mine.code("The Northern Front attacked an army checkpoint.")
    assert actors(events, "ASSAULT") == [("Northern Front", "SYR", "REB")]


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("Hungarian", "HUN", None),
        ("Asia-Pacific Economic Cooperation", "IGO", "GOV"),
        ("Tokyo", "JPN", "GOV"),
        ("the Pentagon", "USA", "MIL"),
        ("Israeli soldiers", "ISR", "MIL"),
    ],
)
def test_code_mention(text, code, sector):
    ent = code_mention(text)
    assert ent.code == code
    if sector:
        assert ent.sector == sector
