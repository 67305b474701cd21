"""Issue 25: drafting beyond press reports — discourse dates, questions and reports, requests,
third countries in what an event is about, mechanisms, UN candidacies, buildings, weekdays
within a visit, and a reason for every sentence holding an event or stance word."""
import csv
import datetime as dt
from pathlib import Path

from bilateral.drafting import draft

CORPUS = Path(__file__).resolve().parents[1] / "drafting" / "genres"


def run(text, pair=("EGY", "KEN"), published=dt.date(2025, 9, 11)):
    return draft(text, pair, published, "src")


def events(d):
    return [(e["event_type"], e["date"], bool(e["part_of"])) for e in d.events]


def skips(d):
    return [reason for a in d.annotations.values() for reason, _ in a["skips"]]


def positions(d):
    return {(p["actor_country"], p["topic"], p["stance"], p["target_country"]) for p in d.positions}


def test_discourse_dates_carry_the_previous_event():
    d = run("Egyptian President Karim Mansour paid a State Visit to the Republic of Kenya from 8 to 10 September 2025.\n"
            "Mansour held talks with Kenyan President Daniel Otieno at State House on 8 September.\n"
            "Following the talks, the two presidents witnessed the signing of agreements on health and agriculture.\n"
            "The next day, the two presidents co-chaired the first session of the Egypt-Kenya Joint Commission.")
    assert events(d) == [("visit", "2025-09-08", False), ("meeting", "2025-09-08", True),
                         ("agreement", "2025-09-08", True), ("mechanism", "2025-09-09", True)]
    visit = d.events[0]
    assert (visit["actor1_country"], visit["actor2_country"], visit["end_date"], visit["location_city"]) == ("EGY", "KEN", "2025-09-10", "")


def test_a_weekday_is_read_within_the_visit_and_a_building_is_not_a_city():
    # Published on the Monday the visit began: "on Tuesday" is the next day, not six days before.
    d = run("Kazakh Foreign Minister Aidar Zhumabekov arrived in New Delhi on Monday for a three-day visit.\n"
            "On Tuesday, Zhumabekov held talks with External Affairs Minister Rohan Mehta at Hyderabad House.",
            pair=("KAZ", "IND"), published=dt.date(2025, 10, 13))
    visit, talks = d.events
    assert (visit["date"], visit["end_date"]) == ("2025-10-13", "2025-10-15")
    assert (talks["date"], talks["part_of"], talks["location_city"]) == ("2025-10-14", visit["event_id"], "New Delhi")
    assert (talks["actor1_name"], talks["actor2_name"], talks["level"]) == ("Aidar Zhumabekov", "Rohan Mehta", "minister")


def test_since_a_month_is_not_the_visits_date():
    d = run("Kazakhstan's Foreign Minister Aidar Zhumabekov arrived in New Delhi on Monday, his first visit since taking office in July.",
            pair=("KAZ", "IND"), published=dt.date(2025, 10, 15))
    assert [e["date"] for e in d.events] == ["2025-10-13"]


def test_questions_and_unconfirmed_reports_are_not_facts():
    d = run("Question: An Egyptian newspaper reported on Sunday that the two presidents held a private meeting. Can you confirm?\n"
            "Kenyan President Daniel Otieno met Egyptian President Karim Mansour in Nairobi on Monday.\n"
            "Kenyan media reported that Otieno and Mansour held talks in Cairo on Tuesday.")
    assert events(d) == [("meeting", "2025-09-08", False)]
    assert "question" in skips(d) and "report" in skips(d)


def test_a_request_and_a_hedge_are_not_support():
    d = run("Secretary Villanueva explained the Philippines' candidacy for a non-permanent seat on the UN Security Council "
            "and requested Japan's support. Minister Kuroda responded that Japan would consider the request positively.",
            pair=("JPN", "PHL"))
    assert positions(d) == {("PHL", "un_cooperation", "interest", "PHL")}
    d = run("Kenya backs Egypt's candidacy for a non-permanent seat on the UN Security Council.")
    assert positions(d) == {("KEN", "un_cooperation", "support", "EGY"), ("EGY", "un_cooperation", "interest", "EGY")}


def test_more_stance_phrases():
    d = run("The two presidents reaffirmed their commitment to the Strategic Partnership.\n"
            "President Otieno conveyed Kenya's serious concern about rising energy prices.\n"
            "Mansour said Egypt appreciated Kenya's backing for its candidacy for a seat on the UN Human Rights Council.")
    assert positions(d) == {("EGY", "strategic_partnership", "support", ""), ("KEN", "strategic_partnership", "support", ""),
                            ("KEN", "energy", "concern", ""), ("KEN", "un_cooperation", "support", "EGY"),
                            ("EGY", "un_cooperation", "interest", "EGY")}


