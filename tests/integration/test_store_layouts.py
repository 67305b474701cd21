"""A store written flat (events.parquet) and partitioned by year (events/year=YYYY/) reads the same."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import ROOT

from bilateral import load, store
from bilateral.store.validate import validate_store

REAL = ROOT.parent / "shared" / "data" / "real"


@pytest.fixture
def stores(layout_stores):
    """The same synthetic GDELT export (two files, overlapping ids) imported in both layouts (conftest.py)."""
    flat, year, _ = layout_stores
    return flat, year


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("event_id").reset_index(drop=True)


def test_the_partitioned_store_is_laid_out_by_year_with_the_year_in_folder_names_only(stores):
    flat, year = stores
    assert [p.name for p in store.event_files(flat)] == ["events.parquet"]
    folders = sorted({p.parent.name for p in store.event_files(year)})
    assert folders == [f"year={y}" for y in range(2015, 2025)]
    assert "year" not in pd.read_parquet(store.event_files(year)[0]).columns
    manifest = json.loads((year / "manifest.json").read_text())
    assert manifest["layout"] == "year"
    assert set(manifest["files"]) == {p.relative_to(year).as_posix() for p in store.event_files(year)} | {"sources.parquet"}


def test_both_layouts_read_the_same_rows_pairs_and_summary(stores, cli_main):
    flat, year = stores
    assert store.is_store(flat) and store.is_store(year)
    a = store.read_events(store.events_location(flat))
    b = store.read_events(store.events_location(year))
    assert len(a) > 1000 and list(a.columns) == list(b.columns)
    pd.testing.assert_frame_equal(_sorted(a), _sorted(b))
    assert store.pairs_present(flat) == store.pairs_present(year)
    assert store.pair_has_rows(year, ("IND", "BLR")) and not store.pair_has_rows(year, ("IND", "NZL"))
    pd.testing.assert_frame_equal(_sorted(load(flat, pair="IND-BLR").events), _sorted(load(year, pair="IND-BLR").events))
    assert validate_store(flat).split(":", 1)[1] == validate_store(year).split(":", 1)[1]
    outs = [cli_main("summary", "--pair", "IND-BLR", "--data", str(s), "--json") for s in (flat, year)]
    assert outs[0][0] == 0 and outs[0][1] == outs[1][1]


def test_a_changed_partition_file_fails_validation(stores, tmp_path):
    import shutil

    _, year = stores
    copy = tmp_path / "copy"
    shutil.copytree(year, copy)
    with open(store.event_files(copy)[0], "ab") as fh:
        fh.write(b"\0")
    with pytest.raises(Exception, match="checksum does not match"):
        validate_store(copy)
