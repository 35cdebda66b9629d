"""Demo data that makes sense (issue 17.7) and the consistency check: the flagship's evidence
fits a software company at its own two sites, follows the plan, its photos' EXIF times match;
no demo auditor is in two places at once; planted inconsistencies are found, in words."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys

import pytest
from sqlalchemy import select

from auditdesk.model import Attachment, Audit, AuditSite, EvidenceItem, Nonconformity, Site
from auditdesk.services import plan_agenda, plan_consistency

pytestmark = pytest.mark.slow  # one demo build (~20 s on the shared machine) for the module

TODAY = dt.date(2026, 11, 21)  # fixed: the demo's audit numbers move with the date


@pytest.fixture(scope="module")
def demo(built_demo, tmp_path_factory):
    demo = built_demo(TODAY)  # build_demo(s, today=TODAY) into a new database, once per run
    path = tmp_path_factory.mktemp("plan-demo") / "demo.sqlite3"
    db = demo.open_copy(path)
    summary = demo.summary
    yield db, summary, path
    db.close()


def _flagship(s, summary):
    return s.scalar(select(Audit).where(Audit.number == summary.flagship_audit))


def test_flagship_evidence_fits_a_software_company_at_its_own_sites(demo):
    db, summary, _ = demo
    with db.session() as s:
        audit = _flagship(s, summary)
        assert audit.organisation.name_zh == "北京云衡软件技术有限公司"
        own = {a.site_id for a in audit.sites}
        names = {a.site.name for a in audit.sites}
        assert names == {"北京总部", "济南研发中心"}
        texts = [e.description for e in audit.evidence] + [
            n.evidence_text + n.reason for n in audit.nonconformities
        ]
        for word in ("回流焊", "焊接", "注塑", "车间", "烘箱", "锅炉", "叉车"):
            assert not any(word in t for t in texts), word
        assert all(e.site_id in own for e in audit.evidence)
        jinan = next(a.site_id for a in audit.sites if a.site.name == "济南研发中心")
        assert sum(1 for e in audit.evidence if e.site_id == jinan) >= 10
        for nc in audit.nonconformities:
            assert nc.evidence and all(e.site_id in own for e in nc.evidence)
            assert any(n in nc.evidence_text for n in names)  # the NC names its own site


def test_flagship_and_workspace_pass_the_consistency_check(demo):
    db, summary, _ = demo
    with db.session() as s:
        for number in (summary.flagship_audit, summary.workspace_audit):
            report = plan_consistency.check_audit(s, number)
            assert report.ok, [f.text("en") for f in report.findings]
            assert report.evidence_checked >= 10
        flagship = plan_consistency.check_audit(s, summary.flagship_audit)
        assert flagship.photos_checked >= 2 and flagship.ncs_checked == 5


def test_no_demo_auditor_is_in_two_places_at_once(demo):
    db, summary, _ = demo
    with db.session() as s:
        audits = s.scalars(select(Audit)).all()
        clashes = {a.number: plan_agenda.plan_checks(s, a).clashes for a in audits}
        assert {n: c for n, c in clashes.items() if c} == {}
        with_evidence = s.scalars(
            select(Audit).where(Audit.id.in_(select(EvidenceItem.audit_id)))
        ).all()
        bad = {
            a.number: [f.text("en") for f in plan_consistency.check_audit(s, a.number).findings]
            for a in with_evidence
        }
        assert {n: f for n, f in bad.items() if f} == {}
        flagship = _flagship(s, summary)
        assert plan_agenda.plan_checks(s, flagship).days == ()  # counted days = planned


def test_photo_exif_times_match_their_evidence_in_any_laptop_zone(demo):
    from auditdesk.storage.attachments import exif_capture_time

    db, summary, _ = demo
    with db.session() as s:
        audit = _flagship(s, summary)
        photos = s.scalars(
            select(Attachment).where(
                Attachment.audit_id == audit.id, Attachment.evidence_id.is_not(None)
            )
        ).all()
        assert photos
        from auditdesk.services.evidence import store_for

        store = store_for(s)
        for p in photos:
            path = store.path_of(p.sha256) if hasattr(store, "path_of") else None
            if path is not None:
                for zone in (dt.UTC, dt.timezone(dt.timedelta(hours=-5))):
                    assert exif_capture_time(path, zone) == p.captured_at
            item = s.get(EvidenceItem, p.evidence_id)
            assert abs(p.captured_at - item.observed_at) <= dt.timedelta(minutes=30)


def test_planted_inconsistencies_are_found_in_words(demo):
    db, summary, _ = demo
    with db.session() as s:
        audit = _flagship(s, summary)
        items = sorted(audit.evidence, key=lambda e: e.observed_at)
        sites = {a.site.name: a.site for a in audit.sites}
        foreign = s.scalar(select(Site).where(Site.id.not_in([a.site_id for a in audit.sites])))
        first_day = [e for e in items if e.site_id == sites["北京总部"].id]
        # 1. Jinan 17 minutes after Beijing on the first day: nobody of the team is there then.
        moved = first_day[0]
        moved.site_id = sites["济南研发中心"].id
        moved.observed_at = first_day[1].observed_at + dt.timedelta(minutes=17)
        # 2. evidence at another client's site; 3. a day after the audit.
        items[5].site_id = foreign.id
        items[6].observed_at = items[6].observed_at + dt.timedelta(days=3)
        # 4. a photo eight hours off its evidence (EXIF read in the wrong zone).
        photo = s.scalar(
            select(Attachment).where(
                Attachment.audit_id == audit.id, Attachment.evidence_id.is_not(None)
            )
        )
        photo.captured_at = photo.captured_at - dt.timedelta(hours=8)
        # 5. an NC that names a site of another client.
        nc = s.scalar(select(Nonconformity).where(Nonconformity.audit_id == audit.id))
        nc.evidence_text += "（同样的问题也见于吴中新厂区）"
        s.flush()
        report = plan_consistency.check_audit(s, audit.number)
        codes = {f.code for f in report.findings}
        assert {
            "not_in_plan",
            "site_not_in_audit",
            "outside_dates",
            "photo_time",
            "nc_foreign_site",
        } <= codes
        zh = "\n".join(f.text("zh") for f in report.findings)
        en = "\n".join(f.text("en") for f in report.findings)
        assert "济南研发中心" in zh and "审核计划中此时没有审核组成员在该场所" in zh
        assert foreign.name in zh and "不在本次审核的场所中" in zh
        assert "拍摄时间" in zh and "与证据时间" in zh and "is outside the audit dates" in en
        assert f"NC {nc.number} mentions “吴中新厂区”" in en
        s.rollback()


def test_travel_between_sites_is_checked_for_one_person(demo):
    db, summary, _ = demo
    with db.session() as s:
        audit = _flagship(s, summary)
        # The auditor alone on the team: Beijing, then Jinan 17 minutes later on day two.
        for m in list(audit.team):
            if m.role.value == "team_leader":
                audit.team.remove(m)
                s.delete(m)
        s.flush()
        day2 = audit.end_date
        rows = [
            r
            for r in plan_agenda.agenda_of(s, audit)
            if r.day == day2 and r.item not in ("opening", "closing", "team_review")
        ]
        assert rows
        beijing = s.scalar(
            select(Site)
            .join(AuditSite, AuditSite.site_id == Site.id)
            .where(AuditSite.audit_id == audit.id, Site.name == "北京总部")
        )
        jinan_items = [e for e in audit.evidence if e.site_id != beijing.id]
        a, b = jinan_items[0], jinan_items[1]
        b.site_id = beijing.id
        b.observed_at = a.observed_at + dt.timedelta(minutes=17)
        s.flush()
        report = plan_consistency.check_audit(s, audit.number)
        found = [f for f in report.findings if f.code in ("travel_impossible", "not_in_plan")]
        assert found, [f.text("en") for f in report.findings]
        s.rollback()


def test_consistency_command_exit_codes_and_words(demo, tmp_path):
    db, summary, path = demo
    copy = tmp_path / "copy.sqlite3"
    shutil.copy(path, copy)
    run = lambda *a: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "auditdesk.cli", "consistency", *a, "--db", str(copy)],
        capture_output=True,
        text=True,
    )
    ok = run(summary.flagship_audit)
    assert ok.returncode == 0 and "证据与审核计划一致" in ok.stdout, ok.stderr
    from auditdesk.services.setup import open_database

    other = open_database(f"sqlite:///{copy}")
    with other.session() as s:
        audit = _flagship(s, summary)
        e = sorted(audit.evidence, key=lambda x: x.observed_at)[0]
        e.observed_at -= dt.timedelta(days=5)
    other.close()
    bad = run(summary.flagship_audit, "--lang", "en")
    assert bad.returncode == 1 and "is outside the audit dates" in bad.stdout
