"""Engagement figures on a hand-built fixture; every expected value worked out by hand
(the working is in the comments), never by calling the code under test."""
import datetime as dt

import pytest
from builders import SCORES, SHUFFLED, event, write_dataset

from bilateral.figures import engagement
from bilateral import load
from bilateral.figures.engagement import Window

PAIR = ("IND", "BLR")
WINDOW = Window(dt.date(2022, 1, 1), dt.date(2023, 12, 31), dt.date(2023, 12, 31))


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    root = write_dataset(tmp_path_factory.mktemp("eng"), events=[
        event("e1", "2022-02-10", event_type="visit", actor1_country="IND", actor2_country="BLR"),
        event("e2", "2022-05", event_type="meeting", actor1_country="BLR", actor2_country="IND", level="official"),
        event("e3", "2022", event_type="statement", level="head_of_state"),
        event("e4", "2023-03-01", end_date="2023-03-03", event_type="visit", actor1_country="BLR",
              actor2_country="IND", level="head_of_government"),
        event("e5", "2023-03-02", part_of="e4"),
        event("e6", "2023-07-15", event_type="call"),
        event("e7", "2023-07-15", actor1_country="BLR", actor2_country="IND", venue="SCO Summit"),
        event("e8", "2021-06-01"),
        event("e9", "2022-06-01", actor2_country="RUS"),
    ])
    return load(root).events


def test_total_excludes_part_of_other_pairs_and_other_windows(events):
    # e1 e2 e3 e4 e6 e7: e5 is part of e4, e8 is in 2021, e9 is IND-RUS
    assert engagement.figures(events, PAIR, WINDOW)["total"] == 6


def test_counts_by_type_and_level(events):
    f = engagement.figures(events, PAIR, WINDOW)
    assert f["by_type"] == {"visit": 2, "meeting": 2, "call": 1, "statement": 1}
    assert f["by_level"] == {"head_of_state": 1, "head_of_government": 1, "minister": 3, "official": 1}
    assert f["high_level"] == 5  # e1 e3 e4 e6 e7


def test_periods_include_zeros_and_skip_too_coarse_dates(events):
    f = engagement.figures(events, PAIR, WINDOW)
    assert f["by_year"] == {"2022": 3, "2023": 3}
    # e3 is dated only to 2022: it has a year but no quarter
    assert f["by_quarter"] == {"2022Q1": 1, "2022Q2": 1, "2022Q3": 0, "2022Q4": 0,
                               "2023Q1": 1, "2023Q2": 0, "2023Q3": 2, "2023Q4": 0}
    assert f["undated"] == 2  # e2 (month) and e3 (year)


def test_visits_by_direction_and_venues(events):
    f = engagement.figures(events, PAIR, WINDOW)
    assert f["visits"] == {"IND->BLR": 1, "BLR->IND": 1}
    assert f["venues"] == {"bilateral": 5, "multilateral": 1}


def test_last_high_level_and_cadence(events):
    f = engagement.figures(events, PAIR, WINDOW)
    # e6 and e7 share 2023-07-15; the tie goes to the later id
    assert f["last_high_level"] == {"date": "2023-07-15", "event_id": "e7"}
    assert f["days_since_last_high_level"] == 169  # 16 + 31 + 30 + 31 + 30 + 31
    # distinct day dates 2022-02-10, 2023-03-01, 2023-07-15: gaps 384 and 136 days
    assert f["median_days_between_high_level"] == 260.0


def test_previous_window_has_the_same_length_and_its_own_dates(events):
    prev = engagement.figures(events, PAIR, WINDOW)["previous"]
    # 730 days ending 2021-12-31 start on 2020-01-02 (2020 is a leap year)
    assert (prev["start"], prev["end"]) == ("2020-01-02", "2021-12-31")
    assert prev["total"] == 1  # e8


