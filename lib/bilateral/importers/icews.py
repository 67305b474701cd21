"""ICEWS coded event files (tab-separated, with a header) into the data contract.

Countries are names there: they are mapped to alpha-3 with pycountry (exact, then
fuzzy), and the names that map to nothing are listed in the report, their rows
skipped only when the initiating actor is the one unknown.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..figures.coverage import day_span
from . import cameo
from .common import BOM, DuckSQL, ImportError_, Report, not_plain_text, shown_header

HEADER = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
          "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number",
          "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude"]
NAMES = [re.sub(r"\W", "_", c) for c in HEADER]  # the columns as the SQL names them: `Event ID` → Event_ID
_ALIASES = {  # names ICEWS uses that pycountry's lookup and fuzzy search do not resolve
    "Turkey": "TUR", "the former Yugoslav Republic of Macedonia": "MKD", "Holy See": "VAT",
    "Occupied Palestinian Territory": "PSE", "Cote d'Ivoire": "CIV", "Democratic Republic of Congo": "COD",
    "Swaziland": "SWZ",
}


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """ISO alpha-3 of a country name, or None (``NA``, regions, unknown names)."""
    import pycountry

    if not name or name == "NA":
        return None
    if name in _ALIASES:
        return _ALIASES[name]
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        pass
    try:
        found = pycountry.countries.search_fuzzy(name)
    except LookupError:
        return None
    return found[0].alpha_3 if len(found) == 1 else None


def check_header(path: Path) -> None:
    """Raise the one-line error for a file that is not an ICEWS event file, by its first line."""
    with open(path, "rb") as fh:
        first = fh.readline()
    not_plain_text(first, path, "an ICEWS event file is tab-separated text with a header")
    # A UTF-8 byte-order mark is no part of the header (DuckDB's reader skips it too).
    head = first.removeprefix(BOM).decode("utf-8", "replace").rstrip("\r\n").split("\t")
    if head == [""]:
        raise ImportError_(f"{path}:1:1: empty file: not an ICEWS event file")
    if head != HEADER:
        col = next((i + 1 for i, (a, b) in enumerate(zip(head, HEADER)) if a != b), min(len(head), len(HEADER)) + 1)
        raise ImportError_(f"{path}:1:{col}: not an ICEWS event file: the header found is "
                           f"'{shown_header(head)}' ({len(head)} tab-separated fields); an ICEWS file's is the 20 "
                           f"columns {', '.join(HEADER[:3])}, …")


# What each engine parses for itself: an event date as a day (NULL where it is not
# YYYY-MM-DD). DuckDB's here; the Spark importer passes its own.
DAY_SQL = "CAST(try_strptime(Event_Date, '%Y-%m-%d') AS DATE)"


def checks(day: str = DAY_SQL) -> list[tuple[str, str, str]]:
    """The value checks of a row, as (column, a condition true on a bad value, the message)."""
    return [("Event_ID", "NOT regexp_full_match(Event_ID, '[0-9]+')", "is not an ICEWS event id (digits)"),
            ("Event_Date", f"{day} IS NULL", "is not a date (YYYY-MM-DD)"),
            ("Intensity", "try_cast(Intensity AS DOUBLE) IS NULL AND Intensity IS NOT NULL",
             "is not an intensity (a number)")]


def file_stats_sql(day: str = DAY_SQL, extra: str = "") -> str:
    """Per file of ``icews_raw``: its rows and the first and last day of its events (what it covers)."""
    return (f"SELECT file_index, count(*) AS n_rows, min({day}) AS first_day, max({day}) AS last_day{extra} "
            "FROM icews_raw GROUP BY file_index")


def count_files(report: Report, files: list[Path], stats) -> None:
    """The rows read and each file's span, from ``file_stats_sql``'s rows (a file of no row has none)."""
    for index, n_rows, first_day, last_day, *_ in stats:
        report.read += n_rows
        if first_day is not None:  # an ICEWS file covers the event dates it holds
            report.spans[files[index]] = day_span(first_day, last_day, "ICEWS event dates")


def read_file(con, path: Path) -> None:
    """The file's rows, line-numbered, into the table ``one_file`` (columns ``NAMES``); raise on its first bad line."""
    import duckdb

    cols = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in HEADER) + "}"
    named = ", ".join(f'"{c}" AS {n}' for c, n in zip(HEADER, NAMES))
    try:
        con.execute(f"""
            CREATE OR REPLACE TABLE one_file AS
            SELECT row_number() OVER () + 1 AS line, {named}
            FROM read_csv(?, delim='\t', header=true, quote='', escape='', columns={cols}, auto_detect=false,
                          strict_mode=true, store_rejects=true, rejects_table='rejects', rejects_scan='rejects_scan')""",
                    [str(path)])
    except duckdb.Error as exc:
        raise ImportError_(f"{path}:1:1: unreadable as an ICEWS file: {str(exc).splitlines()[0]}") from None
    bad = con.execute("SELECT line, column_idx, csv_line FROM rejects ORDER BY line LIMIT 1").fetchone()
    if bad:
        found = (bad[2] or "").count("\t") + 1
        raise ImportError_(f"{path}:{bad[0]}:{(bad[1] or 0) + 1}: {found} columns where the header has 20")
    for name, cond, message in checks():
        row = con.execute(f"SELECT line, {name} FROM one_file WHERE {cond} ORDER BY line LIMIT 1").fetchone()
        if row:
            raise ImportError_(f"{path}:{row[0]}:{NAMES.index(name) + 1}: {row[1]!r} {message}")


