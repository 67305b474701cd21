"""SHA-256 of a file, the one way the project computes it."""
from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_of(path: Path) -> str:
    """The file's SHA-256 as 64 lower-case hex digits, read in chunks (any size)."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()
