"""Properties of the engagement and alignment figures on generated datasets."""
import datetime as dt

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilateral.figures import alignment, engagement
from bilateral.contract import vocab
from bilateral.dataset.load import EVENTS, POSITIONS, _typed
from bilateral.figures.engagement import Window

PAIR = ("IND", "BLR")
DAY0 = dt.date(2018, 1, 1)
SPAN = 365 * 7

days = st.integers(0, SPAN).map(lambda n: DAY0 + dt.timedelta(days=n))
countries = st.sampled_from(["IND", "BLR", "RUS"])


@st.composite
def date_texts(draw):
    d = draw(days)
    return draw(st.sampled_from([d.isoformat(), d.isoformat(), d.isoformat(), f"{d:%Y-%m}", str(d.year)]))


@st.composite
def event_rows(draw):
    a1 = draw(countries)
    a2 = draw(countries.filter(lambda c: c != a1))
    return {"date": draw(date_texts()), "event_type": draw(st.sampled_from(list(vocab.EVENT_TYPES))),
            "actor1_country": a1, "actor2_country": a2, "level": draw(st.sampled_from(list(vocab.LEVELS))),
            "venue": draw(st.sampled_from(["", "", "SCO Summit"])), "part_of": draw(st.sampled_from(["", "", "", "PARENT"]))}


def frame(rows: list[dict]) -> pd.DataFrame:
    out = []
    for i, r in enumerate(rows):
        out.append({c.name: "" for c in EVENTS.columns} | r | {
            "event_id": f"e{i:04d}", "summary": "s", "source_id": "src", "source_quote": "q",
            "part_of": "e0000" if r.get("part_of") == "PARENT" and i else ""})
    df = pd.DataFrame(out, columns=[c.name for c in EVENTS.columns], dtype="string")
    df = df.mask(df == "")
    return _typed(EVENTS, df)


@st.composite
def windows(draw):
    a, b = sorted([draw(days), draw(days)])
    return Window(a, b, draw(days))


# 20 examples of up to 25 rows (after-window/before-window tests: 20 rows plus one): each
# example builds and types a frame and computes the figures once or twice (~0.25 s), so 40
# examples of up to 40 rows took 52 s for the five tests; half as many, smaller, still mix
# every event type, level, precision (day, month, year) and part_of across seven years.
FAST = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.lists(event_rows(), max_size=25), windows())
def test_counts_sum_to_total(rows, window):
    ev = frame(rows)
    f = engagement.figures(ev, PAIR, window)
    assert sum(f["by_type"].values()) == f["total"]
    assert sum(f["by_level"].values()) == f["total"]
    assert sum(f["by_year"].values()) == f["total"]
    in_window = engagement.window_events(ev, PAIR, window)
    assert sum(f["by_quarter"].values()) == f["total"] - int((in_window["precision"] == "year").sum())
    assert f["undated"] <= f["total"]
    if f["days_since_last_high_level"] is not None:
        assert f["days_since_last_high_level"] >= 0
    if f["venues"] is not None:
        assert f["venues"]["bilateral"] + f["venues"]["multilateral"] == f["total"]


@FAST
@given(st.lists(event_rows(), max_size=25), windows())
def test_swapping_the_pair_changes_no_figure(rows, window):
    ev = frame(rows)
    assert engagement.figures(ev, PAIR, window) == engagement.figures(ev, PAIR[::-1], window)


@FAST
@given(st.lists(event_rows(), max_size=20), windows(), event_rows(), st.integers(1, 400))
def test_an_event_after_the_window_and_as_of_changes_nothing(rows, window, extra, offset):
    later = max(window.end, window.as_of) + dt.timedelta(days=offset)
    before = engagement.figures(frame(rows), PAIR, window)
    after = engagement.figures(frame(rows + [dict(extra, date=later.isoformat(), part_of="")]), PAIR, window)
    assert before == after


@FAST
@given(st.lists(event_rows(), max_size=20), windows(), event_rows(), st.integers(1, 400))
def test_an_event_before_the_window_changes_only_previous_and_last(rows, window, extra, offset):
    earlier = window.start - dt.timedelta(days=offset)
    before = engagement.figures(frame(rows), PAIR, window)
    after = engagement.figures(frame(rows + [dict(extra, date=earlier.isoformat(), part_of="")]), PAIR, window)
    moved = {"previous", "last_high_level", "days_since_last_high_level", "high_level", "venues"}
    # high_level/venues can turn from null to a number: the pair's data now has levels/venues
    assert {k: v for k, v in before.items() if k not in moved} == {k: v for k, v in after.items() if k not in moved}


@st.composite
def position_rows(draw):
    return {"date": draw(date_texts()), "actor_country": draw(countries), "topic": draw(st.sampled_from(list(vocab.TOPICS)[:6])),
            "stance": draw(st.sampled_from(list(vocab.STANCES))), "target_country": draw(st.sampled_from(["", "IND", "BLR", "RUS"]))}


def pframe(rows):
    out = [{c.name: "" for c in POSITIONS.columns} | r | {"position_id": f"p{i:04d}", "summary": "s",
                                                         "source_id": "src", "source_quote": "q"}
           for i, r in enumerate(rows)]
    df = pd.DataFrame(out, columns=[c.name for c in POSITIONS.columns], dtype="string")
    return _typed(POSITIONS, df.mask(df == ""))


@FAST
@given(st.lists(position_rows(), max_size=25), windows())
def test_alignment_is_symmetric_and_consistent(rows, window):
    pos, ev = pframe(rows), frame([])
    f = alignment.figures(ev, pos, PAIR, window)
    assert f == alignment.figures(ev, pos, PAIR[::-1], window)
    assert sum(f["counts"].values()) == len(f["topics"])
    for t in f["topics"]:
        stated = [s for s in (t["IND"], t["BLR"]) if s is not None]
        assert len(t["evidence"]) == len(stated) >= 1
        assert (t["status"] == "one-sided") == (len(stated) == 1)
        assert t["status"] != "aligned" or len(stated) == 2
