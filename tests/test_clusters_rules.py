"""Rules of how news retells an event, on sentences written for these tests
(docs/clusters.md, "The algorithm"): two civilian groups are two protests, two arrests of
different kinds of people are two arrests, an article's best-evidenced telling goes first,
meetings on two topics are two meetings, attacks on two targets are two attacks."""

from __future__ import annotations

from eventcoder.clusters import Cluster, ClusterIndex, Place, Report
from eventcoder.clusters.similarity import contradiction
from eventcoder.clusters.topics import topic_phrase
from eventcoder.records import Entity, EventDate, Location

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


def _consult(doc: str, text: str, pub: str = "2024-03-09"):
    return event(doc, "CONSULT", pub=pub, text=text,
                 actor=("Foreign minister Ade Bello", "NGA", "GOV"),
                 recipient=("Ruth Wanjiru", "KEN", "GOV"))  # fmt: skip


def test_meetings_of_the_same_people_on_two_topics_are_two_meetings():
    found = ClusterIndex()
    found.add(reports(
        _consult("trade", "Foreign minister Ade Bello met Ruth Wanjiru of Kenya in Lagos on "
                 "Friday to discuss trade."),
        _consult("attack", "Ade Bello held talks with Ruth Wanjiru of Kenya in Lagos on Friday "
                 "on the attack on the market in Kano."),
        _consult("again", "Nigeria's Ade Bello and Kenya's Ruth Wanjiru discussed trade ties at "
                 "a meeting in Lagos on Friday.", pub="2024-03-10"),
    ))  # fmt: skip
    assert groups(found.labels()) == {frozenset({"trade", "again"}), frozenset({"attack"})}


def test_the_topic_of_a_meeting():
    assert topic_phrase("Bello met Wanjiru in Lagos on Friday to discuss water sharing.") \
        == "water sharing"  # fmt: skip
    assert topic_phrase("Bello held talks with Wanjiru in Lagos on March 8 on the attack on "
                        "the market in Kano.") == "the attack on the market"  # fmt: skip
    assert topic_phrase("Both sides described the talks as constructive.") is None
    assert topic_phrase("Farmers marched in Lagos demanding lower fuel prices.") is None


def _attack(doc: str, text: str, target: str | None, pub: str = "2024-03-09"):
    recipient = (target, "NGA", "COP") if target else None
    return event(doc, "ASSAULT", day=None, pub=pub, text=text,
                 actor=("Gunmen", "NGA", "REB"), recipient=recipient)  # fmt: skip


def test_attacks_on_two_targets_are_two_attacks():
    """Undated, one city, days that may meet: a police checkpoint and a bus station are two
    attacks, whether or not the coder took the bus station as the recipient."""
    found = ClusterIndex()
    found.add(reports(
        _attack("post", "Gunmen attacked a police checkpoint in Lagos, killing 9 people.",
                "a police checkpoint"),
        _attack("bus", "Gunmen killed 12 people in an assault on a bus station in Lagos.",
                None, pub="2024-03-11"),
        _attack("post2", "Gunmen stormed a police checkpoint in Lagos, killing 9.", None,
                pub="2024-03-10"),
    ))  # fmt: skip
    assert groups(found.labels()) == {frozenset({"post", "post2"}), frozenset({"bus"})}
    # The target named by any telling counts, not only by the representative (here the dated
    # telling, whose target the coder missed).
    dated, pub = _attack("day", "Gunmen stormed a police checkpoint in Lagos on Friday.", None)
    again = ClusterIndex()
    again.add(reports(
        _attack("post", "Gunmen attacked a police checkpoint in Lagos, killing 9 people.",
                "a police checkpoint"),
        (dated.model_copy(update={"date_info": EventDate(value="2024-03-08", precision="day",
                                                         text="on Friday", reason="test")}), pub),
        _attack("bus", "Gunmen killed 12 people in an assault on a bus station in Lagos.",
                None, pub="2024-03-11"),
    ))  # fmt: skip
    assert groups(again.labels()) == {frozenset({"post", "day"}), frozenset({"bus"})}


def _arrest(doc: str, text: str, *detained: tuple[str, str | None, str | None]):
    ev, pub = event(doc, "COERCE", text=text, city="Kano", actor=("Police", "NGA", "COP"))
    people = [Entity(entity_text=t, code=c, sector=s) for t, c, s in detained]
    return ev.model_copy(update={"mode": "arrest", "recipient": people}), pub


