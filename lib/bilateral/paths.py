"""Every path the project uses, in one place (notebooks never hard-code one).

The checkout is found from this file's location; installed from a wheel, the package
reads its own copies of the data and notebooks (``shipped/``) and writes under the
current folder. They can
be moved with environment variables, which the tests use to keep their output
out of the working tree.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# A wheel carries the checkout's data/ and notebooks/ as package data under shipped/ (in a
# checkout, shipped/ holds links to them), so an installed package renders from any folder.
SHIPPED_DIR = PACKAGE_DIR / "shipped"


def _checkout() -> Path | None:
    """The checkout the package is imported from (editable install or source tree), or None
    when it is installed (a wheel in site-packages)."""
    root = PACKAGE_DIR.parents[1]
    return root if (root / "pyproject.toml").is_file() and (root / "notebooks").is_dir() else None


CHECKOUT = _checkout()
# Where a user's work goes (reports/, build/, stores/): the checkout, else the current folder.
PROJECT_ROOT = CHECKOUT if CHECKOUT is not None else Path.cwd()

DATA_DIR = (CHECKOUT or SHIPPED_DIR) / "data"
# BILATERAL_DATASET moves the default (the tests point it at their frozen copy).
DEFAULT_DATASET = Path(os.environ.get("BILATERAL_DATASET", DATA_DIR / "india-belarus"))
NOTEBOOKS_DIR = (CHECKOUT or SHIPPED_DIR) / "notebooks"
BRIEFING_NOTEBOOK = NOTEBOOKS_DIR / "briefing.ipynb"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
SUMMARY_SCHEMA = PACKAGE_DIR / "summary.schema.json"
VOTES_SCHEMA = PACKAGE_DIR / "votes.schema.json"
DIFF_SCHEMA = PACKAGE_DIR / "diff.schema.json"
CAMEO_DIR = PACKAGE_DIR / "cameo"


def reports_dir() -> Path:
    """Where briefings are published (``BILATERAL_REPORTS`` moves it)."""
    return Path(os.environ.get("BILATERAL_REPORTS", PROJECT_ROOT / "reports"))


def build_dir() -> Path:
    """Scratch space and failed runs (``BILATERAL_BUILD`` moves it)."""
    return Path(os.environ.get("BILATERAL_BUILD", PROJECT_ROOT / "build"))


@contextmanager
def atomic_write(target: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside ``target`` to write to, renamed over ``target`` when the block ends
    without an error and removed when it raises: a reader sees the old file or the new one, never
    half of one (a rename within one folder is atomic)."""
    target = Path(target)
    tmp = target.parent / f".{target.name}.partial-{os.getpid()}"
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def unwritable(folder: str | os.PathLike) -> str | None:
    """Why nothing can be written in ``folder`` (or in the nearest of its parents that exists,
    where it would be created), or None. Tried, not asked: root passes every permission check,
    yet a read-only disk refuses it."""
    import tempfile

    probe = Path(folder)
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not probe.is_dir():
        return f"{str(probe)!r} is a file, not a folder"
    try:
        fd, name = tempfile.mkstemp(prefix=".bilateral-probe-", dir=probe)
        os.close(fd)
        os.unlink(name)
    except OSError as exc:
        return f"cannot write in {str(probe)!r}: {exc.strerror or exc}"
    return None
