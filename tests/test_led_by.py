"""A doer written into a hyphenated modifier of the act or of its weapon ("a Kordovan-led air
strike", "a rebel-claimed bomb") is the actor when the sentence names no other; a sponsor
("a Varnian-backed militia") is not (detect/led_by.py). Sentences written for the project."""

from __future__ import annotations

import pytest

from .test_roles import one


def actors(coder, text: str, event: str) -> list[str]:
    return [a.entity_text for a in one(coder, text, event).actor]


@pytest.mark.parametrize(
    ("text", "event", "actor"),
    [
        ("A Kordovan-led air strike on a village killed eleven people on Monday.", "ASSAULT",
         "Kordovan"),
        ("Nine shoppers were killed after a militant-claimed truck bomb tore through the Ostrava "
         "market.", "ASSAULT", "militant"),
        ("A militant-claimed truck bomb killed nine shoppers in the Ostrava market.", "ASSAULT",
         "militant"),
        ("Four guards were killed and six wounded when a rebel-claimed bomb hit the depot.",
         "ASSAULT", "rebel"),
    ],
)  # fmt: skip
def test_the_party_before_the_hyphen_did_it(coder, text, event, actor):
    assert actors(coder, text, event) == [actor]
    ev = one(coder, text, event)
    assert "before the hyphen" in ev.actor[0].reason
    assert "no user" not in ev.reasons.get("actor", "")


def test_a_sponsor_or_a_named_doer_is_left_as_it_was(coder):
    # "backed" names a sponsor: the militia itself attacked
    assert actors(coder, "A Varnian-backed militia attacked the town.", "ASSAULT") == [
        "A Varnian-backed militia"
    ]
    # a doer the sentence names keeps its place
    text = "Army gunners shelled the Kordovan-led convoy near the border."
    assert actors(coder, text, "ASSAULT") == ["Army gunners"]
