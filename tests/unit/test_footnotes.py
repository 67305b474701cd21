"""Every generated sentence names the rows it was computed from, and says what those rows give.

The truth test (tests/truth.py) recomputes each figure a sentence states from exactly the rows
it cites; removing any one cited row from the data must make it fail."""
import copy
import dataclasses

import pytest
from editions_data import version1, version2
from truth import check, check_all

from bilateral.render import plan as render
from bilateral.dataset.load import for_pair
from bilateral.briefing import footnotes as cite

PAIR = ["IND", "BLR"]


def planned(tmp_path, data=None, name="out"):
    return render.plan("IND-BLR", data=data, out=tmp_path / name)


@pytest.fixture(scope="module")
def fixture_plan(tmp_path_factory):
    return render.plan("IND-BLR", out=tmp_path_factory.mktemp("out"))


def test_every_generated_sentence_is_footnoted_and_true(fixture_plan):
    sentences = fixture_plan.sentences
    sections = {s["section"] for s in sentences}
    assert {"glance", "timeline chart title", "frequency chart title", "visits chart title", "frequency cadence",
            "topics chart title"} <= sections
    for s in sentences:  # a row, or the table searched, or where the figure comes from
        assert s["rows"] or s["searched"] or any(c["basis"] for c in s["claims"]), s["text"]
    assert check_all(sentences, fixture_plan.rows, PAIR) == []


def test_a_count_of_zero_says_which_table_was_searched(fixture_plan):
    engagements = next(s for s in fixture_plan.sentences if s["text"].startswith("Two engagements"))
    zero = next(c for c in engagements["claims"] if c["figure"] == "visits" and c["value"] == 0)
    assert zero["rows"] == {"events": []} and zero["searched"] == "the timeline table"
    assert "the timeline table" in engagements["searched"]


def _without(ds, kind: str, row_id: str):
    column = {"events": "event_id", "positions": "position_id", "sources": "source_id"}[kind]
    frame = getattr(ds, kind)
    return dataclasses.replace(ds, **{kind: frame[frame[column] != row_id].reset_index(drop=True)})


def test_removing_any_cited_row_makes_the_truth_test_fail(fixture_plan):
    ds, tried = fixture_plan.rows, 0
    for s in fixture_plan.sentences:
        for kind, ids in s["rows"].items():
            for row_id in ids:
                assert check(s, _without(ds, kind, row_id), PAIR), f"{kind} {row_id} removed, still true: {s['text']}"
                tried += 1
    assert tried >= 20


def test_citing_one_row_fewer_makes_the_truth_test_fail(fixture_plan):
    s = copy.deepcopy(next(s for s in fixture_plan.sentences if s["section"] == "topics chart title"))
    for c in s["claims"]:
        c["rows"]["positions"] = c["rows"]["positions"][1:]
    assert check(s, fixture_plan.rows, PAIR)


def test_the_second_edition_is_true_too_and_cites_its_change(tmp_path):
    version1(tmp_path / "v1")
    v2 = version2(tmp_path / "v2")
    first = render.plan("IND-BLR", data=tmp_path / "v1" / "india-belarus", out=tmp_path / "out")
    side = first.sidecar()
    (tmp_path / "out" / "IND-BLR").mkdir(parents=True)
    import json

    (tmp_path / "out" / "IND-BLR" / "old.json").write_text(json.dumps(side), encoding="utf-8")
    second = render.plan("IND-BLR", data=v2, out=tmp_path / "out")
    glance = [s for s in second.sentences if s["section"] == "glance"]
    assert 4 <= len(glance) <= 6
    change = glance[0]
    assert change["text"].startswith("Since the briefing rendered on")
    assert "Belarus’s stance on UN Security Council reform has changed from support to neutral" in change["text"]
    assert change["rows"] == {"positions": ["synthetic-pos-blr-unsc-neutral"]}
    assert check_all(second.sentences, for_pair(v2, "IND-BLR"), PAIR) == []


def test_marks_link_each_row_and_fold_runs():
    s = cite.Sentence("x", "glance", [cite.claim("engagements", 4, {"events": ["a", "b", "c", "e"]}),
                                      cite.claim("visits", 0, {"events": []})])
    labels = {"events": {"a": "E1", "b": "E2", "c": "E3", "e": "E5"}}
    m = cite.marks(s, labels)
    assert [(l["label"], l["to"] and l["to"]["label"]) for l in m["links"]] == [("E1", "E3"), ("E5", None)]
    assert m["links"][0]["href"] == "ev-a" and m["searched"][0]["table"] == "the timeline table"
    assert cite.marks(cite.Sentence("y", "g", [cite.claim("engagements", 1, {"events": ["z"]})]), labels)["unlisted"] == 1


def test_anchors_are_stable_and_safe():
    assert cite.anchor("events", "ind-blr-2024-03-11-visit") == "ev-ind-blr-2024-03-11-visit"
    assert cite.anchor("events", "gdelt:1101") == "ev-gdelt:1101"
    odd = cite.anchor("positions", 'a "quoted" id')
    assert odd.startswith("pos-h") and odd == cite.anchor("positions", 'a "quoted" id') and '"' not in odd


def test_machine_coded_sentences_are_true_for_their_rows_too(tmp_path):
    from test_sentences_true_for_the_data import machine_dataset

    data = machine_dataset(tmp_path / "gdelt")
    the_plan = render.plan("IND-BLR", data=data, out=tmp_path / "out")
    friction = next(s for s in the_plan.sentences if s["text"].startswith("Friction, counted apart"))
    assert friction["rows"] == {"events": ["m2"]}
    assert check_all(the_plan.sentences, the_plan.rows, PAIR) == []
    assert check(friction, _without(the_plan.rows, "events", "m2"), PAIR)
