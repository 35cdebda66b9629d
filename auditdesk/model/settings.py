"""CB settings and corrected rule sets: what changes audit results lives in the database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from auditdesk.model.base import Entity


class CBSetting(Entity):
    """One CB setting (DOMAIN.md [setting]); absent keys fall back to the rules' defaults."""

    __tablename__ = "cb_setting"

    key: Mapped[str] = mapped_column(String(80), unique=True)
    value: Mapped[Any] = mapped_column(JSON)


class RuleSetRecord(Entity):
    """An admin's corrected copy of a rule-set table (DOMAIN.md [check] rules)."""

    __tablename__ = "rule_set"

    rule_set_id: Mapped[str] = mapped_column(String(40), unique=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(String, default="")
