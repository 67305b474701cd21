"""GDELT event exports (2.0: 61 columns; 1.0 daily: 58; 1.0 backfiles: 57) into the
data contract, with DuckDB reading and transforming the rows.

Zip archives are streamed to a plain file first (DuckDB does not read zip); every
other step is SQL over DuckDB, so a file of millions of rows is never held in
pandas.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

from ..figures.coverage import Span, day_span
from . import cameo
from .common import BOM, ImportError_, Report, not_plain_text

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]

COLUMNS_V2 = (["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
              + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
              + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
                 "NumMentions", "NumSources", "NumArticles", "AvgTone"]
              + [f"Actor1Geo_{c}" for c in _GEO] + [f"Actor2Geo_{c}" for c in _GEO]
              + [f"ActionGeo_{c}" for c in _GEO] + ["DATEADDED", "SOURCEURL"])
COLUMNS_V1 = [c for c in COLUMNS_V2 if not c.endswith("_ADM2Code")]       # 58
COLUMNS_V1_BACKFILE = [c for c in COLUMNS_V1 if c != "SOURCEURL"]         # 57
LAYOUTS = {61: ("GDELT 2.0 event export", COLUMNS_V2), 58: ("GDELT 1.0 daily event file", COLUMNS_V1),
           57: ("GDELT 1.0 historical backfile", COLUMNS_V1_BACKFILE)}

# The columns the contract keeps; the rest are read (to check the row's shape) and dropped.
KEPT = ["GLOBALEVENTID", "SQLDATE", "DATEADDED", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor2Code", "Actor2Name",
        "Actor2CountryCode", "EventCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
        "NumArticles", "AvgTone", "ActionGeo_FullName", "SOURCEURL"]

SYNTHETIC_HOST = "synthetic.invalid"  # benchmarks/make_gdelt.py marks its rows with this host


def _plain_copy(path: Path, scratch: Path) -> Path:
    """A zip archive's one member streamed to a plain file (constant memory); a plain file as is."""
    if not zipfile.is_zipfile(path):
        if path.suffix.lower() == ".zip":
            raise ImportError_(f"{path}:1:1: not a readable zip archive (truncated or corrupt)")
        return path
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) != 1:
                raise ImportError_(f"{path}:1:1: a GDELT zip holds one file; this one holds {len(members)}")
            target = scratch / Path(members[0].filename).name
            with archive.open(members[0]) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst, 4 << 20)
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        if isinstance(exc, ImportError_):
            raise
        raise ImportError_(f"{path}:1:1: not a readable zip archive (truncated or corrupt: {exc})") from None
    return target


def _other_gdelt_file(first: bytes, shown: Path) -> str | None:
    """"mentions" or "GKG" for GDELT's other tables, by name or content, else None.

    Mentions (2.0): 16 columns, the second and third 14-digit timestamps. GKG: the file name's
    ``gkg``, or 2.1's record ids ``YYYYMMDDHHMMSS-N`` (``-TN`` translated), or 1.0's header."""
    name = shown.name.lower()
    fields = first.rstrip(b"\r\n").split(b"\t")
    if ".mentions." in name or (len(fields) == 16 and all(len(f) == 14 and f.isdigit() for f in fields[1:3])):
        return "mentions"
    if ".gkg." in name or (fields and fields[0][:15].rstrip(b"-").isdigit() and b"-" in fields[0][:16]
                                     and len(fields[0].split(b"-")[0]) == 14) or fields[:2] == [b"DATE", b"NUMARTS"]:
        return "GKG (Global Knowledge Graph)"
    return None


