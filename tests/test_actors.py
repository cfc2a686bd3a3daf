"""Actor coding on sentences written for these tests."""

from __future__ import annotations

import pytest

from eventcoder import Coder


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
    # the one met with is the recipient (PLOVER's dyad), coded on its own
    assert actors(events, "CONSULT", "recipient")[0] == ("Chinese officials", "CHN", "GOV")


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
    mine = coder.variant(config={"actors": {"extra_kb": str(kb)}})
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
def test_code_mention(coder, text, code, sector):
    ent = coder.code_mention(text)
    assert ent.code == code
    if sector:
        assert ent.sector == sector


# ---------------------------------------------------------------- the example article
def _all_entities(events):
    return [a for e in events for a in (*e.actor, *e.recipient)]


def _country_of(entities, needle):
    found = {a.code for a in entities if needle in (a.name or a.entity_text)}
    assert found, f"no actor named {needle!r}"
    return found


EXAMPLE_COUNTRIES = {
    "Sadr": "IRQ", "Amiri": "IRQ", "Soleimani": "IRN", "Esper": "USA", "Milley": "USA",
    "militia": "IRQ",
}  # fmt: skip


def test_example_article_actor_countries(example_events):
    ents = _all_entities(example_events)
    for needle, code in EXAMPLE_COUNTRIES.items():
        assert _country_of(ents, needle) == {code}, needle
    amiri = next(a for a in ents if a.name == "Hadi al-Amiri")
    assert amiri.sector == "REB" and "ELI" in amiri.other_sectors  # former minister kept apart
    assert "former transportation minister" in amiri.office
    assert "commander of Badr Organization" in amiri.office  # link read from the text
    sadr = next(a for a in ents if a.entity_text == "senior cleric Muqtada al-Sadr")
    assert (sadr.sector, sadr.office.split(";")[0]) == ("REL", "senior cleric")
    assert "leader of Saraya al-Salam" in sadr.office and "a group led by Sadr" in sadr.reason
    esper = next(a for a in ents if a.name == "Mark Esper")
    assert (esper.sector, esper.office) == ("GOV", "US Secretary of Defense")
    for ent in ents:  # evidence: the mention's offsets point at its text
        assert ent.reason


def test_example_article_countries_from_the_text_alone(coder, example_text):
    """Without the people in the knowledge base, titles, backers and the article's country
    still give every one of them the right country."""
    from eventcoder.actors import ResolveActors
    from eventcoder.actors.resolve import ActorCoder
    from eventcoder.knowledge.actor_kb import KnowledgeBase
    from eventcoder.resources import load_yaml

    no_people = [r for r in load_yaml("actors.yaml")["actors"] if r.get("kind") != "person"]
    stage = ResolveActors()
    stage.coder = ActorCoder(kb=KnowledgeBase(no_people))
    mine = coder.variant()
    mine.pipeline.replace("actors", stage)
    ents = _all_entities(mine.code(example_text, date="2020-01-14"))
    for needle, code in EXAMPLE_COUNTRIES.items():
        assert _country_of(ents, needle) == {code}, needle
    sadr = next(a for a in ents if a.entity_text == "senior cleric Muqtada al-Sadr")
    assert sadr.sector == "REL" and "title 'senior cleric'" in sadr.reason
    amiri = next(a for a in ents if "Hadi al-Amiri" in a.entity_text)
    assert amiri.sector == "REB" and "names a backer" in amiri.reason


def test_example_text_offsets(example_events, example_text):
    for ent in _all_entities(example_events):
        if ent.start is not None:
            assert example_text[ent.start : ent.end] == ent.entity_text


# ---------------------------------------------------------------- titles, coreference, groups
def test_current_and_former_roles_kept_apart(coder):
    events = coder.code(
        "Former foreign minister John Doe, now an opposition leader, criticised the army."
    )
    ent = next(e for e in events if e.event == "ACCUSE").actor[0]
    assert ent.sector == "OPP" and "ELI" in ent.other_sectors
    assert ent.office == "now an opposition leader; former foreign minister"


def test_definite_role_noun_is_the_earlier_person(coder):
    events = coder.code(
        "Iraqi cleric Ali Hassan condemned the arrests in Karbala.\n\n"
        "The cleric later met with tribal leaders in Najaf."
    )
    ent = next(e for e in events if e.event == "CONSULT").actor[0]
    assert (ent.name, ent.code, ent.sector) == ("Ali Hassan", "IRQ", "REL")
    assert "earlier actor with that role" in ent.reason


