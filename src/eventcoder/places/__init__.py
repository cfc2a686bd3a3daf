"""Stage ``places``: every toponym in the article, and where each event happened.

Toponyms are spaCy's GPE/LOC/FAC entities, plus names it labels persons or organisations when
the gazetteer knows them and they stand where places stand ("in Valencia and Maracaibo", "the
capital Naypyitaw"), plus gazetteer names in locative phrases it missed. Not toponyms: a name
modifying an actor ("US troops", "Gaza's health ministry"; "the Gaza border" is a place), a
country acting as a government ("Turkey recalled its ambassadors"), organisation names from the
actor knowledge base (unless after "in": "officials in Brussels").

Beside the names, a country's or world region's adjective describing a place or what is there
("the Libyan capital", "Scandinavian nations") is an adjectival mention (``PlaceMention.use``,
``adjectival``), never an event's place.

A name is resolved in context: a country word next to it ("the Iranian city of Qom", "Tripoli,
Lebanon"), else the countries the article names (names, demonyms, the dateline's country, places
found in one country only), else the dateline's country, else the best-ranked place of that
name (population, a place's own name before an alternate name); each choice has a ``reason``.

An event's place is a toponym in a locative phrase of its own clause ("met ... in his office in
the Iranian city of Qom"; no other verb in between), or the target of a physical event or of
a verb like "visit" ("shelled Ajdabiya", "visited Baghdad"), never one inside its actor's phrase nor the object of another kind of
event ("leave Iraq"); else a country-level place from "Iraqi cities"; else the dateline
("dateline fallback"); else none ("no place in text").
"""

from ..knowledge.gazetteer import Gazetteer, Place, load_gazetteer
from .common import DatelineParts, Mention, _inner_name, _within_span
from .stage import Geolocate

__all__ = [
    "DatelineParts",
    "Gazetteer",
    "Geolocate",
    "Mention",
    "Place",
    "load_gazetteer",
    "_inner_name",
    "_within_span",
]
