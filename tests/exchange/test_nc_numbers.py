"""NC numbers raised offline on two laptops: both auditors of a team take the audit package,
each raises an NC and both get the same next number (NC-<audit>-01). At the office both
packages merge: both NCs are kept, and the number of an NC is never changed silently — the
renumbering is in the import result, a merge conflict the lead sees and the NC's history."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from auditdesk.exchange.conflicts import decoded, list_conflicts, resolve_conflict
from auditdesk.exchange.package import export_package, import_package
from auditdesk.model import Audit, EvidenceItem, NCGrade, Nonconformity
from auditdesk.services.errors import ValidationFailed
from auditdesk.services.nonconformities import NCDraft, history, issue_nc, raise_nc
from auditdesk.services.setup import open_database
from auditdesk.storage.integrity import check_database
from tests.exchange.package_helpers import _clause, build_office


@pytest.fixture
def office(database):
    return build_office(database)


def _laptop(tmp_path, name):
    return open_database(f"sqlite:///{tmp_path / name / 'laptop.sqlite3'}", create=True)


def _take_audit(db, audit_id, tmp_path, name):
    """The office packs the audit; an auditor unpacks it on their laptop."""
    out = tmp_path / f"to-{name}.adpkg"
    with db.session() as s:
        export_package(s, [audit_id], out)
    laptop = _laptop(tmp_path, name)
    with laptop.session() as s:
        import_package(s, out)
    return laptop


def _raise(laptop, audit_id, ev_id, clause, text, *, issue=False):
    with laptop.session() as s:
        nc = raise_nc(
            s,
            NCDraft(
                audit_id=audit_id,
                clause_id=_clause(s, clause).id,
                grade=NCGrade.MINOR,
                requirement=f"GB/T 19001-2016 {clause}",
                evidence_text=text,
                reason="未满足要求",
                evidence_ids=[ev_id],
            ),
            on=dt.date(2027, 1, 19),
        )
        if issue:
            issue_nc(s, nc.id, on=dt.date(2027, 1, 19))
        return nc.id, nc.number


def _bring_back(laptop, audit_id, tmp_path, name):
    out = tmp_path / f"from-{name}.adpkg"
    with laptop.session() as s:
        export_package(s, [audit_id], out)
    return out


def _numbers(db):
    with db.session() as s:
        return {str(nc.id): nc.number for nc in s.scalars(select(Nonconformity))}


def test_two_laptops_raise_the_same_number_and_the_office_keeps_both(office, tmp_path):
    db, audit_id, ev_id = office
    with db.session() as s:
        audit_number = s.get(Audit, audit_id).number
    laptop_a = _take_audit(db, audit_id, tmp_path, "wang")
    laptop_b = _take_audit(db, audit_id, tmp_path, "zhao")
    a_id, a_number = _raise(laptop_a, audit_id, ev_id, "7.1.5", "2把游标卡尺未校准")
    b_id, b_number = _raise(laptop_b, audit_id, ev_id, "8.5.4", "成品仓库温湿度超标未处理")
    taken = f"NC-{audit_number}-01"
    assert a_number == b_number == taken  # the defect's premise: offline, each laptop counts alone

    with db.session() as s:
        first = import_package(s, _bring_back(laptop_a, audit_id, tmp_path, "wang"))
    with db.session() as s:  # before the fix: PackageRefused "clash", the whole package refused
        second = import_package(s, _bring_back(laptop_b, audit_id, tmp_path, "zhao"))
    assert first.renumbered == []

    # Both NCs are here, with their statements; the one that arrived second moved to the next number.
    numbers = _numbers(db)
    assert numbers[str(a_id)] == taken
    assert numbers[str(b_id)] == f"NC-{audit_number}-02"
    with db.session() as s:
        assert s.get(Nonconformity, b_id).evidence_text == "成品仓库温湿度超标未处理"
        assert s.scalar(select(EvidenceItem.id).where(EvidenceItem.id == ev_id)) == ev_id

    # Said in the import result ...
    (moved,) = second.renumbered
    assert (moved.nc_id, moved.number, moved.new_number) == (
        str(b_id),
        taken,
        f"NC-{audit_number}-02",
    )
    assert moved.kept_by == str(a_id) and moved.issued is False
    # ... as a merge conflict the lead sees (here: the new number; from the laptop: the old one) ...
    with db.session() as s:
        (conflict,) = list_conflicts(s)
        assert (conflict.entity, conflict.entity_id, conflict.field) == (
            "nonconformity",
            str(b_id),
            "number",
        )
        assert decoded(conflict.local_value) == f"NC-{audit_number}-02"
        assert decoded(conflict.incoming_value) == taken
        assert second.conflict_ids == [conflict.seq] and second.conflicts == 1
        # ... and in the NC's own history.
        step = history(s, b_id)[-1]
        assert (
            step.action == "renumber"
            and taken in step.note
            and f"NC-{audit_number}-02" in step.note
        )
    assert check_database(db.url).ok

    # Merging the same package again changes nothing and raises no second conflict.
    with db.session() as s:
        again = import_package(s, _bring_back(laptop_b, audit_id, tmp_path, "zhao"))
    assert again.renumbered == [] and again.conflicts == 0 and _numbers(db) == numbers

    # The lead cannot take the laptop's number while another NC holds it (no crash, a reason).
    with pytest.raises(ValidationFailed) as info, db.session() as s:
        resolve_conflict(s, conflict.seq, "incoming")
    assert info.value.errors == {"number": "taken"}
    with db.session() as s:
        resolve_conflict(s, conflict.seq, "local")

    # Back on laptop B the NC takes its new number, and A's NC arrives with the old one.
    with db.session() as s:
        export_package(s, [audit_id], tmp_path / "round2.adpkg")
    for laptop in (laptop_b, laptop_a):
        with laptop.session() as s:
            result = import_package(s, tmp_path / "round2.adpkg")
        assert result.renumbered == [] and result.conflicts == 0
        assert _numbers(laptop) == numbers
        laptop.close()


def test_an_issued_nc_keeps_its_number_and_the_draft_moves(office, tmp_path):
    """The client may hold an issued NC's number on a printed form: when the NC already here is
    a draft and the incoming one was issued, the draft here moves, visibly."""
    db, audit_id, ev_id = office
    with db.session() as s:
        audit_number = s.get(Audit, audit_id).number
    laptop_a = _take_audit(db, audit_id, tmp_path, "wang")
    laptop_b = _take_audit(db, audit_id, tmp_path, "zhao")
    a_id, _ = _raise(laptop_a, audit_id, ev_id, "7.1.5", "2把游标卡尺未校准")
    b_id, _ = _raise(laptop_b, audit_id, ev_id, "8.5.4", "成品仓库温湿度超标未处理", issue=True)
    with db.session() as s:
        import_package(s, _bring_back(laptop_a, audit_id, tmp_path, "wang"))
    with db.session() as s:
        result = import_package(s, _bring_back(laptop_b, audit_id, tmp_path, "zhao"))
    taken, next_free = f"NC-{audit_number}-01", f"NC-{audit_number}-02"
    assert _numbers(db)[str(b_id)] == taken and _numbers(db)[str(a_id)] == next_free
    (moved,) = result.renumbered
    assert (moved.nc_id, moved.number, moved.new_number, moved.kept_by) == (
        str(a_id),
        taken,
        next_free,
        str(b_id),
    )
    with db.session() as s:
        (conflict,) = list_conflicts(s)
        assert (conflict.entity_id, decoded(conflict.local_value)) == (str(a_id), next_free)
        assert history(s, a_id)[-1].action == "renumber"
    # Laptop A learns its draft's new number on the next package.
    with db.session() as s:
        export_package(s, [audit_id], tmp_path / "round2.adpkg")
    with laptop_a.session() as s:
        assert import_package(s, tmp_path / "round2.adpkg").conflicts == 0
    assert _numbers(laptop_a) == _numbers(db)
    laptop_a.close()
    laptop_b.close()


def test_three_laptops_get_three_numbers(office, tmp_path):
    db, audit_id, ev_id = office
    with db.session() as s:
        audit_number = s.get(Audit, audit_id).number
    laptops = [_take_audit(db, audit_id, tmp_path, name) for name in ("wang", "zhao", "sun")]
    ids = [_raise(lt, audit_id, ev_id, "7.1.5", f"发现{i}")[0] for i, lt in enumerate(laptops)]
    for lt, name in zip(laptops, ("wang", "zhao", "sun"), strict=True):
        with db.session() as s:
            import_package(s, _bring_back(lt, audit_id, tmp_path, name))
        lt.close()
    numbers = _numbers(db)
    assert [numbers[str(i)] for i in ids] == [f"NC-{audit_number}-{n:02d}" for n in (1, 2, 3)]
    with db.session() as s:
        assert len(list_conflicts(s)) == 2
    # The lead may give a moved NC another free number; that too is a step in its history.
    with db.session(user="li") as s:
        first = list_conflicts(s)[0]
        resolve_conflict(s, first.seq, "edited", f"NC-{audit_number}-09")
        nc = s.get(Nonconformity, uuid.UUID(first.entity_id))
        assert nc.number == f"NC-{audit_number}-09"
        assert history(s, nc.id)[-1].action == "renumber" and history(s, nc.id)[-1].by_user == "li"


def test_numbers_swapped_on_a_laptop_merge_without_a_clash(office, tmp_path):
    """Two NCs here change numbers with each other on the laptop: each takes the other's number
    (one side changed), which means one number is briefly free — never held twice."""
    db, audit_id, ev_id = office
    laptop = _take_audit(db, audit_id, tmp_path, "wang")
    first, _ = _raise(laptop, audit_id, ev_id, "7.1.5", "发现一")
    second, _ = _raise(laptop, audit_id, ev_id, "8.5.4", "发现二")
    with db.session() as s:
        import_package(s, _bring_back(laptop, audit_id, tmp_path, "wang"))
    before = _numbers(db)
    with laptop.session() as s:
        a, b = s.get(Nonconformity, first), s.get(Nonconformity, second)
        a_number, b_number = a.number, b.number
        a.number = "swap"
        s.flush()
        b.number = a_number
        s.flush()
        a.number = b_number
    with db.session() as s:
        result = import_package(s, _bring_back(laptop, audit_id, tmp_path, "wang"))
    assert result.renumbered == [] and result.conflicts == 0 and result.updated == 2
    after = _numbers(db)
    assert (after[str(first)], after[str(second)]) == (before[str(second)], before[str(first)])
    laptop.close()


def test_the_cli_says_which_nc_moved_and_whether_the_client_has_the_old_number(
    office, tmp_path, capsys, monkeypatch
):
    """``auditdesk import package`` prints one line per moved NC, not only "conflicts 1"."""
    from auditdesk.cli import main
    from tests.cli.conftest import ADMIN_PASSWORD, add_admin

    db, audit_id, ev_id = office
    as_office = add_admin(db, "office-admin")
    monkeypatch.setenv("AUDITDESK_PASSWORD", ADMIN_PASSWORD)
    with db.session() as s:
        audit_number = s.get(Audit, audit_id).number
    laptop_a = _take_audit(db, audit_id, tmp_path, "wang")
    laptop_b = _take_audit(db, audit_id, tmp_path, "zhao")
    _raise(laptop_a, audit_id, ev_id, "7.1.5", "2把游标卡尺未校准", issue=True)
    _raise(laptop_b, audit_id, ev_id, "8.5.4", "成品仓库温湿度超标未处理", issue=True)
    packages = [
        _bring_back(laptop, audit_id, tmp_path, name)
        for laptop, name in ((laptop_a, "wang"), (laptop_b, "zhao"))
    ]
    for laptop in (laptop_a, laptop_b):
        laptop.close()
    db.close()
    for package in packages:
        assert main(["import", "package", "--db", db.url, str(package), *as_office]) == 0
    out = capsys.readouterr().out
    assert f"renumbered NC-{audit_number}-01 -> NC-{audit_number}-02" in out
    assert "tell the client" in out  # both were issued: the moved one's form shows the old number
    assert out.count("renumbered ") == 1
