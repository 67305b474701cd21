"""The all-pairs table (``bilateral pairs``): a hand-computed store, the same figures as each
pair's summary on random stores and windows, and bad input."""
import datetime as dt
import json
import math
import random

import pandas as pd
import pytest
from store_builders import curated_like_store, write_manifest

from bilateral.cli import main as cli
from bilateral import load
from bilateral.figures import summary
from bilateral.contract import vocab
from bilateral.figures.engagement import FRICTION_QUAD_CLASSES, Window, counted, in_window, pair_events
from bilateral.store import pairs as pairs_table

pytestmark = pytest.mark.integration

D = dt.date.fromisoformat
WINDOW = Window(D("2024-01-01"), D("2024-06-30"), D("2024-06-30"))


def _row(event_id, date, event_type, a1, a2, quad, gold, mentions, part_of=None, cameo="042"):
    return {"event_id": f"syn:{event_id}", "date": date, "end_date": None, "event_type": event_type,
            "actor1_country": a1, "actor2_country": a2, "level": "unknown", "venue": None, "part_of": part_of,
            "topics": None, "summary": f"Synthetic {event_type} (hand-computed all-pairs fixture).",
            "source_id": "syn:coded", "cameo_code": cameo, "goldstein": gold, "quad_class": quad,
            "num_mentions": mentions, "num_sources": 1, "synthetic": "true"}


def hand_store(root):
    """A synthetic machine-coded store whose all-pairs table for 2024-01-01..2024-06-30 is
    worked out by hand in ``test_the_hand_computed_table``."""
    rows = [
        # BLR-IND, both actor orders; a friction row, a row part_of another, a year-dated row
        _row("b1", "2024-01-10", "visit", "IND", "BLR", 1, 1.9, 4),
        _row("b2", "2024-02-05", "visit", "BLR", "IND", 1, 2.8, 6),
        _row("b3", "2024-03-01", "meeting", "IND", "BLR", 2, 4.0, None),
        _row("b4", "2024-03-15", "statement", "BLR", "IND", 3, -2.0, 10, cameo="111"),
        _row("b5", "2024-04-01", "meeting", "IND", "BLR", 1, 3.0, 5, part_of="syn:b3"),
        _row("b6", "2024", "meeting", "IND", "BLR", 1, 1.0, 1),  # the whole year: not inside the window
        _row("b7", "2023-09-01", "call", "IND", "BLR", 1, 1.0, 2),  # previous window
        # CHN-USA: one actor order only, nothing in the previous window
        _row("c1", "2024-05-05", "visit", "USA", "CHN", 1, 1.9, 3),
        _row("c2", "2024-05", "agreement", "USA", "CHN", 1, 8.0, 1),
        # IND-PAK: three meetings before, only friction now
        _row("p1", "2023-08-01", "meeting", "IND", "PAK", 1, 1.0, 1),
        _row("p2", "2023-10-01", "meeting", "IND", "PAK", 1, 1.0, 1),
        _row("p3", "2023-12-31", "meeting", "IND", "PAK", 1, 1.0, 1),
        _row("p4", "2024-02-02", "other", "PAK", "IND", 4, -10.0, 7, cameo="190"),
        # DEU-FRA: only events outside both windows
        _row("f1", "2022-01-01", "meeting", "FRA", "DEU", 1, 1.0, 1),
        _row("f2", "2024-09-01", "meeting", "DEU", "FRA", 1, 1.0, 1),
    ]
    root.mkdir()
    pd.DataFrame(rows).astype({"goldstein": "Float64", "quad_class": "Int64", "num_mentions": "Int64",
                               "num_sources": "Int64", "end_date": "string", "venue": "string",
                               "part_of": "string", "topics": "string"}).to_parquet(root / "events.parquet", index=False)
    pd.DataFrame({"source_id": ["syn:coded"], "title": ["Synthetic machine-coded events (hand-computed fixture)"],
                  "source_type": ["machine-coded"], "url": ["https://synthetic.invalid/pairs"],
                  "published": pd.Series([None], dtype="string")}).to_parquet(root / "sources.parquet", index=False)
    write_manifest(root)
    return root


