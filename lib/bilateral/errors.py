"""The library's own errors: what a user did wrong, said in one line each."""
from __future__ import annotations


class BilateralError(Exception):
    """Base of every error the command line reports without a traceback."""


class ValidationError(BilateralError):
    """A dataset breaks the data contract; ``problems`` lists every break.

    Each problem is a string ``file:line:column: message``; the header is line 1.
    """

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class ParameterError(BilateralError):
    """A briefing parameter (pair, dates, folders, options) is wrong."""


class RenderError(BilateralError):
    """Executing or rendering a briefing failed; nothing was published."""


class CellError(RenderError):
    """A cell of the briefing notebook failed: which one and how, as papermill's error says it.

    ``cell_index`` counts every cell of the notebook from 0, ``ename`` and ``evalue``
    are the exception's name and value; the message is one line for the user.
    """

    def __init__(self, message: str, cell_index: int | None = None, ename: str = "", evalue: str = ""):
        self.cell_index, self.ename, self.evalue = cell_index, ename, evalue
        super().__init__(message)
