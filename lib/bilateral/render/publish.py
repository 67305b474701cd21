"""Publishing a finished briefing: files moved into place atomically, the sidecar last,
and what a sidecar records (inputs key, code checksum, versions, git commit)."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from .. import __version__, paths
from ..contract.checksums import sha256_of


def publish(staged: dict[str, Path], targets: dict[str, Path]) -> None:
    """Move the finished files into place, the sidecar last.

    Each file is first copied next to its target (same filesystem), then renamed
    over it: a reader sees the old file or the new one, never half of one.
    """
    target_dir = next(iter(targets.values())).parent
    target_dir.mkdir(parents=True, exist_ok=True)
    ready = {}
    try:
        for kind, src in staged.items():
            tmp = target_dir / f".{targets[kind].name}.partial-{os.getpid()}"
            ready[kind] = tmp  # before the copy: a copy that fails half-way is removed too
            shutil.copyfile(src, tmp)
        for kind in [k for k in ready if k != "json"] + ["json"]:
            os.replace(ready[kind], targets[kind])
    finally:
        for tmp in ready.values():
            if tmp.exists():
                tmp.unlink()


def inputs_key(parameters: dict, formats, data_checksum: str, notebook_sha: str,
               votes_checksum: str | None = None) -> str:
    """What the output depends on: unchanged inputs and existing files mean nothing to do.
    The dataset and the store of UN votes count by their checksums, not by where they are."""
    inputs = {"parameters": {k: v for k, v in parameters.items() if k not in ("data", "votes")},
              "formats": list(formats), "data_checksum": data_checksum, "votes_checksum": votes_checksum,
              "notebook_sha256": notebook_sha, "code_sha256": code_checksum()}
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


def code_checksum() -> str:
    """SHA-256 over the library's code and templates: a change to them re-renders."""
    digest = hashlib.sha256()
    for f in sorted(paths.PACKAGE_DIR.rglob("*")):
        if f.is_relative_to(paths.SHIPPED_DIR):  # data and notebooks: their own checksums count
            continue
        if f.is_file() and f.suffix in {".py", ".j2", ".css", ".json"}:
            digest.update(f.relative_to(paths.PACKAGE_DIR).as_posix().encode())
            digest.update(bytes.fromhex(sha256_of(f)))
    return digest.hexdigest()


def up_to_date(targets: dict[str, Path], key: str) -> bool:
    if not all(f.exists() for f in targets.values()):
        return False
    try:
        return json.loads(targets["json"].read_text(encoding="utf-8")).get("inputs_key") == key
    except (OSError, ValueError):
        return False


def git_commit() -> str | None:
    """The checkout's commit (``-dirty`` with uncommitted changes); None when installed."""
    if paths.CHECKOUT is None:
        return None
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=paths.CHECKOUT, capture_output=True,
                              text=True, timeout=10)
        if head.returncode != 0:
            return None
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=paths.CHECKOUT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return head.stdout.strip() + ("-dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return None


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"bilateral": __version__}
    for name in ("papermill", "nbconvert", "weasyprint", "pandas", "matplotlib"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            pass
    return out
