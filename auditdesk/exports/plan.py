"""The audit plan (审核计划): team, dates, sites, an agenda by process/clause and auditor, and
the planned audit days against the IAF MD5 figure.

The agenda is a draft the team leader edits: each day has a morning and an afternoon slot per
auditor; the opening meeting starts day one and the closing meeting ends the last day. The
team leader takes the management processes (context, leadership, planning, performance
evaluation, improvement) at the central site; auditors take support and operation at every
site. Technical experts and observers accompany and get no slot of their own.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
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
from auditdesk.model import AuditType, Clause, TeamRole
from auditdesk.services.audits import find_audit

MANAGEMENT_GROUPS = ("4", "5", "6", "9", "10")
SLOTS = (("09:00", "12:00"), ("13:30", "17:00"))
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


def _days(start: dt.date | None, end: dt.date | None) -> list[dt.date | None]:
    if start is None:
        return [None]
    end = end or start
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)] or [start]


def _agenda(
    days: list[dt.date | None],
    team: tuple[TeamRow, ...],
    sites: tuple[SiteRow, ...],
    groups: list[tuple[str, tuple[tuple[str, str, str], ...]]],
    names: dict[int, str],
) -> tuple[AgendaRow, ...]:
    everyone = tuple(names.values())
    leader_idx = [i for i, m in enumerate(team) if m.role == TeamRole.TEAM_LEADER.value]
    auditor_idx = [
        i
        for i, m in enumerate(team)
        if m.role in (TeamRole.AUDITOR.value, TeamRole.TEAM_LEADER.value)
    ]
    central = next((s.name for s in sites if s.central), sites[0].name if sites else "")
    tasks_leader: list[tuple[str, str]] = []
    tasks_others: list[tuple[str, str]] = []
    for number, _clauses in groups:
        if number in MANAGEMENT_GROUPS:
            tasks_leader.append((central, number))
        else:
            for s in sites or (SiteRow(central, "", True, False, False, None, ""),):
                tasks_others.append((s.name, number))
    queues: dict[int, list[tuple[str, str]]] = {i: [] for i in auditor_idx}
    if not queues:
        return ()
    lead = leader_idx[0] if leader_idx else auditor_idx[0]
    queues[lead] += tasks_leader
    others = [i for i in auditor_idx if i != lead] or [lead]
    for k, task in enumerate(tasks_others):
        queues[others[k % len(others)]].append(task)
    slots = [(d, s) for d in days for s in SLOTS]
    by_clause = dict(groups)
    rows: list[AgendaRow] = [AgendaRow(days[0], "08:30", "09:00", central, "opening", (), everyone)]
    # Spread each auditor's tasks evenly over the slots (several groups share a slot when needed).
    per_slot: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for i, tasks in queues.items():
        for k, task in enumerate(tasks):
            per_slot.setdefault((k * len(slots) // max(len(tasks), 1), i), []).append(task)
    for slot_no, (day, (start, end)) in enumerate(slots):
        for i in auditor_idx:
            for site, number in per_slot.get((slot_no, i), []):
                rows.append(
                    AgendaRow(day, start, end, site, number, by_clause[number], (names[i],))
                )
    rows.append(AgendaRow(days[-1], "16:00", "16:30", central, "team_review", (), everyone))
    rows.append(AgendaRow(days[-1], "16:30", "17:00", central, "closing", (), everyone))
    return tuple(rows)


def build_plan_context(
    session: Session, audit_id: uuid.UUID | str, lang: Lang | str = Lang.ZH
) -> PlanContext:
    audit = find_audit(session, str(audit_id))
    lang = Lang(lang)
    team = _team(session, audit)
    sites = _sites(session, audit)
    certs = sorted(audit.certificates, key=lambda c: c.number)
    groups: list[tuple[str, tuple[tuple[str, str, str], ...]]] = []
    must: list[str] = []
    for cert in certs:
        clauses = session.scalars(
            select(Clause).where(Clause.standard_id == cert.standard_id).order_by(Clause.sort_order)
        ).all()
        top = [
            c
            for c in clauses
            if c.depth == 0 and c.number.split(".")[0].isdigit() and int(c.number) >= 4
        ]
        for t in top:
            if t.number in dict(groups):
                continue
            subs = tuple(
                (c.number, c.title_zh, c.title_en)
                for c in clauses
                if c.depth == 1 and c.number.split(".")[0] == t.number
            )
            groups.append((t.number, ((t.number, t.title_zh, t.title_en), *subs)))
        must += [str(x) for x in (cert.standard.surveillance_must_cover or [])]
    names = {
        i: (m.name_en or m.name_zh) if lang == Lang.EN else m.name_zh for i, m in enumerate(team)
    }
    days = _days(audit.start_date, audit.end_date)
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
        agenda=_agenda(days, team, sites, groups, names),
        md5=_md5(audit, audit.organisation.effective_personnel, scheme, category, team),
        must_cover=tuple(dict.fromkeys(must))
        if audit.audit_type in (AuditType.SURVEILLANCE_1, AuditType.SURVEILLANCE_2)
        else (),
    )


def plan_document(ctx: PlanContext) -> b.Document:
    lang = ctx.lang
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731 - local shorthand
    blocks: list[b.Block] = [
        b.Title(t("plan_title"), f"{ctx.client.name_zh}\n{t('audit_no')} {ctx.audit_number}")
    ]
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
            )
        )
    )
    blocks.append(b.Heading(t("sec_plan_team")))
    blocks.append(
        b.Table(
            (t("name"), t("role"), t("registration"), t("days")),
            tuple(
                (
                    m.name_zh + (f" ({m.name_en})" if lang != Lang.ZH and m.name_en else ""),
                    code("team_role", m.role, lang),
                    m.registration,
                    fmt_days(m.days),
                )
                for m in ctx.team
            ),
            (3, 2.5, 3, 1.2),
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
) -> None:
    from auditdesk.exports.render import render_document

    render_document(plan_document(ctx), fmt, target, invariant=invariant, template_dir=template_dir)
