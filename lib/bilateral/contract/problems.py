"""Problems with input, collected rather than raised, each reported as one line
``file:line:column: message`` (the form every check of the project uses)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Problems:
    items: list[tuple[str, int, int, str]] = field(default_factory=list)

    def add(self, file: str, line: int, column: int, message: str) -> None:
        self.items.append((file, line, column, message))

    def lines(self) -> list[str]:
        seen = []
        for f, ln, col, msg in sorted(self.items, key=lambda p: (p[0], p[1], p[2])):
            text = f"{f}:{ln}:{col}: {msg}"
            if text not in seen:
                seen.append(text)
        return seen


def display_path(path: Path) -> str:
    # Relative to where the user stands when inside it, else as an absolute path.
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(Path(path).resolve()) if rel.startswith("..") else rel