def test_as_of_before_the_last_event_moves_only_last_and_days_since(events):
    f = engagement.figures(events, PAIR, Window(WINDOW.start, WINDOW.end, dt.date(2023, 3, 5)))
    assert f["last_high_level"] == {"date": "2023-03-01", "event_id": "e4"}
    assert f["days_since_last_high_level"] == 4
    assert f["total"] == 6


def test_window_days_are_inclusive_and_partial_dates_need_their_whole_period(events):
    w = Window(dt.date(2022, 2, 10), dt.date(2023, 7, 15), dt.date(2023, 7, 15))
    ids = list(engagement.window_events(events, PAIR, w)["event_id"])
    # e1 on the first day and e6/e7 on the last are in; e3 (all of 2022) is not
    assert ids == ["e1", "e2", "e4", "e6", "e7"]


def test_one_event_window_has_no_cadence(events):
    w = Window(dt.date(2022, 2, 10), dt.date(2022, 2, 10), dt.date(2022, 2, 10))
    f = engagement.figures(events, PAIR, w)
    assert f["total"] == 1
    assert f["median_days_between_high_level"] is None
    assert f["days_since_last_high_level"] == 0


def test_pair_order_changes_no_figure(events):
    ab = engagement.figures(events, PAIR, WINDOW)
    ba = engagement.figures(events, ("BLR", "IND"), WINDOW)
    assert ab == ba


def test_default_window_spans_first_to_last_day_of_the_pair(events):
    w = engagement.default_window(events, PAIR)
    # e8 (2021-06-01) is the first event, e6/e7 (2023-07-15) the last; e9 is another pair
    assert (w.start, w.end, w.as_of) == (dt.date(2021, 6, 1), dt.date(2023, 7, 15), dt.date(2023, 7, 15))


def test_default_window_without_events_is_the_last_365_days(events):
    w = engagement.default_window(events, ("IND", "FRA"), today=dt.date(2024, 12, 31))
    assert (w.start, w.end, w.days) == (dt.date(2024, 1, 2), dt.date(2024, 12, 31), 365)


def test_multi_day_event_counts_once_on_its_first_day(events):
    w = Window(dt.date(2023, 3, 2), dt.date(2023, 3, 31), dt.date(2023, 3, 31))
    assert engagement.figures(events, PAIR, w)["total"] == 0  # e4 started on 1 March


def test_levels_unknown_make_level_figures_null(tmp_path):
    root = write_dataset(tmp_path, events=[event("m1", "2024-01-05", level="unknown"),
                                           event("m2", "2024-02-05", level="unknown")])
    ev = load(root).events
    f = engagement.figures(ev, PAIR, Window(dt.date(2024, 1, 1), dt.date(2024, 3, 31), dt.date(2024, 3, 31)))
    assert f["high_level"] is None
    assert f["total"] == 2


def test_cooperation_index_of_machine_coded_rows(tmp_path):
    src = [{"source_id": "src", "title": "GDELT export", "source_type": "machine-coded",
            "url": "https://example.org/export.CSV", "file": "", "sha256": ""}]
    mc = dict(level="unknown", source_quote="", cameo_code="042")
    root = write_dataset(tmp_path, sources=src, events=[
        event("g1", "2024-01-05", goldstein="4.0", quad_class="1", **mc),
        event("g2", "2024-01-20", goldstein="-2.0", quad_class="3", **mc),
        event("g3", "2024-01-21", goldstein="1.0", quad_class="2", **mc),
        event("g4", "2024-03-02", goldstein="-10", quad_class="4", **mc),
    ])
    ev = load(root).events
    f = engagement.figures(ev, PAIR, Window(dt.date(2024, 1, 1), dt.date(2024, 3, 31), dt.date(2024, 3, 31)))
    assert f["cooperation"] == {
        "2024-01": {"events": 3, "goldstein_mean": 1.0, "cooperative_share": 0.667},  # (4-2+1)/3; 2 of 3 in quads 1-2
        "2024-02": {"events": 0, "goldstein_mean": None, "cooperative_share": None},
        "2024-03": {"events": 1, "goldstein_mean": -10.0, "cooperative_share": 0.0},
    }
    assert f["high_level"] is None and f["venues"] is None  # machine-coded data gives neither