def _column_count(path: Path, shown: Path) -> int:
    with open(path, "rb") as fh:
        first = fh.readline()
    if not first.strip():
        raise ImportError_(f"{shown}:1:1: empty file: not a GDELT event export")
    expected = "a GDELT event export is tab-separated text (or a zip of one)"
    not_plain_text(first, shown, expected)
    if b"\0" in first or not first.endswith(b"\n") and len(first) > 1 << 20:
        raise ImportError_(f"{shown}:1:1: not a tab-separated text file: not a GDELT event export")
    if first.startswith(BOM):
        raise ImportError_(f"{shown}:1:1: starts with a UTF-8 byte-order mark, which GDELT exports never have: "
                           "not a GDELT event export as published")
    other = _other_gdelt_file(first, shown)
    if other:
        raise ImportError_(f"{shown}:1:1: this is a GDELT {other} file, not an event export; import the "
                           "matching .export.CSV files")
    n = first.rstrip(b"\r\n").count(b"\t") + 1
    if n not in LAYOUTS:
        raise ImportError_(f"{shown}:1:{n}: {n} tab-separated columns: a GDELT event export has 61 (2.0), "
                           "58 (1.0 daily) or 57 (1.0 backfile)")
    return n


def _read_csv_sql(names: list[str], select: str, extra: str = "") -> str:
    cols = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in names) + "}"
    return (f"SELECT {select} FROM read_csv(?, delim='\t', header=false, quote='', escape='', columns={cols}, "
            f"auto_detect=false, null_padding=false, strict_mode=true{extra})")


def read(con, files: list[Path], scratch: Path, report: Report) -> None:
    """Every file into the table ``gdelt_raw`` (the kept columns, as text), checked and counted.

    One statement reads the files' kept columns into the table; two scans of it then check
    every value and count what the report and ``transform`` need (``gdelt_counts``,
    ``gdelt_totals``). Only when something is wrong is a file read again, row-numbered,
    to name the first bad line and column, the files taken in the order given.
    """
    read_files = []  # (original, plain, n, names), checked in this order
    for original in files:
        try:
            plain = _plain_copy(original, scratch)
            n = _column_count(plain, original)
        except ImportError_:
            if read_files:  # an earlier file's problem is named first, as it would be read first
                _load(con, read_files)
            raise
        kind, names = LAYOUTS[n]
        report.files.append((original, kind))
        read_files.append((original, plain, n, names))
    _load(con, read_files)
    for index, (original, plain, n, _) in enumerate(read_files):
        rows, first, last, first_day, last_day = con.execute(
            "SELECT rows, first_added, last_added, first_day, last_day FROM gdelt_counts WHERE file_index = ?",
            [index]).fetchone() or (0, None, None, None, None)  # a file of no row has no group
        report.read += rows
        report.spans[original] = span_of(n, original.name, first, last, first_day, last_day)
        if plain != original:
            plain.unlink()


def _file_sql(index: int, plain: Path, names: list[str]) -> str:
    """One file's kept columns (absent ones NULL) and its index, as a query."""
    select = ", ".join(f'"{c}"' if c in names else f"NULL::VARCHAR AS \"{c}\"" for c in KEPT)
    return _read_csv_sql(names, f"{int(index)} AS file_index, {select}").replace(
        "read_csv(?", "read_csv('" + str(plain).replace("'", "''") + "'", 1)


def _load(con, read_files: list) -> None:
    """``gdelt_raw`` from the files; ``gdelt_counts``, per file its checks, rows and span; and
    ``gdelt_totals``, over all files the rows, distinct ids and rows with no initiating
    country. Raises the first bad file's first problem."""
    import duckdb

    checks = ", ".join(f"bool_or({cond}) AS bad_{i}" for i, (_, cond, _) in enumerate(_CHECKS))
    try:
        # One table straight from the files: no per-file copy, no second copy of the rows.
        con.execute("CREATE OR REPLACE TABLE gdelt_raw AS "
                    + " UNION ALL ".join(_file_sql(i, plain, names) for i, (_, plain, _, names) in enumerate(read_files)))
        _coded_view(con)
        # Two scans, not one with GROUPING SETS: that costs half as much again (measured).
        con.execute(f"""
            CREATE OR REPLACE TABLE gdelt_counts AS
            SELECT file_index, {checks}, count(*) AS rows,
                   min(DATEADDED) AS first_added, max(DATEADDED) AS last_added,
                   min(try_strptime(SQLDATE, '%Y%m%d')) AS first_day, max(try_strptime(SQLDATE, '%Y%m%d')) AS last_day
            FROM gdelt_raw GROUP BY file_index""")
        con.execute("""
            CREATE OR REPLACE TABLE gdelt_totals AS
            SELECT count(*) AS rows, count(DISTINCT GLOBALEVENTID) AS ids, count(*) FILTER (WHERE t1 IS NULL) AS no_actor1
            FROM gdelt_coded""")
        bad = con.execute(f"SELECT min(file_index) FROM gdelt_counts WHERE "
                          f"{' OR '.join(f'bad_{i}' for i in range(len(_CHECKS)))}").fetchone()[0]
    except duckdb.Error:  # a file DuckDB cannot read: find the first
        bad = next((i for i, (_, plain, _, names) in enumerate(read_files) if not _clean(con, i, plain, names)), None)
        if bad is None:
            raise
    if bad is not None:
        original, plain, n, names = read_files[bad]
        _diagnose(con, original, plain, names, n)


