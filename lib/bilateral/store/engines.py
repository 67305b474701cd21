"""Which engine runs a store's Ibis expressions: the registry and the one way to open a store.

Every figure of a store is an Ibis expression (``store.figures``), so the same
definition runs on the embedded DuckDB or on Spark. A command picks the engine by name
(``--engine``); this module turns that name into an Ibis backend and a store folder
into the table of its events, whichever layout the store has (``store.layout``).

Spark is optional (``pip install -e '.[spark]'`` and a Java runtime, 17 or newer). Its
session runs in a JVM that PySpark starts; ``disconnect`` stops the session, the JVM and
PySpark's one Python thread, so that a render may fork afterwards (``fork_engine``).

A command opens its store engine once (``open``: a ``Session``) and passes the session
down to every read; a read given an engine's name instead opens and closes one of its
own. A JVM holds one Spark context: a session opened while PySpark has one running
(``spark_session``, a batch, the tests) borrows it and leaves it running when closed.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
from pathlib import Path

from ..errors import ParameterError

ENGINES = ("duckdb", "spark")
DEFAULT_ENGINE = "duckdb"
MASTER_ENV = "SPARK_MASTER"
DEFAULT_MASTER = "local[*]"
# The local session's heap: executors run inside the driver there, so this bounds the whole of Spark.
DRIVER_MEMORY_ENV = "BILATERAL_SPARK_DRIVER_MEMORY"
LOCAL_DRIVER_MEMORY = "1g"
MASTER_TIMEOUT = 5.0  # seconds to wait for a spark:// master's port before saying it is unreachable
_LOG_CONFIG = Path(__file__).resolve().parent / "spark-log4j2.properties"
_MASTER = re.compile(r"^(local(\[(\*|\d+)(,\d+)?\])?|spark://[^\s/]+|yarn|k8s://\S+|mesos://\S+)$")


def check_engine(name: str) -> str:
    if name not in ENGINES:
        raise ParameterError(f"parameter 'engine': {name!r} is not an engine; use one of {', '.join(ENGINES)}")
    return name


def spark_master(master: str | None = None) -> str:
    """``--spark-master``, else ``SPARK_MASTER``, else ``local[*]``; checked for its form."""
    value = (master or os.environ.get(MASTER_ENV) or DEFAULT_MASTER).strip()
    if not _MASTER.match(value):
        raise ParameterError(f"parameter 'spark_master': {value!r} is not a Spark master URL; use local[*], local[N], "
                             "spark://HOST:PORT, yarn or k8s://…")
    return value


def connect(engine: str = DEFAULT_ENGINE, master: str | None = None):
    """An Ibis backend for ``engine``; the caller disconnects it (DuckDB's threads and
    Spark's JVM must be gone before a render forks)."""
    check_engine(engine)
    if engine == "duckdb":
        import ibis

        return ibis.duckdb.connect()
    master = spark_master(master)
    running = _running_spark()
    if running is not None:  # one JVM holds one Spark context: the running one, whatever the master asked for
        return _backend(running, owned=False)
    return _backend(_start_spark(master), owned=True)


class Session:
    """A store engine opened once for a command: ``con`` is its Ibis backend, which every
    read of the command runs on. Closed at the end (``with``): DuckDB's threads and
    Spark's JVM must be gone before a render forks."""

    def __init__(self, engine: str, master: str | None, con):
        self.engine, self.master, self.con = engine, master, con

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.con is not None:
            con, self.con = self.con, None
            con.disconnect()


def open(engine: str | None = None, master: str | None = None) -> Session:  # noqa: A001 - engines.open
    """The engine ``engine`` (default duckdb; with spark, at ``master``) opened for a command's reads."""
    engine = check_engine(engine or DEFAULT_ENGINE)
    master = spark_master(master) if engine == "spark" else None
    return Session(engine, master, connect(engine, master))


@contextlib.contextmanager
def reading(engine: "str | Session | None" = None, master: str | None = None):
    """The session a read runs on: ``engine`` itself when it is an open ``Session`` (left
    open), else one opened on the engine of that name for this read alone (closed after)."""
    if isinstance(engine, Session):
        yield engine
        return
    with open(engine, master) as session:
        yield session


def events_table(con, root: Path):
    """The events of the store at ``root`` (either layout) as an Ibis table on ``con``."""
    from .layout import events_location

    return table_at(con, events_location(Path(root)))


def table_at(con, location: Path):
    """A table of a store as an Ibis table on ``con``: one Parquet file, or a folder
    partitioned by year (hive layout; the partition column is no column of the table)."""
    location = Path(location)
    if not location.is_dir():
        return con.read_parquet(str(location))
    if con.name == "pyspark":
        t = con.read_parquet(str(location))
        return t.drop("year") if "year" in t.columns else t
    return con.read_parquet(str(location / "*" / "*.parquet"), hive_partitioning=False)


@contextlib.contextmanager
def spark_session(master: str | None = None):
    """One Spark session for everything inside (an import's passes, a test module); stopped at
    the end. Inside another (nested), the running one, left running."""
    master = spark_master(master)
    running = _running_spark()
    if running is not None:
        yield running
        return
    session = _start_spark(master)
    try:
        yield session
    finally:
        stop_spark(session)


def _running_spark():
    """The Spark session PySpark has running in this process, if any (PySpark's own record)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None
    return SparkSession.getActiveSession()


def _backend(session, owned: bool):
    import ibis

    ibis.pyspark  # noqa: B018 - loaded through Ibis, which registers the backend's options
    from ibis.backends.pyspark import Backend

    class SparkBackend(Backend):
        def disconnect(self) -> None:
            if owned:
                stop_spark(session)

    return SparkBackend().connect(session)


def _check_java() -> None:
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home and (Path(home) / "bin" / "java").exists() else shutil.which("java")
    if not java:
        raise ParameterError("parameter 'engine': spark needs a Java runtime (17 or newer) and none was found "
                             "(no java on PATH, no JAVA_HOME); on Debian: apt-get install default-jre-headless")
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30).stderr
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ParameterError(f"parameter 'engine': spark needs a Java runtime; {java} does not run ({exc})") from None
    found = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if found:
        major = int(found.group(1)) if found.group(1) != "1" else int(found.group(2) or 0)
        if major < 17:
            raise ParameterError(f"parameter 'engine': spark needs Java 17 or newer; {java} is Java {major}")


def _check_reachable(master: str) -> None:
    """A standalone master's port answers, within MASTER_TIMEOUT: else one line, not a minute of retries."""
    if not master.startswith("spark://"):
        return
    problems = []
    for hostport in master[len("spark://"):].split(","):
        host, _, port = hostport.rpartition(":")
        if not host or not port.isdigit():
            raise ParameterError(f"parameter 'spark_master': {master!r} is not spark://HOST:PORT")
        try:
            with socket.create_connection((host.strip("[]"), int(port)), timeout=MASTER_TIMEOUT):
                return
        except OSError as exc:
            problems.append(f"{hostport}: {exc.strerror or exc}")
    raise ParameterError(f"parameter 'spark_master': the Spark master {master} is unreachable ({'; '.join(problems)}); "
                         f"start it, or give another with --spark-master or {MASTER_ENV}")


def _start_spark(master: str):
    try:
        import pyspark  # noqa: F401
        from pyspark.sql import SparkSession
    except ImportError:
        raise ParameterError("parameter 'engine': spark needs PySpark, which is not installed: "
                             "pip install -e '.[spark]'") from None
    _check_java()
    _check_reachable(master)
    local = master.startswith("local")
    conf = {
        "spark.app.name": "bilateral",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.parquet.compression.codec": "zstd",
        # No _SUCCESS marker in a store written by Spark: a store holds its tables and manifest only.
        "spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs": "false",
        "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile={_LOG_CONFIG.as_uri()}",
    }
    memory = os.environ.get(DRIVER_MEMORY_ENV) or (LOCAL_DRIVER_MEMORY if local else None)
    if memory:
        conf["spark.driver.memory"] = memory
    if local:
        # One machine: few shuffle partitions (the default 200 are 200 tiny tasks), and the
        # loopback address (a host name that resolves to 127.0.0.1 only warns otherwise).
        conf.update({"spark.sql.shuffle.partitions": str(2 * (os.cpu_count() or 2)),
                     "spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1"})
    builder = SparkSession.builder.master(master)
    for key, value in conf.items():
        builder = builder.config(key, value)
    import warnings

    with warnings.catch_warnings():
        # PySpark 4 warns that it does not yet support pandas 3 fully; Ibis hands it Arrow, not pandas.
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
        try:
            session = builder.getOrCreate()
        except Exception as exc:  # noqa: BLE001 - the JVM failed to start or to reach the cluster: one line
            _stop_gateway()
            raise ParameterError(f"parameter 'spark_master': Spark did not start on {master}: "
                                 f"{type(exc).__name__}: {_first_line(exc)}") from None
    session.sparkContext.setLogLevel("ERROR")
    return session


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else "no message"


def stop_spark(session) -> None:
    """Stop the session, then the JVM PySpark started and its one Python thread: nothing left behind."""
    with contextlib.suppress(Exception):
        session.stop()
    _stop_gateway()


def _stop_gateway() -> None:
    try:
        from pyspark import SparkContext
    except ImportError:
        return
    gateway = SparkContext._gateway
    if gateway is None:
        return
    SparkContext._gateway = None
    SparkContext._jvm = None
    with contextlib.suppress(Exception):
        gateway.shutdown()  # also tells py4j's finalizer thread to end
    proc = getattr(gateway, "proc", None)
    if proc is not None:
        with contextlib.suppress(Exception):
            if proc.stdin:
                proc.stdin.close()  # the JVM exits when its stdin closes
            proc.wait(timeout=15)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    import threading

    for thread in threading.enumerate():
        if type(thread).__name__ == "FinalizerWorker":
            thread.join(timeout=5)
