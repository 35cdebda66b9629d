"""Audit kinds shared by the audit-time, sampling and NC-deadline rules."""

from __future__ import annotations

from enum import StrEnum


class AuditKind(StrEnum):
    INITIAL = "initial"  # stage 1 + stage 2
    SURVEILLANCE = "surveillance"
    RECERTIFICATION = "recertification"
    SPECIAL = "special"
