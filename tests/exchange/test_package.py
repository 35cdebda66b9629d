"""Offline audit packages: office -> laptop -> office with a deliberate conflict, attachments
by hash, encryption, and merges that never drop a note."""

from __future__ import annotations

import json
import zipfile

import pytest
from sqlalchemy import func, select

from auditdesk.exchange.conflicts import decoded, list_conflicts, resolve_conflict
from auditdesk.exchange.errors import PackageRefused
from auditdesk.exchange.package import audits_of_team_leader, export_package, import_package
from auditdesk.model import (
    Attachment,
    Audit,
    EvidenceItem,
    EvidenceType,
    Nonconformity,
    Role,
    utcnow,
)
from auditdesk.services.errors import PermissionDenied
from auditdesk.services.setup import open_database
from auditdesk.services.users import create_user
from auditdesk.storage.attachments import AttachmentStore
from auditdesk.storage.integrity import check_database
from tests.exchange.package_helpers import _clause


def _laptop(tmp_path):
    return open_database(f"sqlite:///{tmp_path / 'laptop' / 'laptop.sqlite3'}", create=True)


def _count(db, model):
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_round_trip_laptop_to_office_with_a_conflict(office, tmp_path):
    db, audit_id, ev_id = office
    out = tmp_path / "audit.adpkg"
    with db.session() as s:
        manifest = export_package(s, [audit_id], out)
    assert len(manifest["attachments"]) == 1

    laptop = _laptop(tmp_path)
    with laptop.session() as s:
        first = import_package(s, out)
    assert (
        first.conflicts == 0
        and first.attachments == 1
        and first.created == len(manifest["records"])
    )
    assert check_database(laptop.url).ok

    # On the laptop: the auditor edits the evidence note, adds a clause, adds evidence.
    with laptop.session() as s:
        ev = s.get(EvidenceItem, ev_id)
        ev.description = "抽查了2026年12月的仓库温湿度记录，记录完整。"
        ev.clauses = [*ev.clauses, _clause(s, "8.5.4")]
        s.add(
            EvidenceItem(
                audit_id=audit_id,
                evidence_type=EvidenceType.INTERVIEW,
                observed_at=utcnow(),
                description="访谈仓库主管",
                seq=2,
            )
        )
        nc = s.scalar(select(Nonconformity))
        nc.evidence_text = "现场2把游标卡尺未校准"
    # Meanwhile at the office: the NC's evidence text changed too (the conflict), and the
    # NC reason (a field the laptop left alone).
    with db.session() as s:
        nc = s.scalar(select(Nonconformity))
        nc.evidence_text = "量具未按期校准"
        nc.reason = "不符合GB/T19001-2016 7.1.5.2"

    back = tmp_path / "back.adpkg"
    with laptop.session(user="system") as s:
        export_package(s, [audit_id], back)
    with db.session() as s:
        result = import_package(s, back)
    assert result.conflicts == 1 and result.created == 1
    with db.session() as s:
        ev = s.get(EvidenceItem, ev_id)
        assert ev.description.endswith("记录完整。")  # changed on the laptop only: taken
        assert sorted(c.number for c in ev.clauses) == ["7.1.4", "8.5.4"]
        nc = s.scalar(select(Nonconformity))
        assert nc.reason == "不符合GB/T19001-2016 7.1.5.2"  # changed at the office only: kept
        assert nc.evidence_text == "量具未按期校准"  # both changed: local kept until resolved ...
        (conflict,) = list_conflicts(s)
        assert (conflict.entity, conflict.field) == ("nonconformity", "evidence_text")
        assert decoded(conflict.local_value) == "量具未按期校准"
        assert (
            decoded(conflict.incoming_value) == "现场2把游标卡尺未校准"
        )  # ... and the laptop's note kept
        assert s.scalar(select(func.count()).select_from(EvidenceItem)) == 2

    # Importing the same package again adds nothing.
    with db.session() as s:
        again = import_package(s, back)
    assert again.conflicts == 0 and again.created == 0 and again.updated == 0

    # An auditor may not resolve; a lead may.
    with pytest.raises(PermissionDenied), db.session(user="li") as s:
        create_user(s, "zhao", "auditor-pass", Role.AUDITOR)
    with db.session() as s:
        create_user(s, "zhao", "auditor-pass", Role.AUDITOR)
    with pytest.raises(PermissionDenied), db.session(user="zhao") as s:
        resolve_conflict(s, conflict.seq, "incoming")
    with db.session(user="li") as s:
        done = resolve_conflict(s, conflict.seq, "incoming")
        assert done.resolved_by == "li"
    with db.session() as s:
        assert s.scalar(select(Nonconformity)).evidence_text == "现场2把游标卡尺未校准"
        assert list_conflicts(s) == []
    assert check_database(db.url).ok
    laptop.close()