def test_possessive_takes_the_owner(coder):
    from eventcoder.actors.resolve import ActorCoder, Coded
    from eventcoder.document import ArgumentSpan

    doc = coder.nlp("His office issued a statement.")
    head = doc[1]
    owner = Coded("Ali Hassan", 0, 10, name="Ali Hassan", code="IRQ", sector="REL", kind="person")
    coded = ActorCoder().code(ArgumentSpan([head, doc[0]], "actor", "test"), None, [owner])
    assert (coded.code, coded.sector) == ("IRQ", "REL")
    assert "of 'Ali Hassan'" in "; ".join(coded.why)


def test_armed_group_recognised_from_its_name(coder):
    events = coder.code("Kata'ib Imam Ali attacked a police checkpoint near Mosul.")
    ent = next(e for e in events if e.event == "ASSAULT").actor[0]
    assert (ent.name, ent.sector) == ("Kata'ib Imam Ali", "REB")
    assert "marks an organisation" in ent.reason


def test_group_leader_link_gives_the_group_its_leaders_country(coder):
    events = coder.code(
        "Iraqi politician Omar Zaki condemned the strike in Basra.\n\n"
        "The Dawn Brigades, a group led by Zaki, attacked a convoy on Monday."
    )
    ent = next(e for e in events if e.event == "ASSAULT").actor[0]
    assert ent.code == "IRQ" and "led by Zaki" in ent.reason


# ---------------------------------------------------------------- country from the context
def test_locative_on_the_mention(coder):
    events = coder.code("Police in Kenya arrested two journalists on Monday.")
    ent = next(e for e in events if e.event == "COERCE").actor[0]
    assert (ent.code, ent.sector) == ("KEN", "COP") and "'in Kenya'" in ent.reason


def test_institution_of_the_articles_country(coder):
    events = coder.code(
        "Kenya's president signed the new budget on Monday.\n\n"
        "Kenyan teachers went on strike in Nairobi.\n\n"
        "Parliament rejected the proposal on Tuesday."
    )
    ent = next(e for e in events if e.event == "REJECT").actor[0]
    assert (ent.code, ent.sector) == ("KEN", "LEG") and "the article's country" in ent.reason


def test_target_of_the_act_is_not_the_actors_country(coder):
    events = coder.code("President John Roe threatened further action against Russia.")
    ent = next(e for e in events if e.event == "THREATEN").actor[0]
    assert ent.code is None and ent.sector == "GOV"


def test_ethnicity_is_not_citizenship(coder):
    events = coder.code("Hundreds of ethnic Albanians in Serbia protested on Sunday.")
    ent = next(e for e in events if e.event == "PROTEST").actor[0]
    assert (ent.code, ent.sector) == ("SRB", "CVL")
    assert "names an ethnicity" in ent.reason


def test_environment_kb(tmp_path, monkeypatch, coder):
    kb = tmp_path / "mine.yaml"
    kb.write_text(
        "actors:\n  - {name: Dawn Brigades, code: SYR, sector: REB, kind: org}\n", encoding="utf-8"
    )
    monkeypatch.setenv("EVENTCODER_KB", str(kb))
    mine = Coder(nlp=coder.nlp)
    events = mine.code("The Dawn Brigades attacked an army checkpoint.")
    assert actors(events, "ASSAULT") == [("Dawn Brigades", "SYR", "REB")]


# ---------------------------------------------------------------- scoring actors against gold
def test_actor_scoring_rules_and_confusion(coder, tmp_path):
    from eventcoder.evaluate import evaluate, load_gold
    from eventcoder.evaluate.actors import confusion_rows, gold_sector, same_code, tally_confusion

    assert same_code("IGO", "UNO") and same_code("IGO", "EUR")
    assert not same_code("UNO", "IGO") and not same_code("USA", "GBR")
    assert gold_sector("CVLkur") == "CVL" and gold_sector("***") is None
    conf: dict = {}
    for gold, coded in (("USA", "USA"), ("USA", None), ("IGO", "UNO")):
        tally_confusion(conf, gold, coded)
    rows = confusion_rows({g: dict(c) for g, c in conf.items()})
    assert rows[0] == {"gold": "USA", "n": 2, "right": 1, "coded_instead": {"-": 1}}
    gold = tmp_path / "gold.csv"
    gold.write_text(
        "text,label,source,target\n"
        "Iraqi police arrested two journalists in Basra.,COERCE,IRQ COP,\n"
        "Washington condemned the missile test.,ACCUSE,USA GOV,\n",
        encoding="utf-8",
    )
    report = evaluate(coder, load_gold(gold))
    assert report.actors["actor"]["country"] == 1.0
    assert report.actor_confusion == {"IRQ": {"IRQ": 1}, "USA": {"USA": 1}}
