"""A good-audit-case draft (良好认证审核案例) in the structure CBs ask for (seed 000 §三.3):
(1) background: field, client, site, time, people; (2) the course of the audit; (3) the main
findings and the communication with the client; (4) the client's improvements and their effect.

Filled from the audit's own records so the auditor starts from facts, then edits in Word.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from auditdesk.exports import blocks as b
from auditdesk.exports.labels import Lang, code, text
from auditdesk.exports.report_context import ReportContext, build_report_context
from auditdesk.exports.report_document import _name, cb_name, fmt_date


@dataclass(frozen=True)
class CaseFinding:
    kind: str  # nonconformity | observation | ofi
    reference: str  # NC number or clause
    clause: str
    statement: str


@dataclass(frozen=True)
class CaseImprovement:
    reference: str
    correction: str
    corrective_action: str
    effectiveness: str
    state: str


@dataclass(frozen=True)
class CaseContext:
    lang: Lang
    report: ReportContext  # the facts (client, team, sites, dates, evidence)
    field: str  # scheme and standards, industry
    industry: str
    technical_codes: str
    evidence_by_type: tuple[tuple[str, int], ...]
    clauses_covered: int
    findings: tuple[CaseFinding, ...]
    improvements: tuple[CaseImprovement, ...]


def build_case_context(session: Session, audit_id: str, lang: Lang | str = Lang.ZH) -> CaseContext:
    from auditdesk.services.audits import find_audit

    report = build_report_context(session, audit_id, lang)
    audit = find_audit(session, str(audit_id))
    org = audit.organisation
    ncs = {n.number: n for n in audit.nonconformities if not n.archived}
    findings = [
        CaseFinding(
            "nonconformity",
            n.number,
            n.clause,
            "\n".join(x for x in (n.evidence_text, n.reason) if x),
        )
        for n in report.nonconformities
    ]
    findings += [
        CaseFinding(f.judgement or "", f.clause, f.clause, f.note)
        for f in report.findings
        if f.judgement in ("observation", "ofi")
    ]
    improvements = tuple(
        CaseImprovement(
            n.number,
            ncs[n.number].correction,
            ncs[n.number].corrective_action,
            ncs[n.number].effectiveness,
            n.state,
        )
        for n in report.nonconformities
    )
    counts = Counter(e.evidence_type for e in report.evidence)
    return CaseContext(
        lang=Lang(lang),
        report=report,
        field="; ".join(report.criteria),
        industry=org.industry,
        technical_codes=org.technical_codes,
        evidence_by_type=tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        clauses_covered=len({c for e in report.evidence for c in e.clauses}),
        findings=tuple(findings),
        improvements=improvements,
    )


def case_document(ctx: CaseContext) -> b.Document:
    lang = ctx.lang
    r = ctx.report
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731 - local shorthand
    sep = "、" if lang == Lang.ZH else ", "
    blocks: list[b.Block] = [
        b.Title(t("case_title"), r.client.name_zh),
        b.Para(t("case_editor_note"), "small"),
    ]
    blocks.append(b.Heading(t("sec_case_background")))
    dates = " – ".join(dict.fromkeys(fmt_date(d) for d in (r.start_date, r.end_date) if d))
    blocks.append(
        b.Fields(
            (
                (t("case_field"), ctx.field),
                (t("case_industry"), " ".join(x for x in (ctx.industry, ctx.technical_codes) if x)),
                (t("case_client"), r.client.name_zh),
                (t("case_site"), sep.join(s.name for s in r.sites)),
                (t("case_time"), f"{dates} ({code('audit_type', r.audit_type, lang)})"),
                (
                    t("case_people"),
                    sep.join(
                        f"{_name(m, lang)}（{code('team_role', m.role, lang)}）"
                        if lang == Lang.ZH
                        else f"{_name(m, lang)} ({code('team_role', m.role, lang)})"
                        for m in r.team
                    ),
                ),
            )
        )
    )
    blocks.append(b.Heading(t("sec_case_course")))
    blocks.append(b.Para(r.objectives or text("not_recorded", lang)))
    blocks.append(
        b.Para(
            t("evidence_summary", count=len(r.evidence))
            + " "
            + sep.join(f"{code('evidence_type', k, lang)} {v}" for k, v in ctx.evidence_by_type)
        )
    )
    if r.plan_deviations:
        blocks.append(b.Para(f"{t('sec_deviations')}: {r.plan_deviations}"))
    blocks.append(b.Heading(t("sec_case_findings")))
    if ctx.findings:
        blocks.append(
            b.Table(
                (t("judgement"), t("nc_no"), t("clause"), t("description")),
                tuple(
                    (code("judgement", f.kind, lang), f.reference, f.clause, f.statement)
                    for f in ctx.findings
                ),
                (1.2, 2.4, 0.9, 5.7),
            )
        )
    else:
        blocks.append(b.Para(text("none", lang)))
    blocks.append(b.Para(t("case_communication")))
    blocks.append(b.Heading(t("sec_case_improvements")))
    if any(i.correction or i.corrective_action for i in ctx.improvements):
        blocks.append(
            b.Table(
                (
                    t("nc_no"),
                    t("correction"),
                    t("corrective_action"),
                    t("effectiveness"),
                    t("state"),
                ),
                tuple(
                    (
                        i.reference,
                        i.correction,
                        i.corrective_action,
                        i.effectiveness,
                        code("nc_state", i.state, lang),
                    )
                    for i in ctx.improvements
                ),
                (2.3, 2.4, 2.8, 2.4, 1.1),
            )
        )
    else:
        blocks.append(b.Para(t("case_improvement_pending")))
    return b.Document(
        "case",
        lang.value,
        f"{t('case_title')} {r.audit_number}",
        cb_name(r.cb, lang) or "AuditDesk",
        f"{t('case_title')} · {r.audit_number}",
        tuple(blocks),
        cb=r.cb,
    )


def render_case(
    ctx: CaseContext,
    fmt: str,
    target: str | Path | BinaryIO,
    *,
    invariant: bool = False,
    template_dir: Path | None = None,
) -> None:
    from auditdesk.exports.render import render_document

    render_document(case_document(ctx), fmt, target, invariant=invariant, template_dir=template_dir)
