"""The executed notebook to a reader's document: HTML through the project's nbconvert
template (code, prompts and tagged cells removed) and PDF from that HTML with WeasyPrint."""
from __future__ import annotations

import functools
import importlib
import importlib.util
import logging
import sys
import types
from pathlib import Path

from .. import paths
from ..briefing import TITLE_MIME

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




def document_title(nb) -> str:
    """The briefing's title, as its setup cell displayed it (``Briefing.document_title``)."""
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            data = output.get("data", {})
            if TITLE_MIME in data:
                return str(data[TITLE_MIME]["title"])
    pair = nb.metadata.get("papermill", {}).get("parameters", {}).get("pair", "")
    return f"{pair} briefing".strip()


@functools.cache
def _briefing_exporter_class():
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    class BriefingExporter(HTMLExporter):
        """The briefing as ``bilateral render`` makes it: the project's template, code and
        prompts hidden, tagged cells removed, warnings dropped, the briefing's own title.

        Registered as nbconvert's ``briefing`` exporter (entry point ``nbconvert.exporters``),
        so ``jupyter nbconvert --to briefing out.ipynb`` after papermill gives the same HTML."""

        export_from_notebook = "Bilateral briefing"

        def __init__(self, config=None, **kw):
            kw.setdefault("template_name", "briefing")
            kw.setdefault("extra_template_basedirs", [str(paths.TEMPLATES_DIR)])
            super().__init__(config=config, **kw)

        @property
        def default_config(self):
            ours = Config({
                "TagRemovePreprocessor": {"enabled": True, "remove_cell_tags": set(REMOVE_CELL_TAGS),
                                          "remove_input_tags": set(REMOVE_INPUT_TAGS)},
                "TemplateExporter": {"exclude_input": True, "exclude_input_prompt": True,
                                     "exclude_output_prompt": True},
            })
            config = super().default_config.copy()
            config.merge(ours)
            return config

        def from_notebook_node(self, nb, resources=None, **kw):
            import copy

            nb = copy.deepcopy(nb)
            clean_outputs(nb)
            nb.metadata["title"] = document_title(nb)
            return super().from_notebook_node(nb, resources, **kw)

    return BriefingExporter


def __getattr__(name):
    # The exporter class is built on first use: importing nbconvert costs ~1 s, and this
    # module is imported by every render before the notebook runs.
    if name == "BriefingExporter":
        return _briefing_exporter_class()
    raise AttributeError(name)


def to_html(nb) -> str:
    """The executed notebook as the briefing's HTML (``BriefingExporter``)."""
    body, _ = _briefing_exporter_class()().from_notebook_node(nb)
    return body


def to_pdf(html_text: str, target: Path) -> None:
    from weasyprint import HTML

    # WeasyPrint warns about CSS it ignores (JupyterLab's, say); not the reader's business.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    HTML(string=html_text, base_url=str(target.parent)).write_pdf(target)
