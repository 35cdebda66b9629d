"""The monthly CNCA upload workbook (issue 19): a month of demo activity, sheet by sheet."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from auditdesk.exports import cnca_monthly as cm
from auditdesk.model import (
    Audit,
    AuditStatus,
    AuditType,
    Certificate,
    CertificateEventKind,
    CertificateStatus,
    CncaReported,
    Organisation,
)
from auditdesk.rules import id_documents
from auditdesk.rules.settings import CBSettings
from auditdesk.services import cnca_reporting as rep
from auditdesk.services.certificate_events import record_event
from auditdesk.services.certificates import CertificateData, create_certificate

TODAY = dt.date(2026, 12, 3)
MONTH = "2026-11"
SHEET_NAMES = ["审核计划信息表", "证书信息表", "审核结果信息表", "能源绩效信息表"]


@pytest.fixture(scope="module")
def demo_file(built_demo):
    return built_demo(TODAY).path  # build_demo(s, today=TODAY) in a new database; copied below


@pytest.fixture
def demo_admin(monkeypatch) -> list[str]:
    """The CLI arguments that sign in as the demo's admin (writes need a signed-in user)."""
    from auditdesk.services.demo import DEMO_PASSWORD

    monkeypatch.setenv("AUDITDESK_PASSWORD", DEMO_PASSWORD)
    return ["--user", "admin"]


@pytest.fixture
def demo(demo_file, tmp_path):
    """A fresh copy of the demo database for each test, with a month of certificate activity:
    a new certificate (scope with stray blanks and a zero-width space) and a suspension."""
    from auditdesk.services.setup import open_database

    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, path)
    db = open_database(f"sqlite:///{path}")
    with db.session() as s:
        org = s.scalars(select(Organisation).order_by(Organisation.name_zh)).first()
        create_certificate(
            s,
            CertificateData(
                number="04126Q09999R0M",
                organisation_id=org.id,
                standard_key="ISO9001:2015",
                issue_date=dt.date(2026, 11, 16),
                decision_date=dt.date(2026, 11, 15),
                scope_zh="  \u200b注塑件的生产  ",
                technical_codes="14.02.01",
            ),
        )
        valid = s.scalars(
            select(Certificate)
            .where(Certificate.status == CertificateStatus.VALID)
            .order_by(Certificate.number)
        ).first()
        record_event(s, valid.id, CertificateEventKind.SUSPEND, dt.date(2026, 11, 20), "未按期监督")
    yield db
    db.close()


def _export(db, out: Path, **kw) -> cm.ExportResult:
    with db.session() as s:
        return cm.export_month(s, MONTH, out, **kw)


def _rows(path: Path, name: str) -> list[tuple]:
    wb = load_workbook(path, read_only=True)
    rows = [tuple(r) for r in wb[name].iter_rows(values_only=True)]
    wb.close()
    return rows


