"""The executed notebook to a reader's document: HTML through the project's nbconvert
template (code, prompts and tagged cells removed) and PDF from that HTML with WeasyPrint."""
from __future__ import annotations

import importlib
import importlib.util
import logging
import sys
import types
from pathlib import Path

from . import paths

REMOVE_CELL_TAGS = {"remove-cell", "injected-parameters", "papermill-error-cell-tag"}
REMOVE_INPUT_TAGS = {"remove-input"}


def defer_rfc3987_syntax() -> None:
    """Make ``rfc3987_syntax`` load on first use instead of at import.

    jsonschema imports it when it is installed (JupyterLab's dependencies install it)
    only to offer an ``iri`` format check; importing it builds a Lark grammar, measured
    at 0.9 s, and nbformat (so papermill and nbconvert) pays that on every render
    without ever checking an IRI. A stand-in module loads the real one the first
    time anything calls it, so behaviour is unchanged.
    """
    name = "rfc3987_syntax"
    if name in sys.modules or importlib.util.find_spec(name) is None:
        return
    stub = types.ModuleType(name)

    def is_valid_syntax(*args, **kwargs):
        if sys.modules.get(name) is stub:
            del sys.modules[name]
            importlib.import_module(name)
        return sys.modules[name].is_valid_syntax(*args, **kwargs)

    stub.is_valid_syntax = is_valid_syntax
    stub.__bilateral_stub__ = True
    sys.modules[name] = stub


def import_renderers(formats) -> None:
    """Import nbconvert's HTML exporter (and WeasyPrint) ahead of need, on another thread."""
    try:
        import nbconvert.exporters.html  # noqa: F401

        if "pdf" in formats:
            import weasyprint  # noqa: F401
    except Exception:  # noqa: BLE001 - the real import after execution reports any problem
        pass


def clean_outputs(nb) -> None:
    """Drop stderr streams (warnings) from the briefing; they are not for the reader."""
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]


def to_html(nb, title: str) -> str:
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    c = Config()
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = REMOVE_CELL_TAGS
    c.TagRemovePreprocessor.remove_input_tags = REMOVE_INPUT_TAGS
    c.TemplateExporter.exclude_input = True
    c.TemplateExporter.exclude_input_prompt = True
    c.TemplateExporter.exclude_output_prompt = True
    exporter = HTMLExporter(config=c, template_name="briefing",
                            extra_template_basedirs=[str(paths.TEMPLATES_DIR)])
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb)
    return body


def to_pdf(html_text: str, target: Path) -> None:
    from weasyprint import HTML

    # WeasyPrint warns about CSS it ignores (JupyterLab's, say); not the reader's business.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    HTML(string=html_text, base_url=str(target.parent)).write_pdf(target)
