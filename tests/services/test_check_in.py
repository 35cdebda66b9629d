"""认证到 check-in in the completeness check: EXIF time and GPS of the real photo files."""

from __future__ import annotations

import datetime as dt
import random

from auditdesk.model import Auditor, AuditTeamMember, CheckInMoment, TeamRole
from auditdesk.services import check_in
from auditdesk.services import evidence as ev
from auditdesk.services.audits import get_audit
from auditdesk.services.completeness import check_completeness
from auditdesk.services.demo_photos import make_photo
from tests.services.workspace_data import jpeg_bytes, make_audit

SITE = (31.2990, 120.5853)  # 苏州
START = dt.date(2027, 3, 1)


def _photo(tmp_path, name, hh, mm, day=START, gps=SITE):
    path = tmp_path / name
    path.write_bytes(
        make_photo(
            "首次会议",
            "meeting",
            dt.datetime.combine(day, dt.time(hh, mm)),
            random.Random(1),
            gps=gps,
        )
    )
    return path


def _setup(session, tmp_path):
    facts = make_audit(session)
    audit = get_audit(session, facts.audit_id)
    for name, role in (("王建国", TeamRole.TEAM_LEADER), ("陈专家", TeamRole.TECH_EXPERT)):
        a = Auditor(name_zh=name)
        session.add(a)
        session.flush()
        audit.team.append(AuditTeamMember(auditor_id=a.id, role=role))
    session.flush()
    return facts, audit


def check_codes(session, audit_id):
    return sorted(
        p.code for p in check_completeness(session, audit_id) if p.code.startswith("check_in")
    )


def test_good_check_in_passes_once_the_team_is_ticked(session, tmp_path):
    facts, audit = _setup(session, tmp_path)
    ev.add_check_in_photo(
        session, facts.audit_id, _photo(tmp_path, "o.jpg", 8, 40), CheckInMoment.OPENING
    )
    ev.add_check_in_photo(
        session,
        facts.audit_id,
        _photo(tmp_path, "c.jpg", 16, 50, day=START + dt.timedelta(days=1)),
        CheckInMoment.CLOSING,
    )
    loc = check_in.adopt_site_from_photos(session, facts.audit_id)
    assert loc is not None and loc.source == "photo"
    assert (round(loc.latitude, 4), round(loc.longitude, 4)) == SITE
    assert check_codes(session, facts.audit_id) == ["check_in.member_not_ticked"] * 2
    for m in audit.team:
        check_in.set_ticked(session, facts.audit_id, m.auditor_id, True)
    assert check_codes(session, facts.audit_id) == []


def test_late_far_fourth_and_exifless_photos_are_listed(session, tmp_path):
    facts, audit = _setup(session, tmp_path)
    check_in.set_site_location(session, check_in.audit_site(audit).id, *SITE)
    for m in audit.team:
        check_in.set_ticked(session, facts.audit_id, m.auditor_id, True)
    add = lambda p, moment: ev.add_check_in_photo(session, facts.audit_id, p, moment)  # noqa: E731
    add(_photo(tmp_path, "o1.jpg", 8, 35), CheckInMoment.OPENING)
    add(_photo(tmp_path, "o2.jpg", 8, 36), CheckInMoment.OPENING)
    add(_photo(tmp_path, "late.jpg", 10, 40), CheckInMoment.OPENING)  # 2 h 10 min after 08:30
    add(_photo(tmp_path, "o4.jpg", 10, 41), CheckInMoment.OPENING)  # the 4th
    far = (SITE[0] + 6 / 111.195, SITE[1])
    add(
        _photo(tmp_path, "far.jpg", 16, 45, day=START + dt.timedelta(days=1), gps=far),
        CheckInMoment.CLOSING,
    )
    bare = tmp_path / "bare.jpg"
    bare.write_bytes(jpeg_bytes(when=None))
    add(bare, CheckInMoment.CLOSING)
    problems = [
        p for p in check_completeness(session, facts.audit_id) if p.code.startswith("check_in")
    ]
    got = sorted((p.code, p.detail) for p in problems)
    assert got == [
        ("check_in.no_exif_time", "bare.jpg"),
        ("check_in.opening_too_late", "late.jpg"),
        ("check_in.opening_too_late", "o4.jpg"),
        ("check_in.too_far", "far.jpg"),
        ("check_in.too_many_photos", "o4.jpg"),
    ]
    late = next(p for p in problems if p.detail == "late.jpg")
    assert late.minutes == 10 and late.attachment_id is not None
    assert next(p for p in problems if p.code == "check_in.too_far").km == 6.0


def test_stored_meeting_times_win_over_the_agenda_default(session, tmp_path):
    facts, audit = _setup(session, tmp_path)
    cn = check_in.CHINA
    default = check_in.meetings(session, audit)
    assert default.opening_start == dt.datetime(2027, 3, 1, 8, 30, tzinfo=cn)
    check_in.set_meetings(
        session,
        facts.audit_id,
        dt.datetime(2027, 3, 1, 13, 0, tzinfo=cn),
        dt.datetime(2027, 3, 2, 15, 0, tzinfo=cn),
        dt.datetime(2027, 3, 2, 15, 30, tzinfo=cn),
    )
    for m in audit.team:
        check_in.set_ticked(session, facts.audit_id, m.auditor_id, True)
    ev.add_check_in_photo(
        session, facts.audit_id, _photo(tmp_path, "o.jpg", 14, 0), CheckInMoment.OPENING
    )
    ev.add_check_in_photo(
        session,
        facts.audit_id,
        _photo(tmp_path, "c.jpg", 17, 40, day=START + dt.timedelta(days=1)),
        CheckInMoment.CLOSING,
    )
    assert check_codes(session, facts.audit_id) == ["check_in.closing_too_late"]
