"""``reports/index.html``: the watchlists of stores (``watchlist``), then every published
briefing, newest window first; each row links the latest edition of its window and says how
many editions are kept (``edition_files``).

Built from the sidecars on disk, so it lists exactly the briefings that are there;
rewritten under a file lock (``filelock``: the same on every OS, kept in the temporary
folder so that nothing but reports lies in ``reports/``) and replaced atomically, so
concurrent renders never leave it half-written or missing one of them. The page
comes from an autoescaping Jinja2 template.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .editions import count as edition_count
from ..contract.names import country_name
from ..paths import atomic_write

INDEX_NAME = "index.html"

_STYLE = """
body{margin:0;font-family:"DejaVu Sans",Arial,sans-serif;color:#1d1d1f;background:#fff}
main{max-width:60rem;margin:0 auto;padding:1.2rem .8rem 3rem}
h1{font-size:1.5rem;margin:.2rem 0 1rem}
.muted{color:#5f6368;font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{text-align:left;vertical-align:top;padding:.4rem .45rem;border-bottom:1px solid #d9d9de}
thead th{border-bottom:2px solid #1d1d1f;font-size:.75rem;text-transform:uppercase;letter-spacing:.03em}
td.num{text-align:right}
h2{font-size:1.1rem;margin:1.6rem 0 .3rem}
p code{white-space:nowrap}
.up{color:#0b6e4f}.down{color:#b3261e}
a{color:#0072B2}
@media (max-width:40rem){
 thead{display:none} table,tbody,tr,td{display:block;width:100%}
 tr{border-bottom:2px solid #d9d9de;padding:.4rem 0} td,td.num{border:0;padding:.1rem 0;text-align:left}
 td[data-label]::before{content:attr(data-label) ": ";font-weight:bold;color:#5f6368}
}
"""


def briefings(out_root: Path) -> list[dict]:
    """One entry per complete briefing under out_root (its sidecar names its files)."""
    rows = []
    for sidecar in sorted(Path(out_root).glob("*/*.json")):
        try:
            side = json.loads(sidecar.read_text(encoding="utf-8"))
            s = side["summary"]
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not a sidecar of ours
        files = {k: sidecar.parent / name for k, name in side.get("files", {}).items()}
        if not all(f.exists() for f in files.values()):
            continue
        last = s["engagement"].get("last_high_level")
        a, b = s["pair"].split("-")
        rows.append({"pair": s["pair"], "names": f"{country_name(a)}–{country_name(b)}",
                     "dataset": (side.get("dataset") or {}).get("name") or Path(side.get("data", {}).get("path", "")).name,
                     "rendered": (side.get("rendered_at") or "")[:10], "start": s["start"], "end": s["end"], "as_of": s["as_of"],
                     "last_high_level": last["date"] if last else None,
                     "events": s["engagement"]["total"], "editions": edition_count(sidecar.parent, sidecar.stem),
                     "files": {k: f.relative_to(out_root).as_posix() for k, f in files.items()}})
    return sorted(rows, key=lambda r: (r["end"], r["as_of"], r["start"], r["pair"]), reverse=True)


def render_index(rows: list[dict], watchlists: list[dict] = ()) -> str:
    from markupsafe import Markup

    from ..html import environment

    env = environment("reports", strict=False, trim=False)
    links = [("html", "HTML"), ("pdf", "PDF"), ("json", "sidecar")]
    return env.get_template("index.html.j2").render(rows=rows, links=links, watchlists=watchlists,
                                                           style=Markup(_STYLE))  # our constant CSS, not data + "\n"


def lock_path(out_root: Path) -> Path:
    """The index's lock for this reports folder, outside it."""
    key = hashlib.sha256(str(Path(out_root).resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"bilateral-index-{key}.lock"


def write_index(out_root: str | os.PathLike) -> Path:
    out_root = Path(out_root)
    out_root.mkdir(parents=True, exist_ok=True)
    target = out_root / INDEX_NAME
    from filelock import FileLock

    with FileLock(lock_path(out_root)):
        from .watchlist import read_all

        rows = briefings(out_root)
        text = render_index(rows, read_all(out_root, rows))
        with atomic_write(target) as tmp:
            tmp.write_text(text, encoding="utf-8")
    return target
