"""Building good and hostile packages for the exchange tests, and the office they come from
(``build_office``: one planned audit with evidence, an NC and a photo), shared with the UI,
CLI and PostgreSQL tests."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

from sqlalchemy import func, inspect, select, text

from auditdesk.exchange.package import export_package, import_package
from auditdesk.model import (
    Attachment,
    Audit,
    Auditor,
    AuditType,
    Certificate,
    Clause,
    EvidenceItem,
    EvidenceType,
    NCGrade,
    Nonconformity,
    Role,
    Standard,
    TeamRole,
    utcnow,
)
from auditdesk.services.audits import AuditData, create_audit
from auditdesk.services.certificates import CertificateData, create_certificate
from auditdesk.services.clients import OrganisationData, create_organisation
from auditdesk.services.nonconformities import NCDraft, issue_nc, raise_nc
from auditdesk.services.setup import open_database
from auditdesk.services.users import create_user
from auditdesk.storage.attachments import AttachmentStore


def rewrite(src: Path, dst: Path, *, manifest=None, files=None, extra=()):
    """Copy a package, optionally changing its manifest (a function) or entries (name -> bytes)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "manifest.json" and manifest is not None:
                data = json.dumps(manifest(json.loads(data))).encode()
            if files and info.filename in files:
                data = files[info.filename]
            zout.writestr(info.filename, data)
        for item in extra:
            if isinstance(item, zipfile.ZipInfo):
                zout.writestr(item, b"/etc/passwd")
            else:
                zout.writestr(*item)
    return dst


def everything(database) -> dict[str, int]:
    """Row counts of every table, change log included: 'nothing written' means equal."""
    names = inspect(database.engine).get_table_names()
    with database.engine.connect() as conn:
        return {
            n: conn.execute(select(func.count()).select_from(text(f'"{n}"'))).scalar_one()
            for n in names
        }


def store_of(database):
    from auditdesk.storage.attachments import AttachmentStore

    with database.session() as s:
        return AttachmentStore.for_session(s)


def store_files(database) -> set[str]:
    root = store_of(database).root
    return {p.name for p in root.rglob("*") if p.is_file()} if root.exists() else set()


PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


def _clause(s, number, key="ISO9001:2015"):
    return s.scalar(
        select(Clause).join(Standard).where(Standard.key == key, Clause.number == number)
    )


def client_with_an_audit(s, client, *, certificate, issued, lead, days, evidence):
    """A client with one ISO 9001 certificate, a first surveillance led by ``lead`` on ``days``
    (first, last) and one record seen there; returns (audit, evidence item)."""
    org = create_organisation(s, client)
    cert = create_certificate(
        s,
        CertificateData(
            number=certificate,
            organisation_id=org.id,
            standard_key="ISO9001:2015",
            issue_date=issued,
        ),
    )
    s.add(lead)
    s.flush()
    audit = create_audit(
        s,
        AuditData(
            certificate_ids=[cert.id],
            audit_type=AuditType.SURVEILLANCE_1,
            start_date=days[0],
            end_date=days[1],
            team=[(lead.id, TeamRole.TEAM_LEADER)],
        ),
    )
    ev = EvidenceItem(
        audit_id=audit.id,
        evidence_type=EvidenceType.RECORD,
        observed_at=utcnow(),
        description=evidence,
        seq=1,
    )
    s.add(ev)
    s.flush()
    return audit, ev


def build_office(database):
    with database.session() as s:
        store = AttachmentStore.for_session(s)
    photo = store.put_bytes(PHOTO, "warehouse.png")
    with database.session() as s:
        audit, ev = client_with_an_audit(
            s,
            OrganisationData(name_zh="深圳市示例科技有限公司", credit_code="914403001922038216"),
            certificate="00126Q30001R1M",
            issued=dt.date(2026, 3, 15),
            lead=Auditor(name_zh="张伟", name_en="Zhang Wei"),
            days=(dt.date(2027, 1, 18), dt.date(2027, 1, 19)),
            evidence="抽查了2026年12月的仓库温湿度记录。",
        )
        ev.clauses = [_clause(s, "7.1.4")]
        s.add(ev)
        s.flush()
        s.add(
            Attachment(
                evidence_id=ev.id,
                audit_id=audit.id,
                sha256=photo.sha256,
                filename="warehouse.png",
                size=photo.size,
                is_photo=True,
            )
        )
        s.add(
            Nonconformity(
                audit_id=audit.id,
                clause_id=_clause(s, "7.1.5").id,
                number="NC-1",
                grade=NCGrade.MINOR,
                requirement="监视和测量资源应得到校准",
                evidence_text="量具未校准",
                reason="不符合7.1.5",
            )
        )
        create_user(s, "li", "lead-pass-1", Role.LEAD)
    return database, audit.id, ev.id


def refused(laptop, path, password=None):
    """Import a package that must be refused; assert nothing was written; the reason code."""
    import pytest

    from auditdesk.exchange.errors import PackageRefused
    from auditdesk.exchange.package import import_package

    before, files = everything(laptop), store_files(laptop)
    with pytest.raises(PackageRefused) as info, laptop.session() as s:
        import_package(s, path, password=password)
    assert everything(laptop) == before, "a refused package wrote to the database"
    assert store_files(laptop) == files, "a refused package wrote to the attachment store"
    assert str(info.value)
    return info.value.reason


def earlier_recertification(s, audit_id):
    """The recertification of March 2026 before ``audit_id``, on the same certificate, led by
    the same lead, with one record seen there: the client's history. Returns (audit, evidence)."""
    cert = s.scalar(select(Certificate))
    lead = s.get(Audit, audit_id).team[0].auditor_id
    earlier = create_audit(
        s,
        AuditData(
            certificate_ids=[cert.id],
            audit_type=AuditType.RECERTIFICATION,
            start_date=dt.date(2026, 3, 10),
            end_date=dt.date(2026, 3, 11),
            team=[(lead, TeamRole.TEAM_LEADER)],
        ),
    )
    seen = EvidenceItem(
        audit_id=earlier.id,
        evidence_type=EvidenceType.RECORD,
        observed_at=utcnow(),
        description="2026年3月再认证：抽查校准记录",
        seq=1,
    )
    s.add(seen)
    s.flush()
    return earlier, seen


def laptop_with_history(database, tmp_path):
    """An office with an audit and an earlier recertification of the same certificate (an issued
    minor NC on it), and a laptop filled with the audit's package: the earlier audit is there as
    the client's history. Returns (office, laptop, audit id, earlier audit id, NC id); the caller
    closes the laptop."""
    db, audit_id, _ = build_office(database)
    with db.session() as s:
        earlier, seen = earlier_recertification(s, audit_id)
        nc = raise_nc(
            s,
            NCDraft(
                audit_id=earlier.id,
                clause_id=_clause(s, "7.1.5").id,
                grade=NCGrade.MINOR,
                requirement="GB/T 19001-2016 7.1.5",
                evidence_text="量具未校准",
                reason="未满足要求",
                evidence_ids=[seen.id],
            ),
            on=dt.date(2026, 3, 11),
        )
        issue_nc(s, nc.id, on=dt.date(2026, 3, 11))
        earlier_id, nc_id = earlier.id, nc.id
    path = tmp_path / "fill.adpkg"
    with db.session() as s:
        export_package(s, [audit_id], path)
    lap = open_database(f"sqlite:///{tmp_path / 'laptop' / 'l.sqlite3'}", create=True)
    with lap.session() as s:
        import_package(s, path)
    return db, lap, audit_id, earlier_id, nc_id
