"""`eventcoder kb`: a knowledge base built from a small dump in Wikidata's format (written here),
user KB files checked record by record, and the imported KB used by the coder."""

from __future__ import annotations

import bz2
import gzip
import json

import pytest
import yaml
from typer.testing import CliRunner

from eventcoder.cli import _register_commands, app
from eventcoder.knowledge.actor_kb import KnowledgeBase

_register_commands()
runner = CliRunner()


def _item(value: str) -> dict:
    return {"snaktype": "value", "datavalue": {"type": "wikibase-entityid",
            "value": {"entity-type": "item", "numeric-id": int(value[1:]), "id": value}}}  # fmt: skip


def _claim(prop: str, value: str, start: int | None = None, end: int | None = None) -> dict:
    snak = {"property": prop, "datatype": "wikibase-item", **_item(value)}
    claim = {"mainsnak": snak, "type": "statement", "rank": "normal"}
    qualifiers = {}
    for qprop, year in (("P580", start), ("P582", end)):
        if year is not None:
            qualifiers[qprop] = [{"snaktype": "value", "property": qprop, "datavalue": {
                "type": "time", "value": {"time": f"+{year}-01-20T00:00:00Z", "precision": 11,
                "timezone": 0, "before": 0, "after": 0,
                "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}}}]  # fmt: skip
    if qualifiers:
        claim["qualifiers"] = qualifiers
    return claim


def _string(prop: str, value: str) -> dict:
    return {"mainsnak": {"snaktype": "value", "property": prop, "datatype": "external-id",
            "datavalue": {"type": "string", "value": value}}, "type": "statement",
            "rank": "normal"}  # fmt: skip


def _entity(qid: str, label: str, claims: list[tuple[str, dict]], aliases=(), sitelinks=3):
    grouped: dict[str, list] = {}
    for prop, claim in claims:
        grouped.setdefault(prop, []).append(claim)
    return {
        "type": "item", "id": qid,
        "labels": {"en": {"language": "en", "value": label}},
        "descriptions": {"en": {"language": "en", "value": "test entity"}},
        "aliases": {"en": [{"language": "en", "value": a} for a in aliases]},
        "claims": grouped,
        "sitelinks": {f"wiki{i}": {"site": f"wiki{i}", "title": label} for i in range(sitelinks)},
    }  # fmt: skip


def dump_entities() -> list[dict]:
    """Invented entities; references point forward and backward, as in a real dump."""
    return [
        _entity("Q9101", "Jane Quill", [  # a person whose offices come later in the dump
            ("P31", _claim("P31", "Q5")), ("P27", _claim("P27", "Q9030")),
            ("P39", _claim("P39", "Q9102", 2015, 2019)), ("P39", _claim("P39", "Q9103", 2021)),
            ("P106", _claim("P106", "Q9104"))]),
        _entity("Q9030", "Republic of Testland", [
            ("P31", _claim("P31", "Q6256")), ("P298", _string("P298", "USA"))]),
        _entity("Q9796", "Testistan", [
            ("P31", _claim("P31", "Q3624078")), ("P298", _string("P298", "IRQ"))]),
        _entity("Q9100", "Northern Shield Brigades", [
            ("P31", _claim("P31", "Q17149090")), ("P17", _claim("P17", "Q9796"))],
            aliases=["NSB"]),
        _entity("Q9102", "Secretary of Commerce", [
            ("P31", _claim("P31", "Q4164871")), ("P1001", _claim("P1001", "Q9030"))]),
        _entity("Q9103", "Commander of Fleet Forces", [("P31", _claim("P31", "Q4164871"))]),
        _entity("Q9104", "journalist", [("P31", _claim("P31", "Q28640"))]),
        _entity("Q9105", "Omar Qadir", [  # no citizenship: the country of his office
            ("P31", _claim("P31", "Q5")), ("P39", _claim("P39", "Q9106", 2018))]),
        _entity("Q9106", "Minister of the Interior of Testistan", [
            ("P31", _claim("P31", "Q4164871")), ("P1001", _claim("P1001", "Q9796"))]),
        _entity("Q9107", "A Film About Nothing", [("P31", _claim("P31", "Q11424"))]),
        _entity("Q9108", "Zed Nobody", [("P31", _claim("P31", "Q5"))]),
        _entity("Q9109", "Lena Ink", [  # a journalist: sector from the occupation
            ("P31", _claim("P31", "Q5")), ("P27", _claim("P27", "Q9796")),
            ("P106", _claim("P106", "Q9104"))], sitelinks=0),
    ]  # fmt: skip


def write_dump(path, entities=None, opener=open) -> None:
    entities = dump_entities() if entities is None else entities
    lines = ["["] + [json.dumps(e) + ("," if i < len(entities) - 1 else "")
                     for i, e in enumerate(entities)] + ["]"]  # fmt: skip
    with opener(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


def by_name(path) -> dict[str, dict]:
    return {a["name"]: a for a in yaml.safe_load(path.read_text(encoding="utf-8"))["actors"]}


def test_import_maps_classes_countries_and_dated_roles(tmp_path):
    dump = tmp_path / "latest-all.json"
    write_dump(dump)
    out = tmp_path / "kb.yaml"
    result = runner.invoke(app, ["kb", "import", str(dump), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 actors" in result.output
    got = by_name(out)
    assert set(got) == {"Jane Quill", "Northern Shield Brigades", "Omar Qadir", "Lena Ink"}
    nsb = got["Northern Shield Brigades"]
    assert (nsb["code"], nsb["sector"], nsb["kind"], nsb["wikidata"]) == (
        "IRQ",
        "REB",
        "org",
        "Q9100",
    )
    assert nsb["aliases"] == ["NSB"]
    jane = got["Jane Quill"]
    assert jane["code"] == "USA" and jane["kind"] == "person"
    assert jane["roles"] == [
        {"sector": "GOV", "office": "Secretary of Commerce", "from": 2015, "to": 2019},
        {"sector": "MIL", "office": "Commander of Fleet Forces", "from": 2021},
    ]
    assert got["Omar Qadir"]["code"] == "IRQ"  # from the jurisdiction of his office
    assert got["Lena Ink"]["sector"] == "JRN"  # from the occupation's label


def test_import_reads_compressed_dumps_and_filters_by_sitelinks(tmp_path):
    for name, opener in (("d.json.gz", gzip.open), ("d.json.bz2", bz2.open)):
        dump = tmp_path / name
        write_dump(dump, opener=opener)
        out = tmp_path / f"{name}.yaml"
        result = runner.invoke(
            app, ["kb", "import", str(dump), "--out", str(out), "--min-sitelinks", "1"]
        )
        assert result.exit_code == 0, result.output
        assert "Lena Ink" not in by_name(out) and "Jane Quill" in by_name(out)


def test_imported_csv_kb_codes_people_by_event_date(tmp_path):
    dump = tmp_path / "d.json"
    write_dump(dump)
    out = tmp_path / "kb.csv"
    assert runner.invoke(app, ["kb", "import", str(dump), "--out", str(out)]).exit_code == 0
    entry = KnowledgeBase.load(out).index.get("Jane Quill")
    assert entry is not None and entry.sector_at(2016) == ("GOV", "Secretary of Commerce")
    assert entry.sector_at(2022) == ("MIL", "Commander of Fleet Forces")
    assert entry.sector_at(2020)[0] == "ELI"  # between offices: a former official


@pytest.fixture(scope="module")
def imported(tmp_path_factory, coder):
    tmp = tmp_path_factory.mktemp("kb")
    dump = tmp / "d.json"
    write_dump(dump)
    out = tmp / "kb.yaml"
    assert runner.invoke(app, ["kb", "import", str(dump), "--out", str(out)]).exit_code == 0
    return coder.variant(config={"actors": {"extra_kb": str(out)}})


def test_coder_uses_the_imported_kb(imported):
    events = imported.code("Jane Quill met Iraqi officials in Baghdad.", date="2016-05-02")
    jane = next(e for e in events if e.event == "CONSULT").actor[0]
    assert (jane.code, jane.sector, jane.identifier_id) == ("USA", "GOV", "Q9101")
    assert "Secretary of Commerce" in (jane.office or "")
    later = imported.code("Jane Quill met Iraqi officials in Baghdad.", date="2022-05-02")
    assert next(e for e in later if e.event == "CONSULT").actor[0].sector == "MIL"
    attack = imported.code("The NSB attacked an army checkpoint.", date="2022-05-02")
    group = next(e for e in attack if e.event == "ASSAULT").actor[0]
    assert (group.name, group.code, group.sector) == ("Northern Shield Brigades", "IRQ", "REB")


def test_bad_dump_line_is_named(tmp_path):
    dump = tmp_path / "bad.json"
    dump.write_text(
        '[\n{"id": "Q1", "claims": {}},\n{"id": "Q2", "claims": \n]\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["kb", "import", str(dump), "--out", str(tmp_path / "o.yaml")])
    assert result.exit_code == 1
    assert "bad.json:3" in result.output


def test_kb_check_names_the_bad_record(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("name,aliases,code,sector,kind,roles\n"
                    "Northern Front,NF,SYR,REB,org,\n"
                    "Ann Roe,,GBR,,person,GOV|Home Secretary|2010|2014\n", encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["kb", "check", str(good)])
    assert result.exit_code == 0 and "2 actors" in result.output
    assert KnowledgeBase.load(good).index.get("Ann Roe").sector_at(2012) == (
        "GOV",
        "Home Secretary",
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("name,code,sector\nNorthern Front,SYR,REB\nSouthern Front,SYR,REBEL\n",
                   encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["kb", "check", str(bad)])
    assert result.exit_code == 1
    assert "bad.csv:3" in result.output and "REBEL" in result.output
    with pytest.raises(ValueError, match="actors\\[0\\]"):
        bad_yaml = tmp_path / "bad.yaml"
        bad_yaml.write_text("actors:\n  - {aliases: [x], code: SYR}\n", encoding="utf-8")
        KnowledgeBase.load(bad_yaml)


def test_lookup_prints_the_coded_mention():
    result = runner.invoke(app, ["kb", "lookup", "Iraqi police"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["code"], data["sector"]) == ("IRQ", "COP")
