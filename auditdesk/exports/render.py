"""One entry point for every document and format: ``render_document(doc, "pdf"|"docx", target)``."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from auditdesk.exports.blocks import Document

FORMATS = ("docx", "pdf")


def render_document(
    doc: Document,
    fmt: str,
    target: str | Path | BinaryIO,
    *,
    invariant: bool = False,
    template_dir: Path | None = None,
    pdfa: bool = False,
) -> None:
    """Write ``doc`` as ``fmt`` to a path or a binary stream (``pdfa``: a PDF/A-2b file)."""
    if fmt == "pdf":
        from auditdesk.exports.pdf_render import render_pdf

        render_pdf(doc, target, invariant=invariant, template_dir=template_dir, pdfa=pdfa)
    elif fmt == "docx":
        from auditdesk.exports.docx_render import render_docx

        render_docx(doc, target, template_dir=template_dir)
    else:
        raise ValueError(f"format: '{fmt}' is not one of {', '.join(FORMATS)}")


# Kept importable from here for callers of the old location.
from auditdesk.exports.verification import CHAIN_LABEL, chain_head_label, chain_text  # noqa: E402

__all__ = ["CHAIN_LABEL", "FORMATS", "chain_head_label", "chain_text", "render_document"]