def test_the_hand_computed_table(tmp_path):
    table = pairs_table.compute(hand_store(tmp_path / "store"), WINDOW.start, WINDOW.end)
    # 182 days: the previous window is the 182 days ending on 31 December
    assert {str(v) for v in table["previous_start"]} == {"2023-07-03"}
    assert {str(v) for v in table["previous_end"]} == {"2023-12-31"}
    # DEU-FRA has no event in either window; IND-PAK's change is the largest (-3), then the
    # two rises of 2 by pair
    assert list(table["pair"]) == ["IND-PAK", "BLR-IND", "CHN-USA"]
    rows = {r["pair"]: r for r in table.to_dict("records")}

    blr = rows["BLR-IND"]
    expected = {"total": 3, "type_visit": 2, "type_meeting": 1, "type_statement": 0, "visits_a_to_b": 1,
                "visits_b_to_a": 1, "mentions": 10, "goldstein_mean": 1.675, "cooperative_share": 0.75,
                "first_event": D("2024-01-10"), "last_event": D("2024-03-01"), "friction": 1, "friction_quad_3": 1,
                "friction_quad_4": 0, "covered": "full", "previous_total": 1, "previous_type_call": 1,
                "previous_visits_a_to_b": 0, "previous_mentions": 2, "previous_goldstein_mean": 1.0,
                "previous_cooperative_share": 1.0, "previous_first_event": D("2023-09-01"),
                "previous_friction": 0, "previous_covered": "partial", "change": 2, "change_ratio": 3.0}
    assert {k: blr[k] for k in expected} == expected

    chn = rows["CHN-USA"]
    expected = {"total": 2, "type_visit": 1, "type_agreement": 1, "visits_a_to_b": 0, "visits_b_to_a": 1,
                "mentions": 4, "goldstein_mean": 4.95, "cooperative_share": 1.0, "first_event": D("2024-05-01"),
                "last_event": D("2024-05-05"), "friction": 0, "covered": "partial", "previous_total": 0,
                "previous_covered": "none", "change": 2}
    assert {k: chn[k] for k in expected} == expected
    assert pd.isna(chn["change_ratio"])  # a previous window of 0: no ratio
    assert pd.isna(chn["previous_goldstein_mean"]) and pd.isna(chn["previous_mentions"])
    assert pd.isna(chn["previous_first_event"])

    pak = rows["IND-PAK"]
    expected = {"total": 0, "friction": 1, "friction_quad_4": 1, "goldstein_mean": -10.0, "cooperative_share": 0.0,
                "previous_total": 3, "previous_type_meeting": 3, "previous_mentions": 3, "change": -3,
                "change_ratio": 0.0, "previous_friction": 0}
    assert {k: pak[k] for k in expected} == expected
    assert pd.isna(pak["first_event"]) and pd.isna(pak["mentions"])


# --------------------------------------------------------------------------- #
# The row of a pair equals its summary, figure by figure
# --------------------------------------------------------------------------- #
def _random_window(rng: random.Random) -> Window:
    start = D("2015-06-01") + dt.timedelta(days=rng.randrange(365 * 10))
    end = start + dt.timedelta(days=rng.choice([0, 91, 200, 365, 800, 1500]))
    return Window(start, end, end)


def _window_figures_of(events: pd.DataFrame, pair, window: Window) -> dict:
    """The table's figures that the summary has no key for, from the loaded rows (pandas)."""
    coded = in_window(counted(pair_events(events, pair)), window)
    gold = coded["goldstein"].dropna() if "goldstein" in coded else pd.Series([], dtype=float)
    quads = coded["quad_class"].dropna() if "quad_class" in coded else pd.Series([], dtype=float)
    friction = coded["machine_coded"].astype(bool) & coded["quad_class"].isin(FRICTION_QUAD_CLASSES)
    days = coded.loc[~friction, "first_day"]
    return {"goldstein_mean": round(math.fsum(gold) / len(gold), 3) if len(gold) else None,
            "cooperative_share": round(float(quads.isin([1, 2]).sum()) / len(quads), 3) if len(quads) else None,
            "first_event": days.min().date() if len(days) else None,
            "last_event": days.max().date() if len(days) else None}