def test_an_arrest_named_by_a_generic_word_is_told_by_its_words():
    """The arrest of "alleged gang members" (a generic head word) and of "suspected
    smugglers" are two arrests; the police station where the detained are held does not name who was held."""
    found = ClusterIndex()
    found.add(reports(
        _arrest("smug", "Police arrested 9 suspected smugglers in Kano on Friday.",
                ("9 suspected smugglers", "NGA", "CRM")),
        _arrest("gang", "Police detained 4 alleged gang members in Kano on Friday.",
                ("4 alleged gang members", None, None)),
    ))  # fmt: skip
    assert groups(found.labels()) == {frozenset({"smug"}), frozenset({"gang"})}
    held = ClusterIndex()
    held.add(reports(
        _arrest("act", "Police arrested 6 activists in Kano on Friday.",
                ("6 activists", "NGA", "CVL"), ("a police station", "NGA", "COP")),
        _arrest("act2", "Police detained 6 opposition activists in Kano on Friday.",
                ("6 opposition activists", "NGA", "CVL")),
    ))  # fmt: skip
    assert groups(held.labels()) == {frozenset({"act", "act2"})}


def test_a_region_with_its_province_is_as_precise_as_the_province():
    """An island or district the gazetteer puts in a province is not "only a country": it
    cannot be a city of another province."""
    (davao,) = reports(event("davao", city=None, text="Farmers marched in Davao on Friday."))
    (cebu,) = reports(event("cebu", city=None, text="Farmers marched in Cebu on Friday."))
    davao.place = Place(country="PHL", admin1="Davao", precision="city", name="Davao")
    cebu.place = Place(country="PHL", admin1="Central Visayas", precision="region",
                       name="Cebu")  # fmt: skip
    assert contradiction(davao, Cluster.found(cebu).profile()) == "place"


def test_tellings_that_name_the_city_go_before_those_of_the_country_on_their_day():
    """The outlet that says only "in Nigeria" is taken after the day's tellings that name a
    city, whatever its name: it sees both cities and abstains instead of founding a cluster
    the Lagos telling then joins."""
    items = reports(
        event("country", city=None, text="Nigerian farmers rallied on Friday."),
        event("lagos", text="Nigerian farmers rallied in Lagos on Friday."),
        event("kano", city="Kano", text="Nigerian farmers rallied in Kano on Friday."),
    )  # fmt: skip
    assert items[1].order < items[0].order  # "Outlet-country" sorts before "Outlet-lagos"
    found = ClusterIndex()
    found.add(items)
    assert groups(found.labels()) == {frozenset({"country"}), frozenset({"lagos"}),
                                      frozenset({"kano"})}  # fmt: skip


def test_a_cluster_of_the_country_only_is_not_merged_into_one_of_two_cities():
    """A telling that abstained (it fits Lagos and Kano) founds a cluster; a later Lagos
    telling must not pull it into Lagos through a merge, since it fits Kano as well."""
    found = ClusterIndex()
    found.add(reports(
        event("lagos", text="Nigerian farmers rallied in Lagos on Friday."),
        event("kano", city="Kano", text="Nigerian farmers rallied in Kano on Friday."),
    ))  # fmt: skip
    found.add(reports(
        event("country", city=None, pub="2024-03-10", text="Nigerian farmers rallied on Friday."),
    ))  # fmt: skip
    found.add(reports(
        event("lagos2", pub="2024-03-11", text="Farmers rallied in Lagos on Friday."),
    ))  # fmt: skip
    assert groups(found.labels()) == {frozenset({"lagos", "lagos2"}), frozenset({"kano"}),
                                      frozenset({"country"})}  # fmt: skip


