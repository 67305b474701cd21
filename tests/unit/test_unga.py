"""UN General Assembly figures (bilateral.figures.votes) on a small hand-computed fixture, and properties."""
import datetime as dt
import itertools
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.figures import votes as unga

D = dt.date
# Seven roll calls. IND and BLR both vote on 1-5; IND alone on 6; NOV only on 7 (so BLR-NOV share none).
ROLL_CALLS = pd.DataFrame({
    "rcid": [1, 2, 3, 4, 5, 6, 7],
    "date": pd.to_datetime(["2015-01-10", "2015-06-01", "2016-03-01", "2016-09-01", "2017-02-01", "2017-05-05",
                            "2017-06-01"]),
    "unres": ["R/1", "R/2", "R/3", "R/4", "R/5", "R/6", "R/7"],
    "short": ["one", "two", "three", "four", "five", "six", "seven"],
})
_VOTES = {  # rcid -> {state: vote}
    1: {"IND": "yes", "BLR": "yes", "USA": "no"},
    2: {"IND": "yes", "BLR": "no", "USA": "yes"},
    3: {"IND": "no", "BLR": "no", "USA": "no"},
    4: {"IND": "abstain", "BLR": "yes"},
    5: {"IND": "yes", "BLR": "yes"},
    6: {"IND": "yes"},
    7: {"NOV": "yes"},
}
VOTES = pd.DataFrame([{"rcid": r, "country": c, "vote": v} for r, row in _VOTES.items() for c, v in row.items()])
VOTES = VOTES.merge(ROLL_CALLS[["rcid", "date"]], on="rcid")[["date", "rcid", "country", "vote"]]
ISSUES = pd.DataFrame({"rcid": [1, 2, 2, 3, 6], "issue": ["human_rights", "human_rights", "nuclear_weapons",
                                                          "nuclear_weapons", "economic_development"]})
RECORD = (D(2015, 1, 10), D(2017, 6, 1))
WHOLE = (D(2015, 1, 1), D(2017, 12, 31))


def fig(pair=("IND", "BLR"), start=WHOLE[0], end=WHOLE[1]):
    return unga.figures(VOTES, ROLL_CALLS, ISSUES, pair, start, end, RECORD)


def test_counts_on_the_hand_computed_fixture():
    f = fig()
    # joint: roll calls 1-5; identical: 1 (yes), 3 (no), 5 (yes); opposed: 2 (yes against no),
    # while 4 (abstain against yes) is not opposed.
    assert (f["joint"], f["agree"], f["opposed"]) == (5, 3, 1)
    assert f["agreement"] == pytest.approx(0.6)
    # Cohen's kappa on the five joint votes:
    #   IND: yes 3 (1, 2, 5), abstain 1 (4), no 1 (3);  BLR: yes 3 (1, 4, 5), abstain 0, no 2 (2, 3)
    #   observed p_o = 3/5 = 0.6
    #   expected p_e = (3/5)(3/5) + (1/5)(0/5) + (1/5)(2/5) = 9/25 + 0 + 2/25 = 11/25 = 0.44
    #   kappa = (0.6 - 0.44) / (1 - 0.44) = 0.16 / 0.56 = 2/7
    assert f["kappa"] == pytest.approx(2 / 7)
    assert f["votes"] == {"IND": {"yes": 3, "abstain": 1, "no": 1}, "BLR": {"yes": 3, "abstain": 0, "no": 2}}


def test_by_issue_by_year_and_latest_opposed():
    f = fig()
    # human rights: 1 (same), 2 (different); nuclear: 2 (different), 3 (same); economic: 6 is not joint
    assert f["by_issue"]["human_rights"] == {"joint": 2, "agreement": 0.5}
    assert f["by_issue"]["nuclear_weapons"] == {"joint": 2, "agreement": 0.5}
    assert f["by_issue"]["economic_development"] == {"joint": 0, "agreement": None}
    assert list(f["by_issue"]) == list(unga.ISSUES)
    # 2015: 1 same, 2 different; 2016: 3 same, 4 different; 2017: 5 same
    assert f["by_year"] == {"2015": {"joint": 2, "agreement": 0.5}, "2016": {"joint": 2, "agreement": 0.5},
                            "2017": {"joint": 1, "agreement": 1.0}}
    assert f["latest_opposed"] == [{"rcid": 2, "date": "2015-06-01", "unres": "R/2", "short": "two",
                                    "IND": "yes", "BLR": "no"}]


def test_p5_context():
    p5 = fig()["context"]["p5"]
    # IND-USA on 1-3: 1 differs, 2 and 3 agree: 2/3; BLR-USA: only 3 agrees: 1/3; no other member voted
    assert p5["IND"]["USA"] == pytest.approx(2 / 3)
    assert p5["BLR"]["USA"] == pytest.approx(1 / 3)
    assert p5["IND"]["CHN"] is None and set(p5["IND"]) == set(unga.P5)
    assert "USA" not in fig(("USA", "IND"))["context"]["p5"]["USA"]  # a member is not compared with itself


def test_a_pair_with_no_joint_votes():
    f = fig(("BLR", "NOV"))
    assert (f["joint"], f["agree"], f["opposed"]) == (0, 0, 0)
    assert f["agreement"] is None and f["kappa"] is None
    assert all(v == {"joint": 0, "agreement": None} for v in f["by_issue"].values())
    assert f["latest_opposed"] == []