def _none(v):
    return None if v is None or (not isinstance(v, str) and pd.isna(v)) else v


def _assert_row_is_the_summary(row: dict, figures: dict, events: pd.DataFrame, pair, window: Window):
    a, b = pair
    for prefix, eng, w in (("", figures["engagement"], window), ("previous_", figures["engagement"]["previous"],
                                                                 window.previous())):
        assert row[prefix + "total"] == eng["total"]
        assert {t: row[f"{prefix}type_{t}"] for t in vocab.EVENT_TYPES} == {
            t: eng["by_type"].get(t, 0) for t in vocab.EVENT_TYPES}
        assert (row[prefix + "visits_a_to_b"], row[prefix + "visits_b_to_a"]) == (
            eng["visits"][f"{a}->{b}"], eng["visits"][f"{b}->{a}"])
        assert _none(row[prefix + "mentions"]) == eng["mentions"]
        assert row[prefix + "covered"] == eng["covered"]
        friction = figures["engagement"]["friction"]
        if friction is not None:
            f = friction if not prefix else friction["previous"]
            assert row[prefix + "friction"] == f["total"]
            assert {q: row[f"{prefix}friction_quad_{q}"] for q in FRICTION_QUAD_CLASSES} == {
                int(q): n for q, n in f["by_quad_class"].items()}
        else:
            assert row[prefix + "friction"] == 0
        assert {k: _none(row[prefix + k]) for k in ("goldstein_mean", "cooperative_share", "first_event",
                                                    "last_event")} == _window_figures_of(events, pair, w)
    prev_total = figures["engagement"]["previous"]["total"]
    assert row["change"] == figures["engagement"]["total"] - prev_total
    assert _none(row["change_ratio"]) == (round(figures["engagement"]["total"] / prev_total, 3) if prev_total else None)


@pytest.mark.parametrize("kind,seed", [("gdelt", 1), ("gdelt", 2), ("curated", 1), ("curated", 2), ("curated", 3)])
def test_every_row_equals_the_pair_summary(kind, seed, gdelt_store, tmp_path):
    store = gdelt_store if kind == "gdelt" else curated_like_store(tmp_path, seed)
    rng = random.Random(seed * 7919 + len(kind))
    busy = 0  # rows compared with engagements in both windows: the comparison compares something
    for _ in range(4):
        window = _random_window(rng)
        table = pairs_table.compute(store, window.start, window.end)
        rows = {r["pair"]: r for r in table.to_dict("records")}
        listed = sorted(rows)
        # a sample of the listed pairs (the GDELT store has ~200), and a pair with nothing in either window
        chosen = rng.sample(listed, min(4, len(listed)))
        for text in chosen:
            pair = tuple(text.split("-"))
            ds = load(store, pair=text)
            figures = summary.build(ds, pair, window.start, window.end)
            _assert_row_is_the_summary(rows[text], figures, ds.events, pair, window)
            busy += bool(rows[text]["total"] and rows[text]["previous_total"])
        # every pair left out has no counted event in either window
        for text in {"BLR-IND", "BLR-RUS", "CHN-USA", "IND-RUS"} - set(listed):
            figures = summary.build(load(store, pair=text), tuple(text.split("-")), window.start, window.end)
            eng = figures["engagement"]
            assert eng["total"] == eng["previous"]["total"] == 0
            assert not (eng["friction"] or {}).get("total") and not (eng["friction"] or {}).get("previous", {}).get(
                "total")
    assert busy >= 1


