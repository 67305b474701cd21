"""The engine registry's bad input: each a one-line ParameterError, before any JVM starts."""
from __future__ import annotations

import builtins
import time

import pytest

from bilateral.errors import ParameterError
from bilateral.store import engines


def test_an_unknown_engine_is_named():
    with pytest.raises(ParameterError, match=r"'flink' is not an engine; use one of duckdb, spark"):
        engines.connect("flink")


@pytest.mark.parametrize("master", ["localhost", "spark:/h:7077", "local[two]", "http://h:7077"])
def test_a_master_that_is_no_spark_url_is_named(master):
    with pytest.raises(ParameterError, match="is not a Spark master URL"):
        engines.spark_master(master)


def test_the_master_comes_from_the_option_then_the_environment_then_local(monkeypatch):
    monkeypatch.delenv(engines.MASTER_ENV, raising=False)
    assert engines.spark_master() == "local[*]"
    monkeypatch.setenv(engines.MASTER_ENV, "spark://h:7077")
    assert engines.spark_master() == "spark://h:7077"
    assert engines.spark_master("local[2]") == "local[2]"


def test_an_unreachable_master_fails_fast_in_one_line():
    pytest.importorskip("pyspark", reason="PySpark is not installed (pip install -e '.[spark]')")
    t = time.monotonic()
    with pytest.raises(ParameterError) as err:
        engines.connect("spark", "spark://127.0.0.1:1")
    assert time.monotonic() - t < engines.MASTER_TIMEOUT + 5  # no minute of registration retries
    message = str(err.value)
    assert "spark://127.0.0.1:1 is unreachable" in message and "\n" not in message


def test_without_pyspark_the_error_says_what_to_install(monkeypatch):
    real_import = builtins.__import__

    def no_pyspark(name, *args, **kwargs):
        if name == "pyspark" or name.startswith("pyspark."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyspark)
    with pytest.raises(ParameterError, match=r"pip install -e '\.\[spark\]'"):
        engines.connect("spark", "local[1]")


def test_without_java_the_error_says_so(monkeypatch, tmp_path):
    pytest.importorskip("pyspark", reason="PySpark is not installed (pip install -e '.[spark]')")
    monkeypatch.setenv("PATH", str(tmp_path))  # no java on it
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(ParameterError, match="spark needs a Java runtime"):
        engines.connect("spark", "local[1]")


def test_a_session_is_passed_down_and_closed_only_by_whoever_opened_it(monkeypatch):
    with engines.open("duckdb") as session:
        assert session.engine == "duckdb" and session.master is None
        with engines.reading(session) as inner:  # a read given the command's session runs on it ...
            assert inner is session
            assert inner.con.raw_sql("SELECT 41 + 1").fetchone() == (42,)
        assert session.con is not None  # ... and leaves it open
    assert session.con is None  # closed at the end of the command
    with engines.reading("duckdb") as own:  # a read given an engine's name opens its own ...
        assert own.engine == "duckdb" and own.con is not None
    assert own.con is None  # ... and closes it
    with pytest.raises(ParameterError, match="'flink' is not an engine"):
        engines.open("flink")
