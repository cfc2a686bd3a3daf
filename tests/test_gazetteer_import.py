"""``eventcoder gazetteer import``: GeoNames dumps written by these tests, as .txt and .zip."""

from __future__ import annotations

import json
import zipfile

import pytest

from eventcoder.knowledge.gazetteer import shipped_gazetteer
from eventcoder.knowledge.geonames import (
    ImportFormatError,
    UserGazetteer,
    import_geonames,
    sniff,
)


def geoname_row(gid, name, ascii_name, alternates, lat, lon, fclass, fcode, cc, admin1, pop):
    cols = [str(gid), name, ascii_name, ",".join(alternates), str(lat), str(lon), fclass, fcode,
            cc, "", admin1, "", "", "", str(pop), "", "50", "Asia/Baghdad", "2024-01-01"]  # fmt: skip
    assert len(cols) == 19
    return "\t".join(cols)


# Ids 9900001.. are invented for the test; 266826 is Tripoli, Lebanon in GeoNames.
ROWS = [
    geoname_row(9900001, "Kubaysah", "Kubaysah", ["Kubaysa", "Kubeisa", "كبيسة"], 33.59, 42.61,
                "P", "PPL", "IQ", "01", 18000),
    geoname_row(9900002, "Muḩāfaz̧at al Anbār", "Muhafazat al Anbar", ["Anbar", "Al Anbar"],
                33.0, 42.0, "A", "ADM1", "IQ", "01", 1771656),
    geoname_row(9900003, "Old Kubaysah", "Old Kubaysah", [], 33.6, 42.6, "P", "PPLH", "IQ", "01",
                0),
    geoname_row(9900004, "Wadi Test", "Wadi Test", [], 33.1, 42.1, "H", "WAD", "IQ", "01", 0),
    geoname_row(266826, "Tripoli", "Tripoli", ["Trablous"], 34.43667, 35.84972, "P", "PPLA",
                "LB", "09", 229398),
]  # fmt: skip
ALTERNATES = [
    "\t".join(["1", "9900001", "en", "Kubaisa", "", "", "", "", "", ""]),
    "\t".join(
        ["2", "9900001", "link", "https://en.wikipedia.org/wiki/Kubaysah", "", "", "", "", "", ""]
    ),  # fmt: skip
    "\t".join(["3", "9900002", "en", "Anbar Governorate", "1", "", "", "", "", ""]),
    "\t".join(["4", "9900002", "", "Ramadi Province", "", "", "", "1", "", ""]),  # historic
    "\t".join(["5", "12345", "en", "Nowhere Known", "", "", "", "", "", ""]),  # not imported
]


@pytest.fixture()
def dumps(tmp_path):
    table = tmp_path / "IQ.txt"
    table.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    alternates = tmp_path / "alternateNamesV2.txt"
    alternates.write_text("\n".join(ALTERNATES) + "\n", encoding="utf-8")
    table_zip = tmp_path / "cities500.zip"
    with zipfile.ZipFile(table_zip, "w") as archive:
        archive.writestr("readme.txt", "not a table\n")
        archive.writestr("cities500.txt", "\n".join(ROWS) + "\n")
    alt_zip = tmp_path / "alternateNamesV2.zip"
    with zipfile.ZipFile(alt_zip, "w") as archive:
        archive.writestr("iso-languagecodes.txt", "ISO 639-3\tISO 639-2\n")
        archive.writestr("alternateNamesV2.txt", "\n".join(ALTERNATES) + "\n")
    return {"table": table, "alternates": alternates, "table_zip": table_zip, "alt_zip": alt_zip}


