"""Whether a report tells the event of a cluster, and how surely.

Two kinds of test, kept apart on purpose:

- **contradictions** (``None``): different type or modality class, places that cannot be the
  same (two cities, two provinces, two countries), dates that cannot be the same (explicit days
  more than a day apart, intervals that do not meet), actors of different states with no
  name in common, or the actor of one report being the recipient of the other (reprisal, not
  retelling), meetings on topics with no word in common, attacks or arrests whose target the
  other telling does not mention. A contradiction is final: no amount of similar wording
  merges the two.
- **agreement** (a score in 0..1): actors and recipients recognised again, the same place,
  the same day, shared content words. A report joins a cluster when the score reaches the
  threshold; missing information (no place, no date) neither contradicts nor helps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from .report import PartyView, Place, Report, fold
from .words import cluster_words

#: Weights of the agreement score (they sum to 1).
WEIGHTS = {"actors": 0.25, "recipients": 0.10, "place": 0.20, "date": 0.15, "evidence": 0.15,
           "names": 0.15}  # fmt: skip
#: Two city-precision places further apart than this are two places.
CITY_KM = 40.0
#: A city whose province the gazetteer does not give is not in a province this far away.
PROVINCE_KM = 500.0
#: A party score at and above which two key sets name the same parties (country, sector and
#: head word, or a name).
SAME_PARTIES = 0.9
#: Score at and above which a report joins a cluster (chosen on the development seeds).
DEFAULT_THRESHOLD = 0.4

#: Sectors of the state and of armed groups: the same body is told as police, security
#: forces or officers, as a minister of government or of defence; their head words vary.
STATE_SECTORS = frozenset(
    "s:" + s for s in ("GOV", "COP", "MIL", "JUD", "LEG", "SPY", "REB", "CRM", "INS")
)

#: Key kinds of ``report.entity_keys`` and how much a shared key of that kind says.
_KEY_WEIGHT = {"id": 1.0, "name": 1.0, "who": 1.0, "csw": 0.9, "sw": 0.7, "cs": 0.6, "w": 0.5,
               "s": 0.4, "c": 0.25}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Profile:
    """What a report is compared with: a cluster's best place and date, all its parties."""

    event: str
    realised: str
    place: Place | None
    lo: int | None
    hi: int | None
    day_precise: bool
    actors: frozenset[str] | set[str]
    recipients: frozenset[str] | set[str]
    actor_view: PartyView
    recipient_view: PartyView
    words: frozenset[str] | set[str]
    names: frozenset[str] | set[str]
    modes: frozenset[str] | set[str]
    groups: frozenset[str] | set[str]
    docs: frozenset[str] | set[str]
    core_words: frozenset[str] | None = None  # the representative's words
    topics: frozenset[str] | set[str] = frozenset()  # what its meetings were about
    core_recipients: frozenset[str] = frozenset()  # the representative's recipients


