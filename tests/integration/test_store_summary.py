"""A store's summary straight from DuckDB equals summary.build on the loaded store."""
import datetime as dt
import json

import pandas as pd
import pytest
from builders import SCORES, SHUFFLED
from store_builders import curated_like_store, write_manifest
from conftest import CURATED

from bilateral import load
from bilateral.figures import summary
from bilateral.store import summary as store_summary

pytestmark = pytest.mark.integration

D = dt.date.fromisoformat
WINDOWS = [  # start, end, as_of
    (None, None, None),
    (D("2018-01-01"), D("2019-06-30"), None),
    (D("2021-03-15"), None, None),
    (None, D("2020-12-31"), D("2021-02-01")),
    (D("2030-01-01"), D("2030-12-31"), None),  # no events at all
]


def _both(store, pair, start, end, as_of, min_sources=0):
    fast = store_summary.build(store, tuple(pair.split("-")), start, end, as_of, today=D("2025-01-01"),
                               min_sources=min_sources)
    full = summary.build(load(store, pair=pair, min_sources=min_sources), tuple(pair.split("-")), start, end, as_of,
                         today=D("2025-01-01"))
    return fast, full


@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("pair", ["IND-BLR", "BLR-IND", "USA-CHN", "RUS-UKR"])
@pytest.mark.parametrize("min_sources", [0, 4])
def test_gdelt_store_summary_equals_the_loaded_one(gdelt_store, pair, window, min_sources):
    fast, full = _both(gdelt_store, pair, *window, min_sources=min_sources)
    assert fast is not None, "the fast path declined an importer's store"
    assert fast == full
    assert json.dumps(fast) == json.dumps(full)  # the same keys in the same order: the same JSON


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("pair", ["IND-BLR", "RUS-IND", "BLR-RUS"])
def test_curated_like_store_summary_equals_the_loaded_one(tmp_path, seed, pair):
    store = curated_like_store(tmp_path, seed)
    for window in WINDOWS:
        for min_sources in (0, 3):
            fast, full = _both(store, pair, *window, min_sources=min_sources)
            assert fast is not None
            assert fast == full, (window, min_sources)
    # the figures this store exercises, so that the comparison above means something
    eng = store_summary.build(store, tuple(pair.split("-")))["engagement"]
    assert eng["high_level"] and eng["venues"]["multilateral"] and eng["undated"] and eng["cooperation"]
    assert eng["median_days_between_high_level"] is not None and eng["last_high_level"]


def test_a_store_it_cannot_vouch_for_goes_through_the_full_load(gdelt_store, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(gdelt_store, copy)
    assert store_summary.build(copy, ("IND", "BLR")) is not None
    (copy / "positions.parquet").write_bytes((copy / "sources.parquet").read_bytes())
    assert store_summary.build(copy, ("IND", "BLR")) is None      # a table the importer does not write
    (copy / "positions.parquet").unlink()
    with open(copy / "events.parquet", "ab") as fh:
        fh.write(b"\0")
    assert store_summary.build(copy, ("IND", "BLR")) is None      # changed since its manifest
    assert store_summary.build(CURATED, ("IND", "BLR")) is None  # curated CSVs


def test_cli_summary_on_a_store_takes_the_fast_path(gdelt_store, monkeypatch, capsys):
    from bilateral.cli import main as cli
    from bilateral.dataset import load as dataset

    monkeypatch.setattr(dataset, "load", lambda *a, **k: pytest.fail("the store was loaded in full"))
    assert cli.main(["summary", "--pair", "IND-BLR", "--data", str(gdelt_store), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    monkeypatch.undo()
    # the command adds the pair's UN General Assembly votes (unga) to the dataset's figures
    assert printed.pop("unga")["joint"] > 0
    assert printed == summary.build(load(gdelt_store, pair="IND-BLR"), ("IND", "BLR"))


def test_the_monthly_goldstein_mean_does_not_depend_on_row_order(tmp_path):
    means = []
    for name, scores in (("a", SCORES), ("b", SHUFFLED)):
        store = tmp_path / name
        store.mkdir()
        n = len(scores)
        events = pd.DataFrame({
            "event_id": [f"gdelt:{i}" for i in range(n)], "date": [f"2024-01-{i % 28 + 1:02d}" for i in range(n)],
            "end_date": pd.Series([None] * n, dtype="string"), "event_type": ["visit"] * n,
            "actor1_country": ["IND"] * n, "actor2_country": ["BLR"] * n, "level": ["unknown"] * n,
            "venue": pd.Series([None] * n, dtype="string"), "part_of": pd.Series([None] * n, dtype="string"),
            "topics": pd.Series([None] * n, dtype="string"), "summary": ["CAMEO 042"] * n,
            "source_id": ["gdelt:0"] * n, "cameo_code": ["042"] * n, "goldstein": scores,
            "quad_class": [1] * n, "num_mentions": [1] * n, "num_sources": [1] * n})
        events.to_parquet(store / "events.parquet", index=False)
        pd.DataFrame({"source_id": ["gdelt:0"], "title": ["GDELT export"], "source_type": ["machine-coded"],
                      "url": ["http://data.gdeltproject.org/gdeltv2/20240131000000.export.CSV.zip"],
                      "published": pd.Series([None], dtype="string")}).to_parquet(store / "sources.parquet",
                                                                                 index=False)
        write_manifest(store)
        fast = store_summary.build(store, ("IND", "BLR"))
        assert fast == summary.build(load(store, pair="IND-BLR"), ("IND", "BLR"))
        means.append(fast["engagement"]["cooperation"]["2024-01"]["goldstein_mean"])
    assert means == [1.272, 1.272]