def _clean(con, index: int, plain: Path, names: list[str]) -> bool:
    """Whether one file reads and passes every check."""
    import duckdb

    try:
        bad = con.execute("SELECT " + ", ".join(f"bool_or({cond})" for _, cond, _ in _CHECKS)
                          + f" FROM ({_file_sql(index, plain, names)})").fetchone()
    except duckdb.Error:
        return False
    return not any(bad)


def _coded_view(con) -> None:
    """``gdelt_coded``: ``gdelt_raw`` with each actor's country and the initiator (``t1``)."""
    con.execute("CREATE OR REPLACE TABLE cameo_country (code VARCHAR, iso3 VARCHAR)")
    con.executemany("INSERT INTO cameo_country VALUES (?, ?)", sorted(cameo.countries().items()))
    con.execute(f"""
        CREATE OR REPLACE VIEW gdelt_coded AS
        WITH coded AS ({CODED_SQL})
        -- the initiator after 043's swap: the traveller
        SELECT *, CASE WHEN code = '043' THEN a2 ELSE a1 END AS t1
        FROM coded
    """)


def _diagnose(con, original: Path, plain: Path, names: list[str], n: int) -> None:
    """Read the file again with line numbers and raise on its first problem."""
    import duckdb

    try:
        con.execute("CREATE OR REPLACE TABLE one_file AS "
                    + _read_csv_sql(names, "row_number() OVER () AS line, *",
                                    ", store_rejects=true, rejects_table='rejects', rejects_scan='rejects_scan'"),
                    [str(plain)])
    except duckdb.Error as exc:
        raise ImportError_(f"{original}:1:1: unreadable as a GDELT export: {str(exc).splitlines()[0]}") from None
    rejects = con.execute("SELECT line, column_idx, error_type, csv_line FROM rejects ORDER BY line LIMIT 1").fetchall()
    if rejects:
        line, column, error, text = rejects[0]
        found = (text or "").count("\t") + 1
        detail = (f"{found} columns where the file's first line has {n}" if "COLUMN" in str(error).upper()
                  else str(error).lower().replace("_", " "))
        raise ImportError_(f"{original}:{line}:{(column or 0) + 1}: {detail}")
    _check_values(con, original, names)
    raise ImportError_(f"{original}:1:1: unreadable as a GDELT export")


def span_of(n: int, name: str, first: str | None, last: str | None, first_day, last_day) -> Span:
    """What one file covers: a 2.0 export the 15 minutes of collection its DATEADDED gives
    (several stamps: the first to the last quarter-hour); a 1.0 daily file the days of its
    DATEADDED; a backfile the year or month its name gives. Where those are missing, the
    event dates (SQLDATE: ``first_day`` to ``last_day``) the file holds."""
    try:
        if n == 61 and first and last:
            start, end = (dt.datetime.strptime(v, "%Y%m%d%H%M%S") for v in (first, last))
            return Span(start, end + dt.timedelta(minutes=15), "GDELT 2.0 15-minute collection")
        if n == 58 and first and last:
            start, end = (dt.datetime.strptime(v[:8], "%Y%m%d").date() for v in (first, last))
            return day_span(start, end, "GDELT 1.0 daily collection")
    except ValueError:
        pass
    if n == 57:
        stamp = re.search(r"(?<!\d)(1[89]\d\d|20\d\d)(0[1-9]|1[0-2])?(?!\d)", name)
        if stamp:
            year, month = int(stamp.group(1)), stamp.group(2)
            if month:
                m = int(month)
                last_day = (dt.date(year + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1))
                return day_span(dt.date(year, m, 1), last_day, "GDELT 1.0 backfile month")
            return day_span(dt.date(year, 1, 1), dt.date(year, 12, 31), "GDELT 1.0 backfile year")
    as_day = (lambda v: v.date() if isinstance(v, dt.datetime) else v)
    return day_span(as_day(first_day), as_day(last_day), "GDELT event dates")


