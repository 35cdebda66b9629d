"""Issue 14's scenarios on the real package path (export_package / import_package on real
databases: the office on SQLite and on PostgreSQL, laptops on SQLite files): each asserts
that no value is lost, that the replicas' causal states converge and that ``auditdesk check``
stays clean. The failures they pin were measured on the snapshot merge (``exchange_base``)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from sqlalchemy import func, select, text

from auditdesk.exchange.causal import store as causal_store
from auditdesk.exchange.conflicts import decoded, list_conflicts, resolve_conflict
from auditdesk.exchange.errors import PackageRefused
from auditdesk.exchange.package import PackageMissing, export_package, import_package
from auditdesk.exchange.sync_db import capture, decide_refused, list_refused
from auditdesk.model import (
    Audit,
    Certificate,
    ClauseJudgement,
    EvidenceItem,
    Judgement,
    Nonconformity,
    Organisation,
    Role,
    VerificationMethod,
)
from auditdesk.model.sync import SyncWitness
from auditdesk.services.setup import open_database
from auditdesk.services.users import create_user
from auditdesk.storage.integrity import check_database
from tests.exchange.package_helpers import _clause, build_office, earlier_recertification

pytestmark = pytest.mark.slow  # several real round trips each


@pytest.fixture
def office(database):
    db, audit_id, ev_id = build_office(database)
    with db.session() as s:
        create_user(s, "wang", "auditor-pass-1", Role.AUDITOR)
        s.add(
            ClauseJudgement(
                audit_id=audit_id,
                clause_id=_clause(s, "8.5.4").id,
                judgement=Judgement.CONFORM,
                note="",
            )
        )
    return db, audit_id, ev_id


class Net:
    """The office and its laptops; ``send`` moves one package and returns the import result."""

    def __init__(self, office, tmp_path):
        self.office, self.tmp, self.n = office, tmp_path, 0
        self.laptops = {}

    def laptop(self, name):
        db = open_database(f"sqlite:///{self.tmp / name / 'l.sqlite3'}", create=True)
        with db.session() as s:
            create_user(s, "wang", "auditor-pass-1", Role.AUDITOR)
        self.laptops[name] = db
        return db

    def export(self, db, audit_id, user=None):
        self.n += 1
        out = self.tmp / f"p{self.n}.adpkg"
        with db.session(user=user) as s:
            export_package(s, [audit_id], out)
        return out

    def load(self, db, path, user=None):
        with db.session(user=user) as s:
            return import_package(s, path)

    def close(self):
        for db in self.laptops.values():
            db.close()


@pytest.fixture
def net(office, tmp_path):
    n = Net(office[0], tmp_path)
    yield n
    n.close()


def _state(db):
    """The causal state of a database: every register's live entries (by dot) and context."""
    with db.session() as s:
        replica = causal_store.load(s)
    return {k: (r.siblings, r.seen) for k, r in replica.registers.items()}, replica.context


def _pending(db, records_of):
    """Local writes not yet in the causal state (must be none right after an import)."""
    with db.session() as s:
        replica = causal_store.load(s)
        return capture(s, replica, records_of(s))


def _clean(*dbs):
    for db in dbs:
        report = check_database(db.url)
        assert report.ok, report


def _ev(db, ev_id):
    with db.session() as s:
        ev = s.get(EvidenceItem, ev_id)
        return ev.description, sorted(c.number for c in ev.clauses), ev.archived


def test_second_export_to_laptop_b_keeps_certificate_links_and_evidence(office, net):
    db, audit_id, ev_id = office
    a, b = net.laptop("a"), net.laptop("b")
    net.load(a, net.export(db, audit_id))
    net.load(b, net.export(db, audit_id))  # the second export: measured empty links before
    for laptop in (a, b):
        with laptop.session() as s:
            audit = s.get(Audit, audit_id)
            assert [c.number for c in audit.certificates] == ["00126Q30001R1M"]
        assert _ev(laptop, ev_id)[1] == ["7.1.4"]
    with b.session() as s:
        nc = s.scalar(select(Nonconformity))
        nc.evidence = [s.get(EvidenceItem, ev_id)]
        nc.evidence_text = "B: 量具未校准，共2把"
    net.load(db, net.export(b, audit_id))
    with db.session() as s:
        audit = s.get(Audit, audit_id)
        assert [c.number for c in audit.certificates] == ["00126Q30001R1M"]  # office kept them
        nc = s.scalar(select(Nonconformity))
        assert [e.id for e in nc.evidence] == [ev_id] and nc.evidence_text.startswith("B:")
    assert _ev(db, ev_id)[1] == ["7.1.4"]
    net.load(a, net.export(db, audit_id))
    assert _state(a) == _state(db)
    _clean(db, a, b)


