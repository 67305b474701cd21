"""The drafts scorer: issue 17's matching rules."""
from bilateral.drafting.score import score_events, score_positions


def ev(i, t, date, a1, a2, part_of=""):
    return {"event_id": i, "event_type": t, "date": date, "actor1_country": a1, "actor2_country": a2, "part_of": part_of}


def test_visits_are_ordered_meetings_are_not():
    gold = [ev("g1", "visit", "2024-03-11", "BLR", "IND"), ev("g2", "meeting", "2024-03-12", "BLR", "IND")]
    s = score_events([ev("d1", "visit", "2024-03-11", "IND", "BLR"), ev("d2", "meeting", "2024-03-12", "IND", "BLR")], gold)
    assert (s.matched, s.precision, s.recall) == (1, 0.5, 0.5)
    assert [r["event_id"] for r in s.extra] == ["d1"]


def test_dates_match_by_day_or_by_month():
    gold = [ev("g1", "meeting", "2024-01", "IND", "BLR")]
    assert score_events([ev("d", "meeting", "2024-01-19", "IND", "BLR")], gold).matched == 1
    assert score_events([ev("d", "meeting", "2024-02", "IND", "BLR")], gold).matched == 0
    assert score_events([ev("d", "meeting", "2024-01-18", "IND", "BLR")], [ev("g", "meeting", "2024-01-19", "IND", "BLR")]).matched == 0


def test_part_of_must_point_at_a_matching_parent():
    gold = [ev("v", "visit", "2024-03-11", "BLR", "IND"), ev("t", "meeting", "2024-03-12", "BLR", "IND", "v")]
    good = [ev("a", "visit", "2024-03-11", "BLR", "IND"), ev("b", "meeting", "2024-03-12", "IND", "BLR", "a")]
    assert score_events(good, gold).recall == 1.0
    orphan = [ev("a", "visit", "2024-03-11", "BLR", "IND"), ev("b", "meeting", "2024-03-12", "IND", "BLR")]
    assert score_events(orphan, gold).matched == 1
    context = [ev("x", "visit", "2024-03-11", "BLR", "IND")]
    linked = [dict(ev("b", "meeting", "2024-03-12", "IND", "BLR"), dataset_part_of="x")]
    s = score_events(linked, gold, context=context)  # the parent is in the dataset the draft was made for
    assert s.matched == 1 and [r["event_id"] for r in s.missed] == ["v"]


def test_positions_match_one_to_one_on_actor_topic_stance_target():
    p = {"actor_country": "BLR", "topic": "unsc_reform", "stance": "support", "target_country": "IND"}
    gold = [dict(p, position_id="g")]
    s = score_positions([dict(p, position_id="a"), dict(p, position_id="b")], gold)
    assert (s.matched, s.drafted, s.precision, s.recall) == (1, 2, 0.5, 1.0)
    assert score_positions([dict(p, target_country="", position_id="c")], gold).matched == 0
    assert score_positions([], []).precision is None