def test_a_window_with_one_vote_has_expected_agreement_one_and_no_kappa():
    f = fig(start=D(2017, 1, 1), end=D(2017, 12, 31))  # only roll call 5, both yes
    assert (f["joint"], f["agree"], f["agreement"]) == (1, 1, 1.0)
    # p_e = 1·1 = 1: kappa's denominator is 0, so it is null, not 0 or 1
    assert f["kappa"] is None


def test_expected_agreement_one_with_several_votes_and_window_ends_inclusive():
    assert unga.kappa(pd.Series(["yes"] * 4), pd.Series(["yes"] * 4)) is None
    # both ends of the window count: exactly the days of roll calls 2 and 3
    f = fig(start=D(2015, 6, 1), end=D(2016, 3, 1))
    assert f["joint"] == 2


def test_default_window_and_coverage():
    days = ROLL_CALLS["date"]
    assert unga.default_window(days, D(2017, 5, 5), years=2) == (D(2016, 1, 1), D(2017, 5, 5))
    assert unga.default_window(days, None, years=10) == (D(2015, 1, 1), D(2017, 6, 1))
    # a window after the record: years with votes up to the end, the end kept
    assert unga.default_window(days, D(2024, 3, 13), years=2) == (D(2016, 1, 1), D(2024, 3, 13))
    assert unga.covered(RECORD, D(2016, 1, 1), D(2024, 3, 13)) == "partial"
    assert unga.covered(RECORD, D(2020, 1, 1), D(2024, 3, 13)) == "none"
    assert unga.covered(RECORD, D(2016, 1, 1), D(2016, 12, 31)) == "full"
    # a window past the record's end lists years only up to the record's last vote
    assert list(fig(end=D(2024, 1, 1))["by_year"]) == ["2015", "2016", "2017"]


# --------------------------------------------------------------------------- #
# Properties on random votes
# --------------------------------------------------------------------------- #
STATES = ["AAA", "BBB", "CCC", "DDD"]
vote_or_absent = st.sampled_from(["yes", "abstain", "no", None])


@st.composite
def random_record(draw):
    n = draw(st.integers(0, 25))
    rows, issues = [], []
    for rcid in range(1, n + 1):
        day = dt.date(2000, 1, 1) + dt.timedelta(days=draw(st.integers(0, 3 * 365)))
        for state in STATES:
            v = draw(vote_or_absent)
            if v:
                rows.append({"date": pd.Timestamp(day), "rcid": rcid, "country": state, "vote": v})
        for issue in draw(st.lists(st.sampled_from(list(unga.ISSUES)), max_size=3, unique=True)):
            issues.append({"rcid": rcid, "issue": issue})
    votes = pd.DataFrame(rows, columns=["date", "rcid", "country", "vote"])
    votes["date"] = pd.to_datetime(votes["date"])
    calls = votes.groupby("rcid", as_index=False)["date"].first().assign(unres="R", short="s")
    return votes, calls, pd.DataFrame(issues, columns=["rcid", "issue"])


def _kappa_by_definition(x, y):
    n = len(x)
    if n == 0:
        return None
    po = Fraction(sum(a == b for a, b in zip(x, y)), n)
    pe = sum(Fraction(list(x).count(v), n) * Fraction(list(y).count(v), n) for v in unga.VOTES)
    return None if pe == 1 else float((po - pe) / (1 - pe))


@settings(max_examples=60, deadline=None)
@given(random_record())
def test_properties_hold_on_random_votes(record):
    votes, calls, issues = record
    window = (D(2000, 1, 1), D(2003, 12, 31))
    rec = (D(2000, 1, 1), D(2003, 12, 31))
    ab = unga.figures(votes, calls, issues, ("AAA", "BBB"), *window, rec)
    ba = unga.figures(votes, calls, issues, ("BBB", "AAA"), *window, rec)
    for key in ("joint", "agree", "agreement", "opposed", "kappa", "votes", "by_issue", "by_year"):
        assert ab[key] == ba[key], key  # the order of the pair only swaps labels
    assert ab["agreement"] is None or 0 <= ab["agreement"] <= 1
    assert ab["kappa"] is None or -1 <= ab["kappa"] <= 1
    joint = unga.joint_votes(votes, ("AAA", "BBB"), *window)
    assert ab["kappa"] == pytest.approx(_kappa_by_definition(list(joint["AAA"]), list(joint["BBB"])))
    tags = issues.groupby("rcid").size()
    assert sum(v["joint"] for v in ab["by_issue"].values()) == int(joint["rcid"].map(tags).fillna(0).sum())
    assert sum(v["joint"] for v in ab["by_year"].values()) == ab["joint"]
    assert [r["date"] for r in ab["latest_opposed"]] == sorted((r["date"] for r in ab["latest_opposed"]), reverse=True)


@settings(max_examples=40, deadline=None)
@given(random_record(), st.integers(1, 3))
def test_yearly_median_matches_a_loop_over_pairs(record, min_joint):
    votes = record[0]
    got = unga.yearly_median(votes, min_joint)
    for year, v in votes.groupby(votes["date"].dt.year):
        shares = []
        for a, b in itertools.combinations(sorted(v["country"].unique()), 2):
            j = unga.joint_votes(v, (a, b))
            if len(j) >= min_joint:
                shares.append((j[a] == j[b]).mean())
        row = got[got["year"] == year].iloc[0]
        assert row["pairs"] == len(shares)
        if shares:
            assert row["median"] == pytest.approx(float(np.median(shares)))
        else:
            assert row["median"] is None or pd.isna(row["median"])
