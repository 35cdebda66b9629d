"""Issue 16 point 8 wired in: the CNCA-QMS-01:2025 §5.1.2 application conditions recorded on
the client, the IAF MD2 transfer review of a certificate, and the checks an audit plan must
pass (audit days without trainees and technical experts, remote share under IAF MD4).

Every check returns :class:`~auditdesk.rules.eligibility.Finding` values (code, basis, date,
value); the screens word them through :mod:`auditdesk.services.basis_words` and the catalogue
group ``finding``. Refusals raise ``ValidationFailed`` with field codes, nothing written.

Resolved ambiguities (sources in auditdesk.rules.cb_rules):
- A client condition applies on a day when ``since <= day`` and (``until`` is None or
  ``day < until``). A failed national sampling bars the client for a year from the regulator's
  notice (``since``) whatever ``until`` says; no recorded condition = none known.
- The §5.1.2 conditions are checked for an initial certification (stage 1, stage 2) and a
  recertification, and when a certificate is issued (``create_certificate`` refuses the
  certificate then). Surveillance and special audits are not applications: not checked.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.model import (
    Certificate,
    CertificateTransfer,
    ClientCondition,
    Organisation,
)
from auditdesk.rules import cb_rules
from auditdesk.rules.basis import CB_SETTING, Basis, Dated
from auditdesk.rules.eligibility import Finding
from auditdesk.services.errors import NotFound, ValidationFailed
from auditdesk.services.users import Permission, current_username, require

CONDITION_KINDS = ("serious_dishonesty", "production_stop", "failed_national_sampling")
# Audit types that are an application for certification (initial or recertification)
APPLICATION_AUDITS = ("stage1", "stage2", "recertification")
TRANSFER_STATES = ("valid", "suspended", "withdrawn", "expired", "cancelled")


# ------------------------------------------------------------------ §5.1.2 client conditions


def record_client_condition(
    session: Session,
    organisation_id: uuid.UUID,
    kind: str,
    since: dt.date,
    until: dt.date | None = None,
    reference: str = "",
    note: str = "",
) -> ClientCondition:
    """Record a dated §5.1.2 condition of a client (admins): ``serious_dishonesty`` (on the
    serious-dishonesty list 严重失信名单 from ``since``), ``production_stop`` (ordered to stop
    production 责令停产停业), ``failed_national_sampling`` (the regulator's notice of a failed
    national quality sampling 国家监督抽查不合格). ``until``: removed / lifted, if known."""
    require(session, Permission.EDIT_REGISTERS)
    org = session.get(Organisation, organisation_id)
    errors: dict[str, str] = {}
    if org is None:
        errors["organisation"] = "not_found"
    if kind not in CONDITION_KINDS:
        errors["kind"] = "unknown"
    if until is not None and until < since:
        errors["until"] = "before_since"
    if not reference.strip():
        errors["reference"] = "required"
    if errors:
        raise ValidationFailed(f"client condition {kind}: {errors}", errors)
    row = ClientCondition(
        organisation_id=organisation_id,
        kind=kind,
        since=since,
        until=until,
        reference=reference.strip(),
        note=note.strip(),
        by_user=current_username(session),
    )
    session.add(row)
    session.flush()
    return row


def end_client_condition(session: Session, condition_id: uuid.UUID, until: dt.date) -> None:
    """The condition ended on ``until`` (removed from the list, stop lifted)."""
    require(session, Permission.EDIT_REGISTERS)
    row = session.get(ClientCondition, condition_id)
    if row is None:
        raise NotFound(f"no client condition {condition_id}", id=str(condition_id))
    if until < row.since:
        raise ValidationFailed(
            f"client condition: {until} before {row.since}", {"until": "before_since"}
        )
    row.until = until
    session.flush()


def client_conditions(session: Session, organisation_id: uuid.UUID) -> list[ClientCondition]:
    stmt = (
        select(ClientCondition)
        .where(ClientCondition.organisation_id == organisation_id)
        .order_by(ClientCondition.since)
    )
    return list(session.scalars(stmt))


def _in_force(row: ClientCondition, day: dt.date) -> bool:
    return row.since <= day and (row.until is None or day < row.until)


def application_findings(
    session: Session, organisation_id: uuid.UUID, on: dt.date
) -> tuple[Finding, ...]:
    """The client's §5.1.2 findings on ``on`` (empty = it may apply / be certified)."""
    rows = client_conditions(session, organisation_id)
    sampling = [r.since for r in rows if r.kind == "failed_national_sampling" and r.since <= on]
    return cb_rules.application_conditions(
        on,
        on_serious_dishonesty_list=any(
            _in_force(r, on) for r in rows if r.kind == "serious_dishonesty"
        ),
        production_stop_ordered=any(_in_force(r, on) for r in rows if r.kind == "production_stop"),
        last_failed_national_sampling=max(sampling) if sampling else None,
    )


