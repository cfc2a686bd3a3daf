"""Generate a synthetic news corpus for the ingest benchmark (the project's own templates).

    python benchmarks/make_news_corpus.py OUT.jsonl [--n 10000] [--seed 7] [--gz]

Each record is a wire-style article of 300-700 words: a headline, a dateline lede, paragraphs
telling events of many PLOVER types (protests, attacks, meetings, sanctions, calls, threats,
aid, arrests...) between background and quoted paragraphs, and the boilerplate lines real
pages carry ("Read More:", "Editing by"). Of the records, by default:

- 10% are word-for-word copies of an earlier story under another outlet and id (exact);
- 10% are reruns of an earlier story with edits: a headline changed, a paragraph dropped
  or added, a sign-off changed (near duplicates);
- 1% are in another language (German, French, Spanish), 0.5% are broken (empty text),
- 10% come as HTML pages (``html`` field) instead of text.

Everything is generated from the templates below, seeded, so the same command gives the
same corpus. No text is taken from any news outlet.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

COUNTRIES = [
    # (country, adjective, capital, other city)
    ("Iraq", "Iraqi", "Baghdad", "Basra"),
    ("Turkey", "Turkish", "Ankara", "Istanbul"),
    ("Iran", "Iranian", "Tehran", "Isfahan"),
    ("Syria", "Syrian", "Damascus", "Aleppo"),
    ("Lebanon", "Lebanese", "Beirut", "Tripoli"),
    ("Egypt", "Egyptian", "Cairo", "Alexandria"),
    ("Nigeria", "Nigerian", "Abuja", "Lagos"),
    ("Kenya", "Kenyan", "Nairobi", "Mombasa"),
    ("Pakistan", "Pakistani", "Islamabad", "Karachi"),
    ("India", "Indian", "New Delhi", "Mumbai"),
    ("Colombia", "Colombian", "Bogota", "Medellin"),
    ("Peru", "Peruvian", "Lima", "Cusco"),
    ("Ukraine", "Ukrainian", "Kyiv", "Kharkiv"),
    ("Russia", "Russian", "Moscow", "Saint Petersburg"),
    ("France", "French", "Paris", "Marseille"),
    ("Germany", "German", "Berlin", "Hamburg"),
    ("Ethiopia", "Ethiopian", "Addis Ababa", "Mekelle"),
    ("Sudan", "Sudanese", "Khartoum", "Port Sudan"),
    ("Venezuela", "Venezuelan", "Caracas", "Maracaibo"),
    ("Myanmar", "Myanmar", "Naypyidaw", "Yangon"),
]
FIRST = [
    "Amir",
    "Leila",
    "Jonas",
    "Maria",
    "Omar",
    "Sofia",
    "Daniel",
    "Aisha",
    "Pedro",
    "Nadia",
    "Viktor",
    "Grace",
    "Hassan",
    "Elena",
    "Samuel",
    "Yara",
    "Rafael",
    "Ines",
]
LAST = [
    "Haddad",
    "Kaya",
    "Novak",
    "Okafor",
    "Rahimi",
    "Silva",
    "Mensah",
    "Petrov",
    "Duarte",
    "Nasser",
    "Lindqvist",
    "Oduya",
    "Marin",
    "Farouk",
    "Castillo",
    "Aziz",
]
OFFICES = [
    "prime minister",
    "foreign minister",
    "president",
    "interior minister",
    "defence minister",
    "opposition leader",
    "central bank governor",
]
GROUPS = [
    "farmers",
    "students",
    "teachers",
    "workers",
    "doctors",
    "pensioners",
    "residents",
    "truck drivers",
    "lawyers",
    "nurses",
]
DEMANDS = [
    "higher wages",
    "the release of detained activists",
    "an end to power cuts",
    "the resignation of the government",
    "lower fuel prices",
    "new elections",
    "action against corruption",
    "clean water in their neighbourhoods",
]
TOPICS = [
    "border security",
    "trade",
    "energy supplies",
    "the refugee crisis",
    "water sharing",
    "a ceasefire",
    "debt relief",
    "grain exports",
]
ISSUES = [
    "human rights abuses",
    "its nuclear programme",
    "election fraud",
    "the crackdown on protesters",
    "support for armed groups",
    "cyber attacks",
]
BLOCS = [
    "The European Union",
    "The United States",
    "The United Nations Security Council",
    "Britain",
    "Canada",
    "Japan",
]
ARMED = [
    "Gunmen",
    "Suspected militants",
    "Rebel fighters",
    "An armed group",
    "Unidentified attackers",
]
TARGETS = ["police checkpoint", "army convoy", "market", "village", "military base", "bus station"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = [
    "Daily Courier",
    "The Observer Post",
    "Metro Herald",
    "Capital Times",
    "Evening Standard Wire",
    "Regional Gazette",
    "Global Dispatch",
    "News Today",
]
AGENCIES = ["Wire", "AP-style Wire", "NewsWire", "Press Agency"]

EVENT_TEMPLATES = [
    "Thousands of {group} marched through {city} on {day}, demanding {demand}.",
    "{armed} attacked a {target} near {city2} on {day}, killing {n} people, officials said.",
    "The {adj} {office} {person} met {adj2} counterpart {person2} in {city} on {day} to "
    "discuss {topic}.",
    "{bloc} imposed new sanctions on {country} on {day} over {issue}.",
    "{person}, the {adj} {office}, called on the government to {action}.",
    "The {adj} {office} accused {country2} of {wrong}.",
    "{country} and {country2} signed an agreement on {topic} in {city} on {day}.",
    "{person} threatened to {threat} if {country2} did not {cond}.",
    "{bloc} pledged {n} million dollars in humanitarian aid to {country} on {day}.",
    "The government of {country} rejected a proposal by {country2} to {proposal}.",
    "Police arrested {n} {group} in {city2} on {day} after clashes near the parliament.",
    "{country} expelled two {adj2} diplomats on {day}, accusing them of spying.",
    "Security forces fired tear gas at {group} who blocked roads in {city2} on {day}.",
    "The {adj} army withdrew its troops from the border area near {city2} on {day}.",
    "{person} praised the efforts of {country2} to {praise}.",
]
ACTIONS = [
    "hold early elections",
    "release political prisoners",
    "cut fuel taxes",
    "open talks with the opposition",
    "investigate the killings",
]
WRONGS = [
    "interfering in its internal affairs",
    "violating the ceasefire",
    "arming rebel groups",
    "spreading false information",
    "blocking aid deliveries",
]
THREATS = [
    "close the border",
    "suspend trade talks",
    "recall its ambassador",
    "impose tariffs",
    "withdraw from the agreement",
]
CONDS = [
    "stop the shelling",
    "return the seized ships",
    "end its support for the rebels",
    "pay its debts",
]
PROPOSALS = [
    "share the dam's water",
    "hold a referendum",
    "deploy observers",
    "reopen the crossing",
]
PRAISES = ["end the fighting", "host refugees", "fight corruption", "rebuild the port"]
BACKGROUND = [
    "The country has faced {problem} since {year}, and analysts say the situation is "
    "unlikely to improve soon.",
    "The {ministry} did not respond to a request for comment on {day}.",
    "Prices of bread and fuel have risen sharply this year, adding to public anger.",
    "The region has a long history of disputes over land, water and the movement of people.",
    "Diplomats said further talks were expected in the coming weeks, although no date had "
    "been set.",
    "Human rights groups have repeatedly raised concerns about the treatment of detainees.",
    "The economy shrank by {n} percent last year, according to official figures.",
    "Local media reported long queues at petrol stations in several provinces.",
    "Opposition parties have called the measures a distraction from the country's problems.",
    "Earlier this month, the central bank raised interest rates for the third time.",
    "{person}, a researcher at a university in {city}, said the dispute had deep roots.",
    "Turnout in the last election, held in {year}, was below {n} percent.",
    "The {ministry} said in a statement that an investigation had been opened.",
    "Residents of {city2} said schools and shops stayed closed for most of the week.",
    "The {adj} currency has lost about {n} percent of its value against the dollar.",
    "Aid agencies estimate that {n} thousand people have fled their homes since {year}.",
    "The talks are the first of their kind since relations broke down in {year}.",
    "Parliament is expected to vote on the budget before the end of the month.",
    "Officials in {city} declined to give a figure for the number of people detained.",
    "Trade between {country} and {country2} has fallen by a third since {year}.",
]
QUOTES = [
    '"We will not accept this situation any longer," said {person}, one of the organisers.',
    '"The door to dialogue remains open," the {office} told reporters.',
    '"This is a difficult moment for our country," {person} said in a statement.',
    '"We call on all sides to show restraint," a spokesman for the ministry said.',
]
PROBLEMS = [
    "an economic crisis",
    "political deadlock",
    "repeated droughts",
    "a wave of attacks",
    "high unemployment",
]
MINISTRIES = ["interior ministry", "foreign ministry", "defence ministry", "presidency"]
BOILER = [
    "Read More: {headline2}",
    "Editing by {person}",
    "Reporting by {person}; additional reporting by {person2}",
    "Share this article on social media",
    "Follow us on our channels for more updates",
]

OTHER_LANGUAGE = [
    "Die Regierung hat am {d} neue Maßnahmen gegen die Inflation beschlossen. Die Opposition "
    "kritisierte die Entscheidung scharf und forderte Neuwahlen. Tausende Menschen "
    "demonstrierten in der Hauptstadt gegen die hohen Preise.",
    "Le gouvernement a annoncé {d} de nouvelles mesures contre la hausse des prix. Des milliers "
    "de personnes ont manifesté dans la capitale pour réclamer des salaires plus élevés.",
    "El gobierno anunció el {d} nuevas medidas contra la inflación. Miles de personas "
    "marcharon por la capital para exigir salarios más altos y la renuncia del ministro.",
]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _slots(rng: random.Random, home: tuple[str, str, str, str]) -> dict:
    other = rng.choice([c for c in COUNTRIES if c != home])
    return {
        "country": home[0], "adj": home[1], "city": home[2], "city2": home[3],
        "country2": other[0], "adj2": other[1],
        "person": _person(rng), "person2": _person(rng),
        "office": rng.choice(OFFICES), "group": rng.choice(GROUPS),
        "demand": rng.choice(DEMANDS), "topic": rng.choice(TOPICS),
        "issue": rng.choice(ISSUES), "bloc": rng.choice(BLOCS), "armed": rng.choice(ARMED),
        "target": rng.choice(TARGETS), "day": rng.choice(DAYS), "n": str(rng.randint(2, 60)),
        "action": rng.choice(ACTIONS), "wrong": rng.choice(WRONGS),
        "threat": rng.choice(THREATS), "cond": rng.choice(CONDS),
        "proposal": rng.choice(PROPOSALS), "praise": rng.choice(PRAISES),
        "problem": rng.choice(PROBLEMS), "year": str(rng.randint(2008, 2019)),
        "ministry": rng.choice(MINISTRIES),
    }  # fmt: skip


def _sentence(rng: random.Random, templates: list[str], slots: dict[str, str]) -> str:
    """A template not used yet in this article (all used: start over), slots filled."""
    fresh = dict(slots, person=_person(rng), n=str(rng.randint(2, 60)), day=rng.choice(DAYS))
    used = slots.setdefault("_used", set())  # type: ignore[arg-type]
    free = [t for t in templates if t not in used] or templates
    template = rng.choice(free)
    used.add(template)  # type: ignore[attr-defined]
    return template.format(**fresh)


def story(rng: random.Random, index: int, date: dt.date) -> dict:
    """One original article."""
    home = rng.choice(COUNTRIES)
    slots = _slots(rng, home)
    lede = _sentence(rng, EVENT_TEMPLATES, slots)
    headline = lede.split(",")[0].split(" on ")[0].rstrip(".")
    paragraphs = [
        headline,
        f"{home[2].upper()} ({rng.choice(AGENCIES)}) – {lede} " + _sentence(rng, BACKGROUND, slots),
    ]
    for _ in range(rng.randint(6, 12)):
        kind = rng.random()
        if kind < 0.45:
            body = [_sentence(rng, EVENT_TEMPLATES, slots) for _ in range(rng.randint(1, 3))]
        elif kind < 0.8:
            body = [_sentence(rng, BACKGROUND, slots) for _ in range(rng.randint(2, 4))]
        else:
            body = [_sentence(rng, QUOTES, slots), _sentence(rng, BACKGROUND, slots)]
        paragraphs.append(" ".join(body))
    slots["headline2"] = _sentence(rng, EVENT_TEMPLATES, slots).split(",")[0].rstrip(".")
    for line in rng.sample(BOILER, rng.randint(1, 3)):
        paragraphs.append(line.format(**slots))
    return {
        "id": f"story-{index:06d}",
        "title": headline,
        "text": "\n\n".join(paragraphs),
        "date": date.isoformat(),
        "source": rng.choice(OUTLETS),
        "url": f"https://news.example.org/{date:%Y/%m/%d}/story-{index:06d}",
    }


def rerun(rng: random.Random, original: dict, index: int) -> dict:
    """The same story as another outlet ran it: small edits only."""
    paras = original["text"].split("\n\n")
    body = paras[1:]
    edit = rng.random()
    if edit < 0.4 and len(body) > 6:
        body.pop(rng.randrange(2, len(body) - 1))  # a paragraph dropped
    elif edit < 0.7:
        body.insert(len(body) - 1, "The story was updated with additional details.")
    else:
        body[-1] = f"Editing by {_person(rng)}"
    headline = original["title"] + rng.choice(["", " - update", ", officials say"])
    return dict(
        original,
        id=f"rerun-{index:06d}",
        title=headline,
        text="\n\n".join([headline, *body]),
        source=rng.choice(OUTLETS),
        url=f"https://mirror.example.net/{index:06d}",
    )


def as_html(record: dict) -> dict:
    paras = record["text"].split("\n\n")
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras[1:])
    page = (
        f'<!doctype html><html lang="en"><head><title>{html.escape(record["title"])}</title>'
        f'<meta property="og:site_name" content="{html.escape(record["source"])}">'
        f'<meta property="article:published_time" content="{record["date"]}T08:00:00Z">'
        '</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{html.escape(record['title'])}</h1>{body}</article>"
        "<footer>Contact us · Privacy</footer></body></html>"
    )
    out = {k: v for k, v in record.items() if k not in ("text", "title", "date")}
    out["html"] = page
    return out


def generate(
    n: int,
    seed: int = 7,
    exact: float = 0.10,
    near: float = 0.10,
    foreign: float = 0.01,
    broken: float = 0.005,
    html_share: float = 0.10,
) -> Iterator[dict]:
    rng = random.Random(seed)
    start = dt.date(2020, 1, 1)
    originals: list[dict] = []
    for i in range(n):
        roll = rng.random()
        date = start + dt.timedelta(days=(i * 730) // max(1, n))
        if originals and roll < exact:
            record = dict(rng.choice(originals[-200:]), id=f"copy-{i:06d}")
            record["source"] = rng.choice(OUTLETS)
            record["url"] = f"https://copy.example.com/{i:06d}"
        elif originals and roll < exact + near:
            record = rerun(rng, rng.choice(originals[-200:]), i)
        elif roll < exact + near + foreign:
            text = rng.choice(OTHER_LANGUAGE).format(d=date.isoformat())
            record = {"id": f"foreign-{i:06d}", "text": text, "date": date.isoformat()}
        elif roll < exact + near + foreign + broken:
            record = {"id": f"broken-{i:06d}", "text": "", "date": date.isoformat()}
        else:
            record = story(rng, i, date)
            originals.append(record)
        if "title" in record and rng.random() < html_share:
            record = as_html(record)
        yield record


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--gz", action="store_true", help="gzip the JSONL")
    args = parser.parse_args()
    opener = gzip.open if args.gz else open
    words = 0
    with opener(args.out, "wt", encoding="utf-8") as fh:  # type: ignore[operator]
        for record in generate(args.n, args.seed):
            words += len(record.get("text", record.get("html", "")).split())
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{args.n} records, {words / args.n:.0f} words on average -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
