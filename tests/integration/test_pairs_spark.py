"""The all-pairs table and a pair's store summary are the same on Spark as on DuckDB: the
same Ibis expressions (store.figures) on either engine, row for row and figure by figure.

Skipped where Spark cannot run (no PySpark, no Java);
local mode on two cores, one session for the module."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from conftest import ROOT
from store_builders import curated_like_store

from bilateral import importers
from bilateral.store import engines
from bilateral.store import pairs as pairs_table
from bilateral.store import summary as store_summary

pytestmark = pytest.mark.integration
pytest.importorskip("pyspark", reason="PySpark is not installed (pip install -e '.[spark]')")
if not shutil.which("java"):
    pytest.skip("no Java runtime (Spark needs Java 17)", allow_module_level=True)

MASTER = "local[2]"
D = dt.date.fromisoformat


@pytest.fixture(scope="module", autouse=True)
def spark():
    with engines.spark_session(MASTER) as session:
        yield session


@pytest.fixture(scope="module")
def gdelt_store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gdelt")
    file = tmp / "g.export.CSV"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_gdelt.py"), "8000", "--out", str(file),
                    "--seed", "13"], check=True, capture_output=True)
    importers.run("gdelt", [str(file)], str(tmp / "store"))
    return tmp / "store"


@pytest.mark.parametrize("kind", ["gdelt", "curated"])
def test_the_all_pairs_table_is_the_same_on_spark(kind, gdelt_store, tmp_path):
    store = gdelt_store if kind == "gdelt" else curated_like_store(tmp_path, 4)
    for start, end in ((D("2023-01-01"), D("2024-06-30")), (None, None)):
        duck = pairs_table.compute(store, start, end, "duckdb")
        spark = pairs_table.compute(store, start, end, "spark", MASTER)
        assert len(duck) > 2 and duck["total"].sum() > 0
        pd.testing.assert_frame_equal(duck, spark)


@pytest.mark.parametrize("pair", ["BLR-IND", "CHN-USA"])
def test_a_pair_summary_is_the_same_on_spark(pair, gdelt_store):
    codes = tuple(pair.split("-"))
    for window in ((None, None), (D("2022-01-01"), D("2023-12-31"))):
        duck = store_summary.build(gdelt_store, codes, *window, engine="duckdb")
        spark = store_summary.build(gdelt_store, codes, *window, engine="spark", master=MASTER)
        assert duck is not None and duck["engagement"]["total"] > 0
        assert spark == duck
