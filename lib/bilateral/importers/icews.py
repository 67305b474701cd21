"""ICEWS coded event files (tab-separated, with a header) into the data contract.

Countries are names there: they are mapped to alpha-3 with pycountry (exact, then
fuzzy), and the names that map to nothing are listed in the report, their rows
skipped only when the initiating actor is the one unknown.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..figures.coverage import day_span
from . import cameo
from .common import BOM, ImportError_, Report, not_plain_text, shown_header

HEADER = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
          "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number",
          "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude"]
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


def read_file(con, path: Path) -> None:
    """The file's rows, line-numbered, into the table ``one_file``; raise on its first bad line."""
    import duckdb

    cols = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in HEADER) + "}"
    try:
        con.execute(f"""
            CREATE OR REPLACE TABLE one_file AS
            SELECT row_number() OVER () + 1 AS line, *
            FROM read_csv(?, delim='\t', header=true, quote='', escape='', columns={cols}, auto_detect=false,
                          strict_mode=true, store_rejects=true, rejects_table='rejects', rejects_scan='rejects_scan')""",
                    [str(path)])
    except duckdb.Error as exc:
        raise ImportError_(f"{path}:1:1: unreadable as an ICEWS file: {str(exc).splitlines()[0]}") from None
    bad = con.execute("SELECT line, column_idx, csv_line FROM rejects ORDER BY line LIMIT 1").fetchone()
    if bad:
        found = (bad[2] or "").count("\t") + 1
        raise ImportError_(f"{path}:{bad[0]}:{(bad[1] or 0) + 1}: {found} columns where the header has 20")
    for name, cond, message in (
            ("Event ID", 'NOT regexp_full_match("Event ID", \'[0-9]+\')', "is not an ICEWS event id (digits)"),
            ("Event Date", 'try_strptime("Event Date", \'%Y-%m-%d\') IS NULL', "is not a date (YYYY-MM-DD)"),
            ("Intensity", 'try_cast("Intensity" AS DOUBLE) IS NULL AND "Intensity" IS NOT NULL',
             "is not an intensity (a number)")):
        row = con.execute(f'SELECT line, "{name}" FROM one_file WHERE {cond} ORDER BY line LIMIT 1').fetchone()
        if row:
            raise ImportError_(f"{path}:{row[0]}:{HEADER.index(name) + 1}: {row[1]!r} {message}")


def read(con, files: list[Path], scratch: Path, report: Report) -> None:
    first = True
    for index, path in enumerate(files):
        check_header(path)
        report.files.append((path, "ICEWS coded event data"))
        read_file(con, path)
        verb = "CREATE TABLE icews_raw AS" if first else "INSERT INTO icews_raw"
        con.execute(f"{verb} SELECT {index} AS file_index, * FROM one_file")
        report.read += con.execute("SELECT count(*) FROM one_file").fetchone()[0]
        first_day, last_day = con.execute('SELECT min(strptime("Event Date", \'%Y-%m-%d\')), '
                                          'max(strptime("Event Date", \'%Y-%m-%d\')) FROM one_file').fetchone()
        if first_day is not None:  # an ICEWS file covers the event dates it holds
            report.spans[path] = day_span(first_day.date(), last_day.date(), "ICEWS event dates")
        first = False