def test_second_round_trip_after_a_resolution_keeps_the_lead_and_the_office(office, net):
    db, audit_id, ev_id = office
    a = net.laptop("a")
    net.load(a, net.export(db, audit_id))
    with a.session() as s:
        s.scalar(select(Nonconformity)).evidence_text = "笔记本：2把游标卡尺未校准"
    with db.session() as s:
        s.scalar(select(Nonconformity)).evidence_text = "办公室：量具未按期校准"
    first = net.export(a, audit_id)
    result = net.load(db, first)
    assert result.conflicts == 1
    (conflict,) = _open(db)
    combined = "办公室：量具未按期校准；笔记本：2把游标卡尺未校准"
    with db.session(user="li") as s:
        resolve_conflict(s, conflict, "edited", combined)
    with db.session() as s:
        s.get(Audit, audit_id).objectives = "确认体系持续有效"  # a plain office edit
    # The laptop sends again before it heard of the resolution, then the old package again.
    with a.session() as s:
        s.get(EvidenceItem, ev_id).description = "笔记本第二次：记录完整"
    for package in (net.export(a, audit_id), first):
        again = net.load(db, package)
        assert again.conflicts == 0
        with db.session() as s:
            assert s.scalar(select(Nonconformity)).evidence_text == combined
            assert s.get(Audit, audit_id).objectives == "确认体系持续有效"
            assert list_conflicts(s) == []
    # The resolution travels: the laptop takes it, and never re-opens it.
    net.load(a, net.export(db, audit_id))
    with a.session() as s:
        assert s.scalar(select(Nonconformity)).evidence_text == combined
        assert s.get(Audit, audit_id).objectives == "确认体系持续有效"
    assert _ev(db, ev_id)[0] == "笔记本第二次：记录完整"
    net.load(db, net.export(a, audit_id))
    assert _state(a) == _state(db)
    _clean(db, a)


def _open(db):
    with db.session() as s:
        return [c.seq for c in list_conflicts(s)]


def test_a_lost_middle_package_loses_nothing_and_old_after_new_changes_nothing(office, net):
    db, audit_id, ev_id = office
    a = net.laptop("a")
    net.load(a, net.export(db, audit_id))
    with a.session() as s:
        nc = s.scalar(select(Nonconformity))
        nc.evidence_text = "第一版"
        nc.root_cause = "未建立校准计划"
    p1 = net.export(a, audit_id)
    with a.session() as s:
        s.scalar(select(Nonconformity)).evidence_text = "第二版"
        s.get(EvidenceItem, ev_id).description = "第二个包才有"
    p2 = net.export(a, audit_id)
    net.load(db, p2)  # p1 never arrived: p2 repeats what the office did not acknowledge
    with db.session() as s:
        nc = s.scalar(select(Nonconformity))
        assert (nc.evidence_text, nc.root_cause) == ("第二版", "未建立校准计划")
    late = net.load(db, p1)  # the older package after the newer one
    assert late.applied == 0 and late.conflicts == 0
    with db.session() as s:
        assert s.scalar(select(Nonconformity)).evidence_text == "第二版"
    assert _ev(db, ev_id)[0] == "第二个包才有"
    _clean(db)


