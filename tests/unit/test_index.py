"""reports/index.html lists exactly the complete briefings on disk, escaped, newest window first."""
import json

from bilateral.render import index


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
    assert rows[0]["names"] == "India–Russia" and rows[1]["names"] == "India–Belarus"


def test_the_page_escapes_what_it_shows_and_says_when_empty():
    row = {"pair": "<b>X</b>", "names": "India–<i>", "dataset": "d<s>", "rendered": "2026-11-30", "start": "2024-01-01", "end": "2024-02-01", "as_of": "2024-02-01",
           "last_high_level": None, "events": 3, "files": {"html": 'a/"onload=x.html'}}
    page = index.render_index([row])
    assert "<b>X</b>" not in page and "&lt;b&gt;X&lt;/b&gt;" in page
    assert "India–&lt;i&gt;" in page and "d&lt;s&gt;" in page and "2026-11-30" in page
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


def _watchlist(root, rows, name="gdelt-store", start="2024-01-01", end="2024-06-30"):
    from bilateral.render import watchlist

    record = {"kind": watchlist.KIND, "store": f"/stores/{name}", "name": name, "start": start, "end": end,
              "previous_start": "2023-07-03", "previous_end": "2023-12-31", "pairs_in_table": 40, "top": len(rows),
              "rows": [{"pair": p, "total": t, "previous_total": pt, "change": t - pt,
                        "change_ratio": round(t / pt, 3) if pt else None, "friction": 1, "previous_friction": 0,
                        "goldstein_mean": 1.0, "previous_goldstein_mean": None} for p, t, pt in rows]}
    return watchlist.write(root, record)


def test_the_watchlist_links_only_to_briefings_that_exist(tmp_path):
    import re

    _briefing(tmp_path, "BLR-IND", "2024-01-01", "2024-06-30")       # the watchlist's window
    _briefing(tmp_path, "CHN-USA", "2023-01-01", "2023-12-31")       # another window only
    _briefing(tmp_path, "FRA-DEU", "2024-01-01", "2024-06-30")       # not on the watchlist
    _watchlist(tmp_path, [("IND-PAK", 0, 3), ("BLR-IND", 3, 1), ("CHN-USA", 2, 0)])
    page = index.write_index(tmp_path).read_text(encoding="utf-8")
    watch = page[page.index('class="watchlist"'):page.index("</section>")]
    rows = re.findall(r"<tr><td data-label=\"Pair\">.*?</tr>", watch, flags=re.S)
    assert [re.search(r'class="muted">([A-Z]{3}-[A-Z]{3})<', r).group(1) for r in rows] == ["IND-PAK", "BLR-IND",
                                                                                            "CHN-USA"]
    assert "href" not in rows[0] and "not rendered" in rows[0]  # no briefing of IND-PAK
    assert 'href="BLR-IND/BLR-IND_2024-01-01_2024-06-30.html"' in rows[1]
    assert 'href="CHN-USA/CHN-USA_2023-01-01_2023-12-31.html"' in rows[2] and "2023-01-01 – 2023-12-31" in rows[2]
    assert "FRA-DEU" not in watch
    assert "-3" in rows[0] and "+2" in rows[1] and "new" in rows[2]  # change, and a ratio to a previous 0
    assert "Watchlist: gdelt-store" in page and "3 pairs of 40" in page
    # the briefings' own table is unchanged: three briefings, the watchlist file is not one
    assert "3 briefings, newest window first" in page


def test_a_watchlist_file_is_not_a_briefing_and_a_stray_one_is_ignored(tmp_path):
    _watchlist(tmp_path, [("BLR-IND", 3, 1)])
    (tmp_path / "watchlists" / "other.json").write_text('{"kind": "something else"}')
    assert index.briefings(tmp_path) == []
    from bilateral.render import watchlist

    assert [w["name"] for w in watchlist.read_all(tmp_path, [])] == ["gdelt-store"]
