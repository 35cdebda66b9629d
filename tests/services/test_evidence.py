"""Recording evidence: items, clause links, one-field autosave, attachments, check-in, judgements."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from auditdesk.model import (
    Attachment,
    AuditMode,
    CheckInMoment,
    EvidenceItem,
    EvidenceType,
    Judgement,
    Role,
)
from auditdesk.services import evidence as ev
from auditdesk.services.errors import Locked, PermissionDenied, ValidationFailed
from auditdesk.services.users import create_user
from auditdesk.storage.attachments import AttachmentRefused
from tests.services.workspace_data import clause_id, jpeg_bytes, make_audit


@pytest.fixture
def facts(session):
    return make_audit(session)


def test_add_evidence_numbers_items_and_defaults_time_to_now(session, facts):
    c92 = clause_id(session, facts.audit_id, "9.2")
    before = dt.datetime.now(dt.UTC)
    first = ev.add_evidence(
        session,
        facts.audit_id,
        ev.EvidenceData(
            EvidenceType.RECORD,
            [c92],
            site_id=facts.site_ids[0],
            description="2026年内审计划及报告，抽查3份",
        ),
    )
    second = ev.add_evidence(session, facts.audit_id)
    assert (first.seq, second.seq) == (1, 2)
    assert first.observed_at >= before.replace(microsecond=0) - dt.timedelta(seconds=1)
    assert [c.number for c in first.clauses] == ["9.2"]
    assert first.remote is False
    assert [e.id for e in ev.list_evidence(session, facts.audit_id, clause_ids=[c92])] == [first.id]


def test_remote_audit_evidence_defaults_to_remote(session):
    facts = make_audit(session, mode=AuditMode.REMOTE, tag="R")
    assert ev.add_evidence(session, facts.audit_id).remote is True


def test_update_one_field_at_a_time_and_validate(session, facts):
    item = ev.add_evidence(session, facts.audit_id)
    ev.update_evidence(session, item.id, {"description": "访谈质量部经理"})
    ev.update_evidence(
        session, item.id, {"evidence_type": "interview", "interviewee_role": "质量部经理"}
    )
    assert item.evidence_type is EvidenceType.INTERVIEW and item.description == "访谈质量部经理"
    with pytest.raises(ValidationFailed) as exc:
        ev.update_evidence(session, item.id, {"evidence_type": "gossip"})
    assert exc.value.errors == {"evidence_type": "unknown"}
    with pytest.raises(ValidationFailed) as exc:
        ev.update_evidence(session, item.id, {"seq": 7})
    assert exc.value.errors == {"seq": "not_editable"}
    with pytest.raises(ValidationFailed) as exc:
        ev.update_evidence(session, item.id, {"observed_at": dt.datetime(2027, 3, 1, 9, 0)})
    assert exc.value.errors == {"observed_at": "invalid"}


def test_each_field_edit_survives_in_its_own_transaction(database):
    with database.session() as s:
        facts = make_audit(s)
        item_id = ev.add_evidence(s, facts.audit_id).id
    with database.session() as s:
        ev.update_evidence(s, item_id, {"description": "first field"})
    with pytest.raises(RuntimeError), database.session() as s:
        ev.update_evidence(s, item_id, {"references": "lost while typing"})
        raise RuntimeError("power cut")
    with database.session() as s:
        item = s.get(EvidenceItem, item_id)
        assert (item.description, item.references) == ("first field", "")


def test_clause_links_are_checked_against_the_audit_standards(session, facts):
    item = ev.add_evidence(session, facts.audit_id)
    ev.link_clause(session, item.id, clause_id(session, facts.audit_id, "8.4"))
    ev.link_clause(session, item.id, clause_id(session, facts.audit_id, "8.5.1"))
    assert sorted(c.number for c in item.clauses) == ["8.4", "8.5.1"]
    ev.unlink_clause(session, item.id, clause_id(session, facts.audit_id, "8.4"))
    assert [c.number for c in item.clauses] == ["8.5.1"]
    with pytest.raises(ValidationFailed) as exc:
        ev.link_clause(
            session, item.id, clause_id(session, facts.audit_id, "6.1.2", "ISO14001:2015")
        )
    assert exc.value.errors == {"clause_ids": "not_in_audit"}


def test_site_must_belong_to_the_client(session, facts):
    other = make_audit(session, tag="B")
    with pytest.raises(ValidationFailed) as exc:
        ev.add_evidence(session, facts.audit_id, ev.EvidenceData(site_id=other.site_ids[0]))
    assert exc.value.errors == {"site_id": "not_of_client"}


def test_archived_evidence_leaves_the_list(session, facts):
    item = ev.add_evidence(session, facts.audit_id)
    ev.archive_evidence(session, item.id)
    assert ev.list_evidence(session, facts.audit_id) == []
    assert ev.list_evidence(session, facts.audit_id, include_archived=True) == [item]


def test_locked_audit_refuses_edits(session, facts):
    item = ev.add_evidence(session, facts.audit_id)
    item.audit.locked = True
    with pytest.raises(Locked):
        ev.update_evidence(session, item.id, {"description": "too late"})
    with pytest.raises(Locked):
        ev.add_evidence(session, facts.audit_id)


def test_recording_evidence_needs_a_user_with_that_permission(database):
    with database.session() as s:
        facts = make_audit(s)
        user = create_user(s, "li.auditor", "password1", Role.AUDITOR)
        user.active = False
    with database.session(user="li.auditor") as s, pytest.raises(PermissionDenied):
        ev.add_evidence(s, facts.audit_id)
    with database.session(user="nobody") as s, pytest.raises(Exception):  # noqa: B017 - unknown user
        ev.add_evidence(s, facts.audit_id)


def test_attach_file_copies_into_the_store_with_its_hash(session, facts, tmp_path):
    item = ev.add_evidence(session, facts.audit_id)
    photo = tmp_path / "warehouse.jpg"
    photo.write_bytes(jpeg_bytes("2027:03:01 10:00:00", "+08:00"))
    att = ev.attach_file(session, item.id, photo)
    again = ev.attach_file(session, item.id, photo)
    assert att.sha256 == again.sha256 and att.id != again.id
    assert att.is_photo and att.captured_at == dt.datetime(2027, 3, 1, 2, 0, tzinfo=dt.UTC)
    assert ev.store_for(session).path_of(att.sha256).read_bytes() == photo.read_bytes()
    assert att.audit_id == facts.audit_id and att.filename == "warehouse.jpg"


def test_disguised_file_is_refused_and_nothing_is_recorded(session, facts, tmp_path):
    item = ev.add_evidence(session, facts.audit_id)
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(b"%PDF-1.4\n" + b"x" * 100)
    with pytest.raises(AttachmentRefused) as exc:
        ev.attach_file(session, item.id, fake)
    assert exc.value.code == "attachment.type_mismatch"
    assert session.scalars(select(Attachment)).all() == []


def test_pasted_image_is_attached(session, facts):
    item = ev.add_evidence(session, facts.audit_id)
    att = ev.attach_bytes(session, item.id, jpeg_bytes(None), "clipboard.jpg")
    assert att.is_photo and att.size > 0


def test_check_in_photos_carry_moment_time_and_place(session, facts, tmp_path):
    photo = tmp_path / "opening.jpg"
    photo.write_bytes(jpeg_bytes("2027:03:01 08:30:00", "+08:00"))
    att = ev.add_check_in_photo(
        session, facts.audit_id, photo, CheckInMoment.OPENING, place="一楼会议室"
    )
    assert (att.check_in, att.place, att.include_in_report) == (
        CheckInMoment.OPENING,
        "一楼会议室",
        True,
    )
    assert att.captured_at == dt.datetime(2027, 3, 1, 0, 30, tzinfo=dt.UTC)
    assert ev.list_attachments(session, audit_id=facts.audit_id, check_in_only=True) == [att]
    ev.mark_check_in(session, att.id, None)
    assert ev.list_attachments(session, audit_id=facts.audit_id, check_in_only=True) == []


def test_a_document_cannot_be_a_check_in_photo(session, facts, tmp_path):
    item = ev.add_evidence(session, facts.audit_id)
    pdf = tmp_path / "sign-in.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"x" * 100)
    att = ev.attach_file(session, item.id, pdf)
    with pytest.raises(ValidationFailed):
        ev.mark_check_in(session, att.id, CheckInMoment.CLOSING)


def test_judgement_is_set_changed_per_site_and_cleared(session, facts):
    c = clause_id(session, facts.audit_id, "7.1.5")
    j = ev.set_judgement(session, facts.audit_id, c, Judgement.CONFORM)
    ev.set_judgement(session, facts.audit_id, c, Judgement.NONCONFORMITY, note="校准过期")
    per_site = ev.set_judgement(
        session, facts.audit_id, c, Judgement.CONFORM, site_id=facts.site_ids[1]
    )
    assert j.judgement is Judgement.NONCONFORMITY and j.note == "校准过期"
    assert (
        len(ev.judgements_of(session, facts.audit_id)) == 2
        and per_site.site_id == facts.site_ids[1]
    )
    ev.set_judgement(session, facts.audit_id, c, None)
    assert [x.site_id for x in ev.judgements_of(session, facts.audit_id)] == [facts.site_ids[1]]


def test_marks_control_is_recorded_for_the_must_cover_item(session, facts):
    from auditdesk.services.coverage import audit_coverage

    assert "marks" in audit_coverage(session, facts.audit_id).must_cover_missing
    ev.set_marks_control(session, facts.audit_id, "  证书及认证标志使用符合规定  ")
    assert "marks" not in audit_coverage(session, facts.audit_id).must_cover_missing
    from auditdesk.services.audits import get_audit

    assert get_audit(session, facts.audit_id).marks_control == "证书及认证标志使用符合规定"


def test_a_photo_can_date_a_fresh_item(session, facts, tmp_path):
    item = ev.add_evidence(session, facts.audit_id, ev.EvidenceData(EvidenceType.PHOTO))
    first, second = tmp_path / "a.jpg", tmp_path / "b.jpg"
    first.write_bytes(jpeg_bytes("2027:03:01 10:15:00", "+08:00"))
    second.write_bytes(jpeg_bytes("2027:03:01 11:30:00", "+08:00", color=(1, 2, 3)))
    ev.attach_file(session, item.id, first, adopt_capture_time=True)
    ev.attach_file(session, item.id, second, adopt_capture_time=True)
    assert item.observed_at == dt.datetime(
        2027, 3, 1, 2, 15, tzinfo=dt.UTC
    )  # the first photo's time
    other = ev.add_evidence(session, facts.audit_id)
    before = other.observed_at
    ev.attach_file(session, other.id, first)
    assert other.observed_at == before
