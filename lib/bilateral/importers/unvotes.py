"""UN General Assembly roll-call votes (Voeten's data as the R package ``unvotes``
ships it) into a Parquet store.

``bilateral import unvotes FILE... --out DIR [--replace]`` reads the three tables
``un_votes``, ``un_roll_calls`` and ``un_roll_call_issues``, each as an ``.rda`` file
(read with pyreadr) or as a CSV of the same columns (as R's ``write.csv`` writes it,
row names or not). Every check runs before anything is written; the store is built
in a folder beside ``DIR`` and moved into place whole, so a bad file leaves the
previous store untouched.

Country codes become ISO alpha-3: the rows of ``unvotes_codes.csv`` first (each with
its reason: Namibia's ``NA``, codes ISO withdrew, rows with no code), then
pycountry's current alpha-2 codes. Anything else is skipped and counted, never
guessed.
"""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import BilateralError
from . import manifest
from .common import ImportError_, Report, prepare_out, publish, scratch_beside

CODES_TABLE = Path(__file__).with_name("unvotes_codes.csv")

COLUMNS = {
    "un_votes": ["rcid", "country", "country_code", "vote"],
    "un_roll_calls": ["rcid", "session", "importantvote", "date", "unres", "amend", "para", "short", "descr"],
    "un_roll_call_issues": ["rcid", "short_name", "issue"],
}
VOTES = ("yes", "abstain", "no")
ISSUES = {"me": "palestinian_conflict", "nu": "nuclear_weapons", "di": "arms_control", "co": "colonialism",
          "hr": "human_rights", "ec": "economic_development"}
_NOT_TEXT = {"rcid", "session", "importantvote", "date", "amend", "para"}


@dataclass
class Table:
    name: str
    path: Path
    frame: pd.DataFrame       # every column as text (None when missing) but as noted
    rows: list[int]           # the row number to report for each row (CSV: the line it starts on)
    kind: str


@dataclass
class UnvotesReport(Report):
    roll_calls: int = 0
    issue_tags: int = 0
    first_vote: str | None = None
    last_vote: str | None = None
    extra: list[str] = field(default_factory=list)

    def text(self, out) -> str:
        lines = [super().text(out).replace("rows read", "votes read").replace("rows kept", "votes kept")
                 .replace("rows skipped", "votes skipped")]
        lines.append(f"roll calls    {self.roll_calls:>12,}")
        lines.append(f"issue tags    {self.issue_tags:>12,}")
        lines.append(f"votes from {self.first_vote} to {self.last_vote}")
        return "\n".join(lines + self.extra)


# --------------------------------------------------------------------------- #
# Reading one file
# --------------------------------------------------------------------------- #
def _read_rda(path: Path) -> Table:
    import pyreadr

    try:
        found = pyreadr.read_r(str(path))
    except Exception as exc:  # noqa: BLE001 - pyreadr's errors name no row; one line for the user
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ImportError_(f"{path}:1: unreadable as an R data file (truncated or corrupt?): {detail}") from None
    known = [n for n in found if n in COLUMNS]
    if len(found) != 1 or not known:
        names = ", ".join(found) or "nothing"
        raise ImportError_(f"{path}:1: holds {names}, not one of the tables {', '.join(COLUMNS)}")
    name = known[0]
    frame = found[name]
    missing = [c for c in COLUMNS[name] if c not in frame.columns]
    if missing:
        raise ImportError_(f"{path}:1: the table {name} lacks the column{'s' if len(missing) > 1 else ''} "
                           f"{', '.join(missing)}")
    out = {}
    for col in COLUMNS[name]:
        s = frame[col]
        if col == "date":
            out[col] = [None if pd.isna(d) else (d.isoformat() if isinstance(d, dt.date) else str(d)) for d in s]
        elif pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            out[col] = s.astype("float64")  # R's numbers are doubles; whole numbers are checked later
        else:
            out[col] = s  # text as pyreadr gives it (str or categorical); missing values stay NaN
    table = pd.DataFrame(out, columns=COLUMNS[name])
    return Table(name, path, table, list(range(1, len(table) + 1)), "R data file (.rda)")