_CHECKS = [
    ("GLOBALEVENTID", "NOT regexp_full_match(GLOBALEVENTID, '[0-9]+')", "is not a GLOBALEVENTID (digits)"),
    ("SQLDATE", "try_strptime(SQLDATE, '%Y%m%d') IS NULL", "is not a date (SQLDATE is YYYYMMDD)"),
    ("EventCode", "NOT regexp_full_match(EventCode, '[0-9]{2,4}')", "is not a CAMEO event code (2 to 4 digits)"),
    ("Actor1CountryCode", "Actor1CountryCode IS NOT NULL AND NOT regexp_full_match(Actor1CountryCode, '[A-Z]{3}')",
     "is not a CAMEO country code (3 capital letters)"),
    ("Actor2CountryCode", "Actor2CountryCode IS NOT NULL AND NOT regexp_full_match(Actor2CountryCode, '[A-Z]{3}')",
     "is not a CAMEO country code (3 capital letters)"),
    ("QuadClass", "QuadClass IS NOT NULL AND QuadClass NOT IN ('1', '2', '3', '4')", "is not a quad class (1 to 4)"),
    ("GoldsteinScale", "GoldsteinScale IS NOT NULL AND try_cast(GoldsteinScale AS DOUBLE) IS NULL",
     "is not a Goldstein score (a number)"),
    ("NumMentions", "NumMentions IS NOT NULL AND try_cast(NumMentions AS BIGINT) IS NULL", "is not a count"),
]


def _check_values(con, shown: Path, names: list[str]) -> None:
    """The first bad id, date or code of the file, as file:line:column."""
    col = {c: names.index(c) + 1 for c in names}
    checks = _CHECKS
    for name, bad, message in checks:
        row = con.execute(f'SELECT line, "{name}" FROM one_file WHERE {bad} ORDER BY line LIMIT 1').fetchone()
        if row:
            raise ImportError_(f"{shown}:{row[0]}:{col[name]}: {row[1]!r} {message}")


def transform(con, files: list[Path], report: Report) -> None:
    """``gdelt_raw`` → the contract's ``events`` view (skipping rows no pair can hold)."""
    # Most imports hold no repeated GLOBALEVENTID; the window that keeps one copy of
    # each costs a sort of every row, so it runs only when a repeat exists.
    total, distinct, no_actor1 = con.execute(
        "SELECT rows, ids, no_actor1 FROM gdelt_totals").fetchone()
    dupes = total - distinct
    # The first file's copy; within a file, ties broken on every kept column, so the copy
    # kept never depends on the order DuckDB happens to scan rows in.
    tiebreak = ", ".join(f'"{c}"' for c in KEPT if c not in ("GLOBALEVENTID", "DATEADDED", "SOURCEURL"))
    copy = (f"row_number() OVER (PARTITION BY GLOBALEVENTID ORDER BY file_index, DATEADDED, SOURCEURL, {tiebreak})"
            if dupes else "1")
    con.execute(f"""
        CREATE OR REPLACE VIEW gdelt_mapped AS
        SELECT *,
               -- a record repeated across files is the same record: keep its first file's copy
               {copy} AS copy
        FROM gdelt_coded
    """)
    if dupes:
        no_actor1 = con.execute("SELECT count(*) FROM gdelt_mapped WHERE copy = 1 AND t1 IS NULL").fetchone()[0]
    report.skip("the same GLOBALEVENTID in an earlier row or file", dupes)
    report.skip("no country for the initiating actor (or only a region)", no_actor1)
    report.kept = total - dupes - no_actor1
    # A view: the importer's sorted COPY to Parquet is the one pass that materialises rows.
    con.execute(f"CREATE OR REPLACE VIEW events AS {events_sql()}")


