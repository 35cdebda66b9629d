"""Issue 17.8: the import templates format the credit-code column as text and offer drop-downs
(openpyxl DataValidation) for standards, certificate states and rule sets; every value a
drop-down offers imports."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from sqlalchemy import select

from auditdesk.exchange.excel_import import import_workbook
from auditdesk.exchange.template import LISTS_SHEET, TEMPLATE_ROWS, list_values, write_template
from auditdesk.model import Certificate, CertificateStatus
from auditdesk.rules.credit_code import check_character


def _column(ws, header: str) -> int:
    return next(c.column for c in ws[1] if c.value == header)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_credit_code_column_is_text(tmp_path, lang):
    path = write_template("certificates", tmp_path / "t.xlsx", lang)
    ws = openpyxl.load_workbook(path).worksheets[0]
    col = _column(ws, "统一社会信用代码" if lang == "zh" else "credit_code")
    formats = {ws.cell(row=r, column=col).number_format for r in range(2, TEMPLATE_ROWS + 2)}
    assert formats == {"@"}
    clients = openpyxl.load_workbook(write_template("clients", tmp_path / "c.xlsx", lang))
    ws = clients.worksheets[0]
    col = _column(ws, "统一社会信用代码" if lang == "zh" else "credit_code")
    assert ws.cell(row=2, column=col).number_format == "@"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_standards_states_and_rule_sets_have_drop_downs(tmp_path, lang):
    path = write_template("certificates", tmp_path / "t.xlsx", lang)
    wb = openpyxl.load_workbook(path)
    ws, lists = wb.worksheets[0], wb[LISTS_SHEET]
    assert lists.sheet_state == "hidden"
    heads = {"zh": ("认证标准", "证书状态", "认证规则"), "en": ("standard", "status", "rule_set")}[
        lang
    ]
    letters = [ws.cell(row=1, column=_column(ws, h)).column_letter for h in heads]
    validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    offered = list_values(lang)
    for letter, field in zip(letters, ("standard", "status", "rule_set"), strict=True):
        dv = validations[f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"]
        assert dv.type == "list" and dv.showErrorMessage
        assert dv.errorStyle == ("warning" if field == "standard" else "stop")
        sheet, cells = dv.formula1.lstrip("=").split("!")
        first, last = cells.replace("$", "").split(":")
        values = [c.value for row in wb[sheet][first:last] for c in row]
        assert tuple(values) == offered[field] and values
    assert "ISO 9001:2015" in offered["standard"] and "CNCA-QMS-01:2025" in offered["rule_set"]
    assert offered["status"] == (
        ("有效", "暂停", "撤销", "过期", "注销")
        if lang == "zh"
        else ("valid", "suspended", "withdrawn", "expired", "cancelled")
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_offered_value_imports(session, tmp_path, lang):
    path = write_template("certificates", tmp_path / "t.xlsx", lang)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    heads = [c.value for c in ws[1]]
    offered = list_values(lang)
    rows = []
    for i, state in enumerate(offered["status"]):
        base = f"91440300{i}MA5D8P9K"
        rows.append(
            {
                "证书编号": f"T-{i}",
                "组织名称": f"模板公司{i}",
                "统一社会信用代码": base + check_character(base),
                "认证标准": offered["standard"][i % len(offered["standard"])],
                "颁证日期": dt.date(2025, 4, 1),
                "认证规则": "CNCA-QMS-01:2025" if i == 0 else "",
                "证书状态": state,
            }
        )
    en = {
        "证书编号": "certificate_no",
        "组织名称": "organisation",
        "统一社会信用代码": "credit_code",
        "认证标准": "standard",
        "颁证日期": "issue_date",
        "认证规则": "rule_set",
        "证书状态": "status",
    }
    for r, values in enumerate(rows, start=2):
        for key, value in values.items():
            ws.cell(row=r, column=heads.index(key if lang == "zh" else en[key]) + 1, value=value)
    wb.save(path)
    report = import_workbook(session, path, "certificates")
    assert report.created["certificate"] == len(rows), report
    stored = {c.number: c for c in session.scalars(select(Certificate))}
    assert stored["T-0"].rule_set_id == "CNCA-QMS-01:2025"
    assert [stored[f"T-{i}"].status for i in range(len(rows))] == list(CertificateStatus)[:5]
    assert stored["T-0"].organisation.credit_code == rows[0]["统一社会信用代码"]
