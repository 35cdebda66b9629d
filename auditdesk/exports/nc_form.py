"""The nonconformity report form (不符合报告) the client answers: the finding as the team wrote
it, the evidence it rests on, and blank fields for correction, root cause, corrective action,
owners and dates. Where the client's answer is already entered, the form shows it filled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from auditdesk.exports import blocks as b
from auditdesk.exports.common import CBIdentity, cb_identity, local_time
from auditdesk.exports.labels import Lang, code, text
from auditdesk.exports.report_context import Party, _party, standard_label
from auditdesk.exports.report_document import cb_name, fmt_date
from auditdesk.model import TeamRole


@dataclass(frozen=True)
class NCEvidence:
    seq: int
    evidence_type: str
    observed_at: dt.datetime | None
    description: str
    references: str


@dataclass(frozen=True)
class NCFormContext:
    lang: Lang
    cb: CBIdentity
    client: Party
    audit_number: str
    audit_type: str
    audit_dates: tuple[dt.date | None, dt.date | None]
    criteria: tuple[str, ...]
    number: str
    grade: str
    state: str
    clause: str
    clause_title_zh: str
    clause_title_en: str
    requirement: str
    evidence_text: str
    reason: str
    evidence: tuple[NCEvidence, ...]
    raised_by: str
    team_leader: str
    issued_on: dt.date | None
    response_due: dt.date | None
    verification_due: dt.date | None
    # The client's answer, if already entered (else blank fields on the form).
    correction: str
    root_cause: str
    corrective_action: str
    owners: str
    planned_date: dt.date | None
    done_date: dt.date | None
    verified_by: str
    verified_on: dt.date | None
    effectiveness: str
    # Issue 17.3: the department audited, the CB's acceptance of the response, the verification
    # method, 举一反三, when the response arrived.
    department: str = ""
    accepted_by: str = ""
    accepted_on: dt.date | None = None
    acceptance_note: str = ""
    verification_method: str | None = None  # VerificationMethod code; None = not verified yet
    similar_check: str = ""
    response_received_on: dt.date | None = None


def person_name(session: Session, username: str) -> str:
    """A user's name as printed: the auditor's Chinese name, else the display name; a name that
    is no user (typed by hand, or a user since removed) is printed as it was stored; the
    built-in system user gives "" (the form then says "not recorded")."""
    from sqlalchemy import select

    from auditdesk.model import User
    from auditdesk.services.users import RESERVED_NAMES

    if not username or username in RESERVED_NAMES:  # AuditDesk itself is nobody's signature
        return ""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        return username
    if user.auditor is not None and user.auditor.name_zh:
        return user.auditor.name_zh
    return user.display_name or user.username


def _acceptance(session: Session, nc: object) -> tuple[str, dt.date | None, str]:
    """Who accepted the client's response for the CB and when (the last acceptance)."""
    from sqlalchemy import select

    from auditdesk.model import NCTransition

    last = session.scalars(
        select(NCTransition)
        .where(NCTransition.nonconformity_id == nc.id, NCTransition.action == "accept")  # type: ignore[attr-defined]
        .order_by(NCTransition.at.desc())
    ).first()
    if last is None:
        return "", None, ""
    when = local_time(last.at)
    return person_name(session, last.by_user), when.date() if when else None, last.note


def build_nc_form_context(
    session: Session, nc_number: str, lang: Lang | str = Lang.ZH
) -> NCFormContext:
    from auditdesk.services.nonconformities import find_nc

    nc = find_nc(session, nc_number)
    audit = nc.audit
    leader = next((m for m in audit.team if m.role == TeamRole.TEAM_LEADER), None)
    items = sorted(nc.evidence, key=lambda e: e.seq)
    accepted_by, accepted_on, acceptance_note = _acceptance(session, nc)
    department = nc.department or "、".join(
        dict.fromkeys(e.department for e in items if e.department)
    )
    return NCFormContext(
        lang=Lang(lang),
        cb=cb_identity(session),
        client=_party(audit),
        audit_number=audit.number,
        audit_type=audit.audit_type.value,
        audit_dates=(audit.start_date, audit.end_date),
        criteria=tuple(
            dict.fromkeys(
                standard_label(c.standard.code, c.standard.national_code)
                for c in audit.certificates
            )
        ),
        number=nc.number,
        grade=nc.grade.value,
        state=nc.state.value,
        clause=nc.clause.number if nc.clause else "",
        clause_title_zh=nc.clause.title_zh if nc.clause else "",
        clause_title_en=nc.clause.title_en if nc.clause else "",
        requirement=nc.requirement,
        evidence_text=nc.evidence_text,
        reason=nc.reason,
        evidence=tuple(
            NCEvidence(
                e.seq, e.evidence_type.value, local_time(e.observed_at), e.description, e.references
            )
            for e in items
        ),
        raised_by=person_name(session, nc.raised_by),
        team_leader=leader.auditor.name_zh if leader else "",
        issued_on=nc.issued_on,
        response_due=nc.response_due,
        verification_due=nc.verification_due,
        correction=nc.correction,
        root_cause=nc.root_cause,
        corrective_action=nc.corrective_action,
        owners=nc.owners,
        planned_date=nc.planned_date,
        done_date=nc.done_date,
        verified_by=nc.verified_by,
        verified_on=nc.verified_on,
        effectiveness=nc.effectiveness,
        department=department,
        accepted_by=accepted_by,
        accepted_on=accepted_on,
        acceptance_note=acceptance_note,
        verification_method=nc.verification_method.value if nc.verification_method else None,
        similar_check=nc.similar_check,
        response_received_on=nc.response_received_on,
    )


