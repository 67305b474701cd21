"""Write a synthetic GDELT 2.0 event export of N rows (61 tab-separated columns, no header).

Mixed countries (India and Belarus among them, with regions and blank actors as in
real files) and CAMEO codes; every row is marked synthetic in the SOURCEURL column
(host `synthetic.invalid`), which the importer turns into `synthetic=true`. For tests
and benchmarks only. DuckDB generates the rows, so ten million take seconds.

The rows are shaped like the real exports in ../shared/data/real/ (measured there:
about 390-410 bytes a row): actor names, a type code on ~40% of actors, the three geo
blocks (full name, FIPS country, ADM1, latitude, longitude, feature id) filled on
~90%, ~70% and ~97% of rows, a 15-digit tone and a ~100-character article URL.

Usage: .venv/bin/python benchmarks/make_gdelt.py N [--out FILE] [--seed S]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

COUNTRIES = ["USA", "CHN", "RUS", "IND", "GBR", "FRA", "DEU", "PAK", "BLR", "UKR", "TUR", "IRN", "BRA", "JPN",
             "ZAF", "NGA", "EGY", "SAU", "ISR", "KAZ", "ROM", "AFR", "EUR"]
CODES = ["010", "012", "020", "036", "040", "041", "042", "043", "044", "046", "051", "057", "061", "0841",
         "112", "120", "130", "173", "190", "1823"]
GOLDSTEIN = {"01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "08": 5.0, "11": -2.0,
             "12": -4.0, "13": -4.4, "17": -5.0, "18": -9.0, "19": -10.0}


def make(n: int, out: Path, seed: int = 0) -> Path:
    import duckdb

    con = duckdb.connect()
    con.execute(f"SELECT setseed({(seed % 1000) / 1000})")
    countries = "[" + ",".join(f"'{c}'" for c in COUNTRIES) + "]"
    codes = "[" + ",".join(f"'{c}'" for c in CODES) + "]"
    gold = "MAP {" + ", ".join(f"'{k}': {v}" for k, v in GOLDSTEIN.items()) + "}"
    # KnownGroup, Ethnic, Religion1, Religion2, then Type1 (on ~40% of actors), Type2, Type3
    def actor_rest(blank: str) -> str:
        return f"'', '', '', '', CASE WHEN NOT ({blank}) AND random() < 0.45 THEN 'GOV' ELSE '' END, '', ''"

    def geo(filled: float, place: str) -> str:
        """One geo block: type, full name, FIPS country, ADM1, lat, long, feature id (v2 also ADM2)."""
        return (f"CASE WHEN g < {filled} THEN '4' ELSE '0' END, "
                f"CASE WHEN g < {filled} THEN {place} || ', Synthetia, ' || c1 ELSE '' END, "
                f"CASE WHEN g < {filled} THEN substr(c1, 1, 2) ELSE '' END, "
                f"CASE WHEN g < {filled} THEN substr(c1, 1, 2) || '0' || CAST(i % 9 AS VARCHAR) ELSE '' END, "
                f"CASE WHEN g < {filled} THEN substr(c1, 1, 2) || CAST(i % 97 AS VARCHAR) ELSE '' END, "
                f"CASE WHEN g < {filled} THEN printf('%.4f', lat) ELSE '' END, "
                f"CASE WHEN g < {filled} THEN printf('%.4f', lon) ELSE '' END, "
                f"CASE WHEN g < {filled} THEN CAST(100000 + i % 899999 AS VARCHAR) ELSE '' END")
    con.execute(f"""
        COPY (
        WITH base AS (
            SELECT i,
                   DATE '2015-01-01' + CAST(floor(random() * 3652) AS INTEGER) AS d,
                   -- skewed choice: the first countries are the most reported
                   {countries}[1 + CAST(floor(pow(random(), 1.6) * {len(COUNTRIES)}) AS INTEGER)] AS c1,
                   {countries}[1 + CAST(floor(pow(random(), 1.6) * {len(COUNTRIES)}) AS INTEGER)] AS c2,
                   random() AS r1, random() AS r2,
                   {codes}[1 + CAST(floor(random() * {len(CODES)}) AS INTEGER)] AS code,
                   1 + CAST(floor(pow(random(), 3) * 60) AS INTEGER) AS mentions,
                   random() AS g, random() * 140 - 60 AS lat, random() * 360 - 180 AS lon
            FROM range({n}) t(i)
        )
        SELECT 1000000000 + i, strftime(d, '%Y%m%d'), strftime(d, '%Y%m'), strftime(d, '%Y'),
               printf('%.4f', year(d) + (dayofyear(d) - 1) / 365.0),
               CASE WHEN r1 < 0.15 THEN '' ELSE c1 END, CASE WHEN r1 < 0.15 THEN '' ELSE c1 || ' SYNTHETIA' END,
               CASE WHEN r1 < 0.15 THEN '' ELSE c1 END, {actor_rest("r1 < 0.15")},
               CASE WHEN r2 < 0.35 THEN '' ELSE c2 END, CASE WHEN r2 < 0.35 THEN '' ELSE c2 || ' SYNTHETIA' END,
               CASE WHEN r2 < 0.35 THEN '' ELSE c2 END, {actor_rest("r2 < 0.35")},
               '1', code, substr(code, 1, 3), substr(code, 1, 2),
               CASE WHEN substr(code, 1, 2) <= '05' THEN '1' WHEN substr(code, 1, 2) <= '09' THEN '2'
                    WHEN substr(code, 1, 2) <= '14' THEN '3' ELSE '4' END,
               CAST(coalesce({gold}[substr(code, 1, 2)], 0.0) AS VARCHAR),
               CAST(mentions AS VARCHAR), CAST(1 + mentions // 6 AS VARCHAR), CAST(mentions AS VARCHAR),
               printf('%.15f', random() * 10 - 5),
               {geo(0.9, "'Onetown'")}, {geo(0.68, "'Twotown'")}, {geo(0.97, "'Actionville'")},
               '20241231000000',
               'https://synthetic.invalid/gdelt/' || strftime(d, '%Y/%m/%d') || '/' || i
                   || '-synthetic-article-headline-of-a-realistic-size.html'
        FROM base
        ) TO '{out}' (FORMAT csv, DELIMITER '\t', HEADER false, QUOTE '', ESCAPE '')
    """)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="rows")
    ap.add_argument("--out", help="file to write (default: build/synthetic-gdelt-N.export.CSV)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    out = Path(args.out or Path(__file__).resolve().parents[1] / "build" / f"synthetic-gdelt-{args.n}.export.CSV")
    out.parent.mkdir(parents=True, exist_ok=True)
    print(make(args.n, out, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
