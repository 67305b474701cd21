"""Drafting rules on small texts: negation, modality, part_of, stances, other pairs."""
import datetime as dt

from bilateral.drafting import draft

PAIR = ("IND", "BLR")
PUBLISHED = dt.date(2024, 3, 11)  # a Monday


def run(text, pair=PAIR, published=PUBLISHED):
    return draft(text, pair, published, "src")


def skips(d):
    return [reason for a in d.annotations.values() for reason, _ in a["skips"]]


def test_a_meeting_is_drafted_and_its_denial_is_not():
    met = run("Indian Foreign Minister Ravi Rao met Belarusian Foreign Minister Oleg Lis in Minsk on Friday.")
    assert [(e["event_type"], e["date"]) for e in met.events] == [("meeting", "2024-03-08")]
    denied = run("Indian Foreign Minister Ravi Rao did not meet Belarusian Foreign Minister Oleg Lis in Minsk on Friday.")
    assert denied.events == [] and "denial" in skips(denied)
    dismissed = run("Reports that Rao met Belarusian Foreign Minister Oleg Lis on Friday were dismissed by India.")
    assert dismissed.events == [] and "denial" in skips(dismissed)


def test_a_plan_is_not_an_event():
    d = run("Belarusian Foreign Minister Oleg Lis is expected to travel to New Delhi next year.")
    assert d.events == [] and "plan" in skips(d)
    d = run("Indian and Belarusian officials will hold talks in Minsk in June.")
    assert d.events == [] and "plan" in skips(d)


def test_scheduled_talks_during_a_visit_under_way_are_part_of_it():
    d = run("Belarusian Foreign Minister Oleg Lis is arriving in New Delhi today for a visit from March 11-13. "
            "He will hold talks with Indian External Affairs Minister Ravi Rao on Tuesday.")
    visit = next(e for e in d.events if e["event_type"] == "visit")
    talks = next(e for e in d.events if e["event_type"] == "meeting")
    assert (visit["actor1_country"], visit["actor2_country"], visit["date"], visit["end_date"]) == ("BLR", "IND", "2024-03-11", "2024-03-13")
    assert (talks["date"], talks["part_of"]) == ("2024-03-12", visit["event_id"])


def test_a_departure_closes_the_visit_and_a_post_is_part_of_the_meeting():
    d = run("Belarusian Foreign Minister Oleg Lis arrived in New Delhi on Saturday. "
            "Lis left New Delhi on Sunday.\n"
            "On Saturday, Indian External Affairs Minister Ravi Rao met Lis in New Delhi. "
            "Rao posted on X: “A good meeting with Lis.”")
    visit = next(e for e in d.events if e["event_type"] == "visit")
    meeting = next(e for e in d.events if e["event_type"] == "meeting")
    post = next(e for e in d.events if e["event_type"] == "statement")
    assert (visit["date"], visit["end_date"]) == ("2024-03-09", "2024-03-10")
    assert meeting["part_of"] == visit["event_id"]
    assert (post["part_of"], post["date"]) == (meeting["event_id"], meeting["date"])


def test_a_call_and_a_meeting_on_the_sidelines():
    d = run("Indian Prime Minister Ravi Rao spoke by telephone with Belarusian President Oleg Lis yesterday.\n"
            "In January, Rao met Lis on the sidelines of the G20 Summit in Rome.")
    call = next(e for e in d.events if e["event_type"] == "call")
    meeting = next(e for e in d.events if e["event_type"] == "meeting")
    assert (call["date"], call["cameo_code"], call["level"]) == ("2024-03-10", "041", "head_of_state")
    assert (meeting["date"], meeting["venue"], meeting["location_country"], meeting["cameo_code"]) == ("2024-01", "G20 Summit", "ITA", "044")


def test_another_pair_is_skipped_with_its_reason():
    d = run("Belarusian and Russian foreign ministers met in Moscow on Friday.")
    assert d.events == [] and "other pair" in skips(d)


def test_support_for_a_bid_gives_support_with_target_and_the_bidders_interest():
    d = run("Belarus backs India's bid for a permanent seat on the UN Security Council.")
    got = {(p["actor_country"], p["topic"], p["stance"], p["target_country"]) for p in d.positions}
    assert got == {("BLR", "unsc_reform", "support", "IND"), ("IND", "unsc_reform", "interest", "IND")}


def test_two_stances_in_one_sentence_and_a_concern():
    d = run("India expressed concern over the conflict in Ukraine and Belarus said it hopes to join BRICS.")
    got = {(p["actor_country"], p["topic"], p["stance"]) for p in d.positions}
    assert got == {("IND", "ukraine_conflict", "concern"), ("BLR", "brics_membership", "interest")}


def test_a_third_countrys_stance_is_not_drafted():
    d = run("China supports Belarus's accession to the Shanghai Cooperation Organisation.")
    assert {(p["actor_country"], p["stance"]) for p in d.positions} == {("BLR", "interest")}
    assert "other pair" in skips(d)


def test_a_negated_stance_is_not_support():
    d = run("Belarus did not support India's bid for a permanent seat on the UN Security Council.")
    assert all(p["stance"] != "support" for p in d.positions)


def test_every_quote_is_verbatim_in_the_article():
    text = ("Belarusian Foreign Minister Oleg Lis arrived in New Delhi on Saturday.\n\n"
            "Belarus backs India’s bid for a permanent seat on the UN Security Council.")
    d = run(text)
    folded = " ".join(text.split())
    rows = d.events + d.positions + d.facts
    assert d.events and d.positions  # the arrival and the stance: the loop below checks something
    for row in rows:
        for part in row["source_quote"].split(" … "):
            assert part in folded


def test_a_visit_of_n_days_that_ended_on_a_day_and_talks_within_it():
    d = run("Indian External Affairs Minister Ravi Rao held talks with Belarusian Foreign Minister Oleg Lis in Minsk "
            "on Wednesday, during a two-day visit to Belarus that ended on Thursday.", published=dt.date(2024, 3, 15))
    visit = next(e for e in d.events if e["event_type"] == "visit")
    talks = next(e for e in d.events if e["event_type"] == "meeting")
    assert (visit["actor1_country"], visit["date"], visit["end_date"]) == ("IND", "2024-03-13", "2024-03-14")
    assert (talks["date"], talks["part_of"]) == ("2024-03-13", visit["event_id"])


def test_a_year_alone_and_an_office_holder_of_the_other_side():
    d = run("India and Belarus signed a trade agreement in 2021.\n"
            "Last month, Belarusian President Oleg Lis and Prime Minister Ravi Rao spoke by phone.")
    assert {(e["event_type"], e["date"]) for e in d.events} == {("agreement", "2021"), ("call", "2024-02")}