@pytest.mark.parametrize("kind", ["txt", "zip"])
def test_import_keeps_places_and_latin_names(dumps, kind, tmp_path):
    paths = (
        [dumps["table"], dumps["alternates"]]
        if kind == "txt"
        else [dumps["alt_zip"], dumps["table_zip"]]  # order does not matter
    )
    user = import_geonames(paths, tmp_path / "user.sqlite")
    assert user.places == 3  # the historic PPLH and the wadi (class H) are skipped
    keys = set(user.keys())
    [kub] = user.lookup("kubaysa")
    assert (kub.geonameid, kub.country, kub.feature_code, kub.precision) == (
        9900001, "IRQ", "PPL", "city",
    )  # fmt: skip
    assert user.lookup("kubaisa") == [kub]  # from the alternate-names file
    assert "كبيسة" not in keys and all("wikipedia" not in k for k in keys)
    [anbar] = user.lookup("anbar governorate")
    assert anbar.precision == "admin1" and user.lookup("anbar") == [anbar]
    assert "ramadi province" not in keys  # marked historic
    assert "nowhere known" not in keys


def test_merged_over_the_shipped_gazetteer(dumps, tmp_path):
    gaz = shipped_gazetteer()
    before = gaz.lookup("Tripoli")
    gaz.attach(import_geonames([dumps["table"], dumps["alternates"]], tmp_path / "u.sqlite"))
    assert gaz.lookup("Kubeisa")[0].geonameid == 9900001
    tripolis = gaz.lookup("Tripoli")
    assert sorted(p.geonameid or 0 for p in tripolis) == sorted(p.geonameid or 0 for p in before)
    lebanon = next(p for p in tripolis if p.country == "LBN")
    assert lebanon.feature_code == "PPLA" and gaz.lookup("Trablous") == [lebanon]
    # the shipped governorate has its GeoNames id (99592): an import with another id adds a
    # place beside it; one with the same id replaces it (as Tripoli's PPLA above)
    anbar = [(p.geonameid, p.country) for p in gaz.lookup("Anbar")]
    assert (9900002, "IRQ") in anbar and (99592, "IRQ") in anbar


def test_bad_files_are_named(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("a\tb\tc\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"bad.txt:1: 3 tab-separated columns"):
        sniff(bad)
    broken = tmp_path / "broken.txt"
    broken.write_text(ROWS[0] + "\n" + ROWS[1].replace("33.0", "north") + "\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"broken.txt:2: not a number: 'north'"):
        import_geonames([broken], tmp_path / "u.sqlite")
    assert not (tmp_path / "u.sqlite").exists()  # a failed import writes nothing
    with pytest.raises(ImportFormatError, match="no geoname table"):
        only_alt = tmp_path / "alt.txt"
        only_alt.write_text(ALTERNATES[0] + "\n", encoding="utf-8")
        import_geonames([only_alt], tmp_path / "u.sqlite")


@pytest.fixture
def user_gazetteer_env(tmp_path, monkeypatch):
    """``$EVENTCODER_GAZETTEER`` set for this test: every gazetteer loaded while it runs (a
    new ``Coder``'s, the command line's) attaches the user gazetteer there."""
    target = tmp_path / "user.sqlite"
    monkeypatch.setenv("EVENTCODER_GAZETTEER", str(target))
    return target


@pytest.mark.slow
def test_import_command_and_the_places_stage_prefer_it(dumps, tmp_path, user_gazetteer_env,
                                                       run_cli):  # fmt: skip
    target = user_gazetteer_env
    out = run_cli("gazetteer", "import", dumps["table_zip"], dumps["alt_zip"])
    assert out.exit_code == 0
    assert "3 places" in out.stdout and target.exists()
    assert UserGazetteer.load(target).places == 3
    article = tmp_path / "a.txt"
    article.write_text("Gunmen attacked a checkpoint in Kubaysah on Monday.", encoding="utf-8")
    out = run_cli("places", article, fresh=True)  # a new coder, which reads the environment
    assert out.exit_code == 0
    [row] = [json.loads(line) for line in out.stdout.splitlines()]
    assert (row["extracted_place"], row["geonameid"], row["country_code"]) == (
        "Kubaysah", 9900001, "IRQ",
    )  # fmt: skip
