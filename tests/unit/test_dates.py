import datetime as dt

import pytest

from bilateral.contract.dates import parse_day, parse_period, quarter_label


def test_day_month_year_periods():
    assert parse_period("2024-03-12") == (dt.date(2024, 3, 12), dt.date(2024, 3, 12), "day")
    assert parse_period("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month")
    assert parse_period("2023-02") == (dt.date(2023, 2, 1), dt.date(2023, 2, 28), "month")
    assert parse_period("2022") == (dt.date(2022, 1, 1), dt.date(2022, 12, 31), "year")


@pytest.mark.parametrize("text,fragment", [
    ("2024-02-30", "February 2024 has 29 days"),
    ("2023-02-29", "February 2023 has 28 days"),
    ("12/03/2024", "write YYYY-MM-DD"),
    ("2024-3-12", "two digits"),
    ("2024-13", "month 13 does not exist"),
    ("24-03-12", "write YYYY-MM-DD"),
    ("", "write YYYY-MM-DD"),
])
def test_bad_dates_say_why(text, fragment):
    with pytest.raises(ValueError, match=fragment):
        parse_period(text)


def test_parse_day_rejects_partial_dates():
    with pytest.raises(ValueError, match="is not a day"):
        parse_day("2024-03")
    assert parse_day("2024-03-01") == dt.date(2024, 3, 1)


def test_quarter_label():
    assert [quarter_label(dt.date(2024, m, 1)) for m in (1, 3, 4, 6, 7, 9, 10, 12)] == \
        ["2024Q1", "2024Q1", "2024Q2", "2024Q2", "2024Q3", "2024Q3", "2024Q4", "2024Q4"]