def _read_csv(path: Path) -> Table:
    """A CSV as R's ``write.csv`` writes it: ``NA`` unquoted is a missing value, but
    Namibia's code ``"NA"`` is read as written and resolved by the code table."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if not header:
                raise ImportError_(f"{path}:1: empty file: not a table of the unvotes package")
            if header[0] == "":  # R's row names
                header = header[1:]
                skip = 1
            else:
                skip = 0
            name = next((n for n, cols in COLUMNS.items() if set(cols) <= set(header)), None)
            if name is None:
                raise ImportError_(f"{path}:1: the header ({', '.join(header[:6])}) is not that of "
                                   f"{', '.join(COLUMNS)}")
            index = [header.index(c) + skip for c in COLUMNS[name]]
            width = len(header) + skip
            rows, lines, line = [], [], 2
            for record in reader:
                if len(record) != width:
                    raise ImportError_(f"{path}:{line}: {len(record)} fields where the header has {width}")
                rows.append([record[i] for i in index])
                lines.append(line)
                line = reader.line_num + 1
    except UnicodeDecodeError as exc:
        raise ImportError_(f"{path}:1: not UTF-8 text ({exc.reason})") from None
    except csv.Error as exc:
        raise ImportError_(f"{path}:{reader.line_num}: not valid CSV: {exc}") from None
    frame = pd.DataFrame(rows, columns=COLUMNS[name], dtype=object)
    for col in COLUMNS[name]:
        # a bare NA is R's missing value; an empty field is missing too where a number or
        # date belongs, but text keeps its empty strings, as the .rda files have them
        missing = ["", "NA"] if col in _NOT_TEXT else ["NA"]
        frame.loc[frame[col].isin(missing), col] = None
    if name == "un_votes":  # the code NA is Namibia's; the code table decides by the name
        raw = pd.Series([r[2] for r in rows], dtype=object)
        frame["na_code"] = raw.eq("NA").to_numpy()
    return Table(name, path, frame, lines, "CSV")


def read_file(path: Path) -> Table:
    if not path.exists():
        raise ImportError_(f"{path}:1: no such file")
    if not path.is_file():
        raise ImportError_(f"{path}:1: not a file")
    with open(path, "rb") as fh:
        magic = fh.read(5)
    # .rda files are gzip, bzip2 or xz compressed, or plain "RDX" serialisations
    if magic[:2] == b"\x1f\x8b" or magic[:3] == b"BZh" or magic[:5] == b"\xfd7zXZ" or magic[:3] in (b"RDX", b"RDA"):
        return _read_rda(path)
    if path.suffix.lower() in (".rda", ".rdata"):
        raise ImportError_(f"{path}:1: not an R data file (no gzip, bzip2 or xz header)")
    return _read_csv(path)


# --------------------------------------------------------------------------- #
# Checks and country codes
# --------------------------------------------------------------------------- #
def code_table() -> pd.DataFrame:
    return pd.read_csv(CODES_TABLE, dtype=str, keep_default_na=False)


def _first_bad(table: Table, mask: pd.Series, message) -> None:
    if mask.any():
        i = int(mask.to_numpy().nonzero()[0][0])
        raise ImportError_(f"{table.path}:{table.rows[i]}: {message(table.frame.iloc[i])}")


def _integers(table: Table, col: str) -> pd.Series:
    s = table.frame[col]
    if pd.api.types.is_float_dtype(s):
        _first_bad(table, s.isna() | (s % 1 != 0), lambda r: f"{col} {r[col]!r} is not a whole number")
        return s.astype("int64")
    ok = s.notna() & s.fillna("").astype(str).str.fullmatch(r"-?[0-9]+(\.0+)?")
    _first_bad(table, ~ok, lambda r: f"{col} {r[col]!r} is not a whole number")
    return s.astype(str).str.replace(r"\.0+$", "", regex=True).astype("int64")


def _flags(table: Table, col: str) -> pd.Series:
    s = table.frame[col].map(lambda v: v if v is None or isinstance(v, str) else
                             (str(int(v)) if float(v).is_integer() else str(v)) if not pd.isna(v) else None)
    _first_bad(table, s.notna() & ~s.isin(["0", "1", "TRUE", "FALSE"]),
               lambda r: f"{col} {r[col]!r} is not 0, 1 or missing")
    return s.map({"0": False, "1": True, "FALSE": False, "TRUE": True}).astype("boolean")


def _roll_calls(t: Table) -> pd.DataFrame:
    f = t.frame
    rcid = _integers(t, "rcid")
    _first_bad(t, pd.Series(rcid.duplicated().to_numpy()), lambda r: f"roll call {r['rcid']} appears twice")
    _first_bad(t, f["date"].isna(), lambda r: f"roll call {r['rcid']} has no date")
    date = pd.to_datetime(f["date"], format="%Y-%m-%d", errors="coerce")
    _first_bad(t, date.isna(), lambda r: f"date {r['date']!r} of roll call {r['rcid']} is not YYYY-MM-DD")
    session = pd.to_numeric(f["session"], errors="coerce")
    _first_bad(t, f["session"].notna() & (session.isna() | (session % 1 != 0)),
               lambda r: f"session {r['session']!r} is not a whole number")
    return pd.DataFrame({
        "rcid": rcid.astype("int32"), "session": session.astype("Int32"),
        "importantvote": _flags(t, "importantvote"), "date": date.astype("datetime64[s]"),
        "unres": f["unres"], "amend": _flags(t, "amend"), "para": _flags(t, "para"),
        "short": f["short"], "descr": f["descr"]}).sort_values("rcid", kind="mergesort").reset_index(drop=True)


def _issues(t: Table, rcids: set[int], calls: Table) -> pd.DataFrame:
    f = t.frame
    rcid = _integers(t, "rcid")
    _first_bad(t, ~f["short_name"].isin(list(ISSUES)),
               lambda r: f"issue {r['short_name']!r} is not one of {', '.join(ISSUES)}")
    _first_bad(t, pd.Series(~rcid.isin(rcids).to_numpy()),
               lambda r: f"rcid {r['rcid']} is not a roll call in {calls.path}")
    out = pd.DataFrame({"rcid": rcid.astype("int32"), "issue": f["short_name"].map(ISSUES),
                        "short_name": f["short_name"], "issue_name": f["issue"]})
    _first_bad(t, pd.Series(out.duplicated(["rcid", "issue"]).to_numpy()),
               lambda r: f"roll call {r['rcid']} is tagged {r['short_name']!r} twice")
    return out.sort_values(["rcid", "issue"], kind="mergesort").reset_index(drop=True)


def _votes(t: Table, calls: pd.DataFrame, calls_table: Table, report: UnvotesReport):
    f = t.frame
    rcid = _integers(t, "rcid")
    vote_codes, vote_values = pd.factorize(f["vote"], use_na_sentinel=True)
    bad = [i for i, v in enumerate(vote_values) if v not in VOTES]
    _first_bad(t, pd.Series((vote_codes < 0) | np.isin(vote_codes, bad)),
               lambda r: f"vote {r['vote']!r} is not yes, abstain or no")
    vote = np.array([VOTES.index(v) for v in vote_values], dtype=np.int8)[vote_codes]
    _first_bad(t, f["country"].isna(), lambda r: "the country's name is missing")
    known = pd.Series(rcid.isin(set(calls["rcid"])).to_numpy())
    _first_bad(t, ~known, lambda r: f"rcid {r['rcid']} is not a roll call in {calls_table.path}")
    code = f["country_code"]
    if "na_code" in f:  # CSV: "NA" was read as missing; it is Namibia's code
        code = code.where(~(f["na_code"] & f["country"].eq("Namibia")), "NA")
    # (code, name) as one integer per row: the mapping is decided once per distinct pair
    code_codes, code_values = pd.factorize(code, use_na_sentinel=True)
    name_codes, name_values = pd.factorize(f["country"])
    n_names = len(name_values)
    key = (code_codes.astype("int64") + 1) * n_names + name_codes
    distinct, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    pairs = [(code_values[k // n_names - 1] if k // n_names else "", name_values[k % n_names]) for k in distinct]
    by_rule = {(r.country_code, r.country): r.alpha3 for r in code_table().itertuples()}
    ruled_codes = {c for c, _ in by_rule if c}
    import pycountry

    mapped, rules = [], []
    for c, name in pairs:
        iso = pycountry.countries.get(alpha_2=c) if c and c not in ruled_codes else None
        if (c, name) in by_rule:
            mapped.append(by_rule[(c, name)]), rules.append("code table")
        elif iso is not None:
            mapped.append(iso.alpha_3), rules.append("pycountry")
        else:
            mapped.append(None), rules.append(None)
            why = (f"no country code, and the code table has no row for the name {name!r}" if not c
                   else f"code {c!r} with the name {name!r}: neither the code table nor ISO 3166-1 maps it")
            n = int(counts[len(mapped) - 1])
            report.skip(why, n)
            report.unmapped[f"{name} ({c or 'no code'})"] = n
    # states as integer codes over their sorted alpha-3 codes: sorting and the repeat check stay on integers
    states = sorted({m for m in mapped if m})
    state_of_pair = np.array([states.index(m) if m else -1 for m in mapped], dtype=np.int64)
    state = state_of_pair[inverse]
    keep = state >= 0
    rc = rcid.to_numpy()[keep].astype(np.int64)
    st = state[keep]
    vote = vote[keep]
    vote_key = rc * (len(states) + 1) + st
    order = np.argsort(vote_key, kind="stable")
    repeat = np.flatnonzero(vote_key[order][1:] == vote_key[order][:-1])
    if len(repeat):
        row = int(np.flatnonzero(keep)[order[repeat[0] + 1]])
        raise ImportError_(f"{t.path}:{t.rows[row]}: {f['country'].iloc[row]} ({states[state[row]]}) "
                           f"votes twice on roll call {rcid.iloc[row]}")
    countries = pd.DataFrame({"country": mapped, "country_code": [c or None for c, _ in pairs],
                              "source_name": [n for _, n in pairs], "votes": counts.astype("int64"),
                              "rule": rules})
    countries = (countries[countries["country"].notna()].sort_values(["country", "source_name"], kind="mergesort")
                 .reset_index(drop=True))
    day = calls["date"].to_numpy()[np.searchsorted(calls["rcid"].to_numpy(), rc)]  # calls are sorted by rcid
    order = np.lexsort((st, rc, day))  # by date, roll call, state
    votes = pd.DataFrame({
        "date": day[order], "rcid": rc[order].astype(np.int32),
        "country": pd.Categorical.from_codes(st[order], categories=states),
        "vote": pd.Categorical.from_codes(vote[order], categories=list(VOTES))})
    return votes, countries


# --------------------------------------------------------------------------- #
# The import
# --------------------------------------------------------------------------- #
def load_tables(files: list[str]) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    for f in files:
        t = read_file(Path(f))
        if t.name in tables:
            raise ImportError_(f"{t.path}:1: a second {t.name} table (the first is {tables[t.name].path})")
        tables[t.name] = t
    for name in COLUMNS:
        if name not in tables:
            raise BilateralError(f"parameter 'files': the table {name} is missing (give un_votes, un_roll_calls "
                                 "and un_roll_call_issues, as .rda or CSV files)")
    return tables


def build(files: list[str]) -> tuple[dict[str, pd.DataFrame], UnvotesReport, dict[str, Table]]:
    """The store's tables from the files, every check done; nothing is written."""
    tables = load_tables(files)
    report = UnvotesReport()
    report.files = [(tables[n].path, f"{n}, {tables[n].kind}") for n in COLUMNS]
    calls = _roll_calls(tables["un_roll_calls"])
    issues = _issues(tables["un_roll_call_issues"], set(calls["rcid"]), tables["un_roll_calls"])
    votes, countries = _votes(tables["un_votes"], calls, tables["un_roll_calls"], report)
    report.read = len(tables["un_votes"].frame)
    report.kept = len(votes)
    report.roll_calls, report.issue_tags = len(calls), len(issues)
    if len(votes):
        report.first_vote, report.last_vote = (votes["date"].iloc[0].date().isoformat(),
                                              votes["date"].iloc[-1].date().isoformat())
    from ..figures import votes as unga

    # Derived, for the briefing's chart: a year's median over every pair costs seconds at
    # render time and ~0.5 s here, once.
    yearly = unga.yearly_median(votes).assign(min_joint=unga.MIN_JOINT_YEAR)
    return ({"votes": votes, "roll_calls": calls, "issues": issues, "countries": countries,
             "yearly_median": yearly}, report, tables)


