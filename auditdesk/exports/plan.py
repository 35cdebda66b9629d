"""The audit plan (审核计划, 17021-1 9.2.3): plan number, issue date and approver, language,
confidentiality, accompanying persons, FS01/FS02/FS03 mode, the client's confirmation; team
(role, days, qualification, 专业代码), dates, sites, an agenda by process/clause and auditor, the
planned audit days against the IAF MD5 figure, and the plan's checks in words: a person in two
sessions or on two audits at once, too little travel time between sites, counted days
(technical experts, observers, trainees not counted), remote share — flagged, never hidden.

The agenda comes from :mod:`auditdesk.services.plan_agenda` (one site per auditor and day where
possible; members at another site join the meetings remotely).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from auditdesk.exports import blocks as b
from auditdesk.exports.common import CBIdentity, cb_identity
from auditdesk.exports.labels import Lang, code, text
from auditdesk.exports.report_context import (
    Party,
    SiteRow,
    TeamRow,
    _party,
    _sites,
    _team,
    standard_label,
)
from auditdesk.exports.report_document import cb_name, fmt_date, fmt_days
from auditdesk.model import AuditType, TeamRole
from auditdesk.services import plan_agenda, plan_words
from auditdesk.services.audits import find_audit
from auditdesk.services.planning import PlanDocument, document_of

_KIND_OF_TYPE = {
    AuditType.STAGE1: "initial",
    AuditType.STAGE2: "initial",
    AuditType.SURVEILLANCE_1: "surveillance",
    AuditType.SURVEILLANCE_2: "surveillance",
    AuditType.RECERTIFICATION: "recertification",
    AuditType.TRANSFER: "surveillance",
    AuditType.SPECIAL: "surveillance",
    AuditType.SHORT_NOTICE: "surveillance",
}


@dataclass(frozen=True)
class AgendaRow:
    day: dt.date | None
    start: str
    end: str
    site: str
    item: str  # "opening" | "closing" | "team_review" | clause group "7"
    clauses: tuple[tuple[str, str, str], ...]  # (number, title_zh, title_en) of the group
    auditors: tuple[str, ...]


@dataclass(frozen=True)
class Md5Figure:
    planned_days: float | None
    recorded_md5_days: float | None  # the figure stored when the audit was planned
    computed_days: float | None  # from the tables today (None: no personnel / unknown scheme)
    onsite_min_days: float | None
    personnel: int
    scheme: str
    category: str
    basis: str  # "IAF MD5:2019 Annex A, Table QMS"
    team_days: float


@dataclass(frozen=True)
class PlanContext:
    lang: Lang
    cb: CBIdentity
    client: Party
    audit_id: uuid.UUID
    audit_number: str
    audit_type: str
    audit_mode: str
    criteria: tuple[str, ...]
    objectives: str
    scope: str
    start_date: dt.date | None
    end_date: dt.date | None
    team: tuple[TeamRow, ...]
    sites: tuple[SiteRow, ...]
    agenda: tuple[AgendaRow, ...]
    md5: Md5Figure
    # surveillance items of 17021-1 9.6.2.2 (from the standards library)
    must_cover: tuple[str, ...]
    document: PlanDocument = PlanDocument()
    status: str = "planned"
    # The plan's checks in words (clashes first); empty: nothing impossible found.
    checks: tuple[str, ...] = ()
    impossible: bool = False
    # 专业代码 of the certificates and, per member (same order as team), what they cover.
    technical_codes: tuple[str, ...] = ()
    member_codes: tuple[str, ...] = ()


def _md5(
    audit: object, personnel: int, scheme: str, category: str, team: tuple[TeamRow, ...]
) -> Md5Figure:
    from auditdesk.rules.audit_time import AuditTimeError, UnknownScheme, audit_time
    from auditdesk.rules.kinds import AuditKind
    from auditdesk.services.programme import builtin_rule_data

    computed = onsite = None
    basis = ""
    kind = AuditKind(_KIND_OF_TYPE.get(audit.audit_type, "surveillance"))  # type: ignore[attr-defined]
    try:
        book = builtin_rule_data().audit_time
        table = book.table(scheme)
        cat = category if category in table.days else table.default_category
        result = audit_time(book, scheme, personnel, cat)
        computed, onsite = result.days_for(kind), result.onsite_min_for(kind)
        basis = f"{result.basis.rule_id} {result.basis.clause}"
        category = cat
    except (AuditTimeError, UnknownScheme, KeyError):
        pass
    return Md5Figure(
        planned_days=audit.planned_days,  # type: ignore[attr-defined]
        recorded_md5_days=audit.md5_days,  # type: ignore[attr-defined]
        computed_days=computed,
        onsite_min_days=onsite,
        personnel=personnel,
        scheme=scheme,
        category=category,
        basis=basis,
        team_days=sum(m.days or 0 for m in team),
    )


def _names(members: list[plan_agenda.Member], lang: Lang) -> dict[str, str]:
    return {m.id: (m.name_en or m.name_zh) if lang == Lang.EN else m.name_zh for m in members}


def _agenda_rows(
    rows: tuple[plan_agenda.AgendaRow, ...], names: dict[str, str], lang: Lang
) -> tuple[AgendaRow, ...]:
    mark = "（远程）" if lang == Lang.ZH else " (remote)"
    return tuple(
        AgendaRow(
            r.day,
            r.start,
            r.end,
            r.site + (mark if r.site_remote else ""),
            r.item,
            r.clauses,
            tuple(
                names.get(p, p) + (mark if p in r.remote_people and not r.site_remote else "")
                for p in r.people
            ),
        )
        for r in rows
    )


def _covers(member_codes: str, wanted: tuple[str, ...]) -> str:
    mine = [c.strip() for c in member_codes.split(",") if c.strip()]
    hit = [w for w in wanted if any(w == c or w.startswith(c + ".") for c in mine)]
    missing = [w for w in wanted if w not in hit]
    # Printed as the dialog shows it: what the member covers, and what the team must still cover.
    return " ".join(
        x
        for x in (
            "✓ " + ", ".join(hit) if hit else "",
            "✕ " + ", ".join(missing) if missing else "",
        )
        if x
    )


def build_plan_context(
    session: Session, audit_id: uuid.UUID | str, lang: Lang | str = Lang.ZH
) -> PlanContext:
    audit = find_audit(session, str(audit_id))
    lang = Lang(lang)
    team = _team(session, audit)
    sites = _sites(session, audit)
    certs = sorted(audit.certificates, key=lambda c: c.number)
    must: list[str] = []
    for cert in certs:
        must += [str(x) for x in (cert.standard.surveillance_must_cover or [])]
    members = plan_agenda.members_of(session, audit)
    names = _names(members, lang)
    rows = plan_agenda.agenda_of(session, audit)
    findings = plan_agenda.plan_checks(session, audit)
    checks = tuple(plan_words.clash_text(c, lang.value) for c in findings.clashes) + tuple(
        plan_words.days_text(f, lang.value) for f in findings.days
    )
    wanted = tuple(
        dict.fromkeys(
            x.strip() for c in certs for x in (c.technical_codes or "").split(",") if x.strip()
        )
    )
    by_name = {(m.auditor.name_zh, m.role): m for m in audit.team}
    member_codes = tuple(
        _covers(by_name[(t.name_zh, TeamRole(t.role))].auditor.technical_codes, wanted)
        if (t.name_zh, TeamRole(t.role)) in by_name
        else ""
        for t in team
    )
    scheme = certs[0].standard.scheme if certs else ""
    category = certs[0].complexity if certs else ""
    return PlanContext(
        lang=lang,
        cb=cb_identity(session),
        client=_party(audit),
        audit_id=audit.id,
        audit_number=audit.number,
        audit_type=audit.audit_type.value,
        audit_mode=audit.mode.value,
        criteria=tuple(
            dict.fromkeys(standard_label(c.standard.code, c.standard.national_code) for c in certs)
        ),
        objectives=audit.objectives,
        scope=audit.scope,
        start_date=audit.start_date,
        end_date=audit.end_date,
        team=team,
        sites=sites,
        agenda=_agenda_rows(rows, names, lang),
        md5=_md5(audit, audit.organisation.effective_personnel, scheme, category, team),
        must_cover=tuple(dict.fromkeys(must))
        if audit.audit_type in (AuditType.SURVEILLANCE_1, AuditType.SURVEILLANCE_2)
        else (),
        document=document_of(audit),
        status=audit.status.value,
        checks=checks,
        impossible=findings.impossible,
        technical_codes=wanted,
        member_codes=member_codes,
    )


# The plan's own words (17021-1 9.2.3 fields and the checks), zh / en.
PLAN_LABELS: dict[str, tuple[str, str]] = {
    "plan_number": ("计划编号", "Plan number"),
    "plan_issued": ("计划发布日期及批准人", "Issued on / approved by"),
    "audit_language": ("审核语言", "Audit language"),
    "confidentiality": ("保密要求", "Confidentiality"),
    "confidentiality_default": (
        "审核组成员对审核中获得的受审核方信息承担保密义务，未经受审核方书面同意不向第三方披露"
        "（GB/T 27021.1 8.4）。",
        "Team members keep the client's information obtained during the audit confidential and"
        " disclose none of it to a third party without the client's written consent"
        " (ISO/IEC 17021-1 8.4).",
    ),
    "accompanying": (
        "陪同人员（向导、翻译、观察员等）",
        "Accompanying persons (guides, interpreters, observers)",
    ),
    "client_confirmation": ("受审核方确认", "Client confirmation"),
    "not_confirmed": ("受审核方尚未确认本计划", "The client has not yet confirmed this plan"),
    "confirmed": ("{who}于{on}确认", "Confirmed by {who} on {on}"),
    "qualification": ("专业代码覆盖", "专业代码 covered"),
    "sec_plan_checks": ("计划核查", "Plan checks"),
    "checks_ok": (
        "未发现冲突：无人同时出现在两处或两项活动中，场所之间留有路途时间，计入人日与计划一致。",
        "No clash found: nobody is in two places or two sessions at once, travel between sites"
        " is allowed for, the counted days match the plan.",
    ),
    "impossible": (
        "本计划不可执行，须先调整：",
        "This plan cannot be carried out as it stands; change it first:",
    ),
    "cancelled": ("本次审核已取消", "This audit has been cancelled"),
    "lang_zh": ("中文", "Chinese"),
    "lang_en": ("英文", "English"),
}


def _pt(key: str, lang: Lang, **values: object) -> str:
    zh, en = PLAN_LABELS[key]
    if values:
        zh, en = zh.format(**values), en.format(**values)
    return zh if lang == Lang.ZH else en if lang == Lang.EN else f"{zh} / {en}"


def _language(value: str, lang: Lang) -> str:
    parts = [p for p in value.replace("，", "+").replace(",", "+").split("+") if p.strip()]
    words = [
        _pt(f"lang_{p.strip()}", lang) if f"lang_{p.strip()}" in PLAN_LABELS else p.strip()
        for p in parts
    ]
    return "、".join(words) if lang == Lang.ZH else ", ".join(words)


def plan_document(ctx: PlanContext) -> b.Document:
    lang = ctx.lang
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731 - local shorthand
    doc = ctx.document
    if doc.client_confirmed_by and doc.client_confirmed_on is not None:
        confirmed = _pt(
            "confirmed", lang, who=doc.client_confirmed_by, on=fmt_date(doc.client_confirmed_on)
        )
    else:
        confirmed = _pt("not_confirmed", lang)
    blocks: list[b.Block] = [
        b.Title(t("plan_title"), f"{ctx.client.name_zh}\n{t('audit_no')} {ctx.audit_number}")
    ]
    if ctx.status == "cancelled":
        blocks.append(b.Para(_pt("cancelled", lang), "note"))
    blocks.append(b.Heading(t("sec_plan_general")))
    dates = " – ".join(
        x for x in dict.fromkeys((fmt_date(ctx.start_date), fmt_date(ctx.end_date))) if x
    )
    blocks.append(
        b.Fields(
            (
                (
                    t("client"),
                    ctx.client.name_zh
                    + (f"\n{ctx.client.name_en}" if lang != Lang.ZH and ctx.client.name_en else ""),
                ),
                (t("address"), ctx.client.address),
                (t("contact"), ctx.client.contact),
                (t("audit_type"), code("audit_type", ctx.audit_type, lang)),
                (t("audit_mode"), code("audit_mode", ctx.audit_mode, lang)),
                (t("criteria"), "\n".join(ctx.criteria)),
                (t("objectives"), ctx.objectives or text("not_recorded", lang)),
                (t("scope"), ctx.scope or text("not_recorded", lang)),
                (t("audit_dates"), dates),
                (_pt("plan_number", lang), doc.plan_number or text("not_recorded", lang)),
                (
                    _pt("plan_issued", lang),
                    " / ".join(x for x in (fmt_date(doc.plan_issued_on), doc.plan_approved_by) if x)
                    or text("not_recorded", lang),
                ),
                (
                    _pt("audit_language", lang),
                    _language(doc.audit_language, lang) or text("not_recorded", lang),
                ),
                (
                    _pt("confidentiality", lang),
                    doc.plan_confidentiality or _pt("confidentiality_default", lang),
                ),
                (_pt("accompanying", lang), doc.accompanying_persons or "—"),
                (_pt("client_confirmation", lang), confirmed),
            )
        )
    )
    blocks.append(b.Heading(t("sec_plan_team")))
    blocks.append(
        b.Table(
            (t("role"), t("name"), t("registration"), t("days"), _pt("qualification", lang)),
            tuple(
                (
                    code("team_role", m.role, lang),
                    m.name_zh + (f" ({m.name_en})" if lang != Lang.ZH and m.name_en else ""),
                    m.registration,
                    fmt_days(m.days),
                    ctx.member_codes[i] if i < len(ctx.member_codes) else "",
                )
                for i, m in enumerate(ctx.team)
            ),
            (2.2, 2.8, 3, 1.1, 1.8),
        )
    )
    blocks.append(b.Heading(t("sec_plan_sites")))
    blocks.append(
        b.Table(
            (t("site"), t("address"), t("site_kind"), t("audit_mode"), t("visit_date")),
            tuple(
                (
                    s.name,
                    s.address,
                    t("site_central")
                    if s.central
                    else t("site_temporary")
                    if s.temporary
                    else t("site_permanent"),
                    t("remote") if s.remote else t("on_site"),
                    fmt_date(s.visit_date),
                )
                for s in ctx.sites
            ),
            (2.4, 4, 1.5, 1.2, 1.5),
        )
    )
    blocks.append(b.Heading(t("sec_plan_agenda")))
    rows = []
    for r in ctx.agenda:
        if r.item in ("opening", "closing", "team_review"):
            item = t(
                {
                    "opening": "opening_meeting",
                    "closing": "closing_meeting",
                    "team_review": "team_review",
                }[r.item]
            )
        else:
            titles = [
                f"{n} {zh if lang == Lang.ZH else en or zh if lang == Lang.EN else zh + ' / ' + en}"
                for n, zh, en in r.clauses
            ]
            item = "\n".join(titles)
        rows.append(
            (
                fmt_date(r.day),
                f"{r.start}–{r.end}",
                r.site,
                item,
                "、".join(r.auditors) if lang == Lang.ZH else ", ".join(r.auditors),
            )
        )
    blocks.append(
        b.Table(
            (t("agenda_date"), t("agenda_slot"), t("site"), t("agenda_item"), t("agenda_auditor")),
            tuple(rows),
            (1.4, 1.3, 1.8, 5, 1.5),
        )
    )
    if ctx.must_cover:
        blocks.append(b.Para(t("must_cover") + ": " + "; ".join(ctx.must_cover), "small"))
    blocks.append(b.Heading(t("sec_plan_time")))
    m = ctx.md5
    if m.computed_days is None:
        verdict = t("md5_unknown")
    elif m.planned_days is not None and m.planned_days < m.computed_days:
        verdict = t("md5_below")
    else:
        verdict = t("md5_ok")
    diff = (
        (m.planned_days - m.computed_days)
        if m.planned_days is not None and m.computed_days is not None
        else None
    )
    blocks.append(
        b.Fields(
            (
                (t("planned_days"), fmt_days(m.planned_days)),
                (
                    t("md5_days"),
                    f"{fmt_days(m.computed_days)}  ({m.scheme} {m.category}, {m.personnel})",
                ),
                (t("md5_basis"), m.basis),
                (t("onsite_min"), fmt_days(m.onsite_min_days)),
                (t("md5_difference"), "" if diff is None else f"{diff:+g}"),
                (t("days"), fmt_days(m.team_days)),
                (t("note"), verdict),
            )
        )
    )
    blocks.append(b.Heading(_pt("sec_plan_checks", lang)))
    if not ctx.checks:
        blocks.append(b.Para(_pt("checks_ok", lang)))
    else:
        if ctx.impossible:
            blocks.append(b.Para(_pt("impossible", lang), "note"))
        for line in ctx.checks:
            blocks.append(b.Para("※ " + line))
    leader = next((x for x in ctx.team if x.role == TeamRole.TEAM_LEADER.value), None)
    blocks.append(
        b.Signatures(
            (
                (t("sign_team_leader"), leader.name_zh if leader else ""),
                (t("sign_client"), ctx.client.representative),
            ),
            t("signature"),
            t("sign_date"),
            "：" if lang == Lang.ZH else ": ",
        )
    )
    return b.Document(
        "plan",
        lang.value,
        f"{t('plan_title')} {ctx.audit_number}",
        cb_name(ctx.cb, lang) or "AuditDesk",
        f"{t('plan_title')} · {ctx.audit_number}",
        tuple(blocks),
        cb=ctx.cb,
    )


def render_plan(
    ctx: PlanContext,
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
        plan_document(ctx), fmt, target, invariant=invariant, template_dir=template_dir, pdfa=pdfa
    )
