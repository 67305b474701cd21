"""``python -m bilateral.cli``: the ``bilateral`` command."""
from .main import run

run()
