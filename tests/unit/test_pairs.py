"""A dataset knows its relationship: nothing of another pair, nothing later than the as-of day."""
import datetime as dt
import hashlib
import json

import pytest
from builders import DOC, QUOTE, event, position, write_dataset

from bilateral import ParameterError, ValidationError, load
from bilateral.figures import alignment
from bilateral.dataset.load import facts_as_of, for_pair

OTHER_DOC = "India and Pakistan held talks. A second source sentence.\n"


def _two_sources(root):
    """src (published 2024-03-11) for IND-BLR rows, other (2024-05-01) for IND-PAK rows."""
    (root / "sources" / "other.txt").write_text(OTHER_DOC, encoding="utf-8")
    sha = hashlib.sha256(OTHER_DOC.encode()).hexdigest()
    doc_sha = hashlib.sha256(DOC.encode()).hexdigest()
    (root / "sources.csv").write_text(
        "source_id,title,published,source_type,file,sha256\n"
        f"src,First,2024-03-11,press,sources/doc.txt,{doc_sha}\n"
        f"other,Second,2024-05-01,press,sources/other.txt,{sha}\n", encoding="utf-8")


@pytest.fixture
def two_pairs(tmp_path):
    root = write_dataset(tmp_path / "ds", events=[
        event("e1", "2024-03-11"),
        event("e2", "2024-05-01", actor2_country="PAK", source_id="other", source_quote="India and Pakistan held talks."),
    ], positions=[position("p1", "2024-03-11", "IND", "unsc_reform", "interest", "IND")],
        facts=[{"fact_id": "f1", "category": "community", "key": "students", "value": "476", "unit": "",
                "as_of": "", "pair": "IND-BLR", "source_id": "src", "source_quote": QUOTE},
               {"fact_id": "f2", "category": "community", "key": "students", "value": "9", "unit": "",
                "as_of": "", "pair": "PAK-IND", "source_id": "other", "source_quote": "A second source sentence."}],
        conflicts=[{"conflict_id": "c1", "source_id": "other", "field": "x", "value_a": "a", "value_b": "b",
                    "chosen": "a", "reason": "test"}])
    _two_sources(root)
    (root / "dataset.json").write_text(json.dumps({"title": "Test", "pairs": ["IND-BLR", "IND-PAK"]}), encoding="utf-8")
    return root


def test_a_pair_sees_only_its_own_rows_and_the_sources_they_cite(two_pairs):
    blr = for_pair(two_pairs, "BLR-IND")
    assert list(blr.events["event_id"]) == ["e1"]
    assert list(blr.positions["position_id"]) == ["p1"]
    assert list(blr.facts["fact_id"]) == ["f1"]          # each fact names its pair: the dataset declares two
    assert list(blr.sources["source_id"]) == ["src"] and blr.conflicts.empty
    pak = for_pair(two_pairs, "IND-PAK")
    assert list(pak.events["event_id"]) == ["e2"]
    assert list(pak.positions["position_id"]) == ["p1"]  # India's own bid: a stance in both declared relationships
    assert list(pak.facts["fact_id"]) == ["f2"]          # a fact naming its pair, either order
    assert list(pak.sources["source_id"]) == ["src", "other"]  # src: the source of p1
    assert list(pak.conflicts["conflict_id"]) == ["c1"]


def test_a_pair_with_no_rows_names_the_pairs_present(two_pairs):
    with pytest.raises(ParameterError) as info:
        for_pair(two_pairs, "IND-CHN")
    assert str(info.value).endswith("holds no rows of IND-CHN; the pairs it holds: IND-BLR, IND-PAK")


def test_a_declared_pair_without_events_is_not_an_error(two_pairs):
    (two_pairs / "dataset.json").write_text('{"pairs": ["IND-BLR", "IND-CHN", "IND-PAK"]}', encoding="utf-8")
    assert for_pair(two_pairs, "CHN-IND").events.empty


def test_facts_are_shown_only_as_of_their_sources_date(two_pairs):
    ds = load(two_pairs)
    assert list(facts_as_of(ds, dt.date(2024, 4, 1)).facts["fact_id"]) == ["f1"]
    assert list(facts_as_of(ds, dt.date(2024, 3, 10)).facts["fact_id"]) == []
    assert list(facts_as_of(ds, dt.date(2024, 5, 1)).facts["fact_id"]) == ["f1", "f2"]


@pytest.mark.parametrize("text,message", [
    ("{", "dataset.json:1:2: not valid JSON"),
    ('["IND-BLR"]', "dataset.json:1:1: expected a JSON object"),
    ('{"pairs": ["IND-XX"]}', "dataset.json:1:1: \"pairs\": 'IND-XX' is not two different ISO 3166-1 alpha-3 codes"),
    ('{"pairs": "IND-BLR"}', 'dataset.json:1:1: "pairs" must be a list'),
])
def test_a_bad_metadata_file_is_named(two_pairs, text, message):
    (two_pairs / "dataset.json").write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load(two_pairs)
    assert any(message in p for p in info.value.problems), info.value.problems


def test_an_attained_bid_closes_like_the_bid_it_follows():
    assert alignment.status("attained", "BLR", "BLR", "support", "BLR", "IND") == "aligned"
    assert alignment.status("oppose", None, "IND", "attained", "BLR", "BLR") == "divergent"
