"""Online sync (issue 14 point 6): ``auditdesk sync --db LAPTOP --with OFFICE`` on a SQLite
office and on a PostgreSQL office (``database`` runs both), laptops on SQLite files made by
``auditdesk init``. Each test asserts no value is lost, the causal states converge and
``auditdesk check`` stays clean."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import select

from auditdesk.cli import main
from auditdesk.exchange.causal import store as causal_store
from auditdesk.exchange.conflicts import decoded, list_conflicts
from auditdesk.exchange.online import sync
from auditdesk.exchange.package import export_package, import_package
from auditdesk.model import Attachment, EvidenceItem, Nonconformity, Organisation, Role
from auditdesk.services.setup import open_database
from auditdesk.services.users import create_user
from auditdesk.storage.integrity import check_database
from tests.exchange.package_helpers import PHOTO, build_office, everything, store_of

pytestmark = pytest.mark.slow  # real databases, several syncs each

PASSWORD = "auditor-pass-1"


@pytest.fixture
def office(database, monkeypatch):
    db, audit_id, ev_id = build_office(database)
    with db.session() as s:
        create_user(s, "wang", PASSWORD, Role.AUDITOR)
    monkeypatch.setenv("AUDITDESK_PASSWORD", PASSWORD)
    return db, audit_id, ev_id


def _init_laptop(path):
    """A new laptop database the way an auditor makes one: ``auditdesk init``."""
    assert main(["init", "--db", str(path), "--admin", "wang"]) == 0
    return open_database(f"sqlite:///{path}")


def _cli_sync(laptop_path, office_db, *extra):
    return main(
        ["sync", "--db", str(laptop_path), "--with", office_db.url, "--user", "wang", *extra]
    )


def _state(db):
    with db.session() as s:
        replica = causal_store.load(s)
    return {k: (r.siblings, r.seen) for k, r in replica.registers.items()}, replica.context


def _records(db):
    """Every row count but the sync bookkeeping and the sign-in log."""
    return {
        k: v
        for k, v in everything(db).items()
        if not k.startswith("sync_") and k not in ("sign_in_event", "alembic_version")
    }


def _nc(db):
    with db.session() as s:
        nc = s.scalar(select(Nonconformity))
        return nc.evidence_text, sorted(str(e.id) for e in nc.evidence)


def _clean(*dbs):
    for db in dbs:
        report = check_database(db.url)
        assert report.ok, report


def test_day_one_init_sync_edit_sync_reaches_the_office(office, tmp_path, capsys):
    db, audit_id, ev_id = office
    path = tmp_path / "laptop" / "wang.sqlite3"
    laptop = _init_laptop(path)
    laptop.close()
    assert _cli_sync(path, db) == 1  # a new laptop must be told which audits to bring
    assert "holds no audit yet" in capsys.readouterr().err
    assert _cli_sync(path, db, "--audit", str(audit_id)) == 0
    assert "the laptop holds 1 audit(s)" in capsys.readouterr().out
    laptop = open_database(f"sqlite:///{path}")
    try:
        with laptop.session() as s:
            ev = s.get(EvidenceItem, ev_id)
            assert [c.number for c in ev.clauses] == ["7.1.4"]
            sha = s.scalar(select(Attachment.sha256))
        assert store_of(laptop).path_of(sha).read_bytes() == PHOTO
        with laptop.session(user="wang") as s:
            s.get(EvidenceItem, ev_id).description = "现场：仓库温湿度记录缺3天"
            nc = s.scalar(select(Nonconformity))
            nc.evidence_text = "现场：2把游标卡尺未校准"
            nc.evidence = [s.get(EvidenceItem, ev_id)]
        assert _cli_sync(path, db) == 0  # the next sync keeps the audits the laptop holds
        with db.session() as s:
            assert s.get(EvidenceItem, ev_id).description == "现场：仓库温湿度记录缺3天"
        assert _nc(db) == ("现场：2把游标卡尺未校准", [str(ev_id)])
        assert _state(laptop) == _state(db)
        _clean(db, laptop)
    finally:
        laptop.close()


def _filled(office, tmp_path, name="wang"):
    db, audit_id, _ = office
    path = tmp_path / name / "l.sqlite3"
    _init_laptop(path).close()
    laptop = open_database(f"sqlite:///{path}")
    sync(laptop, db, laptop_user="wang", office_user="wang", audit_ids=[audit_id])
    return laptop


def test_a_repeated_sync_changes_nothing(office, tmp_path):
    db, _, ev_id = office
    laptop = _filled(office, tmp_path)
    try:
        with laptop.session(user="wang") as s:
            s.get(EvidenceItem, ev_id).description = "笔记本修改"
        with db.session(user="li") as s:
            s.scalar(select(Nonconformity)).reason = "办公室修改"
        first = sync(laptop, db, laptop_user="wang", office_user="wang")
        assert first.changed and first.up.updated and first.down.updated
        before = _records(db), _records(laptop), _state(db), _state(laptop)
        again = sync(laptop, db, laptop_user="wang", office_user="wang")
        assert not again.changed
        assert (again.up.applied, again.down.applied) == (0, 0)
        assert (_records(db), _records(laptop), _state(db), _state(laptop)) == before
        assert _state(db) == _state(laptop)
        _clean(db, laptop)
    finally:
        laptop.close()


def _round_trip(via, laptop, db, audit_id, tmp_path):
    """Laptop → office → laptop, by online sync or by two package files."""
    if via == "sync":
        return sync(laptop, db, laptop_user="wang", office_user="wang").up
    with laptop.session(user="wang") as s:
        export_package(s, [audit_id], tmp_path / "up.adpkg")
    with db.session(user="li") as s:
        result = import_package(s, tmp_path / "up.adpkg")
    with db.session(user="li") as s:
        export_package(s, [audit_id], tmp_path / "down.adpkg")
    with laptop.session(user="wang") as s:
        import_package(s, tmp_path / "down.adpkg")
    return result


@pytest.mark.parametrize("via", ["sync", "package"])
def test_a_concurrent_office_edit_is_one_conflict_as_through_a_package(via, office, tmp_path):
    db, audit_id, _ = office
    laptop = _filled(office, tmp_path)
    try:
        with laptop.session(user="wang") as s:
            s.scalar(select(Nonconformity)).evidence_text = "笔记本：2把卡尺"
        with db.session(user="li") as s:
            s.scalar(select(Nonconformity)).evidence_text = "办公室：3把卡尺"
        up = _round_trip(via, laptop, db, audit_id, tmp_path)
        assert up.conflicts == 1
        for side in (db, laptop):
            with side.session() as s:
                rows = [
                    (c.entity, c.field, decoded(c.local_value), decoded(c.incoming_value))
                    for c in list_conflicts(s)
                ]
            assert len(rows) == 1 and rows[0][:2] == ("nonconformity", "evidence_text")
            assert {rows[0][2], rows[0][3]} == {"笔记本：2把卡尺", "办公室：3把卡尺"}
        with db.session() as s:
            (row,) = list_conflicts(s)
            assert (decoded(row.local_value), row.incoming_by) == ("办公室：3把卡尺", "wang")
        assert _state(db) == _state(laptop)
        _clean(db, laptop)
    finally:
        laptop.close()


def test_sync_refuses_what_the_auditor_may_not_change_as_a_package_does(office, tmp_path):
    db, _, _ = office
    laptop = _filled(office, tmp_path)
    try:
        with laptop.session(user="wang") as s:
            s.scalar(select(Organisation)).name_zh = "改名后的公司"
        result = sync(laptop, db, laptop_user="wang", office_user="wang")
        assert [r["reasons"] for r in result.up.refused] == [["role"]]
        with db.session() as s:
            assert s.scalar(select(Organisation)).name_zh == "深圳市示例科技有限公司"
        _clean(db, laptop)
    finally:
        laptop.close()


class Interrupted(Exception):
    pass


# The progress calls of one sync, in order: (step, text). Those inside a transaction come
# just before its commit.
BREAKS = [1, 2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize("at", BREAKS)
def test_an_interrupted_sync_writes_nothing_partial_and_the_next_completes(at, office, tmp_path):
    db, _, ev_id = office
    laptop = _filled(office, tmp_path)
    try:
        with laptop.session(user="wang") as s:
            s.get(EvidenceItem, ev_id).description = "笔记本修改"
        with db.session(user="li") as s:
            s.scalar(select(Nonconformity)).reason = "办公室修改"
        office_before, laptop_before = _records(db), _records(laptop)
        calls = []

        def progress(done, total, text):
            calls.append((done, text))
            if len(calls) == at:
                raise Interrupted(text)

        with pytest.raises(Interrupted):
            sync(laptop, db, laptop_user="wang", office_user="wang", progress=progress)
        with db.session() as s:
            described = s.get(EvidenceItem, ev_id).description
        # The office took the laptop's edit whole (its transaction committed) or not at all.
        assert described in ("抽查了2026年12月的仓库温湿度记录。", "笔记本修改")
        if described != "笔记本修改":
            assert _records(db) == office_before
        with laptop.session() as s:
            reason = s.scalar(select(Nonconformity)).reason
        assert reason in ("不符合7.1.5", "办公室修改")
        if reason == "不符合7.1.5":
            assert _records(laptop) == laptop_before
        sync(laptop, db, laptop_user="wang", office_user="wang")
        for side in (db, laptop):
            with side.session() as s:
                assert s.get(EvidenceItem, ev_id).description == "笔记本修改"
                assert s.scalar(select(Nonconformity)).reason == "办公室修改"
                assert not list_conflicts(s)
        assert _state(db) == _state(laptop)
        _clean(db, laptop)
    finally:
        laptop.close()


KILL = textwrap.dedent(
    """
    import os, signal, sys
    from auditdesk.exchange.online import sync
    from auditdesk.services.setup import open_database

    laptop, office, at = open_database(sys.argv[1]), open_database(sys.argv[2]), sys.argv[3]

    def progress(done, total, text):
        if text == at and getattr(progress, "seen", False):
            os.kill(os.getpid(), signal.SIGKILL)  # inside the transaction, before its commit
        progress.seen = text == at

    sync(laptop, office, laptop_user="wang", office_user="wang", progress=progress)
    """
)


@pytest.mark.parametrize("at", ["office merge", "laptop merge"])
def test_a_sync_killed_mid_transaction_loses_nothing(at, office, tmp_path):
    db, _, ev_id = office
    laptop = _filled(office, tmp_path)
    with laptop.session(user="wang") as s:
        s.get(EvidenceItem, ev_id).description = "笔记本修改"
    with db.session(user="li") as s:
        s.scalar(select(Nonconformity)).reason = "办公室修改"
    office_before, laptop_before = _records(db), _records(laptop)
    laptop_url = laptop.url
    laptop.close()
    proc = subprocess.run(
        [sys.executable, "-c", KILL, laptop_url, db.url, at],
        env={**os.environ},
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
    laptop = open_database(laptop_url)
    try:
        if at == "office merge":
            assert _records(db) == office_before
        assert _records(laptop) == laptop_before
        sync(laptop, db, laptop_user="wang", office_user="wang")
        for side in (db, laptop):
            with side.session() as s:
                assert s.get(EvidenceItem, ev_id).description == "笔记本修改"
                assert s.scalar(select(Nonconformity)).reason == "办公室修改"
        assert _state(db) == _state(laptop)
        _clean(db, laptop)
    finally:
        laptop.close()
