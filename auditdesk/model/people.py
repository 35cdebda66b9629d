"""Auditors (the CB's register), AuditDesk users with their roles, their sign-ins and tokens."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from auditdesk.model.base import Base, Entity, UTCDateTime, enum_column, utcnow
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


class SignInEvent(Base):
    """One sign-in attempt (GUI, CLI password or token): who, when, from where, the outcome.

    Not an Entity: local bookkeeping of this database, neither change-logged nor exchanged.
    ``outcome``: success / failure / locked / reset (an admin reset the password; failures
    before it no longer count towards a lockout).
    """

    __tablename__ = "sign_in_event"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    username: Mapped[str] = mapped_column(String(60))
    channel: Mapped[str] = mapped_column(String(10))  # gui / cli / token / remember
    outcome: Mapped[str] = mapped_column(String(10))
    detail: Mapped[str] = mapped_column(String(200), default="")

    __table_args__ = (Index("ix_sign_in_event_username", "username", "seq"),)


class AuthToken(Base):
    """A revocable secret that signs one user in: "remember me" on one computer, or an API
    token an admin made for scripts. Only the SHA-256 of the token is stored."""

    __tablename__ = "auth_token"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # remember / api
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[str] = mapped_column(String(60), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()