def transform(con, files: list[Path], report: Report) -> None:
    names = [r[0] for r in con.execute(
        'SELECT DISTINCT n FROM (SELECT "Source Country" AS n FROM icews_raw UNION SELECT "Target Country" FROM icews_raw) '
        "WHERE n IS NOT NULL").fetchall()]
    mapping = [(n, country_code(n)) for n in names]
    con.execute("CREATE OR REPLACE TABLE country_names (name VARCHAR, iso3 VARCHAR)")
    con.executemany("INSERT INTO country_names VALUES (?, ?)", mapping)
    unmapped = {n for n, c in mapping if c is None and n != "NA"}
    if unmapped:
        for name, n in con.execute(
                'SELECT n, count(*) FROM (SELECT "Source Country" AS n FROM icews_raw UNION ALL '
                'SELECT "Target Country" FROM icews_raw) WHERE n IN (SELECT name FROM country_names WHERE iso3 IS NULL) '
                "AND n <> 'NA' GROUP BY n").fetchall():
            report.unmapped[name] = n
    code = ("CASE WHEN regexp_full_match(\"CAMEO Code\", '[0-9]{1,4}') THEN "
            "lpad(\"CAMEO Code\", CASE WHEN length(\"CAMEO Code\") = 4 THEN 4 ELSE 3 END, '0') ELSE \"CAMEO Code\" END")
    con.execute(f"""
        CREATE OR REPLACE TABLE icews_mapped AS
        SELECT r.*, {code} AS code, s.iso3 AS a1, t.iso3 AS a2,
               row_number() OVER (PARTITION BY "Event ID", "Event Date" ORDER BY file_index, line) AS copy
        FROM icews_raw r
        LEFT JOIN country_names s ON s.name = r."Source Country"
        LEFT JOIN country_names t ON t.name = r."Target Country"
    """)
    con.execute("ALTER TABLE icews_mapped ADD COLUMN t1 VARCHAR")
    con.execute("UPDATE icews_mapped SET t1 = CASE WHEN code = '043' THEN a2 ELSE a1 END")
    total, dupes, none, bad_codes = con.execute("""
        SELECT count(*), count(*) FILTER (WHERE copy > 1), count(*) FILTER (WHERE copy = 1 AND t1 IS NULL),
               count(*) FILTER (WHERE copy = 1 AND t1 IS NOT NULL AND NOT regexp_full_match(code, '[0-9]{3,4}'))
        FROM icews_mapped""").fetchone()
    report.skip("the same Event ID and Event Date in an earlier row or file", dupes)
    report.skip("no country for the initiating actor (NA, or a name that maps to no country)", none)
    if bad_codes:
        report.skipped[f"(kept as 'other') rows with an invalid CAMEO code"] = bad_codes
    event_type = cameo.EVENT_TYPE_SQL.format(c="code")
    quad = cameo.QUAD_CLASS_SQL.format(c="code")  # ICEWS has no quad class column: derived from the root
    con.execute(f"""
        CREATE OR REPLACE TABLE events AS
        SELECT 'icews:' || "Event ID" || '-' || "Event Date" AS event_id,
               "Event Date" AS date, NULL::VARCHAR AS end_date,
               CASE WHEN regexp_full_match(code, '[0-9]{{3,4}}') THEN {event_type} ELSE 'other' END AS event_type,
               t1 AS actor1_country,
               CASE WHEN code = '043' THEN a1 ELSE a2 END AS actor2_country,
               CASE WHEN code = '043' THEN "Target Name" ELSE "Source Name" END AS actor1_name,
               CASE WHEN code = '043' THEN "Source Name" ELSE "Target Name" END AS actor2_name,
               'unknown' AS level,
               NULLIF(City, 'NA') AS location_city, NULL::VARCHAR AS location_country,
               NULL::VARCHAR AS venue, NULL::VARCHAR AS part_of, NULL::VARCHAR AS topics,
               "Event Text" || ' (ICEWS, ' || coalesce(NULLIF(Publisher, 'NA'), 'publisher not given') || ')' AS summary,
               'icews:' || file_index AS source_id, NULL::VARCHAR AS source_quote, NULL::VARCHAR AS source_url,
               code AS cameo_code, try_cast(Intensity AS DOUBLE) AS goldstein, {quad} AS quad_class,
               NULL::INTEGER AS num_mentions, NULL::INTEGER AS num_sources, NULL::INTEGER AS num_articles,
               NULL::DOUBLE AS avg_tone, false AS synthetic
        FROM icews_mapped WHERE copy = 1 AND t1 IS NOT NULL
    """)
    report.kept = con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert report.kept + dupes + none == total, "every row is kept or skipped for a reason"


def source_rows(files: list[Path], checksums: list[str], kinds: dict[Path, str]) -> list[dict]:
    return [{"source_id": f"icews:{i}", "title": f"ICEWS coded event data {p.name}", "publisher": "ICEWS",
             "published": None, "source_type": "machine-coded", "url": None, "file": None, "accessed": None,
             "sha256": sha, "original_file": str(p)} for i, (p, sha) in enumerate(zip(files, checksums))]
