"""Client organisations (受审核方), their sites, headcount history and licences."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from auditdesk.model.base import Entity

if TYPE_CHECKING:
    from auditdesk.model.certificate import Certificate


class Organisation(Entity):
    __tablename__ = "organisation"

    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    credit_code: Mapped[str | None] = mapped_column(String(18), unique=True)
    address: Mapped[str] = mapped_column(String(400), default="")
    province: Mapped[str] = mapped_column(String(40), default="")
    city: Mapped[str] = mapped_column(String(60), default="")
    representative: Mapped[str] = mapped_column(String(100), default="")
    contact_name: Mapped[str] = mapped_column(String(100), default="")
    contact_phone: Mapped[str] = mapped_column(String(60), default="")
    contact_email: Mapped[str] = mapped_column(String(200), default="")
    industry: Mapped[str] = mapped_column(String(200), default="")
    # Current effective personnel (有效人数); the dated history is in PersonnelRecord.
    effective_personnel: Mapped[int] = mapped_column(default=0)
    # Sector codes 大类.中类.小类, comma-separated, e.g. "19.05.01,29.10.00".
    technical_codes: Mapped[str] = mapped_column(String(400), default="")
    consultant: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(String, default="")
    archived: Mapped[bool] = mapped_column(default=False)

    sites: Mapped[list[Site]] = relationship(back_populates="organisation", order_by="Site.name")
    personnel_history: Mapped[list[PersonnelRecord]] = relationship(
        back_populates="organisation", order_by="PersonnelRecord.effective_from"
    )
    licences: Mapped[list[Licence]] = relationship(back_populates="organisation")
    certificates: Mapped[list[Certificate]] = relationship(back_populates="organisation")

    __table_args__ = (
        Index("ix_organisation_name_zh", "name_zh"),
        Index("ix_organisation_province", "province"),
        Index("ix_organisation_name_zh_id", "name_zh", "id"),  # register keyset paging
    )


class Site(Entity):
    __tablename__ = "site"

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(400), default="")
    is_central: Mapped[bool] = mapped_column(default=False)
    is_temporary: Mapped[bool] = mapped_column(default=False)
    personnel: Mapped[int] = mapped_column(default=0)
    activities: Mapped[str] = mapped_column(String, default="")
    archived: Mapped[bool] = mapped_column(default=False)

    organisation: Mapped[Organisation] = relationship(back_populates="sites")


class PersonnelRecord(Entity):
    """Effective personnel as of a date (all shifts, part-time as FTE)."""

    __tablename__ = "personnel_record"

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    effective_from: Mapped[dt.date]
    count: Mapped[int]
    note: Mapped[str] = mapped_column(String, default="")

    organisation: Mapped[Organisation] = relationship(back_populates="personnel_history")


class Licence(Entity):
    """Administrative licence or permit (生产许可证, 排污许可证, ...)."""

    __tablename__ = "licence"

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    kind: Mapped[str] = mapped_column(String(100))
    number: Mapped[str] = mapped_column(String(100), default="")
    issuer: Mapped[str] = mapped_column(String(200), default="")
    expiry: Mapped[dt.date | None]

    organisation: Mapped[Organisation] = relationship(back_populates="licences")
