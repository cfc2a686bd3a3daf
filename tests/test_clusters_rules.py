"""Rules of how news retells an event, on sentences written for these tests
(docs/clusters.md, "The algorithm"): two civilian groups are two protests, two arrests of
different kinds of people are two arrests, an article's best-evidenced telling goes first."""

from __future__ import annotations

from eventcoder.clusters import ClusterIndex, Report

from .test_clusters import event, groups, reports


def _mode(item, mode: str):
    ev, pub = item
    return ev.model_copy(update={"mode": mode}), pub


def test_two_civilian_groups_are_two_protests():
    found = ClusterIndex()
    found.add(reports(
        event("t1", actor=("Hundreds of teachers", "NGA", "EDU"),
              text="Hundreds of teachers rallied in Lagos on Friday."),
        event("f1", actor=("Hundreds of farmers", "NGA", "CVL"),
              text="Hundreds of farmers rallied in Lagos on Friday."),
        event("t2", pub="2024-03-10", actor=("Angry teachers", "NGA", "EDU"),
              text="Angry teachers protested in Lagos on Friday."),
    ))  # fmt: skip
    assert groups(found.labels()) == {frozenset({"t1", "t2"}), frozenset({"f1"})}


def test_a_generic_crowd_word_does_not_split_a_protest():
    found = ClusterIndex()
    found.add(reports(
        event("t1", actor=("Hundreds of teachers", "NGA", "EDU"),
              text="Hundreds of teachers rallied in Lagos on Friday."),
        event("p1", actor=("Protesters", "NGA", "CVL"),
              text="Protesters rallied in Lagos on Friday."),
    ))  # fmt: skip
    assert groups(found.labels()) == {frozenset({"t1", "p1"})}


def test_the_state_is_told_by_many_words():
    """Police, security forces, officers: one body, whatever the head word."""
    found = ClusterIndex()
    found.add(reports(
        _mode(event("a1", "COERCE", actor=("Police", "NGA", "COP"),
                    recipient=("12 suspected smugglers", None, None),
                    text="Police arrested 12 suspected smugglers in Kano on Friday.",
                    city="Kano"), "arrest"),
        _mode(event("a2", "COERCE", actor=("Security forces", "NGA", "MIL"),
                    recipient=("12 smugglers", None, None),
                    text="Security forces detained 12 smugglers in Kano on Friday.",
                    city="Kano"), "arrest"),
    ))  # fmt: skip
    assert groups(found.labels()) == {frozenset({"a1", "a2"})}


def test_arrests_of_different_people_are_two_arrests():
    found = ClusterIndex()
    found.add(reports(
        _mode(event("a1", "COERCE", actor=("Police", "NGA", "COP"),
                    recipient=("12 suspected smugglers", None, None),
                    text="Police arrested 12 suspected smugglers in Kano on Friday.",
                    city="Kano"), "arrest"),
        _mode(event("g1", "COERCE", actor=("Police", "NGA", "COP"),
                    recipient=("9 suspected militants", None, None),
                    text="Police arrested 9 suspected militants in Kano on Friday.",
                    city="Kano"), "arrest"),
    ))  # fmt: skip
    assert groups(found.labels()) == {frozenset({"a1"}), frozenset({"g1"})}


def test_an_article_s_best_evidenced_telling_goes_first():
    """The lede (date, city, actor) is taken before a detail sentence of its article even when
    the detail's event id sorts first as text ("doc:152" < "doc:78")."""
    lede, detail = reports(
        event("doc", "ASSAULT", start=78, actor=("Gunmen", "NGA", "CRM"),
              text="Gunmen attacked a market in Kano on Friday.", city="Kano"),
        event("doc", "ASSAULT", start=152, day=None, city=None, actor=("", None, None),
              text="Six others were wounded."),
    )  # fmt: skip
    assert detail.event_id < lede.event_id
    assert lede.order < detail.order
    index = ClusterIndex()
    done = index.add([detail, lede])
    assert [a.event_id for a in done] == [lede.event_id, detail.event_id]
    assert done[0].founded  # the lede founds the story's cluster, not the detail


def test_order_is_a_function_of_the_report():
    (a,) = reports(event("x1"))
    again = Report.from_dict(a.to_dict())
    assert again.order == a.order


def test_a_telling_without_its_city_that_fits_two_cities_abstains():
    """The same farmers protested in Lagos and in Kano on Friday; an outlet that says only
    "in Nigeria" could tell either: it founds its own cluster instead of guessing."""
    found = ClusterIndex()
    found.add(reports(
        event("lagos", text="Nigerian farmers rallied in Lagos on Friday."),
        event("kano", city="Kano", text="Nigerian farmers rallied in Kano on Friday."),
        event("nga", city=None, pub="2024-03-10", text="Nigerian farmers rallied on Friday."),
    ))  # fmt: skip
    assert groups(found.labels()) == {frozenset({"lagos"}), frozenset({"kano"}),
                                      frozenset({"nga"})}  # fmt: skip
    # with one city only, the same telling joins it
    one = ClusterIndex()
    one.add(reports(
        event("lagos", text="Nigerian farmers rallied in Lagos on Friday."),
        event("nga", city=None, pub="2024-03-10", text="Nigerian farmers rallied on Friday."),
    ))  # fmt: skip
    assert groups(one.labels()) == {frozenset({"lagos", "nga"})}
