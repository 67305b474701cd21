"""Loading: valid oddities load with the right values; each kind of bad input gives
its exact ``file:line:column: message``."""
import hashlib
import pandas as pd
import pytest
from builders import DOC, QUOTE, event, position, write_dataset

from bilateral import ValidationError, load


@pytest.fixture
def good(tmp_path):
    return write_dataset(tmp_path / "ds", events=[
        event("e1", "2024-03-11", end_date="2024-03-13", event_type="visit"),
        event("e2", "2024-03-12", part_of="e1"),
        event("e3", "2024-01"),
    ], positions=[position("p1", "2024-03-12", "BLR", "unsc_reform", "support", "IND", event_id="e2")],
        facts=[{"fact_id": "f1", "category": "community", "key": "students", "value": "476",
                "unit": "students", "as_of": "2024-03-11", "source_id": "src", "source_quote": QUOTE}],
        conflicts=[{"conflict_id": "c1", "source_id": "src", "field": "events.date[e3]", "value_a": "a",
                    "value_b": "b", "chosen": "b", "reason": "explicit date"}])


def problems(root) -> list[str]:
    with pytest.raises(ValidationError) as info:
        load(root)
    return [p.replace(str(root) + "/", "") for p in info.value.problems]


def edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_the_curated_dataset_loads(curated_path):
    ds = load(curated_path)
    assert len(ds.events) == 4 and len(ds.positions) == 11 and len(ds.sources) == 2
    visit = ds.events.set_index("event_id").loc["ind-blr-2024-03-11-aleinik-visit"]
    assert (visit["first_day"], visit["end_day"]) == (pd.Timestamp("2024-03-11"), pd.Timestamp("2024-03-13"))
    assert ds.conflicts.iloc[0]["chosen"] == "2024-01-19"


def test_good_dataset_values(good):
    ds = load(good)
    assert list(ds.events["event_id"]) == ["e1", "e2", "e3"]
    assert list(ds.events["precision"]) == ["day", "day", "month"]
    assert ds.events.loc[2, "last_day"] == pd.Timestamp("2024-01-31")
    assert pd.isna(ds.events.loc[0, "part_of"]) and ds.events.loc[1, "part_of"] == "e1"
    assert ds.facts.loc[0, "value"] == "476"


def test_valid_oddities_load(good):
    ev = good / "events.csv"
    text = ev.read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[0] += ",analyst_note"
    lines[1:] = [ln + ',"two\nlines"' for ln in lines[1:]]  # extra column, quoted newline
    ev.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")  # BOM, CRLF
    (good / "facts.csv").write_text("fact_id,category,key,value,unit,as_of,source_id,source_quote\n")
    ds = load(good)
    assert list(ds.events["event_id"]) == ["e1", "e2", "e3"]
    assert ds.events.loc[0, "analyst_note"].replace("\r", "") == "two\nlines"
    assert ds.facts.empty


def test_line_numbers_count_quoted_newlines(good):
    ev = good / "events.csv"
    lines = ev.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("Event e1.", '"Event\ne1."')  # record 1 spans lines 2-3
    lines[2] = lines[2].replace("meeting", "meetin")           # record 2 starts on line 4
    ev.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert problems(good) == ["events.csv:4:4: 'meetin' is not a event type (one of: visit, meeting, call, "
                              "negotiation, mechanism, agreement, ratification, statement, intent, other)"]


