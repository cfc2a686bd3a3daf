"""Which names of a sentence are toponyms (see the package's text for the rules)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..dates.expressions import MONTHS, WEEKDAYS
from ..document import Sentence
from ..nlp import Span
from .common import (
    _MODIFIER_DEPS,
    _OTHER_LABELS,
    BIG_PLACE,
    _acting_subject,
    _after_place_prep,
    _split_at_commas,
    _trim,
)
from .conventions import abbreviation_spans
from .joined import joined_places, tight_pair
from .name_forms import KNOWN_TOWN
from .one_sense import OneSense
from .resolve import own_name
from .run_together import countries_run_together, country_before_country, whole_name
from .stands_as_place import (
    after_compass_adjective,
    after_compass_or_person,
    in_brackets_after_name,
    modifies_located_thing,
)
from .venues import placed_in_place

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


#: A dateline opening a sentence further on (pages that carry several stories): a place in
#: capitals, maybe its state or country, then an agency or a dash ("OAKLAND, Calif. (AP) -",
#: "TORONTO — ").
_DATELINE_BODY = (
    r"(?P<place>[A-Z][A-Z.'’ -]{1,40}[A-Z.])(?:,\s*[A-Z][A-Za-z.\- ]{1,30}?)?"
    r"(?:\s*\([A-Z][^)]{0,39}\)\s*(?:[–—-]{1,2}|:)?|\s*[–—]|\s*--)\s"
)
_LATER_DATELINE = re.compile("^" + _DATELINE_BODY)
#: The same after a byline the parser keeps in one sentence with it ("By Jane Roe, The Wire.
#: TORONTO — A man ..."): right after the end of a sentence.
_DATELINE_AFTER_STOP = re.compile(r"(?<=[a-z)][.!?])\s+" + _DATELINE_BODY)


#: The article opening with a known place in capitals and then a capitalised word, with no
#: dash nor agency between ("OKLAHOMA CITY The Latest on ..."; the parser may end a sentence
#: after the name).
_CAPS_OPENING = re.compile(r"^\s*(?P<place>[A-Z][A-Z.'’ -]{2,40}[A-Z])(?:\s+(?=[A-Z][a-z])|\s*$)")


#: How the parser hangs a name on the noun it describes: "Hawaii's economy", "the Iowa
#: campaign", "the Pacific typhoon season" (amod), "the 2020 Nevada presidential caucus" (nmod).
_NAME_ON_NOUN_DEPS = frozenset({"poss", "compound", "nmod", "amod"})

#: The text of a name of words ("Tamil Nadu", "St. Paul"; not "St. Paul & Co").
_NAME_TEXT = re.compile(r"[^\W\d_][\w .'’-]*")

_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})


def _demonstrative(tok: Token) -> bool:
    """ "this Hub": a place's own name takes no demonstrative."""
    return any(c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in tok.children)


def _misread_date(tok: Token) -> bool:
    """ "in Manbij" labelled a date: a one-word date or time entity that is a capitalised
    name, not a month's or a weekday's."""
    doc = tok.doc
    return (
        tok.ent_type_ in ("DATE", "TIME")
        and tok.ent_iob_ == "B"
        and (tok.i + 1 >= len(doc) or doc[tok.i + 1].ent_iob_ != "I")
        and tok.is_alpha
        and tok.text[:1].isupper()
        and tok.lower_.rstrip(".") not in MONTHS
        and tok.lower_ not in WEEKDAYS
    )


