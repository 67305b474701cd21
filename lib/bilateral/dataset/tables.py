"""Reading a table of a dataset (CSV or Parquet) into an all-text frame, and
checking every value against the contract; problems are collected, not raised.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..contract.columns import EVENTS, MAX_FIELD_CHARS, Table, check_integer, check_text
from ..contract.problems import Problems, display_path


@dataclass
class RawTable:
    spec: Table
    shown: str              # the file name as shown in messages
    header: list[str]
    frame: pd.DataFrame     # all columns as str / NA; index 0..n-1
    lines: list[int]        # line on which each record starts

    def line(self, i: int) -> int:
        return self.lines[i]

    def col(self, name: str) -> int:
        return self.header.index(name) + 1 if name in self.header else 1


def read_csv(spec: Table, path: Path, problems: Problems) -> RawTable | None:
    shown = display_path(path)
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        problems.add(shown, line, column,
                     f"not UTF-8 (byte 0x{raw[exc.start]:02X}); save the file as UTF-8")
        return None
    if not text.strip():
        problems.add(shown, 1, 1, f"empty file: expected a header row ({', '.join(c.name for c in spec.columns if c.required)})")
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.add(shown, line, 1, "contains a NUL byte: not a text CSV file")
        return None
    first_line = text.lstrip("\r\n").splitlines()[0]
    if "," not in first_line:
        for delimiter, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
            if delimiter in first_line:
                # One line, not one per row: every row would have the wrong number of fields.
                problems.add(shown, 1, 1, f"wrong delimiter: the header's fields are separated by {name}, not commas "
                                          "(save the file as comma-separated CSV)")
                return None

    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    starts: list[int] = []
    header: list[str] | None = None
    last_line = 0
    try:
        for record in reader:
            start = last_line + 1
            last_line = reader.line_num
            if header is None:
                header = [h.strip() for h in record]
                continue
            if not any(cell.strip() for cell in record):
                continue  # blank line
            if len(record) != len(header):
                problems.add(shown, start, min(len(record), len(header)) + 1,
                             f"expected {len(header)} fields as in the header, found {len(record)}")
                continue
            rows.append(record)
            starts.append(start)
    except csv.Error as exc:
        message = str(exc)
        if "field larger than field limit" in message:
            message = f"a field is longer than {MAX_FIELD_CHARS:,} characters"
        problems.add(shown, last_line + 1, 1, f"unreadable CSV: {message}")
        return None
    assert header is not None

    known = {c.name for c in spec.columns}
    lowered = {h.lower(): h for h in header}
    missing = False
    for col in spec.columns:
        if col.required and col.name not in header:
            hint = ""
            if col.name in lowered:
                hint = f" (found {lowered[col.name]!r}: column names are lower case)"
            problems.add(shown, 1, 1, f"missing required column {col.name!r}{hint}")
            missing = True
    dupes = {h for h in header if header.count(h) > 1 and h in known}
    for h in sorted(dupes):
        problems.add(shown, 1, header.index(h) + 1, f"column {h!r} appears more than once")
    if missing or dupes:
        return None

    frame = pd.DataFrame(rows, columns=header, dtype="string") if rows else pd.DataFrame(
        {h: pd.Series([], dtype="string") for h in header})
    frame = frame.loc[:, ~frame.columns.duplicated()]
    for h in frame.columns:
        stripped = frame[h].str.strip()
        frame[h] = stripped.mask(stripped == "")
    for col in spec.columns:  # optional columns absent from the file: all empty
        if col.name not in frame.columns:
            frame[col.name] = pd.Series([pd.NA] * len(frame), dtype="string")
    return RawTable(spec, shown, header, frame.reset_index(drop=True), starts)


def from_parquet(spec: Table, path: Path, pair: tuple[str, str] | None, engine: str | None = None,
                 master: str | None = None) -> RawTable:
    """A Parquet table (one file, or a store's partitioned events folder) as the same all-text
    frame a CSV gives (only the pair's events), read on ``engine`` (``store.engines``)."""
    from .. import store

    frame = store.read_events(path, pair, engine, master) if spec is EVENTS else store.read_table(path, engine, master)
    text = pd.DataFrame(index=frame.index)
    # An integer column with missing values can arrive as floats (NaN for NULL): 5.0 is still 5.
    integers = {c.name for c in spec.columns if c.check is check_integer} | {"quad_class"}
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_bool_dtype(values):
            values = values.map({True: "true", False: "false"})
        elif column in integers and pd.api.types.is_float_dtype(values):
            values = values.map(lambda v: None if pd.isna(v) else (str(int(v)) if float(v).is_integer() else repr(v)))
        elif pd.api.types.is_float_dtype(values):
            values = values.map(lambda v: None if pd.isna(v) else repr(float(v)))
        elif pd.api.types.is_integer_dtype(values):
            values = values.map(lambda v: None if pd.isna(v) else str(int(v)))
        text[column] = values.astype("string")
    for col in spec.columns:
        if col.name not in text.columns:
            text[col.name] = pd.Series([pd.NA] * len(text), dtype="string")
    text = text.reset_index(drop=True)
    # Parquet has no lines: problems name the row (1-based) of what was read.
    return RawTable(spec, display_path(path), list(frame.columns), text, list(range(1, len(text) + 1)))


def check_values(table: RawTable, problems: Problems) -> None:
    """Run the per-value checks as one pandera schema; map failures to lines."""
    import pandera.pandas as pa
    from pandera.errors import SchemaErrors

    spec = table.spec
    columns = {}
    for col in spec.columns:
        checks = []
        if col.check is not check_text:
            fn = col.check
            checks.append(pa.Check(lambda v, fn=fn: fn(v) is None, element_wise=True,
                                   name=col.name, ignore_na=True))
        columns[col.name] = pa.Column(None, nullable=not col.required, checks=checks,
                                      required=False)
    schema = pa.DataFrameSchema(columns, strict=False)
    try:
        schema.validate(table.frame, lazy=True)
    except SchemaErrors as err:
        cases = err.failure_cases
        for _, case in cases.iterrows():
            name = case["column"]
            index = case["index"]
            if name not in table.frame.columns or pd.isna(index):
                continue
            i = int(index)
            value = table.frame.at[i, name]
            if pd.isna(value):
                message = f"required value {name!r} is empty"
            else:
                spec_col = next(c for c in spec.columns if c.name == name)
                message = spec_col.check(str(value)) or f"invalid value {value!r}"
            problems.add(table.shown, table.line(i), table.col(name), message)

