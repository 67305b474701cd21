"""bilateral: briefings on one bilateral relationship from structured event data."""
from __future__ import annotations

from .dataset.load import Dataset, load
from .errors import BilateralError, ParameterError, RenderError, ValidationError

__all__ = ["Dataset", "load", "BilateralError", "ParameterError", "RenderError", "ValidationError"]
__version__ = "0.1.0"