def test_archive_vs_edit_and_two_judgements_are_conflicts(office, net):
    db, audit_id, ev_id = office
    a, b = net.laptop("a"), net.laptop("b")
    net.load(a, net.export(db, audit_id))
    net.load(b, net.export(db, audit_id))
    with db.session() as s:
        s.get(EvidenceItem, ev_id).archived = True
    with a.session() as s:
        s.get(EvidenceItem, ev_id).description = "笔记本A补充：记录完整"
        s.scalar(select(ClauseJudgement)).judgement = Judgement.NONCONFORMITY
    with b.session() as s:
        s.scalar(select(ClauseJudgement)).judgement = Judgement.OBSERVATION
    net.load(db, net.export(a, audit_id))
    result = net.load(db, net.export(b, audit_id))
    with db.session() as s:
        fields = sorted((c.entity, c.field) for c in list_conflicts(s))
        assert fields == [("clause_judgement", "judgement"), ("evidence_item", "archived")]
        judgement = next(c for c in list_conflicts(s) if c.field == "judgement")
        assert {decoded(judgement.local_value), decoded(judgement.incoming_value)} == {
            "nonconformity",
            "observation",
        }
    assert result.conflicts == 1
    assert _ev(db, ev_id)[0] == "笔记本A补充：记录完整"  # the edit is kept, not dropped
    # Laptops converge, conflicts included, once everyone has everything.
    old_a = net.export(a, audit_id)
    net.load(a, net.export(db, audit_id))
    net.load(b, net.export(db, audit_id))
    assert _state(a) == _state(b) == _state(db)
    # The lead keeps the archive and takes laptop B's judgement; both resolutions travel and
    # an old package of laptop A does not re-open either.
    with db.session(user="li") as s:
        for c in list_conflicts(s):
            keep = c.field == "archived" or decoded(c.local_value) == "observation"
            resolve_conflict(s, c.seq, "local" if keep else "incoming")
    assert _ev(db, ev_id)[2] is True
    again = net.load(db, old_a)
    assert again.conflicts == 0 and _open(db) == []
    for laptop in (a, b):
        net.load(laptop, net.export(db, audit_id))
        with laptop.session() as s:
            assert s.scalar(select(ClauseJudgement)).judgement == Judgement.OBSERVATION
        assert _ev(laptop, ev_id)[2] is True
    assert _state(a) == _state(b) == _state(db)
    _clean(db, a, b)


def test_removed_links_and_cleared_values_travel(office, net):
    db, audit_id, ev_id = office
    a = net.laptop("a")
    net.load(a, net.export(db, audit_id))
    with a.session() as s:
        ev = s.get(EvidenceItem, ev_id)
        ev.clauses = [_clause(s, "8.5.4")]  # 7.1.4 removed, 8.5.4 added
        s.scalar(select(Nonconformity)).reason = ""
    net.load(db, net.export(a, audit_id))
    assert _ev(db, ev_id)[1] == ["8.5.4"]
    with db.session() as s:
        assert s.scalar(select(Nonconformity)).reason == ""
    _clean(db, a)


def test_roles_and_the_lock_hold_at_merge_and_refused_changes_are_kept(office, net):
    db, audit_id, ev_id = office
    a = net.laptop("a")
    net.load(a, net.export(db, audit_id))
    with a.session(user="wang") as s:  # an auditor on the laptop
        s.scalar(select(Organisation)).name_zh = "改名后的公司"
        cert = s.scalar(select(Certificate))
        cert.expiry_date = (cert.expiry_date or dt.date(2029, 3, 14)) + dt.timedelta(days=3 * 365)
        s.get(EvidenceItem, ev_id).description = "王：现场记录完整"
    result = net.load(db, net.export(a, audit_id))
    reasons = {(r["entity"], r["field"]): r["reasons"] for r in result.refused}
    assert reasons[("organisation", "name_zh")] == ["role"]
    assert reasons[("certificate", "expiry_date")] == ["role"]
    with db.session() as s:
        assert s.scalar(select(Organisation)).name_zh == "深圳市示例科技有限公司"  # not applied
        held = {(h.entity, h.field): h for h in list_refused(s)}
    assert _ev(db, ev_id)[0] == "王：现场记录完整"  # the auditor's own work is merged
    assert held[("organisation", "name_zh")].values[0][:2] == ("改名后的公司", "wang")
    # An admin accepts the rename and drops the expiry move; both decisions travel.
    with db.session() as s:
        decide_refused(s, held[("organisation", "name_zh")].ref, accept=True)
        decide_refused(s, held[("certificate", "expiry_date")].ref, accept=False)
        assert s.scalar(select(Organisation)).name_zh == "改名后的公司"
        assert list_refused(s) == []
    # The report is issued at the office; a late package from the laptop is refused, visibly.
    with db.session() as s:
        s.get(Audit, audit_id).locked = True
    with a.session(user="wang") as s:
        s.get(EvidenceItem, ev_id).description = "报告签发后才改"
    late = net.load(db, net.export(a, audit_id))
    assert {r["reasons"][0] for r in late.refused} == {"locked"}
    assert _ev(db, ev_id)[0] == "王：现场记录完整"
    _clean(db, a)


