"""Completeness before the report: each problem is a code with a locator to jump to."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from auditdesk.model import (
    AuditMode,
    AuditType,
    CheckInMoment,
    Clause,
    Judgement,
    NCGrade,
    NCState,
    Nonconformity,
)
from auditdesk.services import evidence as ev
from auditdesk.services.completeness import check_completeness
from auditdesk.services.coverage import audit_clause_rows
from auditdesk.services.nonconformities import record_reverification
from tests.services.workspace_data import clause_id, jpeg_bytes, make_audit


def codes(problems):
    return sorted({p.code for p in problems})


def judge_everything(session, audit_id, judgement=Judgement.CONFORM):
    for row in audit_clause_rows(session, audit_id):
        if row.depth == 0:
            for cid in row.clause_ids:
                ev.set_judgement(session, audit_id, cid, judgement)


def test_a_fresh_on_site_surveillance_lists_everything_missing(session):
    facts = make_audit(session)
    problems = check_completeness(session, facts.audit_id)
    assert codes(problems) == [
        "check_in.closing_missing",
        "check_in.opening_missing",
        "clause.not_judged",
        "coverage.must_cover_missing",
    ]
    unjudged = [p for p in problems if p.code == "clause.not_judged"]
    assert "4.1" in [p.clause_number for p in unjudged]
    assert all(p.audit_id == facts.audit_id and p.clause_id is not None for p in unjudged)


def test_judging_children_or_the_parent_covers_a_clause(session):
    facts = make_audit(session, audit_type=AuditType.STAGE2, mode=AuditMode.REMOTE)
    judge_everything(session, facts.audit_id)
    assert check_completeness(session, facts.audit_id) == []
    # Clearing the parent "7" leaves 7.1 ... 7.5 unjudged, unless 7.1's children are judged.
    ev.set_judgement(session, facts.audit_id, clause_id(session, facts.audit_id, "7"), None)
    missing = {p.clause_number for p in check_completeness(session, facts.audit_id)}
    assert {"7.1", "7.5"} <= missing
    sub = session.scalars(
        select(Clause).where(Clause.parent_id == clause_id(session, facts.audit_id, "7.1"))
    ).all()
    for c in sub:
        ev.set_judgement(session, facts.audit_id, c.id, Judgement.NOT_AUDITED)
    assert "7.1" not in {p.clause_number for p in check_completeness(session, facts.audit_id)}


def test_check_in_photos_are_required_on_site_only(session, tmp_path):
    photo = tmp_path / "team.jpg"
    photo.write_bytes(jpeg_bytes())
    facts = make_audit(session, mode=AuditMode.MIXED)
    ev.add_check_in_photo(session, facts.audit_id, photo, CheckInMoment.OPENING, place="会议室")
    assert "check_in.opening_missing" not in codes(check_completeness(session, facts.audit_id))
    assert "check_in.closing_missing" in codes(check_completeness(session, facts.audit_id))
    remote = make_audit(session, mode=AuditMode.REMOTE, tag="R")
    assert not [
        c for c in codes(check_completeness(session, remote.audit_id)) if c.startswith("check_in")
    ]


def test_nc_without_evidence_and_previous_open_nc_are_listed_with_their_ids(session):
    earlier = make_audit(session, start=dt.date(2026, 3, 1))
    now = make_audit(
        session,
        audit_type=AuditType.SURVEILLANCE_2,
        start=dt.date(2027, 3, 1),
        organisation_id=earlier.organisation_id,
        certificate_ids=earlier.certificate_ids,
        tag="N",
    )
    old = Nonconformity(
        audit_id=earlier.audit_id,
        number="NC-1",
        grade=NCGrade.MINOR,
        state=NCState.RESPONSE_ACCEPTED,
    )
    done = Nonconformity(
        audit_id=earlier.audit_id, number="NC-2", grade=NCGrade.MINOR, state=NCState.CLOSED
    )
    new = Nonconformity(
        audit_id=now.audit_id,
        number="NC-3",
        grade=NCGrade.MAJOR,
        clause_id=clause_id(session, now.audit_id, "7.1.5"),
    )
    session.add_all([old, done, new])
    session.flush()
    problems = check_completeness(session, now.audit_id)
    assert [(p.code, p.nc_id) for p in problems if p.nc_id] == [
        ("nc.no_evidence", new.id),
        ("previous_nc.not_verified", old.id),
    ]
    item = ev.add_evidence(session, now.audit_id, ev.EvidenceData(description="校准证书过期"))
    new.evidence = [item]
    old.state = NCState.VERIFIED
    session.flush()
    # Verified meanwhile is not enough: the team re-verifies it at this audit (17021-1 9.6.2.2).
    assert [(p.code, p.nc_id) for p in check_completeness(session, now.audit_id) if p.nc_id] == [
        ("previous_nc.not_verified", old.id)
    ]
    record_reverification(session, old.id, now.audit_id, True, "Gauges recalibrated, records seen")
    assert [p for p in check_completeness(session, now.audit_id) if p.nc_id] == []
