"""The annual surveillance schedule (年度监督审核计划表) as an Excel workbook.

One row per programme entry (surveillance_1, surveillance_2, recertification) whose latest date
falls in the year, for every certificate that is not withdrawn or cancelled. The programme comes
from ``auditdesk.services.programme`` (the rules engine over set-based queries); the rest of a
row (organisation, province, sites, team leader) from a few set-based queries here — never one
query per certificate, so 15 000 certificates export in seconds.

- ``audit_days``: the IAF MD5 figure for the audit kind (surveillance ⅓, recertification ⅔ of
  the initial time) from the organisation's effective personnel and the certificate's
  complexity category; empty when personnel is unknown.
- ``sites``: sites to visit including the central function: the IAF MD1 sample of the other
  (non-central) sites plus the central site; a single-site organisation has 1.
- ``team_leader``: the leader of the audit already planned for that entry, else the
  certificate's usual team leader.
- ``breach``: a surveillance done after its latest date or still not done after it: the days in
  breach, for which the certificate had to be suspended and reported (CNCA-QMS-01:2025
  §5.4.1.4, DOMAIN §3); empty otherwise.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auditdesk.exports.files import looks_like_formula, spreadsheet_value
from auditdesk.exports.labels import Lang, code
from auditdesk.model import (
    Audit,
    Auditor,
    AuditTeamMember,
    AuditType,
    Certificate,
    CertificateStatus,
    Organisation,
    Site,
    Standard,
    TeamRole,
    audit_certificate,
)

HEADER_EN = (
    "certificate_no",
    "organisation",
    "credit_code",
    "standard",
    "province",
    "audit_type",
    "window_start",
    "latest_date",
    "rule",
    "state",
    "team_leader",
    "audit_days",
    "sites",
    "breach",
    "expiry_date",
    "effective_personnel",
    "technical_codes",
    "scope",
    "contact",
    "fs_code",
)
HEADER_ZH = (
    "证书编号",
    "组织名称",
    "统一社会信用代码",
    "认证标准",
    "省份",
    "审核类型",
    "窗口开始",
    "最迟日期",
    "依据（规则及条款）",
    "状态",
    "审核组长",
    "审核人日（MD5）",
    "抽样场所数（MD1）",
    "违规（应暂停并上报）",
    "证书有效期至",
    "有效人数",
    "专业代码",
    "认证范围",
    "联系人及电话",
    "审核方式（FS）",
)
_EXCLUDED = (CertificateStatus.WITHDRAWN, CertificateStatus.CANCELLED)


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    certificate_id: uuid.UUID
    certificate_no: str
    organisation: str
    credit_code: str
    standard: str
    province: str
    audit_type: str  # surveillance_1 | surveillance_2 | recertification
    window_start: dt.date
    latest_date: dt.date
    rule: str  # "CNCA-QMS-01:2025 §5.4.1.4"
    state: str  # planned | due | overdue | done
    team_leader: str
    audit_days: float | None
    sites: int
    # Surveillance done late ("late:N") or missed ("missed:N"), N days; "" when none (§5.4.1.4)
    breach: str = ""
    # What of the owed suspension and report is on record: "suspended:DATE", "reported:DATE"
    # joined by ";" ("" when nothing or no breach); issue 16 point 2
    breach_record: str = ""
    # Issue 17.8: what a scheduler needs to plan and call the client.
    expiry_date: dt.date | None = None
    effective_personnel: int | None = None  # None: not recorded (0 stored)
    technical_codes: str = ""
    scope: str = ""
    contact: str = ""
    fs_code: str = ""  # the planned audit's mode (FS01/FS02/FS03); "" while none is planned


@dataclass(frozen=True)
class ScheduleContext:
    year: int
    as_of: dt.date
    lang: Lang
    rows: tuple[ScheduleRow, ...]

    def per_month(self) -> list[dict[str, int]]:
        """Counts per month of the latest date: each audit type and the overdue ones."""
        out = [Counter() for _ in range(12)]  # type: list[Counter[str]]
        for r in self.rows:
            c = out[r.latest_date.month - 1]
            c[r.audit_type] += 1
            c["total"] += 1
            if r.state == "overdue":
                c["overdue"] += 1
        return [dict(c) for c in out]


def build_schedule_context(
    session: Session, year: int, as_of: dt.date | None = None, lang: Lang | str = Lang.ZH
) -> ScheduleContext:
    from auditdesk.services.programme import bulk_evaluation

    with bulk_evaluation():  # ~15 000 programmes and their rows: acyclic, see bulk_evaluation
        return _build_schedule_context(session, year, as_of or dt.date.today(), Lang(lang))


def _build_schedule_context(
    session: Session, year: int, as_of: dt.date, lang: Lang
) -> ScheduleContext:
    from auditdesk.rules.audit_time import AuditTimeError, UnknownScheme, audit_time, table_row
    from auditdesk.rules.kinds import AuditKind
    from auditdesk.rules.programme import EntryKind, EntryState
    from auditdesk.rules.sampling import sample_size
    from auditdesk.services.programme import (
        breaches,
        builtin_rule_data,
        programmes,
        stored,
        stored_rows,
    )

    # Ids, dates and codes are read as stored (see services.programme.stored): the joins below
    # are made in Python on the stored id text, and no UUID, date or enum is built per row.
    facts = {
        row[0]: row
        for row in stored_rows(
            session,
            select(
                stored(Certificate.id),
                Certificate.number,
                Certificate.complexity,
                Certificate.team_leader_name,
                stored(Certificate.organisation_id),
                Organisation.name_zh,
                Organisation.credit_code,
                Organisation.province,
                Organisation.effective_personnel,
                Standard.code,
                Standard.scheme,
                Certificate.expiry_date,
                Certificate.technical_codes,
                Organisation.technical_codes,
                Certificate.scope_zh,
                Certificate.scope_en,
                Organisation.contact_name,
                Organisation.contact_phone,
            )
            .join(Organisation, Certificate.organisation_id == Organisation.id)
            .join(Standard, Certificate.standard_id == Standard.id)
            .where(Certificate.archived.is_(False), Certificate.status.not_in(_EXCLUDED)),
        )
    }
    sites: dict[Any, tuple[int, int]] = {}
    for org_id, central, n in stored_rows(
        session,
        (
            select(stored(Site.organisation_id), Site.is_central, func.count(Site.id))
            .where(Site.archived.is_(False))
            .group_by(Site.organisation_id, Site.is_central)
        ),
    ):
        others, has_central = sites.get(org_id, (0, 0))
        sites[org_id] = (others, has_central + n) if central else (others + n, has_central)
    # The leader of the latest audit (by start, else latest date) per certificate and audit type.
    # Dates stay as stored: ISO text on SQLite sorts as the dates do, PostgreSQL gives dates.
    # Names come from the few hundred auditors, not from a join per team member.
    names = {
        auditor_id: name
        for auditor_id, name in stored_rows(session, select(stored(Auditor.id), Auditor.name_zh))
    }
    leaders: dict[tuple[Any, str], tuple[Any, Any, Any]] = {}
    for cert_id, audit_type, day, auditor_id, mode in stored_rows(
        session,
        (
            select(
                stored(audit_certificate.c.certificate_id),
                stored(Audit.audit_type),
                stored(func.coalesce(Audit.start_date, Audit.window_latest)),
                stored(AuditTeamMember.auditor_id),
                stored(Audit.mode),
            )
            .join(Audit, Audit.id == audit_certificate.c.audit_id)
            .join(
                AuditTeamMember,
                (AuditTeamMember.audit_id == Audit.id)
                & (AuditTeamMember.role == TeamRole.TEAM_LEADER),
            )
            .where(
                Audit.archived.is_(False),
                Audit.audit_type.in_(
                    (AuditType.SURVEILLANCE_1, AuditType.SURVEILLANCE_2, AuditType.RECERTIFICATION)
                ),
            )
        ),
    ):
        if day is not None and auditor_id in names:
            key = (cert_id, audit_type)
            found = leaders.get(key)
            if found is None or day > found[0]:
                leaders[key] = (day, auditor_id, mode)
    book = builtin_rule_data().audit_time
    # MD5 days depend on the scheme, personnel band, category and kind: computed once per call
    # for each combination met.
    md5_cache: dict[tuple[str, int, str, AuditKind], float | None] = {}
    band_cache: dict[tuple[str, str, int, str], float | None] = {}

    def md5(scheme: str, personnel: int, category: str, kind: AuditKind) -> float | None:
        key = (scheme, personnel, category, kind)
        if key in md5_cache:
            return md5_cache[key]
        try:
            table = book.table(scheme)
        except UnknownScheme:
            md5_cache[key] = None
            return None
        cat = category if category in table.days else table.default_category
        try:
            band = table_row(table, personnel, cat).band_from
        except AuditTimeError:
            md5_cache[key] = None
            return None
        band_key = (table.scheme, cat, band, kind.value)
        if band_key not in band_cache:
            band_cache[band_key] = audit_time(book, scheme, personnel, cat).days_for(kind)
        md5_cache[key] = band_cache[band_key]
        return md5_cache[key]

    sample_cache: dict[tuple[int, AuditKind], int] = {}
    kinds = {
        k: (
            k.value,
            AuditKind.RECERTIFICATION if k is EntryKind.RECERTIFICATION else AuditKind.SURVEILLANCE,
        )
        for k in EntryKind
    }
    states = {s: s.value for s in EntryState}
    rules: dict[tuple[str, str], str] = {}
    rows: list[ScheduleRow] = []
    evaluated = programmes(session, as_of)
    owed = {
        (b.certificate_id, b.breach.entry): b for b in breaches(session, as_of, None, evaluated)
    }
    for prog in evaluated:
        f = facts.get(prog.key)
        if f is None:
            continue
        for entry in prog.programme.entries:
            latest = entry.latest
            if latest.year != year:
                continue
            kind_code, kind = kinds[entry.kind]
            (
                _cid,
                number,
                complexity,
                leader_name,
                org_id,
                name_zh,
                credit_code,
                province,
                personnel,
                std,
                scheme,
                expiry,
                cert_codes,
                org_codes,
                scope_zh,
                scope_en,
                contact_name,
                contact_phone,
            ) = f
            others, centrals = sites.get(org_id, (0, 0))
            if others:
                sample_key = (others, kind)
                if sample_key not in sample_cache:
                    sample_cache[sample_key] = sample_size(others, kind).sites
                n_sites = sample_cache[sample_key] + (1 if centrals else 0)
            else:
                n_sites = 1
            basis = entry.basis
            rule_key = (basis.rule_id, basis.clause)
            rule = rules.get(rule_key)
            if rule is None:
                rule = rules[rule_key] = f"{basis.rule_id} {basis.clause}"
            leader = leaders.get((prog.key, kind_code))
            rows.append(
                ScheduleRow(
                    prog.certificate_id,
                    number,
                    name_zh,
                    credit_code or "",
                    std,
                    province,
                    kind_code,
                    entry.window_start,
                    latest,
                    rule,
                    states[entry.state],
                    names[leader[1]] if leader is not None else leader_name,
                    md5(scheme, personnel, complexity, kind) if personnel > 0 else None,
                    n_sites,
                    _breach(entry, as_of),
                    _breach_record(owed.get((prog.certificate_id, entry.kind))),
                    _date(expiry),
                    personnel if personnel > 0 else None,
                    cert_codes or org_codes or "",
                    (scope_en or scope_zh) if lang == Lang.EN else (scope_zh or scope_en),
                    " ".join(x for x in (contact_name, contact_phone) if x),
                    str(getattr(leader[2], "value", leader[2]) or "") if leader is not None else "",
                )
            )
    rows.sort(key=lambda r: (r.latest_date, r.certificate_no, r.audit_type))
    return ScheduleContext(year, as_of, lang, tuple(rows))


def _date(value: Any) -> dt.date | None:
    """A date as stored (a date on PostgreSQL, ISO text on SQLite)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _breach(entry: Any, as_of: dt.date) -> str:
    """``late:N`` / ``missed:N`` for a surveillance in breach of its latest date, else ""."""
    if entry.kind.value == "recertification":
        return ""
    if entry.late_days:
        return f"late:{entry.late_days}"
    if entry.state.value == "overdue":
        return f"missed:{(as_of - entry.latest).days}"
    return ""


