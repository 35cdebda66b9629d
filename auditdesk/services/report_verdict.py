"""What the report may conclude, derived from the findings (DOMAIN.md §12), and what blocks issue.

``derive_verdict`` reads the audit's NCs (grade, state), the clause judgements of 9.2 / 9.3 and
the team's explicit judgements, and returns codes: the conformity and effectiveness statements,
the recommendation with its conditions ("after verification of major NC-…"), the state of the
team's judgements and statements, and every contradiction between what the team wrote by hand
and what the findings allow. ``pre_issue_check`` adds the completeness checks
(``services.completeness``) and draft NCs. Codes only: the report and the UI write the words.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.model import (
    Audit,
    AuditType,
    Clause,
    ClauseJudgement,
    Judgement,
    NCGrade,
    NCState,
    Nonconformity,
)
from auditdesk.services.audits import get_audit

# Mandatory surveillance items (17021-1 9.6.2.2) in the order the report prints them.
# "marks" is Audit.marks_control, "changes" is Audit.significant_changes; the rest are kept in
# Audit.report_statements.
STATEMENT_ITEMS = (
    "marks",
    "changes",
    "complaints",
    "previous_ncs",
    "internal_audit_review",
    "objectives",
    "improvement",
)
STORED_STATEMENTS = STATEMENT_ITEMS[2:]
# Further team notes the report prints beside the facts it derives (17021-1 9.4.8, issue 17.3):
# reason for a difference in audit days, exclusions' justification, areas not covered, guides,
# interpreters, re-verification at recertification. Kept in Audit.report_statements too.
REPORT_NOTES = (
    "days_difference",
    "exclusions",
    "not_covered",
    "guides",
    "interpreters",
    "reverification",
)
SURVEILLANCE_TYPES = (AuditType.SURVEILLANCE_1, AuditType.SURVEILLANCE_2)
# A word that says nothing: not a statement.
EMPTY_WORDS = frozenset(
    {
        "",
        "无",
        "无。",
        "没有",
        "暂无",
        "略",
        "/",
        "-",
        "—",
        "--",
        "none",
        "n/a",
        "na",
        "nil",
        "no",
        "null",
        "tbd",
        "待定",
    }
)
EFFECTIVENESS_CLAUSES = ("9.2", "9.3")
SCOPE_CLAUSE = "4.3"
_VERIFIED = (NCState.VERIFIED, NCState.CLOSED)
_DRAFT = (NCState.DRAFT,)
# NC states in which the CB has accepted the client's correction and corrective-action plan.
_ACCEPTED = (NCState.RESPONSE_ACCEPTED, NCState.VERIFIED, NCState.CLOSED)

# Phrases of a hand-written conclusion (zh and en) that claim full conformity / effectiveness.
_CLAIMS_CONFORMITY = (
    "总体符合",
    "符合标准要求",
    "符合审核准则",
    "完全符合",
    "符合要求",
    "conforms",
    "conform to",
    "in conformity",
    "fully conform",
    "meets the requirements",
)
_CLAIMS_EFFECTIVE = ("运行有效", "有效运行", "实施有效", "有效实施", "effectively", "is effective")
_NEGATIONS = ("未", "不", "没有", "尚未", "not ", "no ", "ineffective", "un")
_RECOMMENDS = ("推荐", "recommend")
_CONDITION_WORDS = ("验证", "条件", "关闭后", "after ", "subject to", "once ", "verification")
_MENTIONS_NC = (
    "不符合",
    "nonconform",
    "non-conform",
    "nc-",
    "严重",
    "一般不符合",
    "major",
    "minor",
)


def is_statement(text: str | None) -> bool:
    """A team statement is words that say something: "无", "none", "-" or nothing are not."""
    value = (text or "").strip().strip("。.;；").strip().lower()
    return value not in EMPTY_WORDS and len(value) >= 2


@dataclass(frozen=True)
class Condition:
    """A condition of the recommendation: ``kind`` about ``nc`` (its number)."""

    kind: str  # "verify_major" (major NC verified first) | "accept_minor" (plan accepted)
    nc: str


@dataclass(frozen=True)
class Contradiction:
    code: str  # see CONTRADICTIONS
    detail: str = ""


CONTRADICTIONS = (
    "conclusion_conformity",  # the team's conclusion claims conformity the NCs deny
    "conclusion_effectiveness",  # it claims effectiveness with a major NC open
    "recommendation_unconditional",  # a plain recommend while a major is not verified
    "recommendation_type",  # e.g. "grant" on a surveillance audit
    "recommendation_refuse",  # recommend although the findings call for refusal
    "objectives_terminated",  # "objectives met" on a terminated audit
    "scope_nc",  # "scope appropriate" with an NC against clause 4.3
)


@dataclass(frozen=True)
class Verdict:
    conformity: str  # "conform" | "minor_ncs" | "major_ncs"
    effectiveness: str  # "effective" | "effective_minor" | "major_open" | "not_judged"
    effectiveness_judgements: tuple[tuple[str, str], ...]  # (clause, judgement code or "")
    recommendation: str  # "grant" | "maintain" | "recertify" | "refuse" | "none"
    conditions: tuple[Condition, ...]
    team_recommendation: str  # Audit.recommendation as the team set it ("" = none)
    scope_appropriate: bool | None
    objectives_met: bool | None
    statements: tuple[tuple[str, str], ...]  # (item, the team's text) for the required items
    missing_statements: tuple[str, ...]
    contradictions: tuple[Contradiction, ...]
    major_ncs: int
    minor_ncs: int
    open_ncs: int

    @property
    def unconditional(self) -> bool:
        return not self.conditions and self.recommendation not in ("refuse", "none")


def base_recommendation(audit_type: AuditType) -> str:
    if audit_type in (AuditType.STAGE2, AuditType.TRANSFER):
        return "grant"
    if audit_type is AuditType.RECERTIFICATION:
        return "recertify"
    if audit_type is AuditType.STAGE1:
        return "none"  # stage 1 decides readiness for stage 2, not certification
    return "maintain"


def _effectiveness_judgements(session: Session, audit: Audit) -> tuple[tuple[str, str], ...]:
    rows = session.execute(
        select(Clause.number, ClauseJudgement.judgement)
        .join(Clause, ClauseJudgement.clause_id == Clause.id)
        .where(
            ClauseJudgement.audit_id == audit.id,
            ClauseJudgement.site_id.is_(None),
            Clause.number.in_(EFFECTIVENESS_CLAUSES),
        )
    ).all()
    found = {number: j.value for number, j in rows}
    return tuple((c, found.get(c, "")) for c in EFFECTIVENESS_CLAUSES)


def required_statements(audit: Audit) -> tuple[str, ...]:
    """Surveillance audits need every item; recertification reviews the same ground (9.6.3.1)."""
    if audit.audit_type in (*SURVEILLANCE_TYPES, AuditType.RECERTIFICATION):
        return STATEMENT_ITEMS
    return ()


def statement_text(audit: Audit, item: str) -> str:
    if item == "marks":
        return audit.marks_control or ""
    if item == "changes":
        return audit.significant_changes or ""
    return str((audit.report_statements or {}).get(item) or "")


def _has(text: str, phrases: tuple[str, ...]) -> bool:
    low = text.lower()
    return any(p in low for p in phrases)


def _negated(text: str, phrases: tuple[str, ...]) -> bool:
    """Each claim phrase found is preceded closely by a negation ("未有效运行", "not effective")."""
    low = text.lower()
    hits = [low.find(p) for p in phrases if p in low]
    return bool(hits) and all(any(n in low[max(0, i - 4) : i] for n in _NEGATIONS) for i in hits)


def derive_verdict(session: Session, audit_id: uuid.UUID, today: dt.date | None = None) -> Verdict:
    audit = get_audit(session, audit_id)
    ncs = list(
        session.scalars(
            select(Nonconformity)
            .where(Nonconformity.audit_id == audit.id, Nonconformity.archived.is_(False))
            .order_by(Nonconformity.number)
        )
    )
    real = [n for n in ncs if n.state not in _DRAFT]  # a draft NC is not yet a finding
    majors = [n for n in real if n.grade is NCGrade.MAJOR]
    minors = [n for n in real if n.grade is NCGrade.MINOR]
    open_majors = [n for n in majors if n.state not in _VERIFIED]
    conformity = "major_ncs" if majors else "minor_ncs" if minors else "conform"
    eff = _effectiveness_judgements(session, audit)
    if open_majors:
        effectiveness = "major_open"
    elif any(j in ("", Judgement.NOT_AUDITED.value) for _c, j in eff):
        effectiveness = "not_judged"
    elif minors or any(j == Judgement.NONCONFORMITY.value for _c, j in eff):
        effectiveness = "effective_minor"
    else:
        effectiveness = "effective"

    today = today or dt.date.today()
    recommendation = base_recommendation(audit.audit_type)
    if audit.termination is not None:
        recommendation = "none"
    overdue = [
        n for n in open_majors if n.verification_due is not None and n.verification_due < today
    ]
    if overdue and recommendation != "none":
        recommendation = "refuse"
    conditions: list[Condition] = []
    if recommendation not in ("refuse", "none"):
        conditions += [Condition("verify_major", n.number) for n in open_majors]
        conditions += [
            Condition("accept_minor", n.number) for n in minors if n.state not in _ACCEPTED
        ]

    required = required_statements(audit)
    statements = tuple((item, statement_text(audit, item)) for item in required)
    missing = tuple(item for item, value in statements if not is_statement(value))

    contradictions: list[Contradiction] = []
    text = audit.conclusion or ""
    if text.strip():
        claims_conform = _has(text, _CLAIMS_CONFORMITY) and not _negated(text, _CLAIMS_CONFORMITY)
        claims_effective = _has(text, _CLAIMS_EFFECTIVE) and not _negated(text, _CLAIMS_EFFECTIVE)
        if claims_conform and (majors or (minors and not _has(text, _MENTIONS_NC))):
            contradictions.append(
                Contradiction(
                    "conclusion_conformity", majors[0].number if majors else minors[0].number
                )
            )
        if claims_effective and open_majors:
            contradictions.append(Contradiction("conclusion_effectiveness", open_majors[0].number))
    team = audit.recommendation or ""
    if team:
        if recommendation == "refuse":
            contradictions.append(Contradiction("recommendation_refuse", team))
        elif recommendation != "none" and team != recommendation:
            contradictions.append(Contradiction("recommendation_type", team))
    # The team's own words recommending without the major's condition.
    if (
        open_majors
        and _has(text, _RECOMMENDS)
        and not _has(text, _CONDITION_WORDS)
        and not _negated(text, _RECOMMENDS)
    ):
        contradictions.append(Contradiction("recommendation_unconditional", open_majors[0].number))
    if audit.objectives_met is True and audit.termination is not None:
        contradictions.append(Contradiction("objectives_terminated"))
    scope_ncs = [n for n in real if n.clause is not None and n.clause.number == SCOPE_CLAUSE]
    if audit.scope_appropriate is True and scope_ncs:
        contradictions.append(Contradiction("scope_nc", scope_ncs[0].number))
    return Verdict(
        conformity=conformity,
        effectiveness=effectiveness,
        effectiveness_judgements=eff,
        recommendation=recommendation,
        conditions=tuple(conditions),
        team_recommendation=team,
        scope_appropriate=audit.scope_appropriate,
        objectives_met=audit.objectives_met,
        statements=statements,
        missing_statements=missing,
        contradictions=tuple(contradictions),
        major_ncs=len(majors),
        minor_ncs=len(minors),
        open_ncs=sum(1 for n in real if n.state not in _VERIFIED),
    )


# --------------------------------------------------------------------------- pre-issue check


@dataclass(frozen=True)
class Blocker:
    """One thing that stops the report from being issued: a code and its data (no sentence)."""

    code: str
    detail: str = ""


BLOCKER_CODES = (
    "clause.not_judged",
    "nc.no_evidence",
    "nc.draft",
    "check_in.opening_missing",
    "check_in.closing_missing",
    "previous_nc.not_verified",
    "coverage.must_cover_missing",
    "judgement.scope_unset",
    "judgement.objectives_unset",
    "statement.missing",
    "report.not_reviewed",
    # and "contradiction.<code>" for each of CONTRADICTIONS
)


def pre_issue_check(session: Session, audit_id: uuid.UUID) -> list[Blocker]:
    """Everything that blocks the issue of this audit's report, in the report's order."""
    from auditdesk.services.completeness import check_completeness

    audit = get_audit(session, audit_id)
    out: list[Blocker] = []
    problems = check_completeness(session, audit.id)
    for p in problems:
        if p.code == "clause.not_judged":
            out.append(Blocker(p.code, p.clause_number or ""))
    for n in session.scalars(
        select(Nonconformity)
        .where(
            Nonconformity.audit_id == audit.id,
            Nonconformity.archived.is_(False),
            Nonconformity.state.in_(_DRAFT),
        )
        .order_by(Nonconformity.number)
    ):
        out.append(Blocker("nc.draft", n.number))
    for p in problems:
        if p.code != "clause.not_judged":
            out.append(Blocker(p.code, p.detail))
    verdict = derive_verdict(session, audit.id)
    if audit.scope_appropriate is None:
        out.append(Blocker("judgement.scope_unset"))
    if audit.objectives_met is None:
        out.append(Blocker("judgement.objectives_unset"))
    out += [Blocker("statement.missing", item) for item in verdict.missing_statements]
    out += [Blocker(f"contradiction.{c.code}", c.detail) for c in verdict.contradictions]
    if not audit.report_reviewed_by:
        out.append(Blocker("report.not_reviewed"))
    return out
