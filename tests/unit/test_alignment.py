"""Alignment on a hand-built fixture; expected values worked out by hand."""
import datetime as dt

import pytest
from builders import event, position, write_dataset

from bilateral.figures import alignment
from bilateral import load
from bilateral.figures.engagement import Window

PAIR = ("IND", "BLR")
YEAR = Window(dt.date(2024, 1, 1), dt.date(2024, 12, 31), dt.date(2024, 12, 31))


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    return load(write_dataset(tmp_path_factory.mktemp("ali"), events=[
        event("talks", "2024-03-01", topics="unsc_reform;defence;culture"),
    ], positions=[
        position("p1", "2024-01-10", "IND", "unsc_reform", "interest", "IND"),
        position("p2", "2024-02-01", "BLR", "unsc_reform", "support", "IND"),
        position("p3", "2024-02-01", "BLR", "sco_membership", "interest", "BLR"),
        position("p4", "2024-03-01", "IND", "sco_membership", "support", "BLR"),
        position("p5", "2024-01-01", "IND", "trade", "support"),
        position("p6", "2024-01-05", "BLR", "trade", "oppose"),
        position("p7", "2024-02", "IND", "ukraine_conflict", "neutral"),
        position("p8", "2024-02-20", "BLR", "ukraine_conflict", "neutral"),
        position("p9", "2024-04-10", "BLR", "brics_membership", "interest", "BLR"),
        position("p10", "2024-01-01", "IND", "energy", "support"),
        position("p11", "2024-05-01", "IND", "energy", "oppose"),
        position("p12", "2024-05-01", "BLR", "energy", "oppose"),
        position("p13", "2024-05-01", "BLR", "energy", "support"),
        position("p16", "2024-11-01", "IND", "health", "oppose"),
        position("p14", "2024", "IND", "health", "support"),
        position("p15", "2024-06-01", "BLR", "health", "support"),
        position("p17", "2024-02-01", "RUS", "unsc_reform", "support", "IND"),
        position("p18", "2024-02-01", "BLR", "defence", "support", "RUS"),
    ]))


def by_topic(ds, pair=PAIR, window=YEAR):
    return {t["topic"]: t for t in alignment.figures(ds.events, ds.positions, pair, window)["topics"]}


def test_statuses_and_latest_stances(ds):
    t = by_topic(ds)
    assert {k: v["status"] for k, v in t.items()} == {
        "unsc_reform": "aligned",        # India's bid, Belarus's support for it
        "sco_membership": "aligned",     # Belarus's bid, India's support
        "health": "aligned",             # p14 (all of 2024) sorts after p16 (1 Nov): both support
        "trade": "divergent",            # support against oppose
        "energy": "divergent",           # India's latest p11 opposes; Belarus's p12/p13 tie, later row p13 supports
        "brics_membership": "one-sided",  # only Belarus
        "ukraine_conflict": "other",     # both neutral
    }
    assert (t["energy"]["IND"], t["energy"]["BLR"]) == ("oppose", "support")
    assert (t["health"]["IND"], t["health"]["BLR"]) == ("support", "support")
    assert t["brics_membership"]["IND"] is None


def test_evidence_is_the_positions_the_stances_rest_on(ds):
    t = by_topic(ds)
    assert t["unsc_reform"]["evidence"] == ["p1", "p2"]
    assert t["energy"]["evidence"] == ["p11", "p13"]
    assert t["ukraine_conflict"]["evidence"] == ["p8", "p7"]  # p7 (February) sorts by its last day
    assert t["health"]["evidence"] == ["p15", "p14"]


def test_third_countries_and_foreign_targets_are_left_out(ds):
    t = by_topic(ds)
    assert "defence" not in t  # p18 is about Russia
    assert t["unsc_reform"]["evidence"] == ["p1", "p2"]  # p17 is Russia's


def test_counts_and_reciprocal_support(ds):
    f = alignment.figures(ds.events, ds.positions, PAIR, YEAR)
    assert f["counts"] == {"aligned": 3, "divergent": 2, "one-sided": 1, "other": 1}
    assert f["reciprocal_support"] == [["p2", "p4"]]


def test_topics_over_time_per_quarter(ds):
    f = alignment.figures(ds.events, ds.positions, PAIR, YEAR)
    assert f["topics_over_time"] == {
        "2024Q1": {"IND": ["energy", "sco_membership", "trade", "ukraine_conflict", "unsc_reform"],  # p4 is 1 March
                   "BLR": ["sco_membership", "trade", "ukraine_conflict", "unsc_reform"]},
        "2024Q2": {"IND": ["energy"], "BLR": ["brics_membership", "energy", "health"]},
        "2024Q3": {"IND": [], "BLR": []},
        "2024Q4": {"IND": ["health"], "BLR": []},  # p14 has no quarter
    }


def test_discussed_topics_without_any_stance(ds):
    f = alignment.figures(ds.events, ds.positions, PAIR, YEAR)
    assert f["discussed_without_positions"] == ["defence", "culture"]


def test_pair_order_changes_no_figure(ds):
    assert alignment.figures(ds.events, ds.positions, PAIR, YEAR) == \
        alignment.figures(ds.events, ds.positions, ("BLR", "IND"), YEAR)


def test_window_limits_the_positions(ds):
    q1 = Window(dt.date(2024, 1, 1), dt.date(2024, 3, 31), dt.date(2024, 3, 31))
    t = by_topic(ds, window=q1)
    assert t["energy"]["status"] == "one-sided"  # only p10 is in Q1
    assert "brics_membership" not in t


@pytest.mark.parametrize("a,b,expected", [
    (("support", None), ("support", None), "aligned"),
    (("oppose", None), ("oppose", None), "aligned"),
    (("interest", "IND"), ("support", "IND"), "aligned"),
    (("interest", "IND"), ("support", None), "aligned"),
    (("interest", "IND"), ("support", "BLR"), "other"),  # Belarus backs its own interest, not India's
    (("support", None), ("oppose", None), "divergent"),
    (("interest", "IND"), ("oppose", "IND"), "divergent"),
    (("interest", "IND"), ("interest", "BLR"), "other"),
    (("concern", None), ("support", None), "other"),
    ((None, None), ("support", None), "one-sided"),
])
def test_status_rules(a, b, expected):
    assert alignment.status(a[0], a[1], "IND", b[0], b[1], "BLR") == expected
    assert alignment.status(b[0], b[1], "BLR", a[0], a[1], "IND") == expected
