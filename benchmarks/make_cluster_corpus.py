"""Generate a corpus of retold events for the cluster benchmark (the project's own templates).

    python benchmarks/make_cluster_corpus.py OUT.jsonl [--events 60] [--seed 1]

K real-world events (protests, attacks, meetings, arrests) happen on days of a two-month span in
ten countries. Each is told by 2-5 outlets, in their own words: a different lede template, more
or less detail (the city or only the country, full names or surnames, casualty figures that
disagree), a publication lag of 0-3 days and the date said differently ("on Friday",
"yesterday", "on March 8", or not at all). Some tellings are wire copies another outlet ran with
a line added (near duplicates). Beside them are look-alike events: the same type in the same
country on the same day in another city, or in the same city a few days apart; and meetings that
discuss an attack told elsewhere in the corpus.

Each record carries its gold labels: ``gold`` maps the PLOVER types the article was written to
tell to the id of the real-world event (a meeting about an attack maps CONSULT to the meeting and
ASSAULT to the attack); a coded event of any other type is labelled ``STORY/TYPE`` (the same
side event told by every telling of the story, e.g. police firing tear gas at the protest).

Everything is generated from the templates below, seeded: the same command gives the same
corpus. No text is taken from any news outlet.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.records import Entity, Event, EventDate, Location

#: country -> (adjective, cities at least ~100 km apart)
COUNTRIES: dict[str, tuple[str, list[str]]] = {
    "Kenya": ("Kenyan", ["Nairobi", "Mombasa", "Kisumu", "Eldoret"]),
    "Nigeria": ("Nigerian", ["Lagos", "Kano", "Abuja", "Maiduguri"]),
    "Pakistan": ("Pakistani", ["Karachi", "Lahore", "Peshawar", "Quetta"]),
    "India": ("Indian", ["Mumbai", "Kolkata", "Chennai", "Hyderabad"]),
    "Colombia": ("Colombian", ["Bogota", "Medellin", "Cali", "Barranquilla"]),
    "Iraq": ("Iraqi", ["Baghdad", "Basra", "Mosul", "Erbil"]),
    "Turkey": ("Turkish", ["Ankara", "Istanbul", "Izmir", "Diyarbakir"]),
    "Ukraine": ("Ukrainian", ["Kyiv", "Kharkiv", "Odesa", "Lviv"]),
    "Peru": ("Peruvian", ["Lima", "Cusco", "Arequipa", "Trujillo"]),
    "Philippines": ("Filipino", ["Manila", "Cebu", "Davao", "Zamboanga"]),
}
GROUPS = ["farmers", "students", "teachers", "nurses", "taxi drivers", "miners", "pensioners",
          "dock workers", "lawyers", "market traders"]  # fmt: skip
DEMANDS = ["higher wages", "lower fuel prices", "an end to power cuts", "new elections",
           "the release of detained colleagues", "clean water", "land reform"]  # fmt: skip
ARMED = ["Gunmen", "Suspected militants", "Rebel fighters", "Armed men", "Unidentified attackers"]
TARGETS = ["police checkpoint", "market", "bus station", "military post", "village mosque",
           "mining camp"]  # fmt: skip
OFFICES = ["foreign minister", "interior minister", "defence minister", "trade minister"]
TOPICS = ["border security", "trade", "energy supplies", "water sharing", "refugees"]
SUSPECTS = ["suspected smugglers", "alleged gang members", "opposition activists",
            "suspected militants", "protest leaders"]  # fmt: skip
FIRST = ["Amir", "Leila", "Jonas", "Maria", "Omar", "Sofia", "Daniel", "Aisha", "Pedro",
         "Nadia", "Viktor", "Grace", "Hassan", "Elena", "Samuel", "Yara"]  # fmt: skip
LAST = ["Haddad", "Novak", "Okafor", "Rahimi", "Silva", "Mensah", "Petrov", "Duarte",
        "Nasser", "Lindqvist", "Oduya", "Marin", "Farouk", "Castillo", "Aziz", "Brandt"]  # fmt: skip
OUTLETS = ["Daily Courier", "Observer Post", "Metro Herald", "Capital Times", "Global Dispatch",
           "News Today", "Regional Gazette", "Evening Wire", "The Chronicle", "Morning Star"]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

LEDES: dict[str, list[str]] = {
    "protest": [
        "Thousands of {group} marched through {where}{when}, demanding {demand}.",
        "{Adj} {group} took to the streets of {where}{when} to demand {demand}.",
        "Hundreds of {group} rallied in {where}{when}, calling for {demand}.",
        "Angry {group} protested outside government offices in {where}{when}, demanding {demand}.",
    ],
    "attack": [
        "{armed} attacked a {target} in {where}{when}, killing {k} people.",
        "At least {k} people were killed when {armed_l} stormed a {target} in {where}{when}.",
        "{armed} opened fire on a {target} in {where}{when}, killing {k}, officials said.",
        "{armed} killed {k} people in an assault on a {target} in {where}{when}.",
    ],
    "meeting": [
        "{Adj} {office} {name} met {adj2} counterpart {name2} in {where}{when} to discuss {topic}.",
        "{name}, the {adj} {office}, held talks with {name2} of {country2} in {where}{when} on {topic}.",
        "{Adj} {office} {name} and {name2} of {country2} discussed {topic} at a meeting in {where}{when}.",
    ],
    "arrest": [
        "Police arrested {k} {suspects} in {where}{when}.",
        "{Adj} police detained {k} {suspects} in {where}{when}, a spokesman said.",
        "Security forces arrested {k} {suspects} during raids in {where}{when}.",
    ],
}  # fmt: skip
#: Further sentences a telling may add: descriptive ones, and side events (tear gas at the
#: protest) that every telling of the story shares; some are generic boilerplate-like lines.
DETAILS: dict[str, list[str]] = {
    "protest": ["Organisers said more than {n} thousand people took part.",
                "The {group} carried banners and chanted slogans outside the governor's office.",
                "Police in {city} fired tear gas to disperse the crowd.",
                "Shops in the centre of {city} stayed closed during the march."],
    "attack": ["{n} others were wounded and taken to hospitals in {city}.",
               "Security forces sealed off the area around the {target}.",
               "Residents said the gunfire lasted for almost an hour."],
    "meeting": ["Both sides described the talks as constructive.",
                "{name2} was in {city} on a two-day visit, the ministry said."],
    "arrest": ["Officers seized weapons and cash during the operation.",
               "The {suspects} are being held at a police station in {city}."],
}  # fmt: skip
GOLD_TYPE = {"protest": "PROTEST", "attack": "ASSAULT", "meeting": "CONSULT", "arrest": "COERCE"}


@dataclass
class RealEvent:
    """One real-world event: what happened, where, when (the gold)."""

    id: str
    kind: str
    country: str
    city: str
    day: dt.date
    slots: dict[str, str]
    about: RealEvent | None = None  # a meeting discussing an attack
    lookalike_of: str | None = None
    tellings: list[dict] = field(default_factory=list)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _slots(rng: random.Random, country: str) -> dict[str, str]:
    other = rng.choice([c for c in COUNTRIES if c != country])
    armed = rng.choice(ARMED)
    return {
        "group": rng.choice(GROUPS), "demand": rng.choice(DEMANDS), "armed": armed,
        "armed_l": armed.lower(), "target": rng.choice(TARGETS), "office": rng.choice(OFFICES),
        "topic": rng.choice(TOPICS), "suspects": rng.choice(SUSPECTS), "name": _name(rng),
        "name2": _name(rng), "country2": other, "adj2": COUNTRIES[other][0],
        "k": str(rng.randint(3, 30)),
    }  # fmt: skip


def _when(rng: random.Random, day: dt.date, lag: int) -> str:
    options = [""]
    options.append(f" on {day.strftime('%B')} {day.day}")
    if 1 <= lag <= 5:
        options += [f" on {WEEKDAYS[day.weekday()]}"] * 2
    if lag == 1:
        options.append(" yesterday")
    if lag == 0:
        options.append(" today")
    return rng.choice(options)


def _telling(rng: random.Random, ev: RealEvent, outlet: str, index: int) -> dict:
    lag = rng.choice([0, 0, 1, 1, 1, 2, 3])
    pub = ev.day + dt.timedelta(days=lag)
    adj = COUNTRIES[ev.country][0]
    vague = rng.random() < 0.2  # the outlet names only the country
    where = f"{'the north of ' if rng.random() < 0.3 else ''}{ev.country}" if vague else ev.city
    slots = dict(ev.slots, where=where, when=_when(rng, ev.day, lag), adj=adj, Adj=adj)
    if rng.random() < 0.3:  # the casualty or arrest figure disagrees a little
        slots["k"] = str(max(2, int(ev.slots["k"]) + rng.choice([-2, -1, 1, 2])))
    if rng.random() < 0.3:  # surnames only
        slots["name"] = ev.slots["name"].split()[-1]
        slots["name2"] = ev.slots["name2"].split()[-1]
    if ev.about is not None:
        slots["topic"] = f"the attack on the {ev.about.slots['target']} in {ev.about.city}"
    lede = rng.choice(LEDES[ev.kind]).format(**slots)
    lede = lede[0].upper() + lede[1:]
    body = [lede]
    details = DETAILS[ev.kind][:]
    rng.shuffle(details)
    slots["city"] = ev.city
    body += [d.format(n=rng.randint(2, 20), **slots) for d in details[: rng.randint(0, 2)]]
    if not vague and rng.random() < 0.3:
        body[0] = f"{ev.city.upper()} ({outlet}) – {body[0]}"
    headline = lede.split(",")[0].split(" on ")[0].rstrip(".")
    gold = {GOLD_TYPE[ev.kind]: ev.id}
    if ev.about is not None:
        gold["ASSAULT"] = ev.about.id
    return {
        "id": f"{ev.id}-r{index}", "title": headline, "text": headline + "\n\n" + " ".join(body),
        "date": pub.isoformat(), "source": outlet, "story": ev.id, "gold": gold,
        "kind": ev.kind, "lookalike_of": ev.lookalike_of,
    }  # fmt: skip


def _near_copy(rng: random.Random, original: dict, outlet: str, index: int) -> dict:
    copy = dict(original, id=f"{original['story']}-r{index}", source=outlet)
    copy["text"] = original["text"] + " " + rng.choice(
        ["More details were expected later in the day.", "The story is developing.",
         "Additional reporting by staff correspondents."])  # fmt: skip
    return copy


def make_events(rng: random.Random, k: int, start: dt.date) -> list[RealEvent]:
    events: list[RealEvent] = []
    kinds = ["protest", "attack", "meeting", "arrest"]
    for i in range(k):
        country = rng.choice(list(COUNTRIES))
        kind = kinds[i % len(kinds)]
        ev = RealEvent(f"E{i:03d}", kind, country, rng.choice(COUNTRIES[country][1]),
                       start + dt.timedelta(days=rng.randrange(60)), _slots(rng, country))  # fmt: skip
        attacks = [e for e in events if e.kind == "attack" and e.country == country]
        if kind == "meeting" and attacks and rng.random() < 0.6:
            ev.about = attacks[-1]
            ev.day = max(ev.day, ev.about.day + dt.timedelta(days=rng.randint(1, 4)))
        events.append(ev)
        if rng.random() < 0.5:  # a look-alike: another city the same day, or another day
            twin_slots = dict(ev.slots) if rng.random() < 0.5 else _slots(rng, country)
            if rng.random() < 0.5:
                city = rng.choice([c for c in COUNTRIES[country][1] if c != ev.city])
                day = ev.day
            else:
                city = ev.city
                day = ev.day + dt.timedelta(days=rng.choice([-6, -4, -3, 3, 4, 6]))
            events.append(RealEvent(f"E{i:03d}L", kind, country, city, day, twin_slots,
                                    lookalike_of=ev.id))  # fmt: skip
    return events


def gold_label(record: dict, event: str) -> str:
    """The real-world event a coded event of type ``event`` in ``record`` tells: the planned
    one for a type the article was written to tell, else the story's side event."""
    return record["gold"].get(event, f"{record['story']}/{event}")