def test_workbook_sheet_by_sheet(demo, tmp_path):
    out = tmp_path / "cnca-2026-11.xlsx"
    result = _export(demo, out)
    assert result.issues == []
    layout = cm.load_layout()
    wb = load_workbook(out)
    assert wb.sheetnames == SHEET_NAMES  # fixed names, fixed order
    for sheet in layout.sheets:
        header = [c.value for c in wb[sheet.name][1]]
        assert header == [c.header for c in sheet.columns]
    wb.close()

    plan = _rows(out, "审核计划信息表")
    head = plan[0]
    assert head[:3] == ("审核计划编号", "被审核组织名称", "统一社会信用代码")
    # 102号: 审核方式 added, 审核员证件号码 instead of the registration number; dropped fields gone
    assert "审核方式" in head and "审核员证件号码" in head
    for dropped in ("认证机构批准号", "本次审核对应的认证证书号", "审核员注册证书编号"):
        assert dropped not in head
    body = plan[1:]
    assert len(body) >= 2
    col = {h: i for i, h in enumerate(head)}
    with demo.session() as s:
        nov = s.scalars(
            select(Audit).where(
                Audit.start_date >= dt.date(2026, 11, 1), Audit.start_date <= dt.date(2026, 11, 30)
            )
        ).all()
        members = sum(len(a.team) for a in nov if not a.archived)
    assert len(body) == members  # one row per team member of each November plan
    for row in body:
        assert row[col["审核计划编号"]].startswith("R012301")  # R + 0 + 123 + branch 01
        assert row[col["审核方式"]] in {"FS01", "FS02", "FS03"}
        assert row[col["审核类型"]] in {
            "0101",
            "0102",
            "0201",
            "0202",
            "0300",
            "0400",
            "0401",
            "0500",
        }
        number = row[col["审核员证件号码"]]
        assert id_documents.problem("id_card", number) is None  # the full number, not masked
        assert "*" not in number
        assert dt.date.fromisoformat(row[col["审核开始日期"]]).month == 11

    certs = _rows(out, "证书信息表")
    ch = {h: i for i, h in enumerate(certs[0])}
    by_number = {r[ch["证书编号"]]: r for r in certs[1:]}
    new = by_number["04126Q09999R0M"]
    assert new[ch["认证范围"]] == "注塑件的生产"  # trimmed, invisible character gone
    assert new[ch["信息变更类型"]] == "XZ"
    assert new[ch["证书状态"]] == "01"
    assert new[ch["认可标志"]] == "CNAS"
    assert new[ch["颁证日期"]] == "2026-11-16"
    suspended = [r for r in certs[1:] if r[ch["信息变更类型"]] == "ZT"]
    assert len(suspended) == 1
    assert suspended[0][ch["证书状态"]] == "02"
    assert suspended[0][ch["状态变更日期"]] == "2026-11-20"

    results = _rows(out, "审核结果信息表")
    assert results[0][:2] == ("审核计划编号", "证书编号")
    assert len(results) > 1
    for r in results[1:]:
        assert r[0].startswith("R012301") and r[1] == r[1].upper() and " " not in r[1]

    assert _rows(out, "能源绩效信息表") == [tuple(c.header for c in layout.sheet("energy").columns)]


