"""Coverage spans, their union and gaps, and a window's share; every expected value worked by hand."""
import datetime as dt

from bilateral.figures import coverage
from bilateral.figures.coverage import Span, day_span

T = dt.datetime


def test_union_merges_touching_and_overlapping_spans_and_keeps_gaps():
    spans = [Span(T(2019, 10, 24, 14, 30), T(2019, 10, 24, 14, 45), "a"),
             Span(T(2018, 3, 26, 0, 0), T(2018, 3, 26, 0, 15), "a"),
             Span(T(2019, 10, 24, 14, 45), T(2019, 10, 24, 15, 0), "a")]  # touches the first
    merged = coverage.union(spans)
    assert merged == [Span(T(2018, 3, 26, 0, 0), T(2018, 3, 26, 0, 15), "a"),
                      Span(T(2019, 10, 24, 14, 30), T(2019, 10, 24, 15, 0), "a")]
    assert coverage.gaps(merged) == [Span(T(2018, 3, 26, 0, 15), T(2019, 10, 24, 14, 30))]


def test_share_of_a_window_by_the_clock():
    merged = coverage.union([Span(T(2019, 10, 24, 14, 30), T(2019, 10, 24, 14, 45))])
    day = dt.date(2019, 10, 24)
    assert coverage.share(merged, day, day) == round(15 / (24 * 60), 4)  # 0.0104: a quarter-hour of one day
    assert coverage.status(coverage.share(merged, day, day)) == "partial"
    september = coverage.share(merged, dt.date(2019, 9, 1), dt.date(2019, 9, 30))
    assert september == 0.0 and coverage.status(september) == "none"


def test_whole_days_cover_a_window_fully_and_a_longer_one_in_part():
    merged = [day_span(dt.date(2018, 6, 1), dt.date(2018, 6, 2))]
    assert coverage.share(merged, dt.date(2018, 6, 1), dt.date(2018, 6, 2)) == 1.0
    assert coverage.share(merged, dt.date(2018, 6, 1), dt.date(2018, 6, 4)) == 0.5  # 2 of 4 days
    assert coverage.share(merged, dt.date(2018, 5, 31), dt.date(2018, 5, 31)) == 0.0


def test_from_sources_files_win_over_rows_and_curated_keeps_its_rule():
    records = [(None, "2018-03-26T00:00:00", "2018-03-26T00:15:00", "GDELT 2.0 15-minute collection"),
               (None, "2019-10-24T14:30:00", "2019-10-24T14:45:00", "GDELT 2.0 15-minute collection")]
    cov = coverage.from_sources(records, (dt.date(2001, 1, 1), dt.date(2019, 10, 24)))  # rows recall 2001
    assert [s.start for s in cov.spans] == [T(2018, 3, 26), T(2019, 10, 24, 14, 30)]
    assert cov.description == "two 15-minute GDELT collections, 26 March 2018 and 24 October 2019"
    curated = coverage.from_sources([("2024-03-20", None, None, None)], (dt.date(2024, 1, 19), dt.date(2024, 3, 13)))
    assert curated.spans == (day_span(dt.date(2024, 1, 19), dt.date(2024, 3, 20)),) and curated.description is None
    assert coverage.from_sources([("2024-03-20", None, None, None)], None) is None


def test_descriptions_name_each_kind_of_file():
    assert coverage.describe([day_span(dt.date(2018, 6, 1), dt.date(2018, 6, 2), "ICEWS event dates")]) == \
        "one ICEWS file of events dated 1 June 2018 to 2 June 2018"
    assert coverage.describe([day_span(dt.date(1982, 1, 1), dt.date(1982, 12, 31), "GDELT 1.0 backfile year")]) == \
        "one GDELT backfile of a year, 1982"
    assert coverage.describe([day_span(dt.date(2016, 7, 28), dt.date(2016, 7, 28), "GDELT 1.0 daily collection")]) == \
        "one daily GDELT collection, 28 July 2016"


def test_periods_no_file_covers_are_drawn_as_no_data_not_zero(tmp_path):
    """A store whose one file covers January 2024: in a half-year window, the second quarter is no data."""
    from builders import event, write_dataset

    from bilateral.briefing import notebook as briefing

    src = [{"source_id": "icews:0", "title": "ICEWS file", "source_type": "machine-coded", "url": "", "file": "",
            "sha256": "0" * 64, "original_file": "x.tab", "covers_start": "2024-01-01T00:00:00",
            "covers_end": "2024-02-01T00:00:00", "covers_kind": "ICEWS event dates"}]
    root = write_dataset(tmp_path, sources=src, events=[
        event("i1", "2024-01-10", level="unknown", source_id="icews:0", source_quote="", cameo_code="040",
              quad_class="1")])
    b = briefing.prepare(pair="IND-BLR", data=root, start="2024-01-01", end="2024-06-30")
    assert b.summary["coverage"]["share_of_window"] == round(31 / 182, 4)
    assert b.summary["engagement"]["covered"] == "partial"
    html = b.frequency_chart().data
    assert "Engagements per quarter: 2024Q1 1, 2024Q2 no data" in html
    import base64
    import re

    svg = base64.b64decode(re.search(r"base64,([^\"]+)", html).group(1)).decode("utf-8")
    assert "No data: no file covers it" in svg
    assert "only partly covered (17% of it)" in b.title_block().data


def test_a_partly_covered_previous_window_is_said_to_be(tmp_path):
    from builders import event, write_dataset

    from bilateral.briefing import notebook as briefing

    src = [{"source_id": "icews:0", "title": "ICEWS file", "source_type": "machine-coded", "url": "", "file": "",
            "sha256": "0" * 64, "original_file": "x.tab", "covers_start": "2024-01-20T00:00:00",
            "covers_end": "2024-03-01T00:00:00", "covers_kind": "ICEWS event dates"}]
    rows = [event(f"i{i}", d, level="unknown", source_id="icews:0", source_quote="", cameo_code="040", quad_class="1")
            for i, d in enumerate(["2024-01-25", "2024-02-10", "2024-02-20"])]
    b = briefing.prepare(pair="IND-BLR", data=write_dataset(tmp_path, sources=src, events=rows),
                         start="2024-02-01", end="2024-02-29")
    assert b.summary["engagement"]["previous"]["covered"] == "partial"  # 20-31 January of 3-31 January
    assert ("Two engagements from 1 February 2024 to 29 February 2024, up from 1 in the previous window of the "
            "same length (3 January 2024 to 31 January 2024); the data covers only part of that window.") \
        in b.at_a_glance().data
