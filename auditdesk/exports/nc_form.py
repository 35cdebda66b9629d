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


def build_nc_form_context(
    session: Session, nc_number: str, lang: Lang | str = Lang.ZH
) -> NCFormContext:
    from auditdesk.services.nonconformities import find_nc

    nc = find_nc(session, nc_number)
    audit = nc.audit
    leader = next((m for m in audit.team if m.role == TeamRole.TEAM_LEADER), None)
    items = sorted(nc.evidence, key=lambda e: e.seq)
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
        raised_by=nc.raised_by,
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
            )
        )
    )
    blocks.append(b.Heading(t("sec_nc_finding")))
    blocks.append(
        b.Fields(
            (
                (t("requirement"), ctx.requirement),
                (t("objective_evidence"), ctx.evidence_text),
                (t("reason"), ctx.reason),
            )
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
    ):
        if value.strip():
            blocks.append(b.Fields(((t(key), value),)))
        else:
            blocks.append(b.Box(t(key), lines=5))
    blocks.append(
        b.Fields(
            (
                (t("owners"), ctx.owners),
                (t("planned_date"), fmt_date(ctx.planned_date)),
                (t("done_date"), fmt_date(ctx.done_date)),
                (t("client_signature"), ""),
                (t("sign_date"), ""),
            )
        )
    )
    blocks.append(b.Heading(t("sec_nc_verification")))
    if ctx.effectiveness.strip():
        blocks.append(b.Fields(((t("effectiveness"), ctx.effectiveness),)))
    else:
        blocks.append(b.Box(t("effectiveness"), lines=4))
    blocks.append(
        b.Fields(
            ((t("verified_by"), ctx.verified_by), (t("verified_on"), fmt_date(ctx.verified_on)))
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


def render_nc_form(
    ctx: NCFormContext,
    fmt: str,
    target: str | Path | BinaryIO,
    *,
    invariant: bool = False,
    template_dir: Path | None = None,
) -> None:
    from auditdesk.exports.render import render_document

    render_document(
        nc_form_document(ctx), fmt, target, invariant=invariant, template_dir=template_dir
    )


__all__ = ["NCFormContext", "build_nc_form_context", "nc_form_document", "render_nc_form"]
