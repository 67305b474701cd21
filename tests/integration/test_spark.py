"""Spark against DuckDB, row for row: the same store from both importers (the real samples
in ../shared/data/real/ and synthetic exports), the same rows, pairs and summary read from
a store on either engine, the same one-line errors; and nothing of Spark left behind.

Also the all-pairs table and a pair's store summary: the same Ibis expressions
(store.figures) on either engine, row for row and figure by figure (formerly test_pairs_spark.py).

Run in local mode on two cores with a 1 GB heap (engines.LOCAL_DRIVER_MEMORY); one
session (engines.spark_session) for every Spark test of the run, all of them in this
module: Spark starts once in this process, and a session kept alive past this module
would leave a JVM and its threads in the process that later tests' renders fork.
The two subprocesses below start their own: a render (which forks) and the check that
disconnect stops everything.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import EXPORTS, ROOT, run_cli, tree
from store_builders import curated_like_store, gdelt_export

from bilateral import importers, store
from bilateral.briefing import params
from bilateral import source
from bilateral.figures import summary
from bilateral.importers.common import ImportError_
from bilateral.store import engines
from bilateral.store import pairs as pairs_table
from bilateral.store import summary as store_summary

pytest.importorskip("pyspark", reason="PySpark is not installed (pip install -e '.[spark]')")
if not shutil.which("java"):
    pytest.skip("no Java runtime (Spark needs Java 17; .ci/run installs one from Debian)", allow_module_level=True)

REAL = ROOT.parent / "shared" / "data" / "real"
GDELT = [REAL / "gdelt2-20170701234500-sample.export.CSV", REAL / "gdelt1-daily-2016-sample.export.CSV",
         REAL / "gdelt1-backfile-1982-sample.CSV"]
ICEWS = [REAL / "icews-events-2018-06-01_02-sample.tab"]
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason=f"the real samples are not here ({REAL} is absent)")
MASTER = "local[2]"
D = dt.date.fromisoformat


@pytest.fixture(scope="module", autouse=True)
def spark():
    with engines.spark_session(MASTER) as session:
        yield session


def _both(kind, files, tmp, layout="flat"):
    """The same files imported on DuckDB (flat) and on Spark (``layout``): the two stores and reports."""
    files = [str(f) for f in files]
    duck = importers.run(kind, files, str(tmp / "duckdb"))
    spark = importers.run(kind, files, str(tmp / "spark"), engine="spark", master=MASTER, layout=layout)
    return tmp / "duckdb", tmp / "spark", duck, spark


def _schema(path):
    return [(f.name, str(f.type)) for f in pq.read_schema(path)]


@needs_real
@pytest.mark.parametrize("kind, files", [("gdelt", GDELT), ("icews", ICEWS)])
def test_both_importers_write_the_same_store_from_the_real_samples(kind, files, tmp_path):
    duck_dir, spark_dir, duck, spark = _both(kind, files, tmp_path)
    a, b = pd.read_parquet(duck_dir / "events.parquet"), pd.read_parquet(spark_dir / "events.parquet")
    assert len(a) == duck.kept > 400
    pd.testing.assert_frame_equal(a, b)  # row for row, in the same order
    assert _schema(duck_dir / "events.parquet") == _schema(spark_dir / "events.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(duck_dir / "sources.parquet"),
                                  pd.read_parquet(spark_dir / "sources.parquet"))
    assert (duck.read, duck.kept, duck.skipped, duck.unmapped, duck.spans, duck.files) == \
           (spark.read, spark.kept, spark.skipped, spark.unmapped, spark.spans, spark.files)
    manifests = [json.loads((d / "manifest.json").read_text()) for d in (duck_dir, spark_dir)]
    assert manifests[0]["coverage"] == manifests[1]["coverage"] and manifests[0]["layout"] == manifests[1]["layout"]
    assert sorted(manifests[0]["files"]) == sorted(manifests[1]["files"]) == ["events.parquet", "sources.parquet"]
    assert sorted(p.name for p in spark_dir.iterdir()) == ["events.parquet", "manifest.json", "sources.parquet"]


@pytest.fixture(scope="module")
def synthetic(gdelt_exports, layout_stores, tmp_path_factory):
    """Two synthetic exports whose ids overlap with different contents (the repeats to de-duplicate):
    the run's DuckDB store of them (flat, conftest.py) and Spark's import of them, partitioned by year."""
    duck_dir, _, duck = layout_stores
    spark_dir = tmp_path_factory.mktemp("synthetic") / "spark"
    spark = importers.run("gdelt", [str(f) for f in gdelt_exports], str(spark_dir), engine="spark", master=MASTER,
                          layout="year")
    return duck_dir, spark_dir, duck, spark


def test_both_importers_write_the_same_rows_from_synthetic_exports(synthetic):
    duck_dir, spark_dir, duck, spark = synthetic
    assert duck.skipped["the same GLOBALEVENTID in an earlier row or file"] == EXPORTS[1][1]  # all of the second
    assert (duck.read, duck.kept, duck.skipped, duck.spans) == (spark.read, spark.kept, spark.skipped, spark.spans)
    assert store.partitioned(spark_dir) and not store.partitioned(duck_dir)
    a = pd.read_parquet(duck_dir / "events.parquet")
    b = pd.concat([pd.read_parquet(f) for f in store.event_files(spark_dir)], ignore_index=True)
    key = ["event_id"]
    pd.testing.assert_frame_equal(a.sort_values(key, ignore_index=True), b.sort_values(key, ignore_index=True))
    assert {_schema(f) == _schema(duck_dir / "events.parquet") for f in store.event_files(spark_dir)} == {True}
    assert a["synthetic"].all()


def test_a_store_reads_the_same_on_spark_as_on_duckdb(synthetic):
    duck_dir, spark_dir, *_ = synthetic
    for root in (duck_dir, spark_dir):  # both layouts, on both engines
        where = store.events_location(root)
        on = {e: store.read_events(where, ("USA", "CHN"), e, MASTER) for e in engines.ENGINES}
        assert len(on["duckdb"]) > 10
        key = ["event_id"]
        pd.testing.assert_frame_equal(on["duckdb"].sort_values(key, ignore_index=True),
                                      on["spark"].sort_values(key, ignore_index=True), check_dtype=False)
        assert store.pairs_present(root, "spark", MASTER) == store.pairs_present(root)
        assert store.pair_has_rows(root, ("USA", "CHN"), "spark", MASTER)
        assert not store.pair_has_rows(root, ("IND", "NZL"), "spark", MASTER)
        figures = {e: source.summary(params.check("USA-CHN", "2017-01-01", "2021-12-31", data=root, engine=e,
                                                    spark_master=MASTER)) for e in engines.ENGINES}
        assert figures["duckdb"]["engagement"]["total"] > 0
        assert figures["duckdb"] == figures["spark"]


def test_a_bad_line_is_named_the_same_on_both_engines_and_nothing_is_written(tmp_path):
    bad = gdelt_export(tmp_path / "bad.export.CSV", 50, 0)
    lines = bad.read_text().splitlines(keepends=True)
    fields = lines[2].split("\t")
    fields[1] = "2017-07-01"  # SQLDATE is YYYYMMDD
    lines[2] = "\t".join(fields)
    bad.write_text("".join(lines))
    messages = []
    for engine in engines.ENGINES:
        with pytest.raises(ImportError_) as err:
            importers.run("gdelt", [str(bad)], str(tmp_path / engine), engine=engine, master=MASTER)
        messages.append(str(err.value))
        assert tree(tmp_path / engine) == {}
    assert messages[0] == messages[1] == f"{bad}:3:2: '2017-07-01' is not a date (SQLDATE is YYYYMMDD)"


def test_an_unreachable_master_is_one_line_and_writes_nothing(tmp_path):
    code, out, err = run_cli("import", "gdelt", str(ROOT / "benchmarks" / "make_gdelt.py"), "--out",
                             str(tmp_path / "s"), "--engine", "spark", "--spark-master", "spark://127.0.0.1:1")
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
    assert "spark://127.0.0.1:1 is unreachable" in err and "Traceback" not in err
    assert not (tmp_path / "s").exists() and list(tmp_path.iterdir()) == []


STOPS = """
import threading
from pyspark import SparkContext
from bilateral.store import engines
from bilateral.store import pairs as pairs_table
from bilateral.store import summary as store_summary
con = engines.connect("spark", "local[1]")
assert con.sql("SELECT 41 + 1 AS x").to_pyarrow()["x"][0].as_py() == 42
jvm = SparkContext._gateway.proc
con.disconnect()
print(jvm.poll() is not None, SparkContext._gateway is None, threading.active_count())
"""


def test_disconnect_leaves_no_jvm_and_no_thread_behind():
    """A render forks after reading on Spark: nothing of Spark may be alive by then."""
    out = subprocess.run([sys.executable, "-c", STOPS], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "True", "1"]


def test_render_on_spark_reads_in_the_parent_and_gives_the_duckdb_briefing_figures(synthetic, tmp_path):
    duck_dir, spark_dir, *_ = synthetic
    sidecars = []
    for engine, data in (("duckdb", duck_dir), ("spark", spark_dir)):
        code, out, err = run_cli("render", "--pair", "USA-CHN", "--data", str(data), "--format", "html", "--quiet",
                                 "--out", str(tmp_path / engine), "--engine", engine, "--spark-master", "local[1]")
        assert code == 0, err
        [sidecar] = (tmp_path / engine / "USA-CHN").glob("*.json")
        sidecars.append(json.loads(sidecar.read_text()))
    assert sidecars[0]["summary"]["engagement"]["total"] > 0
    assert sidecars[0]["summary"] == sidecars[1]["summary"]


def test_the_all_pairs_table_is_the_same_from_either_importer_layout_and_engine(synthetic):
    """The tests at the end compare the engines on one store; here also the store Spark wrote, partitioned."""
    from bilateral.store import pairs

    duck_dir, spark_dir, *_ = synthetic
    tables = [pairs.compute(root, None, None, engine, MASTER)
              for root, engine in ((duck_dir, "duckdb"), (spark_dir, "spark"), (duck_dir, "spark"))]
    assert len(tables[0]) > 50 and tables[0]["total"].sum() > 0
    for other in tables[1:]:
        pd.testing.assert_frame_equal(tables[0], other)


# --------------------------------------------------------------------------- #
# The all-pairs table and a pair's store summary on one store, either engine
# --------------------------------------------------------------------------- #
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
