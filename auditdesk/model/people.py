"""Auditors (the CB's register) and AuditDesk users with their roles."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from auditdesk.model.base import Entity, enum_column
from auditdesk.model.enums import AuditorGrade, Role


class Auditor(Entity):
    __tablename__ = "auditor"

    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100), default="")
    ccaa_no: Mapped[str] = mapped_column(String(60), default="", index=True)
    grade: Mapped[AuditorGrade] = mapped_column(
        enum_column(AuditorGrade), default=AuditorGrade.AUDITOR
    )
    registration_expiry: Mapped[dt.date | None]
    schemes: Mapped[list[Any]] = mapped_column(JSON, default=list)  # ["QMS", "EMS"]
    technical_codes: Mapped[str] = mapped_column(String(400), default="")
    # Declared conflicts of interest: organisation ids or consultant names, free text allowed.
    conflicts: Mapped[list[Any]] = mapped_column(JSON, default=list)
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    # 证件号码 for the CNCA audit-plan sheet (市监认证(司)函〔2021〕102号): type id_card | passport |
    # other (rules.id_documents). Shown masked everywhere except the CNCA upload.
    id_doc_type: Mapped[str] = mapped_column(String(20), default="id_card")
    id_doc_no: Mapped[str] = mapped_column(String(40), default="")
    archived: Mapped[bool] = mapped_column(default=False)


class User(Entity):
    __tablename__ = "app_user"

    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[Role] = mapped_column(enum_column(Role), default=Role.AUDITOR)
    # scrypt hash ("scrypt$n$r$p$salt$hash"); empty = cannot sign in with a password.
    password_hash: Mapped[str] = mapped_column(String(300), default="")
    auditor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("auditor.id"))
    active: Mapped[bool] = mapped_column(default=True)

    auditor: Mapped[Auditor | None] = relationship()
