"""One entry point for every document and format: ``render_document(doc, "pdf"|"docx", target)``."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

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


def chain_head_label(session: Any, digest: str) -> str:
    """``#seq first-16-hex`` of the change-log row whose hash is ``digest`` (the chain head an
    issued revision recorded), for the report's verification area and ``auditdesk verify``;
    ``#? …`` when no row has that hash any more (the history was rewritten)."""
    if not digest:
        return ""
    from sqlalchemy import select

    from auditdesk.model.changelog import ChangeLogEntry
    from auditdesk.storage.changelog import GENESIS_HASH

    if digest == GENESIS_HASH:
        return f"#0 {digest[:16]}"
    seq = session.scalar(select(ChangeLogEntry.seq).where(ChangeLogEntry.hash == digest))
    return f"#{seq if seq is not None else '?'} {digest[:16]}"


CHAIN_LABEL = {"zh": "变更记录链头", "en": "Change-log chain head"}


def chain_text(chain: str, lang: str) -> str:
    """The verification area's chain line, e.g. "变更记录链头 #1234 3f9a0c1b2d4e5f60"."""
    if not chain:
        return ""
    if lang == "bilingual":
        return f"{CHAIN_LABEL['zh']} / {CHAIN_LABEL['en']}: {chain}"
    sep = "：" if lang == "zh" else ": "
    return f"{CHAIN_LABEL.get(lang, CHAIN_LABEL['en'])}{sep}{chain}"
