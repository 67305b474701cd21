"""The briefing section "Voting at the UN General Assembly" (bilateral.briefing.sections.votes), built
from figures dicts without a store, and once from the shipped store."""
import datetime as dt
import re

import pandas as pd
import pytest

from bilateral.figures import votes as unga
from bilateral.briefing.sections import votes as unga_section
from bilateral.briefing.sections.votes import UngaSection

D = dt.date
NAMES = {"IND": "India", "BLR": "Belarus"}


def figures(**over):
    f = {"pair": "IND-BLR", "start": "2011-01-01", "end": "2024-03-13",
         "record": {"first": "1946-01-01", "last": "2020-01-14"}, "covered": "partial",
         "joint": 10, "agree": 7, "agreement": 0.7, "opposed": 1, "kappa": 0.25,
         "votes": {"IND": {"yes": 8, "abstain": 1, "no": 1}, "BLR": {"yes": 9, "abstain": 0, "no": 1}},
         "by_issue": {k: {"joint": 0, "agreement": None} for k in unga.ISSUES},
         "by_year": {"2019": {"joint": 10, "agreement": 0.7}},
         "context": {"p5": {"IND": {m: 0.5 for m in unga.P5}, "BLR": {m: 0.6 for m in unga.P5}},
                     "percentile": 45.6, "pairs": 100, "median_agreement": 0.75, "min_joint": 50},
         "latest_opposed": [{"rcid": 1, "date": "2019-12-18", "unres": "A/RES/74/132",
                             "short": "<script>alert(1)</script> : resolution / adopted by the General Assembly",
                             "IND": "yes", "BLR": "no"}]}
    f["by_issue"]["human_rights"] = {"joint": 12, "agreement": 0.9}
    f["by_issue"]["nuclear_weapons"] = {"joint": 11, "agreement": 0.4}
    f.update(over)
    return f


def section(f, window=(D(2024, 1, 19), D(2024, 3, 13))):
    whole = {"by_year": {str(y): {"joint": 20, "agreement": 0.6} for y in range(1990, 2020)},
             "by_issue": {k: {"joint": 5, "agreement": 0.5} for k in unga.ISSUES}}
    median = pd.DataFrame({"year": range(1990, 2020), "median": 0.75, "pairs": 100})
    return UngaSection(("IND", "BLR"), NAMES, window, f, whole, median)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_record_end_is_stated_and_a_later_window_is_not_covered():
    html = section(figures()).html()
    t = text(html)
    assert "The voting record ends on 14 January 2020" in t
    assert "This briefing’s window (19 January 2024 to 13 March 2024) lies after it and is not covered" in t
    # a window inside the record: the end is still stated, nothing said to be uncovered
    inside = section(figures(), window=(D(2015, 1, 1), D(2016, 1, 1))).html()
    assert "ends on 14 January 2020" in text(inside) and "not covered" not in text(inside)


def test_sentences_come_from_the_figures():
    t = text(section(figures()).html())
    assert ("From 1 January 2011 to the end of the record on 14 January 2020, India and Belarus cast the same vote "
            "on 7 of the 10 General Assembly roll calls on which both voted (70%)") in t
    assert "kappa of 0.25 means fair agreement" in t
    assert "46th percentile of the 100 pairs" in t
    assert "agreed most on human rights (90%) and least on nuclear weapons (40%)" in t
    assert section(figures()).html().count('<figure class="chart">') == 2


def test_data_text_is_escaped_and_the_catalogue_suffix_dropped():
    html = section(figures()).html()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "adopted by the General Assembly" not in html


def test_a_pair_with_no_joint_votes_gets_one_honest_line_and_no_chart():
    f = figures(joint=0, agree=0, agreement=None, opposed=0, kappa=None, latest_opposed=[],
                by_issue={k: {"joint": 0, "agreement": None} for k in unga.ISSUES})
    f["context"].update(percentile=None)
    html = section(f).html()
    assert "<figure" not in html and "<table" not in html
    sentences = re.findall(r"<p>(.*?)</p>", html)
    assert sentences == ["India and Belarus never voted on the same General Assembly roll call from 1 January 2011 "
                         "to the end of the record on 14 January 2020: there is nothing to compare."]
    assert "share no recorded UN General Assembly vote" in section(f).glance()


def test_one_glance_sentence():
    g = section(figures()).glance()
    assert g.count(". ") == 0 and g.endswith(".")
    assert "70% of the 10 roll calls" in g and "14 January 2020" in g and "not covered" in g


def test_no_store_is_one_line(tmp_path):
    s = UngaSection.build(("IND", "BLR"), NAMES, D(2024, 1, 19), D(2024, 3, 13), store=tmp_path)
    html = s.html()
    assert "is not a store of UN votes" in text(html) and "<figure" not in html
    assert s.glance() == "No record of UN General Assembly votes is available to this briefing."


@pytest.mark.parametrize("k, words", [(-0.1, "no agreement"), (0.1, "slight"), (0.25, "fair"), (0.5, "moderate"),
                                      (0.7, "substantial"), (0.9, "almost perfect")])
def test_kappa_bands(k, words):
    assert unga_section.kappa_words(k).startswith(words)


def test_built_from_the_shipped_store(monkeypatch):
    from bilateral.store import votes as unga_store

    opened = []
    real_open = unga_store.open
    monkeypatch.setattr(unga_store, "open", lambda store=None: opened.append(real_open(store)) or opened[-1])
    s = UngaSection.build(("IND", "BLR"), NAMES, D(2024, 1, 19), D(2024, 3, 13))
    # the store opened once, and no DuckDB connection outlives the build: a render forked
    # afterwards would die holding it
    assert len(opened) == 1 and opened[0].path == unga_store.DEFAULT_STORE and opened[0]._con is None
    assert s.figures["start"] == "2011-01-01" and s.figures["covered"] == "partial"
    assert sum(v["joint"] for v in s.whole["by_year"].values()) > s.figures["joint"] > 0
    assert "India and Belarus cast the same vote" in text(s.html())
