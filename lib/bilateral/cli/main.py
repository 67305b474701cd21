"""The ``bilateral`` command (DESIGN.md section 4): the parser, built from one module per
command family, and the one exit-code convention.

Each family module (``render``: render, batch; ``data``: summary, validate; ``imports``:
import; ``pairs``; ``votes``; ``diff``; ``drafting``: draft, accept) has ``add_parsers(sub)``,
which adds its commands and sets each one's ``run(args) -> int``; what a command needs is
imported inside its ``run``, so a command loads only its own.

Exit codes: 0 done; 1 a user error (a bad parameter, an invalid dataset, a failed render),
said in one line per problem, never with a traceback; 130 interrupted (Ctrl-C), 143 terminated
(SIGTERM), each after the same clean-up. ``bilateral diff``
alone says more with them: 0 nothing changed, 1 something changed, 2 bad input.
"""
from __future__ import annotations

import argparse
import atexit
import os
import signal
import sys

from . import data, diff, drafting, imports, pairs, render, votes
from .. import __version__
from ..errors import BilateralError, ValidationError

FAMILIES = (render, data, votes, pairs, diff, imports, drafting)  # in the order --help lists them


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line and exit 1, like every other user error
        self.exit(1, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="bilateral", description="Briefings on one bilateral relationship from sourced event data.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for family in FAMILIES:
        family.add_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ValidationError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        print(f"bilateral: error: the dataset is invalid ({len(exc.problems)} problem"
              f"{'s' if len(exc.problems) != 1 else ''})", file=sys.stderr)
        return 1
    except BilateralError as exc:
        print(f"bilateral: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say to it
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Terminated:
        print("bilateral: terminated; nothing was published", file=sys.stderr)
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        print("bilateral: interrupted; nothing was published", file=sys.stderr)
        return 130


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program stands so that it unwinds as Ctrl-C does: a render's
    scratch folder is removed and nothing is published."""


def _terminate(signum, frame):
    raise Terminated


def run() -> None:
    """The console script: ``main``, then exit without tearing the interpreter down.

    A render leaves about 2,000 modules loaded (pandas, matplotlib, nbconvert,
    WeasyPrint); freeing them one by one at exit took 0.45 s of a 3.7 s briefing
    (measured with the India–Belarus briefing, 2 cores). Everything a normal exit
    does that anyone can observe still happens: the atexit callbacks run and both
    streams are flushed; only memory the OS frees anyway is left alone. Tests call
    ``main`` and are unaffected.
    """
    signal.signal(signal.SIGTERM, _terminate)
    code = main()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more to say to it
            code = code or 1
    os._exit(code)


if __name__ == "__main__":
    run()