def test_police_firing_tear_gas_is_not_the_arrest_of_that_city():
    """Undated, the same city and police: firing tear gas at a crowd is not the arrest of
    protest leaders told the day before (nothing of who was arrested is in it)."""
    gas, pub = event("gas", "COERCE", day=None, pub="2024-03-10", city="Kano",
                     actor=("Police", "NGA", "COP"), recipient=("the crowd", None, None),
                     text="Police in Kano fired tear gas to disperse the crowd.")  # fmt: skip
    found = ClusterIndex()
    found.add(reports(
        _arrest("held", "Police arrested 19 protest leaders in Kano on Friday.",
                ("19 protest leaders", "NGA", "CVL")),
        (gas.model_copy(update={"mode": "restrict"}), pub),
    ))  # fmt: skip
    assert groups(found.labels()) == {frozenset({"held"}), frozenset({"gas"})}


def test_a_target_the_coder_took_from_another_sentence_still_counts():
    """Two tellings whose coded target ("the checkpoint") is not in their own sentence (the
    coder took it from another one) name the same target: one attack."""
    found = ClusterIndex()
    found.add(reports(
        _attack("one", "Gunmen opened fire in Lagos, killing 9 people.", "a police checkpoint"),
        _attack("two", "Gunmen struck in Lagos, killing nine.", "the checkpoint",
                pub="2024-03-10"),
    ))  # fmt: skip
    assert groups(found.labels()) == {frozenset({"one", "two"})}


def test_a_target_named_in_a_passive_telling_is_the_same_target():
    """A passive telling, "people were killed when gunmen stormed a market": the coder takes
    "people" as the recipient and misses the actor; the market it names is the target another
    outlet coded."""
    lede, pub = _attack("lede", "Gunmen opened fire on a crowded market in Lagos on Friday, "
                        "killing 9 people, officials said.", "a market")  # fmt: skip
    passive, pub2 = event("passive", "ASSAULT", day=None, pub="2024-03-09", city=None,
                          actor=("", None, None), recipient=("9 people", "NGA", "CVL"),
                          text="At least nine people were killed when gunmen stormed a "
                          "market in Lagos.")  # fmt: skip
    items = reports((lede, pub), (passive.model_copy(update={"actor": []}), pub2))
    found = ClusterIndex()
    found.add(items)
    assert groups(found.labels()) == {frozenset({"lede", "passive"})}
    # another target named in the passive telling: another attack
    other, pub3 = event("other", "ASSAULT", day=None, pub="2024-03-09", city=None,
                        actor=("", None, None), recipient=("9 people", "NGA", "CVL"),
                        text="At least nine people were killed when gunmen stormed a "
                        "mosque in Lagos.")  # fmt: skip
    apart = ClusterIndex()
    apart.add(reports((lede, pub), (other.model_copy(update={"actor": []}), pub3)))
    assert groups(apart.labels()) == {frozenset({"lede"}), frozenset({"other"})}


def _meeting(doc: str, text: str, city: str, actor: str = "Ade Bello"):
    return event(doc, "CONSULT", text=text, city=city, actor=(actor, "NGA", "GOV"),
                 recipient=("Ruth Wanjiru", "KEN", "GOV"))  # fmt: skip


def _named(item):
    ev, pub = item
    actor = ev.actor[0].model_copy(update={"name": ev.actor[0].entity_text})
    return ev.model_copy(update={"actor": [actor]}), pub


def test_a_sentence_naming_two_places_does_not_split_the_same_people():
    """One sentence, "discussed the attack in Kano at a meeting in Lagos": the resolver may
    take Kano, the place of the attack discussed, where another outlet's telling gives Lagos.
    The same named minister, one sentence naming both cities: one meeting, not two places."""
    found = ClusterIndex()
    found.add(reports(
        _named(_meeting("lagos", "Nigerian minister Ade Bello met Ruth Wanjiru in Lagos on "
                        "Friday to discuss the attack on the market in Kano.", "Lagos")),
        _named(_meeting("kano", "Nigerian minister Ade Bello and Ruth Wanjiru discussed the "
                        "attack on the market in Kano at a meeting in Lagos on Friday.", "Kano")),
    ))  # fmt: skip
    assert groups(found.labels()) == {frozenset({"lagos", "kano"})}
    # Another minister, or sentences that each name only their own city: two meetings.
    other = ClusterIndex()
    other.add(reports(
        _named(_meeting("lagos", "Nigerian minister Ade Bello met Ruth Wanjiru in Lagos on "
                        "Friday to discuss trade.", "Lagos")),
        _named(_meeting("kano", "Nigerian minister Ade Bello met Ruth Wanjiru in Kano on "
                        "Friday to discuss trade.", "Kano")),
        _named(_meeting("musa", "Nigerian minister Sani Musa and Ruth Wanjiru discussed the "
                        "attack on the market in Lagos at a meeting in Kano on Friday.", "Lagos",
                        actor="Sani Musa")),
    ))  # fmt: skip
    assert groups(other.labels()) == {frozenset({"lagos"}), frozenset({"kano"}),
                                      frozenset({"musa"})}  # fmt: skip


