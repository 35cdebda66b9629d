"""Further rules a certification body needs (issue 16 point 8), each with its source.

- :func:`counted_audit_days`: only auditors' time is audit time; trainees, technical experts
  and observers are not counted in the audit days (IAF MD5 [check clause]: "the time of
  technical experts/trainees does not count"; DOMAIN §1: experts do not audit alone).
- :func:`application_conditions`: the remaining CNCA-QMS-01:2025 §5.1.2 conditions an applicant
  must meet — not on the serious-dishonesty list (严重失信名单), no ordered production stop
  (责令停产停业), no failed national quality sampling of in-scope products within the last year.
  The year counts like every period (Civil Code months). Conditions not declared (None) are
  findings too: the CB must ask.
- :func:`remote_share`: the share of audit time done remotely (IAF MD4:2023 allows remote
  techniques where justified; the limit is the CB's own setting ``remote_audit_max_percent``
  [setting][check], and on-site time stays ≥ 80 % by IAF MD5 unless the CB's setting says
  otherwise).
- :func:`transfer_review`: the accepting CB's pre-transfer review (IAF MD2:2017): a suspended,
  withdrawn or expired certificate cannot be transferred; open major NCs must be closed first;
  the certificate takes over the previous programme, and a transfer inside the last
  ``transfer_recertification_months`` before expiry is handled as a recertification [setting].
  Clause numbers of MD2 are [check].
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from auditdesk.rules.basis import CB_SETTING, CNCA_2025, IAF_MD2, IAF_MD5, Basis, Dated
from auditdesk.rules.dates import add_months
from auditdesk.rules.eligibility import Finding
from auditdesk.rules.settings import DEFAULT_SETTINGS, CBSettings

IAF_MD4 = "IAF MD4:2023"
COUNTED_ROLES = frozenset({"team_leader", "auditor"})
NOT_COUNTED_ROLES = frozenset({"tech_expert", "trainee", "observer"})


class RuleInputError(ValueError):
    """Bad input to these rules (the message names the field)."""


@dataclass(frozen=True, slots=True)
class CountedDays:
    counted: float
    excluded: tuple[tuple[str, float], ...]  # (role, days) not counted
    basis: Basis


def counted_audit_days(members: Iterable[tuple[str, float]]) -> CountedDays:
    """Audit days of a team: the days of team leaders and auditors; trainees', technical
    experts' and observers' days are listed as excluded."""
    counted = Fraction(0)
    excluded = []
    for role, days in members:
        if days < 0:
            raise RuleInputError(f"days: must not be negative ({role})")
        if role in COUNTED_ROLES:
            counted += Fraction(str(days))
        elif role in NOT_COUNTED_ROLES:
            excluded.append((role, float(days)))
        else:
            raise RuleInputError(f"role: unknown team role {role!r}")
    return CountedDays(float(counted), tuple(excluded), Basis(IAF_MD5, "", "auditors_only"))


def application_conditions(
    apply_date: dt.date,
    *,
    on_serious_dishonesty_list: bool | None,
    production_stop_ordered: bool | None,
    last_failed_national_sampling: dt.date | None,
    failed_sampling_declared: bool = True,
) -> tuple[Finding, ...]:
    """CNCA-QMS-01:2025 §5.1.2 conditions (empty = all met)."""
    basis = Basis(CNCA_2025, "§5.1.2", "application_conditions")
    out: list[Finding] = []
    if on_serious_dishonesty_list is None:
        out.append(Finding("serious_dishonesty_list_not_declared", basis))
    elif on_serious_dishonesty_list:
        out.append(Finding("on_serious_dishonesty_list", basis))
    if production_stop_ordered is None:
        out.append(Finding("production_stop_not_declared", basis))
    elif production_stop_ordered:
        out.append(Finding("production_stop_ordered", basis))
    if not failed_sampling_declared:
        out.append(Finding("national_sampling_not_declared", basis))
    elif last_failed_national_sampling is not None:
        bar_end = add_months(last_failed_national_sampling, 12)
        if last_failed_national_sampling <= apply_date <= bar_end:
            out.append(
                Finding(
                    "failed_national_sampling_within_a_year",
                    basis,
                    bar_end + dt.timedelta(days=1),
                )
            )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class RemoteShare:
    percent: float
    limit_percent: int
    exceeded: bool
    basis: Basis


def remote_share(
    onsite_days: float, remote_days: float, settings: CBSettings = DEFAULT_SETTINGS
) -> RemoteShare:
    """Share of the audit time done remotely against the CB's limit (IAF MD4 [setting])."""
    if onsite_days < 0 or remote_days < 0:
        raise RuleInputError("days: must not be negative")
    total = Fraction(str(onsite_days)) + Fraction(str(remote_days))
    pct = Fraction(0) if total == 0 else Fraction(str(remote_days)) * 100 / total
    limit = settings.remote_audit_max_percent
    return RemoteShare(
        float(pct),
        limit,
        pct > limit,
        Basis(CB_SETTING, "remote_audit_max_percent", f"remote_share_limit_{IAF_MD4}"),
    )