def test_an_nc_closed_on_a_laptop_needs_a_lead_and_arrives_with_its_date(office, net):
    from auditdesk.services import nonconformities as ncs

    db, audit_id, ev_id = office
    a = net.laptop("a")
    with a.session() as s:
        create_user(s, "li", "lead-pass-1", Role.LEAD)
    net.load(a, net.export(db, audit_id))
    day = dt.date(2027, 1, 19)
    with a.session(user="li") as s:
        nc = s.scalar(select(Nonconformity))
        nc.evidence = [s.get(EvidenceItem, ev_id)]
        s.flush()
        ncs.issue_nc(s, nc.id, on=day)
        ncs.record_response(
            s, nc.id, ncs.NCResponse("校准", "无计划", "建立计划", "张三", day, received_on=day)
        )
        ncs.accept_response(s, nc.id)
        ncs.verify_nc(
            s,
            nc.id,
            ncs.Verification(
                method=VerificationMethod.DOCUMENT_REVIEW, effectiveness="有效", verified_on=day
            ),
        )
        ncs.close_nc(s, nc.id, on=day)
        nc_id = nc.id
    result = net.load(db, net.export(a, audit_id))
    assert result.refused == []
    with db.session() as s:
        nc = s.get(Nonconformity, nc_id)
        assert nc.state.value == "closed" and nc.closed_on == day
        assert [t.action for t in ncs.history(s, nc_id)][-1] == "close"
    _clean(db, a)


def test_a_gap_is_refused_with_the_package_to_import_first(office, net, backend, tmp_path):
    if backend != "sqlite":
        pytest.skip("restores the office database file from a copy")
    db, audit_id, _ = office
    path = db.url.split("///", 1)[1]
    db.engine.dispose()
    shutil.copy(path, tmp_path / "backup.sqlite3")
    a = net.laptop("a")
    net.load(a, net.export(db, audit_id))
    with a.session() as s:
        s.scalar(select(Nonconformity)).reason = "笔记本"
    p1 = net.export(a, audit_id)
    p2 = net.export(a, audit_id)
    db.engine.dispose()
    shutil.copy(tmp_path / "backup.sqlite3", path)  # the office restored from an older backup
    before = _count_sync(db)
    with pytest.raises(PackageMissing) as info:
        net.load(db, p2)
    assert "package 1 from" in str(info.value) and "is missing — import it first" in str(info.value)
    assert info.value.reason == "missing_package" and isinstance(info.value, PackageRefused)
    assert _count_sync(db) == before  # nothing written
    del p1


def _count_sync(db):
    with db.session() as s:
        return [
            s.scalar(select(func.count()).select_from(text(t)))
            for t in ("sync_entry", "sync_peer", "change_log", "merge_conflict")
        ]


def test_the_office_remembers_chain_heads_and_sees_a_rewritten_laptop_history(office, net):
    db, audit_id, ev_id = office
    a = net.laptop("a")
    net.load(a, net.export(db, audit_id))
    with a.session() as s:
        s.get(EvidenceItem, ev_id).description = "第一次"
    first = net.load(db, net.export(a, audit_id))
    assert first.history_rewritten is False
    with a.session() as s:
        laptop_id = causal_store.replica_id(s)
    with db.session() as s:
        seen = s.get(SyncWitness, laptop_id)
        assert seen.seq > 0 and len(seen.hash) == 64 and not seen.rewritten
    with a.session() as s:
        s.get(EvidenceItem, ev_id).description = "第二次"
    assert net.load(db, net.export(a, audit_id)).history_rewritten is False
    # Someone rewrites the laptop's log (drops the append-only guard, changes a row and
    # re-chains every hash after it: the chain itself is consistent again).
    _rewrite_history(a)
    with a.session() as s:
        s.get(EvidenceItem, ev_id).description = "第三次"
    third = net.load(db, net.export(a, audit_id))
    assert third.history_rewritten is True
    with db.session() as s:
        assert s.get(SyncWitness, laptop_id).rewritten is True


