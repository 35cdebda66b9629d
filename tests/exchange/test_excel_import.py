"""Excel import of certificates and clients: headers in Chinese or English in any order,
values as people type them, errors per row and column, all-or-nothing, idempotent."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from auditdesk.exchange.errors import ImportRejected, WorkbookUnreadable
from auditdesk.exchange.excel_import import import_workbook
from auditdesk.exchange.template import write_template
from auditdesk.model import (
    Audit,
    AuditStatus,
    AuditType,
    Certificate,
    CertificateStatus,
    Organisation,
)
from tests.exchange.conftest import table_counts

ZH = [
    "证书编号",
    "组织名称",
    "统一社会信用代码",
    "认证标准",
    "认证范围",
    "颁证日期",
    "有效期至",
    "认证规则",
    "有效人数",
    "专业代码",
    "审核组长",
    "省份",
    "监督一完成日期",
    "监督二完成日期",
    "证书状态",
]
CODE_A, CODE_B = "914403001922038216", "91110000600037341L"


def _cert(session, number):
    return session.scalar(select(Certificate).where(Certificate.number == number))


def test_chinese_headers_and_real_world_values(session, xlsx):
    path = xlsx(
        [
            ZH,
            [
                "00126Q30001R1M",
                " 深圳市示例科技有限公司 ",
                "９１４４０３００１９２２０３８２１６",
                "GB/T19001-2016/ISO9001:2015",
                "电子产品的设计和生产",
                dt.datetime(2026, 3, 15),
                "2029/3/14",
                "CNCA-QMS-01:2025",
                "１２０",
                "19.05.01，29.10.00",
                "张伟",
                "广东省",
                "2027年1月20日",
                None,
                "有效",
            ],
            [
                "00125E30002R0M",
                "深圳市示例科技有限公司",
                CODE_A,
                "ISO 14001:2015",
                "",
                "2025-06-01",
                "",
                "",
                120,
                "",
                "",
                "广东省",
                46000,
                "2027.5.20",
                "suspended",
            ],
            [
                "00125S30003R0M",
                "北京示例有限公司",
                CODE_B,
                "iso45001",
                "",
                "20240110",
                "2027-01-09",
                "",
                "",
                "",
                "",
                "北京市",
                "",
                "",
                "注销",
            ],
        ]
    )
    report = import_workbook(session, path, "certificates")
    assert report.rows_read == 3
    assert report.created == {"organisation": 2, "certificate": 3, "audit": 3}
    q = _cert(session, "00126Q30001R1M")
    assert q.standard.key.startswith("ISO9001") and q.issue_date == dt.date(2026, 3, 15)
    assert q.expiry_date == dt.date(2029, 3, 14) and q.rule_set_id == "CNCA-QMS-01:2025"
    assert q.technical_codes == "19.05.01,29.10.00" and q.organisation.credit_code == CODE_A
    assert (
        q.organisation.name_zh == "深圳市示例科技有限公司"
        and q.organisation.effective_personnel == 120
    )
    e = _cert(session, "00125E30002R0M")
    assert e.organisation_id == q.organisation_id and e.status == CertificateStatus.SUSPENDED
    assert e.expiry_date == dt.date(2028, 5, 31)  # issue + 3 years - 1 day
    assert _cert(session, "00125S30003R0M").status == CertificateStatus.CANCELLED
    audits = {(a.audit_type, a.end_date, a.status) for a in e.audits}
    assert audits == {
        (AuditType.SURVEILLANCE_1, dt.date(2025, 12, 9), AuditStatus.COMPLETED),
        (AuditType.SURVEILLANCE_2, dt.date(2027, 5, 20), AuditStatus.COMPLETED),
    }


def test_english_headers_in_any_order(session, xlsx):
    path = xlsx(
        [
            ["status", "issue_date", "standard", "organisation", "certificate_no", "Remarks"],
            [
                "valid",
                "2026-01-05",
                "ISO 9001",
                "上海示例有限公司",
                "Q-0001",
                "imported from old sheet",
            ],
        ]
    )
    report = import_workbook(session, path, "certificates")
    assert report.created["certificate"] == 1 and report.ignored_columns == ["Remarks"]
    assert _cert(session, "Q-0001").organisation.name_zh == "上海示例有限公司"


def test_every_bad_cell_is_reported_and_nothing_is_written(session, xlsx):
    before = table_counts(session)
    path = xlsx(
        [
            ZH,
            [
                "A-1",
                "甲公司",
                "914403001922038217",
                "ISO 9001",
                "",
                "2026-03-15",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
            ["A-1", "乙公司", "", "ISO 9001", "", "2026-03-15", "", "", "", "", "", "", "", "", ""],
            [
                "A-3",
                "丙公司",
                "",
                "ISO 9001",
                "",
                "2026-03-15",
                "2026-03-01",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
            [
                "A-4",
                "丁公司",
                "",
                "ISO 99999",
                "",
                "2026-03-15",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
            [
                "A-5",
                "",
                "",
                "ISO 9001",
                "",
                "2026-02-30",
                "",
                "",
                "-3",
                "",
                "",
                "",
                "",
                "",
                "maybe",
            ],
            ["A-6", "戊公司", "", "ISO 9001", "", "2026-03-15", "", "", "", "", "", "", "", "", ""],
        ]
    )
    with pytest.raises(ImportRejected) as info:
        import_workbook(session, path, "certificates")
    found = {(e.row, e.column, e.value, e.reason) for e in info.value.errors}
    assert found == {
        (2, "统一社会信用代码", "914403001922038217", "credit_code.checksum"),
        (3, "证书编号", "A-1", "duplicate_in_file:row 2"),
        (4, "有效期至", "2026-03-01", "expiry_before_issue"),
        (5, "认证标准", "ISO 99999", "unknown_standard"),
        (6, "组织名称", "", "required"),
        (6, "颁证日期", "2026-02-30", "invalid_date"),
        (6, "有效人数", "-3", "negative"),
        (6, "证书状态", "maybe", "unknown_status"),
    }
    assert table_counts(session) == before


def test_reimporting_the_same_file_changes_nothing(session, xlsx):
    rows = [
        ZH,
        [
            "B-1",
            "甲公司",
            CODE_A,
            "ISO 9001",
            "范围",
            "2026-03-15",
            "",
            "",
            50,
            "",
            "",
            "",
            "2027-02-01",
            "",
            "有效",
        ],
    ]
    path = xlsx(rows)
    import_workbook(session, path, "certificates")
    before = table_counts(session)
    report = import_workbook(session, path, "certificates")
    assert report.created == {} and report.updated == {}
    assert report.unchanged == {"organisation": 1, "certificate": 1, "audit": 1}
    assert table_counts(session) == before  # not even a change-log row


def test_a_changed_row_updates_the_certificate_matched_by_number(session, xlsx):
    row = [
        "B-1",
        "甲公司",
        CODE_A,
        "ISO 9001",
        "范围",
        "2026-03-15",
        "",
        "",
        50,
        "",
        "",
        "",
        "",
        "",
        "有效",
    ]
    import_workbook(session, xlsx([ZH, row]), "certificates")
    row[4], row[14] = "新范围", "暂停"
    report = import_workbook(session, xlsx([ZH, row]), "certificates")
    assert report.updated == {"certificate": 1}
    cert = _cert(session, "B-1")
    assert cert.scope_zh == "新范围" and cert.status == CertificateStatus.SUSPENDED


def test_dry_run_reports_but_writes_nothing(session, xlsx):
    before = table_counts(session)
    path = xlsx(
        [
            ZH,
            [
                "C-1",
                "甲公司",
                "",
                "ISO 9001",
                "",
                "2026-03-15",
                "",
                "",
                "",
                "",
                "",
                "",
                "2027-01-01",
                "",
                "",
            ],
        ]
    )
    report = import_workbook(session, path, "certificates", dry_run=True)
    assert report.dry_run and report.created == {"organisation": 1, "certificate": 1, "audit": 1}
    assert table_counts(session) == before


def test_surveillance_done_before_issue_is_an_error(session, xlsx):
    path = xlsx(
        [
            ZH,
            [
                "D-1",
                "甲公司",
                "",
                "ISO 9001",
                "",
                "2026-03-15",
                "",
                "",
                "",
                "",
                "",
                "",
                "2026-01-01",
                "2025-12-01",
                "",
            ],
        ]
    )
    with pytest.raises(ImportRejected) as info:
        import_workbook(session, path, "certificates")
    assert {(e.field, e.reason) for e in info.value.errors} == {
        ("surveillance_1_done", "before_issue"),
        ("surveillance_2_done", "before_surveillance_1"),
    }


def test_missing_required_column_refuses_the_workbook(session, xlsx):
    path = xlsx([["证书编号", "组织名称", "颁证日期"], ["E-1", "甲公司", "2026-03-15"]])
    with pytest.raises(WorkbookUnreadable) as info:
        import_workbook(session, path, "certificates")
    assert info.value.reason == "missing_columns" and info.value.details["columns"] == ["standard"]


def test_not_a_workbook_is_refused(session, tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_text("证书编号,组织名称\n", encoding="utf-8")
    with pytest.raises(WorkbookUnreadable) as info:
        import_workbook(session, path, "certificates")
    assert info.value.reason == "not_xlsx"


def test_clients_import_matches_on_credit_code(session, xlsx):
    path = xlsx(
        [
            ["联系人", "组织名称", "统一社会信用代码", "有效人数", "地址", "邮箱"],
            ["王芳", "甲公司", CODE_A, "80人", "深圳市 南山区", "qa@example.cn"],
            ["", "乙公司", "", "", "", ""],
        ]
    )
    report = import_workbook(session, path, "clients")
    assert report.created == {"organisation": 2}
    org = session.scalar(select(Organisation).where(Organisation.credit_code == CODE_A))
    assert (org.contact_name, org.effective_personnel, org.address) == ("王芳", 80, "深圳市 南山区")
    assert import_workbook(session, path, "clients").unchanged == {"organisation": 2}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_exported_template_imports_once_filled_in(session, tmp_path, lang):
    import openpyxl

    path = write_template("certificates", tmp_path / "t.xlsx", lang)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    values = {
        "证书编号": "T-1",
        "certificate_no": "T-1",
        "组织名称": "模板公司",
        "organisation": "模板公司",
        "认证标准": "ISO 27001",
        "standard": "ISO 27001",
        "颁证日期": dt.date(2026, 4, 1),
        "issue_date": dt.date(2026, 4, 1),
    }
    for i, h in enumerate(headers, start=1):
        ws.cell(row=2, column=i, value=values.get(h))
    wb.save(path)
    report = import_workbook(session, path, "certificates")
    assert report.created["certificate"] == 1
    assert (
        session.scalar(select(Audit).join(Audit.certificates).where(Certificate.number == "T-1"))
        is None
    )


def test_imported_done_dates_feed_the_programme(session, xlsx):
    from auditdesk.services.programme import certificate_programme

    path = xlsx(
        [
            ZH,
            [
                "P-1",
                "甲公司",
                "",
                "ISO 9001",
                "",
                "2026-03-15",
                "",
                "CNCA-QMS-01:2025",
                "",
                "",
                "",
                "",
                "2027-01-20",
                "",
                "有效",
            ],
        ]
    )
    import_workbook(session, path, "certificates")
    prog = certificate_programme(session, _cert(session, "P-1").id, on=dt.date(2027, 2, 1))
    assert prog.facts.surveillance_1_done == dt.date(2027, 1, 20)
    assert prog.facts.surveillance_2_done is None


def _big_sheet(n):
    import random

    from auditdesk.rules.credit_code import generate

    rng = random.Random(7)
    standards = ["GB/T19001-2016/ISO9001:2015", "ISO 14001:2015", "iso45001", "ISO/IEC 27001:2022"]
    rows = [
        [
            "证书编号",
            "组织名称",
            "统一社会信用代码",
            "认证标准",
            "颁证日期",
            "监督一完成日期",
            "证书状态",
            "有效人数",
        ]
    ]
    for i in range(n):
        year = rng.randint(2023, 2025)
        rows.append(
            [
                f"BIG-{i:05d}",
                f"测试公司{i // 2}",
                generate(rng) if i % 2 == 0 else None,
                standards[i % 4],
                f"{year}/{rng.randint(1, 12)}/{rng.randint(1, 28)}",
                f"{year + 1}年{rng.randint(1, 12)}月1日",
                rng.choice(["有效", "valid", "暂停"]),
                rng.randint(5, 900),
            ]
        )
    return rows


def test_three_hundred_rows_import_once_and_reimport_changes_nothing(session, xlsx):
    path = xlsx(_big_sheet(300))
    report = import_workbook(session, path, "certificates")
    assert report.rows_read == 300
    assert report.created == {"organisation": 150, "certificate": 300, "audit": 300}
    before = table_counts(session)
    assert import_workbook(session, path, "certificates").unchanged == {
        "organisation": 150,
        "certificate": 300,
        "audit": 300,
    }
    assert table_counts(session) == before


def test_a_failure_while_writing_the_last_row_rolls_back_every_row(session, xlsx, monkeypatch):
    from auditdesk.exchange import excel_import
    from auditdesk.services.errors import ValidationFailed

    real = excel_import._new_audit

    def failing(s, number, cert, audit_type, done):
        if cert.number == "BIG-00049":
            raise ValidationFailed("audit: refused", {"end_date": "before_start"})
        return real(s, number, cert, audit_type, done)

    monkeypatch.setattr(excel_import, "_new_audit", failing)
    before = table_counts(session)
    with pytest.raises(ImportRejected) as info:
        import_workbook(session, xlsx(_big_sheet(50)), "certificates")
    assert [(e.row, e.field, e.reason) for e in info.value.errors] == [
        (51, "surveillance_1_done", "before_start")
    ]
    assert table_counts(session) == before


def test_a_workbook_whose_stored_dimension_is_too_small_imports_every_row(session, tmp_path):
    """openpyxl's read-only mode trusts <dimension ref>: a file saying A1:B3 over 6 data rows
    imported 2 of 6 rows with exit 0. reset_dimensions() reads what LibreOffice reads."""
    import re
    import zipfile

    from auditdesk.exchange.excel_import import import_workbook
    from tests.exchange.conftest import write_xlsx

    good = write_xlsx(
        tmp_path / "good.xlsx",
        [["组织名称", "地址"], *[[f"维度测试公司{i}", f"地址{i}"] for i in range(6)]],
    )
    bad = tmp_path / "small_dimension.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                assert "<dimension" in text
                data = re.sub(r'<dimension ref="[^"]+"', '<dimension ref="A1:B3"', text).encode()
            dst.writestr(item, data)
    report = import_workbook(session, bad, "clients")
    assert report.rows_read == 6 and report.created == {"organisation": 6}