def read(con, files: list[Path], scratch: Path, report: Report) -> None:
    """Every file into the table ``icews_raw`` (``file_index``, ``line_order``, ``NAMES``), one at a time."""
    for index, path in enumerate(files):
        check_header(path)
        report.files.append((path, "ICEWS coded event data"))
        read_file(con, path)
        verb = "CREATE TABLE icews_raw AS" if index == 0 else "INSERT INTO icews_raw"
        con.execute(f"{verb} SELECT {index} AS file_index, line AS line_order, * EXCLUDE (line) FROM one_file")
    count_files(report, files, con.execute(file_stats_sql() + " ORDER BY file_index").fetchall())


def transform(con, files: list[Path], report: Report) -> None:
    """``icews_raw`` → the contract's ``events`` table (skipping rows no pair can hold)."""
    mapped(DuckSQL(con), report)
    con.execute(f"CREATE OR REPLACE TABLE events AS {EVENTS_SQL}")
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == report.kept, \
        "every row is kept or skipped for a reason"


# What both engines compute, written once in DuckDB's dialect (importers/spark.py reads it
# through its translation), over ``icews_raw``: file_index, line_order and the columns NAMES.
NAMES_SQL = ("SELECT DISTINCT n FROM (SELECT Source_Country AS n FROM icews_raw UNION "
             "SELECT Target_Country FROM icews_raw) WHERE n IS NOT NULL")
UNMAPPED_SQL = ("SELECT n, count(*) FROM (SELECT Source_Country AS n FROM icews_raw UNION ALL "
                "SELECT Target_Country FROM icews_raw) WHERE n IN (SELECT name FROM country_names WHERE iso3 IS NULL) "
                "AND n <> 'NA' GROUP BY n")
# A CAMEO code of 1 to 4 digits zero-padded to 3 (4 stay 4); anything else kept as given.
CODE_SQL = ("CASE WHEN regexp_full_match(CAMEO_Code, '[0-9]{1,4}') THEN "
            "lpad(CAMEO_Code, CASE WHEN length(CAMEO_Code) = 4 THEN 4 ELSE 3 END, '0') ELSE CAMEO_Code END")
MAPPED_SQL = f"""
        SELECT m.*,
               -- the initiator after 043's swap: the traveller
               CASE WHEN code = '043' THEN a2 ELSE a1 END AS t1
        FROM (SELECT r.*, {CODE_SQL} AS code, s.iso3 AS a1, t.iso3 AS a2,
                     -- an event repeated (its Event ID and Event Date) is the same event: its first copy is kept
                     row_number() OVER (PARTITION BY Event_ID, Event_Date ORDER BY file_index, line_order) AS copy
              FROM icews_raw r
              LEFT JOIN country_names s ON s.name = r.Source_Country
              LEFT JOIN country_names t ON t.name = r.Target_Country) m"""
