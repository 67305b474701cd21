"""Every command in the documentation is checked against the code, so the docs cannot drift.

The commands are read from README.md, data/README.md and docs/*.md: every line of a ```sh
block, and every inline code span written in full as `.venv/bin/bilateral …`. A line ending
in `\\` continues on the next; `#` starts a comment. The convention the docs state (docs/
command-line.md, "How to read the commands"): `[…]` is an optional part, a word in capitals a
value to fill in (`D` a day, `N` a number, `S` seconds; `DIR`, `FILE`, `URL`, `ID`, `OLD.json`,
`NEW.json` kept as written).

- Every `bilateral` command is parsed by the real parser (`build_parser`), twice: with every
  optional part and with none; `D`, `N` and `S` are filled in first.
- The quick ones are run in-process (`main`) and must exit 0: `--version`, `summary`,
  `validate`, `votes` and `diff` (OLD.json and NEW.json: two sidecars the test makes from
  `summary --json`; `diff` must also exit 1 on two sidecars that differ, as the docs say), each
  run only when every placeholder is filled and every dataset or store it names exists in the
  checkout (`stores/gdelt` does not: such lines are parsed only).
- The expensive ones (`render`, `batch`, `import`, `pairs`, `draft`, `accept`: minutes, or
  data the checkout does not hold) are parsed only; their behaviour is tested elsewhere
  (test_render.py, test_batch.py, test_import.py, test_pairs_table.py, test_draft_accept.py).
- Every command of the parser and every option of every command appears in the docs.
- The papermill route: the engine and the nbconvert exporter it names are registered, and
  every `-p NAME` is a parameter of the notebook (test_render.py runs the route itself).
- Every `make TARGET` is a target of the Makefile, and every path of the project a command
  names (notebooks/, benchmarks/, data/, …) exists; `python -m MODULE` names an importable module.
"""
from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import re
import shlex
from pathlib import Path

import pytest

from bilateral.cli.main import build_parser, main

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", ROOT / "data" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FILLED = {"D": "2024-01-01", "N": "2", "S": "60"}        # placeholders the parser reads as typed values
CHEAP = {"summary", "validate", "votes", "diff"}
PROJECT_DIRS = ("notebooks/", "benchmarks/", "data/", "lib/", "tests/", "docs/")
OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
PLACEHOLDER = re.compile(r"^[A-Z][A-Z0-9_]*(\.json)?$")


def _sh_lines(text: str):
    """The lines of every ```sh block, continuations joined."""
    for block in re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M):
        joined = re.sub(r"\\\n\s*", " ", block)
        yield from (line.strip() for line in joined.splitlines() if line.strip())


def _inline_commands(text: str):
    prose = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    yield from re.findall(r"`(\.venv/bin/bilateral [^`]+)`", prose)


def _all_lines() -> list[tuple[str, str]]:
    out = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        name = str(page.relative_to(ROOT))
        out += [(name, line) for line in _sh_lines(text)]
        out += [(name, line) for line in _inline_commands(text)]
    return out


LINES = _all_lines()


def _is_bilateral(tokens: list[str]) -> bool:
    return bool(tokens) and (tokens[0] == "bilateral" or tokens[0].endswith("/bilateral"))


def _variants(line: str) -> dict[str, list[str]]:
    """The command with every optional part and with none, as argv after `bilateral`."""
    out = {}
    for name, replacement in (("full", r"\1"), ("minimal", "")):
        tokens = shlex.split(OPTIONAL.sub(replacement, line), comments=True)
        out[name] = [FILLED.get(t, t) for t in tokens[1:]]
    return out


COMMANDS = [(page, line) for page, line in LINES if _is_bilateral(shlex.split(OPTIONAL.sub(r"\1", line),
                                                                                  comments=True))]


def test_the_docs_hold_commands_to_check():
    """Guards the extraction itself: a docs reshuffle that hid every command would pass the rest."""
    pages = {page for page, _ in COMMANDS}
    assert {"README.md", "docs/command-line.md", "docs/curated-data.md", "docs/machine-coded.md",
            "docs/unga.md", "docs/editions.md"} <= pages, pages
    assert len(COMMANDS) >= 30, len(COMMANDS)


@pytest.mark.parametrize("page,line", COMMANDS, ids=[f"{p}:{line[:60]}" for p, line in COMMANDS])
def test_every_documented_command_parses(page, line):
    for name, argv in _variants(line).items():
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exc:  # the parser's one-line error (exit 1), or --version/--help (exit 0)
            assert exc.code == 0 and (argv == ["--version"] or "--help" in argv), \
                f"{page}: `{line}` ({name} form) does not parse: exit {exc.code}"
            continue
        assert callable(args.run), f"{page}: `{line}` names no command"


def _command(argv: list[str]) -> str:
    return next((t for t in argv if not t.startswith("-")), argv[0] if argv else "")


def _runnable(argv: list[str]) -> bool:
    """Quick, with every placeholder filled and every dataset or store it names in the checkout."""
    if argv == ["--version"]:
        return True
    if _command(argv) not in CHEAP:
        return False
    values = [t for t in argv if not t.startswith("-")]
    if any(PLACEHOLDER.match(v) and v not in ("OLD.json", "NEW.json") for v in values):
        return False
    for flag in ("--data", "--votes"):
        if flag in argv and not (ROOT / argv[argv.index(flag) + 1]).exists():
            return False
    if _command(argv) == "validate" and len(values) > 1 and not (ROOT / values[1]).exists():
        return False
    return True