def test_a_row_equals_bilateral_summary_json(gdelt_store, capsys):
    table = pairs_table.compute(gdelt_store, D("2023-01-01"), D("2024-06-30"))
    row = table[table["pair"] == "BLR-IND"].iloc[0].to_dict()
    assert cli.main(["summary", "--pair", "BLR-IND", "--start", "2023-01-01", "--end", "2024-06-30",
                     "--data", str(gdelt_store), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["engagement"]["total"] > 0  # the comparison below compares something
    ds = load(gdelt_store, pair="BLR-IND")
    _assert_row_is_the_summary(row, printed, ds.events, ("BLR", "IND"), Window(D("2023-01-01"), D("2024-06-30"),
                                                                            D("2024-06-30")))


# --------------------------------------------------------------------------- #
# The command
# --------------------------------------------------------------------------- #
def test_pairs_prints_the_top_n_and_writes_files(tmp_path, capsys):
    store = hand_store(tmp_path / "store")
    assert cli.main(["pairs", "--data", str(store), "--start", "2024-01-01", "--end", "2024-06-30",
                     "--top", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "window 2024-01-01 to 2024-06-30, previous 2023-07-03 to 2023-12-31"
    assert [line.split()[0] for line in lines[2:]] == ["IND-PAK", "BLR-IND"]
    full = pairs_table.compute(store, D("2024-01-01"), D("2024-06-30"))
    for name in ("t.parquet", "t.csv"):
        out = tmp_path / name
        assert cli.main(["pairs", "--data", str(store), "--start", "2024-01-01", "--end", "2024-06-30",
                         "--out", str(out)]) == 0
        back = pd.read_parquet(out) if name.endswith("parquet") else pd.read_csv(out)
        assert list(back.columns) == pairs_table.COLUMNS
        assert list(back["pair"]) == list(full["pair"])
        assert list(back["change"]) == list(full["change"])
        assert list(back["total"]) == list(full["total"])


def test_the_default_window_is_the_year_to_the_stores_last_event(tmp_path):
    store = hand_store(tmp_path / "store")
    table = pairs_table.compute(store)
    # the store's last counted day is the last of BLR-IND's year-dated row "2024" (as a pair's own
    # default window ends on its last event's last day); 364 days before it is 2 January (2024 is a leap year)
    assert {str(v) for v in table["end"]} == {"2024-12-31"} and {str(v) for v in table["start"]} == {"2024-01-02"}


BAD = [
    (["--engine", "flink"], "parameter 'engine'"),
    (["--engine", "spark", "--spark-master", "spark://unreachable.invalid:7077"], "error"),
    (["--top", "0"], "parameter 'top'"),
    (["--top", "ten"], "parameter 'top'"),
    (["--start", "2024-02-30"], "parameter 'start'"),
    (["--start", "2024-06-01", "--end", "2024-01-01"], "parameter 'start'"),
    (["--end", "2024-13"], "parameter 'end'"),
    (["--out", "{tmp}/table.txt"], "parameter 'out'"),
    (["--out", "{tmp}/missing/table.csv"], "parameter 'out'"),
]


@pytest.mark.parametrize("extra,message", BAD)
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, extra, message, cli_main):
    store = hand_store(tmp_path / "store")
    out = tmp_path / "out"
    out.mkdir()
    args = [a.replace("{tmp}", str(out)) for a in extra]
    if "--out" not in args:
        args += ["--out", str(out / "table.parquet")]
    before = sorted(p.name for p in tmp_path.rglob("*"))
    code, stdout, stderr = cli_main("pairs", "--data", str(store), *args)
    assert code == 1, stderr
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1 and message in stderr, stderr
    assert stdout == ""
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize("data", ["{tmp}/nowhere", "{curated}"])
def test_not_a_store_is_one_line(tmp_path, curated_path, data, cli_main):
    folder = data.replace("{tmp}", str(tmp_path)).replace("{curated}", str(curated_path))
    code, _, stderr = cli_main("pairs", "--data", folder)
    assert code == 1 and "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1 and "parameter 'data'" in stderr