def test_libreoffice_opens_the_workbook(demo, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice not installed")
    out = tmp_path / "cnca.xlsx"
    _export(demo, out)
    conv = tmp_path / "csv"
    conv.mkdir()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(conv),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    with open(conv / "cnca.csv", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "审核计划编号"  # the first sheet, as LibreOffice reads it
    assert len(rows) == len(_rows(out, "审核计划信息表"))


def test_planted_errors_are_listed_and_nothing_is_written(demo, tmp_path):
    with demo.session() as s:
        audit = s.scalars(
            select(Audit)
            .where(
                Audit.start_date >= dt.date(2026, 11, 1), Audit.start_date <= dt.date(2026, 11, 30)
            )
            .order_by(Audit.number)
        ).first()
        victim = audit.team[0].auditor
        victim.id_doc_no = ""  # missing 证件号码
        victim_name = victim.name_zh
        cert = s.scalars(select(Certificate).where(Certificate.number == "04126Q09999R0M")).one()
        cert.number = "04126q09999r0m"  # lower-case certificate number
        org = cert.organisation
        orphan = Audit(  # a completed November audit that serves no certificate
            number="2026-9001",
            organisation_id=org.id,
            audit_type=AuditType.SPECIAL,
            status=AuditStatus.COMPLETED,
            start_date=dt.date(2026, 11, 24),
            end_date=dt.date(2026, 11, 24),
            planned_days=1.0,
            actual_days=1.0,
            recommendation="maintain",
        )
        s.add(orphan)
    out = tmp_path / "bad.xlsx"
    with pytest.raises(cm.ExportRefused) as caught:
        _export(demo, out)
    assert not out.exists()  # refused: nothing written
    issues = caught.value.issues
    codes = {(i.sheet, i.column, i.code) for i in issues}
    assert ("审核计划信息表", "审核员证件号码", id_documents.MISSING) in codes
    assert ("证书信息表", "证书编号", cm.LOWER_CASE) in codes
    assert ("审核结果信息表", "证书编号", cm.RESULT_WITHOUT_CERTIFICATE) in codes
    assert ("审核计划信息表", "审核员姓名", cm.REQUIRED) in codes  # the orphan has no team
    missing = next(i for i in issues if i.code == id_documents.MISSING)
    assert missing.row is not None and missing.row >= 2 and missing.ref == audit.number
    layout = cm.load_layout()
    words_zh = cm.describe_issue(missing, layout, "zh")
    words_en = cm.describe_issue(missing, layout, "en")
    assert "证件号码为空" in words_zh and f"第{missing.row}行" in words_zh
    assert "ID document number missing" in words_en and "[审核员证件号码]" in words_en
    with demo.session() as s:
        assert s.scalars(select(CncaReported)).first() is None  # nothing recorded either
        assert victim_name

    # write anyway: written, problems kept, cells normalised (upper-case, no spaces)
    result = _export(demo, out, write_anyway=True)
    assert out.exists() and result.written_anyway and result.issues
    certs = _rows(out, "证书信息表")
    assert "04126Q09999R0M" in [r[0] for r in certs[1:]]
    with demo.session() as s:
        flags = set(s.scalars(select(CncaReported.written_anyway)))
    assert flags == {True}


def test_bad_checksum_and_codes(demo, tmp_path):
    with demo.session() as s:
        audit = s.scalars(
            select(Audit)
            .where(
                Audit.start_date >= dt.date(2026, 11, 1), Audit.start_date <= dt.date(2026, 11, 30)
            )
            .order_by(Audit.number)
        ).first()
        good = audit.team[0].auditor.id_doc_no
        last = "0" if good[-1] != "0" else "1"
        audit.team[0].auditor.id_doc_no = good[:-1] + last
        audit.recommendation = "maybe"
    with demo.session() as s:
        issues = cm.validate(cm.build_month(s, MONTH))
    codes = {(i.column, i.code) for i in issues}
    assert ("审核员证件号码", id_documents.BAD_CHECKSUM) in codes
    assert ("审核结论", cm.BAD_CODE) in codes
    masked = next(i for i in issues if i.code == id_documents.BAD_CHECKSUM)
    assert "*" in masked.value  # the message shows the number masked


def test_next_month_holds_what_changed_since(demo, tmp_path):
    _export(demo, tmp_path / "first.xlsx")
    with demo.session() as s:
        again = rep.select_month(s, rep.Month.parse(MONTH))
        assert again.counts() == {"plan": 0, "certificate": 0, "result": 0, "energy": 0}
        audit = s.scalars(
            select(Audit)
            .where(
                Audit.start_date >= dt.date(2026, 11, 1), Audit.start_date <= dt.date(2026, 11, 30)
            )
            .order_by(Audit.number)
        ).first()
        audit.planned_days = (audit.planned_days or 1) + 0.5
        changed_number = audit.number
    with demo.session() as s:
        later = rep.select_month(s, rep.Month.parse("2026-12"))
        assert [a.number for a in later.plans if a.number == changed_number] == [changed_number]


def test_formula_looking_text_is_stored_as_text(demo, tmp_path):
    with demo.session() as s:
        cert = s.scalars(select(Certificate).where(Certificate.number == "04126Q09999R0M")).one()
        cert.scope_zh = '=HYPERLINK("http://x","y")'
    out = tmp_path / "f.xlsx"
    _export(demo, out)
    wb = load_workbook(out)
    ws = wb["证书信息表"]
    col = [c.value for c in ws[1]].index("认证范围") + 1
    cells = [ws.cell(row=r, column=col) for r in range(2, ws.max_row + 1)]
    cell = next(c for c in cells if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s" and cell.quotePrefix


def test_dashboard_deadline_counts(demo):
    with demo.session() as s:
        due = rep.reporting_due(s, TODAY, CBSettings())
        sel = rep.select_month(s, rep.Month.parse(MONTH))
    assert due.month == MONTH and due.due == dt.date(2026, 12, 10) and not due.overdue
    assert (due.plans, due.certificates, due.results) == (
        len(sel.plans),
        len(sel.certificates),
        len(sel.results),
    )
    assert due.plans > 0 and due.certificates == 2


def test_plan_number_prefix_per_102():
    s = CBSettings(cnca_approval_no="CNCA-R-2002-123", cnca_branch_code="01")
    assert rep.plan_number_prefix(s) == "R012301"
    f = CBSettings(cnca_approval_no="CNCA-RF-2019-045", cnca_branch_code="A2", cnca_foreign_cb=True)
    assert rep.plan_number_prefix(f) == "RF045A2"[:2] + "0" + "45" + "A2"
    assert rep.plan_number_prefix(CBSettings()) == ""
    with pytest.raises(ValueError):
        CBSettings(cnca_branch_code="1")


def _first_november_audit(s) -> Audit:
    return s.scalars(
        select(Audit)
        .where(Audit.start_date >= dt.date(2026, 11, 1), Audit.start_date <= dt.date(2026, 11, 30))
        .order_by(Audit.number)
    ).first()


def test_cli_refuses_then_writes_anyway(demo, tmp_path, capsys, demo_admin):
    from auditdesk.cli import main

    with demo.session() as s:
        _first_november_audit(s).team[0].auditor.id_doc_no = ""
    db = str(tmp_path / "demo.sqlite3")
    out = tmp_path / "cli.xlsx"
    code = main(
        ["export", "cnca-monthly", "--db", db, "--month", MONTH, "--out", str(out)] + demo_admin
    )
    err = capsys.readouterr().err
    assert code == 1 and not out.exists()
    assert "证件号码为空" in err and "not written" in err
    code = main(
        [
            "export",
            "cnca-monthly",
            "--db",
            db,
            "--month",
            MONTH,
            "--out",
            str(out),
            "--write-anyway",
            *demo_admin,
        ]
    )
    assert code == 1 and out.exists()
    assert "证件号码为空" in capsys.readouterr().err
    code = main(
        ["export", "cnca-monthly", "--db", db, "--month", "2026-13", "--out", str(out)] + demo_admin
    )
    assert code == 2


def test_marks_and_energy_rows_through_the_cli(demo, tmp_path, capsys, demo_admin):
    import json

    from auditdesk.cli import main

    db = str(tmp_path / "demo.sqlite3")
    marks = ["cnca", "marks", "04126Q09999R0M", "--db", db, "--marks"]
    assert main([*marks, "ukas,CNAS"]) == 2  # a write: nobody signed in
    assert "sign in" in capsys.readouterr().err
    assert main([*marks, "ukas,CNAS", *demo_admin]) == 0
    assert main([*marks, "XYZ", *demo_admin]) == 2
    rows = [
        {
            "parameter": "单位产品综合能耗",
            "unit": "kgce/t",
            "baseline_period": "2025",
            "baseline": "12.5",
            "reporting_period": "2026",
            "value": 11.8,
        }
    ]
    (tmp_path / "energy.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    assert (
        main(
            [
                "cnca",
                "energy",
                "04126Q09999R0M",
                "--file",
                str(tmp_path / "energy.json"),
                "--db",
                db,
                *demo_admin,
            ]
        )
        == 0
    )
    with demo.session() as s:
        data = cm.build_month(s, MONTH)
        issues = cm.validate(data)
    cert_rows = {r.ref: r for r in data.rows["certificate"]}
    marks_col = [c.header for c in data.layout.sheet("certificate").columns].index("认可标志")
    assert cert_rows["04126Q09999R0M"].cells[marks_col] == "CNAS;UKAS"
    energy = data.rows["energy"]
    assert [r.ref for r in energy] == ["04126Q09999R0M"] and energy[0].cells[4] == 12.5
    # a QMS certificate with energy rows: the cross-sheet rule says no
    assert [(i.sheet, i.code) for i in issues] == [("能源绩效信息表", cm.ENERGY_NOT_ENMS)]
    assert main(["cnca", "due", "--today", "2026-12-03", "--db", db]) == 0
    assert "2026-11 data due 2026-12-10" in capsys.readouterr().out