BAD = [
    ("missing column", "events.csv", ("summary,", "summry,"), "events.csv:1:1: missing required column 'summary'"),
    ("header case", "events.csv", ("event_id,", "Event_ID,"),
     "events.csv:1:1: missing required column 'event_id' (found 'Event_ID': column names are lower case)"),
    ("unknown country", "events.csv", (",IND,BLR,", ",XXX,BLR,"),
     "events.csv:2:5: 'XXX' is not an ISO 3166-1 alpha-3 country code"),
    ("alpha-2", "events.csv", (",IND,BLR,", ",IN,BLR,"),
     "events.csv:2:5: 'IN' is not an ISO 3166-1 alpha-3 country code ('IN' is alpha-2; the alpha-3 code is IND)"),
    ("impossible date", "events.csv", ("e1,2024-03-11", "e1,2024-02-30"),
     "events.csv:2:2: '2024-02-30' is not a date: February 2024 has 29 days"),
    ("slashed date", "events.csv", ("e1,2024-03-11", "e1,12/03/2024"),
     "events.csv:2:2: '12/03/2024' is not a date: write YYYY-MM-DD, or YYYY-MM or YYYY when the source is less precise"),
    ("one-digit month", "events.csv", ("e1,2024-03-11", "e1,2024-3-12"),
     "events.csv:2:2: '2024-3-12' is not a date: month and day take two digits (write YYYY-MM-DD, or YYYY-MM or YYYY when the source is less precise)"),
    ("end before start", "events.csv", ("2024-03-13", "2024-03-01"), "events.csv:2:3: end_date 2024-03-01 is before date 2024-03-11"),
    ("duplicate id", "events.csv", ("e3,2024-01", "e1,2024-01"), "events.csv:4:1: duplicate event_id 'e1' (first on line 2)"),
    ("dangling part_of", "events.csv", (",e1,", ",e9,"), "events.csv:3:9: part_of 'e9' is not an event_id of events.csv"),
    ("dangling source", "events.csv", (",src,The ministers", ",nosuch,The ministers"),
     "events.csv:2:12: source_id 'nosuch' is not a source_id of sources.csv"),
    ("unknown topic", "events.csv", ("e3,2024-01,,meeting,IND,BLR,minister,,,,", "e3,2024-01,,meeting,IND,BLR,minister,,,world_peace,"),
     "events.csv:4:10: unknown topic id 'world_peace' (topic ids are listed in data/README.md; separate several with ';')"),
    ("empty required", "events.csv", ("e3,2024-01,,meeting,IND,BLR,minister", "e3,2024-01,,meeting,IND,BLR,"),
     "events.csv:4:7: required value 'level' is empty"),
    ("wrong field count", "events.csv", ("e3,2024-01,", "e3,2024-01,,,"), "events.csv:4:14: expected 13 fields as in the header, found 15"),
    ("quote not in source", "events.csv", ("The ministers met in the capital.", "The ministers never met."),
     "events.csv:2:13: quote not found verbatim in its source file: 'The ministers never met.'"),
    ("bad stance", "positions.csv", (",support,", ",backs,"),
     "positions.csv:2:5: 'backs' is not a stance (one of: support, oppose, neutral, concern, interest)"),
    ("dangling event_id", "positions.csv", (",e2,", ",e7,"), "positions.csv:2:7: event_id 'e7' is not an event_id of events.csv"),
    ("dangling topic", "positions.csv", (",unsc_reform,", ",unsc,"),
     "positions.csv:2:4: unknown topic id 'unsc' (topic ids are listed in data/README.md; separate several with ';')"),
    ("javascript url", "sources.csv", (",press,,", ",press,javascript:alert(1),"),
     "sources.csv:2:6: 'javascript:alert(1)' is not an http or https URL (other schemes are never linked)"),
    ("path outside dataset", "sources.csv", ("sources/doc.txt", "../../etc/passwd"),
     "sources.csv:2:7: '../../etc/passwd' must be a path inside the dataset folder (no absolute path, no '..')"),
]


@pytest.mark.parametrize("name,file,change,expected", BAD, ids=[b[0] for b in BAD])
def test_bad_input_gives_its_exact_line(good, name, file, change, expected):
    edit(good / file, *change)
    assert problems(good) == [expected]


def test_checksum_mismatch(good):
    (good / "sources" / "doc.txt").write_text(DOC + "Edited later.\n", encoding="utf-8")
    sha = hashlib.sha256((DOC + "Edited later.\n").encode()).hexdigest()
    assert problems(good) == [f"sources.csv:2:9: checksum does not match sources/doc.txt (the file's is {sha}): "
                              "the source changed after it was coded"]


def test_latin1_bytes(good):
    ev = good / "events.csv"
    ev.write_bytes(ev.read_bytes().replace(b"Event e2.", "Événement".encode("latin-1")))
    assert problems(good) == ["events.csv:3:46: not UTF-8 (byte 0xC9); save the file as UTF-8"]


def test_empty_file(good):
    (good / "events.csv").write_text("")
    assert problems(good)[0].startswith("events.csv:1:1: empty file: expected a header row (event_id, date,")


def test_huge_field(good):
    edit(good / "events.csv", "Event e2.", "x" * 200_000)
    assert problems(good) == ["events.csv:3:1: unreadable CSV: a field is longer than 100,000 characters"]


def test_missing_required_file_and_folder(good, tmp_path):
    (good / "sources.csv").unlink()
    assert "sources.csv:1:1: required file sources.csv (or sources.parquet) is missing" in problems(good)
    with pytest.raises(ValidationError, match="dataset folder does not exist"):
        load(tmp_path / "nowhere")


def test_every_problem_is_listed_at_once(good):
    edit(good / "events.csv", "e1,2024-03-11", "e1,2024-02-30")
    edit(good / "positions.csv", ",support,", ",backs,")
    assert len(problems(good)) == 2


def test_pair_restriction(good):
    edit(good / "events.csv", "e3,2024-01,,meeting,IND,BLR", "e3,2024-01,,meeting,IND,RUS")
    ds = load(good, pair="BLR-IND")
    assert list(ds.events["event_id"]) == ["e1", "e2"]


def test_the_real_dataset_holds_no_synthetic_rows(curated_path):
    ds = load(curated_path)
    assert not ds.events["synthetic"].any()
    assert set(ds.sources["source_type"]) == {"press"}


def test_a_changed_file_is_loaded_and_validated_again(good):
    first = load(good)
    edit(good / "facts.csv", ",476,", ",477,")
    assert load(good).facts["value"].tolist() == ["477"] != first.facts["value"].tolist()
    edit(good / "facts.csv", ",477,", ",x,")
    edit(good / "events.csv", "2024-03-11", "2024-03-99")
    assert any("2024-03-99" in p for p in problems(good))


def test_changing_a_loaded_dataset_does_not_change_the_next_load(good):
    first = load(good)
    first.events["summary"] = "changed"
    first.events.loc[0, "event_type"] = "call"
    first.sources["title"] = "changed"
    again = load(good)
    assert "changed" not in set(again.events["summary"]) and "changed" not in set(again.sources["title"])
    assert again.events.loc[0, "event_type"] == "visit"