class Toponyms(OneSense):
    """Recognition: the toponym spans of one sentence."""

    # ------------------------------------------------------------------ recognition

    def _looks_like_place(self, span: Span) -> bool:
        """A name the NER model labelled a person or organisation, taken as a place when the
        gazetteer knows it and it stands where places stand: after "in"/"to"/"from", beside
        another place ("Khartoum and Omdurman"), or with a place noun ("the capital Naypyitaw",
        "the Cotiza neighbourhood", "the town of Baga")."""
        found = self.gaz.lookup(span.text)
        if not found:
            return False
        root = span.root
        head = root.head
        if _demonstrative(root):
            return False  # "shared on this Hub": a place's name takes no "this"
        if len(span) > 1 and _NAME_TEXT.fullmatch(span.text) and any(
            own_name(p, span.text) and (p.precision in ("country", "admin1") or p.feature_code
                                        == "ADM2") for p in found[:3]
        ):  # fmt: skip
            return True  # "Tamil Nadu", "Mason County": no person or firm has a state's name
        if self._such_as_place(root):
            return True  # "countries such as Cyprus"
        if after_compass_or_person(root, self.words, self.gaz) or (
            len(span) == 1 and in_brackets_after_name(root, self.gaz)
        ):
            return True  # "south of the Pyrenees", "Jane Roe of Elmont", "X (Hackensack)"
        if root.dep_ == "pobj" and head.lower_ in self.words.place_preps:
            return True
        if (
            root.dep_ == "pobj"
            and head.lower_ == "of"
            and head.head.lower_ in self.words.place_nouns
        ):
            return True
        if (
            head.lower_ in self.words.geo_heads
            and span.text[:1].isupper()  # not "the supreme court"
            and (
                root.dep_ in ("appos", "compound")
                or (root.dep_ in ("nmod", "poss") and root.ent_type_ != "PERSON")
            )  # "Kerala's coastal towns", not "the player's home village"
        ):
            return True  # "the capital Naypyitaw", "a Bristol court", "Kerala's coastal towns"
        if head.lower_ == "based" and root.dep_ in _MODIFIER_DEPS:  # "a Kent-based firm"
            return self._place_head(head, root.dep_)
        if root.dep_ == "conj":  # "in Valencia and Maracaibo", "in Nitra, Presov and Kosice"
            return self._in_place_list(root)
        return root.ent_type_ != "PERSON" and self._big_place_object(root, span.text)

    def _such_as_place(self, tok: Token) -> bool:
        """ "towns such as Wigan", "countries such as Cyprus": named as a place noun's
        example (the parser hangs "such" on "as" or "as" on "such")."""
        head = tok.head
        if tok.dep_ != "pobj" or head.lower_ != "as":
            return False
        if head.head.lower_ == "such":
            return head.head.head.lower_ in self.words.place_nouns
        return head.head.lower_ in self.words.place_nouns and any(
            c.lower_ == "such" for c in (*head.children, *head.head.children)
        )  # "such" on "as", or on the place noun ("countries such as Cyprus")

    def _building(self, span: Span) -> bool:
        """A named building after a place preposition, whatever the parser labelled it:
        "taken to Leeds General Hospital", "held at the Mercer Convention Centre" (its last
        word a building's, ``PlaceWords.built_words``); placed in the article's town."""
        return (
            len(span) > 1
            and span[0].text[:1].isupper()
            and span[-1].lower_ in self.words.built_words
            and span[-1].text[:1].isupper()
            and _after_place_prep(span.root, self.words)
        )

    def _in_place_list(self, tok: Token) -> bool:
        """A conjunct of a place or of a place phrase ("in Valencia and Maracaibo", "Suwon
        and Incheon", "stores in Nitra, Presov and Kosice"): the list's first item is a place
        entity or stands after a place preposition."""
        first = tok
        for _ in range(12):
            if first.dep_ != "conj" or first.head.i == first.i:
                break
            first = first.head
        if first.i == tok.i:
            return False
        head = tok.head
        if head.ent_type_ in ("GPE", "LOC") or (
            head.dep_ == "pobj" and head.head.lower_ in self.words.place_preps
        ):
            return True  # "Kerala and Puducherry", "in Valencia and Maracaibo"
        if (
            first.ent_type_ in ("GPE", "LOC")
            or (
                first.dep_ == "pobj"
                and first.head.lower_ == "of"
                and first.head.head.lower_ in self.words.place_nouns
            )
            or self._such_as_place(first)
        ):
            return True  # "the cities of Ansan and Bucheon", "towns such as Ansan and Hwaseong"
        return (  # "in Zilina, Nitra and Kosice": the first a known name after "in"
            first.dep_ == "pobj"
            and first.head.lower_ in self.words.place_preps
            and first.pos_ == "PROPN"
            and bool(self.gaz.lookup(first.text))
        )

    def _plausible(self, span: Span, label: str) -> bool:
        """A one-word name the gazetteer does not know ("Nollywood", a misread first name) is
        kept only where places stand: after a place preposition or "the village of", beside
        another place ("Harwinton, Conn."), or before a place word ("the Ghouta region")."""
        if len(span) > 1 or label == "FAC" or self.gaz.lookup(span.text):
            return True
        root = span.root
        if _after_place_prep(root, self.words) or (
            root.dep_ == "pobj"
            and root.head.lower_ == "of"
            and root.head.head.lower_ in self.words.place_nouns
        ):
            return True  # "in Zarqiya", "the village of Zarqiya"
        doc = span.doc
        if span.end + 1 < len(doc) and doc[span.end].text == ",":
            return doc[span.end + 1].ent_type_ in ("GPE", "LOC") or bool(
                self.knowledge.abbreviations.pattern.match(
                    doc[span.end + 1 : span.end + 9].text[:8]
                )
            )
        return span.end < len(doc) and doc[span.end].lower_ in self.words.geo_heads

    def _place_head(self, head: Token, dep: str, name: Token | None = None) -> bool:
        """A noun a place name can modify and still be a place: a kind of place ("the Gaza
        border"), a thing that stands somewhere ("the Riverdale gas station", "London-based"),
        or, for "X's" and "X noun", any noun that names no actor ("Hawaii's economy", "the
        Iowa campaign"; not "US troops", "Ohio voters", "Gaza's health ministry")."""
        word = head.lower_
        if word == "based" and head.head.lower_ in self.words.ruling_nouns:
            return False  # "the Tripoli-based government": a side, not a place
        if self.words.is_located(word) or (
            head.dep_ == "compound" and self.words.is_located(head.head.lower_)
        ):
            return True  # "the Delft police station": what the name modifies stands there
        if (
            head.pos_ == "PROPN"
            and word in self.words.built_words
            and dep in ("poss", "compound")
            and any(c.dep_ == "compound" and (name is None or c.i != name.i) for c in head.children)
        ):  # "Manchester's Bridgewater Hall", "Leeds's Park Row": a building's; not "St.
            return True  # Peter's Basilica", the building's own name
        if dep not in _NAME_ON_NOUN_DEPS or head.pos_ != "NOUN" or head.ent_type_:
            return False  # "Nigeria's Mykolska", "US-backed": an actor or an actor's act
        if dep in ("nmod", "amod") and (name is None or name.pos_ != "PROPN"):
            return False  # an adjective ("Hub users" read as one) is no name of a place
        lemma = head.lemma_.lower()
        actors = self.knowledge.actor_words
        return not (
            word in self.words.name_only_heads
            or lemma in self.words.ruling_nouns
            or lemma in actors.generic_heads
            or lemma in actors.org_nouns
            or self.knowledge.roles.sector(head.text, head.lemma_) is not None
        )

    def _big_place_object(self, tok: Token, text: str) -> bool:
        """ "shelled Misrata", "bombed Aleppo": a verb's object that is a country or a city of
        100,000 people or more (smaller places too often share a word or a person's name)."""
        if tok.dep_ != "dobj" or tok.head.pos_ != "VERB":
            return False
        found = self.gaz.lookup(text)
        return bool(found) and (found[0].precision == "country" or found[0].population >= BIG_PLACE)

    def _spans(
        self,
        sent: Sentence,
        skipped: list[tuple[Span, str, int]] | None = None,
        ents: list[Span] | None = None,
    ) -> list[Span]:
        """Toponym spans of one sentence (see the module docstring for the rules); names
        that are no place here ("Ohio voters", "Turkey recalled") go to ``skipped``."""
        out: list[Span] = []
        seen: set[int] = set()
        doc = sent.span.doc
        for s, e, _ in abbreviation_spans(
            sent.span.text, self.knowledge.abbreviations
        ):  # "Springfield, Ill.", "in W.Va."
            span = doc.char_span(sent.span.start_char + s, sent.span.start_char + e,
                                 alignment_mode="expand")  # fmt: skip
            if span is not None and not seen.intersection(t.i for t in span):
                out.append(span)
                seen.update(t.i for t in span)
        m = _LATER_DATELINE.match(sent.span.text)  # a second story's dateline in the text
        if m is None:
            m = _DATELINE_AFTER_STOP.search(sent.span.text)
        if m is None and sent.index == 0:  # "SAN JOSE The council voted": no dash, no agency
            m = _CAPS_OPENING.match(sent.span.text)
            top = self.gaz.lookup(m.group("place"))[:1] if m else []
            if not top or (top[0].precision == "city" and top[0].population < KNOWN_TOWN):
                m = None
        if m and self.gaz.lookup(m.group("place")):
            span = doc.char_span(sent.span.start_char + m.start("place"),
                                 sent.span.start_char + m.end("place"), alignment_mode="expand")  # fmt: skip
            if span is not None and not seen.intersection(t.i for t in span):
                out.append(span)
                seen.update(t.i for t in span)
        merged = self._rejoin_split_names(
            sent, _split_at_commas(sent.span.ents if ents is None else ents)
        )
        for ent in merged:
            span = _trim(ent, self.words)
            if span is None or ent.label_ not in ("GPE", "LOC", "FAC", *_OTHER_LABELS):
                continue
            if seen.intersection(t.i for t in span):
                continue
            parts = (
                []
                if self._is_org(span.text)
                else joined_places(span, ent.label_, self.gaz, self.words.junction_words)
                or (countries_run_together(span, self.gaz) if ent.label_ == "GPE" else [])
            )
            label = "GPE" if parts else ent.label_  # "the Harrogate/Ripon area": two towns
            building = self._building(span)
            compass = after_compass_adjective(span, self.words, self.gaz)  # "western Zarbia"
            venue = label in _OTHER_LABELS and placed_in_place(span, self.gaz)  # X in Lyon
            if label in _OTHER_LABELS and not (
                building or compass or venue or self._looks_like_place(span)
            ):
                continue
            root = span.root
            if label == "GPE" and self._region_of_place(span, seen):
                out.extend(parts or [span])  # "from Yakima, Washington shares recipes"
                seen.update(t.i for t in ent)
                continue
            if (
                root.dep_ in _MODIFIER_DEPS
                and not self._place_head(root.head, root.dep_, root)
                and not country_before_country(root, self.gaz)  # "Norway Sweden and Finland"
            ):
                if skipped is not None and label == "GPE":  # it tells the article's area
                    skipped.append((span, f"modifies '{root.head.text}'", sent.segment.start))
                continue  # "US troops", "Iran's Revolutionary Guard": an actor's country
            if label != "LOC" and _acting_subject(root, self.words):  # a region has no
                # government to act: "Asia accounted for most of the growth" is a place
                if skipped is not None and label == "GPE":
                    skipped.append((span, f"acts as subject of '{root.head.text}'",
                                    sent.segment.start))  # fmt: skip
                continue  # "Turkey recalled its ambassadors": an actor, not a place
            if (
                (self._is_org(ent.text) or self._is_org(span.text))
                and not building
                and not (_after_place_prep(root, self.words) and self.gaz.lookup(span.text))
            ):
                continue  # "Brussels said" is the EU; "officials in Brussels" a place
            if not (compass or self._plausible(span, label)):
                continue
            out.extend(parts or [span])
            seen.update(t.i for t in ent)
        out += self._named_before_region(sent, seen)
        out += self._regions_after(out, seen, sent.span.end)
        out += self._built_names(sent, seen)  # "Elm Street", "the Mercer Correctional Center"
        out += self._roads(sent, seen)  # "the A417", "I-95", "Highway 401"
        out += self._listed_streets(sent, seen)  # "Bourbon and Dauphine streets"
        for tok in sent.span:  # names the model missed: in a locative phrase, or a big place
            if (
                tok.i in seen
                or tok.pos_ != "PROPN"
                or (tok.ent_type_ and not _misread_date(tok))
                or self._is_org(tok.text)
            ):
                continue
            in_phrase = (
                (tok.dep_ == "pobj" and tok.head.lower_ in self.words.locative)
                or (tok.dep_ == "conj" and self._in_place_list(tok))
                or after_compass_or_person(tok, self.words, self.gaz)
                or in_brackets_after_name(tok, self.gaz)
            )
            if _demonstrative(tok):
                continue
            pair = tight_pair(tok, seen, self.words, self.gaz)  # "the Harrogate/Ripon area"
            if pair:
                out += pair
                seen.update(range(pair[0].start, pair[-1].end))
                continue
            joined = _hyphenated(tok, seen)
            found = self.gaz.lookup(joined.text)[:1] if joined is not None else []
            if found and (in_phrase or found[0].precision in ("country", "admin1")):
                out.append(joined)  # type: ignore[arg-type]  # "Guinea-Bissau", split
                seen.update(t.i for t in joined)
            elif in_phrase and (whole := _compound_name(tok, seen)) and self.gaz.lookup(whole.text):
                out.append(whole)  # "in Kwara State" with no entity on it
                seen.update(t.i for t in whole)
            elif in_phrase and (
                whole := whole_name(tok, seen, self.gaz, _compound_name(tok, seen))
            ):
                out.append(whole)  # "in King's Lynn", "at Windsor Castle": cut by the parser
                seen.update(t.i for t in whole)
            elif (
                (in_phrase and self.gaz.lookup(tok.text))
                or self._big_place_object(tok, tok.text)
                or modifies_located_thing(tok, self.words, self.gaz)  # "the Riverdale gas station"
                or after_compass_adjective(doc[tok.i : tok.i + 1], self.words, self.gaz)
            ):
                out.append(sent.span.doc[tok.i : tok.i + 1])
        return out