def make_corpus(k: int = 60, seed: int = 1) -> list[dict]:
    """The articles (with gold labels) of ``k`` real-world events and their look-alikes."""
    rng = random.Random(seed)
    records: list[dict] = []
    for ev in make_events(rng, k, dt.date(2024, 3, 1)):
        outlets = rng.sample(OUTLETS, rng.randint(2, 5))
        tellings = [_telling(rng, ev, o, n) for n, o in enumerate(outlets)]
        if rng.random() < 0.2:
            other = rng.choice([o for o in OUTLETS if o not in outlets])
            tellings.append(_near_copy(rng, tellings[0], other, len(tellings)))
        records += tellings
    rng.shuffle(records)
    return records


# ---------------------------------------------------------------------- synthetic records
SYNTH_TYPES = ["PROTEST", "ASSAULT", "CONSULT", "COERCE", "ACCUSE", "AID", "SANCTION", "THREATEN",
               "REQUEST", "SUPPORT", "AGREE", "REJECT", "MOBILIZE", "COOPERATE", "CONCEDE",
               "RETREAT"]  # fmt: skip
SYNTH_SECTORS = ["GOV", "MIL", "COP", "REB", "CVL", "EDU", "BUS", "LAB", "OPP", "MED"]
SYNTH_WORDS = ["crowd", "convoy", "minister", "village", "bridge", "camp", "port", "factory",
               "rally", "border", "council", "hospital", "court", "station", "market", "school",
               "airport", "mine", "dam", "embassy", "prison", "road", "field", "harbour"]  # fmt: skip


