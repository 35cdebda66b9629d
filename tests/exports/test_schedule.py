"""The annual surveillance schedule: rows from the rules engine, read back by openpyxl and LibreOffice."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from sqlalchemy import event

from auditdesk.exports.schedule import HEADER_EN, build_schedule_context, render_schedule_xlsx
from auditdesk.model import CertificateStatus
from tests.exports.conftest import needs_soffice, soffice_convert

EXACT_HEADER = (
    "certificate_no, organisation, credit_code, standard, province, audit_type, window_start, "
    "latest_date, rule, state, team_leader, audit_days, sites, breach, expiry_date, "
    "effective_personnel, technical_codes, scope, contact, fs_code"
)


def _org(session, n: int, personnel: int = 50, sites: int = 0):
    from auditdesk.rules.credit_code import check_character
    from auditdesk.services.clients import OrganisationData, add_site, create_organisation

    base = f"9132050{n:02d}MA1N2Q3R"
    org = create_organisation(
        session,
        OrganisationData(
            name_zh=f"测试企业{n}有限公司",
            credit_code=base + check_character(base),
            province="江苏省",
            effective_personnel=personnel,
        ),
    )
    if sites:
        add_site(session, org.id, "总部", is_central=True)
        for i in range(sites):
            add_site(session, org.id, f"分场所{i + 1}")
    return org


def _cert(
    session, org, number: str, issued: dt.date, status=CertificateStatus.VALID, std="ISO9001:2015"
):
    from auditdesk.services.certificates import CertificateData, create_certificate

    return create_certificate(
        session,
        CertificateData(
            number=number,
            organisation_id=org.id,
            standard_key=std,
            issue_date=issued,
            status=status,
            team_leader_name="张伟",
        ),
    )


@pytest.fixture
def register(session):
    _cert(session, _org(session, 1), "Q-2026-001", dt.date(2026, 3, 15))  # S1 latest 2027-03-15
    _cert(
        session, _org(session, 2, personnel=180, sites=16), "Q-2025-002", dt.date(2025, 6, 1)
    )  # S2 2027-06-01
    _cert(
        session, _org(session, 3), "Q-2024-003", dt.date(2024, 9, 10)
    )  # recertification 2027-09-09
    _cert(session, _org(session, 4), "Q-2026-004", dt.date(2026, 2, 1), CertificateStatus.WITHDRAWN)
    _cert(session, _org(session, 5), "Q-2026-005", dt.date(2026, 2, 1), CertificateStatus.CANCELLED)
    _cert(
        session, _org(session, 6), "Q-2026-006", dt.date(2026, 1, 10)
    )  # S1 2027-01-10: overdue on 2027-02-01
    session.flush()


def test_rows_are_the_programme_entries_of_the_year(session, register):
    ctx = build_schedule_context(session, 2027, dt.date(2027, 2, 1), "en")
    got = {(r.certificate_no, r.audit_type): r for r in ctx.rows}
    assert set(got) == {
        ("Q-2026-006", "surveillance_1"),
        ("Q-2026-001", "surveillance_1"),
        ("Q-2025-002", "surveillance_2"),
        ("Q-2024-003", "recertification"),
    }
    s1 = got[("Q-2026-001", "surveillance_1")]
    assert s1.latest_date == dt.date(2027, 3, 15) and s1.window_start == dt.date(2026, 12, 15)
    assert s1.state == "due" and s1.rule == "CNCA-QMS-01:2025 §5.4.1.4"
    assert got[("Q-2026-006", "surveillance_1")].state == "overdue"
    assert got[("Q-2024-003", "recertification")].state == "planned"
    assert s1.team_leader == "张伟" and s1.province == "江苏省"


def test_audit_days_and_sites_come_from_md5_and_md1(session, register):
    ctx = build_schedule_context(session, 2027, dt.date(2027, 2, 1), "en")
    multi = next(r for r in ctx.rows if r.certificate_no == "Q-2025-002")
    assert multi.audit_days == 3.0  # 180 persons: 9 initial days, surveillance 1/3
    assert multi.sites == 3 + 1  # 16 sites: 0.6 * sqrt(16) = 2.4 -> 3, plus the central function
    single = next(r for r in ctx.rows if r.certificate_no == "Q-2026-001")
    assert (
        single.audit_days == 1.5 and single.sites == 1
    )  # 50 persons: 4.5 days initial, 1/3 -> 1.5


def test_workbook_reads_back_with_the_exact_english_header_and_real_dates(
    session, register, tmp_path
):
    out = tmp_path / "schedule.xlsx"
    render_schedule_xlsx(build_schedule_context(session, 2027, dt.date(2027, 2, 1), "en"), out)
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows())
    assert ", ".join(c.value for c in rows[0]) == EXACT_HEADER
    assert tuple(c.value for c in rows[0]) == HEADER_EN
    assert len(rows) == 5
    for row in rows[1:]:
        for idx in (6, 7):  # window_start, latest_date
            assert row[idx].is_date and isinstance(row[idx].value, dt.datetime)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:T5"
    assert any(r[9].value == "overdue" for r in rows[1:])
    # the breach column (issue 16 point 2, CNCA-QMS-01:2025 §5.4.1.4): overdue rows name it
    for r in rows[1:]:
        if r[9].value == "overdue":
            assert r[13].value.startswith("missed (") and "suspension and report" in r[13].value
        else:
            assert not r[13].value
    rules = {
        r.formula[0]: r.dxf.fill.fgColor.rgb for cf in ws.conditional_formatting for r in cf.rules
    }
    assert rules['$J2="overdue"'].endswith("F8CBAD")  # overdue rows shaded
    assert [str(cf.sqref) for cf in ws.conditional_formatting] == ["A2:T5"]
    assert ws.column_dimensions["B"].width > 20
    months = wb.worksheets[1]
    values = list(months.iter_rows(values_only=True))
    assert values[0] == (
        "month",
        "surveillance_1",
        "surveillance_2",
        "recertification",
        "overdue",
        "total",
    )
    jan, mar = values[1], values[3]
    assert jan[1:] == (1, 0, 0, 1, 1) and mar[1:] == (1, 0, 0, 0, 1)
    assert values[-1][0] == "total"


def test_chinese_workbook_uses_chinese_headers_and_values(session, register, tmp_path):
    out = tmp_path / "schedule-zh.xlsx"
    render_schedule_xlsx(build_schedule_context(session, 2027, dt.date(2027, 2, 1), "zh"), out)
    ws = load_workbook(out).worksheets[0]
    header = [c.value for c in next(ws.iter_rows())]
    assert header[0] == "证书编号" and header[9] == "状态"
    values = {c.value for row in ws.iter_rows(min_row=2) for c in row}
    assert {"第一次监督审核", "超期"} <= values
    assert {r.formula[0] for cf in ws.conditional_formatting for r in cf.rules} == {
        '$J2="超期"',
        '$J2="应审"',
    }


def test_no_query_per_certificate(session, register, database):
    """The same number of SQL statements for 4 certificates as for 24."""

    def count() -> int:
        statements = []
        listener = lambda *a: statements.append(a[2])  # noqa: E731
        event.listen(database.engine, "before_cursor_execute", listener)
        try:
            build_schedule_context(session, 2027, dt.date(2027, 2, 1), "en")
        finally:
            event.remove(database.engine, "before_cursor_execute", listener)
        return len(statements)

    few = count()
    org = _org(session, 40)
    for i in range(20):
        _cert(session, org, f"Q-2026-1{i:02d}", dt.date(2026, 4, 1) + dt.timedelta(days=i))
    session.flush()
    assert count() == few


@needs_soffice
def test_libreoffice_opens_the_schedule(session, register, tmp_path):
    out = tmp_path / "schedule.xlsx"
    render_schedule_xlsx(build_schedule_context(session, 2027, dt.date(2027, 2, 1), "zh"), out)
    soffice_convert(out, tmp_path)


# --------------------------------------------------------------- the stored-value joins
# The context reads ids, dates and codes as stored and joins them in Python. The reference
# below is the straightforward version (typed values, UUID keys) the export had before; both
# must give the same rows on a varied register, on SQLite and on PostgreSQL.


def _reference_rows(session, year, as_of):
    from sqlalchemy import func, select

    from auditdesk.model import (
        Audit,
        Auditor,
        AuditTeamMember,
        AuditType,
        Certificate,
        Organisation,
        Site,
        Standard,
        TeamRole,
        audit_certificate,
    )
    from auditdesk.rules.audit_time import AuditTimeError, UnknownScheme, audit_time
    from auditdesk.rules.kinds import AuditKind
    from auditdesk.rules.sampling import sample_size
    from auditdesk.services.programme import builtin_rule_data, programmes

    facts = {
        row.id: row
        for row in session.execute(
            select(
                Certificate.id,
                Certificate.number,
                Certificate.complexity,
                Certificate.team_leader_name,
                Certificate.organisation_id,
                Organisation.name_zh,
                Organisation.credit_code,
                Organisation.province,
                Organisation.effective_personnel,
                Standard.code,
                Standard.scheme,
            )
            .join(Organisation, Certificate.organisation_id == Organisation.id)
            .join(Standard, Certificate.standard_id == Standard.id)
            .where(
                Certificate.archived.is_(False),
                Certificate.status.not_in(
                    (CertificateStatus.WITHDRAWN, CertificateStatus.CANCELLED)
                ),
            )
        )
    }
    sites = {}
    for site in session.scalars(select(Site).where(Site.archived.is_(False))):
        others, centrals = sites.get(site.organisation_id, (0, 0))
        sites[site.organisation_id] = (
            (others, centrals + 1) if site.is_central else (others + 1, centrals)
        )
    leaders = {}
    for cert_id, audit_type, day, name in session.execute(
        select(
            audit_certificate.c.certificate_id,
            Audit.audit_type,
            func.coalesce(Audit.start_date, Audit.window_latest),
            Auditor.name_zh,
        )
        .join(Audit, Audit.id == audit_certificate.c.audit_id)
        .join(
            AuditTeamMember,
            (AuditTeamMember.audit_id == Audit.id) & (AuditTeamMember.role == TeamRole.TEAM_LEADER),
        )
        .join(Auditor, Auditor.id == AuditTeamMember.auditor_id)
        .where(
            Audit.archived.is_(False),
            Audit.audit_type.in_(
                (AuditType.SURVEILLANCE_1, AuditType.SURVEILLANCE_2, AuditType.RECERTIFICATION)
            ),
        )
    ):
        key = (cert_id, audit_type.value)
        if day is not None and (key not in leaders or day > leaders[key][0]):
            leaders[key] = (day, name)
    book = builtin_rule_data().audit_time

    def md5(scheme, personnel, category, kind):
        try:
            table = book.table(scheme)
            return audit_time(
                book,
                scheme,
                personnel,
                category if category in table.days else table.default_category,
            ).days_for(kind)
        except (UnknownScheme, AuditTimeError):
            return None

    rows = []
    for prog in programmes(session, as_of):
        f = facts.get(prog.certificate_id)
        for entry in prog.programme.entries if f is not None else ():
            if entry.latest.year != year:
                continue
            kind = (
                AuditKind.RECERTIFICATION
                if entry.kind.value == "recertification"
                else AuditKind.SURVEILLANCE
            )
            others, centrals = sites.get(f.organisation_id, (0, 0))
            n_sites = sample_size(others, kind).sites + (1 if centrals else 0) if others else 1
            rows.append(
                (
                    prog.certificate_id,
                    f.number,
                    f.name_zh,
                    f.credit_code or "",
                    f.code,
                    f.province,
                    entry.kind.value,
                    entry.window_start,
                    entry.latest,
                    f"{entry.basis.rule_id} {entry.basis.clause}",
                    entry.state.value,
                    leaders.get(
                        (prog.certificate_id, entry.kind.value), (None, f.team_leader_name)
                    )[1],
                    md5(f.scheme, f.effective_personnel, f.complexity, kind)
                    if f.effective_personnel > 0
                    else None,
                    n_sites,
                )
            )
    return sorted(rows, key=lambda r: (r[8], r[1], r[6]))


@pytest.mark.parametrize("backend", ["sqlite", "postgres"], indirect=True)
def test_rows_read_as_stored_are_the_rows_of_the_typed_values(session):
    import random

    from auditdesk.model import Audit, Auditor, AuditStatus, AuditType, TeamRole
    from auditdesk.services.audits import AuditData, create_audit
    from auditdesk.services.clients import add_site

    rng = random.Random(7)
    auditors = [Auditor(name_zh=f"审核员{i}") for i in range(4)]
    session.add_all(auditors)
    session.flush()
    statuses = list(CertificateStatus)
    for i in range(30):
        org = _org(
            session,
            i + 10,
            personnel=rng.choice((0, 8, 60, 180, 700)),
            sites=rng.choice((0, 0, 2, 9)),
        )
        if i % 7 == 5:  # sites without a central function
            org = _org(session, i + 50, personnel=60)
            for n in range(5):
                add_site(session, org.id, f"仓库{n}")
        cert = _cert(
            session,
            org,
            f"S-{i:03d}",
            dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 900)),
            rng.choice(statuses),
            ("ISO9001:2015", "ISO14001:2015", "ISO45001:2018")[i % 3],
        )
        if i % 10 == 0:
            cert.complexity = "high"
        for audit_type in (
            AuditType.SURVEILLANCE_1,
            AuditType.SURVEILLANCE_2,
            AuditType.RECERTIFICATION,
        ):
            for _ in range(rng.randrange(0, 3)):
                start = cert.issue_date + dt.timedelta(days=rng.randrange(200, 1100))
                team = (
                    [(rng.choice(auditors).id, TeamRole.TEAM_LEADER)] if rng.random() < 0.8 else []
                )
                audit = create_audit(
                    session,
                    AuditData(
                        certificate_ids=[cert.id],
                        audit_type=audit_type,
                        team=team,
                        start_date=None if rng.random() < 0.2 else start,
                        window_latest=start,
                        status=rng.choice((AuditStatus.PLANNED, AuditStatus.COMPLETED)),
                    ),
                )
                if rng.random() < 0.1:
                    session.get(Audit, audit.id).archived = True
    session.flush()
    for year, as_of in (
        (2025, dt.date(2025, 6, 1)),
        (2026, dt.date(2026, 11, 21)),
        (2027, dt.date(2027, 2, 1)),
    ):
        ctx = build_schedule_context(session, year, as_of, "en")
        got = [
            (
                r.certificate_id,
                r.certificate_no,
                r.organisation,
                r.credit_code,
                r.standard,
                r.province,
                r.audit_type,
                r.window_start,
                r.latest_date,
                r.rule,
                r.state,
                r.team_leader,
                r.audit_days,
                r.sites,
            )
            for r in ctx.rows
        ]
        assert got == _reference_rows(session, year, as_of)
        assert all(type(r.audit_type) is str and type(r.state) is str for r in ctx.rows)
    leaders = {r.team_leader for r in ctx.rows}
    assert {"张伟"} < leaders and len(
        {r.sites for r in ctx.rows}
    ) > 1  # the register really is varied


HOSTILE_NAMES = (
    '=HYPERLINK("http://evil.example/x","点我")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
)


def test_formula_looking_text_is_written_as_text_never_as_a_formula(session, tmp_path):
    """OWASP formula injection: an organisation named "=HYPERLINK(...)" was a live link in
    LibreOffice. Every formula-looking cell is a text cell with the quote prefix, as typed."""
    import zipfile

    from auditdesk.services.clients import OrganisationData, create_organisation

    for i, name in enumerate(HOSTILE_NAMES):
        org = create_organisation(session, OrganisationData(name_zh=name, province="江苏省"))
        _cert(session, org, f"Q-2026-1{i:02d}", dt.date(2026, 3, 15))
    session.flush()
    out = tmp_path / "schedule.xlsx"
    render_schedule_xlsx(build_schedule_context(session, 2027, dt.date(2027, 2, 1), "en"), out)
    with zipfile.ZipFile(out) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "HYPERLINK" in sheet  # stored, never as a formula
    ws = load_workbook(out).worksheets[0]
    cells = {c.value: c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)}
    for name in HOSTILE_NAMES:
        stored = next((c for v, c in cells.items() if v.strip() == name.strip()), None)
        assert stored is not None, (name, list(cells))
        assert stored.data_type == "s" and stored.quotePrefix, name
    # the export's own sums on the second sheet stay formulas
    months = load_workbook(out).worksheets[1]
    assert str(months.cell(row=14, column=2).value).startswith("=SUM(")


@pytest.mark.parametrize("backend", ["sqlite", "postgres"], indirect=True)
def test_expiry_personnel_codes_scope_contact_and_fs_code(session, register, tmp_path):
    """Issue 17.8: what a scheduler needs to plan and to call the client, per row."""
    from sqlalchemy import select

    from auditdesk.model import AuditMode, Certificate, Organisation
    from auditdesk.model.enums import AuditType
    from auditdesk.services.audits import AuditData, create_audit

    cert = session.scalar(select(Certificate).where(Certificate.number == "Q-2025-002"))
    cert.technical_codes, cert.scope_zh = "19.05.01", "注塑件的生产"
    org = session.get(Organisation, cert.organisation_id)
    org.contact_name, org.contact_phone = "李敏", "0512-66001234"
    from auditdesk.model import Auditor, AuditorGrade, TeamRole

    leader = Auditor(name_zh="王五", grade=AuditorGrade.LEAD_AUDITOR, schemes=["QMS"])
    session.add(leader)
    session.flush()
    create_audit(
        session,
        AuditData(
            certificate_ids=[cert.id],
            audit_type=AuditType.SURVEILLANCE_2,
            start_date=dt.date(2027, 5, 10),
            mode=AuditMode.REMOTE,
            team=[(leader.id, TeamRole.TEAM_LEADER)],
        ),
    )
    session.flush()
    ctx = build_schedule_context(session, 2027, dt.date(2027, 2, 1), "zh")
    row = next(r for r in ctx.rows if r.certificate_no == "Q-2025-002")
    assert row.expiry_date == cert.expiry_date and row.effective_personnel == 180
    assert (row.technical_codes, row.scope, row.contact) == (
        "19.05.01",
        "注塑件的生产",
        "李敏 0512-66001234",
    )
    assert row.fs_code == "FS02" and row.team_leader == "王五"
    other = next(r for r in ctx.rows if r.certificate_no == "Q-2026-001")
    assert other.fs_code == "" and other.contact == "" and other.effective_personnel == 50
    out = tmp_path / "s.xlsx"
    render_schedule_xlsx(ctx, out)
    ws = load_workbook(out).worksheets[0]
    head = [c.value for c in next(ws.iter_rows())]
    assert head[14:] == [
        "证书有效期至",
        "有效人数",
        "专业代码",
        "认证范围",
        "联系人及电话",
        "审核方式（FS）",
    ]
    cells = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "Q-2025-002")
    assert cells[14].is_date and cells[14].value.date() == cert.expiry_date
    assert [c.value for c in cells[15:]] == [
        180,
        "19.05.01",
        "注塑件的生产",
        "李敏 0512-66001234",
        "FS02",
    ]
