"""A week's audits of one auditor in one package (issue 14 point 4): ``auditdesk export
package --auditor NAME --from DATE --to DATE`` carries every open audit the auditor is in the
team of in the window — as team leader or not — with the client's history."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from auditdesk.cli import main
from auditdesk.exchange.package import audits_of_auditor, import_package
from auditdesk.model import (
    Audit,
    Auditor,
    AuditStatus,
    AuditTeamMember,
    AuditType,
    Certificate,
    Role,
    TeamRole,
)
from auditdesk.services.audits import AuditData, create_audit
from auditdesk.services.setup import open_database
from auditdesk.services.users import create_user
from tests.exchange.package_helpers import build_office

PASSWORD = "lead-pass-1"


def _audit(s, cert, start, team, status=AuditStatus.PLANNED):
    return create_audit(
        s,
        AuditData(
            certificate_ids=[cert.id],
            audit_type=AuditType.SURVEILLANCE_1,
            start_date=start,
            end_date=start + dt.timedelta(days=1),
            team=team,
            status=status,
        ),
    ).id


@pytest.fixture
def week(database):
    db, first, _ = build_office(database)
    with db.session() as s:
        cert = s.scalar(select(Certificate))
        lead = s.scalar(select(Auditor).where(Auditor.name_zh == "张伟"))
        li = Auditor(name_zh="李娜", name_en="Li Na")
        s.add(li)
        s.flush()
        s.add(AuditTeamMember(audit_id=first, auditor_id=li.id, role=TeamRole.AUDITOR))
        led = _audit(s, cert, dt.date(2027, 1, 21), [(li.id, TeamRole.TEAM_LEADER)])
        later = _audit(
            s,
            cert,
            dt.date(2027, 2, 8),
            [(lead.id, TeamRole.TEAM_LEADER), (li.id, TeamRole.AUDITOR)],
        )
        not_hers = _audit(s, cert, dt.date(2027, 1, 20), [(lead.id, TeamRole.TEAM_LEADER)])
        earlier = _audit(
            s,
            cert,
            dt.date(2026, 6, 1),
            [(lead.id, TeamRole.TEAM_LEADER), (li.id, TeamRole.AUDITOR)],
            AuditStatus.COMPLETED,
        )
    return db, {"member": first, "led": led, "later": later, "other": not_hers, "old": earlier}


def test_the_auditors_week_is_every_audit_she_is_in_the_team_of(week):
    db, ids = week
    with db.session() as s:
        number = {a: s.get(Audit, a).number for a in ids.values()}
        week_of = audits_of_auditor(s, "李娜", dt.date(2027, 1, 18), dt.date(2027, 1, 24))
        assert sorted(week_of) == sorted([ids["member"], ids["led"]])  # member and leader
        assert sorted(audits_of_auditor(s, "Li Na")) == sorted(
            [ids["member"], ids["led"], ids["later"]]
        )  # no window: every open one, never the completed one
        assert audits_of_auditor(s, "李娜", dt.date(2027, 1, 19), dt.date(2027, 1, 19)) == [
            ids["member"]
        ]  # the last day of a two-day audit is in the window
    assert number


def test_cli_package_of_the_week_carries_both_audits_and_the_client_history(
    week, tmp_path, monkeypatch, capsys
):
    db, ids = week
    with db.session() as s:
        create_user(s, "lead", PASSWORD, Role.LEAD)
    monkeypatch.setenv("AUDITDESK_PASSWORD", PASSWORD)
    out = tmp_path / "week.adpkg"
    args = ["export", "package", "--db", db.url, "--user", "lead", "--out", str(out)]
    window = ["--auditor", "李娜", "--from", "2027-01-18", "--to", "2027-01-24"]
    assert main([*args, *window, "--json"]) == 0
    written = json.loads(capsys.readouterr().out)
    assert sorted(written["audits"]) == sorted([str(ids["member"]), str(ids["led"])])
    laptop = open_database(f"sqlite:///{tmp_path / 'laptop' / 'l.sqlite3'}", create=True)
    try:
        with laptop.session() as s:
            import_package(s, out)
        with laptop.session() as s:
            here = set(s.scalars(select(Audit.id)))
        assert {ids["member"], ids["led"], ids["old"]} <= here  # the cycle's earlier audit too
        assert ids["later"] not in here  # after the window, not history of the week's audits
    finally:
        laptop.close()


def test_bad_windows_are_refused_and_write_no_file(week, tmp_path, monkeypatch, capsys):
    db, _ = week
    with db.session() as s:
        create_user(s, "lead", PASSWORD, Role.LEAD)
    monkeypatch.setenv("AUDITDESK_PASSWORD", PASSWORD)
    out = tmp_path / "week.adpkg"
    args = ["export", "package", "--db", db.url, "--user", "lead", "--out", str(out)]
    assert main([*args, "--auditor", "李娜", "--from", "2027-01-24", "--to", "2027-01-18"]) != 0
    assert "before it starts" in capsys.readouterr().err
    assert main([*args, "--auditor", "李娜", "--from", "2027-13-01"]) == 2
    assert "not a valid date" in capsys.readouterr().err
    assert main([*args, "--auditor", "王五"]) == 2
    assert "no open audits of 王五" in capsys.readouterr().err
    assert main([*args, "--team-leader", "张伟", "--from", "2027-01-18"]) == 2
    assert not out.exists()
