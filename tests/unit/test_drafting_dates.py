"""Dates in article text resolved against the publication date (bilateral.drafting.dates)."""
import datetime as dt

import pytest

from bilateral.drafting.dates import find

MONDAY = dt.date(2024, 3, 11)


def one(text, published=MONDAY, tense="past"):
    found = [d for d in find(text, published, tense)]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,tense,expected", [
    ("talks will take place on Tuesday", "future", "2024-03-12"),
    ("they met on Tuesday", "past", "2024-03-05"),
    ("they met last Wednesday", "past", "2024-03-06"),
    ("he will depart on Wednesday", "future", "2024-03-13"),
    ("she arrived on Monday", "past", "2024-03-11"),
])
def test_weekdays_follow_the_tense(text, tense, expected):
    assert one(text, tense=tense).date == expected


def test_a_date_without_year_takes_the_nearest_year_on_the_tense_side():
    assert one("they had met on January 19").date == "2024-01-19"
    assert one("they met on 5 December", published=dt.date(2025, 1, 10)).date == "2024-12-05"
    assert one("talks are planned for 5 February", published=dt.date(2024, 12, 20), tense="future").date == "2025-02-05"


def test_a_month_alone_stays_at_month_precision():
    d = one("the ministers met in July")
    assert (d.date, d.precision) == ("2023-07", "month")
    assert one("the ministers met in July 2022").date == "2022-07"


def test_ranges_give_first_and_last_day():
    assert (one("the visit from March 11-13").date, one("the visit from March 11-13").end_date) == ("2024-03-11", "2024-03-13")
    d = one("a visit of 11–13 March 2023")
    assert (d.date, d.end_date) == ("2023-03-11", "2023-03-13")


def test_relative_days_and_months():
    assert one("he is arriving later this evening").date == "2024-03-11"
    assert one("they spoke yesterday").date == "2024-03-10"
    assert one("earlier this month they met").date == "2024-03"
    assert one("they met last month", published=dt.date(2025, 1, 10)).date == "2024-12"


def test_vague_futures_carry_no_date():
    d = one("he is expected to travel to Minsk next year", tense="future")
    assert d.kind == "vague_future" and d.date is None


def test_impossible_dates_are_not_dates():
    assert find("they met on 30 February", MONDAY, "past") == []
