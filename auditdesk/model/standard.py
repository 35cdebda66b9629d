"""Standards library: a standard edition and its clause tree with evidence prompts."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from auditdesk.model.base import Entity


class Standard(Entity):
    __tablename__ = "standard"

    key: Mapped[str] = mapped_column(String(40), unique=True)  # e.g. "ISO9001:2015"
    code: Mapped[str] = mapped_column(String(60))  # "ISO 9001:2015"
    national_code: Mapped[str] = mapped_column(String(60), default="")  # "GB/T 19001-2016"
    scheme: Mapped[str] = mapped_column(String(20))  # QMS, EMS, OHSMS, ISMS
    edition: Mapped[str] = mapped_column(String(20), default="")
    title_zh: Mapped[str] = mapped_column(String(200), default="")
    title_en: Mapped[str] = mapped_column(String(200), default="")
    aliases: Mapped[list[Any]] = mapped_column(JSON, default=list)
    surveillance_must_cover: Mapped[list[Any]] = mapped_column(JSON, default=list)
    source_file: Mapped[str] = mapped_column(String(200), default="")
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    archived: Mapped[bool] = mapped_column(default=False)

    clauses: Mapped[list[Clause]] = relationship(
        back_populates="standard", order_by="Clause.sort_order"
    )


class Clause(Entity):
    __tablename__ = "clause"

    standard_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("standard.id"), index=True)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("clause.id"))
    number: Mapped[str] = mapped_column(String(20))
    title_zh: Mapped[str] = mapped_column(String(200), default="")
    title_en: Mapped[str] = mapped_column(String(200), default="")
    # [{"zh": ..., "en": ...}, ...] — evidence an auditor typically looks for.
    prompts: Mapped[list[Any]] = mapped_column(JSON, default=list)
    sort_order: Mapped[int] = mapped_column(default=0)
    depth: Mapped[int] = mapped_column(default=0)

    standard: Mapped[Standard] = relationship(back_populates="clauses")

    __table_args__ = (UniqueConstraint("standard_id", "number", name="uq_clause_standard_number"),)
