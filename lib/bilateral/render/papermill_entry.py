"""The ``bilateral-fork`` engine as papermill's ``papermill.engine`` entry point loads it.

papermill loads its entry points while ``papermill.engines`` is being imported, and
``fork_engine`` imports ``papermill.engines``: pointing the entry point at
``fork_engine`` directly would import it half-way when it is imported first. This
stand-in imports nothing of papermill and hands every call to the real engine.
"""
from __future__ import annotations


class KernelNames:
    """What the fork engine reports as its kernel and language (shared with ``fork_engine.ForkEngine``)."""

    @classmethod
    def nb_kernel_name(cls, nb, name=None):
        return name or "python3"

    @classmethod
    def nb_language(cls, nb, language=None):
        return language or "python"


class ForkEngine(KernelNames):
    @classmethod
    def execute_notebook(cls, *args, **kwargs):
        from .fork_engine import ForkEngine as Engine

        return Engine.execute_notebook(*args, **kwargs)
