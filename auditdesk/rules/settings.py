"""A certification body's own practice: every [setting] of DOMAIN.md with its default.

The services layer stores these in the database as CB settings (STYLE habit 8) and builds a
:class:`CBSettings` with :meth:`CBSettings.from_mapping`; the rules only read them.

Defaults and why:
- ``surveillance_window_months`` 3: a surveillance window opens 3 months before its latest date
  (first surveillance planned in months 9-12 after issue, DOMAIN §3).
- ``recertification_window_months`` 6 and ``recertification_apply_months`` 3 (DOMAIN §3).
- ``validity_years`` 3: default expiry = issue + 3 years − 1 day (DOMAIN §3).
- ``nc_response_days`` 30, ``major_nc_verification_days`` 90 (DOMAIN §4).
- ``stage2_major_limit_months`` 6: 17021-1 9.5.3.2; kept here so a stricter CB can shorten it.
- ``initial_nc_certify_months`` 3 / ``initial_nc_follow_up_months`` 9 and
  ``surveillance_nc_suspension_months`` 3: the one published CB practice quoted in DOMAIN §4.
- ``rotation_max_consecutive_audits`` 6: a member who has been on the client's last 6 audits
  in a row (two full 3-year cycles: initial/recertification + 2 surveillances, twice) is due
  for rotation. 17021-1 (5.2, 9.2.2) asks the CB to manage the familiarity threat but fixes no
  number; two cycles is the common CB practice, and a lower default (3 = every cycle) would
  warn on almost every recertification team of a small CB with few auditors per sector.
  A CB that rotates every cycle sets 3.
- ``auditor_yearly_onsite_day_limit`` 180 (CNCA FAQ 3.9, a [check] value).
- ``short_notice_audit_days`` 30 (CNCA-QMS-01:2025 §5.9.3).
- ``eligibility_min_operation_months`` 3 and ``eligibility_bar_months`` 12 (DOMAIN §3).
- ``monthly_report_day`` 10: monthly upload to the national platform by the 10th.
- ``remote_audit_max_percent`` 30: the most of an audit's time done remotely (IAF MD4:2023
  leaves the limit to the CB's justified practice) [setting][check].
- ``transfer_recertification_months`` 6: a certificate transferred within its last 6 months is
  handled as a recertification (IAF MD2 pre-transfer review) [setting][check].
- ``cnca_approval_no`` "" (the CB's CNCA approval number, e.g. ``CNCA-R-2002-001``) and
  ``cnca_branch_code`` "01" (2 digits, the CB's own branch coding): the audit-plan number of
  the monthly upload follows 市监认证(司)函〔2021〕102号's advice, ``R`` + ``0`` + last 3 digits
  of the approval number + branch code, then the CB's own sequence (AuditDesk's audit number
  without punctuation); ``cnca_foreign_cb`` False: a foreign-invested CB starts ``RF`` + ``0``
  + last 2 digits instead (same notice).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class CBSettings:
    surveillance_window_months: int = 3
    recertification_window_months: int = 6
    recertification_apply_months: int = 3
    validity_years: int = 3
    nc_response_days: int = 30
    major_nc_verification_days: int = 90
    stage2_major_limit_months: int = 6
    initial_nc_certify_months: int = 3
    initial_nc_follow_up_months: int = 9
    surveillance_nc_suspension_months: int = 3
    rotation_max_consecutive_audits: int = 6
    auditor_yearly_onsite_day_limit: float = 180.0
    short_notice_audit_days: int = 30
    eligibility_min_operation_months: int = 3
    eligibility_bar_months: int = 12
    monthly_report_day: int = 10
    remote_audit_max_percent: int = 30
    transfer_recertification_months: int = 6
    cnca_approval_no: str = ""
    cnca_branch_code: str = "01"
    cnca_foreign_cb: bool = False

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if field.type == "float" and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
                object.__setattr__(self, field.name, value)  # 180 means 180.0 days
            _check_value(field.name, field.type, value)
        if self.cnca_branch_code and not (
            len(self.cnca_branch_code) == 2 and self.cnca_branch_code.isalnum()
        ):
            raise ValueError("cnca_branch_code: must be 2 letters or digits")
        if self.cnca_approval_no and sum(c.isdigit() for c in self.cnca_approval_no) < 3:
            raise ValueError("cnca_approval_no: needs at least 3 digits")
        if not 1 <= self.monthly_report_day <= 28:
            raise ValueError("monthly_report_day: must be between 1 and 28")
        if self.initial_nc_follow_up_months < self.initial_nc_certify_months:
            raise ValueError(
                "initial_nc_follow_up_months: must not be below initial_nc_certify_months"
            )

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> CBSettings:
        """Defaults overridden by ``values``; unknown keys and wrong types raise ``ValueError``."""
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - names)
        if unknown:
            raise ValueError(f"unknown CB setting(s): {', '.join(unknown)}")
        coerced: dict[str, Any] = {}
        for field in dataclasses.fields(cls):
            if field.name in values:
                value = values[field.name]
                # Whole floats are fine for day/month counts that came through JSON or a form.
                if field.type == "int" and isinstance(value, float) and value.is_integer():
                    value = int(value)
                if field.type == "float" and isinstance(value, int) and not isinstance(value, bool):
                    value = float(value)
                coerced[field.name] = value
        return cls(**coerced)

    def to_mapping(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _check_value(name: str, type_name: object, value: object) -> None:
    if type_name in ("str", str):
        if not isinstance(value, str) or len(value) > 60:
            raise ValueError(f"{name}: expected text (at most 60 characters), got {value!r}")
        return
    if type_name in ("bool", bool):
        if not isinstance(value, bool):
            raise ValueError(f"{name}: expected true or false, got {value!r}")
        return
    expected: type = int if type_name in ("int", int) else float
    if isinstance(value, bool) or not isinstance(value, expected):
        raise ValueError(f"{name}: expected {expected.__name__}, got {value!r}")
    assert isinstance(value, int | float)
    if value <= 0:
        raise ValueError(f"{name}: must be positive, got {value!r}")


DEFAULT_SETTINGS = CBSettings()
