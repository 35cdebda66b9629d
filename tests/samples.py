"""Shared sample data for the tests: ``make_sample`` (two clients, two certificates, an auditor,
an audit and two NCs, one overdue) and ``modified_standard`` (a standards file to load). A helper module, not a test file,
so that importing it collects no tests twice."""

from __future__ import annotations

import datetime as dt
import json

from auditdesk.model import (
    Auditor,
    AuditorGrade,
    AuditStatus,
    AuditType,
    NCGrade,
    NCState,
    Nonconformity,
)
from auditdesk.services.audits import AuditData, create_audit
from auditdesk.services.certificates import CertificateData, create_certificate
from auditdesk.services.clients import OrganisationData, create_organisation

TODAY = dt.date(2027, 6, 1)


def make_sample(session, today: dt.date = TODAY) -> dict:
    """Two clients, two certificates, an auditor, an audit and two NCs (one overdue)."""
    a = create_organisation(
        session,
        OrganisationData(
            "深圳华强电子有限公司",
            credit_code="914403001922038216",
            name_en="Shenzhen Huaqiang Electronics",
            city="深圳",
            effective_personnel=120,
        ),
    )
    b = create_organisation(
        session,
        OrganisationData(
            "北京燕京啤酒有限公司",
            name_en="Beijing Yanjing Brewery",
            city="北京",
            effective_personnel=40,
        ),
    )
    ca = create_certificate(
        session,
        CertificateData(
            "CN-Q-0001",
            a.id,
            "ISO9001:2015",
            dt.date(2026, 3, 15),
            scope_zh="电子元器件的生产",
            technical_codes="19.05.01",
        ),
    )
    cb = create_certificate(
        session,
        CertificateData(
            "CN-Q-0002", b.id, "ISO9001:2015", dt.date(2025, 1, 10), scope_zh="啤酒的生产"
        ),
    )
    auditor = Auditor(
        name_zh="王审核",
        name_en="Wang Shenhe",
        ccaa_no="2024-N1QMS-1234567",
        grade=AuditorGrade.LEAD_AUDITOR,
        schemes=["QMS"],
        technical_codes="19.05",
        registration_expiry=dt.date(2029, 1, 1),
    )
    session.add(auditor)
    session.flush()
    audit = create_audit(
        session,
        AuditData(
            [ca.id],
            AuditType.SURVEILLANCE_1,
            start_date=today + dt.timedelta(days=20),
            end_date=today + dt.timedelta(days=21),
            planned_days=2.0,
        ),
    )
    done = create_audit(
        session,
        AuditData(
            [cb.id],
            AuditType.SURVEILLANCE_1,
            start_date=dt.date(2026, 1, 5),
            end_date=dt.date(2026, 1, 6),
            status=AuditStatus.COMPLETED,
        ),
    )
    overdue = Nonconformity(
        audit_id=done.id,
        number="NC-2026-0001-01",
        grade=NCGrade.MINOR,
        state=NCState.ISSUED,
        evidence_text="未保留内审记录",
        issued_on=dt.date(2026, 1, 6),
        response_due=today - dt.timedelta(days=5),
    )
    fine = Nonconformity(
        audit_id=done.id,
        number="NC-2026-0001-02",
        grade=NCGrade.MAJOR,
        state=NCState.ISSUED,
        evidence_text="calibration records missing",
        issued_on=today,
        response_due=today + dt.timedelta(days=30),
    )
    session.add_all([overdue, fine])
    session.flush()
    return {
        "clients": (a, b),
        "certs": (ca, cb),
        "auditor": auditor,
        "audit": audit,
        "done": done,
        "ncs": (overdue, fine),
    }


def modified_standard(tmp_path):
    from auditdesk.paths import resource

    data = json.loads(resource("standards", "iso9001-2015.json").read_text(encoding="utf-8"))
    data["key"], data["code"] = "ISO9001:2099", "ISO 9001:2099"
    data["title_zh"] = "质量管理体系 要求（测试版）"
    data["aliases"] = ["ISO 9001:2099"]
    path = tmp_path / "iso9001-2099.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