def _synthetic_event(rng: random.Random, real: dict, n: int, pub: dt.date) -> Event:
    """One outlet's coded report of a synthetic real-world event (with the usual noise)."""
    day = real["day"]
    explicit = rng.random() < 0.65
    date_info = (EventDate(value=day.isoformat(), precision="day", text="on Friday",
                           reason="from 'on Friday'") if explicit
                 else EventDate(value=pub.isoformat(), precision="day",
                                reason="publication date"))  # fmt: skip
    loc = None
    roll = rng.random()
    lat, lon, city, admin = real["place"]
    if roll < 0.65:
        loc = Location(resolved_place=city, geonameid=zlib.crc32(city.encode()) % 10**7, lat=lat, lon=lon,
                       province=admin, country_code=real["country"], precision="city",
                       reason="synthetic")  # fmt: skip
    elif roll < 0.75:
        loc = Location(country_code=real["country"], precision="country", reason="synthetic")
    actor = [Entity(entity_text=rng.choice(real["actor_names"]), code=real["country"],
                    sector=real["actor_sector"])]  # fmt: skip
    recipient = ([Entity(entity_text=real["recipient_name"], code=real["country"],
                         sector=real["recipient_sector"])]
                 if rng.random() < 0.7 else [])  # fmt: skip
    words = rng.sample(real["words"], k=min(len(real["words"]), rng.randint(3, 6)))
    text = " ".join([actor[0].entity_text, real["verb"], *words, city if loc else ""])
    return Event(
        id=f"{real['id']}-r{n}:0:{real['type']}", doc_id=f"{real['id']}-r{n}",
        date=date_info.value, date_info=date_info, event=real["type"], text=text,
        actor=actor, recipient=recipient, event_loc=loc, sentence_start=0,
        sentence_end=len(text), sentence_index=0, confidence=0.8, detector="synthetic",
        event_text=[real["verb"]],
    )  # fmt: skip