def _schemas():
    import pyarrow as pa

    text = pa.string()
    return {
        "votes": pa.schema([("date", pa.date32()), ("rcid", pa.int32()), ("country", text), ("vote", text)]),
        "roll_calls": pa.schema([("rcid", pa.int32()), ("session", pa.int32()), ("importantvote", pa.bool_()),
                                 ("date", pa.date32()), ("unres", text), ("amend", pa.bool_()), ("para", pa.bool_()),
                                 ("short", text), ("descr", text)]),
        "issues": pa.schema([("rcid", pa.int32()), ("issue", text), ("short_name", text), ("issue_name", text)]),
        "countries": pa.schema([("country", text), ("country_code", text), ("source_name", text),
                                ("votes", pa.int64()), ("rule", text)]),
        "yearly_median": pa.schema([("year", pa.int32()), ("median", pa.float64()), ("pairs", pa.int64()),
                                    ("min_joint", pa.int32())]),
    }


def _write(frames: dict[str, pd.DataFrame], folder: Path) -> None:
    """One fixed schema per table, so .rda and CSV inputs give the same store."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for name, schema in _schemas().items():
        frame = frames[name]
        columns = []
        for f in schema:
            s = frame[f.name]
            if f.type == pa.string() and isinstance(s.dtype, pd.CategoricalDtype):
                values = pa.array(list(s.cat.categories), type=pa.string())
                columns.append(values.take(pa.array(s.cat.codes.to_numpy(), mask=s.cat.codes.to_numpy() < 0)))
            elif f.type == pa.string():
                columns.append(pa.array(s.astype(object), type=pa.string(), from_pandas=True))
            elif f.type == pa.date32():
                columns.append(pa.array(pd.to_datetime(s).to_numpy().astype("datetime64[D]"), type=pa.date32()))
            else:
                columns.append(pa.array(s, type=f.type, from_pandas=True))
        table = pa.Table.from_arrays(columns, schema=schema)
        pq.write_table(table, folder / f"{name}.parquet", compression="zstd", row_group_size=1 << 20,
                       use_dictionary=True, write_statistics=True)


def run(files: list[str], out: str, replace: bool = False) -> UnvotesReport:
    out_dir = Path(out)
    prepare_out(out_dir, replace)
    frames, report, tables = build(files)
    scratch = scratch_beside(out_dir)
    try:
        staged = scratch / "store"
        staged.mkdir()
        _write(frames, staged)
        manifest.write(staged, "unvotes", "flat",
                       inputs=[manifest.input_entry(t.path, t.kind, table=t.name, rows=len(t.frame))
                               for t in (tables[n] for n in COLUMNS)],
                       rows={name: len(frame) for name, frame in frames.items()}, skipped=report.skipped,
                       first_vote=report.first_vote, last_vote=report.last_vote)
        publish(staged, out_dir)
    finally:
        import shutil

        shutil.rmtree(scratch, ignore_errors=True)
    return report
