"""Write a synthetic GDELT 2.0 event export of N rows (61 tab-separated columns, no header).

Mixed countries (India and Belarus among them, with regions and blank actors as in
real files) and CAMEO codes; every row is marked synthetic in the SOURCEURL column
(host `synthetic.invalid`), which the importer turns into `synthetic=true`. For tests
and benchmarks only. DuckDB generates the rows, so ten million take seconds.

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
    actor_blank = ", ".join(["''"] * 7)  # KnownGroup, Ethnic, Religion1, Religion2, Type1..3
    geo_blank = ", ".join(["''"] * 8)
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
                   1 + CAST(floor(pow(random(), 3) * 60) AS INTEGER) AS mentions
            FROM range({n}) t(i)
        )
        SELECT 1000000000 + i, strftime(d, '%Y%m%d'), strftime(d, '%Y%m'), strftime(d, '%Y'),
               printf('%.4f', year(d) + (dayofyear(d) - 1) / 365.0),
               CASE WHEN r1 < 0.15 THEN '' ELSE c1 END, CASE WHEN r1 < 0.15 THEN '' ELSE c1 || ' NAME' END,
               CASE WHEN r1 < 0.15 THEN '' ELSE c1 END, {actor_blank},
               CASE WHEN r2 < 0.35 THEN '' ELSE c2 END, CASE WHEN r2 < 0.35 THEN '' ELSE c2 || ' NAME' END,
               CASE WHEN r2 < 0.35 THEN '' ELSE c2 END, {actor_blank},
               '1', code, substr(code, 1, 3), substr(code, 1, 2),
               CASE WHEN substr(code, 1, 2) <= '05' THEN '1' WHEN substr(code, 1, 2) <= '09' THEN '2'
                    WHEN substr(code, 1, 2) <= '14' THEN '3' ELSE '4' END,
               CAST(coalesce({gold}[substr(code, 1, 2)], 0.0) AS VARCHAR),
               CAST(mentions AS VARCHAR), CAST(1 + mentions // 6 AS VARCHAR), CAST(mentions AS VARCHAR),
               printf('%.3f', random() * 10 - 5),
               {geo_blank}, {geo_blank}, {geo_blank},
               '20241231000000', 'https://synthetic.invalid/gdelt/' || i
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