# What both engines compute, written once (importers/spark.py reads these through its
# dialect translation): an actor's country is its country code, else the first three
# letters of its actor code (`BLRGOV`) when they are a CAMEO country code; regions map to nothing.
CODED_SQL = """
            SELECT r.*,
                   lpad(EventCode, CASE WHEN length(EventCode) = 4 THEN 4 ELSE 3 END, '0') AS code,
                   coalesce(c1.iso3, c1b.iso3) AS a1, coalesce(c2.iso3, c2b.iso3) AS a2
            FROM gdelt_raw r
            LEFT JOIN cameo_country c1 ON c1.code = r.Actor1CountryCode
            LEFT JOIN cameo_country c1b ON r.Actor1CountryCode IS NULL AND c1b.code = substr(r.Actor1Code, 1, 3)
            LEFT JOIN cameo_country c2 ON c2.code = r.Actor2CountryCode
            LEFT JOIN cameo_country c2b ON r.Actor2CountryCode IS NULL AND c2b.code = substr(r.Actor2Code, 1, 3)"""

DATE_SQL = "strftime(strptime(SQLDATE, '%Y%m%d'), '%Y-%m-%d')"
URL_SQL = """regexp_full_match(SOURCEURL, 'https?://[^\\s"<>]+')"""


def events_sql(date: str = DATE_SQL, url: str = URL_SQL) -> str:
    """The store's event columns from ``gdelt_mapped``; ``date`` and ``url`` are the engine's own
    (a date parse and a string literal's escapes differ between DuckDB and Spark)."""
    event_type = cameo.EVENT_TYPE_SQL.format(c="code")
    return f"""
        SELECT 'gdelt:' || GLOBALEVENTID AS event_id,
               {date} AS date,
               NULL::VARCHAR AS end_date,
               {event_type} AS event_type,
               -- 043 "host a visit": the traveller (actor2) becomes actor1, as for 042
               CASE WHEN code = '043' THEN a2 ELSE a1 END AS actor1_country,
               CASE WHEN code = '043' THEN a1 ELSE a2 END AS actor2_country,
               CASE WHEN code = '043' THEN Actor2Name ELSE Actor1Name END AS actor1_name,
               CASE WHEN code = '043' THEN Actor1Name ELSE Actor2Name END AS actor2_name,
               'unknown' AS level,
               ActionGeo_FullName AS location_city,
               NULL::VARCHAR AS location_country,
               NULL::VARCHAR AS venue, NULL::VARCHAR AS part_of, NULL::VARCHAR AS topics,
               'CAMEO ' || code || ' (' || {event_type} || ') coded by GDELT' AS summary,
               'gdelt:' || file_index AS source_id,
               NULL::VARCHAR AS source_quote,
               CASE WHEN {url} THEN SOURCEURL END AS source_url,
               code AS cameo_code,
               try_cast(GoldsteinScale AS DOUBLE) AS goldstein,
               try_cast(QuadClass AS INTEGER) AS quad_class,
               try_cast(NumMentions AS INTEGER) AS num_mentions,
               try_cast(NumSources AS INTEGER) AS num_sources,
               try_cast(NumArticles AS INTEGER) AS num_articles,
               try_cast(AvgTone AS DOUBLE) AS avg_tone,
               coalesce(SOURCEURL LIKE '%://{SYNTHETIC_HOST}/%', false) AS synthetic
        FROM gdelt_mapped
        WHERE copy = 1 AND t1 IS NOT NULL
    """


def source_rows(files: list[Path], checksums: list[str], kinds: dict[Path, str]) -> list[dict]:
    rows = []
    for i, (path, sha) in enumerate(zip(files, checksums)):
        name = path.name
        # No URL: one built from a local file's name may name nothing GDELT serves (its files are
        # zipped); the file is named, with its checksum, and each row links its own SOURCEURL.
        rows.append({"source_id": f"gdelt:{i}", "title": f"{kinds[path]} {name}", "publisher": "The GDELT Project",
                     "published": None, "source_type": "machine-coded", "url": None, "file": None,
                     "accessed": None, "sha256": sha, "original_file": str(path)})
    return rows
