"""``bilateral import gdelt|icews --engine spark``: the files parsed in parallel on Spark,
the same store as the DuckDB importer (the same columns, types, rows and report).

The SQL is the DuckDB importer's, in Spark's dialect (``_spark``: full-match regular
expressions, casts); the rules live once in ``gdelt``, ``icews`` and ``cameo``, and a
test compares both importers' stores row for row. What Spark does not do is name a bad
line: it has no line numbers. When its checks find a problem in a file, that one file
is read by the DuckDB importer, which raises the one-line error with file:line:column.

Each file is read as lines of text (``spark.read.text``: split across tasks, and a
cluster reads it from storage every executor sees) and split on tabs. The store is
written by Spark: ``events.parquet`` (flat; one task writes it, sorted as the DuckDB
importer sorts) or one file per year (``--layout year``).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from ..store import EVENTS_DIR, EVENTS_FILE
from . import cameo, gdelt, icews
from .common import ImportError_, Report

_ORDER = ("actor1_country", "actor2_country", "date", "event_id")  # as the DuckDB importer's _ORDER


def write_events(kind: str, paths: list[Path], scratch: Path, staged: Path, report: Report, layout: str,
                 master: str | None) -> None:
    from ..store import engines

    with engines.spark_session(master) as spark:
        try:
            events = (_gdelt if kind == "gdelt" else _icews)(spark, paths, scratch, report)
            _write(events, staged, layout, report.kept)
        finally:
            spark.catalog.clearCache()  # the parsed lines kept between the passes (_kept)


def _kept(frame):
    """The parsed lines, kept by Spark (memory, spilling to its local disk) for the passes that
    follow (checks, counts, the write), instead of reading and splitting the files again."""
    from pyspark import StorageLevel

    return frame.persist(StorageLevel.MEMORY_AND_DISK)


def _spark(sql: str) -> str:
    """DuckDB's SQL as the importers write it, in Spark's dialect."""
    # regexp_full_match: the whole value; \z, not $ (Java's $ also matches before a final line break)
    sql = re.sub(r"regexp_full_match\(([^,()]+(?:\([^()]*\))?), '([^']*)'\)",
                 lambda m: f"({m.group(1)} RLIKE '^(?:{m.group(2)})\\\\z')", sql)
    return (sql.replace("NULL::VARCHAR", "CAST(NULL AS STRING)").replace("NULL::INTEGER", "CAST(NULL AS INT)")
            .replace("NULL::DOUBLE", "CAST(NULL AS DOUBLE)"))


def _fields(spark, path: Path, names: list[str], index: int, skip_header: bool = False):
    """The file's lines split on tabs: its ``names`` columns as text ('' is NULL, as DuckDB
    reads it), ``file_index``, ``fields`` (how many the line has) and ``line_order``."""
    from pyspark.sql import functions as F

    lines = spark.read.text(str(path)).select("value", F.col("_metadata.file_block_start").alias("block"),
                                               F.monotonically_increasing_id().alias("row"))
    if skip_header:
        # The first line of the file: the first row of the split at offset 0.
        lines = lines.where(~((F.col("block") == 0) & ((F.col("row") % F.lit(1 << 33)) == 0)))
    lines = lines.where(F.col("value") != "")  # DuckDB's reader skips blank lines
    parts = F.split(F.col("value"), "\t", -1)
    cols = [F.nullif(F.get(parts, i), F.lit("")).alias(name) for i, name in enumerate(names)]
    return lines.select(F.lit(index).alias("file_index"), F.size(parts).alias("fields"),
                        F.struct("block", "row").alias("line_order"), *cols)


def _union(frames):
    out = frames[0]
    for f in frames[1:]:
        out = out.unionByName(f)
    return out


# The DuckDB importer's value checks (gdelt._CHECKS) in Spark's dialect: any true is a bad row.
_GDELT_CHECKS = [_spark(cond).replace("try_strptime(SQLDATE, '%Y%m%d')", "try_to_timestamp(SQLDATE, 'yyyyMMdd')")
                 for _, cond, _ in gdelt._CHECKS]


def _gdelt(spark, paths: list[Path], scratch: Path, report: Report):
    import duckdb

    frames, layouts, plains = [], [], []
    for index, original in enumerate(paths):
        plain = gdelt._plain_copy(original, scratch)
        n = gdelt._column_count(plain, original)
        kind, names = gdelt.LAYOUTS[n]
        report.files.append((original, kind))
        layouts.append((n, names))
        plains.append(plain)
        kept = [c for c in gdelt.KEPT if c in names]
        f = _fields(spark, plain, names, index).select("file_index", "fields", *kept)
        for c in gdelt.KEPT:
            if c not in names:
                f = f.selectExpr("*", f"CAST(NULL AS STRING) AS {c}")
        frames.append(f.withColumn("n", _lit(n)))
    _kept(_union(frames)).createOrReplaceTempView("gdelt_lines")
    bad = " OR ".join(f"coalesce({c}, false)" for c in ["fields <> n", *_GDELT_CHECKS])
    per_file = spark.sql(f"""
        SELECT file_index, count(*) AS n_rows, count_if({bad}) AS n_bad,
               min(DATEADDED) AS first_added, max(DATEADDED) AS last_added,
               min(to_date(try_to_timestamp(SQLDATE, 'yyyyMMdd'))) AS first_day,
               max(to_date(try_to_timestamp(SQLDATE, 'yyyyMMdd'))) AS last_day
        FROM gdelt_lines GROUP BY file_index""").collect()
    stats = {r["file_index"]: r for r in per_file}
    for index, original in enumerate(paths):
        row = stats.get(index)
        if row is not None and row["n_bad"]:
            n, names = layouts[index]
            with duckdb.connect() as con:  # DuckDB names the first bad line and column
                gdelt._diagnose(con, original, plains[index], names, n)
        if row is None:
            raise ImportError_(f"{original}:1:1: empty file: not a GDELT event export")
        report.read += row["n_rows"]
        n, _ = layouts[index]
        report.spans[original] = gdelt.span_of(n, original.name, row["first_added"], row["last_added"], row["first_day"],
                                               row["last_day"])
    spark.sql("SELECT file_index, " + ", ".join(gdelt.KEPT) + " FROM gdelt_lines").createOrReplaceTempView("gdelt_raw")
    return _gdelt_events(spark, report)


def _values(spark, view: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """A small table from this process as a view, in SQL (VALUES): no Python needed on the executors."""
    def literal(v):
        return "CAST(NULL AS STRING)" if v is None else "'" + str(v).replace("\\", "\\\\").replace("'", "\\'") + "'"

    if not rows:
        spark.sql(f"SELECT {', '.join(f'CAST(NULL AS STRING) AS {c}' for c in columns)} WHERE false") \
            .createOrReplaceTempView(view)
        return
    values = ", ".join("(" + ", ".join(literal(v) for v in row) + ")" for row in rows)
    spark.sql(f"SELECT * FROM VALUES {values} AS t({', '.join(columns)})").createOrReplaceTempView(view)


def _lit(value):
    from pyspark.sql import functions as F

    return F.lit(value)


def _gdelt_events(spark, report: Report):
    """gdelt.transform's SQL on Spark: the same mapping, de-duplication and columns."""
    _values(spark, "cameo_country", ("code", "iso3"), sorted(cameo.countries().items()))
    total, distinct = spark.sql("SELECT count(*), count(DISTINCT GLOBALEVENTID) FROM gdelt_raw").first()
    dupes = total - distinct
    tiebreak = ", ".join(f"{c} ASC NULLS LAST" for c in gdelt.KEPT if c not in ("GLOBALEVENTID", "DATEADDED", "SOURCEURL"))
    copy = (f"row_number() OVER (PARTITION BY GLOBALEVENTID ORDER BY file_index, DATEADDED ASC NULLS LAST, "
            f"SOURCEURL ASC NULLS LAST, {tiebreak})" if dupes else "1")
    spark.sql(f"""
        WITH coded AS ({gdelt.CODED_SQL})
        SELECT *, CASE WHEN code = '043' THEN a2 ELSE a1 END AS t1, {copy} AS copy FROM coded
    """).createOrReplaceTempView("gdelt_mapped")
    no_actor1 = spark.sql("SELECT count(*) FROM gdelt_mapped WHERE copy = 1 AND t1 IS NULL").first()[0]
    report.skip("the same GLOBALEVENTID in an earlier row or file", dupes)
    report.skip("no country for the initiating actor (or only a region)", no_actor1)
    report.kept = total - dupes - no_actor1
    date = "date_format(to_date(try_to_timestamp(SQLDATE, 'yyyyMMdd')), 'yyyy-MM-dd')"
    url = _spark("regexp_full_match(SOURCEURL, 'https?://[^\\\\s\"<>]+')")
    return spark.sql(_spark(gdelt.events_sql(date=date, url=url)))


