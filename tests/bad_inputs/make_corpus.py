"""Writes the bad-input corpus: one folder per case.

A case folder holds the files that differ from `_base/` (a small valid dataset), or an
`args` file (command-line arguments, one per line) for parameter cases, and `expected`:
the exact line the command must print (`{dataset}` and `{case}` stand for the folders the
test uses). Valid-but-odd inputs live in folders named `ok-*` with `expected` holding the
values they must load with. Run it after changing a case; the corpus is committed.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE = HERE / "_base"
DOC = "The ministers met in the capital. Both sides discussed trade.\nA second sentence follows here.\n"
Q = "The ministers met in the capital."
SHA = hashlib.sha256(DOC.encode()).hexdigest()
EV_H = "event_id,date,end_date,event_type,actor1_country,actor2_country,level,venue,part_of,topics,summary,source_id,source_quote"
EV = [EV_H,
      f"e1,2024-03-11,2024-03-13,visit,BLR,IND,minister,,,trade,A visit.,src,{Q}",
      f"e2,2024-03-12,,meeting,BLR,IND,minister,,e1,,Talks.,src,{Q}",
      f"e3,2024-01-19,,meeting,IND,BLR,minister,NAM Summit,,,A meeting.,src,{Q}"]
PO_H = "position_id,date,actor_country,topic,stance,target_country,event_id,summary,source_id,source_quote"
PO = [PO_H, f"p1,2024-03-12,BLR,unsc_reform,support,IND,e2,Support.,src,{Q}",
      f"p2,2024-03-12,IND,unsc_reform,interest,IND,e2,Bid.,src,{Q}"]
FA_H = "fact_id,category,key,value,unit,as_of,source_id,source_quote"
FA = [FA_H, f"f1,community,students,476,students,2024-03-11,src,{Q}",
      f"f2,agreement_sector,trade,trade,,2024-03-11,src,{Q}"]
SO_H = "source_id,title,publisher,published,source_type,url,file,accessed,sha256"
SO = [SO_H, f"src,A test source,,2024-03-11,press,,sources/doc.txt,,{SHA}"]
CO_H = "conflict_id,source_id,field,value_a,value_b,chosen,reason"
CO = [CO_H, "c1,src,events.date[e3],Earlier this month,January 19,2024-01-19,explicit date"]
BASE_FILES = {"events.csv": EV, "positions.csv": PO, "facts.csv": FA, "sources.csv": SO, "conflicts.csv": CO}


def text(lines):
    return "\n".join(lines) + "\n"


def swap(lines, i, old, new):
    out = list(lines)
    assert old in out[i], (old, out[i])
    out[i] = out[i].replace(old, new, 1)
    return out


V = "is not a date: write YYYY-MM-DD, or YYYY-MM or YYYY when the source is less precise"
TYPES = "(one of: visit, meeting, call, negotiation, mechanism, agreement, ratification, statement, intent, other)"
CASES: dict[str, tuple[dict, str]] = {
    "missing-column": ({"events.csv": text(swap(EV, 0, ",summary,", ",summry,"))},
                       "{dataset}/events.csv:1:1: missing required column 'summary'"),
    "header-wrong-case": ({"events.csv": text(swap(EV, 0, "event_id", "Event_ID"))},
                          "{dataset}/events.csv:1:1: missing required column 'event_id' (found 'Event_ID': column names are lower case)"),
    "empty-events": ({"events.csv": ""}, "{dataset}/events.csv:1:1: empty file: expected a header row (event_id, date, event_type, actor1_country, level, summary, source_id)"),
    "latin1-bytes": ({"events.csv": text(swap(EV, 3, "A meeting.", "Réunion.")).encode("latin-1")},
                     "{dataset}/events.csv:4:55: not UTF-8 (byte 0xE9); save the file as UTF-8"),
    "duplicate-event-id": ({"events.csv": text(swap(EV, 3, "e3,", "e1,"))},
                           "{dataset}/events.csv:4:1: duplicate event_id 'e1' (first on line 2)"),
    "duplicate-position-id": ({"positions.csv": text(swap(PO, 2, "p2,", "p1,"))},
                              "{dataset}/positions.csv:3:1: duplicate position_id 'p1' (first on line 2)"),
    "duplicate-source-id": ({"sources.csv": text(SO + [SO[1]])},
                            "{dataset}/sources.csv:3:1: duplicate source_id 'src' (first on line 2)"),
    "dangling-source-in-events": ({"events.csv": text(swap(EV, 1, ",src,", ",nosuch,"))},
                                  "{dataset}/events.csv:2:12: source_id 'nosuch' is not a source_id of sources.csv"),
    "dangling-source-in-facts": ({"facts.csv": text(swap(FA, 1, ",src,", ",nosuch,"))},
                                 "{dataset}/facts.csv:2:7: source_id 'nosuch' is not a source_id of sources.csv"),
    "dangling-source-in-conflicts": ({"conflicts.csv": text(swap(CO, 1, ",src,", ",nosuch,"))},
                                     "{dataset}/conflicts.csv:2:2: source_id 'nosuch' is not a source_id of sources.csv"),
    "dangling-event-id": ({"positions.csv": text(swap(PO, 1, ",e2,", ",e9,"))},
                          "{dataset}/positions.csv:2:7: event_id 'e9' is not an event_id of events.csv"),
    "dangling-part-of": ({"events.csv": text(swap(EV, 2, ",e1,", ",e9,"))},
                         "{dataset}/events.csv:3:9: part_of 'e9' is not an event_id of events.csv"),
    "part-of-itself": ({"events.csv": text(swap(EV, 2, ",e1,", ",e2,"))},
                       "{dataset}/events.csv:3:9: an event cannot be part_of itself"),
    "dangling-topic-in-events": ({"events.csv": text(swap(EV, 1, ",trade,", ",trade;world_peace,"))},
                                 "{dataset}/events.csv:2:10: unknown topic id 'world_peace' (topic ids are listed in data/README.md; separate several with ';')"),
    "dangling-topic-in-positions": ({"positions.csv": text(swap(PO, 1, ",unsc_reform,", ",unsc,"))},
                                    "{dataset}/positions.csv:2:4: unknown topic id 'unsc' (topic ids are listed in data/README.md; separate several with ';')"),
    "agreement-sector-not-a-topic": ({"facts.csv": text(swap(FA, 2, ",trade,trade,", ",tourism,tourism,"))},
                                     "{dataset}/facts.csv:3:3: agreement_sector key: unknown topic id 'tourism' (topic ids are listed in data/README.md; separate several with ';')"),
    "unknown-country": ({"events.csv": text(swap(EV, 1, ",BLR,IND,", ",XXX,IND,"))},
                        "{dataset}/events.csv:2:5: 'XXX' is not an ISO 3166-1 alpha-3 country code"),
    "alpha-2-country": ({"events.csv": text(swap(EV, 1, ",BLR,IND,", ",BY,IND,"))},
                        "{dataset}/events.csv:2:5: 'BY' is not an ISO 3166-1 alpha-3 country code ('BY' is alpha-2; the alpha-3 code is BLR)"),
    "lower-case-country": ({"positions.csv": text(swap(PO, 1, ",BLR,", ",blr,"))},
                           "{dataset}/positions.csv:2:3: 'blr' is not an ISO 3166-1 alpha-3 country code (country codes are upper case: BLR)"),
    "date-feb-30": ({"events.csv": text(swap(EV, 3, "2024-01-19", "2024-02-30"))},
                    "{dataset}/events.csv:4:2: '2024-02-30' is not a date: February 2024 has 29 days"),
    "date-slashes": ({"events.csv": text(swap(EV, 3, "2024-01-19", "12/03/2024"))},
                     f"{{dataset}}/events.csv:4:2: '12/03/2024' {V}"),
    "date-one-digit-month": ({"events.csv": text(swap(EV, 3, "2024-01-19", "2024-3-12"))},
                             "{dataset}/events.csv:4:2: '2024-3-12' is not a date: month and day take two digits (write YYYY-MM-DD, or YYYY-MM or YYYY when the source is less precise)"),
    "date-month-13": ({"positions.csv": text(swap(PO, 1, "2024-03-12", "2024-13"))},
                      "{dataset}/positions.csv:2:2: '2024-13' is not a date: month 13 does not exist"),
    "end-before-start": ({"events.csv": text(swap(EV, 1, "2024-03-13", "2024-03-01"))},
                         "{dataset}/events.csv:2:3: end_date 2024-03-01 is before date 2024-03-11"),
    "wrong-delimiter": ({"events.csv": text([line.replace(",", ";") for line in EV])},
                        "{dataset}/events.csv:1:1: wrong delimiter: the header's fields are separated by semicolons, not commas (save the file as comma-separated CSV)"),
    "stance-outside-vocabulary": ({"positions.csv": text(swap(PO, 1, ",support,", ",backs,"))},
                                  "{dataset}/positions.csv:2:5: 'backs' is not a stance (one of: support, oppose, neutral, concern, interest, attained)"),
    "event-type-outside-vocabulary": ({"events.csv": text(swap(EV, 3, ",meeting,", ",summit,"))},
                                      f"{{dataset}}/events.csv:4:4: 'summit' is not an event type {TYPES}"),
    "level-outside-vocabulary": ({"events.csv": text(swap(EV, 3, ",minister,", ",ambassador,"))},
                                 "{dataset}/events.csv:4:7: 'ambassador' is not a level (one of: head_of_state, head_of_government, minister, deputy_minister, senior_official, official, parliament, other, unknown)"),
    "required-value-empty": ({"events.csv": text(swap(EV, 3, "A meeting.", ""))},
                             "{dataset}/events.csv:4:11: required value 'summary' is empty"),
    "quote-not-in-source": ({"events.csv": text(swap(EV, 3, Q, "The ministers never met."))},
                            "{dataset}/events.csv:4:13: quote not found verbatim in its source file: 'The ministers never met.'"),
    "checksum-mismatch": ({"sources/doc.txt": DOC + "Edited after coding.\n"},
                          "{dataset}/sources.csv:2:9: checksum does not match sources/doc.txt (the file's is "
                          + hashlib.sha256((DOC + "Edited after coding.\n").encode()).hexdigest()
                          + "): the source changed after it was coded"),
    "source-file-missing": ({"sources.csv": text(swap(SO, 1, "sources/doc.txt", "sources/gone.txt"))},
                            "{dataset}/sources.csv:2:7: source file 'sources/gone.txt' does not exist in the dataset folder"),
    "source-path-escapes": ({"sources.csv": text(swap(SO, 1, "sources/doc.txt", "../../etc/passwd"))},
                            "{dataset}/sources.csv:2:7: '../../etc/passwd' must be a path inside the dataset folder (no absolute path, no '..')"),
    "source-without-url-or-file": ({"sources.csv": text(swap(SO, 1, "sources/doc.txt", ""))},
                                   "{dataset}/sources.csv:2:6: a source needs a url or a file (or, machine-coded, its original_file and sha256)"),
    "javascript-url": ({"sources.csv": text(swap(SO, 1, ",press,,", ",press,javascript:alert(1),"))},
                       "{dataset}/sources.csv:2:6: 'javascript:alert(1)' is not an http or https URL (other schemes are never linked)"),
    "sha256-malformed": ({"sources.csv": text(swap(SO, 1, SHA, "abc123"))},
                         "{dataset}/sources.csv:2:9: 'abc123' is not a SHA-256 checksum (64 lower-case hex digits)"),
    "source-type-outside-vocabulary": ({"sources.csv": text(swap(SO, 1, ",press,", ",blog,"))},
                                       "{dataset}/sources.csv:2:5: 'blog' is not a source type (one of: official, press, machine-coded, synthetic)"),
    "wrong-field-count": ({"events.csv": text(swap(EV, 3, ",A meeting.,", ",A meeting.,extra,"))},
                          "{dataset}/events.csv:4:14: expected 13 fields as in the header, found 14"),
    # the test expands @@10MB@@ to ten million characters (no 10 MB file in git)
    "ten-megabyte-field": ({"events.csv": text(swap(EV, 3, "A meeting.", "@@10MB@@"))},
                           "{dataset}/events.csv:4:1: unreadable CSV: a field is longer than 100,000 characters"),
    "nul-byte": ({"facts.csv": text(FA).replace("476", "4\x0076")},
                 "{dataset}/facts.csv:2:1: contains a NUL byte: not a text CSV file"),
    "sources-file-missing": ({"sources.csv": None},
                             "{dataset}/sources.csv:1:1: required file sources.csv (or sources.parquet) is missing"),
    "synthetic-not-boolean": ({"events.csv": text([EV[0] + ",synthetic"] + [r + ",false" for r in EV[1:3]] + [EV[3] + ",maybe"])},
                              "{dataset}/events.csv:4:14: 'maybe' is not true or false"),
    "quad-class-out-of-range": ({"events.csv": text([EV[0] + ",quad_class"] + [r + "," for r in EV[1:3]] + [EV[3] + ",7"])},
                                "{dataset}/events.csv:4:14: '7' is not a quad class (1 to 4)"),
}
# Parameter messages a function checks before anything is read are checked once, exactly, in
# tests/unit/test_params.py; the cases here need the command (a dataset's pairs, batch, summary,
# import) or prove its one-line output for a window parameter (start, as_of).
PARAMS = {
    "as-of-not-a-day": (["render", "--pair", "IND-BLR", "--as-of", "2024-03"], "bilateral: error: parameter 'as_of': '2024-03' is not a day: write YYYY-MM-DD (a month or a year is not enough here)"),
    "start-slashes": (["render", "--pair", "IND-BLR", "--start", "01/03/2024"], "bilateral: error: parameter 'start': '01/03/2024' is not a day: write YYYY-MM-DD"),
    "as-of-before-end": (["render", "--pair", "IND-BLR", "--end", "2024-03-13", "--as-of", "2024-01-19"], "bilateral: error: parameter 'as_of': 2024-01-19 is before end 2024-03-13: a briefing as of a day cannot cover the days after it (leave out --end to end the window on the as-of day)"),
    "pair-not-in-data": (["render", "--pair", "IND-PAK"], "bilateral: error: parameter 'pair': tests/fixtures/india-belarus holds no rows of IND-PAK; the pairs it holds: IND-BLR"),
    "summary-pair-not-in-data": (["summary", "--pair", "IND-PAK", "--json"], "bilateral: error: parameter 'pair': tests/fixtures/india-belarus holds no rows of IND-PAK; the pairs it holds: IND-BLR"),
    "batch-no-pairs": (["batch", "--pairs", ","], "bilateral: error: parameter 'pairs': no pair given"),
    "gdelt-60-columns": (["import", "gdelt", "{case}/20240101000000.export.CSV", "--out", "{out}"],
                         "bilateral: error: {case}/20240101000000.export.CSV:2:61: 60 columns where the file's first line has 61"),
    "gdelt-truncated-zip": (["import", "gdelt", "{case}/20240101000000.export.CSV.zip", "--out", "{out}"],
                            "bilateral: error: {case}/20240101000000.export.CSV.zip:1:1: not a readable zip archive (truncated or corrupt)"),
    "gdelt-empty-file": (["import", "gdelt", "{case}/20240101000000.export.CSV", "--out", "{out}"],
                         "bilateral: error: {case}/20240101000000.export.CSV:1:1: empty file: not a GDELT event export"),
    "icews-not-icews": (["import", "icews", "{case}/events.tab", "--out", "{out}"],
                        "bilateral: error: {case}/events.tab:1:2: not an ICEWS event file: the header found is 'Event ID | Date' (2 tab-separated fields); an ICEWS file's is the 20 columns Event ID, Event Date, Source Name, …"),
}


def gdelt_row(event_id: int, fields: int = 61) -> str:
    """A synthetic GDELT 2.0 row (IND visits BLR), marked synthetic in its SOURCEURL."""
    cells = [""] * 61
    cells[0], cells[1], cells[2], cells[3], cells[4] = str(event_id), "20240101", "202401", "2024", "2024.0014"
    cells[5], cells[6], cells[7] = "IND", "INDIA", "IND"
    cells[15], cells[16], cells[17] = "BLR", "BELARUS", "BLR"
    cells[25:35] = ["1", "042", "042", "04", "1", "1.9", "2", "1", "2", "1.5"]
    cells[59], cells[60] = "20240101000000", f"https://synthetic.invalid/corpus/{event_id}"
    return "\t".join(cells[:fields])


IMPORT_FILES = {
    "gdelt-60-columns": {"20240101000000.export.CSV": gdelt_row(1) + "\n" + gdelt_row(2, 60) + "\n"},
    "gdelt-empty-file": {"20240101000000.export.CSV": ""},
    "icews-not-icews": {"events.tab": "Event ID\tDate\n1\t2018-01-01\n"},
}
OK = {
    "ok-extra-columns": ({"events.csv": text([EV[0] + ",analyst_note"] + [r + ",checked" for r in EV[1:]])}, "events=3"),
    "ok-utf8-bom": ({"events.csv": ("\ufeff" + text(EV)).encode("utf-8")}, "events=3"),
    "ok-crlf": ({"events.csv": "\r\n".join(EV) + "\r\n"}, "events=3"),
    "ok-quoted-newline": ({"events.csv": text(swap(EV, 3, ",A meeting.,", ',"A meeting,\non two lines.",'))}, "summary[e3]=A meeting,\non two lines."),
    "ok-header-only-optional-table": ({"positions.csv": PO_H + "\n", "facts.csv": FA_H + "\n"}, "positions=0"),
}


def main() -> None:
    for old in HERE.iterdir():
        if old.is_dir():
            shutil.rmtree(old)
    (BASE / "sources").mkdir(parents=True)
    (BASE / "sources" / "doc.txt").write_text(DOC, encoding="utf-8")
    for name, lines in BASE_FILES.items():
        (BASE / name).write_text(text(lines), encoding="utf-8")
    for group in (CASES, OK):
        for case, (files, expected) in group.items():
            folder = HERE / case
            folder.mkdir()
            for name, content in files.items():
                target = folder / "files" / name
                target.parent.mkdir(parents=True, exist_ok=True)
                if content is None:
                    target.write_text("", encoding="utf-8")
                    target.rename(target.with_name(name + ".delete"))
                elif isinstance(content, bytes):
                    target.write_bytes(content)
                else:
                    target.write_bytes(content.encode("utf-8"))
            (folder / "expected").write_text(expected + "\n", encoding="utf-8")
    for case, (args, expected) in PARAMS.items():
        folder = HERE / case
        folder.mkdir()
        for name, content in IMPORT_FILES.get(case, {}).items():
            (folder / name).write_text(content, encoding="utf-8")
        if case == "gdelt-truncated-zip":
            import io
            import zipfile

            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("20240101000000.export.CSV", "\n".join(gdelt_row(i) for i in range(1, 200)) + "\n")
            data = buffer.getvalue()
            (folder / "20240101000000.export.CSV.zip").write_bytes(data[: len(data) // 2])
        (folder / "args").write_text("\n".join(args) + "\n", encoding="utf-8")
        (folder / "expected").write_text(expected + "\n", encoding="utf-8")
    print(f"{len(CASES) + len(PARAMS)} bad cases, {len(OK)} valid-but-odd cases")


if __name__ == "__main__":
    main()