def refuse_if_conditions(session: Session, organisation_id: uuid.UUID, on: dt.date) -> None:
    """Raise ``ValidationFailed`` (``{"application_conditions": code}``, details: clause and
    date) when a §5.1.2 condition bars the client on ``on``."""
    found = application_findings(session, organisation_id, on)
    if found:
        first = found[0]
        raise ValidationFailed(
            f"§5.1.2: {', '.join(f.code for f in found)} on {on.isoformat()}",
            {"application_conditions": first.code},
            rule=first.basis.rule_id,
            clause=first.basis.clause,
            until=first.date.isoformat() if first.date else "",
        )


# ------------------------------------------------------------------ IAF MD2 transfer


@dataclass
class TransferData:
    issuing_cb: str
    previous_number: str = ""
    previous_state: str = "valid"
    previous_expiry: dt.date | None = None
    review_on: dt.date | None = None
    reviewer: str = ""
    open_major_ncs: int = 0
    last_audit_on: dt.date | None = None
    issuing_cb_ceased_on: dt.date | None = None
    decision_on: dt.date | None = None
    note: str = ""


def record_transfer(
    session: Session, certificate_id: uuid.UUID, data: TransferData
) -> CertificateTransfer:
    """Record (or correct) the accepting CB's pre-transfer review of a transferred certificate
    (IAF MD2:2017). A decision before the review, a negative NC count or an unknown state is
    refused; the review's own findings (suspended, deadline passed, ...) are shown by
    :func:`transfer_check`, not refused here: the record says what happened."""
    require(session, Permission.EDIT_REGISTERS)
    cert = session.get(Certificate, certificate_id)
    errors: dict[str, str] = {}
    if cert is None:
        raise NotFound(f"no certificate {certificate_id}", id=str(certificate_id))
    if not data.issuing_cb.strip():
        errors["issuing_cb"] = "required"
    if data.previous_state not in TRANSFER_STATES:
        errors["previous_state"] = "unknown"
    if data.open_major_ncs < 0:
        errors["open_major_ncs"] = "negative"
    if data.review_on and data.decision_on and data.decision_on < data.review_on:
        errors["decision_on"] = "before_review"
    if errors:
        raise ValidationFailed(f"certificate {cert.number} transfer: {errors}", errors)
    row = session.scalar(
        select(CertificateTransfer).where(CertificateTransfer.certificate_id == certificate_id)
    )
    if row is None:
        row = CertificateTransfer(certificate_id=certificate_id)
        session.add(row)
    for name, value in vars(data).items():
        setattr(row, name, value.strip() if isinstance(value, str) else value)
    if not cert.transferred_from:
        cert.transferred_from = data.issuing_cb.strip()
    session.flush()
    return row


@dataclass(frozen=True)
class TransferCheck:
    record: CertificateTransfer
    findings: tuple[Finding, ...]
    deadline: Dated | None  # issuing CB ceased: transfer by this date (MD2 2.1.3)


def transfer_check(
    session: Session, certificate_id: uuid.UUID, on: dt.date | None = None
) -> TransferCheck | None:
    """The transfer review of a certificate and its findings on ``on`` (the decision day once
    taken); None for a certificate not transferred (no review recorded)."""
    from auditdesk.services.programme import cb_settings

    row = session.scalar(
        select(CertificateTransfer).where(CertificateTransfer.certificate_id == certificate_id)
    )
    if row is None:
        return None
    cert = session.get(Certificate, certificate_id)
    assert cert is not None
    expiry = row.previous_expiry or cert.expiry_date
    found = cb_rules.transfer_review(
        on or dt.date.today(),
        state=row.previous_state,
        expiry=expiry,
        open_major_ncs=row.open_major_ncs,
        settings=cb_settings(session),
        review_on=row.review_on,
        decision_on=row.decision_on,
        issuing_cb_ceased_on=row.issuing_cb_ceased_on,
    )
    return TransferCheck(row, found, cb_rules.transfer_deadline(row.issuing_cb_ceased_on, expiry))


