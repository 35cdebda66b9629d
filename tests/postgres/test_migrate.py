"""``auditdesk migrate``: a laptop's SQLite database copied whole to the central server, change
log (seq and hashes) and attachment files included, and ``auditdesk check`` passes on it."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import func, select, text

from auditdesk.cli import main
from auditdesk.model import (
    Attachment,
    AuditType,
    ChangeLogEntry,
    Clause,
    EvidenceItem,
    EvidenceType,
    Organisation,
    utcnow,
)
from auditdesk.services.audits import AuditData, create_audit
from auditdesk.services.certificates import CertificateData, create_certificate
from auditdesk.services.clients import OrganisationData, create_organisation
from auditdesk.services.search import search
from auditdesk.services.setup import open_database
from auditdesk.storage.attachments import AttachmentStore
from auditdesk.storage.integrity import check_database
from auditdesk.storage.migrate_db import MigrationRefused, copy_database

PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20
PHOTO_SHA = hashlib.sha256(PHOTO).hexdigest()


@pytest.fixture
def laptop(tmp_path):
    """A laptop database with a client, certificate, audit, evidence and a photo."""
    url = f"sqlite:///{tmp_path / 'laptop' / 'laptop.sqlite3'}"
    db = open_database(url, create=True)
    with db.session() as s:
        stored = AttachmentStore.for_session(s).put_bytes(PHOTO, "仓库.png")
        org = create_organisation(s, OrganisationData(name_zh="深圳市示例科技有限公司"))
        cert = create_certificate(
            s,
            CertificateData(
                number="00126Q30001R1M",
                organisation_id=org.id,
                standard_key="ISO9001:2015",
                issue_date=dt.date(2026, 3, 15),
            ),
        )
        audit = create_audit(
            s,
            AuditData(
                certificate_ids=[cert.id],
                audit_type=AuditType.SURVEILLANCE_1,
                start_date=dt.date(2027, 1, 18),
                end_date=dt.date(2027, 1, 19),
            ),
        )
        ev = EvidenceItem(
            audit_id=audit.id,
            evidence_type=EvidenceType.RECORD,
            observed_at=utcnow(),
            description="抽查了仓库温湿度记录。",
            seq=1,
        )
        ev.clauses = [s.scalar(select(Clause).where(Clause.number == "7.1.4"))]
        s.add(ev)
        s.flush()
        s.add(
            Attachment(
                evidence_id=ev.id,
                audit_id=audit.id,
                sha256=stored.sha256,
                filename="仓库.png",
                size=stored.size,
                is_photo=True,
            )
        )
    db.close()
    return url


def _log(url):
    db = open_database(url)
    with db.session() as s:
        rows = s.execute(
            select(ChangeLogEntry.seq, ChangeLogEntry.hash).order_by(ChangeLogEntry.seq)
        ).all()
    db.close()
    return rows


def test_laptop_to_central_copies_everything_and_check_passes(laptop, empty_pg_url, tmp_path):
    report = copy_database(laptop, empty_pg_url)
    assert report.ok, report.problems
    assert all(t.source == t.target for t in report.tables)
    assert {t.table: t.target for t in report.tables}["attachment"] == 1
    assert report.attachment_files == 1 and (tmp_path / "central-files").is_dir()
    assert _log(empty_pg_url) == _log(laptop)  # seq and hashes exactly
    result = check_database(empty_pg_url)
    assert result.ok, result.problems
    assert result.attachments_checked == 1

    db = open_database(empty_pg_url)  # the central database is a working AuditDesk database
    with db.session() as s:
        assert [h.kind for h in search(s, "仓库")] == ["evidence"]
        assert s.scalar(select(func.count()).select_from(Organisation)) == 1
        create_organisation(
            s, OrganisationData(name_zh="北京燕京啤酒有限公司")
        )  # sequences moved on
    db.close()
    assert check_database(empty_pg_url).ok


def test_migrate_command_then_check_command(laptop, empty_pg_url, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("AUDITDESK_FILES")  # --files becomes the office's storage.files_root setting
    files = tmp_path / "office-share"
    assert main(["migrate", "--from", laptop, "--to", empty_pg_url, "--files", str(files)]) == 0
    out = capsys.readouterr().out
    assert "OK:" in out and "same as the source: True" in out
    assert (files / PHOTO_SHA[:2] / PHOTO_SHA[2:]).is_file()
    assert main(["check", "--db", empty_pg_url]) == 0
    assert "OK:" in capsys.readouterr().out


def test_a_target_holding_data_is_refused(laptop, db_url):
    with pytest.raises(MigrationRefused) as info:
        copy_database(laptop, db_url)
    assert info.value.code == "target_not_empty"


def test_a_value_the_server_refuses_names_the_table(laptop, empty_pg_url):
    import sqlite3

    path = laptop.removeprefix("sqlite:///")
    con = sqlite3.connect(path)
    con.execute("UPDATE organisation SET province = ?", ("省" * 300,))  # SQLite ignores VARCHAR(n)
    con.commit()
    con.close()
    with pytest.raises(MigrationRefused) as info:
        copy_database(laptop, empty_pg_url)
    assert info.value.code == "value_rejected" and "organisation" in str(info.value)
    db = open_database(empty_pg_url)
    with db.session() as s:  # all or nothing: the failed copy left the target empty
        assert s.scalar(text("SELECT count(*) FROM change_log")) == 0
    db.close()


def test_a_server_database_without_a_files_folder_refuses_attachments(database, monkeypatch):
    from auditdesk.services.errors import ValidationFailed
    from auditdesk.services.evidence import store_for

    monkeypatch.delenv("AUDITDESK_FILES")
    with pytest.raises(ValidationFailed) as info, database.session() as s:
        store_for(s)
    assert info.value.errors == {"attachment": "no_store"}
