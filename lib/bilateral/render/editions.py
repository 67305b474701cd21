"""Where editions live and how a render finds the previous one.

A briefing is published as ``reports/A-B/STEM.{html,pdf,json}`` (the latest edition of
that window, which the index links) and, beside it, kept for good as
``reports/A-B/editions/STEM/RENDERED_AT.{html,pdf,json}``: re-rendering a window replaces
the latest report but never an edition a reader has already seen. The previous
edition of a render is the sidecar of the same pair (any window, any dataset) in
``--out`` whose rendering time is the latest before it, or the one ``--since`` names.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..figures.editions import NotASidecar, check, same_pair
from ..errors import ParameterError

EDITIONS = "editions"


def stamp(rendered_at: str) -> str:
    """A rendering time as a file name: ``2026-11-30T07-31-02Z``."""
    return rendered_at.replace("+00:00", "Z").replace(":", "-")


def history_targets(report_dir: Path, stem: str, rendered_at: str, kinds) -> dict[str, Path]:
    """Where an edition is kept, beside its report: named by its rendering time, never over an
    edition already kept (two renders within one second: the second gets ``-2``)."""
    folder = Path(report_dir) / EDITIONS / stem
    name, n = stamp(rendered_at), 1
    while (folder / f"{name}.json").exists():
        n += 1
        name = f"{stamp(rendered_at)}-{n}"
    return {kind: folder / f"{name}.{kind}" for kind in kinds}


def read_sidecar(path: Path, name: str | None = None) -> dict:
    """A sidecar from disk; ``NotASidecar`` (one line naming the file) when it is not one."""
    name = name or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotASidecar(f"{name}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise NotASidecar(f"{name}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        side = json.loads(text)
    except ValueError as exc:
        line, col = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        raise NotASidecar(f"{name}:{line}:{col}: not JSON ({getattr(exc, 'msg', exc)})") from None
    return check(side, name)


def since(path, pair: str) -> tuple[Path, dict]:
    """``--since FILE.json``: a sidecar of the same pair, else a ParameterError."""
    path = Path(path)
    try:
        side = read_sidecar(path)
    except NotASidecar as exc:
        raise ParameterError(f"parameter 'since': {exc}") from None
    if not same_pair(side, {"pair": pair}):
        raise ParameterError(f"parameter 'since': {path} is a briefing of {side['pair']}, not {pair}")
    return path, side


def candidates(out_root: Path, pair: str | None = None) -> list[Path]:
    """The sidecars that may be editions of ``pair`` (either order; None: every pair), by where
    a render publishes them, so that a batch of many pairs does not read every pair's sidecars."""
    out_root = Path(out_root)
    if pair is None:
        names = ["*"]
    else:
        a, b = pair.split("-")
        names = [f"{a}-{b}", f"{b}-{a}"]
    found = []
    for name in names:
        found += sorted(out_root.glob(f"{name}/*.json")) + sorted(out_root.glob(f"{name}/{EDITIONS}/*/*.json"))
    return found


def previous(out_root: Path, pair: str, before: str) -> tuple[Path, dict] | None:
    """The latest sidecar of ``pair`` under ``out_root`` rendered before ``before`` (ISO time, to the
    second: a sidecar on disk when a render begins was rendered before it, even within the same second)."""
    best = None
    for path in candidates(out_root, pair):
        try:
            side = read_sidecar(path)
        except NotASidecar:
            continue  # not a sidecar of ours
        at = side.get("rendered_at") or ""
        if not same_pair(side, {"pair": pair}) or not at or at > before:
            continue
        if best is None or at > best[1]["rendered_at"]:
            best = (path, side)
    return best


def count(report_dir: Path, stem: str) -> int:
    """How many editions of one report are kept beside it."""
    return len(list((Path(report_dir) / EDITIONS / stem).glob("*.json")))