def test_a_third_country_in_what_a_signing_is_about_is_not_a_party():
    d = run("On 9 September, the energy ministers of Egypt and Kenya signed a memorandum on power exports to Ugandan and Tanzanian grids.")
    assert [(e["event_type"], e["actor1_country"], e["actor2_country"]) for e in d.events] == [("agreement", "EGY", "KEN")]


def test_consultations_and_dialogues_are_mechanisms():
    d = run("The fourth round of Political Consultations between Egypt and Kenya was held in Nairobi on 3 June 2025, co-chaired "
            "by Egyptian Deputy Foreign Minister Omar Said and Kenyan Principal Secretary Jane Kamau.\n"
            "That afternoon, Egyptian Deputy Foreign Minister Omar Said called on Kenyan Foreign Minister Ann Wanjiru.")
    assert events(d) == [("mechanism", "2025-06-03", False), ("meeting", "2025-06-03", False)]
    assert d.events[0]["level"] == "deputy_minister"


def test_transcript_speakers_are_i_and_we():
    d = run("Q: Minister, what did you achieve in Nairobi?\n"
            "Minister Karim Mansour of Egypt: I held talks with Kenyan Foreign Minister Ann Wanjiru in Nairobi yesterday. "
            "We signed an agreement on trade the same day.", published=dt.date(2025, 9, 11))
    assert events(d) == [("meeting", "2025-09-10", False), ("agreement", "2025-09-10", False)]


def test_every_sentence_with_a_trigger_or_stance_word_shows_rows_or_a_reason():
    d = run("Kazakhstan welcomed India's interest in joining the International Solar Alliance.\n"
            "The two presidents also raised concerns about the fighting in Sudan.\n"
            "Egyptian President Karim Mansour met Kenyan President Daniel Otieno in Nairobi on Monday.",
            pair=("KAZ", "IND"))
    reasons = {i: a["skips"] for i, a in d.annotations.items()}
    assert reasons[0] and "International Solar Alliance" in reasons[0][0][1]
    assert reasons[1] and reasons[1][0][0] == "no topic"
    assert reasons[2] and reasons[2][0][0] == "other pair"


def test_the_genre_corpus_is_synthetic_and_under_tests():
    with open(CORPUS / "index.csv", encoding="utf-8") as f:
        index = list(csv.DictReader(f))
    assert len(index) >= 15 and len({e["genre"] for e in index}) >= 5
    # held out when written (scored before any rule was fitted to them: "heldout", or since diagnosed: "spent")
    assert sum(e["split"] in ("heldout", "spent") for e in index) * 3 >= len(index)
    for e in index:
        assert e["synthetic"] == "true"
        assert (CORPUS / e["article"]).read_text(encoding="utf-8").startswith("SYNTHETIC ARTICLE")
    gold = list(csv.DictReader(open(CORPUS / "gold" / "events.csv", encoding="utf-8")))
    assert {g["source_id"] for g in gold} <= {e["source_id"] for e in index}


def test_the_development_articles_meet_the_bars():
    import sys

    sys.path.insert(0, str(CORPUS.parents[2] / "benchmarks"))
    from draft_genres import table, run as score

    rows = score("dev")
    assert sum(r["events"].drafted for r in rows) >= 20 and sum(r["positions"].drafted for r in rows) >= 20
    total = next(t for t in table(rows) if t["genre"] == "ALL")
    assert total["events_recall"] >= 0.8 and total["events_precision"] >= 0.8
    assert total["positions_recall"] >= 0.7 and total["positions_precision"] >= 0.7
    assert total["must_not_drafted"] == 0


def test_a_post_by_one_side_is_part_of_the_contact_and_a_mention_does_not_join_the_quote():
    d = run("Kenyan President Daniel Otieno spoke by phone with Egyptian President Karim Mansour on Thursday.\n"
            "Otieno posted on X that the call was productive.")
    call, post = d.events
    assert (call["event_type"], call["date"]) == ("call", "2025-09-11")
    assert (post["event_type"], post["part_of"], post["date"]) == ("statement", call["event_id"], "2025-09-11")
    d = run("Egyptian President Karim Mansour held talks with Kenyan President Daniel Otieno in Nairobi on 8 September.\n"
            "Following the talks, the two presidents witnessed the signing of agreements on health.")
    talks = next(e for e in d.events if e["event_type"] == "meeting")
    assert "Following the talks" not in talks["source_quote"] and "held talks" in talks["source_quote"]
    assert [e["event_type"] for e in d.events] == ["meeting", "agreement"]


def test_an_invitation_and_a_date_after_publication_are_plans():
    d = run("President Otieno invited President Mansour to visit Kenya in 2026.\n"
            "The two presidents will hold talks in Cairo on 20 October 2025.")
    assert d.events == [] and skips(d).count("plan") >= 2