def test_only_meetings_are_told_apart_by_their_topic():
    """The topic rule reads what a meeting was about; another type's "talks on" phrase is
    not its identity."""
    (a,) = reports(_consult("a", "Ade Bello held talks with Ruth Wanjiru in Lagos on Friday "
                            "on trade."))  # fmt: skip
    (b,) = reports(_consult("b", "Ade Bello held talks with Ruth Wanjiru in Lagos on Friday "
                            "on refugees."))  # fmt: skip
    assert contradiction(b, Cluster.found(a).profile()) == "topic"
    a.event = b.event = "COOPERATE"
    assert a.topic and b.topic
    assert contradiction(b, Cluster.found(a).profile()) is None


def _in_country(item, undated: bool = False):
    """The same coded event told as "in Nigeria": a place of country precision (and, undated,
    only the publication date)."""
    ev, pub = item
    update: dict = {"event_loc": Location(country_code="NGA", precision="country", reason="test")}
    if undated:
        update["date"] = pub
        update["date_info"] = EventDate(value=pub, precision="day", reason="publication date")
    return ev.model_copy(update=update), pub


def test_a_telling_that_gives_only_the_country_joins_the_same_parties():
    """ "Police arrested 12 suspected smugglers in Nigeria", undated, is the arrest another
    outlet placed in Kano: the same parties in the same country on days that can meet."""
    found = ClusterIndex()
    found.add(reports(
        _arrest("kano", "Police arrested 12 suspected smugglers in Kano on Friday.",
                ("12 suspected smugglers", "NGA", "CRM")),
        _in_country(_arrest("nga", "Police arrested 12 suspected smugglers in the north of "
                            "Nigeria.", ("12 suspected smugglers", "NGA", "CRM")), undated=True),
    ))  # fmt: skip
    assert groups(found.labels()) == {frozenset({"kano", "nga"})}


def test_a_telling_of_the_country_abstains_between_two_days_of_the_same_parties():
    """The same teachers protested in Lagos on Friday and again on Sunday; an undated telling
    "in Nigeria" published on Monday could be either: it founds its own cluster."""
    teachers = ("Nigerian teachers", "NGA", "EDU")
    found = ClusterIndex()
    found.add(reports(
        event("fri", actor=teachers, text="Nigerian teachers rallied in Lagos on Friday."),
        event("sun", day="2024-03-10", pub="2024-03-10", actor=teachers,
              text="Nigerian teachers rallied in Lagos on Sunday."),
        _in_country(event("nga", day=None, pub="2024-03-11", actor=teachers,
                          text="Nigerian teachers rallied in the north of Nigeria.")),
    ))  # fmt: skip
    assert groups(found.labels()) == {frozenset({"fri"}), frozenset({"sun"}),
                                      frozenset({"nga"})}  # fmt: skip


def test_a_city_whose_province_is_unknown_is_not_in_a_province_far_away():
    """The gazetteer gives no province for a city: it is still not in a province 700 km away,
    and may be in one nearby."""
    (city,) = reports(event("city", city=None, text="Farmers marched in Erbil on Friday."))
    (far,) = reports(event("far", city=None, text="Farmers marched in Basra on Friday."))
    (near,) = reports(event("near", city=None, text="Farmers marched in Duhok on Friday."))
    city.place = Place(country="IRQ", lat=36.19, lon=44.01, precision="city", name="Erbil")
    far.place = Place(country="IRQ", admin1="Basra", lat=30.51, lon=47.78, precision="admin1",
                      name="Basra")  # fmt: skip
    near.place = Place(country="IRQ", admin1="Duhok", lat=36.87, lon=42.99, precision="admin1",
                       name="Duhok")  # fmt: skip
    assert contradiction(city, Cluster.found(far).profile()) == "place"
    assert contradiction(city, Cluster.found(near).profile()) is None
