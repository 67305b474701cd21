"""The briefing: the object a notebook calls one method per cell of (``notebook.Briefing``), its
sections, charts, footnotes and text. ``TITLE_MIME`` is how the notebook hands the document's
title to the converter (``render.convert``) without a visible output."""
TITLE_MIME = "application/vnd.bilateral.title+json"
