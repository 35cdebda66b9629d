"""What an issued document carries to be verified: the change-log chain head line and the
``AuditDesk-Verify:<code>`` metadata keyword. A leaf module both renderers use (it imports
neither), so pdf_render, docx_render and render form no import cycle."""

from __future__ import annotations

from typing import Any

from auditdesk.exports import blocks as b


def verification_keyword(doc: b.Document) -> str:
    """``AuditDesk-Verify:<code>`` in the file's metadata, so ``auditdesk verify`` can name the
    revision a modified copy claims to be."""
    found = next((x for x in doc.blocks if isinstance(x, b.Verification)), None)
    return f"AuditDesk-Verify:{found.code}" if found else ""


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