class _SparkSQL:
    """``common.DuckSQL``'s three calls on Spark, the SQL translated (``_spark``): an importer's
    transform written once runs here too."""

    def __init__(self, spark):
        self.spark = spark

    def rows(self, sql: str) -> list[tuple]:
        return [tuple(r) for r in self.spark.sql(_spark(sql)).collect()]

    def table(self, name: str, sql: str) -> None:
        self.spark.sql(_spark(sql)).createOrReplaceTempView(name)

    def values(self, name: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        _values(self.spark, name, columns, rows)


# icews's date parse and value checks in Spark's dialect, and a line of the wrong width: any true is a bad row.
_ICEWS_DAY = "to_date(try_to_timestamp(Event_Date, 'yyyy-MM-dd'))"
_ICEWS_BAD = " OR ".join(f"coalesce({c}, false)" for c in
                         [f"fields <> {len(icews.HEADER)}", *(_spark(cond) for _, cond, _ in icews.checks(_ICEWS_DAY))])


def _icews(spark, paths: list[Path], scratch: Path, report: Report):
    """icews.read and icews.transform on Spark: the files read here, the rest icews's SQL."""
    import duckdb

    frames = []
    for index, path in enumerate(paths):
        icews.check_header(path)
        report.files.append((path, "ICEWS coded event data"))
        frames.append(_fields(spark, path, icews.NAMES, index, skip_header=True))
    _kept(_union(frames)).createOrReplaceTempView("icews_raw")
    stats = spark.sql(icews.file_stats_sql(_ICEWS_DAY, f", count_if({_ICEWS_BAD}) AS n_bad")
                      + " ORDER BY file_index").collect()  # a file of no row has no row here
    for row in stats:
        if row["n_bad"]:
            with duckdb.connect() as con:  # DuckDB names the first bad line and column
                icews.read_file(con, paths[row["file_index"]])
    icews.count_files(report, paths, stats)
    icews.mapped(_SparkSQL(spark), report)
    return spark.sql(_spark(icews.EVENTS_SQL))


def _write(events, staged: Path, layout: str, kept: int) -> None:
    """The events as Parquet (zstd), sorted within each file as the DuckDB importer sorts them."""
    from pyspark.sql import functions as F

    order = [F.col(c).asc_nulls_last() for c in _ORDER]
    if layout == "year" and kept:
        target = staged / EVENTS_DIR
        (events.withColumn("year", F.substring("date", 1, 4).cast("int")).repartition("year")
         .sortWithinPartitions(*order).write.partitionBy("year").parquet(str(target), compression="zstd"))
    else:
        target = staged / ".events-spark"
        events.repartition(1).sortWithinPartitions(*order).write.parquet(str(target), compression="zstd")
        parts = sorted(target.glob("part-*.parquet"))
        if len(parts) != 1:
            raise ImportError_(f"{staged}:1:1: Spark wrote {len(parts)} files where one was expected")
        parts[0].replace(staged / EVENTS_FILE)
        shutil.rmtree(target)
    # Hadoop's checksum files (.crc) and markers are no part of a store.
    for f in list(staged.rglob("*")):
        if f.is_file() and (f.name.endswith(".crc") or f.name.startswith("_")):
            f.unlink()
