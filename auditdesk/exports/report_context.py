"""Everything the audit report shows (ISO/IEC 17021-1 9.4.8, DOMAIN.md §6), as frozen data.

``build_report_context`` reads the database once and returns plain values; the renderers
(``report_docx``, ``report_pdf``) only lay them out. Free text is the auditor's own; codes stay
codes (the renderers translate them through ``labels``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from auditdesk.exports.common import (
    CBIdentity,
    attachment_root,
    cb_identity,
    local_time,
    photo_path,
)
from auditdesk.exports.labels import Lang
from auditdesk.exports.report_contents import ReportContents, build_report_contents
from auditdesk.exports.verification import chain_head_label
from auditdesk.model import (
    Attachment,
    Audit,
    AuditSite,
    AuditTeamMember,
    Clause,
    ClauseJudgement,
    EvidenceItem,
    Judgement,
    NCGrade,
    NCState,
    Nonconformity,
    Site,
    TeamRole,
)
from auditdesk.services.audits import find_audit
from auditdesk.services.report_verdict import Blocker, Verdict, derive_verdict, pre_issue_check

_ROLE_ORDER = {r: i for i, r in enumerate(TeamRole)}
_CLOSED = (NCState.VERIFIED, NCState.CLOSED)
# Clauses whose judgement speaks to the system's effectiveness (internal audit, management review).
EFFECTIVENESS_CLAUSES = ("9.2", "9.3")
SCOPE_CLAUSE = "4.3"


@dataclass(frozen=True)
class Party:
    name_zh: str
    name_en: str
    credit_code: str
    address: str
    representative: str
    contact: str


@dataclass(frozen=True)
class CertificateRow:
    number: str
    standard: str  # "ISO 9001:2015 / GB/T 19001-2016"
    scope_zh: str
    scope_en: str
    expiry: dt.date
    issue_date: dt.date | None = None
    status: str = ""
    technical_codes: str = ""


@dataclass(frozen=True)
class SiteRow:
    name: str
    address: str
    central: bool
    temporary: bool
    remote: bool
    visit_date: dt.date | None
    activities: str


@dataclass(frozen=True)
class TeamRow:
    name_zh: str
    name_en: str
    role: str  # TeamRole code
    registration: str
    days: float | None


@dataclass(frozen=True)
class FindingRow:
    standard: str
    clause: str
    title_zh: str
    title_en: str
    judgement: str | None  # Judgement code; None = evidence recorded but not judged
    evidence_refs: tuple[int, ...]
    nc_numbers: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class EvidenceRow:
    seq: int
    evidence_type: str
    clauses: tuple[str, ...]
    place: str
    remote: bool
    observed_at: dt.datetime | None  # local (China) time
    description: str
    references: str
    interviewee_role: str


@dataclass(frozen=True)
class NCRow:
    number: str
    grade: str
    clause: str
    clause_title_zh: str
    clause_title_en: str
    requirement: str
    evidence_text: str
    reason: str
    state: str
    issued_on: dt.date | None
    response_due: dt.date | None
    verification_due: dt.date | None
    evidence_refs: tuple[int, ...]


@dataclass(frozen=True)
class PreviousNCRow:
    number: str
    audit_number: str
    grade: str
    clause: str
    state: str
    corrective_action: str
    verification_method: str | None
    verified_on: dt.date | None
    effective: bool | None
    note: str


@dataclass(frozen=True)
class TerminationRow:
    """The 撤组 record (DOMAIN.md §8): reason codes, who agreed and when, the re-audit due."""

    terminated_on: dt.date
    reasons: tuple[str, ...]  # services.termination.TerminationReason codes
    agreed_by: tuple[
        tuple[str, str, str], ...
    ]  # (AgreementRole code, name, "YYYY-MM-DD HH:MM" local)
    reaudit_due: dt.date | None
    note: str


@dataclass(frozen=True)
class PhotoRow:
    sha256: str
    path: Path | None  # None: the file is not in this computer's store
    caption: str
    filename: str
    place: str
    captured_at: dt.datetime | None
    check_in: str | None
    evidence_seq: int | None
    nc_numbers: tuple[str, ...] = ()  # the NCs resting on the photo's evidence
    clauses: tuple[str, ...] = ()  # the clauses of the photo's evidence


@dataclass(frozen=True)
class RevisionRow:
    revision: int
    issued_at: dt.datetime  # local (China) time
    issued_by: str  # the issuer's name as printed (display name; the user name for old rows)
    change_note: str
    fingerprint: str
    override_reason: str = ""
    overridden: tuple[tuple[str, str], ...] = ()  # (blocker code, detail) the issuer overrode


@dataclass(frozen=True)
class SignOff:
    """Who prepared, reviewed and approved (issued) the report, and when (local dates)."""

    prepared_by: str
    prepared_on: dt.date | None
    reviewed_by: str
    reviewed_at: dt.datetime | None
    approved_by: str
    approved_at: dt.datetime | None


@dataclass(frozen=True)
class Summary:
    evidence_count: int
    clauses_audited: int
    clauses_conform: int
    major_ncs: int
    minor_ncs: int
    open_ncs: int
    effectiveness_judgements: tuple[tuple[str, str], ...]  # (clause, judgement code)
    scope_appropriate: bool | None  # the team's judgement; None = not yet judged
    objectives_met: bool | None  # the team's judgement; None = not yet judged


@dataclass(frozen=True)
class ReportContext:
    lang: Lang
    cb: CBIdentity
    client: Party
    audit_id: uuid.UUID
    audit_number: str
    audit_type: str
    audit_mode: str
    status: str
    criteria: tuple[str, ...]
    certificates: tuple[CertificateRow, ...]
    integrated: bool
    objectives: str
    scope: str
    start_date: dt.date | None
    end_date: dt.date | None
    planned_days: float | None
    md5_days: float | None
    actual_days: float | None
    sites: tuple[SiteRow, ...]
    team: tuple[TeamRow, ...]
    plan_deviations: str
    programme_issues: str
    significant_changes: str
    unresolved_issues: str
    findings: tuple[FindingRow, ...]
    evidence: tuple[EvidenceRow, ...]
    nonconformities: tuple[NCRow, ...]
    previous_ncs: tuple[PreviousNCRow, ...]
    conclusion: str
    summary: Summary
    recommendation: str
    marks_control: str
    photos: tuple[PhotoRow, ...]
    revision: int  # 0 = draft
    fingerprint: str
    revisions: tuple[RevisionRow, ...]
    terminated: bool
    termination: TerminationRow | None = None
    verdict: Verdict | None = None
    signoff: SignOff | None = None
    verification_code: str = ""  # issued revisions only
    chain_head: str = ""  # issued: the change log's head at issue, "#seq hash16" (#15 point 1)
    blockers: tuple[Blocker, ...] = ()  # drafts only: what the pre-issue check finds
    contents: ReportContents | None = None  # the further 9.4.8 items (report_contents)

    @property
    def team_leader(self) -> TeamRow | None:
        return next((m for m in self.team if m.role == TeamRole.TEAM_LEADER.value), None)


def standard_label(code: str, national: str) -> str:
    return f"{code} / {national}" if national else code


def _party(audit: Audit) -> Party:
    org = audit.organisation
    contact = " ".join(p for p in (org.contact_name, org.contact_phone) if p)
    return Party(
        org.name_zh, org.name_en, org.credit_code or "", org.address, org.representative, contact
    )


def _sites(session: Session, audit: Audit) -> tuple[SiteRow, ...]:
    rows = session.execute(
        select(AuditSite, Site)
        .join(Site, AuditSite.site_id == Site.id)
        .where(AuditSite.audit_id == audit.id)
    ).all()
    out = [
        SiteRow(
            s.name, s.address, s.is_central, s.is_temporary, a.remote, a.visit_date, s.activities
        )
        for a, s in rows
    ]
    out.sort(key=lambda r: (not r.central, r.visit_date or dt.date.max, r.name))
    return tuple(out)


def _team(session: Session, audit: Audit) -> tuple[TeamRow, ...]:
    members = session.scalars(
        select(AuditTeamMember)
        .options(selectinload(AuditTeamMember.auditor))
        .where(AuditTeamMember.audit_id == audit.id)
    ).all()
    rows = [
        TeamRow(m.auditor.name_zh, m.auditor.name_en, m.role.value, m.auditor.ccaa_no, m.days)
        for m in members
    ]
    rows.sort(key=lambda r: (_ROLE_ORDER.get(TeamRole(r.role), 99), r.name_zh))
    return tuple(rows)


def _evidence(session: Session, audit: Audit) -> tuple[list[EvidenceItem], dict[uuid.UUID, int]]:
    items = list(
        session.scalars(
            select(EvidenceItem)
            .options(selectinload(EvidenceItem.clauses))
            .where(EvidenceItem.audit_id == audit.id, EvidenceItem.archived.is_(False))
            .order_by(EvidenceItem.seq, EvidenceItem.observed_at)
        )
    )
    # Evidence is cited as E<seq>, the number the auditor sees in the workspace and on NC forms.
    return items, {e.id: e.seq or i + 1 for i, e in enumerate(items)}


def _clause_key(number: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in number.split("."))


def build_report_context(
    session: Session,
    audit_id: uuid.UUID | str,
    lang: Lang | str = Lang.ZH,
    attachments_root: Path | None = None,
) -> ReportContext:
    """The report of one audit (by UUID or number) in ``lang`` (zh, en or bilingual)."""
    from auditdesk.services import report_issue

    audit = find_audit(session, str(audit_id))
    lang = Lang(lang)
    site_names = {s.id: s.name for s in audit.organisation.sites}
    items, seq_of = _evidence(session, audit)
    evidence_rows = tuple(
        EvidenceRow(
            seq=seq_of[e.id],
            evidence_type=e.evidence_type.value,
            clauses=tuple(sorted((c.number for c in e.clauses), key=_clause_key)),
            place=" ".join(
                p for p in (site_names.get(e.site_id, "") if e.site_id else "", e.department) if p
            ),
            remote=e.remote,
            observed_at=local_time(e.observed_at),
            description=e.description,
            references=e.references,
            interviewee_role=e.interviewee_role,
        )
        for e in items
    )
    ncs = list(
        session.scalars(
            select(Nonconformity)
            .options(selectinload(Nonconformity.clause), selectinload(Nonconformity.evidence))
            .where(Nonconformity.audit_id == audit.id, Nonconformity.archived.is_(False))
            .order_by(Nonconformity.number)
        )
    )
    nc_rows = tuple(
        NCRow(
            number=n.number,
            grade=n.grade.value,
            clause=n.clause.number if n.clause else "",
            clause_title_zh=n.clause.title_zh if n.clause else "",
            clause_title_en=n.clause.title_en if n.clause else "",
            requirement=n.requirement,
            evidence_text=n.evidence_text,
            reason=n.reason,
            state=n.state.value,
            issued_on=n.issued_on,
            response_due=n.response_due,
            verification_due=n.verification_due,
            evidence_refs=tuple(sorted(seq_of[e.id] for e in n.evidence if e.id in seq_of)),
        )
        for n in ncs
    )
    findings = _findings(session, audit, items, seq_of, ncs)
    prev = _previous_ncs(session, audit)
    photos = _photos(session, audit, items, seq_of, attachments_root, ncs)
    certs = sorted(audit.certificates, key=lambda c: c.number)
    criteria = tuple(
        dict.fromkeys(standard_label(c.standard.code, c.standard.national_code) for c in certs)
    )
    revs = report_issue.revisions(session, audit.id)
    if revs:
        fingerprint = revs[-1].fingerprint
    else:
        fingerprint = report_issue.records_fingerprint(
            session, audit.id, report_issue.change_log_head(session)
        )
    judged = [
        f
        for f in findings
        if f.judgement not in (None, Judgement.NOT_AUDITED.value, Judgement.NOT_APPLICABLE.value)
    ]
    sites = _sites(session, audit)
    summary = Summary(
        evidence_count=len(evidence_rows),
        clauses_audited=len(judged),
        clauses_conform=sum(1 for f in judged if f.judgement == Judgement.CONFORM.value),
        major_ncs=sum(1 for n in ncs if n.grade is NCGrade.MAJOR),
        minor_ncs=sum(1 for n in ncs if n.grade is NCGrade.MINOR),
        open_ncs=sum(1 for n in ncs if n.state not in _CLOSED),
        effectiveness_judgements=tuple(
            (f.clause, f.judgement or "") for f in findings if f.clause in EFFECTIVENESS_CLAUSES
        ),
        scope_appropriate=audit.scope_appropriate,
        objectives_met=audit.objectives_met,
    )
    team = _team(session, audit)
    issued = bool(audit.locked and revs)
    verdict = derive_verdict(session, audit.id)
    leader = next((m for m in team if m.role == TeamRole.TEAM_LEADER.value), None)
    last = revs[-1] if issued else None
    signoff = SignOff(
        prepared_by=(last.prepared_by if last and last.prepared_by else "")
        or (leader.name_zh if leader else ""),
        prepared_on=audit.end_date or audit.start_date,
        reviewed_by=last.reviewed_by if last else audit.report_reviewed_by,
        reviewed_at=local_time(last.reviewed_at if last else audit.report_reviewed_at),
        approved_by=(last.issued_by_name or last.issued_by) if last else "",
        approved_at=local_time(last.issued_at) if last else None,
    )
    return ReportContext(
        lang=lang,
        cb=cb_identity(session),
        client=_party(audit),
        audit_id=audit.id,
        audit_number=audit.number,
        audit_type=audit.audit_type.value,
        audit_mode=audit.mode.value,
        status=audit.status.value,
        criteria=criteria,
        certificates=tuple(
            CertificateRow(
                c.number,
                standard_label(c.standard.code, c.standard.national_code),
                c.scope_zh,
                c.scope_en,
                c.expiry_date,
                c.issue_date,
                c.status.value,
                c.technical_codes or audit.organisation.technical_codes or "",
            )
            for c in certs
        ),
        integrated=len({c.standard_id for c in certs}) > 1,
        objectives=audit.objectives,
        scope=audit.scope,
        start_date=audit.start_date,
        end_date=audit.end_date,
        planned_days=audit.planned_days,
        md5_days=audit.md5_days,
        actual_days=audit.actual_days,
        sites=sites,
        team=team,
        plan_deviations=audit.plan_deviations,
        programme_issues=audit.programme_issues,
        significant_changes=audit.significant_changes,
        unresolved_issues=audit.unresolved_issues,
        findings=findings,
        evidence=evidence_rows,
        nonconformities=nc_rows,
        previous_ncs=prev,
        conclusion=audit.conclusion,
        summary=summary,
        recommendation=audit.recommendation,
        marks_control=audit.marks_control,
        photos=photos,
        revision=audit.report_revision if issued else 0,
        fingerprint=fingerprint,
        revisions=tuple(
            RevisionRow(
                r.revision,
                local_time(r.issued_at) or r.issued_at,
                r.issued_by_name or r.issued_by,
                r.change_note,
                r.fingerprint,
                r.override_reason,
                tuple(
                    (str(o.get("code", "")), str(o.get("detail", ""))) for o in r.overridden or []
                ),
            )
            for r in revs
        ),
        terminated=audit.termination is not None,
        termination=_termination(audit),
        verdict=verdict,
        signoff=signoff,
        verification_code=report_issue.verification_code(
            audit.number, audit.report_revision, fingerprint
        )
        if issued
        else "",
        chain_head=chain_head_label(
            session, next((r.chain_head for r in revs if r.revision == audit.report_revision), "")
        )
        if issued
        else "",
        blockers=() if issued else tuple(pre_issue_check(session, audit.id)),
        contents=build_report_contents(session, audit, lang),
    )


def _termination(audit: Audit) -> TerminationRow | None:
    t = audit.termination
    if t is None:
        return None
    agreed = []
    for a in t.agreed_by or []:
        at = a.get("at") or ""
        try:
            when = dt.datetime.fromisoformat(at)
            at = (local_time(when) if when.tzinfo else when).strftime("%Y-%m-%d %H:%M")  # type: ignore[union-attr]
        except (TypeError, ValueError):
            pass
        agreed.append((str(a.get("role", "")), str(a.get("name", "")), str(at)))
    return TerminationRow(
        t.terminated_on,
        tuple(str(c) for c in t.reason_codes or []),
        tuple(agreed),
        t.reaudit_due,
        t.note,
    )


def _findings(
    session: Session,
    audit: Audit,
    items: list[EvidenceItem],
    seq_of: dict[uuid.UUID, int],
    ncs: list[Nonconformity],
) -> tuple[FindingRow, ...]:
    judgements = {
        j.clause_id: j
        for j in session.scalars(
            select(ClauseJudgement).where(
                ClauseJudgement.audit_id == audit.id, ClauseJudgement.site_id.is_(None)
            )
        )
    }
    refs: dict[uuid.UUID, list[int]] = {}
    for e in items:
        for c in e.clauses:
            refs.setdefault(c.id, []).append(seq_of[e.id])
    nc_by_clause: dict[uuid.UUID, list[str]] = {}
    for n in ncs:
        if n.clause_id:
            nc_by_clause.setdefault(n.clause_id, []).append(n.number)
    ids = set(judgements) | set(refs) | set(nc_by_clause)
    if not ids:
        return ()
    clauses = session.scalars(
        select(Clause).options(selectinload(Clause.standard)).where(Clause.id.in_(ids))
    ).all()
    clauses = sorted(clauses, key=lambda c: (c.standard.code, c.sort_order, _clause_key(c.number)))
    rows = []
    for c in clauses:
        j = judgements.get(c.id)
        rows.append(
            FindingRow(
                standard=c.standard.code,
                clause=c.number,
                title_zh=c.title_zh,
                title_en=c.title_en,
                judgement=j.judgement.value if j else None,
                evidence_refs=tuple(sorted(refs.get(c.id, []))),
                nc_numbers=tuple(nc_by_clause.get(c.id, [])),
                note=j.note if j else "",
            )
        )
    return tuple(rows)


def _previous_ncs(session: Session, audit: Audit) -> tuple[PreviousNCRow, ...]:
    """NCs of earlier audits this audit re-verifies (the NC service's definition when present)."""
    try:
        from auditdesk.services.nonconformities import previous_ncs
    except ImportError:  # pragma: no cover - the NC service not installed yet
        previous = list(
            session.scalars(
                select(Nonconformity)
                .join(Audit, Nonconformity.audit_id == Audit.id)
                .where(
                    Audit.organisation_id == audit.organisation_id,
                    Audit.id != audit.id,
                    Nonconformity.state.not_in(_CLOSED),
                    Nonconformity.archived.is_(False),
                )
            )
        )
    else:
        previous = previous_ncs(session, audit.id)
    numbers = (
        dict(
            session.execute(
                select(Audit.id, Audit.number).where(Audit.id.in_({n.audit_id for n in previous}))
            ).all()
        )
        if previous
        else {}
    )
    rows = []
    for n in sorted(previous, key=lambda x: x.number):
        here = getattr(n, "reverified_in_audit_id", None) == audit.id
        rows.append(
            PreviousNCRow(
                number=n.number,
                audit_number=numbers.get(n.audit_id, ""),
                grade=n.grade.value,
                clause=n.clause.number if n.clause else "",
                state=n.state.value,
                corrective_action=n.corrective_action,
                verification_method=n.verification_method.value if n.verification_method else None,
                verified_on=getattr(n, "reverified_on", None) if here else n.verified_on,
                effective=getattr(n, "reverification_effective", None) if here else None,
                note=(getattr(n, "reverification_note", "") or "") if here else n.effectiveness,
            )
        )
    return tuple(rows)


def _photos(
    session: Session,
    audit: Audit,
    items: list[EvidenceItem],
    seq_of: dict[uuid.UUID, int],
    root: Path | None,
    ncs: list[Nonconformity] | None = None,
) -> tuple[PhotoRow, ...]:
    """The photos that print: check-in photos, the auditor's choice, by default those on NC
    evidence (``services.evidence.photo_in_report``), each with the finding it belongs to."""
    from auditdesk.services.evidence import photo_in_report

    root = root if root is not None else attachment_root(session)
    ev_ids = list(seq_of)
    by_id = {e.id: e for e in items}
    nc_of: dict[uuid.UUID, list[str]] = {}
    for n in ncs or ():
        for e in n.evidence:
            nc_of.setdefault(e.id, []).append(n.number)
    stmt = select(Attachment).where(
        or_(Attachment.audit_id == audit.id, Attachment.evidence_id.in_(ev_ids)),
        Attachment.is_photo.is_(True),
        Attachment.archived.is_(False),
    )
    found = [a for a in session.scalars(stmt) if photo_in_report(a, set(nc_of))]
    found.sort(key=lambda a: (a.check_in is None, a.captured_at or a.created_at, a.filename))
    site_names = {s.id: s.name for s in audit.organisation.sites}
    seen: set[str] = set()
    rows = []
    for a in found:
        if a.sha256 in seen:
            continue
        seen.add(a.sha256)
        item = by_id.get(a.evidence_id) if a.evidence_id else None
        place = a.place
        if not place and item is not None:
            place = " ".join(
                p
                for p in (site_names.get(item.site_id, "") if item.site_id else "", item.department)
                if p
            )
        rows.append(
            PhotoRow(
                sha256=a.sha256,
                path=photo_path(root, a.sha256),
                caption=a.caption,
                filename=a.filename,
                place=place,
                # EXIF capture time; without one, the time of the evidence it documents
                captured_at=local_time(a.captured_at or (item.observed_at if item else None)),
                check_in=a.check_in.value if a.check_in else None,
                evidence_seq=seq_of.get(a.evidence_id) if a.evidence_id else None,
                nc_numbers=tuple(sorted(nc_of.get(a.evidence_id, []))) if a.evidence_id else (),
                clauses=tuple(sorted((c.number for c in item.clauses), key=_clause_key))
                if item is not None
                else (),
            )
        )
    return tuple(rows)