def synthetic_events(
    n: int, seed: int = 1, start: dt.date = dt.date(2023, 1, 1)
) -> Iterator[list[tuple[Event, dt.date, str, str]]]:
    """About ``n`` coded event records, many per real-world event, in daily batches of
    ``(event, publication date, source, gold id)``, in publication order. Streams: memory
    does not grow with ``n``."""
    rng = random.Random(seed)
    countries = [f"C{i:02d}" for i in range(40)]
    weights = [1 / (i + 1) for i in range(40)]  # a few countries carry most of the news
    places = {c: [(rng.uniform(-40, 50), rng.uniform(-80, 120), f"{c}-city{j}", f"{c}-A{j % 3}")
                  for j in range(6)] for c in countries}  # fmt: skip
    per_day = max(1, n // (4 * 365))
    pending: dict[dt.date, list[tuple[Event, dt.date, str, str]]] = {}
    emitted, i, day = 0, 0, start
    while emitted < n:
        for _ in range(per_day):
            country = rng.choices(countries, weights)[0]
            sector, rsector = rng.sample(SYNTH_SECTORS, 2)
            head = rng.choice(SYNTH_WORDS)
            real = {"id": f"S{i:06d}", "type": rng.choice(SYNTH_TYPES), "country": country,
                    "day": day, "place": rng.choice(places[country]), "actor_sector": sector,
                    "actor_names": [f"{country} {sector.lower()} {head}s", f"the {head}s"],
                    "recipient_sector": rsector, "recipient_name": f"{rng.choice(SYNTH_WORDS)}",
                    "words": rng.sample(SYNTH_WORDS, 8), "verb": "acted"}  # fmt: skip
            i += 1
            for r in range(1 + min(11, int(rng.expovariate(1 / 3)))):
                pub = day + dt.timedelta(days=rng.choice([0, 0, 1, 1, 2, 3]))
                event = _synthetic_event(rng, real, r, pub)
                pending.setdefault(pub, []).append((event, pub, rng.choice(OUTLETS), real["id"]))
        batch = pending.pop(day, [])
        emitted += len(batch)
        if batch:
            yield batch
        day += dt.timedelta(days=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--events", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    records = make_corpus(args.events, args.seed)
    with args.out.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec) + "\n")
    stories = len({r["story"] for r in records})
    print(f"{len(records)} articles telling {stories} real-world events -> {args.out}")


if __name__ == "__main__":
    main()