def test_office_changes_flow_to_the_laptop_without_conflicts(office, tmp_path):
    db, audit_id, ev_id = office
    out = tmp_path / "a.adpkg"
    with db.session() as s:
        export_package(s, [audit_id], out)
    laptop = _laptop(tmp_path)
    with laptop.session() as s:
        import_package(s, out)
    with laptop.session() as s:
        export_package(s, [audit_id], tmp_path / "b.adpkg")
    with db.session() as s:
        import_package(s, tmp_path / "b.adpkg")
        s.get(Audit, audit_id).objectives = "确认体系持续有效"
    with db.session() as s:
        export_package(s, [audit_id], tmp_path / "c.adpkg")
    with laptop.session() as s:
        result = import_package(s, tmp_path / "c.adpkg")
        assert result.conflicts == 0 and result.updated == 1
        assert s.get(Audit, audit_id).objectives == "确认体系持续有效"
    laptop.close()


def test_encrypted_package_needs_the_password(office, tmp_path):
    db, audit_id, _ = office
    out = tmp_path / "secret.adpkg"
    with db.session() as s:
        export_package(s, [audit_id], out, password="正确的密码")
    assert b"warehouse" not in out.read_bytes() and b"PK\x03\x04" not in out.read_bytes()[:64]
    laptop = _laptop(tmp_path)
    for password, reason in ((None, "encrypted_needs_password"), ("wrong", "wrong_password")):
        with pytest.raises(PackageRefused) as info, laptop.session() as s:
            import_package(s, out, password=password)
        assert info.value.reason == reason
    with laptop.session() as s:
        assert import_package(s, out, password="正确的密码").attachments == 1
    laptop.close()


def test_packages_by_team_leader(office):
    db, audit_id, _ = office
    with db.session() as s:
        assert audits_of_team_leader(s, "张伟") == [audit_id]
        assert audits_of_team_leader(s, "Zhang Wei") == [audit_id]
        assert audits_of_team_leader(s, "李四") == []


def test_manifest_has_versions_changes_and_the_chain_head(office, tmp_path):
    from auditdesk.storage.changelog import chain_head

    db, audit_id, ev_id = office
    with db.session() as s:
        export_package(s, [audit_id], tmp_path / "1.adpkg")
        m = export_package(s, [audit_id], tmp_path / "2.adpkg")
        head = chain_head(s)
    with zipfile.ZipFile(tmp_path / "2.adpkg") as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["format_version"] == 2 and manifest["audit_ids"] == [str(audit_id)]
    assert "base" not in json.dumps(manifest["records"])  # no snapshot travels any more
    changes = manifest["changes"]
    assert changes["format"] == "auditdesk-causal" and changes["sequence"] == 2
    assert changes["base"] == {}  # nobody acknowledged anything: everything travels again
    links = [r for r in changes["registers"] if r["key"][0] == "link"]
    assert [r["key"][1:] for r in links if r["key"][1] == "evidence_item.clauses"] == [
        ["evidence_item.clauses", str(ev_id), '["clause","ISO9001:2015","7.1.4"]']
    ]
    assert manifest["witness"]["seq"] == head.seq and manifest["witness"]["hash"] == str(head)
    assert {"username": "li", "role": "lead", "name": "li"} in manifest["accounts"]
    assert m["by"] == "system"


def test_export_refuses_an_attachment_altered_in_the_store(office, tmp_path):
    from auditdesk.exchange.errors import ExchangeError

    db, audit_id, _ = office
    with db.session() as s:
        store = AttachmentStore.for_session(s)
        sha = s.scalar(select(Attachment.sha256))
    path = store.path_of(sha)
    data = bytearray(path.read_bytes())
    data[20] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(ExchangeError, match="no longer matches"), db.session() as s:
        export_package(s, [audit_id], tmp_path / "x.adpkg")
    assert not (tmp_path / "x.adpkg").exists()
