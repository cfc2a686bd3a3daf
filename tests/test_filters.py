"""The one filter vocabulary: the same names, checks and answers on the CLI and the API."""

from __future__ import annotations

import csv
import io

import pytest
import typer
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from eventcoder import cli
from eventcoder.serve import create_app, open_for_serving
from eventcoder.serve.sample import build_sample_store, sample_articles
from eventcoder.store import open_store
from eventcoder.store.filters import VOCABULARY, FilterError, Filters


def test_from_params_checks_every_value_and_names_the_bad_one():
    f = Filters.from_params(
        type="assault, protest", actor_country=["irq", "tur,syr"], date_from="2020-02",
        date_to="2020", place=" Cairo ", source="Wire",
    )  # fmt: skip
    assert f.types == ["ASSAULT", "PROTEST"] and f.actor_country == ["IRQ", "TUR", "SYR"]
    assert (f.date_from, f.date_to) == ("2020-02-01", "2020-12-31")
    assert f.place == "cairo" and f.source == "wire"
    for params, name in (
        ({"type": "RIOT"}, "type"),
        ({"recipient_country": "Iraq"}, "recipient_country"),
        ({"date_from": "2021", "date_to": "2020"}, "date_from"),
        ({"quad": "5"}, "quad"),
        ({"weather": "fine"}, "weather"),
    ):
        with pytest.raises(FilterError) as err:
            Filters.from_params(**params)
        assert err.value.param == name


@pytest.fixture(scope="module")
def db(tmp_path_factory, coded_once):
    path = str(tmp_path_factory.mktemp("filters") / "s.duckdb")
    with open_store(path) as store:
        build_sample_store(store, coded_once, sample_articles(12), duplicate=False)
    return path


def _cli(*args: str) -> typer.testing.Result:
    cli._register_commands()
    return CliRunner().invoke(cli.app, list(args))


def _ids(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [r["id"] for r in csv.DictReader(io.StringIO(result.stdout))]


def test_old_cli_spellings_are_aliases(db):
    new = _ids(_cli("query", "events", "--db", db, "-f", "csv", "--date-from", "2020-02",
                    "--date-to", "2020-02-20"))  # fmt: skip
    old = _ids(_cli("query", "events", "--db", db, "-f", "csv", "--since", "2020-02",
                    "--until", "2020-02-20"))  # fmt: skip
    everything = _ids(_cli("query", "events", "--db", db, "-f", "csv"))
    assert new == old and 0 < len(new) < len(everything)
    bad = _cli("query", "events", "--db", db, "--type", "RIOT")
    assert bad.exit_code == 2 and "--type" in bad.output


def test_cli_and_api_select_the_same_events(db):
    queries = [
        {"type": "ASSAULT,PROTEST"},
        {"country": "NGA", "role": "actor"},
        {"actor_country": "TUR"},
        {"place": "nairobi"},
        {"q": "tear gas", "date_from": "2020-01-25", "date_to": "2020-02"},
        {"quad": "3,4", "modality": "asserted"},
        {"type": "ASSAULT", "historical": "exclude"},
    ]
    store = open_for_serving(db)
    try:
        with TestClient(create_app(store)) as client:
            api = [
                [
                    e["id"]
                    for e in client.get(
                        "/api/events", params={**q, "limit": 1000, "sort": "date"}
                    ).json()["events"]
                ]
                for q in queries
            ]
    finally:
        store.close()
    for query, from_api in zip(queries, api, strict=True):
        args = [x for k, v in query.items() for x in ("--" + k.replace("_", "-"), v)]
        assert _ids(_cli("query", "events", "--db", db, "-f", "csv", *args)) == from_api, query
    assert all(api) and len({len(ids) for ids in api}) > 1, [len(ids) for ids in api]


def test_both_faces_offer_the_whole_vocabulary():
    cli._register_commands()
    group = typer.main.get_command(cli.app)
    with typer.Context(group) as ctx:
        commands = {
            "query events": group.get_command(ctx, "query").get_command(ctx, "events"),
            "query counts": group.get_command(ctx, "query").get_command(ctx, "counts"),
            "export": group.get_command(ctx, "export"),
        }
    for name, command in commands.items():
        options = {opt for p in command.params for opt in p.opts}
        for spec in VOCABULARY:
            assert {spec.option, *spec.aliases} <= options, (name, spec.name)
    spec_api = create_app(None).openapi()
    for path in ("/api/events", "/api/export", "/api/aggregates/time", "/api/places"):
        names = {p["name"] for p in spec_api["paths"][path]["get"]["parameters"]}
        assert {s.name for s in VOCABULARY} <= names, path