def _rewrite_history(laptop):
    from auditdesk.storage.changelog import canonical_row, row_hash

    with laptop.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER IF EXISTS change_log_no_update"))
        rows = conn.execute(text("SELECT * FROM change_log ORDER BY seq")).mappings().all()
        first = next(r for r in rows if r["field"] == "description")
        prev = None
        for r in rows:
            if r["seq"] < first["seq"]:
                prev = r["hash"]
                continue
            new = '"改写过的历史"' if r["seq"] == first["seq"] else r["new"]
            digest = row_hash(
                r["prev_hash"] if prev is None else prev,
                canonical_row(
                    r["seq"],
                    r["at"],
                    r["user"],
                    r["entity"],
                    r["entity_id"],
                    r["action"],
                    r["field"],
                    r["old"],
                    new,
                    r["state"],
                ),
            )
            conn.execute(
                text("UPDATE change_log SET new=:n, prev_hash=:p, hash=:h WHERE seq=:s"),
                {
                    "n": new,
                    "p": r["prev_hash"] if prev is None else prev,
                    "h": digest,
                    "s": r["seq"],
                },
            )
            prev = digest


def test_the_client_history_travels_to_the_laptop(office, net):
    """Issue 14 point 4: the office had 5 previous NCs for the audit, the laptop 0."""
    from auditdesk.model import NCGrade
    from auditdesk.services.nonconformities import NCDraft, issue_nc, previous_ncs, raise_nc

    db, audit_id, _ = office
    with db.session() as s:
        earlier, seen = earlier_recertification(s, audit_id)
        for clause in ("7.1.5", "8.5.4", "9.2"):
            nc = raise_nc(
                s,
                NCDraft(
                    audit_id=earlier.id,
                    clause_id=_clause(s, clause).id,
                    grade=NCGrade.MINOR,
                    requirement=f"GB/T 19001-2016 {clause}",
                    evidence_text=f"{clause} 未满足",
                    reason="未满足要求",
                    evidence_ids=[seen.id],
                ),
                on=dt.date(2026, 3, 11),
            )
            issue_nc(s, nc.id, on=dt.date(2026, 3, 11))
        here = sorted(n.number for n in previous_ncs(s, audit_id))
    assert len(here) == 3
    a = net.laptop("a")
    net.load(a, net.export(db, audit_id))
    with a.session() as s:
        assert sorted(n.number for n in previous_ncs(s, audit_id)) == here
    _clean(db, a)


def test_a_report_issued_on_a_laptop_arrives_with_its_revision_that_verifies(office, net):
    from auditdesk.model import ReportRevision
    from auditdesk.services.report_issue import (
        FINGERPRINT_PORTABLE,
        check_revision,
        issue_report,
        verify_revision,
    )

    db, audit_id, _ = office
    a = net.laptop("a")
    with a.session() as s:
        create_user(s, "li", "lead-pass-1", Role.LEAD)
    net.load(a, net.export(db, audit_id))
    with a.session(user="li") as s:
        rev = issue_report(s, audit_id, override_reason="现场签发（测试）")
        fingerprint = rev.fingerprint
        assert verify_revision(s, rev)
    result = net.load(db, net.export(a, audit_id))
    assert result.refused == []
    with db.session() as s:
        (rev,) = s.scalars(select(ReportRevision)).all()
        assert rev.fingerprint == fingerprint and rev.issued_by == "li"
        assert s.get(Audit, audit_id).locked
        # The fingerprint names clauses by standard and number, not by this database's ids:
        # the laptop's revision verifies at the office.
        assert rev.fingerprint_format == FINGERPRINT_PORTABLE
        assert verify_revision(s, rev)
        check = check_revision(s, rev)
        assert check.ok and check.snapshot_found and check.changes == ()
    _clean(db, a)
    # Tampered with at the office (a link to another clause, written past the lock): caught.
    with db.engine.begin() as conn:
        ev = conn.execute(text("SELECT evidence_id FROM evidence_clause")).scalar_one()
        other = conn.execute(
            text(
                "SELECT clause.id FROM clause JOIN standard ON standard.id = clause.standard_id "
                "WHERE clause.number = '8.5.4' AND standard.key = 'ISO9001:2015'"
            )
        ).scalar_one()
        conn.execute(
            text("UPDATE evidence_clause SET clause_id = :c WHERE evidence_id = :e"),
            {"c": other, "e": ev},
        )
    with db.session() as s:
        (rev,) = s.scalars(select(ReportRevision)).all()
        assert not verify_revision(s, rev)
        check = check_revision(s, rev)
        assert not check.ok
        assert {(c.table, c.kind) for c in check.changes} == {
            ("evidence_clauses", "added"),
            ("evidence_clauses", "removed"),
        }