def party_score(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """How surely two actor (or recipient) key sets name the same party (0: no evidence)."""
    if not a or not b:
        return 0.0
    common = a & b if len(a) <= len(b) else b & a
    return max(map(_weight, common), default=0.0)


@lru_cache(maxsize=8192)
def _weight(key: str) -> float:
    return _KEY_WEIGHT.get(key.split(":", 1)[0], 0.0)


def parties_contradict(a: PartyView, b: PartyView) -> bool:
    """Nothing strong in common (name, head word, id) and either both name a country and the
    countries differ, or both name a person or organisation (``who:`` keys) and they differ."""
    if a.strong & b.strong:
        return False
    if a.countries and b.countries and not a.countries & b.countries:
        return True
    return a.who and b.who


def _km(a: Place, b: Place) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def place_score(a: Place | None, b: Place | None) -> float | None:
    """Agreement of two places, ``None`` when they cannot be the same place."""
    if a is None or b is None:
        return 0.0
    if a.country and b.country and a.country != b.country:
        return None
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return 1.0
    ra, rb = a.rank, b.rank
    if ra >= 3 and rb >= 3:  # two cities
        if a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None:
            km = _km(a, b)
            return None if km > CITY_KM else (0.9 if km <= 15 else 0.6)
        if a.name and b.name and a.name.casefold() == b.name.casefold():
            return 0.9
        return None
    if ra >= 2 and rb >= 2:  # a city and a province, or two provinces
        if a.admin1 and b.admin1:
            return (0.6 if ra == rb else 0.5) if a.admin1 == b.admin1 else None
        if a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None:
            return None if _km(a, b) > PROVINCE_KM else 0.3  # a province unknown: by distance
        return 0.3
    return 0.3 if a.country and b.country else 0.0  # one is only a country (or a region)


def date_score(r: Report, p: Profile) -> float | None:
    """Agreement of a report's date interval with a cluster's, ``None`` if they cannot meet."""
    if r.lo is None or r.hi is None or p.lo is None or p.hi is None:
        return 0.0
    gap = max(r.lo, p.lo) - min(r.hi, p.hi)  # > 0: days between; <= 0: overlap
    both_days = p.day_precise and r.date_precision == "day"
    if gap > (1 if both_days else 0):  # explicit days: one day of slack (time zones, night)
        return None
    if both_days:
        return 1.0 if gap <= 0 else 0.0
    return 0.5 if gap <= 0 else 0.3


def names_score(r: Report, p: Profile) -> float:
    """Proper names of the report's sentence found in the cluster's (one: 0.6, two: 1.0)."""
    shared = len(r.names & p.names)
    return 1.0 if shared >= 2 else 0.6 if shared else 0.0


def evidence_score(r: Report, p: Profile) -> float:
    """Content words shared with the cluster's representative (Jaccard): the union of all
    its reports' words grows with every telling and would find any sentence in it."""
    if not r.words:
        return 0.0
    core = p.core_words if p.core_words is not None else p.words
    both = r.words | core
    return len(r.words & core) / len(both)


def _heads(keys: frozenset[str] | set[str]) -> set[str]:
    """The specific head words of a party key set (``w:`` keys, generic crowd words left out:
    "protesters" and "teachers" may be one crowd, "teachers" and "farmers" are two)."""
    return {k for k in keys if k.startswith("w:")} - cluster_words().generic_heads


def groups_differ(r: Report, p: Profile) -> bool:
    """Both name the actors as a civilian group by its own word (teachers, farmers, nurses)
    and the words differ, with no name or state/armed sector to go by: two groups."""
    if r.actor_view.strong & p.actor_view.strong:
        return False
    if r.actors & STATE_SECTORS or p.actors & STATE_SECTORS:
        return False
    mine, theirs = _heads(r.actors), _heads(p.actors)
    return bool(mine and theirs and not mine & theirs)


def detained_differ(r: Report, p: Profile) -> bool:
    """Two arrests of different kinds of people (activists / smugglers / gang members): who
    was taken identifies an arrest as the target identifies an attack."""
    if r.mode != "arrest" or "arrest" not in p.modes:
        return False
    if r.recipient_view.strong & p.recipient_view.strong:
        return False
    mine, theirs = _heads(r.recipients), _heads(p.recipients)
    return bool(mine and theirs and not mine & theirs)


def _place_in_doubt(r: Report, p: Profile) -> bool:
    """Two places that cannot be one, told of the same named person or organisation, where
    one side's sentence names the other's place too: "discussed the attack in Cali at a
    meeting in Medellin" names two cities and the resolver may have taken either."""
    if r.place is None or p.place is None or not r.place.name or not p.place.name:
        return False
    if not any(k.startswith(("id:", "name:", "who:")) for k in r.actors & p.actors):
        return False
    return fold(p.place.name) in r.names or fold(r.place.name) in p.names


def _only_country(r: Report, p: Profile) -> bool:
    """One side gives only the country (the other may give its city)."""
    return r.place is not None and p.place is not None and min(r.place.rank, p.place.rank) <= 1


def _named_place(r: Report, p: Profile) -> bool:
    """The one side's resolved city is a proper name of the other side's sentence(s)."""
    if r.place is None and p.place is not None and p.place.rank >= 2 and p.place.name:
        return fold(p.place.name) in r.names
    if p.place is None and r.place is not None and r.place.rank >= 2 and r.place.name:
        return fold(r.place.name) in p.names
    return False


#: Event types whose recipient is what was attacked: its identity is part of the event's.
TARGETED = frozenset({"ASSAULT"})
#: Event types told apart by their topic ("discussed trade" / "talks on the attack"): meetings.
MEETINGS = frozenset({"CONSULT"})


def target_absent(r: Report, p: Profile) -> bool:
    """An attack or an arrest whose target one side names and the other's sentence does not
    mention (nor the other way round): an attack on "a bus station" and one on "a police
    checkpoint", whether or not the coder took the target as the recipient; the arrest of
    "suspected smugglers" and of "alleged gang members". Only a telling with an actor (not a
    detail sentence, which joins through its own article) is read this way."""
    targeted = r.event in TARGETED or "arrest" in p.modes | {r.mode}
    if not targeted or not r.actors:
        return False
    arrest = r.event not in TARGETED
    # What any telling of an attack named as its target; of an arrest, what its representative
    # named (the coder adds where the detained are held to an arrest's recipients).
    theirs = _target_words(p.core_recipients if arrest else p.recipients, arrest)
    mine = _target_words(r.recipients, arrest)
    # The coded targets count as said even where the coder took them from another sentence.
    return bool(theirs or mine) and not theirs & (r.words | mine) and not mine & p.words


def target_named(r: Report, p: Profile) -> bool:
    """An attack whose target one side coded is named in the other's sentence (or both coded
    it): "attacked a market" / "people were killed when gunmen stormed a market", where the
    coder took "people" as the recipient of the passive telling."""
    theirs, mine = _target_words(p.recipients, False), _target_words(r.recipients, False)
    return bool(theirs & (r.words | mine) or mine & p.words)


#: Sectors of the state's own bodies: a "police station" is where the arrested are held,
#: not who was arrested.
_OWN_SECTORS = ("GOV", "COP", "MIL", "JUD", "LEG", "SPY")


def _target_words(keys: frozenset[str] | set[str], arrest: bool) -> set[str]:
    """The specific head words of a target; of an arrest, without those of the state's own
    bodies."""
    heads = {k[2:] for k in _heads(keys)}
    if not arrest:
        return heads
    own = {k.rsplit("/", 1)[1] for k in keys
           if k.startswith(("csw:", "sw:")) and k.split("/")[-2].split(":")[-1] in _OWN_SECTORS}  # fmt: skip
    return heads - own


#: ``assess`` result of a report that contradicts nothing but has no anchor in the cluster.
UNANCHORED = float("-inf")


def contradiction(r: Report, p: Profile) -> str | None:
    """Why report ``r`` cannot tell the event of cluster profile ``p`` (``None``: it can)."""
    return _check(r, p)[0]


def _check(r: Report, p: Profile) -> tuple[str | None, float, float, float]:
    """(contradiction, place score, date score, actor score): computed once for both uses."""
    if r.event != p.event:
        return "type", 0.0, 0.0, 0.0
    if r.realised != p.realised:
        return "modality", 0.0, 0.0, 0.0
    date = date_score(r, p)
    if date is None:
        return "date", 0.0, 0.0, 0.0
    place = place_score(r.place, p.place)
    if place is None and _place_in_doubt(r, p):
        place = 0.0  # the sentence names both places: no contradiction, no agreement
    if place is None:
        return "place", 0.0, date, 0.0
    if parties_contradict(r.actor_view, p.actor_view):
        return "actors", place, date, 0.0
    if groups_differ(r, p):
        return "groups", place, date, 0.0
    if detained_differ(r, p):
        return "detained", place, date, 0.0
    if r.event in MEETINGS and r.topic and p.topics and not r.topic & p.topics:
        return "topic", place, date, 0.0
    actors = party_score(r.actors, p.actors)
    # The actor of one is the recipient of the other: a reprisal, not a retelling.
    if (
        r.actors
        and p.actors
        and actors < 0.5  # nothing but a country or a sector in common
        and max(party_score(r.actors, p.recipients), party_score(r.recipients, p.actors)) >= 0.6
    ):
        return "reprisal", place, date, actors
    return None, place, date, actors


def score(r: Report, p: Profile) -> float | None:
    """Agreement of report ``r`` with cluster profile ``p``; ``None`` when they contradict
    or when the report has no anchor in the cluster (see ``assess``)."""
    value = assess(r, p)
    return None if value is None or value == UNANCHORED else value


def assess(r: Report, p: Profile) -> float | None:
    """Agreement of report ``r`` with cluster profile ``p``: ``None`` when they contradict,
    ``UNANCHORED`` when nothing anchors the report in the cluster, else the score.

    Besides the score, a report needs an anchor in the cluster: the same place (at least the
    same province), a proper name in common (a person, a place the resolver missed, a group),
    a party recognised by knowledge-base id or canonical name, a near-duplicate article, or its
    own article (another telling of the same type in the same article); failing those, the same
    parties on the same explicit day. Without one, wording alone ("Officers seized weapons
    during the operation") never merges two reports. A report whose article is a near
    duplicate of an article already in the cluster (same ``article_group``) joins it unless
    something contradicts: near-duplicate articles first.
    """
    why, place, date, actors = _check(r, p)
    if why is not None:
        return None
    if place == 0.0 and _named_place(r, p):
        place = 0.6  # the place is named in the sentence, only the resolver missed it
    same_group = r.article_group is not None and r.article_group in p.groups
    same_doc = r.doc_id in p.docs
    if not (same_group or same_doc) and target_absent(r, p):
        return None
    anchored = (
        same_group
        or same_doc
        or place >= 0.5
        or bool(r.names & p.names)
        or any(k.startswith(("id:", "name:")) for k in r.actors & p.actors)
        # A telling that gives only the country: the same parties in that country on days
        # that can meet (it abstains when they fit two clusters: ``ClusterIndex._ambiguous``).
        or (place > 0.0 and _only_country(r, p) and date >= 0.5 and actors >= SAME_PARTIES)
    )
    recipients = party_score(r.recipients, p.recipients)
    if recipients < 0.5 and r.event in TARGETED and target_named(r, p):
        recipients = 0.5  # the same target, named if not coded
    if not anchored and not (
        # No place or name to go by: the same parties on the same explicit day, unless both
        # sides name people or places and none of them is shared.
        date == 1.0
        and (actors >= 0.9 or (actors >= 0.5 and recipients >= 0.5))
        and not (r.names and p.names)
    ):
        return UNANCHORED
    if recipients == 0.0 and r.recipients and p.recipients:
        # Both name a target and nothing of it matches ("a bus station" / "a village mosque").
        recipients = -1.0 if parties_contradict(r.recipient_view, p.recipient_view) else -0.5
    value = (
        WEIGHTS["actors"] * actors
        + WEIGHTS["recipients"] * recipients
        + WEIGHTS["place"] * place
        + WEIGHTS["date"] * date
        + WEIGHTS["evidence"] * evidence_score(r, p)
        + WEIGHTS["names"] * names_score(r, p)
    )
    if r.mode is not None and p.modes and r.mode not in p.modes:
        value -= 0.05
    if same_group:
        value += 1.0
    elif same_doc:
        value += 0.3
    return value