VALID_CODE_SQL = "regexp_full_match(code, '[0-9]{3,4}')"
COUNTS_SQL = f"""
        SELECT count(*), count(*) FILTER (WHERE copy > 1), count(*) FILTER (WHERE copy = 1 AND t1 IS NULL),
               count(*) FILTER (WHERE copy = 1 AND t1 IS NOT NULL AND NOT {VALID_CODE_SQL})
        FROM icews_mapped"""
EVENTS_SQL = f"""
        SELECT 'icews:' || Event_ID || '-' || Event_Date AS event_id,
               Event_Date AS date, NULL::VARCHAR AS end_date,
               CASE WHEN {VALID_CODE_SQL} THEN {cameo.EVENT_TYPE_SQL.format(c="code")} ELSE 'other' END AS event_type,
               t1 AS actor1_country,
               -- 043 "host a visit": the traveller (target) becomes actor1, as for 042
               CASE WHEN code = '043' THEN a1 ELSE a2 END AS actor2_country,
               CASE WHEN code = '043' THEN Target_Name ELSE Source_Name END AS actor1_name,
               CASE WHEN code = '043' THEN Source_Name ELSE Target_Name END AS actor2_name,
               'unknown' AS level,
               NULLIF(City, 'NA') AS location_city, NULL::VARCHAR AS location_country,
               NULL::VARCHAR AS venue, NULL::VARCHAR AS part_of, NULL::VARCHAR AS topics,
               Event_Text || ' (ICEWS, ' || coalesce(NULLIF(Publisher, 'NA'), 'publisher not given') || ')' AS summary,
               'icews:' || file_index AS source_id, NULL::VARCHAR AS source_quote, NULL::VARCHAR AS source_url,
               code AS cameo_code, try_cast(Intensity AS DOUBLE) AS goldstein,
               -- ICEWS has no quad class column: derived from the root
               {cameo.QUAD_CLASS_SQL.format(c="code")} AS quad_class,
               NULL::INTEGER AS num_mentions, NULL::INTEGER AS num_sources, NULL::INTEGER AS num_articles,
               NULL::DOUBLE AS avg_tone, false AS synthetic
        FROM icews_mapped WHERE copy = 1 AND t1 IS NOT NULL"""


def mapped(engine, report: Report) -> None:
    """``icews_mapped`` from ``icews_raw`` on ``engine`` (``common.DuckSQL`` or the Spark importer's):
    each actor's country (``country_names``), the initiator ``t1``, the padded ``code`` and each
    row's ``copy``; the report's unmapped names, skips and kept rows."""
    mapping = [(n, country_code(n)) for (n,) in engine.rows(NAMES_SQL)]
    engine.values("country_names", ("name", "iso3"), mapping)
    if any(iso3 is None and n != "NA" for n, iso3 in mapping):
        for name, n in engine.rows(UNMAPPED_SQL):
            report.unmapped[name] = n
    engine.table("icews_mapped", MAPPED_SQL)
    total, dupes, none, bad_codes = engine.rows(COUNTS_SQL)[0]
    report.skip("the same Event ID and Event Date in an earlier row or file", dupes)
    report.skip("no country for the initiating actor (NA, or a name that maps to no country)", none)
    if bad_codes:
        report.skipped["(kept as 'other') rows with an invalid CAMEO code"] = bad_codes
    report.kept = total - dupes - none


def source_rows(files: list[Path], checksums: list[str], kinds: dict[Path, str]) -> list[dict]:
    return [{"source_id": f"icews:{i}", "title": f"ICEWS coded event data {p.name}", "publisher": "ICEWS",
             "published": None, "source_type": "machine-coded", "url": None, "file": None, "accessed": None,
             "sha256": sha, "original_file": str(p)} for i, (p, sha) in enumerate(zip(files, checksums))]
