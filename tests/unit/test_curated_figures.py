"""The curated India–Belarus figures, checked by hand against the two seed articles.

000 (11 March 2024): Aleinik's visit of 11-13 March with talks on Tuesday 12 March;
the Kampala NAM meeting of 19 January and Jaishankar's post about it.
003 (14 March 2024): Belarus backs India's UNSC bid; India first to ratify Belarus's
SCO memorandum; Belarus's BRICS interest; multipolar order; strategic partnership.
"""
import jsonschema

from bilateral import load
from bilateral.figures import summary


def test_curated_summary(curated_path):
    s = summary.build(load(curated_path), ("IND", "BLR"))
    e, a = s["engagement"], s["alignment"]
    # The window runs from the Kampala meeting to the last day of the visit.
    assert (s["start"], s["end"], s["as_of"]) == ("2024-01-19", "2024-03-13", "2024-03-13")
    # Two engagements: Kampala (the X post is part of it) and the visit (the talks are part of it).
    assert e["total"] == 2
    assert e["by_type"] == {"visit": 1, "meeting": 1}
    assert e["high_level"] == 2
    assert e["visits"] == {"IND->BLR": 0, "BLR->IND": 1}
    assert e["venues"] == {"bilateral": 1, "multilateral": 1}
    assert e["last_high_level"] == {"date": "2024-03-11", "event_id": "ind-blr-2024-03-11-aleinik-visit"}
    assert e["days_since_last_high_level"] == 2
    assert e["median_days_between_high_level"] == 52.0  # 19 Jan -> 11 Mar: 12 + 29 + 11
    assert e["previous"]["total"] == 0 and e["previous"]["covered"] == "none"
    assert a["counts"] == {"aligned": 4, "divergent": 0, "one-sided": 1, "other": 0}
    statuses = {t["topic"]: (t["IND"], t["BLR"], t["status"]) for t in a["topics"]}
    assert statuses["unsc_reform"] == ("interest", "support", "aligned")
    assert statuses["sco_membership"] == ("support", "interest", "aligned")
    assert statuses["brics_membership"] == (None, "interest", "one-sided")
    assert a["reciprocal_support"] == [["pos-blr-unsc-visit", "pos-ind-sco-support"]]
    assert "ukraine_conflict" in a["discussed_without_positions"]


def test_summary_matches_its_schema(curated_path):
    s = summary.build(load(curated_path), ("BLR", "IND"))
    jsonschema.validate(s, summary.schema())
    # and the schema is not vacuous: a renamed key fails it
    broken = dict(s, engagement={k if k != "total" else "count": v for k, v in s["engagement"].items()})
    try:
        jsonschema.validate(broken, summary.schema())
    except jsonschema.ValidationError:
        pass
    else:
        raise AssertionError("the schema accepted a summary without engagement.total")
