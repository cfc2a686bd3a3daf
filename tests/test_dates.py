"""Date resolution on expressions and sentences written for these tests."""

from __future__ import annotations

import pytest

from eventcoder.dates import resolve_expressions


@pytest.mark.parametrize(
    ("text", "pub", "value", "precision"),
    [
        ("on Tuesday", "2020-01-14", "2020-01-14", "day"),  # same weekday: that day
        ("on Monday", "2020-01-14", "2020-01-13", "day"),
        ("last Tuesday", "2020-01-14", "2020-01-07", "day"),
        ("next Friday", "2020-01-14", "2020-01-17", "day"),
        ("On Jan. 7", "2020-01-14", "2020-01-07", "day"),
        ("on December 30", "2020-01-05", "2019-12-30", "day"),  # across the year boundary
        ("on 5 March 2019", "2020-01-05", "2019-03-05", "day"),
        ("in October", "2020-01-14", "2019-10", "month"),  # no day invented
        ("in January", "2020-01-14", "2020-01", "month"),
        ("in December", "2020-01-05", "2019-12", "month"),
        ("in 2014", "2020-01-14", "2014", "year"),
        ("yesterday", "2020-01-14", "2020-01-13", "day"),
        ("three days ago", "2020-01-14", "2020-01-11", "day"),
        ("last week", "2020-01-14", "2020-01-06", "week"),
        ("earlier this month", "2020-01-14", "2020-01", "month"),
        ("2019-11-02", "2020-01-14", "2019-11-02", "day"),
    ],
)
def test_news_style_resolution(text, pub, value, precision):
    [expr] = resolve_expressions(text, pub)
    assert (expr.value, expr.precision) == (value, precision)


def test_may_and_march_are_months_only_when_capitalised():
    assert resolve_expressions("Protesters may march on Friday", "2020-01-14")[0].kind == "weekday"
    assert resolve_expressions("in May", "2020-01-14")[0].value == "2019-05"


def test_event_date_from_the_triggers_clause(coder):
    [ev] = coder.code("Police arrested 40 activists in Nairobi on Monday.", date="2024-03-13")
    assert ev.date == "2024-03-11" and ev.date_info.text == "on Monday"
    text = "Police arrested 40 activists in Nairobi on Monday."
    assert text[ev.date_info.start : ev.date_info.end] == "on Monday"


def test_date_of_a_governing_statement(coder):
    [ev] = coder.code(
        "On March 3, the minister said the army would not withdraw from the town.",
        date="2024-03-12",
    )
    assert ev.event == "REJECT" and ev.date == "2024-03-03"
    assert "governs the trigger" in ev.date_info.reason


def test_a_day_after_counts_back_from_the_reference_time(coder):
    events = coder.code(
        "The rebels attacked the town on Friday.\n\n"
        "The attack came a day after the two leaders met in Geneva.",
        date="2024-03-12",
    )
    meet = next(e for e in events if e.event == "CONSULT")
    assert meet.date == "2024-03-07"  # Friday 2024-03-08, minus one day


def test_fallback_and_no_date(coder):
    [ev] = coder.code("Police arrested 40 activists.", date="2024-03-12")
    assert ev.date == "2024-03-12" and ev.date_info.reason == "publication date"
    [ev] = coder.code("Police arrested 40 activists.")
    assert ev.date is None and "no publication date" in ev.date_info.reason
    assert "date" in ev.reasons


def test_long_past_events_are_historical(coder):
    [ev] = coder.code("Rebels attacked the capital in 2014.", date="2020-01-14")
    assert ev.modality == "historical" and ev.date == "2014"


def test_future_cues_look_forward():
    from eventcoder.dates import resolve_in_text

    text = "Unions will strike on Monday. Police arrested 40 activists on Monday."
    future, past = resolve_in_text(text, "2024-03-13")  # a Wednesday
    assert (future.value, past.value) == ("2024-03-18", "2024-03-11")
    [due] = resolve_in_text("The court is due to rule in April.", "2024-03-13")
    assert due.value == "2024-04"


def test_future_event_and_governing_statement(coder):
    events = coder.code("Thousands of workers will march in Lagos on Friday.", date="2024-03-12")
    assert events and all(e.date == "2024-03-15" for e in events)
    [ev] = coder.code(
        "On Monday the minister said the army would not withdraw from the town.",
        date="2024-03-13",
    )
    assert ev.date == "2024-03-11"  # the saying, not a coming Monday