def transfer_deadline(issuing_cb_ceased_on: dt.date | None, expiry: dt.date) -> Dated | None:
    """Where the issuing CB ceased trading or its accreditation expired, was suspended or
    withdrawn: the transfer must be completed within 6 months or by the certificate's expiry,
    whichever is sooner (IAF MD2:2017 2.1.3 [check clause number]). None otherwise."""
    if issuing_cb_ceased_on is None:
        return None
    six = add_months(issuing_cb_ceased_on, 6)
    return Dated(min(six, expiry), Basis(IAF_MD2, "2.1.3", "transfer_deadline"))


def transfer_review(
    on: dt.date,
    *,
    state: str,
    expiry: dt.date,
    open_major_ncs: int,
    settings: CBSettings = DEFAULT_SETTINGS,
    review_on: dt.date | None | bool = False,
    decision_on: dt.date | None = None,
    issuing_cb_ceased_on: dt.date | None = None,
) -> tuple[Finding, ...]:
    """The accepting CB's pre-transfer review (IAF MD2:2017 [check clause numbers]); empty =
    the certificate may be transferred and keeps its programme.

    ``state``/``open_major_ncs``: the previous certificate when reviewed. ``review_on``: the day
    the pre-transfer review was completed (None: not done; leave out where the caller does not
    track it). ``decision_on``: the accepting CB's certification decision, if taken; ``on`` the
    day judged (the decision day once taken). Findings:
    - ``transfer_refused_{suspended,withdrawn,cancelled,expired}``: only valid accredited
      certification may be transferred (2.1);
    - ``transfer_review_missing`` / ``transfer_decision_before_review``: the decision needs the
      pre-transfer review first (2.2);
    - ``transfer_open_major_ncs``: open major NCs closed before the decision (2.3);
    - ``transfer_deadline_passed`` (date: the deadline): the issuing CB ceased (2.1.3);
    - ``transfer_as_recertification`` (date: from when) [setting].
    """
    judged = decision_on or on
    out: list[Finding] = []
    if state in ("suspended", "withdrawn", "cancelled"):
        out.append(Finding(f"transfer_refused_{state}", Basis(IAF_MD2, "2.1", "not_transferable")))
    if judged > expiry or state == "expired":
        out.append(Finding("transfer_refused_expired", Basis(IAF_MD2, "2.1", "not_transferable")))
    if review_on is None:
        out.append(
            Finding("transfer_review_missing", Basis(IAF_MD2, "2.2", "transfer_review_required"))
        )
    elif isinstance(review_on, dt.date) and decision_on is not None and decision_on < review_on:
        out.append(
            Finding(
                "transfer_decision_before_review",
                Basis(IAF_MD2, "2.2", "transfer_review_required"),
                review_on,
            )
        )
    if open_major_ncs:
        out.append(
            Finding(
                "transfer_open_major_ncs",
                Basis(IAF_MD2, "2.3", "major_ncs_closed_first"),
                None,
                float(open_major_ncs),
            )
        )
    deadline = transfer_deadline(issuing_cb_ceased_on, expiry)
    if deadline is not None and judged > deadline.date:
        out.append(Finding("transfer_deadline_passed", deadline.basis, deadline.date))
    recert_from = add_months(expiry, -settings.transfer_recertification_months)
    if not out and judged >= recert_from:
        out.append(
            Finding(
                "transfer_as_recertification",
                Basis(CB_SETTING, "transfer_recertification_months", "close_to_expiry"),
                recert_from,
            )
        )
    return tuple(out)
