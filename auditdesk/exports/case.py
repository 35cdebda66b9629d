"""A good-audit-case draft (良好认证审核案例) in the structure CBs ask for (seed 000 §三.3):
(1) background: field, client, site, time, people; (2) the course of the audit; (3) the main
findings and the communication with the client; (4) the client's improvements and their effect.

Filled from the audit's own records so the auditor starts from facts, then edits in Word.
"""

from __future__ import annotations

import datetime as dt
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


# Seed 000 §三.2 "选取的案例类型可为" (catalogue group case_type), in the notice's order.
CASE_TYPES = (
    "group_or_industry",
    "single_organisation",
    "department",
    "process",
    "product",
    "innovation",
    "regulation",
    "process_approach",
)


@dataclass(frozen=True)
class TimelineStep:
    """One step of the audit's course, as its records date it (local time)."""

    at: dt.datetime | dt.date
    kind: str  # opening | site_day | nc | closing | response | verified | closed
    values: tuple[tuple[str, str], ...]  # the step's facts, for the sentence


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
    title: str = ""
    author: str = ""
    case_type: str | None = None  # a CASE_TYPES code; None = the author ticks one
    timeline: tuple[TimelineStep, ...] = ()


def build_case_context(
    session: Session,
    audit_id: str,
    lang: Lang | str = Lang.ZH,
    *,
    title: str = "",
    author: str = "",
    case_type: str | None = None,
) -> CaseContext:
    """The case draft of an audit. ``author`` defaults to the team leader (the one who writes
    the case at most CBs), ``title`` to "<client><standard><audit type>审核案例"."""
    from auditdesk.services.audits import find_audit

    if case_type is not None and case_type not in CASE_TYPES:
        raise ValueError(f"case type: '{case_type}' is not one of {', '.join(CASE_TYPES)}")

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
    lang_ = Lang(lang)
    leader = report.team_leader
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
        title=title.strip() or default_title(report, lang_),
        author=author.strip() or (_name(leader, lang_) if leader else ""),
        case_type=case_type,
        timeline=_timeline(report, list(ncs.values())),
    )


def default_title(report: ReportContext, lang: Lang) -> str:
    """ "<client><standards><audit type>审核案例": a working title the author edits."""
    client = (
        report.client.name_en
        if lang == Lang.EN and report.client.name_en
        else report.client.name_zh
    )
    standards = "、".join(c.split(" / ")[0] for c in report.criteria)
    kind = code("audit_type", report.audit_type, Lang.EN if lang == Lang.EN else Lang.ZH)
    if lang == Lang.EN:
        return f"{client}: {standards} {kind} audit case"
    return f"{client} {standards} {kind}{'' if kind.endswith('审核') else '审核'}案例"


def _timeline(report: ReportContext, ncs: list) -> tuple[TimelineStep, ...]:  # type: ignore[type-arg]
    """The audit's course from its own records: the opening and closing meetings (check-in
    photos), each day at each site (evidence recorded there: first and last time, departments,
    clauses, how many items), each NC raised, and the NCs' response, verification and closing."""
    steps: list[TimelineStep] = []
    for p in report.photos:
        if p.check_in and p.captured_at:
            steps.append(
                TimelineStep(
                    p.captured_at,
                    "opening" if p.check_in == "opening" else "closing",
                    (("place", p.place),),
                )
            )
    days: dict[tuple[dt.date, str], list] = {}  # type: ignore[type-arg]
    for e in report.evidence:
        if e.observed_at is None:
            continue
        site = e.place.split(" ")[0] if e.place else ""
        days.setdefault((e.observed_at.date(), site), []).append(e)
    for (_day, site), items in days.items():
        items.sort(key=lambda e: e.observed_at)
        departments = dict.fromkeys(
            " ".join(e.place.split(" ")[1:]) for e in items if " " in e.place
        )
        clauses = sorted({c for e in items for c in e.clauses}, key=_clause_key)
        steps.append(
            TimelineStep(
                items[0].observed_at,
                "site_day",
                (
                    ("site", site),
                    ("until", items[-1].observed_at.strftime("%H:%M")),
                    ("departments", "、".join(d for d in departments if d)),
                    ("clauses", ", ".join(clauses)),
                    ("count", str(len(items))),
                ),
            )
        )
    for n in sorted(ncs, key=lambda n: n.number):
        facts = (
            ("nc", n.number),
            ("grade", n.grade.value),
            ("clause", n.clause.number if n.clause else ""),
        )
        if n.issued_on:
            steps.append(TimelineStep(n.issued_on, "nc", facts))
        if n.response_received_on:
            steps.append(TimelineStep(n.response_received_on, "response", facts))
        if n.verified_on:
            method = n.verification_method.value if n.verification_method else ""
            steps.append(TimelineStep(n.verified_on, "verified", (*facts, ("method", method))))
        if n.closed_on:
            steps.append(TimelineStep(n.closed_on, "closed", facts))

    def key(s: TimelineStep) -> tuple[dt.datetime, int]:
        at = s.at if isinstance(s.at, dt.datetime) else dt.datetime.combine(s.at, dt.time(23, 59))
        return at, ("opening", "site_day", "nc", "closing", "response", "verified", "closed").index(
            s.kind
        )

    return tuple(sorted(steps, key=key))


def _clause_key(number: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in number.split("."))


def step_text(step: TimelineStep, lang: Lang) -> str:
    """One timeline step as a sentence in ``lang``."""
    v = dict(step.values)
    if step.kind in ("nc", "response", "verified", "closed"):
        grade = code("nc_grade", v.get("grade", ""), lang)
        extra = {}
        if step.kind == "verified":
            extra["method"] = (
                code("verification_method", v["method"], lang) if v.get("method") else ""
            )
        return text(
            f"case_step_{step.kind}", lang, nc=v["nc"], grade=grade, clause=v["clause"], **extra
        )
    if step.kind == "site_day":
        return text(
            "case_step_site_day",
            lang,
            site=v["site"] or text("unrecorded", lang),
            until=v["until"],
            departments=(
                v["departments"] if lang == Lang.ZH else v["departments"].replace("、", ", ")
            )
            or text("unrecorded", lang),
            clauses=v["clauses"] or text("unrecorded", lang),
            count=v["count"],
        )
    return text(f"case_step_{step.kind}", lang, place=v.get("place") or text("unrecorded", lang))


def step_time(step: TimelineStep) -> str:
    if isinstance(step.at, dt.datetime):
        return step.at.strftime("%Y-%m-%d %H:%M")
    return step.at.isoformat()


def case_document(ctx: CaseContext) -> b.Document:
    lang = ctx.lang
    r = ctx.report
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731 - local shorthand
    sep = "、" if lang == Lang.ZH else ", "
    blocks: list[b.Block] = [
        b.Title(t("case_title"), ctx.title),
        b.Fields(
            (
                (t("case_title_field"), ctx.title),
                (t("case_author"), ctx.author or text("unrecorded", lang)),
                (t("case_type"), case_type_text(ctx, lang)),
            )
        ),
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
    if ctx.timeline:
        blocks.append(
            b.Table(
                (t("time"), t("case_step")),
                tuple((step_time(s), step_text(s, lang)) for s in ctx.timeline),
                (1.6, 8),
            )
        )
    else:
        blocks.append(b.Para(t("case_no_timeline")))
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


def case_type_text(ctx: CaseContext, lang: Lang) -> str:
    """The chosen case type; else every type of seed 000's list, to tick."""
    if ctx.case_type:
        return code("case_type", ctx.case_type, lang)
    return "\n".join("□ " + code("case_type", c, lang) for c in CASE_TYPES)


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
