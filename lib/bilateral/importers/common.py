"""What every importer shares: its error, its report, and atomic writing of the store."""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..figures.coverage import Span
from ..errors import BilateralError


class ImportError_(BilateralError):  # noqa: N801 - not the builtin ImportError
    """A file that cannot be imported: ``file:line:column: what is wrong``."""


@dataclass
class Report:
    files: list[tuple[Path, str]] = field(default_factory=list)
    read: int = 0
    kept: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    unmapped: dict[str, int] = field(default_factory=dict)  # names or codes that map to no country
    spans: dict[Path, Span] = field(default_factory=dict)  # what each file covers (bilateral.figures.coverage)

    def skip(self, reason: str, n: int) -> None:
        if n:
            self.skipped[reason] = self.skipped.get(reason, 0) + int(n)

    def text(self, out: Path) -> str:
        lines = [f"imported {len(self.files)} file{'s' if len(self.files) != 1 else ''} into {out}"]
        lines += [f"  {path}  ({kind})" for path, kind in self.files]
        lines.append(f"rows read     {self.read:>12,}")
        lines.append(f"rows kept     {self.kept:>12,}")
        lines.append(f"rows skipped  {sum(self.skipped.values()):>12,}")
        for reason, n in sorted(self.skipped.items(), key=lambda kv: -kv[1]):
            lines.append(f"  {n:>12,}  {reason}")
        if self.unmapped:
            top = sorted(self.unmapped.items(), key=lambda kv: -kv[1])
            lines.append(f"country names that map to no ISO country ({len(top)}): "
                         + ", ".join(f"{name!r} ({n})" for name, n in top[:12]) + (" …" if len(top) > 12 else ""))
        return "\n".join(lines)


BOM = b"\xef\xbb\xbf"


class DuckSQL:
    """An importer's SQL run on a DuckDB connection. The Spark importer has the same three calls
    (``spark._SparkSQL``), so a transform written once in SQL runs on either engine."""

    def __init__(self, con):
        self.con = con

    def rows(self, sql: str) -> list[tuple]:
        return self.con.execute(sql).fetchall()

    def table(self, name: str, sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TABLE {name} AS {sql}")

    def values(self, name: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """A small table of text from this process."""
        self.con.execute(f"CREATE OR REPLACE TABLE {name} ({', '.join(f'{c} VARCHAR' for c in columns)})")
        if rows:
            self.con.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' for _ in columns)})", rows)


def not_plain_text(first: bytes, shown: Path, expected: str) -> None:
    """Raise the one-line error for a first line that is compressed, or comma- not tab-separated."""
    if first.startswith(b"\x1f\x8b"):
        raise ImportError_(f"{shown}:1:1: a gzip-compressed file: unpack it first (gunzip), then import the "
                           f"plain file; {expected}")
    if first.startswith(b"PK\x03\x04"):
        raise ImportError_(f"{shown}:1:1: a zip archive this importer does not unpack; {expected}")
    text = first.removeprefix(BOM).rstrip(b"\r\n")
    if b"\t" not in text and text.count(b",") >= 2:
        raise ImportError_(f"{shown}:1:1: a comma-separated file ({text.count(b',') + 1} comma-separated fields, "
                           f"no tab); {expected}")


def shown_header(fields: list[str], limit: int = 100) -> str:
    """A header as found, for a one-line error: its fields joined by ' | ', cut at ``limit`` characters."""
    text = " | ".join(fields)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def prepare_out(out: Path, replace: bool) -> None:
    if out.exists() and not out.is_dir():
        raise BilateralError(f"parameter 'out': {str(out)!r} is a file, not a folder")
    if out.exists() and any(out.iterdir()) and not replace:
        raise BilateralError(f"parameter 'out': {str(out)!r} is not empty (use --replace to overwrite it)")


def scratch_beside(out: Path) -> Path:
    """A temporary folder on the same filesystem as ``out``, so the final move is a rename."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{out.name}.importing-", dir=out.parent))
    except OSError as exc:  # a read-only or full disk, a folder of someone else's: one line, nothing written
        raise BilateralError(f"parameter 'out': cannot write in {str(out.parent)!r}: "
                             f"{exc.strerror or exc}") from None


def publish(staged: Path, out: Path) -> None:
    """Move the finished store into place; an existing one is replaced only now."""
    if out.exists():
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        os.replace(out, old)
        os.replace(staged, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staged, out)
