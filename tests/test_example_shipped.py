"""The example article that ships in examples/ (written for the project): the README's main
command and what it must code. Runs on a fresh clone with no ../shared."""

from __future__ import annotations

import json
import re
import shlex

import pytest

from .conftest import ROOT, SHIPPED_EXAMPLE

DATE = "2024-07-14"  # a Sunday; examples/fuel-tax-strike-call.json


@pytest.fixture(scope="module")
def events(coder):
    text = SHIPPED_EXAMPLE.read_text(encoding="utf-8")
    return coder.code(text, date=DATE, doc_id=SHIPPED_EXAMPLE.stem)


def one(events, event_type):
    found = [e for e in events if e.event == event_type]
    assert len(found) == 1, [(e.event, e.text) for e in found]
    return found[0]


def test_metadata_file_gives_the_publication_date():
    meta = json.loads(SHIPPED_EXAMPLE.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["date"] == DATE and meta["id"] == SHIPPED_EXAMPLE.stem


def test_the_call_for_a_strike_is_a_request_not_a_protest(events):
    call = one(events, "REQUEST")
    assert call.modality == "called-for" and call.event_text == ["called"]
    assert call.actor[0].name == "Joseph Mwangi"
    assert (call.actor[0].code, call.actor[0].sector) == ("KEN", "OPP")
    assert call.date == DATE and call.date_info.text == "on Sunday"
    assert call.mentions >= 2  # the lede under the dateline is the same call
    assert not [e for e in events if e.event == "PROTEST" and "strike" in e.event_text]


def test_the_crackdown_and_the_arrests(events):
    tear_gas = one(events, "ASSAULT")
    assert tear_gas.salience == "background"  # told in "a day after police fired ..."
    assert tear_gas.date == "2024-07-13"
    assert (tear_gas.actor[0].code, tear_gas.actor[0].sector) == ("KEN", "COP")
    assert tear_gas.event_loc.resolved_place == "Mombasa"
    arrest = one(events, "COERCE")
    assert arrest.mode == "arrest" and arrest.date == "2024-07-13"  # "on Saturday"
    assert [r.entity_text for r in arrest.recipient] == ["23 protesters"]
    assert arrest.event_loc.geonameid == 186301  # Mombasa


def test_refusal_and_accusation_by_the_minister(events):
    refusal = one(events, "REJECT")
    assert refusal.actor[0].name == "Grace Achieng"
    assert (refusal.actor[0].code, refusal.actor[0].sector) == ("KEN", "GOV")
    accusation = one(events, "ACCUSE")
    assert accusation.actor[0].entity_text == "She"
    assert accusation.actor[0].name == "Grace Achieng"  # the pronoun resolved


def test_a_strike_planned_for_thursday_is_not_a_protest_that_happened(events):
    assert not [e for e in events if e.event == "PROTEST" and "join" in e.event_text]
    planned = [e for e in events if "join" in e.event_text]
    assert planned and planned[0].date == "2024-07-18"  # Thursday, looking forward


def test_background_agreement_dated_to_the_month(events):
    loan = one(events, "AGREE")
    assert loan.salience == "background"
    assert (loan.date, loan.date_info.precision) == ("2024-03", "month")
    assert loan.actor[0].code == "IGO"


def test_nothing_from_boilerplate(events):
    text = SHIPPED_EXAMPLE.read_text(encoding="utf-8")
    sign_off = text.index("Reporting by")
    for ev in events:
        assert ev.sentence_start < sign_off and "Read More" not in ev.text
    assert len({e.id for e in events}) == len(events)


def readme_commands() -> list[str]:
    """The commands of the README's first code block (set up, main job, tests)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", readme, re.S)
    assert block, "README.md has no bash block"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_readme_main_command_runs_verbatim_on_the_shipped_article(run_cli, monkeypatch):
    [main_job] = [c for c in readme_commands() if c.startswith("eventcoder code")]
    args = shlex.split(main_job)[1:]
    assert any(a.startswith("examples/") for a in args)  # an article in the repository
    monkeypatch.chdir(ROOT)
    result = run_cli(*args, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"REQUEST", "COERCE", "REJECT", "ACCUSE"} <= {r["event"] for r in rows}
    assert all(r["doc_id"] == "fuel-tax-strike-call" for r in rows)


def test_readme_states_set_up_and_test_commands():
    commands = readme_commands()
    assert commands[0].startswith("pip install")
    assert "python -m pytest" in commands