# ------------------------------------------------------------------ audit plans


@dataclass(frozen=True)
class PlanningRuleCheck:
    counted: cb_rules.CountedDays
    remote: cb_rules.RemoteShare
    findings: tuple[Finding, ...]


def planning_rule_findings(
    session: Session,
    *,
    audit_type: str,
    planned_on: dt.date,
    team: Iterable[tuple[str, float]],
    remote_days: float = 0.0,
    required_days: float | None = None,
    organisation_id: uuid.UUID | None = None,
    certificate_ids: Sequence[uuid.UUID] = (),
) -> PlanningRuleCheck:
    """The rules an audit plan is checked against, for the planning dialog (contract).

    Arguments:
    - ``audit_type``: an ``AuditType`` value (``stage1`` … ``transfer``);
    - ``planned_on``: the first audit day;
    - ``team``: one ``(role, days)`` per member, ``role`` a ``TeamRole`` value
      (``team_leader``, ``auditor``, ``tech_expert``, ``trainee``, ``observer``) and ``days``
      that member's audit days (on-site and remote together);
    - ``remote_days``: the counted audit days done remotely (of the counted total);
    - ``required_days``: the audit time the plan must reach (IAF MD5 figure), if known;
    - ``organisation_id``: the client (for the §5.1.2 conditions); else taken from
      ``certificate_ids``; ``certificate_ids``: the certificates audited (for a transfer).

    Returns :class:`PlanningRuleCheck`: ``counted`` (days of team leaders and auditors only —
    trainees, technical experts and observers are listed as excluded, IAF MD5), ``remote``
    (share of the counted days done remotely against the CB setting
    ``remote_audit_max_percent``, IAF MD4:2023) and ``findings``, each a ``Finding`` with
    ``code`` one of:
    - ``counted_days_below_required`` (value: the counted days; basis IAF MD5);
    - ``remote_share_exceeded`` (value: the percent; basis the CB setting);
    - the §5.1.2 codes of ``cb_rules.application_conditions`` for stage1, stage2 and
      recertification (``on_serious_dishonesty_list``, ``production_stop_ordered``,
      ``failed_national_sampling_within_a_year`` with the first day the client may apply);
    - for ``audit_type == "transfer"``, the codes of ``cb_rules.transfer_review`` for each
      certificate with a recorded transfer review.
    Empty ``findings`` = the plan meets these rules. Planning is never blocked by this call:
    the caller shows the findings (``basis_words`` gives each basis in words) and decides.
    Raises ``cb_rules.RuleInputError`` for a negative day count or an unknown role.
    """
    from auditdesk.services.programme import cb_settings

    settings = cb_settings(session)
    counted = cb_rules.counted_audit_days(team)
    if remote_days < 0 or remote_days > counted.counted:
        raise cb_rules.RuleInputError("remote_days: between 0 and the counted audit days")
    remote = cb_rules.remote_share(counted.counted - remote_days, remote_days, settings)
    found: list[Finding] = []
    if required_days is not None and counted.counted < required_days:
        found.append(Finding("counted_days_below_required", counted.basis, None, counted.counted))
    if remote.exceeded:
        found.append(
            Finding(
                "remote_share_exceeded",
                Basis(CB_SETTING, "remote_audit_max_percent", remote.basis.code),
                None,
                remote.percent,
            )
        )
    org_id = organisation_id
    if org_id is None and certificate_ids:
        org_id = session.scalar(
            select(Certificate.organisation_id).where(Certificate.id == certificate_ids[0])
        )
    if audit_type in APPLICATION_AUDITS and org_id is not None:
        found += application_findings(session, org_id, planned_on)
    if audit_type == "transfer":
        for cid in certificate_ids:
            check = transfer_check(session, cid, planned_on)
            if check is not None:
                found += check.findings
    return PlanningRuleCheck(counted, remote, tuple(found))
