"""reports/index.html lists exactly the complete briefings on disk, escaped, newest window first."""
import json

from bilateral import index


def _briefing(root, pair, start, end, as_of=None, files=("html", "json"), events=2):
    folder = root / pair
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{pair}_{start}_{end}"
    names = {k: f"{stem}.{k}" for k in files}
    for kind, name in names.items():
        if kind != "json":
            (folder / name).write_text("x")
    summary = {"pair": pair, "start": start, "end": end, "as_of": as_of or end,
               "engagement": {"total": events, "last_high_level": {"date": start, "event_id": "e1"}}}
    (folder / f"{stem}.json").write_text(json.dumps({"files": {**names, "json": f"{stem}.json"}, "summary": summary}))
    return folder / f"{stem}.json"


def test_only_complete_briefings_are_listed_newest_window_first(tmp_path):
    _briefing(tmp_path, "IND-BLR", "2024-01-01", "2024-03-31")
    _briefing(tmp_path, "IND-RUS", "2024-04-01", "2024-06-30")
    gone = _briefing(tmp_path, "BLR-RUS", "2024-01-01", "2024-12-31")
    (gone.parent / gone.name.replace(".json", ".html")).unlink()  # its HTML was removed
    (tmp_path / "IND-BLR" / "notes.json").write_text('{"not": "a sidecar"}')
    rows = index.briefings(tmp_path)
    assert [(r["pair"], r["end"]) for r in rows] == [("IND-RUS", "2024-06-30"), ("IND-BLR", "2024-03-31")]
    assert rows[0]["files"]["html"] == "IND-RUS/IND-RUS_2024-04-01_2024-06-30.html"


def test_the_page_escapes_what_it_shows_and_says_when_empty():
    row = {"pair": "<b>X</b>", "start": "2024-01-01", "end": "2024-02-01", "as_of": "2024-02-01",
           "last_high_level": None, "events": 3, "files": {"html": 'a/"onload=x.html'}}
    page = index.render_index([row])
    assert "<b>X</b>" not in page and "&lt;b&gt;X&lt;/b&gt;" in page
    assert 'href="a/&#34;onload=x.html"' in page
    assert "none recorded" in page and "1 briefing," in page
    assert "No briefings yet" in index.render_index([])
    assert 'content:attr(data-label) ": "' in page  # the style is ours, not escaped


def test_writing_the_index_leaves_nothing_else_in_the_reports_folder(tmp_path):
    _briefing(tmp_path, "IND-BLR", "2024-01-01", "2024-03-31")
    before = {p.name for p in tmp_path.iterdir()}
    target = index.write_index(tmp_path)
    assert {p.name for p in tmp_path.iterdir()} == before | {"index.html"}
    assert "IND-BLR" in target.read_text(encoding="utf-8")
    assert not index.lock_path(tmp_path).is_relative_to(tmp_path)
