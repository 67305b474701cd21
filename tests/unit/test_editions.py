"""Editions: the comparison of two sidecars, item by item, and `bilateral diff` on it."""
import json

import pytest
from editions_data import (ADDED_EVENT, BACKGROUND_ID, CHANGED_POSITION, READOUT_ID, STANCE_QUOTE, version1,
                           version2)

from bilateral.cli import main as cli
from bilateral.render import editions as edition_files, plan as render
from bilateral.briefing import what_changed
from bilateral.figures import editions
from bilateral.cli.diff import SCHEMA


@pytest.fixture(scope="module")
def sidecars(tmp_path_factory):
    """The sidecars of two editions of India–Belarus: the frozen fixture plus a synthetic source (v1),
    then one event added, one stance changed and that source removed (v2)."""
    root = tmp_path_factory.mktemp("editions")
    out = root / "out"
    sides = []
    for make, name in ((version1, "v1"), (version2, "v2")):
        data = make(root / name)
        side = render.plan("IND-BLR", data=data, out=out).sidecar()
        path = root / f"{name}.json"
        path.write_text(json.dumps(side), encoding="utf-8")
        sides.append((path, side))
    return sides


def test_the_comparison_names_every_change(sidecars):
    (_, old), (_, new) = sidecars
    c = editions.compare(old, new)
    assert c["changed"] and c["data_changed"] and c["not_comparable"] == []
    assert [(e["id"], e["date"]) for e in c["events"]["added"]] == [(ADDED_EVENT, "2024-02-15")]
    assert c["events"]["added"][0]["summary"].startswith("Synthetic test row: the foreign ministers")
    assert c["events"]["removed"] == []
    assert [s["id"] for s in c["sources"]["added"]] == [READOUT_ID]
    assert [s["id"] for s in c["sources"]["removed"]] == [BACKGROUND_ID]
    assert c["stances"] == [{"topic": "unsc_reform", "side": "BLR", "old": "support", "new": "neutral",
                             "position_id": CHANGED_POSITION, "quote": STANCE_QUOTE,
                             "summary": "Synthetic test row: Belarus is neutral on UN Security Council reform."}]
    moved = {f["figure"]: (f["old"], f["new"]) for f in c["figures"]}
    assert moved == {"engagement.total": (2, 3), "engagement.high_level": (2, 3),
                     "alignment.unsc_reform": ("aligned", "other")}
    assert editions.most_important(c)[0] == "stance"


def test_the_same_edition_twice_is_no_change(sidecars):
    (_, old), _ = sidecars
    c = editions.compare(old, old)
    assert not c["changed"] and editions.most_important(c) is None
    assert what_changed.glance_sentence(c, {"IND": "India", "BLR": "Belarus"}).endswith("nothing has changed: the same "
                                                                                    "events, sources, stances and figures.")


def test_another_window_or_dataset_is_said_not_comparable(sidecars):
    (_, old), (_, new) = sidecars
    other = json.loads(json.dumps(new))
    other["summary"]["start"] = "2024-03-01"
    other["dataset"]["name"] = "india-belarus-gdelt"
    c = editions.compare(old, other)
    assert [i["what"] for i in c["not_comparable"]] == ["window", "dataset"]
    lines = what_changed.lines(c, {"IND": "India", "BLR": "Belarus"})
    assert any(line.startswith("The window differs (2024-01-19 to 2024-03-13 then, 2024-03-01 to 2024-03-13 now)")
               for line in lines)
    assert editions.most_important(c)[0] == "not_comparable"


def test_bilateral_diff_prints_each_change_and_exits_1(sidecars, capsys):
    (old_path, _), (new_path, _) = sidecars
    assert cli.main(["diff", str(old_path), str(new_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"Event added: {ADDED_EVENT} (2024-02-15): Synthetic test row: the foreign ministers of Belarus and India " \
           "speak by telephone." in out
    assert f"Source added: {READOUT_ID}: Synthetic readout of a telephone call (test data)" in out
    assert f"Source removed: {BACKGROUND_ID}: Synthetic background note (test data)" in out
    assert f"Stance changed: Belarus on UN Security Council reform: support → neutral: “{STANCE_QUOTE}”" in out
    assert "Figure moved: Engagements in the window: 2 → 3" in out
    assert "Figure moved: Alignment on UN Security Council reform: aligned → other" in out


def test_bilateral_diff_json_follows_its_schema_and_exits_0_when_nothing_changed(sidecars, capsys):
    jsonschema = pytest.importorskip("jsonschema")
    (old_path, _), (new_path, _) = sidecars
    assert cli.main(["diff", str(old_path), str(new_path), "--json"]) == 1
    printed = json.loads(capsys.readouterr().out)
    jsonschema.validate(printed, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert printed["stances"][0]["position_id"] == CHANGED_POSITION
    assert cli.main(["diff", str(old_path), str(old_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["changed"] is False


def test_bad_input_is_one_line_and_exit_2(sidecars, tmp_path, capsys):
    (old_path, old), _ = sidecars
    broken = tmp_path / "broken.json"
    broken.write_text('{"pair": "IND-BLR",\n  "summary": }\n', encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({**old, "pair": "IND-RUS"}), encoding="utf-8")
    table = tmp_path / "table.json"
    table.write_text('{"events": []}', encoding="utf-8")
    for args, expected in (([str(broken), str(old_path)], f"{broken}:2:14: not JSON"),
                           ([str(old_path), str(other)], "briefings of different pairs (IND-BLR and IND-RUS)"),
                           ([str(table), str(old_path)], f"{table}: not a briefing sidecar"),
                           ([str(tmp_path / "missing.json"), str(old_path)], "missing.json: no such file")):
        assert cli.main(["diff", *args]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and expected in err and "Traceback" not in err, err


def test_the_previous_edition_is_the_latest_earlier_one_of_the_pair(sidecars, tmp_path):
    (_, old), (_, new) = sidecars
    for folder, side, at in (("IND-BLR", old, "2026-01-01T10:00:00+00:00"),
                             ("IND-BLR/editions/STEM", new, "2026-01-02T10:00:00+00:00"),
                             ("IND-RUS", {**new, "pair": "IND-RUS"}, "2026-01-03T10:00:00+00:00"),
                             ("IND-BLR", {**new, "rendered_at": "later"}, "2026-01-09T10:00:00+00:00")):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / f"{at[:10]}.json").write_text(json.dumps({**side, "rendered_at": at}), encoding="utf-8")
    (tmp_path / "IND-BLR" / "notes.json").write_text("[1, 2]", encoding="utf-8")
    path, side = edition_files.previous(tmp_path, "BLR-IND", "2026-01-05T00:00:00+00:00")
    assert path == tmp_path / "IND-BLR/editions/STEM/2026-01-02.json"
    assert edition_files.previous(tmp_path, "IND-BLR", "2026-01-01T09:00:00+00:00") is None


def test_a_kept_edition_is_never_overwritten(tmp_path):
    first = edition_files.history_targets(tmp_path, "STEM", "2026-11-30T07:31:02+00:00", ["html", "json"])
    assert first["json"] == tmp_path / "editions" / "STEM" / "2026-11-30T07-31-02Z.json"
    first["json"].parent.mkdir(parents=True)
    first["json"].write_text("{}")
    second = edition_files.history_targets(tmp_path, "STEM", "2026-11-30T07:31:02+00:00", ["html", "json"])
    assert second["json"].name == "2026-11-30T07-31-02Z-2.json"