def _compound_name(tok: Token, seen: set[int]) -> Span | None:
    """ "Kwara State" ending at ``tok``: capitalised proper nouns no entity covers, hanging on
    ``tok`` as compounds right before it (None when there is none)."""
    doc = tok.doc
    a = tok.i
    while a > 0 and (prev := doc[a - 1]).dep_ == "compound" and prev.head.i == tok.i and (
        prev.pos_ == "PROPN" and prev.text[:1].isupper() and not prev.ent_type_
        and prev.i not in seen
    ):  # fmt: skip
        a -= 1
    return doc[a : tok.i + 1] if a < tok.i else None


def _hyphenated(tok: Token, seen: set[int]) -> Span | None:
    """ "Guinea-Bissau" around ``tok``: capitalised words joined by hyphens (None when
    there is no hyphen)."""
    doc = tok.doc
    a, b = tok.i, tok.i + 1
    while a >= 2 and doc[a - 1].text == "-" and doc[a - 2].text[:1].isupper() and (
        doc[a - 2].i not in seen
    ):  # fmt: skip
        a -= 2
    while b + 1 < len(doc) and doc[b].text == "-" and doc[b + 1].text[:1].isupper() and (
        doc[b + 1].i not in seen
    ):  # fmt: skip
        b += 2
    return doc[a:b] if b - a > 1 else None