def _breach_record(found: Any) -> str:
    if found is None:
        return ""
    parts = []
    if found.suspension_recorded_on is not None:
        parts.append(f"suspended:{found.suspension_recorded_on.isoformat()}")
    if found.report is not None:
        parts.append(f"reported:{found.report.reported_on.isoformat()}")
    return ";".join(parts)


def _breach_words(breach: str, zh: bool, record: str = "") -> str:
    if not breach:
        return ""
    what, days = breach.split(":")
    done = dict(p.split(":", 1) for p in record.split(";") if p)
    if zh:
        text = f"{'逾期完成' if what == 'late' else '超期未审'} {days} 天：应暂停并上报"
        said = ("已暂停 " + done["suspended"]) if "suspended" in done else "未登记暂停"
        said += "；" + (("已上报 " + done["reported"]) if "reported" in done else "未登记上报")
        return f"{text}（{said}）"
    late = "done late" if what == "late" else "missed"
    text = f"{late} ({days} days): suspension and report required"
    said = ("suspended " + done["suspended"]) if "suspended" in done else "suspension not recorded"
    said += "; " + (
        ("reported " + done["reported"]) if "reported" in done else "report not recorded"
    )
    return f"{text} ({said})"


def render_schedule_xlsx(ctx: ScheduleContext, target: str | Path | BinaryIO) -> None:
    """Sheet 1: the schedule (frozen header, filter, widths, overdue rows shaded, real dates);
    sheet 2: counts per month. Written in openpyxl's write-only mode (streamed)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    zh = ctx.lang == Lang.ZH
    header = HEADER_ZH if zh else HEADER_EN
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("计划表" if zh else "schedule")
    widths = (22, 36, 22, 18, 10, 16, 12, 12, 28, 10, 12, 12, 10, 30, 12, 10, 18, 40, 24, 12)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    # Printed: landscape, all columns on one page width, the header row on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    last = get_column_letter(len(header))
    ws.auto_filter.ref = f"A1:{last}{len(ctx.rows) + 1}"
    bold = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="1F4E79")
    overdue_fill = PatternFill("solid", fgColor="F8CBAD")
    due_fill = PatternFill("solid", fgColor="FFF2CC")

    def cell(
        value: Any, fill: PatternFill | None = None, number_format: str | None = None
    ) -> WriteOnlyCell:
        c = WriteOnlyCell(ws, value=value)
        if looks_like_formula(value):
            c.data_type, c.quotePrefix = "s", True
        if fill is not None:
            c.fill = fill
        if number_format:
            c.number_format = number_format
        return c

    head_cells = []
    for h in header:
        c = cell(h, head_fill)
        c.font = bold
        c.alignment = Alignment(vertical="center", wrap_text=True)
        head_cells.append(c)
    ws.append(head_cells)
    type_words = {
        k: code("audit_type", k, Lang.ZH) if zh else k
        for k in ("surveillance_1", "surveillance_2", "recertification")
    }
    state_words = {
        k: code("schedule_state", k, Lang.ZH) if zh else k
        for k in ("planned", "due", "overdue", "done")
    }
    for r in ctx.rows:
        # Plain values are written fastest; openpyxl gives dates a date format by itself.
        ws.append(
            [
                spreadsheet_value(ws, v)
                for v in (
                    r.certificate_no,
                    r.organisation,
                    r.credit_code,
                    r.standard,
                    r.province,
                    type_words.get(r.audit_type, r.audit_type),
                    r.window_start,
                    r.latest_date,
                    r.rule,
                    state_words.get(r.state, r.state),
                    r.team_leader,
                    r.audit_days,
                    r.sites,
                    _breach_words(r.breach, zh, r.breach_record),
                    r.expiry_date,
                    r.effective_personnel,
                    r.technical_codes,
                    r.scope,
                    r.contact,
                    r.fs_code,
                )
            ]
        )
    if ctx.rows:
        # Overdue (and due) rows are shaded by conditional formatting on the state column: one rule
        # instead of 13 styled cells per row, and the shading follows the state if a user edits it.
        from openpyxl.formatting.rule import FormulaRule

        area = f"A2:{last}{len(ctx.rows) + 1}"
        for state, fill in (("overdue", overdue_fill), ("due", due_fill)):
            ws.conditional_formatting.add(
                area,
                FormulaRule(formula=[f'$J2="{state_words[state]}"'], fill=fill, stopIfTrue=True),
            )
    months = wb.create_sheet("月度统计" if zh else "per_month")
    kinds = ("surveillance_1", "surveillance_2", "recertification")
    months.column_dimensions["A"].width = 12
    for col in "BCDEF":
        months.column_dimensions[col].width = 18
    month_head = (
        (["月份"] + [code("audit_type", k, Lang.ZH) for k in kinds] + ["超期", "合计"])
        if zh
        else ["month", *kinds, "overdue", "total"]
    )
    hc = []
    for h in month_head:
        c = cell(h, head_fill)
        c.font = bold
        hc.append(c)
    months.append(hc)
    counts = ctx.per_month()
    for m, c in enumerate(counts, start=1):
        months.append(
            [
                cell(dt.date(ctx.year, m, 1), None, "yyyy-mm"),
                *[c.get(k, 0) for k in kinds],
                c.get("overdue", 0),
                c.get("total", 0),
            ]
        )
    total_label = "合计" if zh else "total"
    months.append([total_label, *[f"=SUM({col}2:{col}13)" for col in "BCDEF"]])
    wb.save(target if not isinstance(target, Path) else str(target))