def test_no_cooperation_index_without_machine_coded_columns(events):
    assert engagement.figures(events, PAIR, WINDOW)["cooperation"] is None


def test_the_monthly_goldstein_mean_does_not_depend_on_row_order(tmp_path):
    assert sorted(SCORES) == sorted(SHUFFLED) and round(sum(SCORES) / 40, 3) != round(sum(SHUFFLED) / 40, 3)
    src = [{"source_id": "src", "title": "GDELT export", "source_type": "machine-coded",
            "url": "https://example.org/export.CSV", "file": "", "sha256": ""}]
    mc = dict(level="unknown", source_quote="", cameo_code="042", quad_class="1")
    means = []
    for name, scores in (("a", SCORES), ("b", SHUFFLED)):
        root = write_dataset(tmp_path / name, sources=src, events=[
            event(f"g{i:02d}", f"2024-01-{i % 28 + 1:02d}", goldstein=str(g), **mc) for i, g in enumerate(scores)])
        f = engagement.figures(load(root).events, PAIR, Window(dt.date(2024, 1, 1), dt.date(2024, 1, 31),
                                                               dt.date(2024, 1, 31)))
        means.append(f["cooperation"]["2024-01"]["goldstein_mean"])
    # the same figure both ways: the mean of the exactly rounded sum (1.2725 as a double is just below)
    assert means == [1.272, 1.272]


def test_conflict_rows_of_machine_coded_data_are_friction_not_engagement(tmp_path):
    """Quad classes 3 and 4 of machine-coded rows are friction, counted apart; curated rows never are."""
    from bilateral.figures import summary

    src = [{"source_id": "src", "title": "GDELT export", "source_type": "machine-coded",
            "url": "https://example.org/export.CSV", "file": "", "sha256": ""}]
    mc = dict(level="unknown", source_quote="", goldstein="1.0")
    rows = [event(f"m{i}", "2024-01-10", cameo_code=code, quad_class=quad, **mc)
            for i, (code, quad) in enumerate([("042", "1"), ("061", "2"), ("112", "3"), ("190", "4"), ("193", "4")])]
    rows.append(event("m5", "2023-12-20", cameo_code="173", quad_class="4", **mc))  # the previous window
    root = write_dataset(tmp_path, sources=src, events=rows)
    ds = load(root)
    jan = Window(dt.date(2024, 1, 1), dt.date(2024, 1, 31), dt.date(2024, 1, 31))
    e = summary.build(ds, PAIR, jan.start, jan.end)["engagement"]
    assert e["total"] == 2  # m0 and m1: quad classes 1 and 2
    assert e["friction"]["total"] == 3
    assert e["friction"]["by_quad_class"] == {"3": 1, "4": 2}
    assert e["friction"]["by_cameo_root"] == {"11": 1, "19": 2}
    assert e["friction"]["previous"]["total"] == 1 and e["friction"]["previous"]["by_cameo_root"] == {"17": 1}
    assert e["previous"]["total"] == 0
    assert e["cooperation"]["2024-01"]["events"] == 5  # the tone still reads every coded row
    assert sorted(engagement.timeline(ds.events, PAIR, jan)["event_id"]) == ["m0", "m1"]


def test_curated_rows_with_a_conflict_quad_class_stay_engagements(tmp_path):
    root = write_dataset(tmp_path, events=[event("c1", "2024-01-10", cameo_code="112", quad_class="3")])
    from bilateral.figures import summary

    s = summary.build(load(root), PAIR)
    assert s["engagement"]["total"] == 1 and s["engagement"]["friction"] is None