def nc_form_document(ctx: NCFormContext) -> b.Document:
    lang = ctx.lang
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731 - local shorthand
    title = {Lang.ZH: ctx.clause_title_zh, Lang.EN: ctx.clause_title_en or ctx.clause_title_zh}.get(
        lang, " / ".join(x for x in (ctx.clause_title_zh, ctx.clause_title_en) if x)
    )
    dates = " – ".join(dict.fromkeys(fmt_date(d) for d in ctx.audit_dates if d))
    blocks: list[b.Block] = [b.Title(t("nc_form_title"), f"{ctx.number}")]
    blocks.append(
        b.Fields(
            (
                (t("client"), ctx.client.name_zh),
                (t("department_audited"), ctx.department or t("unrecorded")),
                (t("audit_no"), ctx.audit_number),
                (t("audit_type"), code("audit_type", ctx.audit_type, lang)),
                (t("audit_dates"), dates),
                (t("criteria"), "\n".join(ctx.criteria)),
                (t("nc_no"), ctx.number),
                (t("grade"), code("nc_grade", ctx.grade, lang)),
                (t("clause"), f"{ctx.clause} {title}".strip()),
                (t("issued_date"), fmt_date(ctx.issued_on)),
                (t("response_due"), fmt_date(ctx.response_due)),
                (t("verification_due"), fmt_date(ctx.verification_due)),
            ),
            keep_rows=True,
        )
    )
    blocks.append(b.Heading(t("sec_nc_finding")))
    blocks.append(
        b.Fields(
            (
                (t("requirement"), ctx.requirement),
                (t("objective_evidence"), ctx.evidence_text),
                (t("reason"), ctx.reason),
            ),
            keep_rows=True,
        )
    )
    if ctx.evidence:
        blocks.append(
            b.Table(
                (t("seq"), t("evidence_type"), t("time"), t("description")),
                tuple(
                    (
                        f"E{e.seq}",
                        code("evidence_type", e.evidence_type, lang),
                        e.observed_at.strftime("%Y-%m-%d %H:%M") if e.observed_at else "",
                        e.description
                        + (f"\n{t('references')}: {e.references}" if e.references else ""),
                    )
                    for e in ctx.evidence
                ),
                (0.8, 1.5, 1.6, 6),
                keep_rows=True,
            )
        )
    blocks.append(
        b.Signatures(
            (
                (t("raised_by"), ctx.raised_by),
                (t("sign_team_leader"), ctx.team_leader),
                (t("client_signature"), ""),
            ),
            t("signature"),
            t("sign_date"),
            "：" if lang == Lang.ZH else ": ",
        )
    )
    blocks.append(b.Heading(t("sec_nc_response")))
    for key, value in (
        ("correction", ctx.correction),
        ("root_cause", ctx.root_cause),
        ("corrective_action", ctx.corrective_action),
        ("similar_check", ctx.similar_check),
    ):
        if value.strip():
            blocks.append(b.Fields(((t(key), value),), keep_rows=True))
        else:
            blocks.append(b.Box(t(key), lines=5 if key != "similar_check" else 3))
    blocks.append(
        b.Fields(
            (
                (t("owners"), ctx.owners),
                (t("planned_date"), fmt_date(ctx.planned_date)),
                (t("done_date"), fmt_date(ctx.done_date)),
                (t("response_received"), fmt_date(ctx.response_received_on)),
                (t("client_signature"), ""),
                (t("sign_date"), ""),
            ),
            keep_rows=True,
        )
    )
    blocks.append(b.Heading(t("sec_nc_acceptance")))
    blocks.append(
        b.Fields(
            (
                (
                    t("accepted_by"),
                    ctx.accepted_by or (t("unrecorded") if ctx.accepted_on else ""),
                ),
                (t("accepted_on"), fmt_date(ctx.accepted_on)),
                *(((t("note"), ctx.acceptance_note),) if ctx.acceptance_note else ()),
            ),
            keep_rows=True,
        )
    )
    blocks.append(b.Heading(t("sec_nc_verification")))
    blocks.append(
        b.Fields(((t("verification_method"), verification_method_text(ctx, lang)),), keep_rows=True)
    )
    if ctx.effectiveness.strip():
        blocks.append(b.Fields(((t("effectiveness"), ctx.effectiveness),), keep_rows=True))
    else:
        blocks.append(b.Box(t("effectiveness"), lines=4))
    blocks.append(
        b.Fields(
            ((t("verified_by"), ctx.verified_by), (t("verified_on"), fmt_date(ctx.verified_on))),
            keep_rows=True,
        )
    )
    return b.Document(
        "nc_form",
        lang.value,
        f"{t('nc_form_title')} {ctx.number}",
        cb_name(ctx.cb, lang) or "AuditDesk",
        f"{t('nc_form_title')} · {ctx.number}",
        tuple(blocks),
        cb=ctx.cb,
    )


def verification_method_text(ctx: NCFormContext, lang: Lang) -> str:
    """The method used; before verification, the choices to tick on paper (document / on site /
    at the next audit)."""
    from auditdesk.model import VerificationMethod

    if ctx.verification_method:
        return code("verification_method", ctx.verification_method, lang)
    return "  ".join("□ " + code("verification_method", m.value, lang) for m in VerificationMethod)


def render_nc_form(
    ctx: NCFormContext,
    fmt: str,
    target: str | Path | BinaryIO,
    *,
    invariant: bool = False,
    template_dir: Path | None = None,
    pdfa: bool = False,
) -> None:
    """Write the document as ``fmt`` (``pdfa``: the PDF as PDF/A-2b, for archiving)."""
    from auditdesk.exports.render import render_document

    render_document(
        nc_form_document(ctx),
        fmt,
        target,
        invariant=invariant,
        template_dir=template_dir,
        pdfa=pdfa,
    )


__all__ = ["NCFormContext", "build_nc_form_context", "nc_form_document", "render_nc_form"]