def _run(argv: list[str]) -> tuple[int, str, str]:
    """``bilateral ARGV`` in-process, from the checkout (the docs' relative paths start there)."""
    out, err, here = io.StringIO(), io.StringIO(), os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except SystemExit as exc:  # --version prints and exits
        code = exc.code
    finally:
        os.chdir(here)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def sidecars(tmp_path_factory):
    """OLD.json and NEW.json: the same figures (diff: nothing changed), and a third that differs."""
    folder = tmp_path_factory.mktemp("sidecars")

    def sidecar(name, *window):
        code, out, err = _run(["summary", "--pair", "IND-BLR", *window, "--json"])
        assert code == 0, err
        path = folder / name
        path.write_text(json.dumps({"pair": "IND-BLR", "summary": json.loads(out),
                                    "rendered_at": "2026-12-01T00:00:00+00:00"}), encoding="utf-8")
        return str(path)

    old = sidecar("old.json")
    new = folder / "new.json"
    new.write_bytes(Path(old).read_bytes())
    return {"OLD.json": old, "NEW.json": str(new), "changed": sidecar("changed.json", "--start", "2024-03-01")}


def test_the_quick_commands_run_and_succeed(sidecars):
    ran, seen = set(), set()
    for page, line in COMMANDS:
        for argv in _variants(line).values():
            if not _runnable(argv) or tuple(argv) in seen:
                continue
            seen.add(tuple(argv))
            code, out, err = _run([sidecars.get(t, t) for t in argv])
            assert code == 0, f"{page}: `{line}` as {argv}: exit {code}\n{err}"
            assert out.strip(), f"{page}: `{line}` printed nothing"
            ran.add(_command(argv))
    assert ran >= CHEAP | {"--version"}, f"commands of the docs run: {sorted(ran)}"


def test_diff_says_something_changed_with_exit_1(sidecars):
    """docs/editions.md: 0 nothing changed, 1 something changed, 2 bad input."""
    assert _run(["diff", sidecars["OLD.json"], sidecars["NEW.json"]])[0] == 0
    assert _run(["diff", sidecars["OLD.json"], sidecars["changed"]])[0] == 1
    assert _run(["diff", sidecars["OLD.json"], str(ROOT / "pyproject.toml")])[0] == 2


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_and_option_is_documented():
    documented = " ".join(page.read_text(encoding="utf-8") for page in PAGES)
    commands = {_command(_variants(line)["full"]) for _, line in COMMANDS}
    assert set(_subcommands()) | {"--version"} <= commands, \
        f"commands with no example in the docs: {sorted(set(_subcommands()) - commands)}"
    missing = sorted({f"{name} {option}" for name, sub in _subcommands().items() for action in sub._actions
                      for option in action.option_strings
                      if option.startswith("--") and option != "--help" and option not in documented})
    assert not missing, f"options the docs never mention: {missing}"


def test_make_targets_paths_and_modules_exist():
    targets = set(re.findall(r"^([a-z][a-z_-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    checked = 0
    for page, line in LINES:
        tokens = shlex.split(OPTIONAL.sub(r"\1", line), comments=True)
        if tokens[:1] == ["make"]:
            assert set(tokens[1:]) <= targets, f"{page}: `{line}`: no such make target"
            checked += 1
        if len(tokens) > 2 and tokens[0].endswith("python") and tokens[1] == "-m":
            assert importlib.util.find_spec(tokens[2]) is not None, f"{page}: `{line}`: no module {tokens[2]}"
            checked += 1
        for token in tokens:
            if token.startswith(PROJECT_DIRS) and "*" not in token and not token.startswith("data/india-belarus/sources/"):
                if _is_bilateral(tokens) and _command(tokens[1:]) in {"draft", "accept", "import"}:
                    continue  # paths these write (or a reader's own files) need not exist
                assert (ROOT / token).exists(), f"{page}: `{line}`: {token} does not exist"
                checked += 1
    assert checked >= 10, checked


def test_papermill_and_nbconvert_lines_name_what_is_installed():
    """The papermill route (docs/command-line.md): the engine and exporter it names are registered,
    and every `-p NAME` is a parameter of the notebook (test_render.py runs the route itself)."""
    from importlib.metadata import entry_points

    import nbformat

    engines = {e.name for e in entry_points(group="papermill.engine")}
    exporters = {e.name for e in entry_points(group="nbconvert.exporters")}
    checked = 0
    for page, line in LINES:
        tokens = shlex.split(OPTIONAL.sub(r"\1", line), comments=True)
        if not tokens:
            continue
        if tokens[0].endswith("/papermill"):
            if "--engine" in tokens:
                assert tokens[tokens.index("--engine") + 1] in engines, f"{page}: `{line}`: no such engine"
                checked += 1
            notebook = nbformat.read(ROOT / tokens[1] if not tokens[1].startswith("-") else ROOT / tokens[2], 4)
            cell = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
            names = set(re.findall(r"^([a-z_]+)\s*(?::[^=]*)?=", cell.source, re.M))
            for i, token in enumerate(tokens):
                if token == "-p":
                    assert tokens[i + 1] in names, f"{page}: `{line}`: {tokens[i + 1]} is not a parameter"
                    checked += 1
        if tokens[0].endswith("/jupyter") and tokens[1] == "nbconvert" and "--to" in tokens:
            to = tokens[tokens.index("--to") + 1]
            assert to in exporters, f"{page}: `{line}`: no nbconvert exporter {to!r}"
            checked += 1
    assert checked >= 3, checked
